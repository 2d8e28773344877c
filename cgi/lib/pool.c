/*
 * pool.c — the per-request memory pool (see pool.h): chunks chained from the
 * newest, bump allocation inside a chunk, one release per request.
 */
#include "pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE 16384
#define ALIGN      16

struct pool_chunk {
    struct pool_chunk *next;
    size_t size; /* usable bytes after the header */
    size_t off;
    _Alignas(ALIGN) unsigned char data[];
};

static struct pool_chunk *chunk_new(size_t size, struct pool_chunk *next)
{
    struct pool_chunk *c;

    if (size > SIZE_MAX - sizeof(*c))
        return NULL;
    c = malloc(sizeof(*c) + size);
    if (c == NULL)
        return NULL;
    c->next = next;
    c->size = size;
    c->off = 0;
    return c;
}

void *pool_alloc(struct pool *p, size_t size)
{
    struct pool_chunk *c = p->head;
    size_t need;
    void *ptr;

    if (size > SIZE_MAX - ALIGN)
        return NULL;
    need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need == 0)
        need = ALIGN;
    if (p->limit && (need > p->limit || p->used > p->limit - need))
        return NULL;
    if (c == NULL || c->size - c->off < need) {
        c = chunk_new(need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE, p->head);
        if (c == NULL)
            return NULL;
        p->head = c;
    }
    ptr = c->data + c->off;
    c->off += need;
    p->used += need;
    return ptr;
}

char *pool_strndup(struct pool *p, const char *s, size_t len)
{
    char *d;

    if (len == SIZE_MAX)
        return NULL;
    d = pool_alloc(p, len + 1);
    if (d == NULL)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *pool_strdup(struct pool *p, const char *s)
{
    return pool_strndup(p, s, strlen(s));
}

void pool_reset(struct pool *p)
{
    struct pool_chunk *c = p->head, *keep = NULL;

    while (c) {
        struct pool_chunk *next = c->next;
        if (next == NULL && c->size == CHUNK_SIZE) {
            keep = c;
            keep->off = 0;
        } else {
            free(c);
        }
        c = next;
    }
    p->head = keep;
    p->used = 0;
}

void pool_free(struct pool *p)
{
    pool_reset(p);
    free(p->head);
    p->head = NULL;
}
