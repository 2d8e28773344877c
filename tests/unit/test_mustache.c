/*
 * test_mustache.c — the engine beyond the spec: templates read from files with
 * inheritance, escaping of all five HTML characters, errors with line numbers,
 * template names that could escape the folder, recursion caps, flush after edits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "mustache.h"

static int render_str(const char *tmpl, json_t *data, struct buf *out, struct mst_error *err)
{
    struct mst_set *s = mst_set_new(NULL);
    int rc = mst_set_add(s, "t", tmpl, strlen(tmpl), err);

    if (rc == 0)
        rc = mst_set_render(s, "t", data, out, err);
    mst_set_free(s);
    return rc;
}

static void from_files(void **state)
{
    struct mst_set *s = mst_set_new("tests/data/templates");
    json_t *d = json_pack("{s:s,s:s}", "greeting", "Xin chào", "name", "<Lan & \"Hoa\">");
    struct buf out = BUF_INIT;
    struct mst_error err;

    assert_int_equal(mst_set_render(s, "page", d, &out, &err), 0);
    assert_string_equal(out.data,
                        "<main><p>Xin chào, &lt;Lan &amp; &quot;Hoa&quot;&gt;</p></main>\n\n");
    buf_reset(&out);
    mst_set_flush(s);
    assert_int_equal(mst_set_render(s, "page", d, &out, &err), 0);
    json_decref(d);
    buf_free(&out);
    mst_set_free(s);
}

static void escaping(void **state)
{
    json_t *d = json_pack("{s:s}", "x", "<a href='x'>&\"</a>");
    struct buf out = BUF_INIT;
    struct mst_error err;

    assert_int_equal(render_str("{{x}}|{{{x}}}|{{&x}}", d, &out, &err), 0);
    assert_string_equal(out.data, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;|"
                                  "<a href='x'>&\"</a>|<a href='x'>&\"</a>");
    json_decref(d);
    buf_free(&out);
}

static void errors_name_the_line(void **state)
{
    static const struct {
        const char *tmpl;
        int line;
        const char *msg;
    } cases[] = {
        {"a\nb\n{{#s}}\nc", 3, "never closed"},
        {"a\n{{#s}}x{{/t}}", 2, "does not match"},
        {"{{/s}}", 1, "does not match"},
        {"a\n\n{{name", 3, "unclosed"},
        {"{{=<% %>\n", 1, "unclosed"},
        {"{{= | =}}", 1, "delimiter"},
        {"{{}}", 1, "empty"},
        {"{{{x}}", 1, "unclosed"},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf out = BUF_INIT;
        struct mst_error err = {0};
        assert_int_equal(render_str(cases[i].tmpl, NULL, &out, &err), -1);
        if (err.line != cases[i].line || strstr(err.msg, cases[i].msg) == NULL)
            fail_msg("%s: line %d '%s'", cases[i].tmpl, err.line, err.msg);
        buf_free(&out);
    }
}

static void bad_files_and_names(void **state)
{
    struct mst_set *s = mst_set_new("tests/data/templates");
    struct buf out = BUF_INIT;
    struct mst_error err = {0};

    assert_int_equal(mst_set_render(s, "broken", NULL, &out, &err), -1);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "broken"));
    assert_int_equal(mst_set_render(s, "no-such", NULL, &out, &err), -1);
    assert_int_equal(mst_set_render(s, "../templates/page", NULL, &out, &err), -1);
    assert_int_equal(mst_set_render(s, "/etc/passwd", NULL, &out, &err), -1);
    assert_int_equal(mst_set_add(s, "a b", "x", 1, &err), -1);
    /* a partial that includes itself stops at the depth cap */
    assert_int_equal(mst_set_render(s, "loop", NULL, &out, &err), -1);
    assert_non_null(strstr(err.msg, "deeper"));
    buf_free(&out);
    mst_set_free(s);
}

static void deep_nesting_is_refused(void **state)
{
    struct buf t = BUF_INIT, out = BUF_INIT;
    struct mst_error err = {0};
    int i;

    for (i = 0; i < MST_MAX_DEPTH + 2; i++)
        buf_printf(&t, "{{#a%d}}", i);
    for (i = MST_MAX_DEPTH + 1; i >= 0; i--)
        buf_printf(&t, "{{/a%d}}", i);
    assert_int_equal(render_str(t.data, NULL, &out, &err), -1);
    assert_non_null(strstr(err.msg, "deeper"));
    buf_free(&t);
    buf_free(&out);
}

/* Two self-inclusions per level would do 2^64 renders: the work budget stops it. */
static void breadth_is_bounded(void **state)
{
    struct mst_set *s = mst_set_new(NULL);
    struct buf out = BUF_INIT;
    struct mst_error err = {0};

    /* standalone: each level indents further, so no variant repeats */
    assert_int_equal(mst_set_add(s, "t", " {{>t}}\n {{>t}}\n", 16, &err), 0);
    assert_int_equal(mst_set_render(s, "t", NULL, &out, &err), -1);
    assert_true(strstr(err.msg, "more work") || strstr(err.msg, "deeper"));
    buf_free(&out);
    mst_set_free(s);
}

static void values(void **state)
{
    json_t *d = json_pack("{s:i,s:f,s:b,s:n,s:{s:s},s:[s,s]}", "i", 42, "r", 1.5, "b", 1, "z", "o",
                          "k", "v", "l", "x", "y");
    struct buf out = BUF_INIT;
    struct mst_error err;

    assert_int_equal(
        render_str("{{i}} {{r}} {{b}} [{{z}}] {{o.k}} {{#l}}{{.}},{{/l}} {{^z}}none{{/z}}", d, &out,
                   &err),
        0);
    assert_string_equal(out.data, "42 1.5 true [] v x,y, none");
    json_decref(d);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(from_files),
        cmocka_unit_test(escaping),
        cmocka_unit_test(errors_name_the_line),
        cmocka_unit_test(bad_files_and_names),
        cmocka_unit_test(deep_nesting_is_refused),
        cmocka_unit_test(values),
        cmocka_unit_test(breadth_is_bounded),
    };

    return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}
