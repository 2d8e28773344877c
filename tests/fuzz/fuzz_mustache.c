/*
 * fuzz_mustache.c — libFuzzer target: the input is split at its first NUL-free
 * "\n===\n" into a template and a partial "p", compiled and rendered against a fixed
 * context with nested objects and lists.
 */
#include <stdint.h>
#include <string.h>

#include "mustache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static json_t *ctx;
    const char *s = (const char *)data, *sep = memmem(s, size, "\n===\n", 5);
    size_t tlen = sep ? (size_t)(sep - s) : size;
    struct mst_set *set = mst_set_new(NULL);
    struct mst_error err;
    struct buf out = BUF_INIT;

    if (ctx == NULL)
        ctx =
            json_pack("{s:s,s:i,s:{s:s,s:[i,i]},s:[{s:s},{s:s}],s:b,s:n}", "a", "<x&y>", "n", 7,
                      "o", "k", "v", "l", 1, 2, "list", "name", "một", "name", "hai", "t", 1, "z");
    if (sep)
        mst_set_add(set, "p", sep + 5, size - tlen - 5, &err);
    if (mst_set_add(set, "t", s, tlen, &err) == 0)
        mst_set_render(set, "t", ctx, &out, &err);
    buf_free(&out);
    mst_set_free(set);
    return 0;
}
