/*
 * test_http.c — unit tests of the request core's parsers and validators:
 * urlencoded bodies, cookies, declared fields, the router, integer and date
 * parsing, UTF-8 checks, reply headers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "http.h"

static struct pool P;

static void teardown_pool(void)
{
    pool_reset(&P);
}

static void urlencoded_basic(void **state)
{
    struct kvlist l = {0};
    const char s[] = "a=1&b=hello+world&c=%C4%90%E1%BA%AFk&d=&e";

    assert_int_equal(http_parse_urlencoded(&P, s, strlen(s), &l), 0);
    assert_int_equal(l.n, 5);
    assert_string_equal(kv_get(&l, "a")->val, "1");
    assert_string_equal(kv_get(&l, "b")->val, "hello world");
    assert_string_equal(kv_get(&l, "c")->val, "Đắk");
    assert_string_equal(kv_get(&l, "d")->val, "");
    assert_string_equal(kv_get(&l, "e")->val, "");
    teardown_pool();
}

static void urlencoded_bad(void **state)
{
    const char *bad[] = {"a=%zz", "a=%4", "a=%", "a=%00", "%41%=1", "=1"};
    size_t i;

    for (i = 0; i < ARRAY_LEN(bad); i++) {
        struct kvlist l = {0};
        assert_int_equal(http_parse_urlencoded(&P, bad[i], strlen(bad[i]), &l), -1);
    }
    teardown_pool();
}

static void urlencoded_empty_pairs_and_cap(void **state)
{
    struct kvlist l = {0};
    struct buf b = BUF_INIT;
    int i;

    assert_int_equal(http_parse_urlencoded(&P, "&&a=1&&", 7, &l), 0);
    assert_int_equal(l.n, 1);
    for (i = 0; i < HTTP_MAX_FIELDS + 1; i++)
        buf_printf(&b, "k%d=v&", i);
    l = (struct kvlist){0};
    assert_int_equal(http_parse_urlencoded(&P, b.data, b.len, &l), -1);
    buf_free(&b);
    teardown_pool();
}

static void cookies_parse(void **state)
{
    struct kvlist l = {0};

    assert_int_equal(http_parse_cookies(&P, "a=1; ocop_session=abc-_DEF; q=\"quoted\"", &l), 0);
    assert_int_equal(l.n, 3);
    assert_string_equal(kv_get(&l, "ocop_session")->val, "abc-_DEF");
    assert_string_equal(kv_get(&l, "q")->val, "quoted");
    teardown_pool();
}

static void cookies_bad(void **state)
{
    const char *bad[] = {"novalue", "=x", "a=b c", "a=\"x", "a=x\\y", "a b=1", "a=1,b=2"};
    size_t i;
    struct buf big = BUF_INIT;

    for (i = 0; i < ARRAY_LEN(bad); i++) {
        struct kvlist l = {0};
        assert_int_equal(http_parse_cookies(&P, bad[i], &l), -1);
    }
    for (i = 0; i < HTTP_MAX_COOKIES + 1; i++)
        buf_printf(&big, "c%zu=1; ", i);
    {
        struct kvlist l = {0};
        assert_int_equal(http_parse_cookies(&P, big.data, &l), -1);
    }
    buf_free(&big);
    teardown_pool();
}

static const char *const colours[] = {"red", "green", NULL};
static const struct field fields[] = {
    {"name", FIELD_TEXT, 1, 1, 20, NULL, "Tên"},
    {"age", FIELD_INT, 0, 0, 150, NULL, "Tuổi"},
    {"day", FIELD_DATE, 0, 0, 0, NULL, "Ngày"},
    {"colour", FIELD_ENUM, 0, 0, 0, colours, "Màu"},
    {"area", FIELD_SLUG, 0, 1, 64, NULL, "Địa bàn"},
    {"ok", FIELD_BOOL, 0, 0, 0, NULL, "Đồng ý"},
    {"note", FIELD_MULTILINE, 0, 0, 100, NULL, "Ghi chú"},
};

static int run_validate(const char *form, struct field_value *v, struct field_error *e)
{
    struct kvlist l = {0};

    assert_int_equal(http_parse_urlencoded(&P, form, strlen(form), &l), 0);
    return http_validate(&P, fields, ARRAY_LEN(fields), &l, v, e);
}

static void validate_good(void **state)
{
    struct field_value v[ARRAY_LEN(fields)];
    struct field_error e;

    assert_int_equal(run_validate("name=+M%E1%BA%ADt+ong+&age=42&day=2020-11-10&colour=green"
                                  "&area=dak-lak/krong-nang&ok=on&note=a%0Ab&extra=ignored",
                                  v, &e),
                     0);
    assert_string_equal(v[0].s, "Mật ong");
    assert_int_equal(v[1].i, 42);
    assert_true(v[2].present);
    assert_int_equal(v[3].i, 1);
    assert_string_equal(v[4].s, "dak-lak/krong-nang");
    assert_int_equal(v[5].i, 1);
    assert_string_equal(v[6].s, "a\nb");
    teardown_pool();
}

static void validate_bad(void **state)
{
    static const struct {
        const char *form, *field;
    } cases[] = {
        {"age=1", "name"},                      /* required missing */
        {"name=", "name"},                      /* required empty */
        {"name=%20%20", "name"},                /* only spaces */
        {"name=123456789012345678901", "name"}, /* too long */
        {"name=a%01b", "name"},                 /* control byte */
        {"name=a%0Ab", "name"},                 /* newline in one-line text */
        {"name=%C3%28", "name"},                /* invalid UTF-8 */
        {"name=%ED%A0%80", "name"},             /* UTF-16 surrogate */
        {"name=%C0%AF", "name"},                /* overlong */
        {"name=x&age=151", "age"},
        {"name=x&age=-1", "age"},
        {"name=x&age=4x", "age"},
        {"name=x&age=99999999999999999999999", "age"},
        {"name=x&day=2021-02-30", "day"},
        {"name=x&day=2021-2-3", "day"},
        {"name=x&colour=blue", "colour"},
        {"name=x&area=Ha-Giang", "area"},
        {"name=x&area=ha-giang/", "area"},
        {"name=x&area=%2Fetc", "area"},
        {"name=x&area=a//b", "area"},
        {"name=x&ok=maybe", "ok"},
        {"name=x&name=y", "name"}, /* repeated */
    };
    size_t i;

    for (i = 0; i < ARRAY_LEN(cases); i++) {
        struct field_value v[ARRAY_LEN(fields)];
        struct field_error e = {0};
        assert_int_equal(run_validate(cases[i].form, v, &e), -1);
        assert_non_null(e.field);
        assert_string_equal(e.field, cases[i].field);
        assert_true(strlen(e.message) > 0);
    }
    teardown_pool();
}

