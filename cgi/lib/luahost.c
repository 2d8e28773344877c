/*
 * luahost.c — the Lua sandbox of the rules (luahost.h).
 *
 * The safe globals live in one table, SAFE, reachable only through the __index of
 * each file's environment; its metatables are locked (__metatable = false), as is the
 * shared string metatable, so no rule can change what another rule sees. The count
 * hook re-raises its error every 1000 instructions once the budget is spent, so a
 * rule's pcall can catch it only until its next 1000 instructions.
 */
#include "luahost.h"
#include "util.h"

#include <errno.h>
#include <lauxlib.h>
#include <time.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOOK_EVERY   1000
#define MAX_FILE     (1u << 20)
#define PATTERN_COST 100000000.0 /* worst-case steps a pattern call may take */

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct lua_host *h = ud;
    size_t old = ptr ? osize : 0; /* with ptr == NULL, osize is a type tag */
    void *p;

    if (nsize == 0) {
        free(ptr);
        h->mem_used -= old;
        return NULL;
    }
    if (nsize > old && h->mem_used - old + nsize > h->mem_cap) {
        h->out_of_memory = 1;
        return NULL;
    }
    p = realloc(ptr, nsize);
    if (p == NULL)
        return NULL;
    h->mem_used = h->mem_used - old + nsize;
    return p;
}

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Where the running rule is ("file:line"), kept for errors that carry no position. */
static void note_where(lua_State *L, struct lua_host *h)
{
    lua_Debug ar;

    if (lua_getstack(L, 0, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        snprintf(h->where, sizeof(h->where), "%s:%d", ar.short_src, ar.currentline);
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    struct lua_host *h;

    (void)ar;
    lua_getallocf(L, (void **)&h);
    h->spent += HOOK_EVERY;
    if (!h->over_budget) {
        note_where(L, h);
        if (h->time_ms > 0 && now_ms() > h->deadline_ms) {
            h->over_time = 1;
            h->spent = h->budget + 1;
        }
    }
    if (h->spent > h->budget) {
        /* From now on fail at every instruction, so the error escapes any pcall: the
         * first instruction after a pcall returns raises it again, outside. */
        if (!h->over_budget)
            lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
        h->over_budget = 1;
        lua_pushfstring(L, "%s: %s", h->where[0] ? h->where : h->chunk,
                        h->over_time ? "time limit exceeded" : "instruction budget exceeded");
        lua_error(L);
    }
}

static int safe_print(lua_State *L)
{
    int n = lua_gettop(L), i;
    luaL_Buffer b;

    luaL_buffinit(L, &b);
    for (i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1)
            luaL_addchar(&b, '\t');
        luaL_addlstring(&b, s, len > 1000 ? 1000 : len);
        lua_pop(L, 1);
    }
    luaL_pushresult(&b);
    log_info("rules: %s", lua_tostring(L, -1));
    return 0;
}

/* Sets the metatable of the table on top to {__index = t, __newindex = error,
 * __metatable = false}: a read-only view. */
static int readonly_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to change a read-only table");
}

/* Replaces the library table at top with a read-only proxy of it. */
static void make_readonly(lua_State *L)
{
    lua_newtable(L); /* proxy */
    lua_newtable(L); /* its metatable */
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_remove(L, -2);
}

static void copy_fields(lua_State *L, int from, const char *const *names)
{
    for (; *names; names++) {
        lua_getfield(L, from, *names);
        lua_setfield(L, -2, *names);
    }
}

/* Calls upvalue 1 with the arguments; its errors get the position of the rule that
 * called us (the library function's own luaL_error would see only this wrapper). */
static int call_original(lua_State *L, int nresults)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    if (lua_pcall(L, lua_gettop(L) - 1, nresults, 0) != LUA_OK) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return lua_gettop(L);
}

/* setmetatable without __gc: a finalizer would run when the collector or lua_close
 * chooses, outside any budget. */
static int safe_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE && lua_getfield(L, 2, "__gc") != LUA_TNIL)
        return luaL_error(L, "__gc metamethods are not allowed in rules");
    lua_settop(L, 2);
    return call_original(L, 1);
}

/* The number of repetition items of a Lua pattern (*, +, - after a single-char class),
 * which is what makes backtracking polynomial in the subject. */
static int pattern_repeats(const char *p, size_t len)
{
    int n = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        if (p[i] == '%') {
            i++;
            if (i < len && (p[i] == 'b' || p[i] == 'f'))
                n++; /* %b and %f scan too */
        } else if (p[i] == '*' || p[i] == '+' || p[i] == '-') {
            n++;
        }
    }
    return n;
}

