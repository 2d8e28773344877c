/*
 * feeds.c — the files of the site that are not pages: the search index (names, producers
 * and places, which search.js folds so "mat ong" finds "Mật ong"), the Atom feed of
 * certificate events, sitemap.xml and robots.txt, the static assets copied from
 * site/static/, and the public photos copied from the file store.
 */
#include "filestore.h"
#include "filetype.h"
#include "http.h"
#include "site_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FEED_ENTRIES 50
#define SITEMAP_URLS 40000 /* per sitemap file; the protocol allows 50,000 */
#define PHOTO_MAX    (20u << 20)
#define ASSET_MAX    (1u << 20)

/* ---- search index ---- */

/* A JSON string, escaped as jansson writes one (", \\ and newline, return, tab; UTF-8
 * as is), of text that must be valid UTF-8 with no control character but newline,
 * return and tab (utf8_text_ok's rule, multiline): checked and escaped in one pass,
 * runs of plain bytes copied whole (45,000 strings a build). */
static int put_json_str(struct buf *b, const char *s)
{
    size_t n = strlen(s), start = 0, i = 0, k;
    uint32_t cp;

    if (buf_putc(b, '"'))
        return -1;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        char esc[2] = {'\\', (char)ch};
        if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
            i++;
            continue;
        }
        if (ch >= 0x80) { /* a sequence, not a C1 control (U+0080-U+009F) */
            if ((k = utf8_seq(s + i, n - i, &cp)) == 0 || cp < 0xa0)
                return -1;
            i += k;
            continue;
        }
        if (ch == '\n' || ch == '\r' || ch == '\t')
            esc[1] = ch == '\n' ? 'n' : ch == '\r' ? 'r' : 't';
        else if (ch != '"' && ch != '\\')
            return -1; /* another control character, or DEL */
        if (buf_append(b, s + start, i - start) || buf_append(b, esc, 2))
            return -1;
        start = ++i;
    }
    return buf_append(b, s + start, n - start) || buf_putc(b, '"') ? -1 : 0;
}

/* The search index, version 2: {"v":2,"base":…,"places":[[now, then?],…],"items":
 * [[slug, name, producer, place, stars, in force (0/1)],…]}. A place is the text of a
 * product's commune, district and province today, and as they were when it was
 * certified when that differs (merged units); products of one commune share it by its
 * number. search.js folds names and places itself, the same way it folds the query, so
 * the file holds each text once (15,000 products: 1.9 MB against 4.5 MB when every
 * item carried its folded text and its places). */
struct index_places {
    long *slot;      /* by the product's area in the model (nareas + 1: no area) */
    struct buf json; /* the places array's elements */
    long n;
};

/* The number of the product's place in the index, added to it on first use; -1 on no
 * memory. */
static long place_of(struct site_ctx *c, struct index_places *ip, const struct m_product *p)
{
    const struct m_area *a = model_area(c->m, p->area);
    size_t k = a ? (size_t)(a - c->m->areas) : c->m->nareas;
    struct buf now = BUF_INIT, then = BUF_INIT;
    struct places pl;
    int rc;

    if (ip->slot[k] >= 0)
        return ip->slot[k];
    site_places(c->m, p, &pl);
    rc = site_place_text(pl.now, &now) || site_place_text(pl.then, &then) ||
         (ip->n && buf_putc(&ip->json, ',')) || buf_putc(&ip->json, '[') ||
         put_json_str(&ip->json, now.data ? now.data : "");
    if (rc == 0 && then.len && (now.len != then.len || memcmp(now.data, then.data, now.len)))
        rc = buf_putc(&ip->json, ',') || put_json_str(&ip->json, then.data);
    rc = rc || buf_putc(&ip->json, ']');
    buf_free(&now);
    buf_free(&then);
    return rc ? -1 : (ip->slot[k] = ip->n++);
}

/* Appends ',' and the decimal of n (no printf: three of them an item, 15,000 items). */
static int put_int(struct buf *b, long long n)
{
    char num[24];
    size_t len;
    const char *t = int_text(n, num, &len);

    return buf_putc(b, ',') || buf_append(b, t, len) ? -1 : 0;
}

