/*
 * fuzz_multipart.c — libFuzzer target: the input as a multipart/form-data body, fed
 * whole and again split into a few chunks; both runs must tell the same story (the
 * same parts, headers, data and result), or the target aborts. The first byte picks
 * the cut points and whether the Content-Type comes from the input (up to its first
 * newline) or is fixed. Filenames go through mp_sanitize_filename (checked: valid
 * UTF-8, no controls or separators, within the cap) and file data through ft_detect.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "filetype.h"
#include "multipart.h"

#define FILE_KEEP 65536

static const struct mp_limits limits = {8, 512, 64, 1 << 16, 1 << 18};

struct story {
    uint64_t hash; /* FNV-1a over every event */
    uint64_t part; /* over the current part's data */
    unsigned char *file;
    size_t flen;
};

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return s ? fnv(h, s, strlen(s) + 1) : fnv(h, "-", 1);
}

static void check_filename(const char *name)
{
    char out[MP_FILENAME_MAX + 1];
    size_t n = mp_sanitize_filename(name, strlen(name), out);
    utf8proc_int32_t c;

    if (n == 0 || n > MP_FILENAME_MAX || strlen(out) != n)
        abort();
    for (size_t i = 0; i < n;) {
        utf8proc_ssize_t r =
            utf8proc_iterate((const utf8proc_uint8_t *)out + i, (utf8proc_ssize_t)(n - i), &c);

        if (r <= 0 || c < 0x20 || c == 0x7f || c == '/' || c == '\\')
            abort();
        i += (size_t)r;
    }
    if (out[0] == '.' || strstr(out, "..") != NULL)
        abort();
}

static int on_begin(void *ctx, const struct mp_part *p)
{
    struct story *s = ctx;

    if (p->name == NULL || p->name[0] == '\0' || p->size != 0)
        abort();
    if (p->filename)
        check_filename(p->filename);
    s->hash = fnv_str(fnv_str(fnv_str(s->hash, p->name), p->filename), p->content_type);
    s->part = 0xcbf29ce484222325ULL;
    s->flen = 0;
    return 0;
}

static int on_data(void *ctx, const struct mp_part *p, const char *data, size_t len)
{
    struct story *s = ctx;
    size_t keep = len < FILE_KEEP - s->flen ? len : FILE_KEEP - s->flen;

    if (len == 0 || p->size > (p->is_file ? limits.max_file_bytes : limits.max_field_bytes))
        abort();
    s->part = fnv(s->part, data, len);
    memcpy(s->file + s->flen, data, keep);
    s->flen += keep;
    return 0;
}

static int on_end(void *ctx, const struct mp_part *p)
{
    struct story *s = ctx;
    enum ft_type t;

    s->hash = fnv(fnv(s->hash, &s->part, sizeof(s->part)), &p->size, sizeof(p->size));
    if (p->is_file)
        (void)ft_detect_mem(s->file, s->flen, &t);
    return 0;
}

static uint64_t run(const char *ct, const char *body, size_t len, const size_t *cuts, size_t n,
                    unsigned char *file)
{
    static const struct mp_callbacks cb = {on_begin, on_data, on_end};
    struct story s = {0xcbf29ce484222325ULL, 0, file, 0};
    struct mp_parser *p;
    size_t at = 0;
    int rc = mp_create(ct, &limits, &cb, &s, &p);

    for (size_t k = 0; rc == 0 && k <= n; k++) {
        size_t end = k < n ? cuts[k] : len;

        rc = mp_feed(p, body + at, end - at);
        at = end;
    }
    if (rc == 0)
        rc = mp_finish(p);
    if (p)
        mp_free(p);
    if (rc > 0 || -rc >= MP_ERROR__MAX || mp_http_status(rc) < 200)
        abort();
    return fnv(s.hash, &rc, sizeof(rc));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned char *file;
    const char *body = (const char *)data + 1;
    char ct[256] = "multipart/form-data; boundary=XyZ";
    size_t len, cuts[3], n = 0;
    unsigned seed;

    if (size == 0)
        return 0;
    if (file == NULL && (file = malloc(FILE_KEEP)) == NULL)
        abort();
    seed = data[0];
    len = size - 1;
    if (seed & 1) {
        const char *nl = memchr(body, '\n', len < sizeof(ct) ? len : sizeof(ct) - 1);

        if (nl == NULL)
            return 0;
        memcpy(ct, body, (size_t)(nl - body));
        ct[nl - body] = '\0';
        len -= (size_t)(nl - body) + 1;
        body = nl + 1;
    }
    /* Three increasing cuts picked from the seed. */
    for (size_t k = 1; k <= 3 && len > 0; k++) {
        size_t c = (len * (((seed >> 1) * k * 37 + k * 11) % 97)) / 97;

        if (n == 0 || c > cuts[n - 1])
            cuts[n++] = c;
    }
    if (run(ct, body, len, NULL, 0, file) != run(ct, body, len, cuts, n, file))
        abort();
    return 0;
}
