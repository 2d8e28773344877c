/*
 * test_multipart.c — unit tests of the streaming multipart/form-data parser.
 *
 * The cases are data files, tests/data/multipart/NAME.case: a Content-Type, optional
 * caps, a body, and the expected transcript (each part as its headers declared it and
 * the data it carried, any part begun but not ended, the result). Every body is fed
 * whole, split in two at every byte offset, byte by byte, and in random chunks: every
 * way must give the expected transcript. Programs below add what is better built than
 * written: 10,000 tiny parts against the cap, headers and bodies at their caps to the
 * byte, a 64 MiB file under a memory bound, callbacks that refuse, filenames.
 *
 * Case file format: "content-type: …" and "limits: parts=N header=N field=N file=N
 * total=N" (any subset; defaults below), then "=== body", the body, "=== expect", the
 * transcript. In the body every line break is CRLF, except after a line ending in a
 * lone backslash (no line break); \r \n \t \\ \xHH are escapes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "multipart.h"
#include "util.h"

/* The enum's identifiers, written out here independently of the library's tables. */
static const char *const ids[] = {
    "ok",
    "MP_E_NOT_MULTIPART",
    "MP_E_BOUNDARY_PARAM",
    "MP_E_BOUNDARY_MISSING",
    "MP_E_BOUNDARY_MALFORMED",
    "MP_E_BOUNDARY_REPEATED",
    "MP_E_TRUNCATED",
    "MP_E_NO_PARTS",
    "MP_E_HEADER_MALFORMED",
    "MP_E_HEADER_NOT_ALLOWED",
    "MP_E_HEADER_DUPLICATE",
    "MP_E_NO_DISPOSITION",
    "MP_E_DISPOSITION",
    "MP_E_NO_NAME",
    "MP_E_PART_TYPE",
    "MP_E_TOO_MANY_PARTS",
    "MP_E_HEADERS_TOO_BIG",
    "MP_E_FIELD_TOO_BIG",
    "MP_E_FILE_TOO_BIG",
    "MP_E_TOTAL_TOO_BIG",
    "MP_E_CALLBACK",
    "MP_E_LIMITS",
    "MP_E_NOMEM",
};
_Static_assert(sizeof(ids) / sizeof(ids[0]) == MP_ERROR__MAX, "one id per code");

static const struct mp_limits default_limits = {16, 1024, 256, 4096, 1 << 20};

/* ---- the recorder: callbacks writing a transcript ---- */

struct rec {
    struct buf out;  /* the transcript */
    struct buf cur;  /* the current part's declared headers */
    struct buf data; /* the current part's data */
    int open;
    size_t ended;
    int refuse_at;   /* with refuse_kind: the part index whose callback refuses (-1 never) */
    int refuse_kind; /* 0 begin, 1 data, 2 end */
    int calls_after_error;
    int failed;
};

