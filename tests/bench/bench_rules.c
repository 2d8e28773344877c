/*
 * bench_rules.c — the cost of the rules for `make bench` (#9), each against a reference
 * measured in the same run:
 *   call:   rules_support_allowed() on a province whose rule is a Lua function (the
 *           sandboxed call: inputs as tables, the instruction budget, the verdict read
 *           back) against lua_pcall of a Lua function of the same shape in a bare state;
 *   lookup: rules_get() + rules_round_open() (the typed C cache every request uses);
 *   reload: a changed file noticed, loaded into a new sandbox, validated, self-tested and
 *           swapped in (rules_reload) against luaL_dofile of the same files in a bare
 *           state.
 * Prints one line per figure: "name median_ns reference_ns" (medians over rounds).
 * Usage: bench_rules RULES_DIR PROVINCE — RULES_DIR a copy: the reload figure changes its
 * files' modification times.
 */
#include "rules.h"
#include "util.h"

#include <fcntl.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define ROUNDS 31

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), dbl_cmp);
    return v[n / 2];
}

/* ---- one call ---- */

/* A 3-star product recognised by the province, asking for packaging support: allowed by
 * the declared caps, so the call goes on into the province's Lua function. */
static struct rules_product product = {"HG-MO-001", "mật ong", "HTX Mật ong Mèo Vạc", "I.2.b",
                                       3,           0,         LEVEL_PROVINCE,        0};
static const struct rules_payment history[] = {
    {"HG-MO-001", "mật ong", "HTX Mật ong Mèo Vạc", SUPPORT_PACKAGING, 20000000, 0},
    {"HG-MO-001", "mật ong", "HTX Mật ong Mèo Vạc", SUPPORT_QUALITY_TEST, 5000000, 0},
};

static double per_call_ocop(const struct rules_area *a, int64_t day, int n)
{
    struct rules_verdict v;
    double t = now_ns();

    for (int i = 0; i < n; i++)
        if (rules_support_allowed(a, day, &product, SUPPORT_PACKAGING, 5000000, history, 2, &v) !=
                0 ||
            !v.ok) {
            fprintf(stderr, "bench_rules: support_allowed refused: %s\n", v.reason);
            exit(1);
        }
    return (now_ns() - t) / n;
}

/* The same shape in a bare interpreter: a function taking a request table and
 * returning a verdict, called with a fresh table each time. */
static const char BARE_FN[] = "return function(req)\n"
                              "  local sum = 0\n"
                              "  for _, p in ipairs(req.history) do sum = sum + p.amount end\n"
                              "  return { ok = sum + req.amount <= 50000000, limit = 50000000 }\n"
                              "end\n";

static void push_request(lua_State *L)
{
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, 10000000);
    lua_setfield(L, -2, "amount");
    lua_pushstring(L, product.code);
    lua_setfield(L, -2, "product");
    lua_createtable(L, 2, 0);
    for (int i = 0; i < 2; i++) {
        lua_createtable(L, 0, 2);
        lua_pushinteger(L, history[i].amount);
        lua_setfield(L, -2, "amount");
        lua_pushstring(L, support_category_names[history[i].category]);
        lua_setfield(L, -2, "category");
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "history");
}

static double per_call_bare(lua_State *L, int n)
{
    double t = now_ns();

    for (int i = 0; i < n; i++) {
        lua_pushvalue(L, -1);
        push_request(L);
        if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
            fprintf(stderr, "bench_rules: %s\n", lua_tostring(L, -1));
            exit(1);
        }
        lua_getfield(L, -1, "ok");
        lua_pop(L, 2);
    }
    return (now_ns() - t) / n;
}

/* ---- the typed cache ---- */

static double per_lookup(struct rules *r, const char *prov, int64_t day, int n)
{
    double t = now_ns();
    volatile const void *sink = NULL;

    for (int i = 0; i < n; i++) {
        const struct rules_area *a = rules_get(r, prov);
        sink = a ? (const void *)rules_round_open(a, LEVEL_PROVINCE, day) : NULL;
    }
    (void)sink;
    return (now_ns() - t) / n;
}

