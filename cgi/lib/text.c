/*
 * text.c — diacritic folding and slugs for Vietnamese text (text.h), by utf8proc's
 * decomposition with marks stripped and case folded, plus đ/Đ, which Unicode does not
 * decompose.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ASCII folds to its lower case (what the mapping below gives it, at a fraction of the
 * cost: certificate numbers, slugs, most search words). 1 when s was ASCII. */
static int fold_ascii(const char *s, size_t len, struct buf *out, int *rc)
{
    size_t i;

    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    *rc = buf_reserve(out, len + 1);
    for (i = 0; i < len && *rc == 0; i++)
        out->data[out->len++] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    if (*rc == 0)
        out->data[out->len] = '\0';
    return 1;
}

int text_fold(const char *s, size_t len, struct buf *out)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n;
    size_t i;
    int rc = 0;

    if (len > (size_t)SSIZE_MAX / 8)
        return -1;
    if (fold_ascii(s, len, out, &rc))
        return rc;
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
