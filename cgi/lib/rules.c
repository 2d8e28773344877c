/*
 * rules.c — the registry of province rules (rules.h): which files make up a province,
 * when they changed, and the load that turns them into a new state: run each file in
 * the sandbox, check it against the declared schema, lay the cascade over itself
 * (national → province → district, then years[Y]), check the merged tables, build the
 * C cache, run the selftests, and only then swap the new state in for the old one.
 * Also the one rule that runs Lua at request time, support_allowed.
 *
 * A load runs inside one protected call (load_all), so an allocation failure or a
 * Lua error anywhere in it fails the load, never the process.
 *
 * Ownership: struct rules owns its provinces; a province owns the pstate in force and
 * its last error text; a load owns its rfiles until it ends.
 */
#include "http.h" /* utf8_text_ok */
#include "rules_internal.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utf8proc.h>
#include <unistd.h>
#include <stdarg.h>

#define MAX_PROVINCES 128
#define MAX_FILES     256
#define MAX_CODE      64
#define COPY_DEPTH    24

struct prov {
    char code[MAX_CODE];
    struct pstate *ps;  /* in force; NULL until a load succeeded */
    uint64_t fp;        /* fingerprint of the files ps was built from */
    uint64_t failed_fp; /* of the last failed load; 0 = none */
    int64_t checked_ms; /* last stat check, CLOCK_MONOTONIC */
    char *error;        /* the last load's problems, NULL when it succeeded */
};

struct rules {
    char *root;
    struct rules_limits lim;
    struct prov *provs;
    size_t nprovs;
};

/* ---- names and files ---- */

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A code is [a-z0-9] runs joined by single '-', at most 63 bytes. */
static int code_ok(const char *s, size_t len)
{
    size_t i;

    if (len == 0 || len >= MAX_CODE || s[0] == '-' || s[len - 1] == '-')
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s[i - 1] != '-')))
            return 0;
    }
    return 1;
}

/* Splits "p" or "p/d" into its province and whole code; -1 when malformed. */
static int split_area(const char *area, char prov[MAX_CODE])
{
    const char *slash = area ? strchr(area, '/') : NULL;
    size_t plen = slash ? (size_t)(slash - area) : (area ? strlen(area) : 0);

    if (area == NULL || !code_ok(area, plen))
        return -1;
    if (slash && !code_ok(slash + 1, strlen(slash + 1)))
        return -1;
    memcpy(prov, area, plen);
    prov[plen] = '\0';
    return 0;
}

struct fentry {
    char *path; /* to open */
    char *name; /* for messages: "lua/provinces/ha-giang.lua" */
    enum rfile_kind kind;
    char code[MAX_CODE]; /* district code, or lib / sheet basename */
    struct stat st;
};

struct flist {
    struct fentry *e;
    size_t n;
};

static void flist_free(struct flist *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        free(l->e[i].path);
        free(l->e[i].name);
    }
    free(l->e);
    l->e = NULL;
    l->n = 0;
}

/* The last component of root, for messages that do not name this machine's paths. */
static const char *root_label(const char *root)
{
    const char *end = root + strlen(root), *p;

    if (end > root && end[-1] == '/')
        return "lua"; /* "x/": give the usual name rather than parse */
    for (p = end; p > root && p[-1] != '/'; p--)
        ;
    return p == end ? "lua" : p;
}

/* Adds the file at path, named name in messages; 1 (not added) when it is not a
 * regular file, -1 on allocation failure. */
static int flist_add_path(struct flist *l, const char *path, const char *name, enum rfile_kind kind,
                          const char *code, size_t codelen)
{
    struct fentry *e;

    if (l->n >= MAX_FILES)
        return -1;
    if (l->n % 16 == 0) {
        void *p = realloc(l->e, (l->n + 16) * sizeof(*l->e));
        if (p == NULL)
            return -1;
        l->e = p;
    }
    e = &l->e[l->n];
    memset(e, 0, sizeof(*e));
    e->kind = kind;
    snprintf(e->code, sizeof(e->code), "%.*s", (int)codelen, code);
    if (stat(path, &e->st) != 0 || !S_ISREG(e->st.st_mode))
        return 1;
    e->path = strdup(path);
    e->name = strdup(name);
    if (e->path == NULL || e->name == NULL) {
        free(e->path);
        free(e->name);
        return -1;
    }
    l->n++;
    return 0;
}

static int flist_add(struct flist *l, const char *root, const char *rel, enum rfile_kind kind,
                     const char *code, size_t codelen)
{
    char path[4096], name[640];

    snprintf(path, sizeof(path), "%s/%s", root, rel);
    snprintf(name, sizeof(name), "%s/%s", root_label(root), rel);
    return flist_add_path(l, path, name, kind, code, codelen);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.lua files of a directory (codes only), sorted; n = 0 when it does not exist. */
static int lua_files(const char *dir, char ***names, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **list = NULL;
    size_t cnt = 0;

    *names = NULL;
    *n = 0;
    if (d == NULL)
        return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".lua") != 0 || !code_ok(de->d_name, len - 4))
            continue;
        if (cnt >= MAX_FILES)
            break;
        char **p = realloc(list, (cnt + 1) * sizeof(*list));
        if (p == NULL || (p[cnt] = strndup(de->d_name, len - 4)) == NULL) {
            list = p ? p : list;
            break;
        }
        list = p;
        cnt++;
    }
    closedir(d);
    qsort(list, cnt, sizeof(*list), name_cmp);
    *names = list;
    *n = cnt;
    return 0;
}

static void names_free(char **names, size_t n)
{
    while (n)
        free(names[--n]);
    free(names);
}

