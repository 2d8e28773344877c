/*
 * fuzz_mustache.c — libFuzzer target: the input is split at its first NUL-free
 * "\n===\n" into a template and a partial "p", compiled and rendered against a fixed
 * context with nested objects and lists. Then, differentially, rendered with a table
 * "rows" beside that context (mst_set_render_table) and with the same rows as a JSON
 * array of objects in it: the two outputs must be the same (abort otherwise).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"

/* Three rows of three columns, a missing cell among them, as a table and as JSON. */
static const char *const cols[] = {"name", "id", "note"};
static const char *const cells[] = {"một", "1", "<b>", "hai", "2", NULL, "", "3", "x"};
static const struct mst_table table = {"rows", cols, 3, 3, cells};

static json_t *with_rows(json_t *ctx)
{
    json_t *copy = json_deep_copy(ctx), *rows = json_array();

    for (size_t r = 0; r < table.nrows; r++) {
        json_t *o = json_object();
        for (size_t c = 0; c < table.ncols; c++)
            if (cells[r * table.ncols + c])
                json_object_set_new(o, cols[c], json_string(cells[r * table.ncols + c]));
        json_array_append_new(rows, o);
    }
    json_object_set_new(copy, "rows", rows);
    return copy;
}

/* The template rendered with the table and with the same rows in JSON: the same bytes
 * (or both failing). */
static void same_as_json(struct mst_set *set, json_t *ctx, json_t *ctx_rows)
{
    struct buf a = BUF_INIT, b = BUF_INIT;
    struct mst_error err;
    int ra = mst_set_render_table(set, "t", ctx, &table, &a, &err);
    int rb = mst_set_render(set, "t", ctx_rows, &b, &err);

    if (ra != rb || (ra == 0 && (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0))))
        abort();
    buf_free(&a);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static json_t *ctx_rows;
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
    if (ctx_rows == NULL)
        ctx_rows = with_rows(ctx);
    if (mst_set_add(set, "t", s, tlen, &err) == 0) {
        mst_set_render(set, "t", ctx, &out, &err);
        same_as_json(set, ctx, ctx_rows);
    }
    buf_free(&out);
    mst_set_free(set);
    return 0;
}
