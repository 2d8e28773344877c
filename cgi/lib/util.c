/*
 * util.c — logging, the growable buffer, bounded integer parsing and date helpers
 * shared by every ocop program (see util.h for the error idiom and ownership).
 */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *log_ident = "ocop";
static const char *const level_names[] = {"error", "warn", "info", "debug"};

void log_set_ident(const char *ident)
{
    log_ident = ident;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
    char ts[21];
    va_list ap;

    format_timestamp(now_seconds(), ts);
    fprintf(stderr, "%s %s[%ld] %s: ", ts, log_ident, (long)getpid(), level_names[lvl]);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int buf_grow(struct buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (extra > SIZE_MAX - b->len - 1)
        return -1;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (p == NULL)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

/* Formats into the room already there; only when that is too small, grows and formats
 * again (most pieces fit, so most calls format once). */
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    size_t room = b->cap > b->len ? b->cap - b->len : 0;
    va_list cp;
    int n;

    va_copy(cp, ap);
    n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, cp);
    va_end(cp);
    if (n < 0 || ((size_t)n >= room && buf_reserve(b, (size_t)n) != 0)) {
        if (room)
            b->data[b->len] = '\0'; /* a cut-off attempt is not part of it */
        return -1;
    }
    if ((size_t)n >= room)
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

#define BYTES_OF(c) (0x0101010101010101ULL * (c))

/* Which of eight bytes loaded from memory is the first with a bit of mask set
 * (mask != 0): the lowest on a little-endian machine, the highest on a big one. */
static inline size_t first_byte_set(uint64_t mask)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(mask) / 8;
#else
    return (size_t)__builtin_clzll(mask) / 8;
#endif
}

/* The length of the well-formed sequence at p (avail bytes, avail >= 1), or 0: the
 * ranges of the Unicode standard's table 3-7, which exclude overlong forms, surrogates
 * and code points past U+10FFFF by the second byte alone. */