/* Adds the files of sub (relative to root), as kind. */
static int add_dir(struct flist *l, const char *root, const char *sub, enum rfile_kind kind)
{
    char dir[4096], rel[512];
    char **names;
    size_t n, i;
    int rc = 0;

    snprintf(dir, sizeof(dir), "%s/%s", root, sub);
    if (lua_files(dir, &names, &n) != 0)
        return -1;
    for (i = 0; i < n && rc >= 0; i++) {
        snprintf(rel, sizeof(rel), "%s/%s.lua", sub, names[i]);
        rc = flist_add(l, root, rel, kind, names[i], strlen(names[i]));
    }
    names_free(names, n);
    return rc < 0 ? -1 : 0;
}

/* Every file a province is built from: lib/, national.lua, criteria/<regime>/,
 * provinces/P.lua, provinces/P/. prov_path replaces provinces/P.lua (checking a file
 * outside the tree). -1 on error; RULES_ENOENT without the province file. */
static int collect(const char *root, const char *prov, const char *prov_path, struct flist *l)
{
    static const char *const regimes[] = {"1048", "148"};
    char rel[512];
    size_t i;
    int rc;

    if (add_dir(l, root, "lib", RF_LIB) != 0 ||
        flist_add(l, root, "national.lua", RF_NATIONAL, "national", 8) < 0)
        return -1;
    for (i = 0; i < 2; i++) {
        snprintf(rel, sizeof(rel), "criteria/%s", regimes[i]);
        if (add_dir(l, root, rel, RF_CRITERIA) != 0)
            return -1;
    }
    if (prov_path) {
        rc = flist_add_path(l, prov_path, prov_path, RF_PROVINCE, prov, strlen(prov));
        return rc < 0 ? -1 : rc > 0 ? RULES_ENOENT : 0;
    }
    snprintf(rel, sizeof(rel), "provinces/%s.lua", prov);
    rc = flist_add(l, root, rel, RF_PROVINCE, prov, strlen(prov));
    if (rc < 0)
        return -1;
    if (rc > 0)
        return RULES_ENOENT;
    snprintf(rel, sizeof(rel), "provinces/%s", prov);
    return add_dir(l, root, rel, RF_DISTRICT);
}

static uint64_t fingerprint(const struct flist *l)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

#define MIX(v)                                                                                     \
    do {                                                                                           \
        uint64_t x_ = (uint64_t)(v);                                                               \
        for (int b_ = 0; b_ < 8; b_++, x_ >>= 8)                                                   \
            h = (h ^ (x_ & 0xff)) * 1099511628211ULL;                                              \
    } while (0)
    for (i = 0; i < l->n; i++) {
        const struct stat *st = &l->e[i].st;
        for (const char *p = l->e[i].name; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        MIX(st->st_ino);
        MIX(st->st_size);
        MIX(st->st_mtim.tv_sec);
        MIX(st->st_mtim.tv_nsec);
        MIX(st->st_ctim.tv_nsec);
    }
#undef MIX
    return h ? h : 1;
}

/* ---- tables: copy and lay over ---- */

/* Pushes a copy of the value at idx: tables copied deep and raw, without metatables. */
static void deep_copy(lua_State *L, int idx, int depth)
{
    int dst;

    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx)) {
        lua_pushvalue(L, idx);
        return;
    }
    if (depth > COPY_DEPTH)
        luaL_error(L, "rules: tables nested too deeply");
    luaL_checkstack(L, 6, "rules: copy");
    lua_newtable(L);
    dst = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        lua_pushvalue(L, -2);
        deep_copy(L, -2, depth + 1);
        lua_rawset(L, dst);
        lua_pop(L, 1);
    }
}

static int is_key(lua_State *L, int idx, const char *name)
{
    return name && lua_type(L, idx) == LUA_TSTRING && strcmp(lua_tostring(L, idx), name) == 0;
}

/* Lays the table at src over the table at dst: records merge key by key, a list
 * replaces the inherited one whole, false removes an inherited table; the key skip is
 * not taken (years, at the top). */
static void lay_over(lua_State *L, int dst, int src, const char *skip, int depth)
{
    dst = lua_absindex(L, dst);
    src = lua_absindex(L, src);
    if (depth > COPY_DEPTH)
        luaL_error(L, "rules: tables nested too deeply");
    luaL_checkstack(L, 8, "rules: merge");
    lua_pushnil(L);
    while (lua_next(L, src) != 0) {
        int v = lua_gettop(L), k = v - 1, old = v + 1;
        if (is_key(L, k, skip)) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushvalue(L, k);
        lua_rawget(L, dst);
        if (lua_type(L, v) == LUA_TBOOLEAN && !lua_toboolean(L, v) && lua_istable(L, old)) {
            lua_pushvalue(L, k);
            lua_pushnil(L);
            lua_rawset(L, dst);
        } else if (lua_istable(L, v) && lua_istable(L, old) && lua_rawlen(L, v) == 0 &&
                   lua_rawlen(L, old) == 0) {
            lay_over(L, old, v, NULL, depth + 1);
        } else {
            lua_pushvalue(L, k);
            deep_copy(L, v, depth + 1);
            lua_rawset(L, dst);
        }
        lua_settop(L, k);
    }
}

/* ---- a load ---- */

struct load {
    const char *prov;
    struct flist files;
    struct rfile *rf; /* one per file */
    struct pstate *ps;
    struct buf *out; /* problems, one per line */
    int problems;
    struct rfile *area_rf[MAX_FILES]; /* the most specific file of each area */
};

static const char *arena_str(struct load *ld, const char *s)
{
    char *p = arena_strndup(&ld->ps->arena, s, strlen(s));

    if (p == NULL)
        luaL_error(ld->ps->h->L, "rules: out of memory");
    return p;
}

