/*
 * json_arena.c — the request arena for jansson values (json_arena.h): one block
 * reserved at start-up, bump allocation while a request builds values, nothing done
 * on free, one reset after the request.
 */
#include "json_arena.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define ALIGN 16

static struct {
    unsigned char *base; /* owned: from malloc, size bytes */
    size_t size, off;
    int active;
} arena;

static int in_arena(const void *p)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)arena.base;

    return arena.base && a >= b && a - b < arena.size;
}

static void *arena_malloc(size_t n)
{
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    void *p;

    if (!arena.active || n == 0 || need < n || need > arena.size - arena.off)
        return malloc(n);
    p = arena.base + arena.off;
    arena.off += need;
    UNPOISON(p, n);
    return p;
}

static void arena_free(void *p)
{
    if (!in_arena(p))
        free(p);
}

int json_arena_init(size_t size)
{
    if (arena.base)
        return 0;
    arena.base = malloc(size);
    if (arena.base == NULL)
        return -1;
    arena.size = size;
    arena.off = 0;
    POISON(arena.base, arena.size);
    json_set_alloc_funcs(arena_malloc, arena_free);
    return 0;
}

void json_arena_begin(void)
{
    arena.active = arena.base != NULL;
}

void json_arena_end(void)
{
    arena.active = 0;
}

void json_arena_reset(void)
{
    arena.active = 0;
    if (arena.off == 0)
        return;
    POISON(arena.base, arena.size);
    arena.off = 0;
}

size_t json_arena_used(void)
{
    return arena.off;
}

void json_arena_free(void)
{
    if (arena.base == NULL)
        return;
    json_set_alloc_funcs(malloc, free);
    UNPOISON(arena.base, arena.size);
    free(arena.base);
    arena.base = NULL;
    arena.size = arena.off = 0;
    arena.active = 0;
}
