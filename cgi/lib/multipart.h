/*
 * multipart.h — a streaming (push) parser for multipart/form-data request bodies
 * (RFC 7578 over RFC 2046), for uploads of up to ~100 MB through a worker whose
 * memory must stay small whatever the body size.
 *
 * The caller creates a parser from the request's Content-Type value, feeds it the
 * body in chunks of any size with mp_feed(), and calls mp_finish() at the end of the
 * body. The parser calls back at the start of each part (with its validated headers),
 * for each piece of the part's data, and at the end of the part. Memory: one
 * allocation at mp_create() — the delimiter (at most 74 bytes) plus one header buffer
 * of limits->max_header_bytes — and nothing more whatever is fed.
 *
 * Strictness: CRLF line endings; every part has Content-Disposition: form-data with a
 * name; only Content-Disposition and Content-Type headers (each at most once); the
 * close delimiter is required; caps on parts, header bytes, field bytes, file bytes
 * and total bytes. Every failure is a distinct enum mp_error, with a Vietnamese
 * message for users and the HTTP status it maps to.
 *
 * Ownership: the parser copies nothing from fed chunks beyond its fixed buffers; data
 * pointers given to part_data are valid only during that call. The struct mp_part
 * given to callbacks (and its strings) lives in the parser and is valid from
 * part_begin until part_end returns. The caller frees the parser with mp_free().
 */
#ifndef OCOP_MULTIPART_H
#define OCOP_MULTIPART_H

#include <stddef.h>
#include <stdint.h>

#define MP_BOUNDARY_MAX     70    /* RFC 2046 */
#define MP_HEADER_BYTES_MAX 65536 /* the largest max_header_bytes a caller may ask for */
#define MP_FILENAME_MAX     200   /* bytes of a sanitised filename, NUL excluded */

/* Functions return 0 or the negated code (-MP_E_...). */
enum mp_error {
    MP_OK,
    MP_E_NOT_MULTIPART,      /* Content-Type is not multipart/form-data (415) */
    MP_E_BOUNDARY_PARAM,     /* boundary parameter missing, malformed or too long (400) */
    MP_E_BOUNDARY_MISSING,   /* no boundary at the start (after max_header_bytes of preamble) */
    MP_E_BOUNDARY_MALFORMED, /* a delimiter followed by something else than CRLF or "--" (400) */
    MP_E_BOUNDARY_REPEATED,  /* a delimiter where part headers were expected, or after the end
                                (400) */
    MP_E_TRUNCATED,          /* the body ended before the close delimiter (400) */
    MP_E_NO_PARTS,           /* the close delimiter came before any part (400) */
    MP_E_HEADER_MALFORMED,   /* a header line without CRLF, colon, or with bad bytes (400) */
    MP_E_HEADER_NOT_ALLOWED, /* a part header outside the allow-list (422) */
    MP_E_HEADER_DUPLICATE,   /* Content-Disposition or Content-Type twice in one part (400) */
    MP_E_NO_DISPOSITION,     /* a part without Content-Disposition (422) */
    MP_E_DISPOSITION,        /* Content-Disposition not form-data, or malformed (400) */
    MP_E_NO_NAME,            /* Content-Disposition without a non-empty name (422) */
    MP_E_PART_TYPE,          /* a malformed Content-Type in a part (400) */
    MP_E_TOO_MANY_PARTS,     /* more parts than limits->max_parts (413) */
    MP_E_HEADERS_TOO_BIG,    /* a part's header section over max_header_bytes (413) */
    MP_E_FIELD_TOO_BIG,      /* a field (a part without filename) over max_field_bytes (413) */
    MP_E_FILE_TOO_BIG,       /* a file over max_file_bytes (413) */
    MP_E_TOTAL_TOO_BIG,      /* the body over max_total_bytes (413) */
    MP_E_CALLBACK,           /* a callback refused; the caller knows why (500 by default) */
    MP_E_LIMITS,             /* the caller's limits are out of range (500) */
    MP_E_NOMEM,              /* out of memory at mp_create (500) */
    MP_ERROR__MAX
};
extern const char *const mp_error_names[MP_ERROR__MAX];    /* English, for logs */
extern const char *const mp_error_messages[MP_ERROR__MAX]; /* Vietnamese, for users */
extern const int mp_error_status[MP_ERROR__MAX];           /* HTTP status */
/* Lookups by return code (0 or -MP_E_...); out-of-range codes give MP_E_CALLBACK's. */
const char *mp_strerror(int rc);
const char *mp_errname(int rc);
int mp_http_status(int rc);