static void problem(struct load *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct load *ld, const char *fmt, ...)
{
    va_list ap;

    ld->problems++;
    va_start(ap, fmt);
    buf_vprintf(ld->out, fmt, ap);
    va_end(ap);
    buf_puts(ld->out, "\n");
}

static struct vctx vctx_for(struct load *ld, struct rfile **files, int n)
{
    struct vctx v = {.L = ld->ps->h->L, .out = ld->out};

    for (int i = 0; i < n && i < 3; i++)
        v.files[i] = files[i];
    v.nfiles = n < 3 ? n : 3;
    return v;
}

/* Runs every file; the libraries become the shared global `lib`. */
static void run_files(struct load *ld)
{
    lua_State *L = ld->ps->h->L;
    struct buf text = BUF_INIT;
    char err[1024], chunk[700];
    int lib = 0;
    size_t i;

    for (i = 0; i < ld->files.n; i++) {
        struct fentry *f = &ld->files.e[i];
        struct rfile *r = &ld->rf[i];
        if (lib && f->kind != RF_LIB) { /* the libraries are done: share them */
            lua_pushvalue(L, lib);
            lh_share(ld->ps->h, "lib");
            lua_remove(L, lib);
            lib = 0;
        }
        buf_reset(&text);
        if (buf_read_file(&text, f->path, 1u << 20) != 0) {
            problem(ld, "%s: %s", f->name,
                    errno == EFBIG ? "file larger than 1 MiB" : strerror(errno));
            continue;
        }
        r->src = malloc(text.len + 1);
        if (r->src == NULL) {
            problem(ld, "%s: out of memory", f->name);
            continue;
        }
        memcpy(r->src, text.data ? text.data : "", text.len);
        r->src[text.len] = '\0';
        r->len = text.len;
        snprintf(chunk, sizeof(chunk), "@%s", f->name);
        if (lh_run_string(ld->ps->h, chunk, text.data ? text.data : "", text.len, err,
                          sizeof(err)) != 0) {
            problem(ld, "%s", err);
            continue;
        }
        if (f->kind == RF_LIB) {
            if (!lib) {
                lua_newtable(L);
                lua_insert(L, -2);
                lib = lua_gettop(L) - 1;
            }
            lua_pushvalue(L, -1);
            lua_setfield(L, lib, f->code);
        }
        r->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    if (lib) {
        lua_pushvalue(L, lib);
        lh_share(ld->ps->h, "lib");
        lua_remove(L, lib);
    }
    buf_free(&text);
}

static void check_files(struct load *ld)
{
    static const enum schema_kind kinds[RF__MAX] = {0, SK_NATIONAL, SK_SHEET, SK_PROVINCE,
                                                    SK_DISTRICT};
    lua_State *L = ld->ps->h->L;
    int nat = 0;
    size_t i;

    for (i = 0; i < ld->files.n; i++) {
        struct rfile *r = &ld->rf[i];
        struct vctx v = vctx_for(ld, &r, 1);
        nat |= r->kind == RF_NATIONAL;
        if (r->kind == RF_LIB || r->ref == LUA_NOREF)
            continue;
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->ref);
        ld->problems += schema_check(&v, -1, kinds[r->kind]);
        lua_pop(L, 1);
    }
    if (!nat)
        problem(ld, "national.lua: missing (the rules root must hold national.lua)");
}

/* The sorted union of the years[Y] keys of the cascade; at most max. */
static size_t cascade_years(lua_State *L, struct rfile **files, int n, int *years, size_t max)
{
    size_t count = 0, i;

    for (int f = 0; f < n; f++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, files[f]->ref);
        if (lua_getfield(L, -1, "years") == LUA_TTABLE) {
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) {
                int isint = 0, y = (int)lua_tointegerx(L, -2, &isint);
                for (i = 0; isint && i < count && years[i] != y; i++)
                    ;
                if (isint && i == count && count < max)
                    years[count++] = y;
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 2);
    }
    for (i = 1; i < count; i++) /* insertion sort: a handful of years */
        for (size_t k = i; k > 0 && years[k] < years[k - 1]; k--) {
            int t = years[k];
            years[k] = years[k - 1];
            years[k - 1] = t;
        }
    return count;
}

/* Builds the year tables of an area from its base (at base) and the cascade's
 * years[Y]; checks each and leaves their refs in yrefs. */
static void build_years(struct load *ld, struct vctx *v, int base, struct rfile **files, int n,
                        const int *years, int *yrefs, size_t nyears)
{
    lua_State *L = ld->ps->h->L;

    for (size_t i = 0; i < nyears; i++) {
        lua_newtable(L);
        int yt = lua_gettop(L);
        lay_over(L, yt, base, NULL, 0);
        for (int f = 0; f < n; f++) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, files[f]->ref);
            if (lua_getfield(L, -1, "years") == LUA_TTABLE &&
                lua_rawgeti(L, -1, years[i]) == LUA_TTABLE)
                lay_over(L, yt, -1, NULL, 0);
            lua_settop(L, yt);
        }
        v->year = years[i];
        ld->problems += schema_check(v, yt, SK_YEAR);
        yrefs[i] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    v->year = 0;
}

/* Builds one area from its effective base table (on top, popped) and its cascade. */
static void build_area(struct load *ld, struct rules_area *a, const char *code,
                       struct rfile **files, int n)
{
    lua_State *L = ld->ps->h->L;
    struct vctx v = vctx_for(ld, files, n);
    int years[100], yrefs[100], base = lua_gettop(L);
    size_t nyears, i;