static void esc(struct buf *b, const char *s, size_t len)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '\r')
            buf_puts(b, "\\r");
        else if (c == '\n')
            buf_puts(b, "\\n");
        else if (c == '\t')
            buf_puts(b, "\\t");
        else if (c == '"' || c == '\\')
            buf_printf(b, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            buf_printf(b, "\\x%02x", c);
        else
            buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

static void esc_opt(struct buf *b, const char *s)
{
    if (s)
        esc(b, s, strlen(s));
    else
        buf_putc(b, '-');
}

static int on_begin(void *ctx, const struct mp_part *p)
{
    struct rec *r = ctx;

    r->calls_after_error += r->failed;
    assert_false(r->open);
    assert_int_equal(p->index, r->ended);
    assert_int_equal(p->size, 0);
    assert_int_equal(p->is_file, p->filename != NULL);
    assert_true(p->name[0] != '\0');
    buf_reset(&r->cur);
    buf_reset(&r->data);
    buf_puts(&r->cur, "name=");
    esc(&r->cur, p->name, strlen(p->name));
    buf_puts(&r->cur, " filename=");
    esc_opt(&r->cur, p->filename);
    buf_puts(&r->cur, " type=");
    esc_opt(&r->cur, p->content_type);
    r->open = 1;
    return r->refuse_kind == 0 && r->refuse_at == (int)p->index;
}

static int on_data(void *ctx, const struct mp_part *p, const char *data, size_t len)
{
    struct rec *r = ctx;

    r->calls_after_error += r->failed;
    assert_true(r->open);
    assert_true(len > 0);
    buf_append(&r->data, data, len);
    assert_int_equal(p->size, r->data.len);
    return r->refuse_kind == 1 && r->refuse_at == (int)p->index;
}

static int on_end(void *ctx, const struct mp_part *p)
{
    struct rec *r = ctx;

    r->calls_after_error += r->failed;
    assert_true(r->open);
    assert_int_equal(p->size, r->data.len);
    buf_puts(&r->out, "part ");
    buf_append(&r->out, r->cur.data, r->cur.len);
    buf_puts(&r->out, " data=");
    esc(&r->out, r->data.data ? r->data.data : "", r->data.len);
    buf_putc(&r->out, '\n');
    r->open = 0;
    r->ended++;
    return r->refuse_kind == 2 && r->refuse_at == (int)p->index;
}

static const struct mp_callbacks rec_cb = {on_begin, on_data, on_end};

static void rec_init(struct rec *r)
{
    memset(r, 0, sizeof(*r));
    r->refuse_at = -1;
}

static void rec_free(struct rec *r)
{
    buf_free(&r->out);
    buf_free(&r->cur);
    buf_free(&r->data);
}

static void rec_result(struct rec *r, int rc)
{
    if (r->open) {
        buf_puts(&r->out, "open ");
        buf_append(&r->out, r->cur.data, r->cur.len);
        buf_putc(&r->out, '\n');
    }
    assert_true(rc <= 0 && -rc < MP_ERROR__MAX);
    buf_printf(&r->out, "result %s\n", ids[-rc]);
}

/* Feeds body in chunks ending at cuts[0..ncuts) (increasing, within len), then the
 * rest, then finishes; stops at the first error. Returns the result code. */
static int run_cuts(const char *ctype, const struct mp_limits *lim, const char *body, size_t len,
                    const size_t *cuts, size_t ncuts, struct rec *r)
{
    struct mp_parser *p = NULL;
    size_t at = 0;
    int rc = mp_create(ctype, lim, &rec_cb, r, &p);

    for (size_t k = 0; rc == 0 && k <= ncuts; k++) {
        size_t end = k < ncuts ? cuts[k] : len;

        rc = mp_feed(p, body + at, end - at);
        at = end;
    }
    if (rc == 0)
        rc = mp_finish(p);
    if (rc != 0 && p != NULL) {
        /* Errors are sticky and no callback runs after one. */
        r->failed = 1;
        assert_int_equal(mp_feed(p, "\r\n--", 4), rc);
        assert_int_equal(mp_finish(p), rc);
        assert_int_equal(r->calls_after_error, 0);
    }
    mp_free(p);
    rec_result(r, rc);
    return rc;
}

/* Runs with the given cuts and returns the transcript (caller frees). */
static char *transcript(const char *ctype, const struct mp_limits *lim, const char *body,
                        size_t len, const size_t *cuts, size_t ncuts)
{
    struct rec r;
    char *t;

    rec_init(&r);
    run_cuts(ctype, lim, body, len, cuts, ncuts, &r);
    t = buf_steal(&r.out);
    rec_free(&r);
    return t;
}

/* ---- case files ---- */

struct mp_case {
    char ctype[512];
    struct mp_limits lim;
    struct buf body;
    char *expect; /* points into the file's buffer */
};

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes one body line; appends CRLF unless it ends in a lone backslash. */
static void body_line(struct buf *b, const char *s, size_t n, const char *file)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            buf_putc(b, s[i]);
            continue;
        }
        if (++i == n)
            return; /* continuation: no line break */
        switch (s[i]) {
        case 'r':
            buf_putc(b, '\r');
            break;
        case 'n':
            buf_putc(b, '\n');
            break;
        case 't':
            buf_putc(b, '\t');
            break;
        case '\\':
            buf_putc(b, '\\');
            break;
        case 'x':
            if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)
                fail_msg("%s: bad \\x escape", file);
            buf_putc(b, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 2;
            break;
        default:
            fail_msg("%s: bad escape \\%c", file, s[i]);
        }
    }
    buf_puts(b, "\r\n");
}

