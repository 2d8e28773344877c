/*
 * synthetic.h — `ocop seed --synthetic N` (synthetic.c): N certified products for tests
 * and benchmarks of the public site.
 */
#ifndef OCOP_CLI_SYNTHETIC_H
#define OCOP_CLI_SYNTHETIC_H

#include "db.h"

#define SYNTHETIC_MAX 1000000

/* Adds n products with their producers, certificates, events and stories (Markdown under
 * home/content/products/) to the database of db, in one transaction. 0 or -1 (nothing
 * added). */
int cli_seed_synthetic(struct db *db, const char *home, long n);

#endif