/* ---- reload ---- */

/* The file behind a label of rules_area_files ("lua/provinces/x.lua": the root's last
 * name, then the path under it). */
static void file_of(const char *root, const char *label, char *out, size_t size)
{
    const char *slash = strchr(label, '/');

    snprintf(out, size, "%s/%s", root, slash ? slash + 1 : label);
}

/* Gives every file of the province a new modification time, as an edit would. */
static void touch_all(const char *root, const struct rules_area *a, long stamp)
{
    const char *const *paths;
    const int64_t *mt;
    size_t n = rules_area_files(a, &paths, &mt);
    struct timespec ts[2] = {{stamp, 0}, {stamp, 0}};
    char path[4096];

    for (size_t i = 0; i < n; i++) {
        file_of(root, paths[i], path, sizeof(path));
        if (utimensat(AT_FDCWD, path, ts, 0) != 0) {
            fprintf(stderr, "bench_rules: cannot touch %s\n", path);
            exit(1);
        }
    }
}

static double reload_ocop(struct rules *r, const char *root, const char *prov, long stamp)
{
    double t;

    touch_all(root, rules_get(r, prov), stamp);
    t = now_ns();
    if (rules_reload(r, prov) != 0) {
        fprintf(stderr, "bench_rules: reload failed: %s\n", rules_last_error(r, prov));
        exit(1);
    }
    return now_ns() - t;
}

static double reload_bare(const char *root, const struct rules_area *a)
{
    char path[4096];
    const char *const *paths;
    const int64_t *mt;
    size_t n = rules_area_files(a, &paths, &mt);
    double t = now_ns();
    lua_State *L = luaL_newstate();

    luaL_openlibs(L);
    for (size_t i = 0; i < n; i++) {
        file_of(root, paths[i], path, sizeof(path));
        if (luaL_dofile(L, path) != LUA_OK) {
            fprintf(stderr, "bench_rules: %s\n", lua_tostring(L, -1));
            exit(1);
        }
    }
    lua_close(L);
    return now_ns() - t;
}

int main(int argc, char **argv)
{
    double a[ROUNDS], b[ROUNDS];
    const struct rules_area *area;
    struct rules *r;
    int64_t day;
    lua_State *L;

    if (argc != 3) {
        fprintf(stderr, "usage: bench_rules RULES_DIR PROVINCE\n");
        return 2;
    }
    log_set_ident("bench_rules");
    r = rules_open(argv[1], NULL);
    area = r ? rules_get(r, argv[2]) : NULL;
    if (area == NULL || parse_date("2020-06-15", &day) != 0 ||
        parse_date("2020-03-01", &product.recognised) != 0) {
        fprintf(stderr, "bench_rules: cannot load %s from %s\n", argv[2], argv[1]);
        return 1;
    }
    L = luaL_newstate();
    luaL_openlibs(L);
    if (luaL_dostring(L, BARE_FN) != LUA_OK)
        return 1;
    per_call_ocop(area, day, 2000); /* warm both */
    per_call_bare(L, 2000);
    for (int i = 0; i < ROUNDS; i++) {
        a[i] = per_call_ocop(area, day, 2000);
        b[i] = per_call_bare(L, 2000);
    }
    printf("call %.0f %.0f\n", median(a, ROUNDS), median(b, ROUNDS));
    for (int i = 0; i < ROUNDS; i++) {
        a[i] = per_lookup(r, argv[2], day, 20000);
        b[i] = per_call_bare(L, 2000);
    }
    printf("lookup %.0f %.0f\n", median(a, ROUNDS), median(b, ROUNDS));
    lua_close(L);
    for (int i = 0; i < ROUNDS; i++) {
        a[i] = reload_ocop(r, argv[1], argv[2], 1600000000L + i);
        area = rules_get(r, argv[2]);
        b[i] = reload_bare(argv[1], area);
    }
    printf("reload %.0f %.0f\n", median(a, ROUNDS), median(b, ROUNDS));
    rules_close(r);
    return 0;
}
