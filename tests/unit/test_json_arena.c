/*
 * test_json_arena.c — the request arena for jansson values (json_arena.h): values made
 * between begin and end come from it and are released by json_decref without harm;
 * outside, and once it is full, jansson allocates with malloc; reset empties it.
 * Under SANITIZE=1 the leak checker proves the fallback values are freed, and a value
 * read after reset would be reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "json_arena.h"

#define SMALL 4096 /* bytes: a few dozen values */

/* A row as the dossier list makes it. */
static json_t *row(int i)
{
    return json_pack("{s:i,s:s,s:s}", "id", i, "name", "Sản phẩm thử", "status", "accepted");
}

static void before_init(void **state)
{
    json_t *v;

    json_arena_begin(); /* not set up yet: no effect */
    v = row(1);
    json_arena_end();
    assert_non_null(v);
    assert_int_equal(json_arena_used(), 0);
    json_decref(v);
}

static void inside_and_outside(void **state)
{
    json_t *a, *b;
    size_t used;

    assert_int_equal(json_arena_init(SMALL), 0);
    json_arena_begin();
    a = row(1);
    json_arena_end();
    used = json_arena_used();
    assert_true(used > 0);
    b = row(2); /* after end: malloc */
    assert_int_equal(json_arena_used(), used);
    assert_int_equal(json_integer_value(json_object_get(a, "id")), 1);
    assert_string_equal(json_string_value(json_object_get(a, "name")), "Sản phẩm thử");
    /* an arena value may hold a malloc'd one, and the other way round */
    json_object_set(a, "other", b);
    json_object_set(b, "other", json_object_get(a, "status"));
    json_decref(a);
    assert_string_equal(json_string_value(json_object_get(b, "other")), "accepted");
    json_decref(b);
    json_arena_reset();
    assert_int_equal(json_arena_used(), 0);
}

static void full_falls_back(void **state)
{
    json_t *list = json_array();
    int i;

    assert_int_equal(json_arena_init(SMALL), 0); /* already set up: kept */
    json_arena_begin();
    for (i = 0; i < 200; i++) /* far more than SMALL bytes */
        json_array_append_new(list, row(i));
    json_arena_end();
    assert_true(json_arena_used() <= SMALL);
    assert_int_equal(json_array_size(list), 200);
    for (i = 0; i < 200; i++)
        assert_int_equal(json_integer_value(json_object_get(json_array_get(list, i), "id")), i);
    json_decref(list); /* frees the fallback values (the leak checker would say) */
    json_arena_reset();
    assert_int_equal(json_arena_used(), 0);
    /* the space is handed out again after a reset */
    json_arena_begin();
    list = row(3);
    json_arena_end();
    assert_true(json_arena_used() > 0);
    json_decref(list);
    json_arena_reset();
}

static void reset_ends_a_forgotten_begin(void **state)
{
    json_t *v;

    json_arena_begin();
    json_arena_reset(); /* as app_handle does after each request */
    v = row(4);
    assert_int_equal(json_arena_used(), 0);
    json_decref(v);
}

static void freed(void **state)
{
    json_t *v;

    json_arena_free();
    json_arena_begin();
    v = row(5);
    json_arena_end();
    assert_int_equal(json_arena_used(), 0);
    json_decref(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(before_init),     cmocka_unit_test(inside_and_outside),
        cmocka_unit_test(full_falls_back), cmocka_unit_test(reset_ends_a_forgotten_begin),
        cmocka_unit_test(freed),
    };

    return cmocka_run_group_tests_name("json_arena", tests, NULL, NULL);
}
