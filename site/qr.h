/*
 * qr.h — QR codes as SVG (libqrencode) for the certificate verification links
 * printed on packaging: one path of unit squares, a quiet zone of four modules,
 * crisp at any print size.
 */
#ifndef OCOP_QR_H
#define OCOP_QR_H

#include "util.h"

/* Appends an SVG image encoding text (error correction level M). 0 or -1. */
int qr_svg(const char *text, struct buf *out);

#endif
