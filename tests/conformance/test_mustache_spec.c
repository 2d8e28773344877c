/*
 * test_mustache_spec.c — runs every test of the mustache spec
 * (every .json file in $OCOP_SHARED/conformance/mustache-spec; lambdas are out of scope) against
 * our engine, one cmocka case per spec test, named "<file>: <test name>".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"

struct spec_case {
    json_t *test; /* borrowed from the loaded file */
};

static void run_case(void **state)
{
    json_t *t = ((struct spec_case *)*state)->test;
    json_t *partials = json_object_get(t, "partials"), *v;
    const char *tmpl = json_string_value(json_object_get(t, "template"));
    const char *want = json_string_value(json_object_get(t, "expected"));
    const char *k;
    struct mst_set *set = mst_set_new(NULL);
    struct mst_error err = {0};
    struct buf out = BUF_INIT;

    assert_non_null(set);
    json_object_foreach(partials, k, v)
    {
        if (mst_set_add(set, k, json_string_value(v), json_string_length(v), &err) != 0)
            fail_msg("partial %s: line %d: %s", k, err.line, err.msg);
    }
    if (mst_set_add(set, "__main", tmpl, strlen(tmpl), &err) != 0)
        fail_msg("template: line %d: %s", err.line, err.msg);
    if (mst_set_render(set, "__main", json_object_get(t, "data"), &out, &err) != 0)
        fail_msg("render: %s", err.msg);
    if (strcmp(out.data ? out.data : "", want) != 0)
        fail_msg("template %s\nwant %s\ngot  %s", tmpl, want, out.data ? out.data : "");
    buf_free(&out);
    mst_set_free(set);
}

int main(void)
{
    const char *shared = getenv("OCOP_SHARED");
    char dir[4096];
    struct CMUnitTest *tests = NULL;
    struct spec_case *cases = NULL;
    json_t *files = json_array();
    size_t n = 0, cap = 0;
    struct dirent *e;
    DIR *d;
    int rc;

    if (shared == NULL || shared[0] == '\0') {
        printf("not ok 1 - OCOP_SHARED is not set: cannot find the mustache spec\n");
        return 1;
    }
    snprintf(dir, sizeof(dir), "%s/conformance/mustache-spec", shared);
    d = opendir(dir);
    if (d == NULL) {
        printf("not ok 1 - mustache spec not found at %s (set OCOP_SHARED)\n", dir);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        char path[4400];
        json_error_t je;
        json_t *doc, *t;
        size_t i, len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        doc = json_load_file(path, 0, &je);
        if (doc == NULL) {
            printf("not ok 1 - %s: %s\n", path, je.text);
            return 1;
        }
        json_array_append_new(files, doc);
        if (json_array_size(json_object_get(doc, "tests")) == 0) {
            printf("not ok 1 - %s holds no tests\n", path);
            return 1;
        }
        json_array_foreach(json_object_get(doc, "tests"), i, t)
        {
            char name[600];
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                tests = realloc(tests, cap * sizeof(*tests));
                cases = realloc(cases, cap * sizeof(*cases));
                if (tests == NULL || cases == NULL) {
                    printf("not ok 1 - out of memory\n");
                    return 1;
                }
            }
            if (snprintf(name, sizeof(name), "%s: %s", e->d_name,
                         json_string_value(json_object_get(t, "name"))) < 0)
                return 1;
            cases[n].test = t;
            tests[n] = (struct CMUnitTest){strdup(name), run_case, NULL, NULL, NULL};
            n++;
        }
    }
    closedir(d);
    if (n == 0) {
        printf("not ok 1 - no spec files in %s\n", dir);
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        tests[i].initial_state = &cases[i];
    rc = _cmocka_run_group_tests("mustache-spec", tests, n, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        free((char *)tests[i].name);
    free(tests);
    free(cases);
    json_decref(files);
    return rc;
}
