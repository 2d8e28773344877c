/*
 * qr.c — QR code to SVG (qr.h). The modules become one <path> of horizontal runs,
 * which keeps the file small (a verification URL is about 2 KB of SVG).
 */
#include "qr.h"

#include <qrencode.h>
#include <string.h>

#define QUIET 4

/* Appends the runs of dark modules of row y as path commands. */
static int row_runs(const QRcode *q, int y, struct buf *out)
{
    int x = 0, w = q->width;

    while (x < w) {
        int start;
        while (x < w && !(q->data[y * w + x] & 1))
            x++;
        if (x >= w)
            break;
        start = x;
        while (x < w && (q->data[y * w + x] & 1))
            x++;
        if (buf_printf(out, "M%d %dh%dv1h-%dz", start + QUIET, y + QUIET, x - start, x - start))
            return -1;
    }
    return 0;
}

int qr_svg(const char *text, struct buf *out)
{
    QRcode *q;
    int y, size, rc = -1;

    if (text == NULL || strlen(text) > 1024)
        return -1;
    q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == NULL) {
        log_err("qr: cannot encode %zu bytes", strlen(text));
        return -1;
    }
    size = q->width + 2 * QUIET;
    if (buf_printf(out,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                   "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Mã QR\">"
                   "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
                   size, size, size, size))
        goto out;
    for (y = 0; y < q->width; y++)
        if (row_runs(q, y, out) != 0)
            goto out;
    rc = buf_puts(out, "\"/></svg>\n");
out:
    QRcode_free(q);
    return rc;
}