static int dummy(struct request *rq, struct reply *rp)
{
    return 0;
}

static const struct route routes[] = {
    {HTTP_GET, "/app/", dummy, 0},
    {HTTP_GET, "/app/dossiers/:id", dummy, 0},
    {HTTP_POST, "/app/dossiers/:id", dummy, 0},
    {HTTP_GET, "/app/dossiers/:id/files/:file", dummy, 0},
};

static void router(void **state)
{
    struct request rq = {.pool = &P};
    char allow[64];
    int status = 0;
    const struct route *r;

    r = http_route(routes, ARRAY_LEN(routes), HTTP_GET, "/app/dossiers/17", &rq, &status, allow,
                   sizeof(allow));
    assert_ptr_equal(r, &routes[1]);
    assert_int_equal(rq.nparams, 1);
    assert_string_equal(rq.params[0], "17");
    r = http_route(routes, ARRAY_LEN(routes), HTTP_HEAD, "/app/dossiers/9/files/3", &rq, &status,
                   allow, sizeof(allow));
    assert_ptr_equal(r, &routes[3]);
    assert_string_equal(rq.params[1], "3");
    r = http_route(routes, ARRAY_LEN(routes), HTTP_POST, "/app/", &rq, &status, allow,
                   sizeof(allow));
    assert_null(r);
    assert_int_equal(status, 405);
    assert_string_equal(allow, "GET, HEAD");
    r = http_route(routes, ARRAY_LEN(routes), HTTP_GET, "/app/dossiers/", &rq, &status, allow,
                   sizeof(allow));
    assert_null(r);
    assert_int_equal(status, 404);
    r = http_route(routes, ARRAY_LEN(routes), HTTP_GET, "/app/dossiers/1/x", &rq, &status, allow,
                   sizeof(allow));
    assert_null(r);
    assert_int_equal(status, 404);
    teardown_pool();
}

static void ints_and_dates(void **state)
{
    int64_t v;

    assert_int_equal(parse_int64("9223372036854775807", 19, INT64_MIN, INT64_MAX, &v), 0);
    assert_true(v == INT64_MAX);
    assert_int_equal(parse_int64("9223372036854775808", 19, INT64_MIN, INT64_MAX, &v), -1);
    assert_int_equal(parse_int64("-9223372036854775808", 20, INT64_MIN, INT64_MAX, &v), 0);
    assert_true(v == INT64_MIN);
    assert_int_equal(parse_int64("", 0, 0, 10, &v), -1);
    assert_int_equal(parse_int64("-", 1, -10, 10, &v), -1);
    assert_int_equal(parse_int64("+1", 2, 0, 10, &v), -1);
    assert_int_equal(parse_date("2020-02-29", &v), 0);
    assert_int_equal(parse_date("2019-02-29", &v), -1);
    assert_int_equal(parse_date("2020-13-01", &v), -1);
    assert_int_equal(parse_date("2020-01-01x", &v), -1);
}