    a->code = arena_str(ld, code);
    a->district = n == 3;
    a->nfiles = (size_t)n;
    a->paths = arena_alloc(&ld->ps->arena, sizeof(*a->paths) * (size_t)n);
    a->mtimes = arena_alloc(&ld->ps->arena, sizeof(*a->mtimes) * (size_t)n);
    if (a->paths == NULL || a->mtimes == NULL)
        luaL_error(L, "rules: out of memory");
    for (i = 0; i < (size_t)n; i++) {
        a->paths[i] = arena_str(ld, files[i]->path);
        a->mtimes[i] = files[i]->mtime;
    }
    ld->problems += schema_check(&v, base, SK_EFFECTIVE);
    nyears = cascade_years(L, files, n, years, 100);
    build_years(ld, &v, base, files, n, years, yrefs, nyears);
    if (ld->problems)
        return;
    if (cache_area(&v, ld->ps, a, base, years, yrefs, nyears) != 0)
        ld->problems++;
    a->base_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

static void build_sheets(struct load *ld)
{
    lua_State *L = ld->ps->h->L;
    struct pstate *ps = ld->ps;
    size_t i, n = 0;

    for (i = 0; i < ld->files.n; i++)
        n += ld->rf[i].kind == RF_CRITERIA;
    ps->sheets = arena_alloc(&ps->arena, sizeof(*ps->sheets) * (n ? n : 1));
    if (ps->sheets == NULL)
        luaL_error(L, "rules: out of memory");
    for (i = 0; i < ld->files.n; i++) {
        struct rfile *r = &ld->rf[i];
        struct vctx v = vctx_for(ld, &r, 1);
        struct rules_sheet *s = &ps->sheets[ps->nsheets];
        if (r->kind != RF_CRITERIA)
            continue;
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->ref);
        if (cache_sheet(&v, ps, -1, &ps->areas[0], s) != 0)
            ld->problems++;
        s->file = arena_str(ld, r->path);
        for (size_t k = 0; k < s->napplies; k++)
            if (rules_group(&ps->areas[0], s->regime, s->applies_to[k]) == NULL) {
                vctx_push_key(&v, "applies_to");
                vctx_error(&v, "no product group %s in regime %s", s->applies_to[k],
                           rules_regime_names[s->regime]);
                vctx_pop(&v);
                ld->problems++;
            }
        for (size_t k = 0; k < ps->nsheets; k++)
            if (strcmp(ps->sheets[k].code, s->code) == 0 ||
                (s->is_default && ps->sheets[k].is_default && ps->sheets[k].regime == s->regime)) {
                vctx_error(&v, "sheet %s repeats a code or a regime's default", s->code);
                ld->problems++;
            }
        lua_pop(L, 1);
        ps->nsheets++;
    }
}

/* Pushes a copy of an area's effective rules with years = {[Y] = year tables}. */
static void push_effective(lua_State *L, const struct rules_area *a)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, a->base_ref);
    deep_copy(L, -1, 0);
    lua_remove(L, -2);
    lua_newtable(L);
    for (size_t i = 0; i < a->nyears; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, a->years[i].ref);
        deep_copy(L, -1, 0);
        lua_remove(L, -2);
        lua_rawseti(L, -2, a->years[i].year);
    }
    lua_setfield(L, -2, "years");
}

/* Runs the selftest a file defines itself (not one it inherits) against the area. */
static void selftest(struct load *ld, struct rfile *f, const struct rules_area *a)
{
    lua_State *L = ld->ps->h->L;
    char err[1024];
    int top = lua_gettop(L);

    lua_rawgeti(L, LUA_REGISTRYINDEX, f->ref);
    lua_pushliteral(L, "selftest");
    if (lua_rawget(L, -2) != LUA_TFUNCTION) {
        lua_settop(L, top);
        return;
    }
    push_effective(L, a);
    if (lh_call(ld->ps->h, 1, 2, err, sizeof(err)) != 0)
        problem(ld, "%s", err);
    else if (lua_type(L, -2) == LUA_TBOOLEAN && !lua_toboolean(L, -2))
        problem(ld, "%s: selftest failed: %.300s", f->path,
                lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no reason given)");
    lua_settop(L, top);
}

static int ndist_max_check(const struct load *ld)
{
    return ld->files.n > MAX_FILES ? -1 : 0;
}

static int load_all(lua_State *L)
{
    struct load *ld = lua_touserdata(L, 1);
    struct pstate *ps = ld->ps;
    struct rfile *casc[3] = {NULL, NULL, NULL};
    size_t i, ndist = 0, k;

    if (ndist_max_check(ld) != 0)
        return luaL_error(L, "rules: too many files");

    lua_settop(L, 0);
    run_files(ld);
    if (ld->problems)
        return 0;
    check_files(ld);
    if (ld->problems)
        return 0;
    for (i = 0; i < ld->files.n; i++) {
        if (ld->rf[i].kind == RF_NATIONAL)
            casc[0] = &ld->rf[i];
        else if (ld->rf[i].kind == RF_PROVINCE)
            casc[1] = &ld->rf[i];
        ndist += ld->rf[i].kind == RF_DISTRICT;
    }
    ps->areas = arena_alloc(&ps->arena, sizeof(*ps->areas) * (1 + ndist));
    if (ps->areas == NULL)
        return luaL_error(L, "rules: out of memory");
    /* the province: national with the province laid over it */
    lua_newtable(L);
    for (k = 0; k < 2; k++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, casc[k]->ref);
        lay_over(L, 1, 2, "years", 0);
        lua_pop(L, 1);
    }
    build_area(ld, &ps->areas[0], ld->prov, casc, 2);
    ld->area_rf[0] = casc[1];
    ps->nareas = 1;
    for (i = 0; i < ld->files.n && !ld->problems; i++) {
        char code[2 * MAX_CODE + 1];
        if (ld->rf[i].kind != RF_DISTRICT)
            continue;
        casc[2] = &ld->rf[i];
        snprintf(code, sizeof(code), "%s/%s", ld->prov, ld->files.e[i].code);
        lua_newtable(L);
        lua_rawgeti(L, LUA_REGISTRYINDEX, ps->areas[0].base_ref);
        lay_over(L, -2, -1, NULL, 0);
        lua_pop(L, 1);
        lua_rawgeti(L, LUA_REGISTRYINDEX, casc[2]->ref);
        lay_over(L, -2, -1, "years", 0);
        lua_pop(L, 1);
        ld->area_rf[ps->nareas] = casc[2];
        build_area(ld, &ps->areas[ps->nareas++], code, casc, 3);
    }
    if (ld->problems)
        return 0;
    build_sheets(ld);
    for (i = 0; i < ps->nareas && !ld->problems; i++) {
        const struct rules_area *a = &ps->areas[i];
        if (i == 0)
            selftest(ld, casc[0], a); /* national's, once, against the province */
        selftest(ld, ld->area_rf[i], a);
    }
    return 0;
}

