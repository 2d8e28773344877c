/*
 * qr.c — QR code to SVG (qr.h). The modules become one <path> of horizontal runs,
 * which keeps the file small (a verification URL is about 2 KB of SVG).
 */
#include "qr.h"

#include <qrencode.h>
#include <string.h>

#define QUIET 4

/* Writes n (0..999) in decimal at p; returns the end. */
static char *put_int(char *p, int n)
{
    if (n >= 100)
        *p++ = (char)('0' + n / 100);
    if (n >= 10)
        *p++ = (char)('0' + n / 10 % 10);
    *p++ = (char)('0' + n % 10);
    return p;
}

/* Appends the runs of dark modules of row y as path commands ("M4 7h3v1h-3z"). A symbol
 * is at most 177 modules wide, so each number has at most three digits; printf here
 * cost as much as the encoding. */
static int row_runs(const QRcode *q, int y, struct buf *out)
{
    int x = 0, w = q->width;
    char cmd[32], *p;

    while (x < w) {
        int start;
        while (x < w && !(q->data[y * w + x] & 1))
            x++;
        if (x >= w)
            break;
        start = x;
        while (x < w && (q->data[y * w + x] & 1))
            x++;
        p = cmd;
        *p++ = 'M';
        p = put_int(p, start + QUIET);
        *p++ = ' ';
        p = put_int(p, y + QUIET);
        *p++ = 'h';
        p = put_int(p, x - start);
        memcpy(p, "v1h-", 4);
        p = put_int(p + 4, x - start);
        *p++ = 'z';
        if (buf_append(out, cmd, (size_t)(p - cmd)))
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
