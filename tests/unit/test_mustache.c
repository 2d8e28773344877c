/*
 * test_mustache.c — the engine beyond the spec: templates read from files with
 * inheritance, escaping of all five HTML characters, errors with line numbers,
 * template names that could escape the folder, recursion caps, flush after edits,
 * missing partials, dotted names, numbers, and the size limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Renders tmpl with data given as JSON text and compares the output. */
static void expect(const char *tmpl, const char *json, const char *want)
{
    json_t *d = json_loads(json, 0, NULL);
    struct buf out = BUF_INIT;
    struct mst_error err = {0};

    assert_non_null(d);
    if (render_str(tmpl, d, &out, &err) != 0)
        fail_msg("%s: line %d '%s'", tmpl, err.line, err.msg);
    if (strcmp(out.data ? out.data : "", want) != 0)
        fail_msg("%s: want '%s' got '%s'", tmpl, want, out.data ? out.data : "");
    json_decref(d);
    buf_free(&out);
}

static void missing_partials_render_nothing(void **state)
{
    const char *m = "[{{>no-such}}{{>../x}}{{>a.b}}]";
    struct mst_set *s = mst_set_new("tests/data/templates");
    struct buf out = BUF_INIT;
    struct mst_error err = {0};

    expect("a{{>nope}}b", "{}", "ab");
    expect("a{{<nope}}{{$x}}y{{/x}}{{/nope}}b", "{}", "ab");
    expect("  {{>nope}}\nb", "{}", "b");
    /* from a folder too, and a bad name is just as absent */
    assert_int_equal(mst_set_add(s, "m", m, strlen(m), &err), 0);
    assert_int_equal(mst_set_render(s, "m", NULL, &out, &err), 0);
    assert_string_equal(out.data, "[]");
    buf_free(&out);
    mst_set_free(s);
}

static void dotted_names(void **state)
{
    const char *d = "{\"a\":{\"b\":{\"c\":\"deep\"}},\"x\":{\"y\":1},\"b\":{\"c\":\"outer\"},"
                    "\"e\":{\"b\":{}}, \"s\":\"str\"}";

    expect("{{a.b.c}}", d, "deep");
    expect("[{{a.z.c}}][{{a.b.c.d}}][{{s.len}}]", d, "[][][]");
    expect("{{#a}}{{b.c}}{{/a}}", d, "deep");
    expect("{{#x}}{{b.c}}{{/x}}", d, "outer"); /* the first part is looked up outwards */
    expect("{{#e}}[{{b.c}}]{{/e}}", d, "[]");  /* ... but not the rest */
    expect("{{#a.b}}{{c}}{{/a.b}}{{^a.q}}no{{/a.q}}", d, "deepno");
}

static void numbers(void **state)
{
    expect("{{r}} {{i}} {{n}} {{z}} {{h}}",
           "{\"r\": 1.210, \"i\": 12345678901, \"n\": -3, \"z\": 0.0, \"h\": 0.5}",
           "1.21 12345678901 -3 0 0.5");
    /* integers are written without printf: the extremes and zero */
    expect("{{a}} {{b}} {{c}} {{d}}",
           "{\"a\": 9223372036854775807, \"b\": -9223372036854775808, \"c\": 0, \"d\": -10}",
           "9223372036854775807 -9223372036854775808 0 -10");
}

/* A table renders exactly as the JSON array of objects it stands for (#9). */
static void table_as_json(const char *tmpl, size_t nrows)
{
    static const char *const cols[] = {"id", "name", "note", "flag"};
    static const char *const cells[] = {
        "7", "<Trà & \"chè\">", NULL, "0", "8", "Bánh", "có", "", "-9", "'x'", NULL, NULL};
    const char *rows_json = "[{\"id\": 7, \"name\": \"<Trà & \\\"chè\\\">\", \"flag\": 0},"
                            " {\"id\": 8, \"name\": \"Bánh\", \"note\": \"có\", \"flag\": \"\"},"
                            " {\"id\": -9, \"name\": \"'x'\"}]";
    struct mst_table t = {"rows", cols, 4, nrows, cells};
    struct mst_set *s = mst_set_new(NULL);
    struct buf a = BUF_INIT, b = BUF_INIT;
    struct mst_error err = {0};
    json_t *rows = json_loads(rows_json, 0, NULL);
    json_t *d = json_pack("{s:s,s:s}", "title", "T<", "note", "ngoài");

    assert_non_null(rows);
    while (json_array_size(rows) > nrows)
        json_array_remove(rows, json_array_size(rows) - 1);
    assert_int_equal(mst_set_add(s, "t", tmpl, strlen(tmpl), &err), 0);
    assert_int_equal(mst_set_render_table(s, "t", d, &t, &a, &err), 0);
    json_object_set_new(d, "rows", rows);
    assert_int_equal(mst_set_render(s, "t", d, &b, &err), 0);
    if (strcmp(a.data ? a.data : "", b.data ? b.data : "") != 0)
        fail_msg("%s: table '%s' json '%s'", tmpl, a.data ? a.data : "", b.data ? b.data : "");
    json_decref(d);
    buf_free(&a);
    buf_free(&b);
    mst_set_free(s);
}

