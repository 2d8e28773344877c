/*
 * test_luahost.c — the rules sandbox against hostile rule files: every escape and
 * exhaustion attempt ends in a clean "file:line: message" error, and the state keeps
 * serving what was loaded before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <string.h>

#include "luahost.h"

static struct lua_host *h;

static int setup(void **state)
{
    char err[256];
    static const char good[] = "threshold = 50\nfunction double(x) return x * 2 end\n";

    h = lh_new(4u << 20, 1000000);
    if (h == NULL || lh_run_string(h, "@good.lua", good, strlen(good), err, sizeof(err)) != 0)
        return -1;
    lua_setfield(h->L, LUA_REGISTRYINDEX, "test.good");
    return 0;
}

static int teardown(void **state)
{
    lh_free(h);
    return 0;
}

/* The earlier file still answers: double(21) == 42 and threshold == 50. */
static void assert_still_serving(void)
{
    char err[256];
    int top = lua_gettop(h->L);

    lua_getfield(h->L, LUA_REGISTRYINDEX, "test.good");
    lua_getfield(h->L, -1, "double");
    lua_pushinteger(h->L, 21);
    assert_int_equal(lh_call(h, 1, 1, err, sizeof(err)), 0);
    assert_int_equal(lua_tointeger(h->L, -1), 42);
    lua_getfield(h->L, -2, "threshold");
    assert_int_equal(lua_tointeger(h->L, -1), 50);
    lua_settop(h->L, top);
}

static void refused(const char *src, const char *want)
{
    char err[512] = "";
    int top = lua_gettop(h->L);

    if (lh_run_string(h, "@hostile.lua", src, strlen(src), err, sizeof(err)) == 0)
        fail_msg("accepted: %s", src);
    if (strstr(err, want) == NULL)
        fail_msg("for %s\n  got: %s\n  want: %s", src, err, want);
    assert_int_equal(lua_gettop(h->L), top);
    assert_still_serving();
}

static void escapes(void **state)
{
    refused("os.execute('id')", "hostile.lua:1:");
    refused("x = 1\nio.open('/etc/passwd')",
            "hostile.lua:2: attempt to index a nil value (global 'io')");
    refused("require('os')", "global 'require'");
    refused("load('return 1')()", "global 'load'");
    refused("loadfile('/etc/passwd')", "global 'loadfile'");
    refused("dofile('/etc/passwd')", "global 'dofile'");
    refused("string.dump(function() end)", "field 'dump'");
    refused("collectgarbage('stop')", "global 'collectgarbage'");
    refused("debug.getinfo(1)", "global 'debug'");
    refused("package.loaded.os.execute('id')", "global 'package'");
    refused("setmetatable(_ENV, nil)", "protected metatable");
    refused("getmetatable('').__index.upper = nil", "attempt to index a boolean value");
    refused("string.upper = nil", "read-only");
    refused("math.pi = 3", "read-only");
    refused("os.time = nil", "read-only");
}

static void exhaustion(void **state)
{
    refused("while true do end", "hostile.lua:1: instruction budget exceeded");
    refused("while true do pcall(function() while true do end end) end",
            "instruction budget exceeded");
    refused("local ok = pcall(function() while true do end end)\nwhile true do end",
            "instruction budget exceeded");
    refused("local s = string.rep('x', 1 << 30)", "not enough memory");
    refused("local t = {} for i = 1, 1e9 do t[i] = i end", "hostile.lua:1: not enough memory");
    refused("local function f(n) return f(n + 1) + 1 end\nf(1)", "hostile.lua");
    refused("local s = 'x' for i = 1, 40 do s = s .. s end", "not enough memory");
}

/* What the count hook cannot see: long work inside one C function, and finalizers. */
static void outside_the_hook(void **state)
{
    refused("setmetatable({}, {__gc = function() while true do end end})",
            "__gc metamethods are not allowed");
    refused("local mt = {} mt.__gc = print setmetatable({}, mt)", "__gc metamethods");
    refused("local s = string.rep('a', 100000)\nreturn s:find('.-.-.-.-b')",
            "hostile.lua:2: pattern too costly");
    refused("local s = string.rep('a', 5000)\nreturn s:match('(a*)*b')", "pattern too costly");
    refused("return (string.rep('a', 20000)):gsub('a-a-b', '')", "pattern too costly");
    refused("for w in string.gmatch(string.rep('a', 9000), 'a*a*a*b') do end",
            "pattern too costly");
}

