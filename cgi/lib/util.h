/*
 * util.h — the small pieces every part of ocop shares: the error idiom, logging,
 * a growable byte buffer, and bounded number parsing.
 *
 * The error idiom (used everywhere): a function returns 0 on success and -1 on
 * failure (or a negative module enum where callers must tell failures apart); it
 * logs the failure with context where it has the context, and releases what it
 * acquired through one cleanup label. Only start-up code may exit on error.
 *
 * Ownership: a struct buf owns its data; buf_free() releases it and leaves an
 * empty buffer that may be reused.
 */
#ifndef OCOP_UTIL_H
#define OCOP_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

enum log_level { LOG_ERR, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Name printed on every log line (the program name); not copied, must stay valid. */
void log_set_ident(const char *ident);
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_err(...)  log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)

struct buf {
    char *data; /* always NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
};

#define BUF_INIT                                                                                   \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Room for extra more bytes and the NUL; 0 or -1. The common case (room already) is
 * inline: the site build and the page renderers append millions of short pieces. */
int buf_grow(struct buf *b, size_t extra);
static inline int buf_reserve(struct buf *b, size_t extra)
{
    return extra < b->cap - b->len ? 0 : buf_grow(b, extra); /* cap > len once allocated */
}
/* Appends len bytes; inline like buf_reserve (a page is hundreds of short pieces). */
static inline int buf_append(struct buf *b, const void *data, size_t len)
{
    if (buf_reserve(b, len) != 0)
        return -1;
    if (len > 0)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}
int buf_puts(struct buf *b, const char *s);
static inline int buf_putc(struct buf *b, char c)
{
    if (buf_reserve(b, 1) != 0)
        return -1;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s with the five HTML-special characters escaped. */
int buf_html_escape(struct buf *b, const char *s, size_t len);
/* The same for a C string: most values have nothing to escape, found by libc's
 * vectorised strcspn and copied at once. */
int buf_html_escape_str(struct buf *b, const char *s);
/* 1 when s[0..len) is UTF-8 as jansson accepts it (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF; any ASCII byte), else 0. Lets callers make
 * strings with json_stringn_nocheck at a fraction of json_string's cost. */
int utf8_valid(const char *s, size_t len);
/* The length of the one UTF-8 sequence at s (1 to 4; at most avail bytes read) as
 * utf8_valid accepts it, with its code point in *cp; 0 when it is not one. */
size_t utf8_seq(const char *s, size_t avail, uint32_t *cp);
/* The label beside name in a NULL-terminated list of codes and the labels in the same
 * order (what a page shows for a code the database keeps), or none. */
const char *code_label(const char *const *codes, const char *const *labels, const char *name,
                       const char *none);
/* Writes n in decimal at the end of num[24] and returns where the digits start, their
 * count in *len (no printf: pages print many ids and years). */
const char *int_text(long long n, char num[24], size_t *len);
void buf_reset(struct buf *b); /* len = 0, keeps the memory */
/* Appends the whole file at path, refusing one over max bytes. 0, or -1 with errno
 * set (ENOENT and the like from fopen, EFBIG when over max, ENOMEM). */
int buf_read_file(struct buf *b, const char *path, size_t max);
void buf_free(struct buf *b);
/* Hands the data to the caller (who frees it); the buffer becomes empty. */
char *buf_steal(struct buf *b);

/* Parses all of s (no sign for unsigned, no spaces, no trailing bytes) as a decimal
 * integer within [min, max]. Returns 0 and sets *out, or -1. */
int parse_int64(const char *s, size_t len, int64_t min, int64_t max, int64_t *out);

/* Constant-time comparison of two equal-length byte strings; 0 when equal. */
int ct_memcmp(const void *a, const void *b, size_t len);

/* Hex encoding of n bytes into out (2n+1 bytes incl. NUL). */
void hex_encode(const unsigned char *in, size_t n, char *out);

/* Current wall-clock time in seconds since the epoch. */
int64_t now_seconds(void);

/* Formats t as YYYY-MM-DD (UTC) into out[11] / as an ISO-8601 UTC timestamp into out[21]. */
void format_date(int64_t t, char out[11]);
void format_timestamp(int64_t t, char out[21]);
/* An amount as Vietnamese write it, 1.234.567 (out holds any int64). */
void format_money(int64_t n, char out[32]);
/* Parses YYYY-MM-DD strictly (a real calendar date); returns 0 and the day's midnight UTC. */
int parse_date(const char *s, int64_t *out);

#endif
