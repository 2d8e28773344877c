/*
 * text.c — diacritic folding and slugs for Vietnamese text (text.h), by utf8proc's
 * decomposition with marks stripped and case folded, plus đ/Đ, which Unicode does not
 * decompose.
 */
#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The full mapping: utf8proc, then đ. Appends to out; -1 on invalid UTF-8. */
static int fold_slow(const char *s, size_t len, struct buf *out)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n;
    size_t i;
    int rc = 0;

    n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
                     UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT);
    if (n < 0)
        return -1;
    for (i = 0; i < (size_t)n && rc == 0; i++) {
        /* đ is U+0111 (c4 91); case folding has already turned Đ into it. */
        if (m[i] == 0xc4 && i + 1 < (size_t)n && m[i + 1] == 0x91) {
            rc = buf_putc(out, 'd');
            i++;
        } else {
            rc = buf_putc(out, (char)m[i]);
        }
    }
    free(m);
    return rc;
}

/* ---- the fast path ----
 * The mapping works code point by code point for the Latin letters Vietnamese is
 * written in (U+0080–U+024F, and U+1E00–U+1EFF where ạ…ỹ live), so their results are
 * worked out once, by fold_slow, into a table; a text made only of ASCII and those is
 * folded from it. Anything else (other scripts, combining marks, invalid UTF-8) takes
 * the full mapping. test_text checks the two agree on every code point of the table. */

#define LAT_LO   0x80
#define LAT_HI   0x24f
#define EXT_LO   0x1e00
#define EXT_HI   0x1eff
#define FOLD_MAX 7

struct folded {
    unsigned char len; /* 0xff: not worked out (fold_slow failed): use the full mapping */
    char s[FOLD_MAX];
};
static struct folded lat[LAT_HI - LAT_LO + 1], ext[EXT_HI - EXT_LO + 1];
static pthread_once_t table_once = PTHREAD_ONCE_INIT; /* the site builder folds in threads */

static void fill(struct folded *f, unsigned cp)
{
    char in[4];
    size_t n = cp < 0x800 ? 2 : 3;
    struct buf b = BUF_INIT;

    if (n == 2) {
        in[0] = (char)(0xc0 | cp >> 6);
        in[1] = (char)(0x80 | (cp & 0x3f));
    } else {
        in[0] = (char)(0xe0 | cp >> 12);
        in[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        in[2] = (char)(0x80 | (cp & 0x3f));
    }
    f->len = 0xff;
    if (fold_slow(in, n, &b) == 0 && b.len <= FOLD_MAX) {
        memcpy(f->s, b.data ? b.data : "", b.len);
        f->len = (unsigned char)b.len;
    }
    buf_free(&b);
}

static void make_table(void)
{
    for (unsigned cp = LAT_LO; cp <= LAT_HI; cp++)
        fill(&lat[cp - LAT_LO], cp);
    for (unsigned cp = EXT_LO; cp <= EXT_HI; cp++)
        fill(&ext[cp - EXT_LO], cp);
}

/* The table's entry for the sequence at s (of n bytes left) and its length in *k, or
 * NULL when it is not one of the table's well-formed sequences. */
static const struct folded *entry(const unsigned char *s, size_t n, size_t *k)
{
    const struct folded *f = NULL;

    if (n >= 2 && s[0] >= 0xc2 && s[0] <= 0xc9 && (s[1] & 0xc0) == 0x80) {
        unsigned cp = (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
        if (cp <= LAT_HI)
            f = &lat[cp - LAT_LO];
        *k = 2;
    } else if (n >= 3 && s[0] == 0xe1 && s[1] >= 0xb8 && s[1] <= 0xbb && (s[2] & 0xc0) == 0x80) {
        f = &ext[((unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f)) - (EXT_LO & 0xfff)];
        *k = 3;
    }
    return f && f->len != 0xff ? f : NULL;
}

/* 1 with s folded into out (rc set), 0 when s needs the full mapping (out untouched). */
static int fold_fast(const char *s, size_t len, struct buf *out, int *rc)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i, k, start = out->len;

    pthread_once(&table_once, make_table);
    if ((*rc = buf_reserve(out, len * 2 + 1)) != 0) /* no code point folds to more than 2x */
        return 1;
    for (i = 0; i < len; i += k) {
        const struct folded *f;
        k = 1;
        if (u[i] < 0x80) {
            out->data[out->len++] =
                (u[i] >= 'A' && u[i] <= 'Z') ? (char)(u[i] - 'A' + 'a') : (char)u[i];
            continue;
        }
        if ((f = entry(u + i, len - i, &k)) == NULL || out->len + f->len > out->cap - 1) {
            out->len = start;
            if (out->data)
                out->data[start] = '\0';
            return 0;
        }
        memcpy(out->data + out->len, f->s, f->len);
        out->len += f->len;
    }
    out->data[out->len] = '\0';
    return 1;
}

int text_fold(const char *s, size_t len, struct buf *out)
{
    int rc = 0;

    if (len > (size_t)SSIZE_MAX / 8)
        return -1;
    if (fold_fast(s, len, out, &rc))
        return rc;
    return fold_slow(s, len, out);
}

/* For test_text: the full mapping alone. */
int text_fold_slow(const char *s, size_t len, struct buf *out)
{
    return fold_slow(s, len, out);
}

int text_slug(const char *s, size_t len, size_t max, struct buf *out)
{
    struct buf f = BUF_INIT;
    size_t i, start = out->len, written = 0;
    int dash = 0;

    if (text_fold(s, len, &f) != 0) {
        buf_free(&f);
        return -1;
    }
    for (i = 0; i < f.len; i++) {
        char c = f.data[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum) {
            dash = written > 0;
            continue;
        }
        if (written + (size_t)dash + 1 > max) {
            /* cut mid-word: end at the last whole word when there is one */
            char *last = memrchr(out->data + start, '-', written);
            if (!dash && last) {
                out->len = (size_t)(last - out->data);
                out->data[out->len] = '\0';
            }
            break;
        }
        if (dash && buf_putc(out, '-') != 0)
            goto fail;
        if (buf_putc(out, c) != 0)
            goto fail;
        written += (size_t)dash + 1;
        dash = 0;
    }
    buf_free(&f);
    return written > 0 ? 0 : -1;
fail:
    buf_free(&f);
    out->len = start;
    return -1;
}