static uint64_t limit_value(const char *s, const char *key, uint64_t dflt)
{
    char pat[32];
    const char *p;

    snprintf(pat, sizeof(pat), "%s=", key);
    p = strstr(s, pat);
    return p ? strtoull(p + strlen(pat), NULL, 10) : dflt;
}

static void case_load(const char *file, struct buf *raw, struct mp_case *c)
{
    char *body, *expect, *line, *end;

    memset(c, 0, sizeof(*c));
    c->lim = default_limits;
    buf_reset(raw);
    if (buf_read_file(raw, file, 1 << 20) != 0)
        fail_msg("cannot read %s", file);
    body = strstr(raw->data, "=== body\n");
    expect = strstr(raw->data, "\n=== expect\n");
    if (body == NULL || expect == NULL || expect < body)
        fail_msg("%s: needs '=== body' and '=== expect'", file);
    *expect = '\0';
    c->expect = expect + strlen("\n=== expect\n");
    *body = '\0';
    for (line = raw->data; *line; line = end + 1) {
        end = strchr(line, '\n');
        *end = '\0';
        if (strncmp(line, "content-type: ", 14) == 0) {
            snprintf(c->ctype, sizeof(c->ctype), "%s", line + 14);
        } else if (strncmp(line, "limits: ", 8) == 0) {
            c->lim.max_parts = (size_t)limit_value(line, "parts", c->lim.max_parts);
            c->lim.max_header_bytes = (size_t)limit_value(line, "header", c->lim.max_header_bytes);
            c->lim.max_field_bytes = limit_value(line, "field", c->lim.max_field_bytes);
            c->lim.max_file_bytes = limit_value(line, "file", c->lim.max_file_bytes);
            c->lim.max_total_bytes = limit_value(line, "total", c->lim.max_total_bytes);
        } else if (line[0] != '#' && line[0] != '\0') {
            fail_msg("%s: unknown line '%s'", file, line);
        }
    }
    body += strlen("=== body\n");
    for (line = body; line && line < expect; line = end ? end + 1 : NULL) {
        end = memchr(line, '\n', (size_t)(expect - line));
        body_line(&c->body, line, end ? (size_t)(end - line) : (size_t)(expect - line), file);
    }
}

static void check(const char *file, const char *how, const char *want, char *got)
{
    if (strcmp(want, got) != 0)
        fail_msg("%s (%s):\n--- want\n%s--- got\n%s", file, how, want, got);
    free(got);
}

/* One case: whole, split at every offset, byte by byte, in random chunks. */
static void case_run(const char *file, struct mp_case *c, size_t *cuts)
{
    const char *b = c->body.data ? c->body.data : "";
    size_t len = c->body.len, n;
    char how[64];

    check(file, "whole", c->expect, transcript(c->ctype, &c->lim, b, len, NULL, 0));
    for (size_t k = 0; k <= len; k++) {
        snprintf(how, sizeof(how), "split at %zu", k);
        check(file, how, c->expect, transcript(c->ctype, &c->lim, b, len, &k, 1));
    }
    for (n = 0; n + 1 < len; n++)
        cuts[n] = n + 1;
    check(file, "byte by byte", c->expect, transcript(c->ctype, &c->lim, b, len, cuts, n));
    for (int round = 0; round < 50; round++) {
        size_t at = 0;

        for (n = 0; at + 1 < len; n++) {
            at += 1 + (size_t)rand() % 13;
            if (at >= len)
                break;
            cuts[n] = at;
        }
        snprintf(how, sizeof(how), "random chunks, round %d", round);
        check(file, how, c->expect, transcript(c->ctype, &c->lim, b, len, cuts, n));
    }
}

