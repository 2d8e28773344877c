/*
 * text.h — Vietnamese text helpers built on utf8proc: folding for search (lower
 * case, diacritics removed, đ/Đ → d, so "mat ong" finds "Mật ong") and slugs for
 * URLs and codes ("Mật ong bạc hà Mèo Vạc" → "mat-ong-bac-ha-meo-vac").
 */
#ifndef OCOP_TEXT_H
#define OCOP_TEXT_H

#include <stddef.h>

#include "util.h"

/* Appends the folded form of s[0..len) to out; -1 on invalid UTF-8 or no memory. */
int text_fold(const char *s, size_t len, struct buf *out);
/* The same through utf8proc alone, without the table of precomposed Latin letters
 * (for the test that the two agree). */
int text_fold_slow(const char *s, size_t len, struct buf *out);
/* Appends a slug of at most max bytes: [a-z0-9] runs joined by '-'; -1 when the text
 * has no letter or digit, is invalid UTF-8, or memory runs out. */
int text_slug(const char *s, size_t len, size_t max, struct buf *out);

#endif