static void tables(void **state)
{
    static const char *const t[] = {
        "{{title}}{{#rows}}[{{id}}:{{name}}|{{{name}}}|{{&name}}|{{note}}|{{flag}}|{{.}}]{{/rows}}"
        "{{^rows}}none{{/rows}}",
        "{{#rows}}{{#note}}<{{.}}>{{/note}}{{^note}}-{{/note}}{{#flag}}f{{/flag}}{{/rows}}",
        "{{#rows}}{{name.x}}{{rows}}{{rows.id}}{{#name}}{{title}}{{id}}{{.}}{{/name}}{{/rows}}",
        "{{#rows}}({{#rows}}{{id}}{{/rows}}){{/rows}}{{rows.id}}{{rows.0}}",
        "{{#rows}}{{#.}}{{id}}{{/.}}{{/rows}}{{#title}}{{#rows}}{{title}}{{/rows}}{{/title}}",
    };

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        for (size_t n = 0; n <= 3; n++)
            table_as_json(t[i], n);
}

static void limits(void **state)
{
    struct mst_set *s = mst_set_new(NULL);
    struct buf t = BUF_INIT, out = BUF_INIT;
    struct mst_error err = {0};
    char name[MST_MAX_NAME + 2];
    int i;

    /* a tag past MST_MAX_TAG bytes */
    buf_puts(&t, "\n{{");
    for (i = 0; i < MST_MAX_TAG + 1; i++)
        buf_putc(&t, 'x');
    buf_puts(&t, "}}");
    assert_int_equal(mst_set_add(s, "t", t.data, t.len, &err), -1);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "longer"));
    /* a template past MST_MAX_SIZE bytes */
    buf_reset(&t);
    assert_int_equal(buf_reserve(&t, MST_MAX_SIZE + 1), 0);
    memset(t.data, 'a', MST_MAX_SIZE + 1);
    t.len = MST_MAX_SIZE + 1;
    assert_int_equal(mst_set_add(s, "t", t.data, t.len, &err), -1);
    assert_non_null(strstr(err.msg, "larger"));
    /* a small template whose indented copy would pass the limit */
    buf_reset(&t);
    for (i = 0; i < 20000; i++)
        buf_putc(&t, '\n');
    assert_int_equal(mst_set_add(s, "nl", t.data, t.len, &err), 0);
    buf_reset(&t);
    buf_puts(&t, "                                                                  {{>nl}}\n");
    assert_int_equal(mst_set_add(s, "t", t.data, t.len, &err), 0);
    assert_int_equal(mst_set_render(s, "t", NULL, &out, &err), -1);
    assert_non_null(strstr(err.msg, "larger"));
    /* names: bounded, a fixed alphabet */
    memset(name, 'n', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    assert_int_equal(mst_set_add(s, name, "x", 1, &err), -1);
    name[MST_MAX_NAME] = '\0';
    assert_int_equal(mst_set_add(s, name, "x", 1, &err), 0);
    assert_int_equal(mst_set_add(s, "a.b", "x", 1, &err), -1);
    assert_int_equal(mst_set_add(s, "", "x", 0, &err), -1);
    assert_int_equal(mst_set_add(s, "a/../b", "x", 1, &err), -1);
    assert_int_equal(mst_set_add(s, "dir/sub-name_2", "x", 1, &err), 0);
    buf_free(&t);
    buf_free(&out);
    mst_set_free(s);
}

static void bad_delimiters(void **state)
{
    static const char *bad[] = {
        "x\n{{=<%=}}",
        "x\n{{=a b c=}}",
        "x\n{{= =}}",
        "x\n{{=<% %>}}",
        "x\n{{=0123456789abcdef %>=}}",
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct buf out = BUF_INIT;
        struct mst_error err = {0};
        assert_int_equal(render_str(bad[i], NULL, &out, &err), -1);
        if (err.line != 2 || strstr(err.msg, "delimiter") == NULL)
            fail_msg("%s: line %d '%s'", bad[i], err.line, err.msg);
        buf_free(&out);
    }
    expect("{{=<% %>=}}<%x%>{{x}}<%={{ }}=%>{{x}}", "{\"x\":1}", "1{{x}}1");
}

/* mst_set_flush() makes edited files visible; without it the compiled tree stays. */
static void flush_rereads_files(void **state)
{
    char dir[] = "/tmp/mst-test-XXXXXX", path[64];
    struct mst_set *s;
    struct buf out = BUF_INIT;
    struct mst_error err = {0};
    FILE *f;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/x.mustache", dir);
    assert_non_null(f = fopen(path, "w"));
    fputs("one", f);
    fclose(f);
    s = mst_set_new(dir);
    assert_int_equal(mst_set_render(s, "x", NULL, &out, &err), 0);
    assert_non_null(f = fopen(path, "w"));
    fputs("two", f);
    fclose(f);
    assert_int_equal(mst_set_render(s, "x", NULL, &out, &err), 0);
    mst_set_flush(s);
    assert_int_equal(mst_set_render(s, "x", NULL, &out, &err), 0);
    assert_string_equal(out.data, "oneonetwo");
    unlink(path);
    rmdir(dir);
    buf_free(&out);
    mst_set_free(s);
}

static void parent_from_file_keeps_defaults(void **state)
{
    struct mst_set *s = mst_set_new("tests/data/templates");
    struct buf out = BUF_INIT;
    struct mst_error err = {0};

    assert_int_equal(mst_set_render(s, "inc/layout", NULL, &out, &err), 0);
    assert_string_equal(out.data, "<main>default</main>\n");
    buf_free(&out);
    mst_set_free(s);
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
        cmocka_unit_test(missing_partials_render_nothing),
        cmocka_unit_test(dotted_names),
        cmocka_unit_test(numbers),
        cmocka_unit_test(tables),
        cmocka_unit_test(limits),
        cmocka_unit_test(bad_delimiters),
        cmocka_unit_test(flush_rereads_files),
        cmocka_unit_test(parent_from_file_keeps_defaults),
    };

    return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}