static void case_files(void **state)
{
    struct buf raw = BUF_INIT;
    struct mp_case c;
    glob_t g;
    size_t ok = 0, errs = 0;

    srand(2046);
    if (glob("tests/data/multipart/*.case", 0, NULL, &g) != 0 || g.gl_pathc < 40)
        fail_msg("tests/data/multipart/*.case missing (run from the repository root)");
    for (size_t i = 0; i < g.gl_pathc; i++) {
        size_t *cuts;

        case_load(g.gl_pathv[i], &raw, &c);
        cuts = calloc(c.body.len + 1, sizeof(*cuts));
        assert_non_null(cuts);
        case_run(g.gl_pathv[i], &c, cuts);
        if (strstr(c.expect, "result ok\n"))
            ok++;
        else
            errs++;
        free(cuts);
        buf_free(&c.body);
    }
    /* Every error code reachable from a body or a Content-Type has a case. */
    for (int code = 1; code < MP_E_TOTAL_TOO_BIG; code++) {
        int found = 0;

        for (size_t i = 0; i < g.gl_pathc && !found; i++) {
            char line[64];

            case_load(g.gl_pathv[i], &raw, &c);
            snprintf(line, sizeof(line), "result %s\n", ids[code]);
            found = strstr(c.expect, line) != NULL;
            buf_free(&c.body);
        }
        if (!found)
            fail_msg("no case file ends in %s", ids[code]);
    }
    assert_true(ok >= 10 && errs >= 30);
    globfree(&g);
    buf_free(&raw);
}

/* ---- built bodies ---- */

static void add_field(struct buf *b, const char *bd, const char *name, const char *val)
{
    buf_printf(b, "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", bd, name,
               val);
}

static void many_parts(void **state)
{
    static const char ct[] = "multipart/form-data; boundary=b";
    struct mp_limits lim = default_limits;
    struct buf body = BUF_INIT, want = BUF_INIT;
    size_t chunk[] = {1, 7, 4096, SIZE_MAX};
    struct rec r;

    for (int i = 0; i < 10000; i++) {
        char name[16];

        snprintf(name, sizeof(name), "f%d", i);
        add_field(&body, "b", name, i % 2 ? "x" : "");
        buf_printf(&want, "part name=\"%s\" filename=- type=- data=\"%s\"\n", name,
                   i % 2 ? "x" : "");
    }
    buf_puts(&body, "--b--\r\n");
    lim.max_total_bytes = body.len;
    for (size_t k = 0; k < ARRAY_LEN(chunk); k++) {
        size_t *cuts = NULL, n = 0;

        if (chunk[k] != SIZE_MAX) {
            cuts = calloc(body.len / chunk[k] + 1, sizeof(*cuts));
            assert_non_null(cuts);
            for (size_t at = chunk[k]; at < body.len; at += chunk[k])
                cuts[n++] = at;
        }
        /* At the cap: all 10,000 parts. */
        lim.max_parts = 10000;
        rec_init(&r);
        assert_int_equal(run_cuts(ct, &lim, body.data, body.len, cuts, n, &r), 0);
        assert_int_equal(r.ended, 10000);
        assert_int_equal(strncmp(r.out.data, want.data, want.len), 0);
        rec_free(&r);
        /* One over the cap: refused when the 10,000th part begins. */
        lim.max_parts = 9999;
        rec_init(&r);
        assert_int_equal(run_cuts(ct, &lim, body.data, body.len, cuts, n, &r),
                         -MP_E_TOO_MANY_PARTS);
        assert_int_equal(r.ended, 9999);
        rec_free(&r);
        free(cuts);
    }
    buf_free(&body);
    buf_free(&want);
}