/* Appends the product's item. */
static int index_item(struct site_ctx *c, struct index_places *ip, const struct m_product *p,
                      struct buf *out)
{
    const struct m_cert *cur = model_current(p);
    long place = place_of(c, ip, p);

    if (place < 0 || buf_putc(out, '[') || put_json_str(out, p->slug) || buf_putc(out, ',') ||
        put_json_str(out, p->name) || buf_putc(out, ',') ||
        put_json_str(out, p->producer ? p->producer : "") || put_int(out, place) ||
        put_int(out, cur->stars) || put_int(out, cur->status == CS_VALID) || buf_putc(out, ']')) {
        log_err("site: the search index cannot hold product %s", p->slug);
        return -1;
    }
    return 0;
}

/* The index's key: the fingerprints of all products, in order, and the base. */
static void index_key(struct site_ctx *c, char key[OUTDIR_KEY_HEX + 1])
{
    struct outdir_hash h;

    outdir_hash_init(&h);
    outdir_hash_str(&h, "search index 2");
    outdir_hash_str(&h, c->o->base);
    for (size_t i = 0; i < c->m->nproducts; i++)
        outdir_hash_str(&h, site_fp(c, &c->m->products[i]));
    outdir_hash_end(&h, key);
}

int site_search_index(struct site_ctx *c)
{
    static const char path[] = "tim-kiem/chi-muc.json";
    char key[OUTDIR_KEY_HEX + 1];
    struct index_places ip = {NULL, BUF_INIT, 0};
    struct buf items = BUF_INIT, text = BUF_INIT;
    int rc;

    index_key(c, key);
    if ((rc = outdir_reuse(c->od, path, key)) != 0)
        return rc > 0 ? 0 : -1;
    rc = (ip.slot = malloc((c->m->nareas + 1) * sizeof(*ip.slot))) == NULL ? -1 : 0;
    for (size_t k = 0; rc == 0 && k <= c->m->nareas; k++)
        ip.slot[k] = -1;
    for (size_t i = 0; rc == 0 && i < c->m->nproducts; i++)
        rc = (i && buf_putc(&items, ',')) || index_item(c, &ip, &c->m->products[i], &items);
    rc = rc || buf_puts(&text, "{\"v\":2,\"base\":") || put_json_str(&text, c->o->base) ||
         buf_puts(&text, ",\"places\":[") || buf_append(&text, ip.json.data, ip.json.len) ||
         buf_puts(&text, "],\"items\":[") || buf_append(&text, items.data, items.len) ||
         buf_puts(&text, "]}");
    if (rc == 0) {
        c->rendered++;
        rc = outdir_write(c->od, path, key, text.data, text.len);
    }
    if (rc)
        log_err("site: cannot write the search index");
    free(ip.slot);
    buf_free(&ip.json);
    buf_free(&items);
    buf_free(&text);
    return rc ? -1 : 0;
}

/* ---- Atom feed ---- */

static int event_cmp(const void *a, const void *b)
{
    const struct m_event *x = *(const struct m_event *const *)a;
    const struct m_event *y = *(const struct m_event *const *)b;

    if (x->at != y->at)
        return x->at < y->at ? 1 : -1;
    return (y->id > x->id) - (y->id < x->id);
}

static json_t *feed_entry(struct site_ctx *c, const struct m_event *e)
{
    const struct m_cert *ct = e->cert;
    char at[21];

    format_timestamp(e->at, at);
    return json_pack("{s:o,s:o,s:o,s:s,s:s}", "id",
                     j_url(c, 1, "xac-minh/%s/#su-kien-%lld", ct->slug, (long long)e->id), "url",
                     j_url(c, 1, "xac-minh/%s/", ct->slug), "title",
                     json_sprintf("%s: %s — %d sao (giấy chứng nhận số %s)",
                                  site_event_label(e->kind), ct->product->name, ct->stars,
                                  ct->number),
                     "updated", at, "summary", e->note ? e->note : "");
}

