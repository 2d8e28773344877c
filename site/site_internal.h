/*
 * site_internal.h — what the parts of the site builder share: the build context, the
 * page writer (data → template → output, skipped when an incremental build already has
 * the same inputs), and the pieces of page data every page kind uses (a product's
 * summary, a certificate, places then and now, URLs). Private to site/.
 *
 * Ownership: the context borrows the options, the model and the output tree for the
 * duration of site_build(); JSON values returned by the j_* helpers are new references.
 */
#ifndef OCOP_SITE_INTERNAL_H
#define OCOP_SITE_INTERNAL_H

#include <jansson.h>

#include "model.h"
#include "mustache.h"
#include "outdir.h"
#include "site.h"
#include "util.h"

/* products per listing page: from MIN to MAX, about 30 (listings.c, cut_pages) */
#define SITE_PAGE_MIN    15
#define SITE_PAGE_SPREAD 16 /* one product in 16 starts a page once MIN are on it */
#define SITE_PAGE_MAX    50

struct site_ctx {
    const struct site_opts *o;
    struct site_model *m;
    struct outdir *od;
    struct mst_set *t;
    char tkey[OUTDIR_KEY_HEX + 1];  /* hash of templates, assets, content pages, options */
    json_t *pages;                  /* the content pages: [{slug, title, url}] */
    json_t *page_src;               /* their Markdown: {slug: text} */
    struct buf sitemap;             /* one site-relative path per line, for sitemap.xml */
    char (*fp)[OUTDIR_KEY_HEX + 1]; /* per product: its inputs' fingerprint (site_fp) */
    size_t rendered;
    struct buf html; /* scratch for one page */
    int story_fd[2]; /* content/products of home and of share, or -1 (site_story_dirs) */
};

/* Writes page `path` (relative to the build) from template `tmpl` and data, which it
 * steals. The key is taken over the template key and data; an incremental build links
 * the previous file when it matches. A top-level "markdown" string in data, or the
 * file named by "markdown_file" (whose "markdown_stamp" the key sees instead of its
 * text), is rendered to "markdown_html" after that check (so unchanged stories are
 * neither read nor rendered again).
 * Adds base, site_url, the navigation (marking `section` current) and the content pages
 * to data. Listed in the sitemap when `in_sitemap`. 0 or -1. */
int site_page(struct site_ctx *c, const char *path, const char *tmpl, const char *section,
              json_t *data, int in_sitemap);
/* A page keyed by a fingerprint of its inputs instead of its data: when the previous
 * build has it under the same key, its data is never made; otherwise make(c, arg)
 * makes it (a new reference) and it is rendered as by site_page. */
struct site_ctx;
typedef json_t *(*site_make_fn)(struct site_ctx *c, const void *arg);
struct site_page_spec {
    const char *path, *tmpl, *section;
    int in_sitemap;
    site_make_fn make;
    const void *arg;
};
int site_page_fp(struct site_ctx *c, const struct site_page_spec *sp,
                 const char inputs[OUTDIR_KEY_HEX + 1]);
/* Fingerprints every product (after site_photos, which names the photos' files): a
 * hash of everything its product page, certificate pages and listing lines show. */
int site_fingerprints(struct site_ctx *c);
/* Opens the folders the stories are read from (before anything looks for one; one
 * that cannot be opened is logged and holds no story) and closes them. */
void site_story_dirs(struct site_ctx *c);
void site_story_dirs_close(struct site_ctx *c);
const char *site_fp(const struct site_ctx *c, const struct m_product *p);

/* Writes bytes produced in C (not from a template) under a key of those bytes. */
int site_file(struct site_ctx *c, const char *path, const void *data, size_t len);

/* URLs: "<base>san-pham/<slug>/" and so on; absolute ones with site_url before. The
 * result is a new JSON string. */
json_t *j_url(struct site_ctx *c, int absolute, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "2020-10-15" → "15/10/2020" into out[11]. */
void site_date(const char *iso, char out[11]);

struct places {
    const struct m_area *then[3]; /* commune, district, province when certified */
    const struct m_area *now[3];  /* the same units today (NULL: the level is gone) */
};
void site_places(const struct site_model *m, const struct m_product *p, struct places *pl);
/* "Xã Pả Vi, Huyện Mèo Vạc, Tỉnh Hà Giang" of the three (skipping NULL ones) into b. */
int site_place_text(const struct m_area *const u[3], struct buf *b);

json_t *j_summary(struct site_ctx *c, const struct m_product *p);
json_t *j_cert(struct site_ctx *c, const struct m_cert *ct, int with_events);
json_t *j_stars(int n); /* "★★★" */
/* "Cấp giấy chứng nhận" for "granted", and so on for each kind of certificate event. */
const char *site_event_label(const char *kind);

/* The page kinds (pages.c, listings.c, feeds.c). Each 0 or -1. */
int site_product_pages(struct site_ctx *c);
int site_cert_pages(struct site_ctx *c);
int site_qr_files(struct site_ctx *c); /* xac-minh/<number>/qr.svg: in a helper process */
int site_content_pages(struct site_ctx *c);
int site_listings(struct site_ctx *c);
int site_home(struct site_ctx *c);
int site_fixed_pages(struct site_ctx *c); /* search page, 404 */
int site_search_index(struct site_ctx *c);
int site_feed(struct site_ctx *c);
int site_sitemap(struct site_ctx *c);
int site_assets(struct site_ctx *c);
int site_photos(struct site_ctx *c); /* before the product pages: sets each photo's ext */
/* Reads the content pages' titles into c->pages (before any page is rendered). */
int site_load_pages(struct site_ctx *c);

#endif