/* The header cap counts every byte of the section, CRLFs and the blank line included. */
static void header_cap_to_the_byte(void **state)
{
    static const char ct[] = "multipart/form-data; boundary=b";
    struct mp_limits lim = default_limits;
    struct buf body = BUF_INIT, name = BUF_INIT;
    size_t section;
    struct rec r;

    for (int i = 0; i < 60000; i++)
        buf_putc(&name, (char)('a' + i % 26));
    buf_printf(&body, "--b\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\nv\r\n--b--\r\n",
               name.data);
    section = strlen("Content-Disposition: form-data; name=\"\"\r\n\r\n") + name.len;
    lim.max_header_bytes = section;
    rec_init(&r);
    assert_int_equal(run_cuts(ct, &lim, body.data, body.len, NULL, 0, &r), 0);
    assert_int_equal(r.ended, 1);
    rec_free(&r);
    lim.max_header_bytes = section - 1;
    rec_init(&r);
    assert_int_equal(run_cuts(ct, &lim, body.data, body.len, NULL, 0, &r), -MP_E_HEADERS_TOO_BIG);
    rec_free(&r);
    /* A header far over the largest cap a caller may set. */
    for (int i = 0; i < 40000; i++)
        buf_puts(&name, "xy");
    buf_reset(&body);
    buf_printf(&body, "--b\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n", name.data);
    lim.max_header_bytes = MP_HEADER_BYTES_MAX;
    rec_init(&r);
    assert_int_equal(run_cuts(ct, &lim, body.data, body.len, NULL, 0, &r), -MP_E_HEADERS_TOO_BIG);
    assert_int_equal(r.ended, 0);
    assert_false(r.open);
    rec_free(&r);
    buf_free(&body);
    buf_free(&name);
}

/* The total cap counts every byte fed, and errs at the same byte however it is fed. */
static void total_cap_to_the_byte(void **state)
{
    static const char ct[] = "multipart/form-data; boundary=b";
    struct mp_limits lim = default_limits;
    struct buf body = BUF_INIT;
    size_t half;
    struct rec r;

    add_field(&body, "b", "a", "1");
    add_field(&body, "b", "c", "22");
    buf_puts(&body, "--b--\r\n");
    half = body.len / 2;
    lim.max_total_bytes = body.len;
    rec_init(&r);
    assert_int_equal(run_cuts(ct, &lim, body.data, body.len, &half, 1, &r), 0);
    assert_int_equal(r.ended, 2);
    rec_free(&r);
    lim.max_total_bytes = body.len - 1;
    rec_init(&r);
    assert_int_equal(run_cuts(ct, &lim, body.data, body.len, &half, 1, &r), -MP_E_TOTAL_TOO_BIG);
    assert_int_equal(r.ended, 2); /* the last byte cut was the epilogue's LF */
    rec_free(&r);
    /* Cut inside the first part: that part never ends. */
    lim.max_total_bytes = 45;
    rec_init(&r);
    assert_int_equal(run_cuts(ct, &lim, body.data, body.len, NULL, 0, &r), -MP_E_TOTAL_TOO_BIG);
    assert_int_equal(r.ended, 0);
    rec_free(&r);
    buf_free(&body);
}

struct sink {
    uint64_t bytes;
    uint64_t sum; /* position-weighted checksum of the data */
    int parts;
};

static int sink_data(void *ctx, const struct mp_part *p, const char *data, size_t len)
{
    struct sink *s = ctx;

    for (size_t i = 0; i < len; i++)
        s->sum += (uint64_t)(unsigned char)data[i] * ((s->bytes + i) % 251 + 1);
    s->bytes += len;
    return 0;
}

static int sink_end(void *ctx, const struct mp_part *p)
{
    ((struct sink *)ctx)->parts++;
    return 0;
}

static long maxrss_kb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* 64 MiB of file data full of near-delimiters, in 64 KiB chunks: every byte arrives,
 * and the process grows by less than 4 MiB. */
