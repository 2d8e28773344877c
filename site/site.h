/*
 * site.h — the public site builder behind `ocop site build`: reads the certified
 * products, their certificates and events from the database and the Markdown of
 * content/, renders the Mustache templates of site/templates/public/, and writes a
 * complete static site (HTML, search index, QR codes, sitemap.xml, Atom feed) into a
 * fresh directory that then replaces the previous build in one rename.
 *
 * The pieces: model.c (the database as it is read for one build), pages.c and feeds.c
 * (what is written), outdir.c (where and how: fresh directory, unchanged bytes kept,
 * the atomic switch), build.c (the order of it all, and the change signature that
 * `ocop serve` compares to rebuild by itself).
 *
 * Single-threaded (Discount keeps global state). Ownership: the options are borrowed
 * for the duration of the call.
 */
#ifndef OCOP_SITE_H
#define OCOP_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

#define SITE_SIG_MAX 160 /* bytes of a change signature, NUL included */

struct site_opts {
    const char *share;    /* holds site/templates/public, site/static, content/ */
    const char *home;     /* the state folder: files/ (photos), content/ (its own stories);
                             NULL for none */
    const char *rules;    /* rules root, for the names of product groups; NULL: codes only */
    const char *out;      /* the path that names the current build (a symlink to it) */
    const char *base;     /* URL path the site is served under: "/" or "/x/" */
    const char *site_url; /* scheme and host for QR codes, sitemap and feed, no '/' at the
                             end: "https://ocop.example.vn" */
    int64_t today;        /* midnight UTC of the day validity is judged by */
    int incremental;      /* skip rendering pages whose inputs did not change */
};

struct site_stats {
    size_t products, certificates; /* on the site */
    size_t files;                  /* in the new build */
    size_t rendered;               /* files produced this time (the rest: reused as is) */
    size_t written;                /* files whose bytes differ from the previous build */
    size_t unchanged;              /* identical bytes: linked from the previous build */
};

/* Builds the site. 0 with *st filled, or -1 (logged) with the previous build still
 * in place and the partial one removed. */
int site_build(struct db *db, const struct site_opts *o, struct site_stats *st);

/* What the public site shows depends on: the certificates, their events, public
 * photos and the day. A short text that changes whenever one of those does. 0 or -1. */
int site_signature(struct db *db, int64_t today, char out[SITE_SIG_MAX]);
/* The signature recorded by the build currently at out_path. 0, or -1 when there is
 * no build (or it has no signature). */
int site_built_signature(const char *out_path, char out[SITE_SIG_MAX]);

/* Checks the options' URL parts: base "/" or "/a/b/" of [A-Za-z0-9._~-] segments;
 * site_url "http(s)://host[:port]" with no path. 1 when valid. */
int site_base_ok(const char *base);
int site_url_ok(const char *url);

#endif
