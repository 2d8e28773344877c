/*
 * markdown.h — the one wrapper around Discount (2.2.7): Markdown written by
 * provinces and producers becomes HTML with no raw HTML, no pseudo-protocols, no
 * header blocks, and only http(s) and relative URLs in links
 * and images (Discount's SAFELINK does not check images in this version, so every
 * URL goes through our own check). Discount keeps global state: call this from the
 * single-threaded site build only.
 */
#ifndef OCOP_MARKDOWN_H
#define OCOP_MARKDOWN_H

#include <stddef.h>

#include "util.h"

/* Appends the HTML of md[0..len) to out: no NUL byte (those of md are dropped), and
 * e-mail addresses stay text, not mailto: links. 0, or -1 (logged) on failure. */
int markdown_render(const char *md, size_t len, struct buf *out);
/* Is this URL allowed in a link or an image? (http, https, or a relative URL) */
int markdown_url_ok(const char *url, size_t len);

#endif