static void big_file_bounded_memory(void **state)
{
    static const char ct[] = "multipart/form-data; boundary=----ocopBoundary42";
    static const char head[] = "------ocopBoundary42\r\nContent-Disposition: form-data; "
                               "name=\"file\"; filename=\"big.bin\"\r\n\r\n";
    static const char tail[] = "\r\n------ocopBoundary42--\r\n";
    static const char near[] = "\r\n------ocopBoundary4\r\n--\r\r\n------ocop";
    const size_t chunk = 65536, total = (size_t)64 << 20;
    struct mp_limits lim = {4, 4096, 1024, total, total + 4096};
    struct mp_callbacks cb = {NULL, sink_data, sink_end};
    struct sink s = {0, 0, 0};
    struct mp_parser *p;
    uint64_t want_sum = 0;
    char *buf = malloc(chunk);
    long before;

    assert_non_null(buf);
    for (size_t i = 0; i < chunk; i++)
        buf[i] = i % 97 < sizeof(near) - 1 ? near[i % 97] : (char)('A' + i % 23);
    for (size_t i = 0; i < total; i++)
        want_sum += (uint64_t)(unsigned char)buf[i % chunk] * (i % 251 + 1);
    before = maxrss_kb();
    assert_int_equal(mp_create(ct, &lim, &cb, &s, &p), 0);
    assert_int_equal(mp_feed(p, head, sizeof(head) - 1), 0);
    for (size_t done = 0; done < total; done += chunk)
        assert_int_equal(mp_feed(p, buf, chunk), 0);
    assert_int_equal(mp_feed(p, tail, sizeof(tail) - 1), 0);
    assert_int_equal(mp_finish(p), 0);
    mp_free(p);
    assert_int_equal(s.parts, 1);
    assert_int_equal(s.bytes, total);
    assert_int_equal(s.sum, want_sum);
    assert_true(maxrss_kb() - before < 4096);
    free(buf);
}

/* A callback that refuses stops the parse with MP_E_CALLBACK, and nothing is called
 * after it. */
static void callbacks_refuse(void **state)
{
    static const char ct[] = "multipart/form-data; boundary=b";
    struct buf body = BUF_INIT;
    struct rec r;

    add_field(&body, "b", "a", "1");
    add_field(&body, "b", "c", "22");
    buf_puts(&body, "--b--\r\n");
    for (int kind = 0; kind < 3; kind++) {
        for (int at = 0; at < 2; at++) {
            rec_init(&r);
            r.refuse_kind = kind;
            r.refuse_at = at;
            assert_int_equal(run_cuts(ct, &default_limits, body.data, body.len, NULL, 0, &r),
                             -MP_E_CALLBACK);
            assert_int_equal(r.ended, (size_t)(kind == 2 ? at + 1 : at));
            rec_free(&r);
        }
    }
    buf_free(&body);
}

static void bad_limits(void **state)
{
    static const char ct[] = "multipart/form-data; boundary=b";
    struct mp_parser *p = (struct mp_parser *)1;
    struct mp_limits lim;
    size_t *fields[] = {&lim.max_parts, &lim.max_header_bytes};

    for (size_t k = 0; k < ARRAY_LEN(fields); k++) {
        lim = default_limits;
        *fields[k] = 0;
        assert_int_equal(mp_create(ct, &lim, &rec_cb, NULL, &p), -MP_E_LIMITS);
        assert_null(p);
    }
    lim = default_limits;
    lim.max_file_bytes = 0;
    assert_int_equal(mp_create(ct, &lim, &rec_cb, NULL, &p), -MP_E_LIMITS);
    lim = default_limits;
    lim.max_header_bytes = MP_HEADER_BYTES_MAX + 1;
    assert_int_equal(mp_create(ct, &lim, &rec_cb, NULL, &p), -MP_E_LIMITS);
    assert_int_equal(mp_create(ct, NULL, &rec_cb, NULL, &p), -MP_E_LIMITS);
    assert_int_equal(mp_create(NULL, &default_limits, &rec_cb, NULL, &p), -MP_E_NOT_MULTIPART);
}