/* Problems quote the files (Lua's "near '…'", unknown keys): keep them valid UTF-8
 * without control bytes, so logs, JSON and pages can carry them. */
static void clean_text(char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f)) {
            s[i++] = '?';
            continue;
        }
        i += (size_t)n;
    }
}

static void pstate_free(struct pstate *ps)
{
    if (ps == NULL)
        return;
    lh_free(ps->h);
    arena_free(&ps->arena);
    free(ps);
}

/* Loads a province from its files into a new state. 0 and *out, or a negative enum
 * rules_err with the problems in out. */
static int load_province(const char *root, const char *prov, const char *prov_path,
                         const struct rules_limits *lim, struct buf *out, struct pstate **res)
{
    struct load ld = {.prov = prov, .out = out};
    struct pstate *ps = NULL;
    size_t start = out->len;
    size_t i;
    int rc;

    *res = NULL;
    rc = collect(root, prov, prov_path, &ld.files);
    if (rc != 0) {
        if (rc == RULES_ENOENT)
            buf_printf(out, "%s: no rules file for province %s\n",
                       prov_path ? prov_path : root_label(root), prov);
        else
            buf_printf(out, "%s: cannot list the rule files\n", root_label(root));
        flist_free(&ld.files);
        return rc == RULES_ENOENT ? RULES_ENOENT : RULES_ENOMEM;
    }
    ps = calloc(1, sizeof(*ps));
    ld.rf = calloc(ld.files.n ? ld.files.n : 1, sizeof(*ld.rf));
    if (ps == NULL || ld.rf == NULL || (ps->h = lh_new(lim->mem_cap, lim->budget)) == NULL) {
        free(ld.rf);
        free(ps);
        flist_free(&ld.files);
        return RULES_ENOMEM;
    }
    ps->h->time_ms = lim->time_ms;
    ld.ps = ps;
    for (i = 0; i < ld.files.n; i++) {
        ld.rf[i].path = ld.files.e[i].name;
        ld.rf[i].kind = ld.files.e[i].kind;
        ld.rf[i].mtime = (int64_t)ld.files.e[i].st.st_mtime;
        ld.rf[i].ref = LUA_NOREF;
    }
    lua_pushcfunction(ps->h->L, load_all);
    lua_pushlightuserdata(ps->h->L, &ld);
    if (lua_pcall(ps->h->L, 1, 0, 0) != LUA_OK) {
        problem(&ld, "%s",
                lua_type(ps->h->L, -1) == LUA_TSTRING ? lua_tostring(ps->h->L, -1)
                                                      : "rules: load failed");
        lua_pop(ps->h->L, 1);
    }
    for (i = 0; i < ld.files.n; i++) {
        free(ld.rf[i].src);
        if (ld.rf[i].ref != LUA_NOREF)
            luaL_unref(ps->h->L, LUA_REGISTRYINDEX, ld.rf[i].ref);
    }
    free(ld.rf);
    flist_free(&ld.files);
    lua_settop(ps->h->L, 0);
    if (out->len > start)
        clean_text(out->data + start, out->len - start);
    if (ld.problems) {
        pstate_free(ps);
        return RULES_EINVALID;
    }
    ps->loaded_at = (int64_t)time(NULL);
    *res = ps;
    return 0;
}

/* ---- the registry ---- */

struct rules *rules_open(const char *root, const struct rules_limits *limits)
{
    struct rules *r = calloc(1, sizeof(*r));

    if (r == NULL || (r->root = strdup(root)) == NULL) {
        free(r);
        return NULL;
    }
    if (limits)
        r->lim = *limits;
    if (r->lim.mem_cap == 0)
        r->lim.mem_cap = 16u << 20;
    if (r->lim.budget == 0)
        r->lim.budget = 5000000;
    if (r->lim.time_ms == 0)
        r->lim.time_ms = 2000;
    if (r->lim.interval_ms == 0)
        r->lim.interval_ms = 1000;
    return r;
}

void rules_close(struct rules *r)
{
    size_t i;

    if (r == NULL)
        return;
    for (i = 0; i < r->nprovs; i++) {
        pstate_free(r->provs[i].ps);
        free(r->provs[i].error);
    }
    free(r->provs);
    free(r->root);
    free(r);
}

/* The province's entry, made when its file exists; NULL otherwise. */
static struct prov *prov_get(struct rules *r, const char *code)
{
    char path[4096];
    struct stat st;
    size_t i;

    for (i = 0; i < r->nprovs; i++)
        if (strcmp(r->provs[i].code, code) == 0)
            return &r->provs[i];
    snprintf(path, sizeof(path), "%s/provinces/%s.lua", r->root, code);
    if (r->nprovs >= MAX_PROVINCES || stat(path, &st) != 0)
        return NULL;
    if (r->nprovs % 8 == 0) {
        struct prov *p = realloc(r->provs, (r->nprovs + 8) * sizeof(*p));
        if (p == NULL)
            return NULL;
        r->provs = p;
    }
    memset(&r->provs[r->nprovs], 0, sizeof(r->provs[0]));
    snprintf(r->provs[r->nprovs].code, MAX_CODE, "%s", code);
    return &r->provs[r->nprovs++];
}

