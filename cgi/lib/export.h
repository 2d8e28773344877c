/*
 * export.h — tables for officials' spreadsheets: CSV (UTF-8 with a BOM, so Excel reads
 * the Vietnamese; RFC 4180 quoting; CRLF) and XLSX (libxlsxwriter). A table is JSON:
 * {"columns": ["…", …], "rows": [[cell, …], …]} with string, integer, real or null
 * cells; integers stay numbers in XLSX (amounts in VND are summable).
 *
 * Ownership: the caller owns the table and the output buffer.
 */
#ifndef OCOP_EXPORT_H
#define OCOP_EXPORT_H

#include "util.h"

#include <jansson.h>

int export_csv(const json_t *table, struct buf *out);
/* sheet: the worksheet's name (≤ 31 characters); tmpdir: where the workbook and
 * libxlsxwriter's own scratch files are written before out reads them back (the state
 * folder's tmp/). 0 or -1. */
int export_xlsx(const json_t *table, const char *sheet, const char *tmpdir, struct buf *out);

#endif
