/*
 * fuzz_cookies.c — libFuzzer target: Cookie headers through the cookie parser.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pool pool = {.limit = 1 << 20};
    struct kvlist l = {0};
    char *s = malloc(size + 1);

    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (http_parse_cookies(&pool, s, &l) == 0)
        (void)kv_get(&l, "ocop_session");
    free(s);
    pool_free(&pool);
    return 0;
}
