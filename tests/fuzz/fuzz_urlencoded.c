/*
 * fuzz_urlencoded.c — libFuzzer target: query strings and urlencoded bodies through
 * the parser and the field validators, as a request would take them.
 */
#include <stdint.h>
#include <string.h>

#include "http.h"

static const char *const kinds[] = {"a", "b", NULL};
static const struct field fields[] = {
    {"name", FIELD_TEXT, 1, 1, 64, NULL, "n"}, {"n", FIELD_INT, 0, -5, 500, NULL, "n"},
    {"d", FIELD_DATE, 0, 0, 0, NULL, "d"},     {"k", FIELD_ENUM, 0, 0, 0, kinds, "k"},
    {"s", FIELD_SLUG, 0, 1, 64, NULL, "s"},    {"t", FIELD_TOKEN, 0, 1, 64, NULL, "t"},
    {"b", FIELD_BOOL, 0, 0, 0, NULL, "b"},     {"m", FIELD_MULTILINE, 0, 0, 200, NULL, "m"},
    {"p", FIELD_SECRET, 0, 1, 100, NULL, "p"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pool pool = {.limit = 1 << 20};
    struct kvlist l = {0};
    struct field_value v[ARRAY_LEN(fields)];
    struct field_error e;

    if (http_parse_urlencoded(&pool, (const char *)data, size, &l) == 0)
        http_validate(&pool, fields, ARRAY_LEN(fields), &l, v, &e);
    pool_free(&pool);
    return 0;
}