static void boundaries(void **state)
{
    char b[MP_BOUNDARY_MAX + 1], ct[200];

    assert_int_equal(mp_boundary("multipart/form-data; boundary=abc", b), 0);
    assert_string_equal(b, "abc");
    assert_int_equal(mp_boundary("  MULTIPART/form-data ;charset=utf-8;boundary=\"a b\"", b), 0);
    assert_string_equal(b, "a b");
    /* 70 characters pass, 71 do not. */
    snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%070d", 7);
    assert_int_equal(mp_boundary(ct, b), 0);
    assert_int_equal(strlen(b), 70);
    snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%071d", 7);
    assert_int_equal(mp_boundary(ct, b), -MP_E_BOUNDARY_PARAM);
    assert_int_equal(mp_boundary("multipart/form-data; boundary=\"a\\b\"", b),
                     -MP_E_BOUNDARY_PARAM);
    assert_int_equal(mp_boundary("multipart/form-data; boundary=\"a\r\nb\"", b),
                     -MP_E_BOUNDARY_PARAM);
    assert_int_equal(mp_boundary("multipart/form-data; boundary=a; x", b), -MP_E_BOUNDARY_PARAM);
    assert_int_equal(mp_boundary("multipart/form-data; boundary=abc\"", b), -MP_E_BOUNDARY_PARAM);
    assert_int_equal(mp_boundary("multipart/form-datax; boundary=abc", b), -MP_E_NOT_MULTIPART);
    assert_int_equal(mp_boundary("multipart/; boundary=abc", b), -MP_E_NOT_MULTIPART);
    assert_int_equal(mp_boundary("", b), -MP_E_NOT_MULTIPART);
}

