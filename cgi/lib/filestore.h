/*
 * filestore.h — the content-addressed store of uploaded files (var/files).
 *
 * Layout under a root directory given by the caller:
 *   <root>/tmp/up-<32 hex>.part     files being written (O_EXCL, mode 0600, random name)
 *   <root>/<h0h1>/<64 hex>          stored files, named by the SHA-256 of their bytes,
 *                                   read-only (0400); identical bytes are stored once
 *
 * An upload: fs_begin() opens a temp file, fs_write() appends while hashing (SHA-256,
 * OpenSSL's) under a size cap and refuses a disallowed type as soon as its
 * first bytes arrive (filetype.h), fs_commit() fsyncs, decides the type on the whole
 * file, links it into place (if the name exists the bytes are already stored and the
 * temp is dropped), fsyncs the directory and reports the digest, size and type.
 * fs_abort() drops the upload. No stored name ever holds partial bytes: any failure
 * removes the temp file at once. Temp files of a crashed worker are removed by
 * fs_sweep(). Workers should ignore SIGXFSZ so a file-size limit is an error (EFBIG),
 * not a kill.
 *
 * Ownership: struct fs_file is owned by the caller from fs_begin() until fs_commit()
 * or fs_abort(), which free it (exactly one of them must be called). The root string
 * is copied. fs_open_read() hands the caller a file descriptor to close.
 */
#ifndef OCOP_FILESTORE_H
#define OCOP_FILESTORE_H

#include <stddef.h>
#include <stdint.h>

#include "filetype.h"

#define FS_HEX_LEN 64 /* hex SHA-256 */

/* Functions return 0 (or a file descriptor) or the negated code (-FS_E_...). */
enum fs_error {
    FS_OK,
    FS_E_TOO_BIG,   /* over the caller's size cap (413) */
    FS_E_TYPE,      /* a type outside the allow-list, or empty (415); see ft_error */
    FS_E_NOSPACE,   /* the disk or the quota is full, or a file-size limit hit (507) */
    FS_E_IO,        /* any other system error (500) */
    FS_E_BAD_HASH,  /* not 64 lower-case hex digits (404) */
    FS_E_NOT_FOUND, /* no stored file by that hash (404) */
    FS_E_STATE,     /* used after a failure, or bad arguments (500) */
    FS_ERROR__MAX
};
extern const char *const fs_error_names[FS_ERROR__MAX];    /* English, for logs */
extern const char *const fs_error_messages[FS_ERROR__MAX]; /* Vietnamese, for users */
extern const int fs_error_status[FS_ERROR__MAX];           /* HTTP status */
const char *fs_strerror(int rc); /* by return code; out of range gives FS_E_IO's */
int fs_http_status(int rc);

struct fs_file;

struct fs_result {
    char sha256[FS_HEX_LEN + 1]; /* lower-case hex, NUL-terminated */
    uint64_t size;
    enum ft_type type;
    const char *mime; /* static (ft_mime) */
    int existed;      /* the same bytes were already stored */
    int ft_error;     /* on -FS_E_TYPE: the filetype code (-FT_E_...) saying why */
};

/* Starts an upload of at most max_bytes bytes under root (created, with root/tmp, if
 * missing). 0 and *out set, or a negated code. */
int fs_begin(const char *root, uint64_t max_bytes, struct fs_file **out);
/* Appends len bytes. 0, or a negated code (sticky): the temp file is then already
 * removed, and the caller still calls fs_abort(). */
int fs_write(struct fs_file *f, const void *data, size_t len);
/* On -FS_E_TYPE from fs_write, the filetype code saying why (else 0). */
int fs_type_error(const struct fs_file *f);
/* Stores the file: 0 with *res filled, or a negated code (res->ft_error set on
 * -FS_E_TYPE) with the temp file removed and nothing stored (but when only the last
 * directory fsync fails, the complete file may already be in place). Frees f in every
 * case. */
int fs_commit(struct fs_file *f, struct fs_result *res);
/* Drops the upload and frees f (NULL is fine). */
void fs_abort(struct fs_file *f);

/* 1 when s is exactly FS_HEX_LEN lower-case hex digits, else 0. */
int fs_hex_valid(const char *s);
/* Opens a stored file for reading: a descriptor (the caller closes it) and *size, or
 * -FS_E_BAD_HASH, -FS_E_NOT_FOUND, -FS_E_IO. */
int fs_open_read(const char *root, const char *sha256hex, uint64_t *size);
/* Removes temp files under root/tmp last modified more than max_age seconds ago, and
 * those whose writer died (no process holds their lock);
 * *removed (may be NULL) counts them. 0, or -FS_E_IO (after trying them all). */
int fs_sweep(const char *root, int64_t max_age, size_t *removed);

#endif
