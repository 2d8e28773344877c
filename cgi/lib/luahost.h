/*
 * luahost.h — the sandbox the province rules run in: one Lua 5.4 state with a
 * memory-capped allocator, only safe libraries (base without load, loadfile,
 * dofile, require, collectgarbage; string, table, math, utf8; os.time and os.date;
 * print to the log), text chunks only, each rule file in its own environment whose
 * shared globals are read-only, and an instruction budget per call that a rule's own
 * pcall cannot swallow, and a wall-clock limit. Errors read "file:line: message".
 *
 * What the count hook cannot see is bounded otherwise: every allocation counts against
 * the memory cap; string.find/match/gmatch/gsub refuse a pattern whose worst-case
 * backtracking over the subject is too costly; setmetatable refuses __gc, so no
 * finalizer can run outside a budgeted call (for example inside lua_close).
 *
 * This is the layer under the rules API (#3): it runs files and calls functions; it
 * knows nothing of rounds or stars.
 *
 * Ownership: struct lua_host owns its lua_State; lh_free() closes it. Error texts are
 * copied into the caller's buffer.
 */
#ifndef OCOP_LUAHOST_H
#define OCOP_LUAHOST_H

#include <lua.h>
#include <stddef.h>
#include <stdint.h>

#define LH_DEFAULT_MEM    (16u << 20) /* bytes a state may allocate */
#define LH_DEFAULT_BUDGET 5000000L    /* VM instructions per load or call */

struct lua_host {
    lua_State *L;
    size_t mem_used;
    size_t mem_cap;
    long budget; /* instructions allowed for the current load or call */
    long spent;
    long time_ms;        /* wall-clock per load or call; 0 = none */
    int64_t deadline_ms; /* CLOCK_MONOTONIC, set when a call starts */
    int over_budget;     /* set by the hook; the call fails whatever the script caught */
    int over_time;       /* the budget was spent by the clock */
    int out_of_memory;   /* set by the allocator */
    char chunk[256];     /* the file being run, for messages Lua gives no place to */
    char where[300];     /* "file:line" last seen by the hook, likewise */
};

/* A new sandboxed state; NULL when the state cannot be made. */
struct lua_host *lh_new(size_t mem_cap, long budget);
void lh_free(struct lua_host *h);

/* Runs the file as a text chunk in a fresh environment and leaves that environment
 * (a table: what the file defined, or what it returned if it returned a table) on
 * top of the stack. 0, or -1 with "file:line: message" in err. */
int lh_run_file(struct lua_host *h, const char *path, char *err, size_t errsize);
/* The same for source text, with chunkname used in messages. */
int lh_run_string(struct lua_host *h, const char *chunkname, const char *src, size_t len, char *err,
                  size_t errsize);

/* Makes the value on top (popped) a shared global of every file run afterwards, as
 * name; a table is shared through a read-only view. 0, or -1 when it cannot. */
int lh_share(struct lua_host *h, const char *name);

/* Calls the function on top of the stack below nargs arguments (as lua_pcall does),
 * under the instruction budget and the memory cap. 0, or -1 with the message. */
int lh_call(struct lua_host *h, int nargs, int nresults, char *err, size_t errsize);

#endif