static inline size_t utf8_check(const unsigned char *p, size_t avail)
{
    unsigned c = p[0], lo = 0x80, hi = 0xbf;

    if (c < 0x80)
        return 1;
    if (c < 0xc2)
        return 0;
    if (c < 0xe0)
        return avail >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
    if (c < 0xf0) {
        lo = c == 0xe0 ? 0xa0 : lo;
        hi = c == 0xed ? 0x9f : hi;
        return avail >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 ? 3 : 0;
    }
    if (c < 0xf5) {
        lo = c == 0xf0 ? 0x90 : lo;
        hi = c == 0xf4 ? 0x8f : hi;
        return avail >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 &&
                       (p[3] & 0xc0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

size_t utf8_seq(const char *s, size_t avail, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = avail ? utf8_check(p, avail) : 0;
    uint32_t c;

    if (n == 0)
        return 0;
    c = n == 1 ? p[0] : p[0] & (0x7f >> n);
    for (size_t k = 1; k < n; k++)
        c = (c << 6) | (p[k] & 0x3f);
    *cp = c;
    return n;
}

/* Vietnamese text is mostly ASCII with two- and three-byte letters between: eight
 * ASCII bytes are passed at once, and a letter checked where it stands. */
int utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n;

    while (i < len) {
        uint64_t w, high;
        if (len - i >= 8) {
            memcpy(&w, p + i, 8);
            if ((high = w & BYTES_OF(0x80)) == 0) {
                i += 8;
                continue;
            }
            i += first_byte_set(high); /* the ASCII before the first letter */
        } else if (p[i] < 0x80) {
            i++;
            continue;
        }
        if ((n = utf8_check(p + i, len - i)) == 0)
            return 0;
        i += n;
    }
    return 1;
}

const char *code_label(const char *const *codes, const char *const *labels, const char *name,
                       const char *none)
{
    for (size_t i = 0; name && codes[i]; i++)
        if (strcmp(codes[i], name) == 0)
            return labels[i];
    return none;
}

const char *int_text(long long n, char num[24], size_t *len)
{
    char *p = num + 23;
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

    *p = '\0';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (n < 0)
        *--p = '-';
    *len = (size_t)(num + 23 - p);
    return p;
}

/* The escape of each byte that needs one (the five of the HTML spec), else NULL. */
static const char *const html_escapes[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

/* 1 when a byte of v is zero (exact: a borrow only runs past a zero byte). */
static inline int zero_byte(uint64_t v)
{
    return ((v - BYTES_OF(0x01)) & ~v & BYTES_OF(0x80)) != 0;
}

/* 1 when one of the eight bytes of w needs an escape: '"', '&' or '\'' (0x26 | 1 is
 * 0x27), '<' or '>' (0x3c | 2 is 0x3e). */
static inline int html_special8(uint64_t w)
{
    return zero_byte(w ^ BYTES_OF(0x22)) || zero_byte((w | BYTES_OF(0x01)) ^ BYTES_OF(0x27)) ||
           zero_byte((w | BYTES_OF(0x02)) ^ BYTES_OF(0x3e));
}

/* Writes straight into the buffer, eight bytes at a time where none needs an escape:
 * the room for s is made once, and again only at an escape (a page escapes hundreds of
 * short values; a call per run cost more than the bytes, #9). */
int buf_html_escape(struct buf *b, const char *s, size_t len)
{
    char *d;
    const char *rep;
    size_t i = 0, rlen;
    uint64_t w;

    if (buf_reserve(b, len) != 0)
        return -1;
    d = b->data + b->len;
    while (i < len) {
        if (len - i >= 8 && (memcpy(&w, s + i, 8), !html_special8(w))) {
            memcpy(d, &w, 8);
            d += 8;
            i += 8;
            continue;
        }
        if ((rep = html_escapes[(unsigned char)s[i]]) == NULL) {
            *d++ = s[i++];
            continue;
        }
        b->len = (size_t)(d - b->data);
        rlen = strlen(rep);
        if (buf_reserve(b, rlen + len - i - 1) != 0) {
            b->data[b->len] = '\0';
            return -1;
        }
        d = memcpy(b->data + b->len, rep, rlen);
        d += rlen;
        i++;
    }
    b->len = (size_t)(d - b->data);
    *d = '\0';
    return 0;
}

int buf_html_escape_str(struct buf *b, const char *s)
{
    size_t n = strcspn(s, "&<>\"'");

    if (s[n] == '\0')
        return buf_append(b, s, n);
    return buf_html_escape(b, s, n + strlen(s + n));
}

int buf_read_file(struct buf *b, const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    size_t start = b->len, n;
    char chunk[8192];
    int rc = 0;

    if (f == NULL)
        return -1;
    while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (b->len - start + n > max) {
            errno = EFBIG;
            rc = -1;
        } else if (buf_append(b, chunk, n) != 0) {
            errno = ENOMEM;
            rc = -1;
        }
    }
    if (rc == 0 && ferror(f)) {
        errno = EIO;
        rc = -1;
    }
    fclose(f);
    return rc;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *buf_steal(struct buf *b)
{
    char *p = b->data;

    if (p == NULL)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

int parse_int64(const char *s, size_t len, int64_t min, int64_t max, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    uint64_t v = 0, limit;

    if (len == 0 || len > 20)
        return -1;
    if (s[0] == '-') {
        if (min >= 0 || len == 1)
            return -1;
        neg = 1;
        i = 1;
    }
    limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        if (v > (limit - (uint64_t)(s[i] - '0')) / 10)
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (neg) {
        int64_t r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
        if (r < min)
            return -1;
        *out = r;
        return 0;
    }
    if ((int64_t)v > max || (int64_t)v < min)
        return -1;
    *out = (int64_t)v;
    return 0;
}

int ct_memcmp(const void *a, const void *b, size_t len)
{
    const unsigned char *x = a, *y = b;
    unsigned char d = 0;
    size_t i;

    for (i = 0; i < len; i++)
        d |= x[i] ^ y[i];
    return d != 0;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

int64_t now_seconds(void)
{
    return (int64_t)time(NULL);
}

void format_date(int64_t t, char out[11])
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void format_timestamp(int64_t t, char out[21])
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int parse_date(const char *s, int64_t *out)
{
    int64_t y, m, d;
    struct tm tm = {0};
    time_t t;
    struct tm back;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    if (parse_int64(s, 4, 1900, 9999, &y) || parse_int64(s + 5, 2, 1, 12, &m) ||
        parse_int64(s + 8, 2, 1, 31, &d))
        return -1;
    tm.tm_year = (int)y - 1900;
    tm.tm_mon = (int)m - 1;
    tm.tm_mday = (int)d;
    t = timegm(&tm);
    gmtime_r(&t, &back);
    if (back.tm_mday != (int)d || back.tm_mon != (int)m - 1)
        return -1; /* 2021-02-30 and the like */
    *out = (int64_t)t;
    return 0;
}

void format_money(int64_t n, char out[32])
{
    char digits[24];
    uint64_t v = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int len = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)v), o = 0;

    if (n < 0)
        out[o++] = '-';
    for (int i = 0; i < len; i++) {
        out[o++] = digits[i];
        if ((len - i - 1) % 3 == 0 && i < len - 1)
            out[o++] = '.';
    }
    out[o] = '\0';
}
