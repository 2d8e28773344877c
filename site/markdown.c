/*
 * markdown.c — Markdown to HTML through Discount with our URL allow-list
 * (markdown.h). A refused URL is replaced by "#", so the text stays readable and
 * nothing active survives.
 */
#include "markdown.h"

#include <mkdio.h>
#include <stdlib.h>
#include <string.h>

/* MKD_NODIVQUOTE: Discount 2.2.7 writes a >%class% block's <div class="…"> through an
 * 80-byte buffer, so a long class loses its closing quote and the text after it lands
 * inside the attribute (fuzz_markdown found it; tests/fuzz/corpus/fuzz_markdown/found-*). */
#define MD_FLAGS (MKD_NOHTML | MKD_SAFELINK | MKD_NO_EXT | MKD_NOHEADER | MKD_NODIVQUOTE)
#define MD_MAX   (1024 * 1024)

int markdown_url_ok(const char *url, size_t len)
{
    size_t i;

    if (len == 0 || len > 2048)
        return 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\')
            return 0;
    }
    if ((len > 7 && strncasecmp(url, "http://", 7) == 0) ||
        (len > 8 && strncasecmp(url, "https://", 8) == 0))
        return 1;
    if (url[0] == '/')
        return len == 1 || url[1] != '/'; /* same-site path; "//host" is another site */
    /* a relative path or fragment: no scheme before the first '/', '?' or '#' */
    for (i = 0; i < len && url[i] != '/' && url[i] != '?' && url[i] != '#'; i++)
        if (url[i] == ':')
            return 0;
    return 1;
}

static char *check_url(const char *url, const int size, void *data)
{
    (void)data;
    if (size >= 0 && markdown_url_ok(url, (size_t)size))
        return strndup(url, (size_t)size);
    return strdup("#");
}

static void free_url(char *p, void *data)
{
    (void)data;
    free(p);
}

/* Appends html[0..n) without the links Discount makes of e-mail addresses (<a@b.vn>,
 * <mailto:a@b.vn>): those skip the URL callback, and mailto: is not on our list (an
 * explicit [x](mailto:…) is refused too), so the address stays, as text. Discount writes
 * them, and only them, as <a href="&#…;…">&#…;…</a>: every other href went through
 * puturl, which writes '&' as "&amp;". */
static int append_without_mail_links(struct buf *out, const char *html, size_t n)
{
    static const char open[] = "<a href=\"&#";
    const char *p = html, *end = html + n, *a, *text, *close;

    while ((a = memmem(p, (size_t)(end - p), open, sizeof(open) - 1)) != NULL) {
        text = memmem(a, (size_t)(end - a), "\">", 2);
        close = text ? memmem(text, (size_t)(end - text), "</a>", 4) : NULL;
        if (close == NULL)
            break;
        if (buf_append(out, p, (size_t)(a - p)) != 0 ||
            buf_append(out, text + 2, (size_t)(close - text - 2)) != 0)
            return -1;
        p = close + 4;
    }
    return buf_append(out, p, (size_t)(end - p));
}

/* A copy of md[0..*len) without its NUL bytes (*len updated), or NULL when out of memory;
 * the caller frees it. A NUL is not text, and Discount copies it into the HTML as is, or
 * takes it for the end of a string it writes (a closing quote after it would be lost). */
static char *without_nul(const char *md, size_t *len)
{
    char *s = malloc(*len ? *len : 1);
    size_t n = 0;

    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < *len; i++)
        if (md[i] != '\0')
            s[n++] = md[i];
    *len = n;
    return s;
}

/* Drops the NUL bytes of out->data[from..len): Discount 2.2.7 writes one of its own for a
 * table cell ending in a backslash (fuzz_markdown, found-nul-table-backslash). */
static void drop_nul(struct buf *out, size_t from)
{
    size_t o = from;

    for (size_t i = from; i < out->len; i++)
        if (out->data[i] != '\0')
            out->data[o++] = out->data[i];
    out->len = o;
    if (out->data)
        out->data[o] = '\0';
}

int markdown_render(const char *md, size_t len, struct buf *out)
{
    MMIOT *doc;
    char *html = NULL, *clean = NULL;
    size_t from = out->len;
    int n, rc = -1;

    if (len > MD_MAX) {
        log_err("markdown: document over %d bytes", MD_MAX);
        return -1;
    }
    if (memchr(md, '\0', len) != NULL && (md = clean = without_nul(md, &len)) == NULL)
        return -1;
    doc = mkd_string(md, (int)len, MD_FLAGS);
    if (doc == NULL)
        goto free_clean;
    mkd_e_url(doc, check_url);
    mkd_e_free(doc, free_url);
    if (mkd_compile(doc, MD_FLAGS) && (n = mkd_document(doc, &html)) >= 0)
        rc = append_without_mail_links(out, html, (size_t)n);
    if (rc == 0)
        drop_nul(out, from);
    mkd_cleanup(doc);
free_clean:
    free(clean);
    return rc;
}