/* Checks the files of p and reloads when they changed (or when forced). */
static int refresh(struct rules *r, struct prov *p, int force)
{
    struct flist l = {0};
    struct buf out = BUF_INIT;
    struct pstate *ps;
    int64_t now = now_ms();
    uint64_t fp;
    int rc;

    if (!force && p->ps && now - p->checked_ms < r->lim.interval_ms)
        return 0;
    p->checked_ms = now;
    rc = collect(r->root, p->code, NULL, &l);
    fp = rc == 0 ? fingerprint(&l) : 0;
    flist_free(&l);
    if (rc == 0 && fp == p->fp && p->ps)
        return 0;
    if (!force && rc == 0 && fp == p->failed_fp)
        return RULES_EINVALID; /* still the same broken files: said already */
    rc = load_province(r->root, p->code, NULL, &r->lim, &out, &ps);
    if (rc == 0) {
        pstate_free(p->ps);
        p->ps = ps;
        p->fp = fp;
        p->failed_fp = 0;
        free(p->error);
        p->error = NULL;
        log_info("rules: %s loaded", p->code);
    } else {
        p->failed_fp = fp;
        free(p->error);
        p->error = out.data ? strndup(out.data, out.len) : strdup(rules_err_names[-rc]);
        log_err("rules: %s not loaded%s:\n%s", p->code,
                p->ps ? "; the previous rules stay in force" : "", p->error ? p->error : "");
    }
    buf_free(&out);
    return rc;
}

const struct rules_area *rules_get(struct rules *r, const char *area)
{
    char prov[MAX_CODE];
    struct prov *p;
    size_t i;

    if (split_area(area, prov) != 0 || (p = prov_get(r, prov)) == NULL)
        return NULL;
    refresh(r, p, 0);
    for (i = 0; p->ps && i < p->ps->nareas; i++)
        if (strcmp(p->ps->areas[i].code, area) == 0)
            return &p->ps->areas[i];
    return NULL;
}

int rules_reload(struct rules *r, const char *province)
{
    char prov[MAX_CODE];
    struct prov *p;

    if (split_area(province, prov) != 0 || strchr(province, '/'))
        return RULES_EAREA;
    if ((p = prov_get(r, prov)) == NULL)
        return RULES_ENOENT;
    return refresh(r, p, 1);
}

const char *rules_last_error(struct rules *r, const char *province)
{
    size_t i;

    for (i = 0; province && i < r->nprovs; i++)
        if (strcmp(r->provs[i].code, province) == 0)
            return r->provs[i].error;
    return NULL;
}

/* ---- offline checks ---- */

int rules_check_province(const char *root, const char *province, struct buf *out)
{
    struct rules_limits lim = {16u << 20, 5000000, 2000, 0};
    struct pstate *ps;
    int rc;

    if (!code_ok(province, strlen(province))) {
        buf_printf(out, "%s: not a province code\n", province);
        return RULES_EAREA;
    }
    rc = load_province(root, province, NULL, &lim, out, &ps);
    pstate_free(ps);
    return rc;
}

int rules_list_provinces(const char *root, char ***codes, size_t *n)
{
    char dir[4096];

    snprintf(dir, sizeof(dir), "%s/provinces", root);
    return lua_files(dir, codes, n);
}

/* Is path the file root/rel (or under root/rel/ when dir)? Compares real paths. */
static int under(const char *root, const char *path, char *rel, size_t relsize)
{
    char *rr = realpath(root, NULL), *rp = realpath(path, NULL);
    size_t n;
    int ok = 0;

    if (rr && rp) {
        n = strlen(rr);
        if (strncmp(rr, rp, n) == 0 && rp[n] == '/') {
            snprintf(rel, relsize, "%s", rp + n + 1);
            ok = 1;
        }
    }
    free(rr);
    free(rp);
    return ok;
}

static int check_all(const char *root, struct buf *out)
{
    char **codes;
    size_t n, i;
    int rc = 0;

    if (rules_list_provinces(root, &codes, &n) != 0) {
        buf_printf(out, "%s: cannot list the provinces\n", root_label(root));
        return RULES_ENOENT;
    }
    for (i = 0; i < n; i++)
        if (rules_check_province(root, codes[i], out) != 0)
            rc = RULES_EINVALID;
    names_free(codes, n);
    return rc;
}

int rules_check_file(const char *root, const char *path, struct buf *out)
{
    struct rules_limits lim = {16u << 20, 5000000, 2000, 0};
    char rel[1024], prov[MAX_CODE];
    struct pstate *ps;
    const char *slash;
    int rc;

    if (!under(root, path, rel, sizeof(rel))) { /* a file outside the tree */
        if (access(path, R_OK) != 0) {
            buf_printf(out, "%s: %s\n", path, strerror(errno));
            return RULES_ENOENT;
        }
        rc = load_province(root, "kiem-tra", path, &lim, out, &ps);
        pstate_free(ps);
        return rc;
    }
    if (strncmp(rel, "provinces/", 10) != 0)
        return check_all(root, out); /* national, lib, criteria: every province */
    slash = strchr(rel + 10, '/');
    snprintf(prov, sizeof(prov), "%.*s",
             (int)(slash ? (size_t)(slash - rel - 10) : strcspn(rel + 10, ".")), rel + 10);
    return rules_check_province(root, prov, out);
}

/* ---- support: the declared caps, then the province's own rule ---- */

