/*
 * pager.c — pages of the officials' long lists, as declared in pager.h: the page
 * number, LIMIT/OFFSET, and the links before and after that keep the filters.
 */
#include "pager.h"

#include "util.h"

#include <string.h>

int64_t pager_number(const struct field_value *page)
{
    return page->present ? page->i : 1;
}

int64_t pager_limit(void)
{
    return PAGER_ROWS + 1;
}

int64_t pager_offset(int64_t number)
{
    return (number - 1) * PAGER_ROWS;
}

size_t pager_shown(size_t fetched)
{
    return fetched > PAGER_ROWS ? PAGER_ROWS : fetched;
}

size_t pager_trim(json_t *list)
{
    size_t fetched = json_array_size(list);

    if (fetched > PAGER_ROWS)
        json_array_remove(list, PAGER_ROWS);
    return fetched;
}

/* Appends s percent-encoded for a query string: the unreserved bytes of RFC 3986 as
 * they are, every other byte as %XX. */
static int put_encoded(struct buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";

    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~';
        char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
        if (plain ? buf_putc(b, (char)c) : buf_append(b, esc, 3))
            return -1;
    }
    return 0;
}

/* path?field=value&…&page=number from the filters present; a new string or NULL. */
static json_t *page_url(const char *path, const struct field *fields, size_t n,
                        const struct field_value *v, int64_t number)
{
    struct buf b = BUF_INIT;
    json_t *url = NULL;
    int rc = buf_puts(&b, path);
    char sep = '?';

    for (size_t k = 0; rc == 0 && k + 1 < n; k++) {
        if (!v[k].present)
            continue;
        rc = buf_putc(&b, sep) || buf_puts(&b, fields[k].name) || buf_putc(&b, '=') ||
             put_encoded(&b, v[k].s, v[k].len);
        sep = '&';
    }
    if (rc == 0 && number > 1) /* the first page is the list's own address */
        rc = buf_printf(&b, "%c%s=%lld", sep, fields[n - 1].name, (long long)number);
    if (rc == 0)
        url = json_stringn(b.data, b.len);
    buf_free(&b);
    return url;
}

json_t *pager_json(int64_t number, size_t fetched, const char *path, const struct field *fields,
                   size_t n, const struct field_value *v)
{
    size_t shown = pager_shown(fetched);
    int64_t first = pager_offset(number) + 1;
    json_t *o = json_object();

    if (o == NULL)
        return NULL;
    json_object_set_new(o, "number", json_integer(number));
    if (shown) {
        json_object_set_new(o, "from", json_integer(first));
        json_object_set_new(o, "to", json_integer(first + (int64_t)shown - 1));
    }
    json_object_set_new(o, "more", json_boolean(number > 1 || fetched > PAGER_ROWS));
    if (number > 1)
        json_object_set_new(o, "prev", page_url(path, fields, n, v, number - 1));
    if (fetched > PAGER_ROWS)
        json_object_set_new(o, "next", page_url(path, fields, n, v, number + 1));
    return o;
}
