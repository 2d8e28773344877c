/*
 * outdir.h — where a site build writes. A build goes into a fresh sibling of the
 * output path ("www" → "www.17"); a file whose bytes equal the previous build's is
 * hard-linked from it instead of written again (same inode, same mtime, so caches and
 * rsync see no change); at the end a manifest is written, everything is synced, and
 * the output path — a symlink — is replaced in one rename, so a reader sees the old
 * build or the new one, never a mix. Older builds beyond the previous one are removed.
 *
 * The manifest (".ocop-site" in the build) records the change signature of the data
 * the build was made from, and per file a key: a hash of everything that went into
 * it. An incremental build reuses a file whose key did not change without rendering
 * it at all, and works in place: over a current build with a manifest it makes no new
 * tree (linking 48,000 files and removing the old tree cost seconds), but replaces each
 * changed file by a synced temporary file renamed over it, removes the files no longer
 * produced, and rewrites the manifest last. A reader sees every file old or new, never
 * half written; for the moment of the update some pages may be new and others not yet.
 * A full build (and an incremental one with no usable manifest) makes a fresh tree.
 *
 * One build at a time per output path: outdir_begin() waits on "<out>.lock".
 *
 * Ownership: struct outdir is the caller's from outdir_begin() until outdir_commit()
 * or outdir_abort(), which free it. Paths given to it are relative to the build
 * ("san-pham/x/index.html"), of [A-Za-z0-9._/-], never starting with '/' or holding
 * "..".
 */
#ifndef OCOP_OUTDIR_H
#define OCOP_OUTDIR_H

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "util.h"
#include <stddef.h>
#include <stdint.h>

#define OUTDIR_KEY_HEX  32 /* hex digits of a key */
#define OUTDIR_MANIFEST ".ocop-site"
#define OUTDIR_SCRATCH  ".ocop-tmp" /* in place: new files until the commit */

struct outdir;

struct outdir_stats {
    size_t files, reused, written, unchanged;
};

/* Locks the output path and creates the fresh build directory next to it. An existing
 * out that is a real directory must be empty or an earlier build; otherwise refused.
 * NULL (logged) on failure. */
struct outdir *outdir_begin(const char *out, int incremental);

/* Incremental builds: when the previous build has path with this key, links it into
 * the new build and returns 1 (nothing to render); 0 when the caller must produce it;
 * -1 on error. Always 0 for a full build. */
int outdir_reuse(struct outdir *od, const char *path, const char key[OUTDIR_KEY_HEX + 1]);

/* Puts data at path in the new build: linked from the previous build when the bytes
 * are the same, written otherwise. key is recorded in the manifest. 0 or -1. */
int outdir_write(struct outdir *od, const char *path, const char key[OUTDIR_KEY_HEX + 1],
                 const void *data, size_t len);

/* Writes the manifest with the signature, syncs, switches out to the new build,
 * removes builds older than the previous one, unlocks and frees od. 0 or -1 (then the
 * new build is removed and out is left as it was). */
int outdir_commit(struct outdir *od, const char *signature, struct outdir_stats *st);

/* A child process (fork) may write into the same build; what it records after a mark
 * is handed back to the parent through a file: outdir_mark() before the fork, the
 * child outdir_export()s, the parent outdir_import()s after the child ended. Files
 * must be distinct between the two. 0 or -1. */
size_t outdir_mark(const struct outdir *od, struct outdir_stats *at);
int outdir_export(const struct outdir *od, size_t mark, const struct outdir_stats *at,
                  uint64_t extra, const struct buf *blob, int fd);
/* extra and blob are the caller's: a figure, and bytes appended to *blob. */
int outdir_import(struct outdir *od, int fd, uint64_t *extra, struct buf *blob);
/* In a helper that failed: removes the files it wrote beside their places (in place). */
void outdir_drop_pending(struct outdir *od);

/* Removes the new build, unlocks and frees od (NULL is fine). */
void outdir_abort(struct outdir *od);

/* A key for data: XXH3's 128-bit hash, in hex. Keys only tell whether a page's inputs
 * changed since the previous build (no secret, no adversary: a page's inputs are what
 * officials recorded); BLAKE2b took a fifth of an incremental build's instructions.
 * Several parts may be hashed one after another with the state API below. xxhash is
 * used header-only (XXH_INLINE_ALL): its state lives on the caller's stack, and its
 * layout is this build's, not a shared library's. */
struct outdir_hash {
    XXH3_state_t st;
};
void outdir_hash_init(struct outdir_hash *h);
void outdir_hash_add(struct outdir_hash *h, const void *data, size_t len);
void outdir_hash_str(struct outdir_hash *h, const char *s); /* with its NUL, so parts stay apart */
void outdir_hash_end(struct outdir_hash *h, char key[OUTDIR_KEY_HEX + 1]);

/* The signature recorded in the manifest of the build at out. 0 or -1. */
int outdir_signature(const char *out, char *sig, size_t size);

#endif