/* string.find/match/gmatch/gsub behind a cost check: a subject of n bytes and a pattern
 * with k repetitions may take about (n + 1)^(k + 1) steps inside C, where no hook runs. */
static int guarded_pattern(lua_State *L)
{
    size_t n = 0, plen = 0;
    const char *p;
    double cost = 1;
    int k, i;

    luaL_checklstring(L, 1, &n);
    p = luaL_checklstring(L, 2, &plen);
    if (!(lua_toboolean(L, 4) && lua_tointeger(L, lua_upvalueindex(2)) == 1)) { /* plain find */
        k = pattern_repeats(p, plen);
        for (i = 0; i <= k && cost <= PATTERN_COST; i++)
            cost *= (double)n + 1;
        cost *= (double)plen + 1;
        if (cost > PATTERN_COST)
            return luaL_error(L, "pattern too costly for a %d-byte subject (%d repetitions)",
                              (int)n, k);
    }
    return call_original(L, LUA_MULTRET);
}

static void guard_patterns(lua_State *L, int strlib)
{
    static const char *const names[] = {"find", "match", "gmatch", "gsub", NULL};
    int i;

    for (i = 0; names[i]; i++) {
        lua_getfield(L, strlib, names[i]);
        lua_pushinteger(L, i == 0); /* find may be plain */
        lua_pushcclosure(L, guarded_pattern, 2);
        lua_setfield(L, strlib, names[i]);
    }
}

/* Builds SAFE in the registry: the allowed globals, libraries as read-only proxies. */
static int build_safe(lua_State *L)
{
    static const char *const base[] = {"assert",   "error",    "ipairs", "next",   "pairs",
                                       "pcall",    "rawequal", "rawget", "rawlen", "select",
                                       "tonumber", "tostring", "type",   "xpcall", "getmetatable",
                                       "_VERSION", NULL};
    static const char *const libs[] = {"string", "table", "math", "utf8", NULL};
    static const char *const os_ok[] = {"time", "date", "clock", NULL};
    const char *const *lib;
    int g;

    static const luaL_Reg open[] = {
        {LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_OSLIBNAME, luaopen_os}};
    size_t i;

    for (i = 0; i < sizeof(open) / sizeof(open[0]); i++) { /* no io, package, debug */
        luaL_requiref(L, open[i].name, open[i].func, 1);
        lua_pop(L, 1);
    }
    lua_pushglobaltable(L);
    g = lua_gettop(L);
    lua_newtable(L); /* SAFE */
    copy_fields(L, g, base);
    lua_pushcfunction(L, safe_print);
    lua_setfield(L, -2, "print");
    lua_getfield(L, g, "setmetatable");
    lua_pushcclosure(L, safe_setmetatable, 1);
    lua_setfield(L, -2, "setmetatable");
    for (lib = libs; *lib; lib++) {
        lua_getfield(L, g, *lib);
        if (!strcmp(*lib, "string")) { /* no string.dump; patterns under a cost cap */
            lua_pushnil(L);
            lua_setfield(L, -2, "dump");
            guard_patterns(L, lua_gettop(L));
        }
        make_readonly(L);
        lua_setfield(L, -2, *lib);
    }
    lua_getfield(L, g, "os");
    lua_newtable(L);
    copy_fields(L, lua_gettop(L) - 1, os_ok);
    lua_remove(L, -2);
    make_readonly(L);
    lua_setfield(L, -2, "os");
    make_readonly(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "ocop.safe");
    /* the shared string metatable: not reachable from rules */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 3);
    return 0;
}

struct lua_host *lh_new(size_t mem_cap, long budget)
{
    struct lua_host *h = calloc(1, sizeof(*h));

    if (h == NULL)
        return NULL;
    h->mem_cap = mem_cap ? mem_cap : LH_DEFAULT_MEM;
    h->budget = budget > 0 ? budget : LH_DEFAULT_BUDGET;
    h->L = lua_newstate(capped_alloc, h);
    if (h->L == NULL) {
        free(h);
        return NULL;
    }
    lua_pushcfunction(h->L, build_safe);
    if (lua_pcall(h->L, 0, 0, 0) != LUA_OK) {
        log_err("lua sandbox set-up failed: %s", lua_tostring(h->L, -1));
        lh_free(h);
        return NULL;
    }
    return h;
}

void lh_free(struct lua_host *h)
{
    if (h == NULL)
        return;
    if (h->L) {
        h->over_budget = 1; /* anything run while closing fails at once */
        lua_sethook(h->L, count_hook, LUA_MASKCOUNT, 1);
        lua_close(h->L);
    }
    free(h);
}