static void reply_headers(void **state)
{
    struct reply rp;

    reply_init(&rp);
    assert_int_equal(reply_header(&rp, "X-A", "ok"), 0);
    assert_int_equal(reply_header(&rp, "X-B", "bad\r\nSet-Cookie: x=1"), -1);
    assert_int_equal(reply_header(&rp, "X:C", "v"), -1);
    assert_string_equal(rp.headers.data, "X-A: ok\r\n");
    reply_redirect(&rp, "//evil.example/");
    assert_string_equal(rp.location, "/app/");
    reply_redirect(&rp, "/app/x\r\nSet-Cookie: a=b");
    assert_string_equal(rp.location, "/app/");
    reply_redirect(&rp, "/app/dossiers/1");
    assert_string_equal(rp.location, "/app/dossiers/1");
    assert_int_equal(rp.status, 303);
    reply_clear(&rp);
}

static void negotiation(void **state)
{
    assert_true(http_wants_json("application/json"));
    assert_true(http_wants_json("application/json, text/html;q=0.5"));
    assert_false(http_wants_json("text/html,application/xhtml+xml,application/json;q=0.9"));
    assert_false(http_wants_json(NULL));
    assert_false(http_wants_json("*/*"));
}

static void html_escape(void **state)
{
    struct buf b = BUF_INIT;

    buf_html_escape(&b, "<a href=\"x\">'&'</a>", 19);
    assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    buf_free(&b);
}

/* The reference escape: byte by byte, as the HTML spec lists the five. */
static void naive_escape(struct buf *b, const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        const char *rep = s[i] == '&'    ? "&amp;"
                          : s[i] == '<'  ? "&lt;"
                          : s[i] == '>'  ? "&gt;"
                          : s[i] == '"'  ? "&quot;"
                          : s[i] == '\'' ? "&#39;"
                                         : NULL;
        if (rep)
            buf_puts(b, rep);
        else
            buf_append(b, &s[i], 1);
    }
}

/* buf_html_escape reads eight bytes at a time: every byte value at every place of
 * strings of 1 to 24 bytes (whole words, a word and a tail, tails alone) escapes as
 * the byte-by-byte reference does, appended after what the buffer held; so does
 * buf_html_escape_str of the same string. */
static void html_escape_every_byte_everywhere(void **state)
{
    unsigned char s[25];
    struct buf got = BUF_INIT, want = BUF_INIT, str = BUF_INIT;

    for (size_t len = 1; len < sizeof(s); len++)
        for (size_t at = 0; at < len; at++)
            for (int c = 1; c < 256; c++) {
                memset(s, 'a', len);
                s[len - 1] = 0xa1; /* a high byte in the word as well */
                s[at] = (unsigned char)c;
                s[len] = '\0';
                got.len = want.len = str.len = 0;
                buf_puts(&got, "x");
                buf_puts(&want, "x");
                buf_puts(&str, "x");
                assert_int_equal(buf_html_escape(&got, (const char *)s, len), 0);
                naive_escape(&want, s, len);
                assert_int_equal(got.len, want.len);
                assert_memory_equal(got.data, want.data, want.len + 1);
                assert_int_equal(buf_html_escape_str(&str, (const char *)s), 0);
                assert_int_equal(str.len, want.len);
                assert_memory_equal(str.data, want.data, want.len + 1);
            }
    got.len = want.len = 0;
    memcpy(s, "<>&\"'<>&\"'<>&\"'<>&\"'<>&\"", 24); /* every byte escaped */
    assert_int_equal(buf_html_escape(&got, (const char *)s, 24), 0);
    naive_escape(&want, s, 24);
    assert_string_equal(got.data, want.data);
    buf_free(&got);
    buf_free(&want);
    buf_free(&str);
}

/* utf8_valid accepts exactly what jansson's json_stringn accepts. */
static void utf8_like_jansson(void **state)
{
    static const char *const cases[] = {
        "", "plain ascii \x01\x7f", "Cán bộ huyện B", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80",
        "\xed\x9f\xbf", "\xee\x80\x80", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf",
        /* refused: stray continuation, overlong, surrogate, past U+10FFFF, bad lead, cut */
        "\x80", "a\xbf", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80",
        "\xed\xbf\xbf", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
        "\xf5\x80\x80\x80", "\xff", "\xc3", "\xe1\x80", "\xf0\x90\x80", "\xc3\x28", "\xe1\x80\x28",
        "x\xf0\x90\x28\x80"};

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *j = json_stringn(cases[i], strlen(cases[i]));
        assert_int_equal(utf8_valid(cases[i], strlen(cases[i])), j != NULL);
        json_decref(j);
    }
    assert_true(utf8_valid("a\0b", 3)); /* NUL is a valid byte; callers stop at it */
    assert_false(utf8_valid("\xc3\xa1", 1));
}