static int year_of_date(int64_t t)
{
    int y, m, d;

    civil_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400, &y, &m, &d);
    return y;
}

static void verdict_no(struct rules_verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void verdict_no(struct rules_verdict *v, const char *fmt, ...)
{
    va_list ap;

    v->ok = 0;
    va_start(ap, fmt);
    vsnprintf(v->reason, sizeof(v->reason), fmt, ap);
    va_end(ap);
}

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Distinct product codes of p's type and organisation in the history, other than p's. */
static int other_codes(const struct rules_product *p, const struct rules_payment *h, size_t n)
{
    int count = 0;
    size_t i, k;

    for (i = 0; i < n; i++) {
        if (!same(h[i].type, p->type) || !same(h[i].org, p->org) || same(h[i].product, p->code))
            continue;
        for (k = 0; k < i; k++)
            if (same(h[k].product, h[i].product) && same(h[k].type, p->type) &&
                same(h[k].org, p->org))
                break;
        count += k == i;
    }
    return count;
}

static const char *kind_label(enum support_kind k)
{
    static const char *const labels[] = {"lần đầu", "đánh giá lại giữ hạng", "nâng hạng"};
    return labels[k];
}

/* The declared rule of the category; 0 when it allows the payment so far. */
static int declared(const struct support_rule *s, enum support_category cat, int64_t date,
                    const struct rules_product *p, int64_t amount, const struct rules_payment *h,
                    size_t n, struct rules_verdict *v)
{
    int64_t paid = 0;
    size_t i;

    if (!s->present) {
        verdict_no(v, "Năm %d không có quy định hỗ trợ \"%s\".", year_of_date(date),
                   support_category_labels[cat]);
        return -1;
    }
    if (s->min_stars && p->stars < s->min_stars) {
        verdict_no(v, "Chỉ hỗ trợ sản phẩm đạt từ %d sao; sản phẩm này %d sao.", s->min_stars,
                   p->stars);
        return -1;
    }
    if (s->after_recognition && (p->recognised == 0 || date < p->recognised)) {
        verdict_no(v, "Chỉ hỗ trợ sau khi có quyết định công nhận hạng sao.");
        return -1;
    }
    if (s->recognised_by >= 0 && (int)p->recognised_by != s->recognised_by) {
        verdict_no(v, "Chỉ hỗ trợ sản phẩm được cấp %s công nhận.",
                   rules_level_labels[s->recognised_by]);
        return -1;
    }
    if (s->max_codes && other_codes(p, h, n) >= s->max_codes) {
        verdict_no(v, "Mỗi chủ thể chỉ được hỗ trợ tối đa %d mã sản phẩm cho một loại sản phẩm.",
                   s->max_codes);
        return -1;
    }
    for (i = 0; i < n; i++)
        if (same(h[i].product, p->code) && h[i].category == cat)
            paid += h[i].amount;
    if (s->once && paid > 0) {
        verdict_no(v, "Nội dung \"%s\" chỉ được hỗ trợ một lần cho mỗi sản phẩm.",
                   support_category_labels[cat]);
        return -1;
    }
    if (s->max_amount >= 0) {
        v->limit = s->max_amount > paid ? s->max_amount - paid : 0;
        if (amount > v->limit) {
            verdict_no(v, "Vượt mức hỗ trợ tối đa %lld đồng/sản phẩm (đã hỗ trợ %lld đồng).",
                       (long long)s->max_amount, (long long)paid);
            return -1;
        }
    }
    if (cat == SUPPORT_STAR_REWARD && s->has_amounts) {
        enum support_kind k = p->prev_stars == 0         ? SUPPORT_FIRST
                              : p->stars > p->prev_stars ? SUPPORT_UPGRADE
                                                         : SUPPORT_KEEP;
        int64_t cap = p->stars >= 1 && p->stars <= STAR_MAX ? s->amounts[k][p->stars] : -1;
        if (cap < 0) {
            verdict_no(v, "Không có mức thưởng cho sản phẩm %d sao (%s).", p->stars, kind_label(k));
            return -1;
        }
        v->limit = v->limit >= 0 && v->limit < cap ? v->limit : cap;
        if (amount > cap) {
            verdict_no(v, "Mức thưởng cho sản phẩm %d sao (%s) là %lld đồng.", p->stars,
                       kind_label(k), (long long)cap);
            return -1;
        }
    }
    return 0;
}

struct support_args {
    const struct rules_area *a;
    int year_ref;
    int64_t date, amount;
    const struct rules_product *p;
    enum support_category cat;
    const struct rules_payment *hist;
    size_t nhist;
};

static void set_str(lua_State *L, const char *key, const char *v)
{
    if (v) {
        lua_pushstring(L, v);
        lua_setfield(L, -2, key);
    }
}

static void set_int(lua_State *L, const char *key, int64_t v)
{
    lua_pushinteger(L, (lua_Integer)v);
    lua_setfield(L, -2, key);
}

static void set_date(lua_State *L, const char *key, int64_t t)
{
    char d[16];

    if (t) {
        format_date(t, d);
        set_str(L, key, d);
    }
}

/* req.rule is made on its first use in a call (most rules never read it, and copying
 * the category's declared fields was a third of a call's cost): req's metatable, one
 * per state and locked, has this __index, which finds the call in progress in the
 * registry. */
#define SUPPORT_ARGS   "ocop.support.args"
#define SUPPORT_REQ_MT "ocop.support.req_mt"

static int req_index(lua_State *L)
{
    const struct support_args *s;

    if (lua_type(L, 2) != LUA_TSTRING || strcmp(lua_tostring(L, 2), "rule") != 0)
        return 0;
    lua_getfield(L, LUA_REGISTRYINDEX, SUPPORT_ARGS);
    s = lua_touserdata(L, -1);
    if (s == NULL)
        return 0; /* outside a call */
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->year_ref);
    if (lua_getfield(L, -1, "support") == LUA_TTABLE &&
        lua_getfield(L, -1, support_category_names[s->cat]) == LUA_TTABLE)
        deep_copy(L, -1, 0); /* a copy: the rules' own tables stay as loaded */
    else
        lua_pushnil(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, 1, "rule"); /* req has no __newindex: a plain set */
    return 1;
}

