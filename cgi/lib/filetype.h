/*
 * filetype.h — what an uploaded file is, decided by its bytes (never by its name or
 * the client's Content-Type) against an allow-list: PDF, JPEG, PNG, WebP, and the
 * office documents DOCX, XLSX and ODT, recognised as zip archives with the right
 * entries (macro-enabled documents are refused). Everything else — executables,
 * HTML, SVG, scripts, plain zips, empty files — is refused (415).
 *
 * Two steps: ft_sniff() looks at the first FT_SNIFF_BYTES bytes while a file is still
 * arriving, so a refused type can stop an upload early; ft_detect() decides on the
 * whole stored file, reading a zip's central directory with bounded reads (at most
 * FT_ZIP_MAX_ENTRIES entries, one buffer of 64 KiB).
 *
 * Ownership: the tables are static; nothing here keeps a pointer to its arguments.
 */
#ifndef OCOP_FILETYPE_H
#define OCOP_FILETYPE_H

#include <stddef.h>
#include <stdint.h>

#define FT_SNIFF_BYTES     16    /* ft_sniff decides from this many bytes (or the whole file) */
#define FT_ZIP_MAX_ENTRIES 20000 /* more entries in an office document: refused */

enum ft_type { FT_PDF, FT_JPEG, FT_PNG, FT_WEBP, FT_DOCX, FT_XLSX, FT_ODT, FT_TYPE__MAX };
extern const char *const ft_mime[FT_TYPE__MAX];  /* to store and to serve */
extern const char *const ft_ext[FT_TYPE__MAX];   /* "pdf", "jpg", … */
extern const char *const ft_label[FT_TYPE__MAX]; /* Vietnamese, for users */

/* Functions return 0 (or 1, see ft_sniff) or the negated code (-FT_E_...). */
enum ft_error {
    FT_OK,
    FT_E_EMPTY,       /* no bytes (415) */
    FT_E_UNSUPPORTED, /* not one of the allowed types (415) */
    FT_E_ARCHIVE,     /* a zip that is not DOCX, XLSX or ODT, or a damaged one (415) */
    FT_E_MACROS,      /* a macro-enabled office document (415) */
    FT_E_IO,          /* the file could not be read (500) */
    FT_ERROR__MAX
};
extern const char *const ft_error_names[FT_ERROR__MAX];    /* English, for logs */
extern const char *const ft_error_messages[FT_ERROR__MAX]; /* Vietnamese, for users */
extern const int ft_error_status[FT_ERROR__MAX];           /* HTTP status */
const char *ft_strerror(int rc); /* by return code; out of range gives FT_E_IO's */
int ft_http_status(int rc);

/* Looks at head[0..len), the first bytes of a file: FT_SNIFF_BYTES of them, or fewer
 * when that is the whole file. 0 and *type set when the magic decides (a non-zip
 * type), 1 when it is a zip (the whole file must be seen: ft_detect), or
 * -FT_E_EMPTY / -FT_E_UNSUPPORTED. */
int ft_sniff(const void *head, size_t len, enum ft_type *type);

/* Random access to a whole file of `size` bytes: read_at reads exactly len bytes at
 * off into buf and returns 0, or -1 (an I/O error, or past the end). */
struct ft_reader {
    uint64_t size;
    int (*read_at)(void *ctx, uint64_t off, void *buf, size_t len);
    void *ctx;
};

/* Decides the type of a whole file: 0 and *type set, or a negated code. */
int ft_detect(const struct ft_reader *r, enum ft_type *type);
/* The same on an open regular file (read with pread; the offset is left alone). */
int ft_detect_fd(int fd, enum ft_type *type);
/* The same on bytes in memory. */
int ft_detect_mem(const void *data, size_t len, enum ft_type *type);

#endif