/* Caps set by the caller (the rules); every one must be non-zero. */
struct mp_limits {
    size_t max_parts;         /* parts in one body */
    size_t max_header_bytes;  /* one part's header section, CRLFs included (at most
                                 MP_HEADER_BYTES_MAX); also the longest preamble */
    uint64_t max_field_bytes; /* data of one part without a filename */
    uint64_t max_file_bytes;  /* data of one part with a filename */
    uint64_t max_total_bytes; /* the whole body as fed */
};

/* One part, as its headers declared it. Strings are NUL-terminated and valid from
 * part_begin until part_end returns. */
struct mp_part {
    size_t index;             /* 0, 1, … in body order */
    const char *name;         /* never NULL, never empty; raw bytes as sent, no CTLs */
    const char *filename;     /* as sent (NULL when absent); metadata only: pass it
                                 through mp_sanitize_filename(), never use it as a path */
    const char *content_type; /* "type/subtype" lower-cased, parameters dropped; NULL if absent */
    int is_file;              /* filename present (possibly empty); file caps apply */
    uint64_t size;            /* data bytes so far (the whole size at part_end) */
};

/* Callbacks return 0 to go on, anything else to stop the parse with MP_E_CALLBACK.
 * After any error no callback is called again: a part begun and not ended (a temp
 * file open, say) is the caller's to discard. part_data is never given 0 bytes. */
struct mp_callbacks {
    int (*part_begin)(void *ctx, const struct mp_part *part);
    int (*part_data)(void *ctx, const struct mp_part *part, const char *data, size_t len);
    int (*part_end)(void *ctx, const struct mp_part *part);
};

struct mp_parser;

/* Extracts and validates the boundary from a Content-Type value:
 * multipart/form-data; boundary=… (token or quoted-string, 1–70 characters of the
 * RFC 2046 set, not ending in a space). Writes it NUL-terminated to out.
 * 0, -MP_E_NOT_MULTIPART or -MP_E_BOUNDARY_PARAM. */
int mp_boundary(const char *content_type, char out[MP_BOUNDARY_MAX + 1]);

/* Creates a parser. limits and cb are copied; ctx is passed to every callback.
 * 0 and *out set (the caller frees it with mp_free), or a negated code. */
int mp_create(const char *content_type, const struct mp_limits *limits,
              const struct mp_callbacks *cb, void *ctx, struct mp_parser **out);
/* Feeds the next len bytes of the body. 0, or a negated code; errors are sticky
 * (every later call returns the same code). */
int mp_feed(struct mp_parser *p, const void *data, size_t len);
/* Ends the body: 0 when the close delimiter was seen, else a negated code. */
int mp_finish(struct mp_parser *p);
/* Parts begun so far. */
size_t mp_parts(const struct mp_parser *p);
void mp_free(struct mp_parser *p);

/* Makes a client's filename fit to keep and show (never to use as a path): invalid
 * UTF-8 replaced by U+FFFD, control characters, bidirectional overrides, quotes and
 * path separators removed, runs of dots collapsed, leading dots and surrounding spaces
 * trimmed, Unicode NFC, at most MP_FILENAME_MAX bytes cut on a character boundary
 * (keeping a short extension). An empty result becomes "tệp". Returns the length. */
size_t mp_sanitize_filename(const char *in, size_t len, char out[MP_FILENAME_MAX + 1]);

#endif
