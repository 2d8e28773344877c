/*
 * pool.h — a per-request memory pool: many small allocations, freed in one shot
 * when the request ends (the nginx habit). Everything a request parses (fields,
 * cookies, route parameters) lives in the request's pool.
 *
 * Ownership: memory from pool_alloc() is valid until pool_reset() or pool_free()
 * on the same pool; never free() it.
 */
#ifndef OCOP_POOL_H
#define OCOP_POOL_H

#include <stddef.h>

struct pool_chunk;

struct pool {
    struct pool_chunk *head;
    size_t used;  /* bytes handed out since the last reset */
    size_t limit; /* 0 = unlimited; otherwise pool_alloc fails past it */
};

void *pool_alloc(struct pool *p, size_t size);
/* Copies len bytes and adds a NUL. */
char *pool_strndup(struct pool *p, const char *s, size_t len);
char *pool_strdup(struct pool *p, const char *s);
/* Releases all but the first chunk, keeping it for the next request. */
void pool_reset(struct pool *p);
void pool_free(struct pool *p);

#endif