static void push_req_metatable(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, SUPPORT_REQ_MT) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, req_index);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable"); /* getmetatable(req) is false, and it stays */
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, SUPPORT_REQ_MT);
}

/* In a protected call under the budget: builds req and calls support_allowed(req). */
static int support_call(lua_State *L)
{
    const struct support_args *s = lua_touserdata(L, 1);
    const struct rules_product *p = s->p;

    lua_rawgeti(L, LUA_REGISTRYINDEX, s->year_ref);
    lua_getfield(L, -1, "support_allowed");
    lua_createtable(L, 0, 8); /* req */
    set_str(L, "category", support_category_names[s->cat]);
    set_int(L, "amount", s->amount);
    set_date(L, "date", s->date);
    set_int(L, "year", year_of_date(s->date));
    lua_createtable(L, 0, 8);
    set_str(L, "code", p->code);
    set_str(L, "type", p->type);
    set_str(L, "org", p->org);
    set_str(L, "group", p->group);
    set_int(L, "stars", p->stars);
    set_int(L, "prev_stars", p->prev_stars);
    set_str(L, "recognised_by", rules_level_names[p->recognised_by % LEVEL__MAX]);
    set_date(L, "recognised", p->recognised);
    lua_setfield(L, -2, "product");
    lua_createtable(L, (int)s->nhist, 0);
    for (size_t i = 0; i < s->nhist; i++) {
        lua_createtable(L, 0, 6);
        set_str(L, "product", s->hist[i].product);
        set_str(L, "type", s->hist[i].type);
        set_str(L, "org", s->hist[i].org);
        set_str(L, "category", support_category_names[s->hist[i].category % SUPPORT__MAX]);
        set_int(L, "amount", s->hist[i].amount);
        set_date(L, "date", s->hist[i].date);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "history");
    push_req_metatable(L); /* req.rule: a copy of the category's declared fields, on use */
    lua_setmetatable(L, 4);
    lua_pushlightuserdata(L, (void *)s);
    lua_setfield(L, LUA_REGISTRYINDEX, SUPPORT_ARGS);
    lua_call(L, 1, 2);
    return 2;
}

static int text_ok(const char *s)
{
    return s == NULL || (strlen(s) <= 200 && utf8_text_ok(s, strlen(s), 0));
}

static int inputs_ok(const struct rules_product *p, enum support_category cat, int64_t amount,
                     const struct rules_payment *hist, size_t nhist)
{
    size_t i;

    if ((unsigned)cat >= SUPPORT__MAX || amount < 0 || nhist > RULES_MAX_HISTORY ||
        (nhist && hist == NULL) || p->stars < 0 || p->stars > STAR_MAX || p->prev_stars < 0 ||
        p->prev_stars > STAR_MAX || (unsigned)p->recognised_by >= LEVEL__MAX || !text_ok(p->code) ||
        !text_ok(p->type) || !text_ok(p->org) || !text_ok(p->group))
        return 0;
    for (i = 0; i < nhist; i++)
        if ((unsigned)hist[i].category >= SUPPORT__MAX || hist[i].amount < 0 ||
            !text_ok(hist[i].product) || !text_ok(hist[i].type) || !text_ok(hist[i].org))
            return 0;
    return 1;
}

int rules_support_allowed(const struct rules_area *a, int64_t date, const struct rules_product *p,
                          enum support_category cat, int64_t amount,
                          const struct rules_payment *hist, size_t nhist, struct rules_verdict *v)
{
    const struct ryear *y = area_year(a, year_of_date(date));
    struct support_args args = {a, y ? y->ref : a->base_ref, date, amount, p, cat, hist, nhist};
    struct lua_host *h = a->ps->h;
    char err[1024];
    int rc;

    memset(v, 0, sizeof(*v));
    v->limit = -1;
    if (!inputs_ok(p, cat, amount, hist, nhist)) {
        verdict_no(v, "Dữ liệu hỗ trợ không hợp lệ.");
        return -1;
    }
    if (declared(y ? &y->support[cat] : &a->support[cat], cat, date, p, amount, hist, nhist, v) !=
        0)
        return 0;
    lua_pushcfunction(h->L, support_call);
    lua_pushlightuserdata(h->L, &args);
    rc = lh_call(h, 1, 2, err, sizeof(err));
    lua_pushnil(h->L); /* the call is over: req.rule has nothing to copy from any more */
    lua_setfield(h->L, LUA_REGISTRYINDEX, SUPPORT_ARGS);
    if (rc != 0) {
        log_err("rules: %s: support_allowed: %s", a->code, err);
        verdict_no(v, "Không kiểm tra được quy tắc hỗ trợ của tỉnh; xin báo quản trị viên.");
        return -1;
    }
    if (lua_toboolean(h->L, -2)) {
        v->ok = 1;
    } else {
        size_t len = 0;
        const char *why = lua_type(h->L, -1) == LUA_TSTRING ? lua_tolstring(h->L, -1, &len) : NULL;
        if (why && len < sizeof(v->reason) && utf8_text_ok(why, len, 0))
            verdict_no(v, "%s", why);
        else
            verdict_no(v, "Quy tắc hỗ trợ của tỉnh không cho phép khoản chi này.");
    }
    lua_pop(h->L, 2);
    return 0;
}