/* utf8_valid against jansson over every two-byte string, and every lead byte of three
 * and four with every second byte (where the overlong, surrogate and range limits
 * are decided) and continuations inside and outside 80-BF; utf8_seq's code point of
 * each accepted sequence encodes back to the same bytes. */
static void utf8_like_jansson_everywhere(void **state)
{
    static const unsigned char conts[] = {0x00, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
    unsigned char s[4];
    size_t nc = sizeof(conts);

    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (size_t k = 0; k < nc * nc; k++) {
                size_t len = a < 0xe0 ? 2 : a < 0xf0 ? 3 : 4;
                s[0] = (unsigned char)a;
                s[1] = (unsigned char)b;
                s[2] = conts[k % nc];
                s[3] = conts[k / nc];
                if (len == 2 && k > 0)
                    break;
                if (len == 3 && k >= nc)
                    break;
                json_t *j = json_stringn((const char *)s, len);
                assert_int_equal(utf8_valid((const char *)s, len), j != NULL);
                json_decref(j);
                uint32_t cp = 0;
                size_t n = utf8_seq((const char *)s, len, &cp);
                if (n == 0)
                    continue;
                char back[4];
                size_t m = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                assert_int_equal(n, m);
                back[0] = (char)(m == 1 ? cp : (0xf00u >> m & 0xf0) | (cp >> (6 * (m - 1))));
                for (size_t i = 1; i < m; i++)
                    back[i] = (char)(0x80 | ((cp >> (6 * (m - 1 - i))) & 0x3f));
                assert_memory_equal(back, s, m);
            }
}

/* utf8_seq: one sequence's length and code point, never reading past avail. */
static void utf8_one_sequence(void **state)
{
    uint32_t cp = 0;

    assert_int_equal(utf8_seq("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_seq("\xe1\xba\xa1x", 4, &cp), 3); /* ạ */
    assert_int_equal(cp, 0x1ea1);
    assert_int_equal(utf8_seq("\xf0\x9f\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1f600);
    assert_int_equal(utf8_seq("\xc2\x85", 2, &cp), 2); /* a C1 control is UTF-8; callers judge */
    assert_int_equal(cp, 0x85);
    assert_int_equal(utf8_seq("\xf0\x9f\x98\x80", 3, &cp), 0); /* cut by avail */
    assert_int_equal(utf8_seq("", 0, &cp), 0);
    assert_int_equal(utf8_seq("\xc0\x80", 2, &cp), 0);         /* overlong */
    assert_int_equal(utf8_seq("\xed\xa0\x80", 3, &cp), 0);     /* surrogate */
    assert_int_equal(utf8_seq("\xf4\x90\x80\x80", 4, &cp), 0); /* past U+10FFFF */
}

/* int_text writes what printf's %lld writes, to the ends of the range. */
static void int_text_like_printf(void **state)
{
    static const long long cases[] = {0,         7,        -7, 10, 2020, -2020, 1234567890123LL,
                                      LLONG_MAX, LLONG_MIN};
    char num[24], want[32];
    size_t len;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = int_text(cases[i], num, &len);
        snprintf(want, sizeof(want), "%lld", cases[i]);
        assert_string_equal(got, want);
        assert_int_equal(len, strlen(want));
    }
}

static void pool_limit(void **state)
{
    struct pool p = {.limit = 1024};

    assert_non_null(pool_alloc(&p, 512));
    assert_null(pool_alloc(&p, 1024));
    assert_null(pool_alloc(&p, SIZE_MAX));
    pool_reset(&p);
    assert_non_null(pool_alloc(&p, 1000));
    pool_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(urlencoded_basic),
        cmocka_unit_test(urlencoded_bad),
        cmocka_unit_test(urlencoded_empty_pairs_and_cap),
        cmocka_unit_test(cookies_parse),
        cmocka_unit_test(cookies_bad),
        cmocka_unit_test(validate_good),
        cmocka_unit_test(validate_bad),
        cmocka_unit_test(router),
        cmocka_unit_test(ints_and_dates),
        cmocka_unit_test(reply_headers),
        cmocka_unit_test(negotiation),
        cmocka_unit_test(html_escape),
        cmocka_unit_test(html_escape_every_byte_everywhere),
        cmocka_unit_test(utf8_like_jansson_everywhere),
        cmocka_unit_test(utf8_like_jansson),
        cmocka_unit_test(utf8_one_sequence),
        cmocka_unit_test(int_text_like_printf),
        cmocka_unit_test(pool_limit),
    };
    int rc = cmocka_run_group_tests_name("http", tests, NULL, NULL);

    pool_free(&P);
    return rc;
}