/* The message of a failed load or call, with the reasons the script could not see. */
static void failure(struct lua_host *h, int status, char *err, size_t size)
{
    const char *msg = lua_type(h->L, -1) == LUA_TSTRING ? lua_tostring(h->L, -1) : NULL;

    if (h->out_of_memory || status == LUA_ERRMEM) /* no message handler ran: say where */
        snprintf(err, size, "%s: not enough memory (the rules may use %zu bytes)",
                 h->where[0]   ? h->where
                 : h->chunk[0] ? h->chunk
                               : "rules",
                 h->mem_cap);
    else if (h->over_budget)
        snprintf(err, size, "%s%s", msg ? msg : "",
                 msg && strstr(msg, "exceeded")
                     ? ""
                     : (h->over_time ? ": time limit exceeded" : ": instruction budget exceeded"));
    else
        snprintf(err, size, "%s", msg ? msg : "error object is not a string");
    lua_pop(h->L, 1);
}

static void arm(struct lua_host *h)
{
    h->spent = 0;
    h->over_budget = 0;
    h->over_time = 0;
    h->out_of_memory = 0;
    h->deadline_ms = h->time_ms > 0 ? now_ms() + h->time_ms : 0;
    h->where[0] = '\0';
    lua_sethook(h->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

int lh_call(struct lua_host *h, int nargs, int nresults, char *err, size_t errsize)
{
    int status;

    arm(h);
    status = lua_pcall(h->L, nargs, nresults, 0);
    lua_sethook(h->L, NULL, 0, 0);
    if (status != LUA_OK || h->over_budget || h->out_of_memory) {
        if (status == LUA_OK) { /* caught by the script: still a failure */
            lua_pop(h->L, nresults);
            lua_pushliteral(h->L, "rules");
        }
        failure(h, status, err, errsize);
        return -1;
    }
    return 0;
}

int lh_run_string(struct lua_host *h, const char *chunkname, const char *src, size_t len, char *err,
                  size_t errsize)
{
    lua_State *L = h->L;
    int status;

    if (len > MAX_FILE) {
        snprintf(err, errsize, "%s: file larger than 1 MiB", chunkname);
        return -1;
    }
    h->out_of_memory = 0;
    snprintf(h->chunk, sizeof(h->chunk), "%s", chunkname[0] == '@' ? chunkname + 1 : chunkname);
    status = luaL_loadbufferx(L, src, len, chunkname, "t");
    if (status != LUA_OK) {
        failure(h, status, err, errsize);
        return -1;
    }
    lua_newtable(L); /* the file's environment */
    lua_newtable(L);
    lua_getfield(L, LUA_REGISTRYINDEX, "ocop.safe");
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_insert(L, -3);                    /* env, chunk, env */
    if (lua_setupvalue(L, -2, 1) == NULL) /* _ENV of the chunk */
        lua_pop(L, 1);
    if (lh_call(h, 0, 1, err, errsize) != 0) {
        lua_pop(L, 1);
        return -1;
    }
    if (lua_istable(L, -1))
        lua_remove(L, -2); /* the file returned its table */
    else
        lua_pop(L, 1); /* keep the environment */
    return 0;
}

int lh_run_file(struct lua_host *h, const char *path, char *err, size_t errsize)
{
    struct buf b = BUF_INIT;
    char name[512];
    int rc;

    if (buf_read_file(&b, path, MAX_FILE) != 0) {
        snprintf(err, errsize, "%s: %s", path,
                 errno == EFBIG ? "file larger than 1 MiB" : strerror(errno));
        buf_free(&b);
        return -1;
    }
    snprintf(name, sizeof(name), "@%s", path);
    rc = lh_run_string(h, name, b.data ? b.data : "", b.len, err, errsize);
    buf_free(&b);
    return rc;
}

static int share(lua_State *L)
{
    const char *name = lua_touserdata(L, 1);

    lua_getfield(L, LUA_REGISTRYINDEX, "ocop.safe");
    lua_getmetatable(L, -1);
    lua_getfield(L, -1, "__index"); /* the table behind the read-only SAFE */
    lua_pushvalue(L, 2);
    if (lua_istable(L, -1))
        make_readonly(L);
    lua_setfield(L, -2, name);
    return 0;
}

int lh_share(struct lua_host *h, const char *name)
{
    lua_State *L = h->L;

    lua_pushcfunction(L, share);
    lua_insert(L, -2);
    lua_pushlightuserdata(L, (void *)name);
    lua_insert(L, -2);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        log_err("rules: cannot share %s: %s", name, lua_tostring(L, -1));
        lua_pop(L, 1);
        return -1;
    }
    return 0;
}
