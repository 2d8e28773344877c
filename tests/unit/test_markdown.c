/*
 * test_markdown.c — the Discount wrapper: golden output for every
 * tests/data/markdown/NAME.md (NAME.html beside it), no active content in the
 * injection cases (script tags, javascript:/data: links and images, raw HTML, event
 * attributes), and the URL allow-list on its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"

#define DIR_MD "tests/data/markdown"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct buf b = BUF_INIT;
    char chunk[4096];
    size_t n;

    if (f == NULL)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return buf_steal(&b);
}

/* No tag may carry an event handler or a script URL, and no active element survives. */
static void assert_inert(const char *html)
{
    static const char *const patterns[] = {"<script",
                                           "<iframe",
                                           "<div",
                                           "<object",
                                           "<embed",
                                           "<svg",
                                           "<[a-z][^>]* on[a-z]+ *=",
                                           "(href|src) *= *\"(javascript|data|vbscript):",
                                           "(href|src) *= *\"//"};
    size_t i;

    for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
        regex_t re;
        assert_int_equal(regcomp(&re, patterns[i], REG_EXTENDED | REG_ICASE | REG_NOSUB), 0);
        if (regexec(&re, html, 0, NULL, 0) == 0)
            fail_msg("active content /%s/ in:\n%s", patterns[i], html);
        regfree(&re);
    }
}

static void golden(void **state)
{
    DIR *d = opendir(DIR_MD);
    struct dirent *e;
    int cases = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        char md_path[512], html_path[512];
        size_t n = strlen(e->d_name), md_len, want_len;
        struct buf out = BUF_INIT;
        char *md, *want;
        if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0)
            continue;
        snprintf(md_path, sizeof(md_path), "%s/%s", DIR_MD, e->d_name);
        snprintf(html_path, sizeof(html_path), "%s/%.*s.html", DIR_MD, (int)(n - 3), e->d_name);
        md = slurp(md_path, &md_len);
        want = slurp(html_path, &want_len);
        assert_non_null(md);
        assert_non_null(want);
        assert_int_equal(markdown_render(md, md_len, &out), 0);
        if (out.len != want_len || memcmp(out.data, want, want_len) != 0)
            fail_msg("%s differs from %s:\n%s", md_path, html_path, out.data);
        if (strncmp(e->d_name, "inject", 6) == 0)
            assert_inert(out.data);
        buf_free(&out);
        free(md);
        free(want);
        cases++;
    }
    closedir(d);
    assert_true(cases >= 4);
}

static void urls(void **state)
{
    static const char *const good[] = {"https://ok.example/a?b=1#c",
                                       "http://x.vn/",
                                       "/photos/a.jpg",
                                       "../pages/x.html",
                                       "#top",
                                       "a/b.png"};
    static const char *const bad[] = {"javascript:alert(1)",
                                      "JaVaScRiPt:x",
                                      "data:text/html,x",
                                      "vbscript:x",
                                      "//evil.example/",
                                      "/\\evil",
                                      "file:///etc",
                                      "http://a\" onclick=\"x",
                                      "",
                                      "mailto:a@b.c",
                                      " /a"};
    size_t i;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_true(markdown_url_ok(good[i], strlen(good[i])));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (markdown_url_ok(bad[i], strlen(bad[i])))
            fail_msg("accepted %s", bad[i]);
}

static void too_large(void **state)
{
    size_t n = 1024 * 1024 + 1;
    char *big = malloc(n);
    struct buf out = BUF_INIT;

    assert_non_null(big);
    memset(big, 'a', n);
    assert_int_equal(markdown_render(big, n, &out), -1);
    free(big);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden),
        cmocka_unit_test(urls),
        cmocka_unit_test(too_large),
    };

    return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
