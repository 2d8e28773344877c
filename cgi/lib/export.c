/*
 * export.c — CSV and XLSX of a table (export.h).
 */
#include "export.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

static void csv_cell(struct buf *b, const json_t *v)
{
    const char *s;

    if (json_is_integer(v)) {
        buf_printf(b, "%lld", (long long)json_integer_value(v));
        return;
    }
    if (json_is_real(v)) {
        buf_printf(b, "%.2f", json_real_value(v));
        return;
    }
    if (!json_is_string(v))
        return;
    buf_puts(b, "\"");
    for (s = json_string_value(v); *s; s++)
        if (*s == '"')
            buf_puts(b, "\"\"");
        else
            buf_append(b, s, 1);
    buf_puts(b, "\"");
}

static void csv_row(struct buf *b, const json_t *row)
{
    const json_t *v;
    size_t i;

    json_array_foreach(row, i, v)
    {
        if (i)
            buf_puts(b, ",");
        csv_cell(b, v);
    }
    buf_puts(b, "\r\n");
}

int export_csv(const json_t *table, struct buf *out)
{
    const json_t *row;
    size_t i;

    buf_puts(out, "\xEF\xBB\xBF");
    csv_row(out, json_object_get(table, "columns"));
    json_array_foreach(json_object_get(table, "rows"), i, row) csv_row(out, row);
    return 0;
}

static void xlsx_row(lxw_worksheet *ws, lxw_row_t r, const json_t *row, lxw_format *fmt)
{
    const json_t *v;
    size_t c;

    json_array_foreach(row, c, v)
    {
        if (json_is_integer(v) || json_is_real(v))
            worksheet_write_number(ws, r, (lxw_col_t)c, json_number_value(v), NULL);
        else if (json_is_string(v))
            worksheet_write_string(ws, r, (lxw_col_t)c, json_string_value(v), fmt);
    }
}

int export_xlsx(const json_t *table, const char *sheet, const char *tmpdir, struct buf *out)
{
    lxw_workbook_options opt = {.tmpdir = (char *)tmpdir};
    char path[PATH_MAX];
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    const json_t *row;
    size_t i;
    int fd, rc = -1;

    /* libxlsxwriter writes a file, not memory: a private name in the state's tmp/ (the
     * six X are mkstemps' template, replaced by the call; the 5 keeps ".xlsx") */
    if ((size_t)snprintf(path, sizeof(path), "%s/export-XXXXXX.xlsx", tmpdir) >= sizeof(path) ||
        (fd = mkstemps(path, 5)) < 0)
        return -1;
    close(fd);
    wb = workbook_new_opt(path, &opt);
    if (wb == NULL)
        goto done;
    ws = workbook_add_worksheet(wb, sheet);
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    xlsx_row(ws, 0, json_object_get(table, "columns"), bold);
    json_array_foreach(json_object_get(table, "rows"), i, row)
        xlsx_row(ws, (lxw_row_t)(i + 1), row, NULL);
    if (workbook_close(wb) != LXW_NO_ERROR)
        goto done;
    rc = buf_read_file(out, path, 64u << 20);
done:
    unlink(path);
    return rc;
}