int site_feed(struct site_ctx *c)
{
    const struct m_event **v = malloc((c->m->nevents ? c->m->nevents : 1) * sizeof(*v));
    json_t *entries = json_array();
    size_t n = 0;
    char updated[21];

    if (v == NULL || entries == NULL) {
        free(v);
        json_decref(entries);
        return -1;
    }
    for (size_t i = 0; i < c->m->nevents; i++)
        if (c->m->events[i].cert && c->m->events[i].cert->product)
            v[n++] = &c->m->events[i];
    qsort(v, n, sizeof(*v), event_cmp);
    for (size_t i = 0; i < n && i < FEED_ENTRIES; i++)
        json_array_append_new(entries, feed_entry(c, v[i]));
    format_timestamp(n ? v[0]->at : 0, updated);
    free(v);
    return site_page(c, "tin-moi.atom", "public/feed", "",
                     json_pack("{s:o,s:o,s:s,s:o}", "feed_url", j_url(c, 1, "tin-moi.atom"),
                               "home_url", j_url(c, 1, "%s", ""), "updated", updated, "entries",
                               entries),
                     0);
}

/* ---- sitemap.xml, robots.txt ---- */

/* "a/b/index.html" → "a/b/"; "index.html" → "". */
static int sitemap_url(struct site_ctx *c, const char *path, size_t len, struct buf *out)
{
    size_t n = len >= 10 && !memcmp(path + len - 10, "index.html", 10) ? len - 10 : len;

    return buf_puts(out, "<url><loc>") ||
           buf_html_escape(out, c->o->site_url, strlen(c->o->site_url)) ||
           buf_html_escape(out, c->o->base, strlen(c->o->base)) || buf_html_escape(out, path, n) ||
           buf_puts(out, "</loc></url>\n");
}

/* A sitemap file of count lines from `from` (*next: the line after them). Keyed by its
 * lines and the template key (which holds the site's address): most rebuilds add or
 * remove no page, and find it unchanged without writing 48,000 URLs out again. */
static int sitemap_part(struct site_ctx *c, const char *path, const char *from, size_t count,
                        const char **next)
{
    const char *start = from;
    char key[OUTDIR_KEY_HEX + 1];
    struct outdir_hash h;
    struct buf x = BUF_INIT;
    int rc;

    for (size_t i = 0; i < count && *from; i++)
        from = strchr(from, '\n') + 1;
    *next = from;
    outdir_hash_init(&h);
    outdir_hash_str(&h, "sitemap 1");
    outdir_hash_str(&h, c->tkey);
    outdir_hash_add(&h, start, (size_t)(from - start));
    outdir_hash_end(&h, key);
    if ((rc = outdir_reuse(c->od, path, key)) != 0)
        return rc > 0 ? 0 : -1;
    rc = buf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
                      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (const char *at = start; rc == 0 && at < from;) {
        const char *end = strchr(at, '\n');
        rc = sitemap_url(c, at, (size_t)(end - at), &x);
        at = end + 1;
    }
    if (rc == 0 && buf_puts(&x, "</urlset>\n") == 0) {
        c->rendered++;
        rc = outdir_write(c->od, path, key, x.data, x.len);
    } else {
        rc = -1;
    }
    buf_free(&x);
    return rc;
}

int site_sitemap(struct site_ctx *c)
{
    const char *at = c->sitemap.data ? c->sitemap.data : "";
    struct buf idx = BUF_INIT, robots = BUF_INIT;
    size_t lines = 0, parts;
    int rc = 0;

    for (const char *s = at; (s = strchr(s, '\n')) != NULL; s++)
        lines++;
    parts = (lines + SITEMAP_URLS - 1) / SITEMAP_URLS;
    if (parts <= 1) {
        rc = sitemap_part(c, "sitemap.xml", at, lines, &at);
    } else {
        rc = buf_puts(&idx, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex "
                            "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (size_t k = 1; rc == 0 && k <= parts; k++) {
            char path[64];
            snprintf(path, sizeof(path), "sitemap-%zu.xml", k);
            rc = sitemap_part(c, path, at, SITEMAP_URLS, &at) ||
                 buf_printf(&idx, "<sitemap><loc>%s%s%s</loc></sitemap>\n", c->o->site_url,
                            c->o->base, path);
        }
        rc = rc || buf_puts(&idx, "</sitemapindex>\n") ||
             site_file(c, "sitemap.xml", idx.data, idx.len);
    }
    rc = rc ||
         buf_printf(&robots, "User-agent: *\nAllow: /\nSitemap: %s%ssitemap.xml\n", c->o->site_url,
                    c->o->base) ||
         site_file(c, "robots.txt", robots.data, robots.len);
    buf_free(&idx);
    buf_free(&robots);
    return rc ? -1 : 0;
}