static void sanitized(const char *in, size_t len, const char *want)
{
    char out[MP_FILENAME_MAX + 1];
    size_t n = mp_sanitize_filename(in, len, out);

    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

#define SANE(in, want) sanitized(in, sizeof(in) - 1, want)

static void filenames(void **state)
{
    char in[1000], out[MP_FILENAME_MAX + 1];
    size_t n;

    SANE("Hồ sơ công bố.pdf", "Hồ sơ công bố.pdf");
    SANE("../../etc/passwd", "etcpasswd");
    SANE("..\\..\\boot.ini", "boot.ini");
    SANE("C:\\Users\\lan\\ho so.docx", "C:Userslanho so.docx");
    SANE("..", "tệp");
    SANE("", "tệp");
    SANE("/", "tệp");
    SANE(" . . a..b...c. ", "a.b.c");
    SANE("a\0b\r\n\x1b[31mc\x7f.pdf", "ab[31mc.pdf");
    SANE("\xc2\x85x\xc2\x9fy", "xy");                               /* C1 controls */
    SANE("bad\xff\xfe.pdf", "bad\xef\xbf\xbd\xef\xbf\xbd.pdf");     /* U+FFFD each */
    SANE("\xc0\xafslash", "\xef\xbf\xbd\xef\xbf\xbdslash");         /* overlong '/' */
    SANE("\xed\xa0\x80x", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx"); /* a surrogate */
    SANE("inv\xe2\x80\xae"
         "fdp.exe",
         "invfdp.exe"); /* U+202E right-to-left */
    SANE("say \"hi\".txt", "say hi.txt");
    /* NFD (as macOS sends) becomes NFC: "ệ" = e + U+0323 + U+0302. */
    SANE("te\xcc\xa3\xcc\x82p.pdf", "tệp.pdf");
    /* Long names: cut at 200 bytes on a character boundary, the extension kept. */
    memset(in, 0, sizeof(in));
    for (int i = 0; i < 150; i++)
        memcpy(in + 2 * i, "\xc3\xa0", 2); /* à, 2 bytes */
    memcpy(in + 300, ".pdf", 4);
    n = mp_sanitize_filename(in, 304, out);
    assert_int_equal(n, 196 + 4);
    assert_memory_equal(out, in, 196);
    assert_string_equal(out + 196, ".pdf");
    /* 3-byte characters: 195 bytes fit before ".docx" (200 - 5 = 195 = 65 × 3). */
    for (int i = 0; i < 100; i++)
        memcpy(in + 3 * i, "\xe1\xbb\x87", 3); /* ệ */
    memcpy(in + 300, ".docx", 5);
    n = mp_sanitize_filename(in, 305, out);
    assert_int_equal(n, 200);
    assert_string_equal(out + 195, ".docx");
    /* 4-byte characters and an extension too long to keep: 200 = 50 × 4. */
    for (int i = 0; i < 100; i++)
        memcpy(in + 4 * i, "\xf0\x9f\x8d\xaf", 4); /* U+1F36F honey pot */
    memcpy(in + 400, ".averyveryverylongextension", 27);
    n = mp_sanitize_filename(in, 427, out);
    assert_int_equal(n, 200);
    assert_memory_equal(out, in, 200);
    /* The worst case: every byte invalid grows threefold, then is cut. */
    memset(in, 0xff, sizeof(in));
    n = mp_sanitize_filename(in, sizeof(in), out);
    assert_int_equal(n, 198);
    assert_int_equal(strlen(out), 198);
}

/* The HTTP statuses the brief fixes: 413 for caps, 415 for a wrong media type, 422
 * for well-formed parts that break policy, 400 for syntax. */
static void statuses(void **state)
{
    static const struct {
        int code, status;
    } want[] = {
        {MP_E_NOT_MULTIPART, 415},
        {MP_E_BOUNDARY_PARAM, 400},
        {MP_E_BOUNDARY_MISSING, 400},
        {MP_E_BOUNDARY_MALFORMED, 400},
        {MP_E_BOUNDARY_REPEATED, 400},
        {MP_E_TRUNCATED, 400},
        {MP_E_NO_PARTS, 400},
        {MP_E_HEADER_MALFORMED, 400},
        {MP_E_HEADER_NOT_ALLOWED, 422},
        {MP_E_HEADER_DUPLICATE, 400},
        {MP_E_NO_DISPOSITION, 422},
        {MP_E_DISPOSITION, 400},
        {MP_E_NO_NAME, 422},
        {MP_E_PART_TYPE, 400},
        {MP_E_TOO_MANY_PARTS, 413},
        {MP_E_HEADERS_TOO_BIG, 413},
        {MP_E_FIELD_TOO_BIG, 413},
        {MP_E_FILE_TOO_BIG, 413},
        {MP_E_TOTAL_TOO_BIG, 413},
        {MP_E_CALLBACK, 500},
        {MP_E_LIMITS, 500},
        {MP_E_NOMEM, 500},
    };

    assert_int_equal(ARRAY_LEN(want), MP_ERROR__MAX - 1);
    for (size_t i = 0; i < ARRAY_LEN(want); i++) {
        assert_int_equal(mp_http_status(-want[i].code), want[i].status);
        assert_non_null(mp_error_names[want[i].code]);
        /* Messages for users are Vietnamese sentences, distinct per code. */
        assert_true(strlen(mp_strerror(-want[i].code)) > 10);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(mp_strerror(-want[i].code), mp_strerror(-want[j].code));
    }
    assert_string_equal(mp_strerror(-MP_E_FILE_TOO_BIG),
                        "Tệp tải lên vượt quá dung lượng cho phép.");
    assert_int_equal(mp_http_status(-9999), 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(case_files),
        cmocka_unit_test(many_parts),
        cmocka_unit_test(header_cap_to_the_byte),
        cmocka_unit_test(total_cap_to_the_byte),
        cmocka_unit_test(big_file_bounded_memory),
        cmocka_unit_test(callbacks_refuse),
        cmocka_unit_test(bad_limits),
        cmocka_unit_test(boundaries),
        cmocka_unit_test(filenames),
        cmocka_unit_test(statuses),
    };

    return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
