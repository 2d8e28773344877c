/*
 * fuzz_rules.c — libFuzzer target: arbitrary text run as a rule file in the sandbox
 * (small memory cap and instruction budget), then the same state asked to run a
 * known-good file, which must still work.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "luahost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char good[] = "return { ok = 1 }";
    struct lua_host *h = lh_new(1u << 20, 200000);
    char err[512];

    if (h == NULL)
        return 0;
    if (lh_run_string(h, "@fuzz.lua", (const char *)data, size, err, sizeof(err)) == 0)
        lua_pop(h->L, 1);
    if (lh_run_string(h, "@good.lua", good, strlen(good), err, sizeof(err)) != 0)
        abort(); /* a hostile file must never break the state */
    lh_free(h);
    return 0;
}
