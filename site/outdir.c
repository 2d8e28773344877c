/*
 * outdir.c — the output tree of a site build (outdir.h): a fresh sibling directory,
 * unchanged files hard-linked from the previous build, a manifest of input keys, and
 * the atomic switch of the output symlink.
 */
#include "outdir.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_MAX (256u << 20)

struct entry {
    const char *path, *key; /* into prev_manifest */
    int seen;               /* produced again by this build (in place) */
};

struct outdir {
    char out[PATH_MAX];    /* as given */
    char parent[PATH_MAX]; /* its directory */
    char name[NAME_MAX + 1];
    char build_name[NAME_MAX + 1]; /* "www.17" */
    char prev_name[NAME_MAX + 1];  /* the previous build's name in parent, "" if none */
    int parent_fd, build_fd, prev_fd, lock_fd;
    int out_is_dir; /* out is a real directory (first build over `ocop init`'s www) */
    int incremental;
    int in_place;             /* incremental, into the current build itself (build_fd == prev_fd) */
    struct buf prev_manifest; /* the previous manifest's text, cut into entries */
    struct entry *entries;    /* in the manifest's order */
    size_t nentries;
    uint32_t *slots;     /* entries by path: open addressing, 1 + index, 0 = empty */
    size_t nslots;       /* a power of two, at least twice nentries */
    struct buf manifest; /* "key path\n" lines of the new build */
    struct buf scratch;  /* the previous file's bytes while comparing */
    struct buf pending;  /* in place: "tmp\0path\0" of each file written to the scratch folder */
    unsigned long seq;   /* names in the scratch folder */
    struct outdir_stats st;
};

/* ---- keys ---- */

void outdir_hash_init(struct outdir_hash *h)
{
    XXH3_128bits_reset(&h->st);
}

void outdir_hash_add(struct outdir_hash *h, const void *data, size_t len)
{
    XXH3_128bits_update(&h->st, data, len);
}

void outdir_hash_str(struct outdir_hash *h, const char *s)
{
    s = s ? s : "";
    XXH3_128bits_update(&h->st, s, strlen(s) + 1);
}

void outdir_hash_end(struct outdir_hash *h, char key[OUTDIR_KEY_HEX + 1])
{
    XXH128_canonical_t bin;

    XXH128_canonicalFromHash(&bin, XXH3_128bits_digest(&h->st));
    hex_encode(bin.digest, sizeof(bin.digest), key);
}

/* ---- helpers ---- */

/* A directory stream over fd from its start (a dup shares the offset with fd, which an
 * earlier listing has moved to the end). The caller closedir()s it. */
static DIR *list_dir(int fd)
{
    int d = dup(fd);
    DIR *dir = d >= 0 ? fdopendir(d) : NULL;

    if (dir)
        rewinddir(dir);
    else if (d >= 0)
        close(d);
    return dir;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    if (remove(path) != 0 && errno != ENOENT)
        log_warn("site: cannot remove %s: %s", path, strerror(errno));
    return 0;
}