/* ---- static assets and photos ---- */

int site_assets(struct site_ctx *c)
{
    static const char *const files[] = {"site.css", "search.js", "ocop.svg"};
    char src[4200], dst[64];
    struct buf b = BUF_INIT;
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < ARRAY_LEN(files); i++) {
        snprintf(src, sizeof(src), "%s/site/static/%s", c->o->share, files[i]);
        snprintf(dst, sizeof(dst), "assets/%s", files[i]);
        buf_reset(&b);
        if (buf_read_file(&b, src, ASSET_MAX) != 0) {
            log_err("site: cannot read %s: %s", src, strerror(errno));
            rc = -1;
        } else {
            rc = site_file(c, dst, b.data ? b.data : "", b.len);
        }
    }
    buf_free(&b);
    return rc;
}

/* The picture type of a stored file from its first bytes, or NULL. */
static const char *photo_ext(const char *path)
{
    unsigned char head[FT_SNIFF_BYTES];
    enum ft_type t;
    ssize_t n;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return NULL;
    n = read(fd, head, sizeof(head));
    close(fd);
    if (n <= 0 || ft_sniff(head, (size_t)n, &t) != 0)
        return NULL;
    return t == FT_JPEG || t == FT_PNG || t == FT_WEBP ? ft_ext[t] : NULL;
}

static int copy_photo(struct site_ctx *c, struct m_photo *ph)
{
    char src[4200], dst[128], key[OUTDIR_KEY_HEX + 1];
    struct outdir_hash h;
    struct buf b = BUF_INIT;
    int rc;

    snprintf(src, sizeof(src), "%s/files/%.2s/%s", c->o->home, ph->sha256, ph->sha256);
    if ((ph->ext = photo_ext(src)) == NULL) {
        log_warn("site: photo %s is missing or not a JPEG, PNG or WebP; left out", ph->sha256);
        return 0;
    }
    snprintf(dst, sizeof(dst), "anh/%s.%s", ph->sha256, ph->ext);
    outdir_hash_init(&h);
    outdir_hash_str(&h, "photo");
    outdir_hash_str(&h, ph->sha256);
    outdir_hash_end(&h, key);
    if ((rc = outdir_reuse(c->od, dst, key)) != 0)
        return rc > 0 ? 0 : -1;
    if (buf_read_file(&b, src, PHOTO_MAX) != 0) {
        log_warn("site: cannot read photo %s: %s; left out", src, strerror(errno));
        ph->ext = NULL;
        buf_free(&b);
        return 0;
    }
    c->rendered++;
    rc = outdir_write(c->od, dst, key, b.data, b.len);
    buf_free(&b);
    return rc;
}

static int photo_cmp(const void *a, const void *b)
{
    return strcmp((*(struct m_photo *const *)a)->sha256, (*(struct m_photo *const *)b)->sha256);
}

int site_photos(struct site_ctx *c)
{
    struct m_photo **v = malloc((c->m->nphotos ? c->m->nphotos : 1) * sizeof(*v));
    int rc = 0;

    if (v == NULL)
        return -1;
    for (size_t i = 0; i < c->m->nphotos; i++)
        v[i] = &c->m->photos[i];
    qsort(v, c->m->nphotos, sizeof(*v), photo_cmp); /* one copy of a picture two products share */
    for (size_t i = 0; rc == 0 && i < c->m->nphotos; i++) {
        if (i > 0 && !strcmp(v[i]->sha256, v[i - 1]->sha256))
            v[i]->ext = v[i - 1]->ext;
        else if (fs_hex_valid(v[i]->sha256) && c->o->home != NULL)
            rc = copy_photo(c, v[i]);
    }
    free(v);
    return rc;
}
