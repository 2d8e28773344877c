/*
 * json_arena.h — a bump arena for the jansson values of one request (#9). A page such
 * as the dossier list builds and frees about a thousand small values; from the arena
 * each costs a pointer bump, and freeing it costs nothing.
 *
 * Use: json_arena_init() once per process (it installs jansson's allocation
 * functions); json_arena_begin() … json_arena_end() around code whose new values die
 * with the request; json_arena_reset() after the request's values are released.
 * Outside begin/end, jansson allocates with malloc as before; json_decref of a value
 * works either way (freeing an arena block does nothing).
 *
 * Ownership and lifetimes: a value made between begin and end is valid until the next
 * json_arena_reset() and must not be kept longer (no caches). Strings that the caller
 * frees with free() (json_dumps) must not be made between begin and end. When the
 * arena is full, allocations fall back to malloc. Under AddressSanitizer, reset
 * poisons the arena so that a value used after its request is reported.
 * Single-threaded: one arena per process.
 */
#ifndef OCOP_JSON_ARENA_H
#define OCOP_JSON_ARENA_H

#include <stddef.h>

/* Reserves size bytes and installs the allocation functions. 0, or -1 (no memory). */
int json_arena_init(size_t size);
/* New jansson values come from the arena until json_arena_end(). No effect before init. */
void json_arena_begin(void);
void json_arena_end(void);
/* Every value made from the arena is dead: starts the arena again, empty. */
void json_arena_reset(void);
/* Bytes handed out since the last reset (for tests). */
size_t json_arena_used(void);
/* Frees the arena and gives jansson back malloc and free. */
void json_arena_free(void);

#endif