/* Cheap patterns and plain finds still work, whatever the subject's length. */
static void patterns_that_work(void **state)
{
    char err[256];
    static const char src[] = "local s = string.rep('ab', 100000)\n"
                              "return { a = s:find('ba', 1, true), b = ('2020-11-10'):match("
                              "'^(%d+)-(%d+)-(%d+)$'), c = s:find('b') }";

    assert_int_equal(lh_run_string(h, "@p.lua", src, strlen(src), err, sizeof(err)), 0);
    lua_getfield(h->L, -1, "a");
    assert_int_equal(lua_tointeger(h->L, -1), 2);
    lua_getfield(h->L, -2, "b");
    assert_string_equal(lua_tostring(h->L, -1), "2020");
    lua_getfield(h->L, -3, "c");
    assert_int_equal(lua_tointeger(h->L, -1), 2);
    lua_pop(h->L, 4);
    assert_still_serving();
}

/* The clock stops a call whose instructions are each expensive. */
static void time_limit(void **state)
{
    char err[256];
    static const char src[] = "local s = string.rep('a', 2000)\n"
                              "for i = 1, 1e9 do s:find('a-b') end";
    long budget = h->budget;

    h->budget = 1L << 40;
    h->time_ms = 200;
    assert_int_equal(lh_run_string(h, "@slow.lua", src, strlen(src), err, sizeof(err)), -1);
    assert_non_null(strstr(err, "time limit exceeded"));
    h->budget = budget;
    h->time_ms = 0;
    assert_still_serving();
}

/* A table shared with lh_share is visible to every later file and read-only. */
static void shared_globals(void **state)
{
    char err[256];
    static const char src[] = "return { v = lib.x, ok = pcall(function() lib.x = 2 end) }";

    lua_newtable(h->L);
    lua_pushinteger(h->L, 7);
    lua_setfield(h->L, -2, "x");
    assert_int_equal(lh_share(h, "lib"), 0);
    assert_int_equal(lh_run_string(h, "@s.lua", src, strlen(src), err, sizeof(err)), 0);
    lua_getfield(h->L, -1, "v");
    assert_int_equal(lua_tointeger(h->L, -1), 7);
    lua_getfield(h->L, -2, "ok");
    assert_false(lua_toboolean(h->L, -1));
    lua_pop(h->L, 3);
}

static void syntax_and_bytecode(void **state)
{
    refused("x = = 1", "hostile.lua:1:");
    refused("\nlocal x = {\n", "hostile.lua:");
    refused("\x1bLua", "attempt to load a binary chunk");
}

static void strings_not_shared(void **state)
{
    char err[256];
    static const char src[] = "local ok = pcall(function() string.len = nil end)\n"
                              "return { ok = ok, len = ('abc'):len() }";

    assert_int_equal(lh_run_string(h, "@s.lua", src, strlen(src), err, sizeof(err)), 0);
    lua_getfield(h->L, -1, "len");
    assert_int_equal(lua_tointeger(h->L, -1), 3);
    lua_pop(h->L, 2);
    assert_still_serving();
}

static void own_environments(void **state)
{
    char err[256];
    static const char a[] = "shared = 'from a'", b[] = "return { seen = shared }";

    assert_int_equal(lh_run_string(h, "@a.lua", a, strlen(a), err, sizeof(err)), 0);
    lua_pop(h->L, 1);
    assert_int_equal(lh_run_string(h, "@b.lua", b, strlen(b), err, sizeof(err)), 0);
    lua_getfield(h->L, -1, "seen");
    assert_true(lua_isnil(h->L, -1)); /* a's global is not b's */
    lua_pop(h->L, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes),
        cmocka_unit_test(exhaustion),
        cmocka_unit_test(outside_the_hook),
        cmocka_unit_test(patterns_that_work),
        cmocka_unit_test(time_limit),
        cmocka_unit_test(shared_globals),
        cmocka_unit_test(syntax_and_bytecode),
        cmocka_unit_test(strings_not_shared),
        cmocka_unit_test(own_environments),
    };

    return cmocka_run_group_tests_name("luahost", tests, setup, teardown);
}
