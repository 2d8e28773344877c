/*
 * fuzz_markdown.c — libFuzzer target: Markdown through the Discount wrapper
 * (site/markdown.c), then what markdown.h promises checked on the HTML: no raw HTML
 * (every tag is one Discount writes, every attribute one of its few), no event
 * handlers, and every href and src, once its character references are decoded as a
 * browser decodes them, is "#", http(s), or a relative URL (no scheme, no "//host");
 * e-mail addresses stay text; the HTML holds no NUL byte (site/markdown.c).
 * A broken promise aborts with the HTML on stderr.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"

/* The elements and attributes Discount writes with our flags (no <div>: MKD_NODIVQUOTE;
 * no <span>, <abbr>: MKD_NO_EXT). */
static const char *const tags[] = {
    "p",   "br",  "hr",    "h1",    "h2",         "h3", "h4", "h5", "h6", "em", "strong",
    "a",   "img", "code",  "pre",   "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "del", "sup", "table", "thead", "tbody",      "tr", "th", "td", NULL};
static const char *const attrs[] = {"href",  "src",   "alt",    "title", "class", "id", "style",
                                    "align", "width", "height", "start", "type",  NULL};

static void broken(const char *why, const char *html, size_t at)
{
    fprintf(stderr, "markdown promise broken: %s at byte %zu of:\n%s\n", why, at, html);
    abort();
}

static int listed(const char *const *list, const char *s, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncasecmp(*list, s, n) == 0)
            return 1;
    return 0;
}

/* Decodes the character references of an attribute value into out (as a browser would,
 * keeping only ASCII: enough to see a scheme); tabs and newlines, which URL parsers
 * drop, are dropped. */
static size_t decode_attr(const char *s, size_t n, char *out, size_t size)
{
    size_t i = 0, o = 0;

    while (i < n && o + 1 < size) {
        unsigned long c = (unsigned char)s[i++];
        if (c == '&' && i < n && s[i] == '#') {
            int hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
            const char *digits = s + i + 1 + hex;
            size_t nd = strspn(digits, hex ? "0123456789abcdefABCDEF" : "0123456789");
            if (nd > 0 && digits + nd <= s + n) {
                c = nd > 7 ? 0x110000 : strtoul(digits, NULL, hex ? 16 : 10);
                i = (size_t)(digits + nd - s) + (digits + nd < s + n && digits[nd] == ';');
            }
        } else if (c == '&') {
            static const char *const named[] = {"amp;",   "lt;",  "gt;",     "quot;",
                                                "colon;", "Tab;", "NewLine;"};
            static const char value[] = "&<>\":\t\n";
            for (size_t k = 0; k < ARRAY_LEN(named); k++)
                if (strncmp(s + i, named[k], strlen(named[k])) == 0) {
                    c = (unsigned char)value[k];
                    i += strlen(named[k]);
                    break;
                }
        }
        if (c != '\t' && c != '\n' && c != '\r')
            out[o++] = c > 0 && c < 0x80 ? (char)c : '?'; /* &#0; is U+FFFD */
    }
    out[o] = '\0';
    return o;
}

/* "#", http(s)://, a same-site path, or a relative URL with no scheme. */
static int url_safe(const char *u)
{
    while (*u == ' ' || (*u > 0 && *u < 0x20)) /* browsers strip these first */
        u++;
    if (strcmp(u, "#") == 0 || strncasecmp(u, "http://", 7) == 0 ||
        strncasecmp(u, "https://", 8) == 0)
        return 1;
    if ((u[0] == '/' || u[0] == '\\') && (u[1] == '/' || u[1] == '\\'))
        return 0;
    return u[strcspn(u, ":/?#")] != ':';
}

/* Checks the attributes of one tag, from p (after its name) to its '>': the URLs, and
 * style only as a table column's alignment. */
static const char *check_attrs(const char *html, const char *p)
{
    char url[4096]; /* a value, decoded (a longer one is cut: its start is what counts) */

    for (;;) {
        p += strspn(p, " \t\n/");
        if (*p == '>' || *p == '\0')
            return p;
        size_t n = strcspn(p, " \t\n=/>");
        if (!listed(attrs, p, n) || strncasecmp(p, "on", 2) == 0)
            broken("attribute not written by Discount", html, (size_t)(p - html));
        int is_url =
            (n == 4 && strncasecmp(p, "href", 4) == 0) || (n == 3 && strncasecmp(p, "src", 3) == 0);
        int is_style = n == 5 && strncasecmp(p, "style", 5) == 0;
        p += n;
        if (*p != '=')
            continue;
        if (p[1] != '"')
            broken("attribute value not in double quotes", html, (size_t)(p - html));
        const char *v = p + 2, *end = strchr(v, '"');
        if (end == NULL)
            broken("attribute value not closed", html, (size_t)(v - html));
        decode_attr(v, (size_t)(end - v), url, sizeof(url));
        if (is_url && !url_safe(url))
            broken("unsafe URL", html, (size_t)(v - html));
        if (is_style && strcmp(url, "text-align:left;") && strcmp(url, "text-align:right;") &&
            strcmp(url, "text-align:center;"))
            broken("style other than a table column's alignment", html, (size_t)(v - html));
        p = end + 1;
    }
}

static void check_html(const char *html)
{
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        const char *name = p + 1 + (p[1] == '/');
        size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        if (n == 0 && (name[0] == '!' || name[0] == '?'))
            broken("comment, doctype or processing instruction", html, (size_t)(p - html));
        if (n == 0)
            continue; /* a '<' a browser reads as text */
        if (!listed(tags, name, n))
            broken("element not written by Discount", html, (size_t)(p - html));
        p = check_attrs(html, name + n);
        if (*p == '\0')
            broken("tag not closed", html, (size_t)(p - html));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf out = BUF_INIT;

    if (markdown_render((const char *)data, size, &out) == 0 && out.data) {
        if (memchr(out.data, '\0', out.len) != NULL)
            broken("NUL byte in the HTML", out.data, strlen(out.data));
        check_html(out.data);
    }
    buf_free(&out);
    /* the URL check agrees with itself: whatever it allows is safe */
    if (size < 4096 && markdown_url_ok((const char *)data, size)) {
        char u[4096];
        memcpy(u, data, size);
        u[size] = '\0';
        if (strlen(u) == size && !url_safe(u))
            broken("markdown_url_ok allows an unsafe URL", u, 0);
    }
    return 0;
}
