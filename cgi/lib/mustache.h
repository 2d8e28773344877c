/*
 * mustache.h — the Mustache template engine that renders the /app/ pages and the
 * public site: comments, set delimiters, interpolation (HTML-escaped by default),
 * sections, inverted sections, partials and inheritance (parents and blocks), as
 * the mustache spec defines them (lambdas aside). Data is a jansson json_t.
 *
 * Templates are compiled once to a tree and rendered many times. A template set
 * loads "<dir>/<name>.mustache" lazily and keeps the compiled trees, including the
 * re-indented variants that standalone partials and blocks need.
 *
 * Ownership: the set owns every compiled template; data passed to render is
 * borrowed; output is appended to the caller's buffer.
 */
#ifndef OCOP_MUSTACHE_H
#define OCOP_MUSTACHE_H

#include <jansson.h>
#include <stddef.h>

#include "util.h"

#define MST_MAX_DEPTH  64         /* sections, partials and parents nested */
#define MST_MAX_SIZE   (1 << 20)  /* bytes of one template */
#define MST_MAX_TAG    256        /* bytes inside one tag */
#define MST_MAX_NAME   128        /* bytes of a template name */
#define MST_MAX_STEPS  2000000L   /* nodes visited in one render */
#define MST_MAX_OUTPUT (64 << 20) /* bytes one render may produce */

struct mst_error {
    int line;      /* 1-based; 0 when not tied to a line */
    char msg[160]; /* English, for logs */
};

struct mst_set;

/* Templates are read lazily from "<dir>/<name>.mustache"; dir may be NULL: templates
 * only from mst_set_add(). Names are [A-Za-z0-9_/-] only, no "..", no leading '/', at
 * most MST_MAX_NAME bytes; a partial with any other name is absent. NULL on no memory. */
struct mst_set *mst_set_new(const char *dir);
/* Adds (or replaces) a template from memory, compiling it. 0 or -1 with *err. */
int mst_set_add(struct mst_set *set, const char *name, const char *src, size_t len,
                struct mst_error *err);
/* Renders template `name` with `data`, appending to out. 0 or -1 with *err (unknown
 * template, a compile error in a file, nesting past MST_MAX_DEPTH). Missing partials
 * and parents render as nothing, as the spec says. */
int mst_set_render(struct mst_set *set, const char *name, json_t *data, struct buf *out,
                   struct mst_error *err);
/* A list given as a table of text (#9: a page of many rows without a JSON object per
 * row). It renders exactly as a JSON array of objects under `name` in the top-level data
 * would, each object having the row's present cells as strings under the column names:
 * a NULL cell is a missing key. Names, columns and cells are borrowed for the render. */
struct mst_table {
    const char *name;        /* the list's name in the data ("dossiers") */
    const char *const *cols; /* ncols column names */
    size_t ncols, nrows;
    const char *const *cells; /* nrows * ncols, row after row; UTF-8; NULL = missing */
};
/* mst_set_render with a table beside the data (which should not hold the same name:
 * the table is found first). table may be NULL. */
int mst_set_render_table(struct mst_set *set, const char *name, json_t *data,
                         const struct mst_table *table, struct buf *out, struct mst_error *err);
/* Forgets templates read from files so that the next render reads them again. */
void mst_set_flush(struct mst_set *set);
void mst_set_free(struct mst_set *set);

#endif