/* Removes parent/name and everything under it, never following a symlink. */
static void remove_tree(const char *parent, const char *name)
{
    char path[PATH_MAX * 2];

    snprintf(path, sizeof(path), "%s/%s", parent, name);
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* "www.17" → 17 when name is "<base>.<digits>", else -1. */
static long build_number(const char *entry, const char *base)
{
    size_t n = strlen(base);
    const char *d = entry + n + 1;
    long v = 0;

    if (strncmp(entry, base, n) != 0 || entry[n] != '.' || *d == '\0' || strlen(d) > 9)
        return -1;
    for (; *d; d++) {
        if (*d < '0' || *d > '9')
            return -1;
        v = v * 10 + (*d - '0');
    }
    return v;
}

static int path_ok(const char *p)
{
    size_t i, n = strlen(p);

    if (n == 0 || n > 1024 || p[0] == '/' || p[n - 1] == '/' || strstr(p, "..") || strstr(p, "//"))
        return 0;
    for (i = 0; i < n; i++) {
        char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-' || c == '/'))
            return 0;
    }
    return 1;
}

/* Creates the directories leading to path inside the build. */
static int make_parents(struct outdir *od, const char *path)
{
    char tmp[1100];
    char *s;

    snprintf(tmp, sizeof(tmp), "%s", path);
    for (s = strchr(tmp, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdirat(od->build_fd, tmp, 0755) != 0 && errno != EEXIST) {
            log_err("site: cannot create %s/%s: %s", od->build_name, tmp, strerror(errno));
            return -1;
        }
        *s = '/';
    }
    return 0;
}

static struct entry *find_entry(struct outdir *od, const char *path);
static void clear_scratch(struct outdir *od);

/* Notes path in the new manifest; e is its entry of the previous build when the caller
 * has already looked it up (else NULL: looked up here when working in place). */
static int record(struct outdir *od, struct entry *e, const char *path, const char *key)
{
    if (e == NULL && od->in_place)
        e = find_entry(od, path);
    if (e)
        e->seen = 1;
    od->st.files++;
    return buf_puts(&od->manifest, key) || buf_putc(&od->manifest, ' ') ||
                   buf_puts(&od->manifest, path) || buf_putc(&od->manifest, '\n')
               ? -1
               : 0;
}

/* Hard-links path from the previous build into the new one. 0 or -1 (errno kept). */
static int link_prev(struct outdir *od, const char *path)
{
    if (od->prev_fd < 0) {
        errno = ENOENT;
        return -1;
    }
    if (linkat(od->prev_fd, path, od->build_fd, path, 0) == 0)
        return 0;
    if (errno != ENOENT || make_parents(od, path) != 0)
        return -1;
    return linkat(od->prev_fd, path, od->build_fd, path, 0);
}

/* ---- the previous build ---- */

/* FNV-1a of a path: the slot its entry's search starts from. */
static size_t path_hash(const char *path)
{
    uint64_t h = 0xcbf29ce484222325u;

    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    return (size_t)(h ^ (h >> 32));
}

static struct entry *find_entry(struct outdir *od, const char *path)
{
    size_t mask = od->nslots - 1;

    if (od->nslots == 0)
        return NULL;
    for (size_t i = path_hash(path) & mask;; i = (i + 1) & mask) {
        uint32_t k = od->slots[i];
        if (k == 0)
            return NULL;
        if (strcmp(od->entries[k - 1].path, path) == 0)
            return &od->entries[k - 1];
    }
}

/* Indexes the entries by path (a sort of 48,000 paths took a fifth of an incremental
 * build's instructions; this takes a few hundredths). The first of a repeated path
 * wins. Without memory the previous build is forgotten: a full build follows (in
 * place, unindexed entries would have their pages removed as gone). */
static void index_entries(struct outdir *od)
{
    size_t n = 16, mask;

    while (n < od->nentries * 2)
        n *= 2;
    if (od->nentries > UINT32_MAX - 1 || (od->slots = calloc(n, sizeof(*od->slots))) == NULL) {
        od->nentries = 0;
        return;
    }
    od->nslots = n;
    mask = n - 1;
    for (size_t e = 0; e < od->nentries; e++) {
        size_t i = path_hash(od->entries[e].path) & mask;
        while (od->slots[i] && strcmp(od->entries[od->slots[i] - 1].path, od->entries[e].path))
            i = (i + 1) & mask;
        if (od->slots[i] == 0)
            od->slots[i] = (uint32_t)(e + 1);
    }
}

/* Reads the previous manifest into indexed entries; a missing or odd one gives none. */
static void load_manifest(struct outdir *od)
{
    char *line, *save = NULL;
    size_t cap = 0;
    int fd;

    if (od->prev_fd < 0 || (fd = openat(od->prev_fd, OUTDIR_MANIFEST, O_RDONLY | O_CLOEXEC)) < 0)
        return;
    close(fd);
    {
        char path[PATH_MAX * 2 + 32];
        snprintf(path, sizeof(path), "%s/%s/%s", od->parent,
                 od->prev_name[0] ? od->prev_name : od->name, OUTDIR_MANIFEST);
        if (buf_read_file(&od->prev_manifest, path, MANIFEST_MAX) != 0 ||
            od->prev_manifest.len == 0)
            return;
    }
    for (line = strtok_r(od->prev_manifest.data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *sp = strchr(line, ' ');
        if (sp == NULL || sp - line != OUTDIR_KEY_HEX)
            continue; /* the header lines */
        if (od->nentries == cap) {
            struct entry *e = realloc(od->entries, (cap = cap ? cap * 2 : 1024) * sizeof(*e));
            if (e == NULL)
                return;
            od->entries = e;
        }
        *sp = '\0';
        od->entries[od->nentries++] = (struct entry){sp + 1, line, 0};
    }
    index_entries(od);
}

/* Works out what out is now: absent, a symlink to an earlier build, or a directory. */
static int inspect_out(struct outdir *od)
{
    char target[PATH_MAX];
    struct stat sb;
    ssize_t n;

    if (fstatat(od->parent_fd, od->name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return 0;
        log_err("site: cannot look at %s: %s", od->out, strerror(errno));
        return -1;
    }
    if (S_ISLNK(sb.st_mode)) {
        n = readlinkat(od->parent_fd, od->name, target, sizeof(target) - 1);
        if (n <= 0) {
            log_err("site: cannot read the link %s: %s", od->out, strerror(errno));
            return -1;
        }
        target[n] = '\0';
        if (strchr(target, '/') == NULL && build_number(target, od->name) >= 0) {
            snprintf(od->prev_name, sizeof(od->prev_name), "%.255s", target);
            od->prev_fd = openat(od->parent_fd, target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        }
        return 0;
    }
    if (!S_ISDIR(sb.st_mode)) {
        log_err("site: %s is neither a folder nor a link to a build; it is left alone", od->out);
        return -1;
    }
    od->out_is_dir = 1;
    od->prev_fd = openat(od->parent_fd, od->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (od->prev_fd < 0) {
        log_err("site: cannot open %s: %s", od->out, strerror(errno));
        return -1;
    }
    if (faccessat(od->prev_fd, OUTDIR_MANIFEST, F_OK, 0) == 0)
        return 0;
    {
        DIR *d = list_dir(od->prev_fd);
        struct dirent *e;
        int empty = 1;
        if (d == NULL) {
            log_err("site: cannot list %s: %s", od->out, strerror(errno));
            return -1;
        }
        while ((e = readdir(d)) != NULL)
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
                empty = 0;
        closedir(d);
        if (!empty) {
            log_err("site: %s is a folder that no site build made; it is left alone", od->out);
            return -1;
        }
    }
    close(od->prev_fd);
    od->prev_fd = -1;
    return 0;
}

/* Creates parent/name.N with N one above every existing build. */
static int make_build_dir(struct outdir *od)
{
    DIR *d = list_dir(od->parent_fd);
    struct dirent *e;
    long top = 0, n;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL)
        if ((n = build_number(e->d_name, od->name)) > top)
            top = n;
    closedir(d);
    for (n = top + 1; n < top + 100; n++) {
        snprintf(od->build_name, sizeof(od->build_name), "%.200s.%ld", od->name, n);
        if (mkdirat(od->parent_fd, od->build_name, 0755) == 0)
            break;
        if (errno != EEXIST)
            return -1;
    }
    od->build_fd = openat(od->parent_fd, od->build_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return od->build_fd >= 0 ? 0 : -1;
}

static int split_out(struct outdir *od, const char *out)
{
    const char *slash;
    size_t n = strlen(out);

    while (n > 1 && out[n - 1] == '/')
        n--;
    if (n == 0 || n >= sizeof(od->out))
        return -1;
    snprintf(od->out, sizeof(od->out), "%.*s", (int)n, out);
    slash = strrchr(od->out, '/');
    if (slash == NULL) {
        snprintf(od->parent, sizeof(od->parent), ".");
        snprintf(od->name, sizeof(od->name), "%.200s", od->out);
    } else {
        snprintf(od->parent, sizeof(od->parent), "%.*s",
                 slash == od->out ? 1 : (int)(slash - od->out), od->out);
        snprintf(od->name, sizeof(od->name), "%.200s", slash + 1);
    }
    if (strlen(slash ? slash + 1 : od->out) > 200)
        return -1;
    return od->name[0] && strcmp(od->name, ".") && strcmp(od->name, "..") ? 0 : -1;
}

struct outdir *outdir_begin(const char *out, int incremental)
{
    struct outdir *od = calloc(1, sizeof(*od));
    char lock[PATH_MAX + 8];

    if (od == NULL)
        return NULL;
    od->parent_fd = od->build_fd = od->prev_fd = od->lock_fd = -1;
    od->incremental = incremental;
    if (split_out(od, out) != 0) {
        log_err("site: bad output path '%s'", out);
        goto fail;
    }
    od->parent_fd = open(od->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    snprintf(lock, sizeof(lock), "%s.lock", od->out);
    od->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (od->parent_fd < 0 || od->lock_fd < 0 || flock(od->lock_fd, LOCK_EX) != 0) {
        log_err("site: cannot use %s: %s", od->out, strerror(errno));
        goto fail;
    }
    if (inspect_out(od) != 0)
        goto fail; /* logged */
    if (incremental)
        load_manifest(od);
    if (od->nentries > 0 && !od->out_is_dir) {
        /* incremental over a build with a manifest: changed files are replaced in it */
        od->in_place = 1;
        od->build_fd = dup(od->prev_fd);
        snprintf(od->build_name, sizeof(od->build_name), "%s", od->prev_name);
        if (od->build_fd < 0)
            goto fail;
        clear_scratch(od);
        return od;
    }
    if (make_build_dir(od) != 0) {
        log_err("site: cannot create a build directory beside %s: %s", od->out, strerror(errno));
        goto fail;
    }
    return od;
fail:
    outdir_abort(od);
    return NULL;
}

/* ---- files ---- */

int outdir_reuse(struct outdir *od, const char *path, const char key[OUTDIR_KEY_HEX + 1])
{
    struct entry *e;

    if (!od->incremental || od->nentries == 0)
        return 0;
    e = find_entry(od, path);
    if (e == NULL || strcmp(e->key, key) != 0 || (!od->in_place && link_prev(od, path) != 0))
        return 0;
    od->st.reused++;
    return record(od, e, path, key) == 0 ? 1 : -1;
}

/* 1 when the previous build holds exactly these bytes at path. */
static int same_as_prev(struct outdir *od, const char *path, const void *data, size_t len)
{
    struct stat sb;
    ssize_t n;
    size_t got = 0;
    int fd, same = 0;

    if (od->prev_fd < 0 || (fd = openat(od->prev_fd, path, O_RDONLY | O_CLOEXEC)) < 0)
        return 0;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size != len)
        goto out;
    buf_reset(&od->scratch);
    if (buf_reserve(&od->scratch, len + 1) != 0)
        goto out;
    while (got < len && (n = read(fd, od->scratch.data + got, len - got)) > 0)
        got += (size_t)n;
    same = got == len && memcmp(od->scratch.data, data, len) == 0;
out:
    close(fd);
    return same;
}

/* Creates path with the bytes: a new file (a second write of one path is an error), or
 * with `scratch` whatever is there is overwritten (a temporary name). */
static int write_file(struct outdir *od, const char *path, const void *data, size_t len,
                      int scratch)
{
    const char *p = data;
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (scratch ? O_TRUNC : O_EXCL);
    int fd = openat(od->build_fd, path, flags, 0644);

    if (fd < 0 && errno == ENOENT && make_parents(od, path) == 0)
        fd = openat(od->build_fd, path, flags, 0644);
    if (fd < 0) {
        log_err("site: cannot create %s/%s: %s", od->build_name, path, strerror(errno));
        return -1;
    }
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            log_err("site: cannot write %s/%s: %s", od->build_name, path, strerror(errno));
            close(fd);
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return close(fd);
}

static int write_new(struct outdir *od, const char *path, const void *data, size_t len)
{
    return write_file(od, path, data, len, 0);
}

/* In place, a changed file is written to the scratch folder of the build (OUTDIR_SCRATCH,
 * named by the writing process and a number) and renamed over the old one at the commit,
 * after one syncfs for all of them: an fdatasync each made a rebuild of 400 pages wait
 * for 400 flushes one after another. A reader sees the old file or the new one; a
 * build killed on the way leaves its files in the scratch folder only, which the next
 * one empties. */
static int replace_file(struct outdir *od, const char *path, const void *data, size_t len)
{
    char tmp[64];

    snprintf(tmp, sizeof(tmp), "%s/%ld-%lu", OUTDIR_SCRATCH, (long)getpid(), od->seq++);
    if (write_file(od, tmp, data, len, 1) != 0)
        return -1;
    if (buf_append(&od->pending, tmp, strlen(tmp) + 1) != 0 ||
        buf_append(&od->pending, path, strlen(path) + 1) != 0) {
        unlinkat(od->build_fd, tmp, 0);
        return -1;
    }
    return 0;
}

/* The pending entry at *at: its scratch name (the return) and *path; NULL at the end. */
static const char *next_pending(const struct outdir *od, size_t *at, const char **path)
{
    const char *tmp;

    if (*at >= od->pending.len)
        return NULL;
    tmp = od->pending.data + *at;
    *path = tmp + strlen(tmp) + 1;
    *at = (size_t)(*path + strlen(*path) + 1 - od->pending.data);
    return tmp;
}

/* Renames the pending files into place (flushed first by the caller); with unlink set,
 * removes them instead (an aborted build). 0, or -1 on the first that fails. */
static int settle_pending(struct outdir *od, int unlink)
{
    const char *tmp, *path;
    size_t at = 0;
    int rc = 0;

    while ((tmp = next_pending(od, &at, &path)) != NULL) {
        if (!unlink && rc == 0 && renameat(od->build_fd, tmp, od->build_fd, path) != 0 &&
            (errno != ENOENT || make_parents(od, path) != 0 || /* a new page's folder */
             renameat(od->build_fd, tmp, od->build_fd, path) != 0)) {
            log_err("site: cannot replace %s/%s: %s", od->build_name, path, strerror(errno));
            rc = -1;
        }
        if (unlink || rc != 0)
            unlinkat(od->build_fd, tmp, 0);
    }
    buf_reset(&od->pending);
    return rc;
}

/* Empties the scratch folder of what a killed build left (the lock is held). */
static void clear_scratch(struct outdir *od)
{
    int fd = openat(od->build_fd, OUTDIR_SCRATCH, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *e;

    if (d == NULL) {
        if (fd >= 0)
            close(fd);
        return;
    }
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            unlinkat(fd, e->d_name, 0);
    closedir(d);
}

void outdir_drop_pending(struct outdir *od)
{
    settle_pending(od, 1);
}

int outdir_write(struct outdir *od, const char *path, const char key[OUTDIR_KEY_HEX + 1],
                 const void *data, size_t len)
{
    if (!path_ok(path)) {
        log_err("site: refusing output path '%s'", path);
        return -1;
    }
    if (same_as_prev(od, path, data, len) && (od->in_place || link_prev(od, path) == 0))
        od->st.unchanged++;
    else if ((od->in_place ? replace_file(od, path, data, len) : write_new(od, path, data, len)) ==
             0)
        od->st.written++;
    else
        return -1;
    return record(od, NULL, path, key);
}

/* ---- a helper process ---- */

size_t outdir_mark(const struct outdir *od, struct outdir_stats *at)
{
    *at = od->st;
    return od->manifest.len;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;

    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

int outdir_export(const struct outdir *od, size_t mark, const struct outdir_stats *at,
                  uint64_t extra, const struct buf *blob, int fd)
{
    struct outdir_stats d = {od->st.files - at->files, od->st.reused - at->reused,
                             od->st.written - at->written, od->st.unchanged - at->unchanged};
    uint64_t len = od->manifest.len - mark, plen = od->pending.len, blen = blob->len;

    /* the pending files too: the parent puts them in place at its commit */
    return write_all(fd, &d, sizeof(d)) || write_all(fd, &extra, sizeof(extra)) ||
                   write_all(fd, &len, sizeof(len)) ||
                   write_all(fd, od->manifest.data + mark, (size_t)len) ||
                   write_all(fd, &plen, sizeof(plen)) ||
                   write_all(fd, od->pending.data ? od->pending.data : "", (size_t)plen) ||
                   write_all(fd, &blen, sizeof(blen)) ||
                   write_all(fd, blob->data ? blob->data : "", (size_t)blen)
               ? -1
               : 0;
}

/* Appends len bytes read from fd to b. 0 or -1. */
static int read_into(int fd, struct buf *b, uint64_t len)
{
    size_t want = b->len + (size_t)len;

    if (len > MANIFEST_MAX || buf_reserve(b, (size_t)len) != 0)
        return -1;
    while (b->len < want) {
        ssize_t n = read(fd, b->data + b->len, want - b->len);
        if (n <= 0)
            return -1;
        b->len += (size_t)n;
    }
    b->data[b->len] = '\0';
    return 0;
}

int outdir_import(struct outdir *od, int fd, uint64_t *extra, struct buf *blob)
{
    struct outdir_stats d;
    uint64_t len, plen, blen;
    struct buf b = BUF_INIT;
    int rc = -1;

    if (lseek(fd, 0, SEEK_SET) != 0 || read(fd, &d, sizeof(d)) != (ssize_t)sizeof(d) ||
        read(fd, extra, sizeof(*extra)) != (ssize_t)sizeof(*extra) ||
        read(fd, &len, sizeof(len)) != (ssize_t)sizeof(len) || read_into(fd, &b, len) != 0 ||
        read(fd, &plen, sizeof(plen)) != (ssize_t)sizeof(plen) ||
        read_into(fd, &od->pending, plen) != 0 ||
        read(fd, &blen, sizeof(blen)) != (ssize_t)sizeof(blen) || read_into(fd, blob, blen) != 0)
        goto out;
    if (buf_append(&od->manifest, b.data ? b.data : "", b.len) != 0)
        goto out;
    for (char *line = b.data, *end; od->in_place && line && line < b.data + b.len; line = end + 1) {
        struct entry *e;
        if ((end = memchr(line, '\n', (size_t)(b.data + b.len - line))) == NULL)
            break;
        *end = '\0'; /* "key path": the child's files are this build's too */
        if (end - line > OUTDIR_KEY_HEX && (e = find_entry(od, line + OUTDIR_KEY_HEX + 1)) != NULL)
            e->seen = 1;
    }
    od->st.files += d.files;
    od->st.reused += d.reused;
    od->st.written += d.written;
    od->st.unchanged += d.unchanged;
    rc = 0;
out:
    buf_free(&b);
    return rc;
}

/* ---- the switch ---- */

/* Writes the manifest (the signature, then a line per file) at path: OUTDIR_MANIFEST in
 * a new build, a scratch name in place (scratch set). */
static int write_manifest(struct outdir *od, const char *signature, const char *path, int scratch)
{
    struct buf b = BUF_INIT;
    int rc;

    rc = buf_printf(&b, "ocop-site 1\nsig %s\n", signature) ||
         buf_append(&b, od->manifest.data, od->manifest.len) ||
         write_file(od, path, b.data, b.len, scratch);
    buf_free(&b);
    return rc ? -1 : 0;
}

/* Points out at the new build: one rename of a fresh symlink over it (or, the first
 * time, an exchange with the directory `ocop init` made). */
static int switch_out(struct outdir *od)
{
    char tmp[NAME_MAX + 1];

    snprintf(tmp, sizeof(tmp), ".%.200s.tmp-%ld", od->name, (long)getpid());
    unlinkat(od->parent_fd, tmp, 0);
    if (symlinkat(od->build_name, od->parent_fd, tmp) != 0)
        return -1;
    if (!od->out_is_dir)
        return renameat(od->parent_fd, tmp, od->parent_fd, od->name);
    if (renameat2(od->parent_fd, tmp, od->parent_fd, od->name, RENAME_EXCHANGE) == 0) {
        remove_tree(od->parent, tmp); /* the old directory, now under the temporary name */
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    /* A file system without exchange: a moment without a site, the first time only. */
    {
        char old[NAME_MAX + 1];
        snprintf(old, sizeof(old), ".%.200s.old-%ld", od->name, (long)getpid());
        if (renameat(od->parent_fd, od->name, od->parent_fd, old) != 0 ||
            renameat(od->parent_fd, tmp, od->parent_fd, od->name) != 0)
            return -1;
        remove_tree(od->parent, old);
    }
    return 0;
}

/* Removes builds other than the new one and the previous one, and the temporary names
 * a build that died left behind. */
static void remove_old(struct outdir *od)
{
    DIR *d = list_dir(od->parent_fd);
    struct dirent *e;
    char tmp[NAME_MAX + 1], old[NAME_MAX + 1];
    int nt, no;

    if (d == NULL)
        return;
    nt = snprintf(tmp, sizeof(tmp), ".%.200s.tmp-", od->name);
    no = snprintf(old, sizeof(old), ".%.200s.old-", od->name);
    while ((e = readdir(d)) != NULL) {
        if (!strncmp(e->d_name, tmp, (size_t)nt) || !strncmp(e->d_name, old, (size_t)no)) {
            remove_tree(od->parent, e->d_name);
            continue;
        }
        if (build_number(e->d_name, od->name) < 0 || !strcmp(e->d_name, od->build_name) ||
            !strcmp(e->d_name, od->prev_name))
            continue;
        remove_tree(od->parent, e->d_name);
    }
    closedir(d);
}

/* In place: the new pages and the manifest written beside their places are flushed by
 * one syncfs (the manifest had a flush of its own after the pages': 2 ms of an
 * incremental build), the pages renamed into place, the files the build no longer has
 * removed (and their folders when that leaves them empty), and then the manifest
 * renamed over the old one, recording the new set. */
static int commit_in_place(struct outdir *od, const char *signature)
{
    char manifest[64];

    snprintf(manifest, sizeof(manifest), "%s/%ld-manifest", OUTDIR_SCRATCH, (long)getpid());
    if (write_manifest(od, signature, manifest, 1) != 0 || syncfs(od->build_fd) != 0 ||
        settle_pending(od, 0) != 0) {
        log_err("site: cannot put the new pages of %s in place: %s", od->out, strerror(errno));
        unlinkat(od->build_fd, manifest, 0);
        return -1;
    }
    for (size_t i = 0; i < od->nentries; i++) {
        char dir[1100], *slash;
        if (od->entries[i].seen)
            continue;
        if (unlinkat(od->build_fd, od->entries[i].path, 0) != 0 && errno != ENOENT)
            log_warn("site: cannot remove %s: %s", od->entries[i].path, strerror(errno));
        snprintf(dir, sizeof(dir), "%s", od->entries[i].path);
        while ((slash = strrchr(dir, '/')) != NULL) {
            *slash = '\0';
            if (unlinkat(od->build_fd, dir, AT_REMOVEDIR) != 0)
                break; /* not empty */
        }
    }
    if (renameat(od->build_fd, manifest, od->build_fd, OUTDIR_MANIFEST) != 0) {
        log_err("site: cannot record the build in %s: %s", od->out, strerror(errno));
        unlinkat(od->build_fd, manifest, 0);
        return -1;
    }
    unlinkat(od->build_fd, OUTDIR_SCRATCH, AT_REMOVEDIR); /* empty now */
    if (fsync(od->build_fd) != 0) {
        log_err("site: cannot record the build in %s: %s", od->out, strerror(errno));
        return -1;
    }
    return 0;
}

int outdir_commit(struct outdir *od, const char *signature, struct outdir_stats *st)
{
    if (od->in_place) {
        int rc = commit_in_place(od, signature);
        if (rc == 0 && st)
            *st = od->st;
        outdir_abort(od);
        return rc;
    }
    if (write_manifest(od, signature, OUTDIR_MANIFEST, 0) != 0 || syncfs(od->build_fd) != 0 ||
        switch_out(od) != 0) {
        log_err("site: cannot switch %s to the new build: %s", od->out, strerror(errno));
        outdir_abort(od);
        return -1;
    }
    fsync(od->parent_fd);
    remove_old(od);
    if (st)
        *st = od->st;
    snprintf(od->build_name, sizeof(od->build_name), "%s", ""); /* keep it: abort frees only */
    outdir_abort(od);
    return 0;
}

void outdir_abort(struct outdir *od)
{
    if (od == NULL)
        return;
    if (od->build_fd >= 0) {
        settle_pending(od, 1); /* nothing left after a commit */
        close(od->build_fd);
    }
    if (od->build_name[0] && !od->in_place)
        remove_tree(od->parent, od->build_name);
    if (od->prev_fd >= 0)
        close(od->prev_fd);
    if (od->parent_fd >= 0)
        close(od->parent_fd);
    if (od->lock_fd >= 0)
        close(od->lock_fd); /* releases the lock */
    buf_free(&od->prev_manifest);
    buf_free(&od->manifest);
    buf_free(&od->scratch);
    buf_free(&od->pending);
    free(od->entries);
    free(od->slots);
    free(od);
}

int outdir_signature(const char *out, char *sig, size_t size)
{
    char path[PATH_MAX + 32], line[256];
    FILE *f;
    int rc = -1;

    snprintf(path, sizeof(path), "%s/%s", out, OUTDIR_MANIFEST);
    f = fopen(path, "r");
    if (f == NULL)
        return -1;
    if (fgets(line, sizeof(line), f) && !strcmp(line, "ocop-site 1\n") &&
        fgets(line, sizeof(line), f) && !strncmp(line, "sig ", 4)) {
        line[strcspn(line, "\n")] = '\0';
        rc = (size_t)snprintf(sig, size, "%s", line + 4) < size ? 0 : -1;
    }
    fclose(f);
    return rc;
}
