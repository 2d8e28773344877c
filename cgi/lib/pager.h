/*
 * pager.h — one page of a long list of the officials' app (dossiers, producers,
 * certificates): ?page=N from 1, PAGER_ROWS rows a page, newest or first in the list's
 * own order. The list's statement fetches one row more than a page (pager_limit), so
 * the page knows whether another follows without counting them all; the links to the
 * pages before and after keep the list's filters: its declared fields as validated,
 * nothing else of the query.
 */
#ifndef OCOP_PAGER_H
#define OCOP_PAGER_H

#include "http.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define PAGER_ROWS 100
#define PAGER_MAX  100000
/* The field a paged list declares last among its query fields. */
#define PAGER_FIELD                                                                                \
    {                                                                                              \
        "page", FIELD_INT, 0, 1, PAGER_MAX, NULL, "Trang"                                          \
    }

/* The page asked for by the validated field (1 when absent). */
int64_t pager_number(const struct field_value *page);
/* LIMIT and OFFSET to bind: one row more than a page, after the pages before it. */
int64_t pager_limit(void);
int64_t pager_offset(int64_t number);
/* The rows to show of the `fetched` the statement gave (at most PAGER_ROWS). */
size_t pager_shown(size_t fetched);
/* Drops the row past the page from a JSON list of the rows fetched; returns how many
 * were fetched. */
size_t pager_trim(json_t *list);

/* {"number", "from", "to", "prev", "next", "more"} of page `number` that fetched
 * `fetched` rows: from/to count the rows shown from 1 (absent when none), prev and next
 * are the links (absent on the first page and the last), more is true when the list
 * has more than this page. fields[0..n) are the list's query fields, the page field
 * last; v their values. A new reference, or NULL without memory. */
json_t *pager_json(int64_t number, size_t fetched, const char *path, const struct field *fields,
                   size_t n, const struct field_value *v);

#endif
