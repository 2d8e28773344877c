/*
 * pages.c — the page writer of the site build and the pages of one thing each: a
 * product (stars, group, producer, places then and now, its certificates, story,
 * photos), a certificate's verification page with its QR code, the content pages of
 * content/pages/, the search page and the 404 page. Also the page data every kind
 * shares (site_internal.h).
 */
#include "markdown.h"
#include "qr.h"
#include "site_internal.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORY_MAX (256 * 1024)

/* ---- the page writer ---- */

static const struct {
    const char *id, *path, *label;
} sections[] = {
    {"home", "", "Trang chủ"},
    {"tinh", "tinh/", "Theo tỉnh"},
    {"nhom", "nhom/", "Theo nhóm sản phẩm"},
    {"sao", "sao/", "Theo hạng sao"},
    {"tim-kiem", "tim-kiem/", "Tìm kiếm"},
};

static json_t *j_nav(struct site_ctx *c, const char *section)
{
    json_t *nav = json_array();

    for (size_t i = 0; nav && i < ARRAY_LEN(sections); i++)
        json_array_append_new(nav,
                              json_pack("{s:o,s:s,s:b}", "url", j_url(c, 0, "%s", sections[i].path),
                                        "label", sections[i].label, "current",
                                        section && !strcmp(section, sections[i].id)));
    return nav;
}

/* The content pages for the footer, marking the current one. */
static json_t *j_pages(struct site_ctx *c, const char *section)
{
    json_t *out = json_array(), *p;
    size_t i;

    json_array_foreach(c->pages, i, p)
    {
        json_t *q = json_deep_copy(p);
        const char *slug = json_string_value(json_object_get(p, "slug"));
        json_object_set_new(
            q, "current",
            json_boolean(section && !strncmp(section, "trang/", 6) && !strcmp(section + 6, slug)));
        json_array_append_new(out, q);
    }
    return out;
}

static json_t *read_story(const char *path);

static int add_markdown(json_t *data, const char *path)
{
    json_t *file = json_object_get(data, "markdown_file"), *md;
    struct buf html = BUF_INIT;
    json_t *s;
    int rc = 0;

    if (json_is_string(file) && (md = read_story(json_string_value(file))) != NULL)
        json_object_set_new(data, "markdown", md);
    md = json_object_get(data, "markdown");
    if (!json_is_string(md))
        return 0;
    if (markdown_render(json_string_value(md), json_string_length(md), &html) != 0)
        rc = -1;
    else if ((s = json_stringn(html.data ? html.data : "", html.len)) == NULL)
        rc = -1;
    else
        json_object_set_new(data, "markdown_html", s);
    if (rc)
        log_err("site: cannot render the Markdown of %s", path);
    buf_free(&html);
    return rc;
}

static void page_key(struct site_ctx *c, const char *tmpl, const char *section, const char *dump,
                     char key[OUTDIR_KEY_HEX + 1])
{
    struct outdir_hash h;

    outdir_hash_init(&h);
    outdir_hash_str(&h, c->tkey);
    outdir_hash_str(&h, tmpl);
    outdir_hash_str(&h, section);
    outdir_hash_str(&h, dump);
    outdir_hash_end(&h, key);
}

/* What site_page and site_page_fp share once the key is known: the sitemap line, the
 * previous build's file when the key matches, else the data (given, or made now by
 * make) rendered and written. Takes data. */
static int emit_page(struct site_ctx *c, const struct site_page_spec *sp,
                     const char key[OUTDIR_KEY_HEX + 1], json_t *data)
{
    const char *path = sp->path, *tmpl = sp->tmpl, *section = sp->section;
    struct mst_error err;
    int rc = -1;

    if (sp->in_sitemap && (buf_puts(&c->sitemap, path) || buf_putc(&c->sitemap, '\n')))
        goto out;
    if ((rc = outdir_reuse(c->od, path, key)) != 0) {
        rc = rc > 0 ? 0 : -1;
        goto out;
    }
    rc = -1;
    if (data == NULL && sp->make && (data = sp->make(c, sp->arg)) == NULL) {
        log_err("site: no memory for the data of %s", path);
        goto out;
    }
    if (add_markdown(data, path) != 0)
        goto out;
    json_object_set_new(data, "base", json_string(c->o->base));
    json_object_set_new(data, "site_url", json_string(c->o->site_url));
    json_object_set_new(data, "nav", j_nav(c, section));
    json_object_set_new(data, "content_pages", j_pages(c, section));
    buf_reset(&c->html);
    if (mst_set_render(c->t, tmpl, data, &c->html, &err) != 0) {
        log_err("site: template %s (line %d) for %s: %s", tmpl, err.line, path, err.msg);
        goto out;
    }
    c->rendered++;
    rc = outdir_write(c->od, path, key, c->html.data ? c->html.data : "", c->html.len);
out:
    json_decref(data);
    return rc;
}

int site_page(struct site_ctx *c, const char *path, const char *tmpl, const char *section,
              json_t *data, int in_sitemap)
{
    struct site_page_spec sp = {path, tmpl, section, in_sitemap, NULL, NULL};
    char key[OUTDIR_KEY_HEX + 1];
    char *dump;

    if (data == NULL || (dump = json_dumps(data, JSON_COMPACT)) == NULL) {
        log_err("site: no memory for the data of %s", path);
        json_decref(data);
        return -1;
    }
    page_key(c, tmpl, section, dump, key);
    free(dump);
    return emit_page(c, &sp, key, data);
}

int site_page_fp(struct site_ctx *c, const struct site_page_spec *sp,
                 const char inputs[OUTDIR_KEY_HEX + 1])
{
    char key[OUTDIR_KEY_HEX + 1], tagged[OUTDIR_KEY_HEX + 4] = "fp:";

    memcpy(tagged + 3, inputs, OUTDIR_KEY_HEX + 1); /* never equal to a JSON dump */
    page_key(c, sp->tmpl, sp->section, tagged, key);
    return emit_page(c, sp, key, NULL);
}

#define SLUG_PATH_MAX 1200 /* a page path made from a slug (slugs are at most a few hundred) */

/* ---- fingerprints: what a product's pages are made of, hashed without making them ---- */

/* The inputs are written one after another into a buffer (each string with its length,
 * so parts stay apart), which is hashed once: many small hash updates cost more. */
static int fp_str(struct buf *h, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *d;

    if (buf_reserve(h, 1 + sizeof(n) + n) != 0)
        return -1;
    d = h->data + h->len;
    *d = s ? 's' : 'n'; /* NULL and "" stay apart */
    memcpy(d + 1, &n, sizeof(n));
    if (n)
        memcpy(d + 1 + sizeof(n), s, n);
    h->len += 1 + sizeof(n) + n;
    h->data[h->len] = '\0';
    return 0;
}

static int fp_int(struct buf *h, int64_t v)
{
    return buf_append(h, (const char *)&v, sizeof(v));
}

static int fp_area(struct buf *h, const struct m_area *a)
{
    return fp_str(h, a ? a->code : NULL) || fp_str(h, a ? a->name : NULL) ? -1 : 0;
}

static int fp_cert(struct buf *h, const struct m_cert *ct)
{
    const char *f[] = {ct->number,      ct->slug,        ct->issuer_level,  ct->issuer_area,
                       ct->regime,      ct->decision_no, ct->decision_date, ct->issued,
                       ct->valid_until, ct->reason};
    int rc = fp_int(h, ct->id);

    for (size_t i = 0; i < ARRAY_LEN(f); i++)
        rc |= fp_str(h, f[i]);
    rc |= fp_int(h, ct->stars) | fp_int(h, ct->status); /* status as of the build's day */
    rc |= fp_int(h, (int64_t)ct->nevents);
    for (size_t i = 0; i < ct->nevents; i++)
        rc |= fp_int(h, ct->events[i].id) | fp_int(h, ct->events[i].at) |
              fp_str(h, ct->events[i].kind) | fp_str(h, ct->events[i].note);
    return rc ? -1 : 0;
}

static int story_stat(struct site_ctx *c, const char *slug, struct stat *sb);

/* Every input of the product's page and of its certificates' pages and listing lines:
 * its fields and group name, its places then and now, each certificate (status as of
 * the build's day) with its events, its public photos, its story's stamp. Whatever
 * else those pages show is in the template key. */
static int product_fp(struct site_ctx *c, const struct m_product *p, struct buf *b,
                      char out[OUTDIR_KEY_HEX + 1])
{
    const char *f[] = {p->slug,     p->name,          p->regime,
                       p->group,    p->area,          p->description,
                       p->producer, p->producer_kind, model_group_name(c->m, p->regime, p->group)};
    struct outdir_hash h;
    struct places pl;
    struct stat sb;
    int rc, story;

    buf_reset(b);
    rc = buf_puts(b, "product 1") | fp_int(b, p->id);
    for (size_t i = 0; i < ARRAY_LEN(f); i++)
        rc |= fp_str(b, f[i]);
    site_places(c->m, p, &pl);
    for (int i = 0; i < 3; i++)
        rc |= fp_area(b, pl.then[i]) | fp_area(b, pl.now[i]);
    rc |= fp_int(b, (int64_t)p->ncerts);
    for (size_t i = 0; i < p->ncerts; i++)
        rc |= fp_cert(b, &p->certs[i]);
    rc |= fp_int(b, (int64_t)p->nphotos);
    for (size_t i = 0; i < p->nphotos; i++)
        rc |= fp_str(b, p->photos[i].sha256) | fp_str(b, p->photos[i].caption) |
              fp_str(b, p->photos[i].ext);
    story = story_stat(c, p->slug, &sb); /* which file, and its stamp (see story_stamp) */
    rc |= fp_int(b, story);
    if (story)
        rc |= fp_int(b, (int64_t)sb.st_dev) | fp_int(b, (int64_t)sb.st_ino) |
              fp_int(b, (int64_t)sb.st_size) | fp_int(b, (int64_t)sb.st_mtim.tv_sec) |
              fp_int(b, (int64_t)sb.st_mtim.tv_nsec);
    outdir_hash_init(&h);
    outdir_hash_add(&h, b->data ? b->data : "", b->len);
    outdir_hash_end(&h, out);
    return rc ? -1 : 0;
}

/* A share of the products to fingerprint, with its own scratch buffer. */
struct fp_share {
    struct site_ctx *c;
    size_t from, to;
    struct buf scratch;
    int rc;
};

static void *fp_run(void *arg)
{
    struct fp_share *sh = arg;

    for (size_t i = sh->from; sh->rc == 0 && i < sh->to; i++)
        if (product_fp(sh->c, &sh->c->m->products[i], &sh->scratch, sh->c->fp[i]) != 0) {
            log_err("site: no memory for the inputs of %s", sh->c->m->products[i].slug);
            sh->rc = -1;
        }
    buf_free(&sh->scratch);
    return NULL;
}

/* In two threads, a half each (the second core is idle then; every product's part of
 * the model is touched by one of them only: its places are memoised in it). */
int site_fingerprints(struct site_ctx *c)
{
    size_t n = c->m->nproducts;
    struct fp_share sh[2] = {{c, 0, n / 2, BUF_INIT, 0}, {c, n / 2, n, BUF_INIT, 0}};
    pthread_t t;
    int threaded;

    if ((c->fp = calloc(n ? n : 1, sizeof(*c->fp))) == NULL)
        return -1;
    threaded = n >= 256 && pthread_create(&t, NULL, fp_run, &sh[1]) == 0;
    fp_run(&sh[0]);
    if (threaded)
        pthread_join(t, NULL);
    else
        fp_run(&sh[1]);
    return sh[0].rc || sh[1].rc ? -1 : 0;
}

const char *site_fp(const struct site_ctx *c, const struct m_product *p)
{
    return c->fp[p - c->m->products];
}

int site_file(struct site_ctx *c, const char *path, const void *data, size_t len)
{
    char key[OUTDIR_KEY_HEX + 1];
    struct outdir_hash h;

    outdir_hash_init(&h);
    outdir_hash_add(&h, data, len);
    outdir_hash_end(&h, key);
    c->rendered++;
    return outdir_write(c->od, path, key, data, len);
}

/* ---- shared page data ---- */

json_t *j_url(struct site_ctx *c, int absolute, const char *fmt, ...)
{
    struct buf b = BUF_INIT;
    va_list ap;
    json_t *s = NULL;

    va_start(ap, fmt);
    if ((!absolute || buf_puts(&b, c->o->site_url) == 0) && buf_puts(&b, c->o->base) == 0 &&
        buf_vprintf(&b, fmt, ap) == 0)
        s = json_string(b.data);
    va_end(ap);
    buf_free(&b);
    return s;
}

void site_date(const char *iso, char out[11])
{
    if (iso && strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-')
        snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        snprintf(out, 11, "%s", iso ? iso : "");
}

json_t *j_stars(int n)
{
    char s[32] = "";

    for (int i = 0; i < n && i < 5; i++)
        strcat(s, "★");
    return json_string(s);
}

void site_places(const struct site_model *m, const struct m_product *p, struct places *pl)
{
    static const char *const levels[3] = {"commune", "district", "province"};
    struct m_product *memo = (struct m_product *)p; /* the model's own, not the caller's */
    const struct m_area *a, *prov;

    if (p->places_known) { /* worked out once: every page kind asks, by code lookups */
        memcpy(pl->then, p->places_then, sizeof(pl->then));
        memcpy(pl->now, p->places_now, sizeof(pl->now));
        return;
    }
    a = model_area(m, p->area);

    for (int i = 0; i < 3; i++) {
        pl->then[i] = model_ancestor(m, a, levels[i]);
        pl->now[i] = model_area_now(m, pl->then[i]);
    }
    /* today's province is the one today's commune lies in (merged provinces) */
    prov = pl->now[0] ? model_ancestor(m, pl->now[0], "province") : pl->then[2];
    pl->now[2] = model_area_now(m, prov);
    if (pl->now[0] && pl->now[1] &&
        strncmp(pl->now[0]->code, pl->now[1]->code, strlen(pl->now[1]->code)) != 0)
        pl->now[1] = NULL; /* the commune moved away from its old district */
    memcpy(memo->places_then, pl->then, sizeof(pl->then));
    memcpy(memo->places_now, pl->now, sizeof(pl->now));
    memo->places_known = 1;
}

int site_place_text(const struct m_area *const u[3], struct buf *b)
{
    int first = 1;

    for (int i = 0; i < 3; i++) {
        if (u[i] == NULL)
            continue;
        if ((!first && buf_puts(b, ", ") != 0) || buf_puts(b, u[i]->name) != 0)
            return -1;
        first = 0;
    }
    return 0;
}

static json_t *j_place(const struct m_area *const u[3])
{
    struct buf b = BUF_INIT;
    json_t *s;

    if (site_place_text(u, &b) != 0) {
        buf_free(&b);
        return NULL;
    }
    s = json_string(b.data ? b.data : "");
    buf_free(&b);
    return s;
}

static const char *const kind_labels[][2] = {
    {"cooperative", "Hợp tác xã"},
    {"coop_group", "Tổ hợp tác"},
    {"household", "Hộ sản xuất, kinh doanh"},
    {"enterprise", "Doanh nghiệp"},
    {"farm", "Trang trại"},
};

static const char *kind_label(const char *kind)
{
    for (size_t i = 0; kind && i < ARRAY_LEN(kind_labels); i++)
        if (!strcmp(kind, kind_labels[i][0]))
            return kind_labels[i][1];
    return "Chủ thể";
}

/* Sets key (a constant) to v in o, which takes v; NULL v marks the object as failed.
 * The summaries are the most made values of a build: json_pack parsing its format
 * for each of them cost more than everything else about them. */
static void put(json_t *o, const char *key, json_t *v, int *ok)
{
    if (v == NULL || json_object_set_new_nocheck(o, key, v) != 0)
        *ok = 0;
}

json_t *j_summary(struct site_ctx *c, const struct m_product *p)
{
    const struct m_cert *cur = model_current(p);
    json_t *o = json_object();
    struct places pl;
    char until[11];
    int ok = o != NULL;

    if (!ok)
        return NULL;
    site_places(c->m, p, &pl);
    site_date(cur->valid_until, until);
    put(o, "slug", json_string(p->slug), &ok);
    put(o, "url", j_url(c, 0, "san-pham/%s/", p->slug), &ok);
    put(o, "name", json_string(p->name), &ok);
    put(o, "stars", json_integer(cur->stars), &ok);
    put(o, "stars_text", j_stars(cur->stars), &ok);
    put(o, "group", json_string(p->group), &ok);
    put(o, "group_name", json_string(model_group_name(c->m, p->regime, p->group)), &ok);
    put(o, "producer", json_string(p->producer ? p->producer : ""), &ok);
    put(o, "place", j_place(pl.now), &ok);
    put(o, "status", json_string_nocheck(cert_status_names[cur->status]), &ok);
    put(o, "status_label", json_string_nocheck(cert_status_labels[cur->status]), &ok);
    put(o, "in_force", json_boolean(cur->status == CS_VALID), &ok);
    put(o, "valid_until", json_string(until), &ok);
    if (!ok)
        json_decref(o);
    return ok ? o : NULL;
}

static const char *const event_labels[][2] = {
    {"granted", "Cấp giấy chứng nhận"},
    {"renewed", "Công nhận lại"},
    {"reduced", "Hạ hạng sao"},
    {"expired", "Hết thời hạn hiệu lực"},
    {"revoked", "Thu hồi giấy chứng nhận"},
};

const char *site_event_label(const char *kind)
{
    for (size_t i = 0; kind && i < ARRAY_LEN(event_labels); i++)
        if (!strcmp(kind, event_labels[i][0]))
            return event_labels[i][1];
    return kind ? kind : "";
}

static json_t *j_events(const struct m_cert *ct)
{
    json_t *list = json_array();

    for (size_t i = 0; list && i < ct->nevents; i++) {
        const struct m_event *e = &ct->events[i];
        char day[11], shown[11];
        format_date(e->at, day);
        site_date(day, shown);
        json_array_append_new(list,
                              json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)e->id, "date",
                                        shown, "kind", e->kind, "label", site_event_label(e->kind),
                                        "note", e->note ? e->note : ""));
    }
    return list;
}

/* Who issued it: the People's Committee of the area, or the ministry for 5 stars. */
static json_t *j_issuer(struct site_ctx *c, const struct m_cert *ct)
{
    const struct m_area *a = model_area(c->m, ct->issuer_area);
    struct buf b = BUF_INIT;
    json_t *s;

    if (!strcmp(ct->issuer_level, "central"))
        buf_puts(&b, strcmp(ct->issued, "2025-03-01") < 0 ? "Bộ Nông nghiệp và Phát triển nông thôn"
                                                          : "Bộ Nông nghiệp và Môi trường");
    else
        buf_printf(&b, "Ủy ban nhân dân %s", a ? a->name : ct->issuer_area ? ct->issuer_area : "");
    s = json_string(b.data ? b.data : "");
    buf_free(&b);
    return s;
}

json_t *j_cert(struct site_ctx *c, const struct m_cert *ct, int with_events)
{
    char issued[11], until[11], decided[11];
    json_t *j;

    site_date(ct->issued, issued);
    site_date(ct->valid_until, until);
    site_date(ct->decision_date, decided);
    j = json_pack("{s:s,s:s,s:o,s:o,s:o,s:i,s:o,s:s,s:s,s:b,s:b,s:b,s:b,s:s,s:s,s:s,s:s,s:o,s:s}",
                  "number", ct->number, "slug", ct->slug, "url",
                  j_url(c, 0, "xac-minh/%s/", ct->slug), "qr_src",
                  j_url(c, 0, "xac-minh/%s/qr.svg", ct->slug), "qr_target",
                  j_url(c, 1, "xac-minh/%s/", ct->slug), "stars", ct->stars, "stars_text",
                  j_stars(ct->stars), "status", cert_status_names[ct->status], "status_label",
                  cert_status_labels[ct->status], "is_valid", ct->status == CS_VALID, "is_expired",
                  ct->status == CS_EXPIRED, "is_revoked", ct->status == CS_REVOKED, "is_reduced",
                  ct->status == CS_REDUCED, "issued", issued, "valid_until", until, "decision_no",
                  ct->decision_no ? ct->decision_no : "", "decision_date", decided, "issuer",
                  j_issuer(c, ct), "regime", ct->regime ? ct->regime : "");
    if (j && ct->reason)
        json_object_set_new(j, "reason", json_string(ct->reason));
    if (j && with_events)
        json_object_set_new(j, "events", j_events(ct));
    return j;
}

/* ---- one page per product ---- */

/* The product's story file: the state folder's content/ first, then the shipped one.
 * 1 with its path and stat, 0 when there is none. */
void site_story_dirs(struct site_ctx *c)
{
    const char *roots[2] = {c->o->home, c->o->share};
    char dir[4200];

    for (int i = 0; i < 2; i++) {
        c->story_fd[i] = -1;
        if (roots[i] == NULL)
            continue;
        snprintf(dir, sizeof(dir), "%s/content/products", roots[i]);
        c->story_fd[i] = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (c->story_fd[i] < 0 && errno != ENOENT)
            log_warn("site: cannot read %s: %s", dir, strerror(errno));
    }
}

void site_story_dirs_close(struct site_ctx *c)
{
    for (int i = 0; i < 2; i++)
        if (c->story_fd[i] >= 0)
            close(c->story_fd[i]);
}

/* Which folder holds the story of slug: 1 (home), 2 (share) or 0 (none), with its
 * stat; looked up in the folders opened once, not by whole path (15,000 a build). */
static int story_stat(struct site_ctx *c, const char *slug, struct stat *sb)
{
    char name[300];
    size_t n = strlen(slug);

    if (n + 4 > sizeof(name))
        return 0;
    memcpy(name, slug, n);
    memcpy(name + n, ".md", 4);
    for (int i = 0; i < 2; i++) {
        if (c->story_fd[i] < 0)
            continue;
        if (fstatat(c->story_fd[i], name, sb, 0) == 0)
            return i + 1;
        if (errno != ENOENT)
            log_warn("site: cannot read the story %s: %s", name, strerror(errno));
    }
    return 0;
}

static int story_file(struct site_ctx *c, const char *slug, char path[4200], struct stat *sb)
{
    const char *roots[2] = {c->o->home, c->o->share};
    int r = story_stat(c, slug, sb);

    if (r)
        snprintf(path, 4200, "%s/content/products/%s.md", roots[r - 1], slug);
    return r != 0;
}

/* What a page's key sees of a story: device, inode, size and modification time. */
static void story_stamp(const struct stat *sb, char out[96])
{
    snprintf(out, 96, "%lu.%lu.%lld.%lld.%ld", (unsigned long)sb->st_dev, (unsigned long)sb->st_ino,
             (long long)sb->st_size, (long long)sb->st_mtim.tv_sec, sb->st_mtim.tv_nsec);
}

/* Sets "markdown_file" (the story's path, read only if the page is rendered) and
 * "markdown_stamp" in data; nothing when there is no story. */
static void find_story(struct site_ctx *c, const char *slug, json_t *data)
{
    char path[4200], stamp[96];
    struct stat sb;

    if (!story_file(c, slug, path, &sb))
        return;
    story_stamp(&sb, stamp);
    json_object_set_new(data, "markdown_file", json_string(path));
    json_object_set_new(data, "markdown_stamp", json_string(stamp));
}

/* The text of a story file, or NULL (unreadable or not UTF-8: logged, left out). */
static json_t *read_story(const char *path)
{
    struct buf b = BUF_INIT;
    json_t *s = NULL;

    if (buf_read_file(&b, path, STORY_MAX) != 0)
        log_warn("site: cannot read %s: %s", path, strerror(errno));
    else if ((s = json_stringn(b.data ? b.data : "", b.len)) == NULL)
        log_warn("site: %s is not UTF-8 text; left out", path);
    buf_free(&b);
    return s;
}

static json_t *j_photos(struct site_ctx *c, const struct m_product *p)
{
    json_t *list = json_array();

    for (size_t i = 0; list && i < p->nphotos; i++) {
        const struct m_photo *ph = &p->photos[i];
        if (ph->ext == NULL)
            continue; /* not a picture the site can show (site_photos said why) */
        json_array_append_new(list, json_pack("{s:o,s:s}", "src",
                                              j_url(c, 0, "anh/%s.%s", ph->sha256, ph->ext), "alt",
                                              ph->caption ? ph->caption : p->name));
    }
    return list;
}

static json_t *product_data(struct site_ctx *c, const struct m_product *p)
{
    json_t *d, *prod = j_summary(c, p), *history = json_array(), *photos = j_photos(c, p);
    struct places pl;
    int changed = 0;

    site_places(c->m, p, &pl);
    for (int i = 0; i < 3; i++)
        changed |= pl.then[i] != pl.now[i];
    for (size_t i = p->ncerts - 1; i-- > 0;)
        json_array_append_new(history, j_cert(c, &p->certs[i], 0));
    json_object_update_new(
        prod,
        json_pack("{s:s,s:s?,s:o,s:o,s:b,s:o,s:o,s:b,s:b,s:o}", "producer_kind",
                  kind_label(p->producer_kind), "description", p->description, "place_then",
                  j_place(pl.then), "place_now", j_place(pl.now), "place_changed", changed, "cert",
                  j_cert(c, model_current(p), 0), "history", history, "has_history", p->ncerts > 1,
                  "has_photos", json_array_size(photos) > 0, "photos", photos));
    d = json_pack("{s:s,s:o}", "title", p->name, "product", prod);
    if (d)
        find_story(c, p->slug, d);
    return d;
}

static json_t *make_product(struct site_ctx *c, const void *p)
{
    return product_data(c, p);
}

/* "<dir>/<slug>/index.html" into path (a page per product or certificate: 31,000 a
 * build, put together without printf); -1 when it does not fit. */
static int slug_page(char path[SLUG_PATH_MAX], const char *dir, const char *slug)
{
    size_t d = strlen(dir), s = strlen(slug);

    if (d + s + sizeof("//index.html") > SLUG_PATH_MAX)
        return -1;
    memcpy(path, dir, d);
    path[d] = '/';
    memcpy(path + d + 1, slug, s);
    memcpy(path + d + 1 + s, "/index.html", sizeof("/index.html"));
    return 0;
}

int site_product_pages(struct site_ctx *c)
{
    char path[SLUG_PATH_MAX];

    for (size_t i = 0; i < c->m->nproducts; i++) {
        const struct m_product *p = &c->m->products[i];
        struct site_page_spec sp = {path, "public/product", "", 1, make_product, p};
        if (slug_page(path, "san-pham", p->slug) != 0 || site_page_fp(c, &sp, site_fp(c, p)) != 0)
            return -1;
    }
    return 0;
}

/* ---- one verification page (and QR code) per certificate ---- */

/* The QR code of a certificate's page, which holds its URL; path and url are scratch
 * (put together without printf: 15,867 of them each build, mostly unchanged). */
static int qr_file(struct site_ctx *c, const struct m_cert *ct, struct buf *path, struct buf *url)
{
    char key[OUTDIR_KEY_HEX + 1];
    struct outdir_hash h;
    struct buf svg = BUF_INIT;
    int rc;

    buf_reset(path);
    buf_reset(url);
    if (buf_puts(path, "xac-minh/") || buf_puts(path, ct->slug) || buf_puts(path, "/qr.svg") ||
        buf_puts(url, c->o->site_url) || buf_puts(url, c->o->base) ||
        buf_append(url, path->data, path->len - strlen("qr.svg")))
        return -1;
    outdir_hash_init(&h);
    outdir_hash_str(&h, "qr 1");
    outdir_hash_str(&h, url->data);
    outdir_hash_end(&h, key);
    if ((rc = outdir_reuse(c->od, path->data, key)) != 0)
        return rc > 0 ? 0 : -1;
    c->rendered++;
    rc =
        qr_svg(url->data, &svg) == 0 ? outdir_write(c->od, path->data, key, svg.data, svg.len) : -1;
    buf_free(&svg);
    return rc;
}

static json_t *cert_data(struct site_ctx *c, const struct m_cert *ct)
{
    const struct m_cert *cur = model_current(ct->product);
    json_t *d =
        json_pack("{s:o,s:o,s:o}", "title", json_sprintf("Xác minh giấy chứng nhận %s", ct->number),
                  "cert", j_cert(c, ct, 1), "product", j_summary(c, ct->product));

    if (d && cur != ct)
        json_object_set_new(d, "newer", j_cert(c, cur, 0));
    return d;
}

static json_t *make_cert(struct site_ctx *c, const void *ct)
{
    return cert_data(c, ct);
}

int site_cert_pages(struct site_ctx *c)
{
    char path[SLUG_PATH_MAX], inputs[OUTDIR_KEY_HEX + 1];

    for (size_t i = 0; i < c->m->ncerts; i++) {
        const struct m_cert *ct = &c->m->certs[i];
        struct site_page_spec sp = {path, "public/certificate", "", 1, make_cert, ct};
        struct outdir_hash h;
        outdir_hash_init(&h); /* the product's inputs hold all its certificates' */
        outdir_hash_str(&h, site_fp(c, ct->product));
        outdir_hash_add(&h, &ct->id, sizeof(ct->id));
        outdir_hash_end(&h, inputs);
        if (slug_page(path, "xac-minh", ct->slug) != 0 || site_page_fp(c, &sp, inputs) != 0)
            return -1;
    }
    return 0;
}

int site_qr_files(struct site_ctx *c)
{
    struct buf path = BUF_INIT, url = BUF_INIT;
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < c->m->ncerts; i++)
        rc = qr_file(c, &c->m->certs[i], &path, &url);
    buf_free(&path);
    buf_free(&url);
    return rc;
}

/* ---- content pages ---- */

static int page_name_ok(const char *name, size_t len)
{
    if (len == 0 || len > 64)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
              name[i] == '-'))
            return 0;
    return 1;
}

/* The title: the first "# " line of the Markdown, else the slug. */
static json_t *md_title(const char *md, const char *slug)
{
    const char *line = md;

    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (n > 2 && line[0] == '#' && line[1] == ' ') {
            json_t *t = json_stringn(line + 2, n - 2 - (line[n - 1] == '\r'));
            if (t)
                return t;
        }
        line = end ? end + 1 : NULL;
    }
    return json_string(slug);
}

static int page_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads content/pages/NAME.md: its title for the footer, its text for its page. */
static int load_page(struct site_ctx *c, const char *dir, const char *name)
{
    char path[4400];
    struct buf b = BUF_INIT;
    json_t *md = NULL;
    int rc = -1;

    snprintf(path, sizeof(path), "%s/%s.md", dir, name);
    if (buf_read_file(&b, path, STORY_MAX) != 0 ||
        (md = json_stringn(b.data ? b.data : "", b.len)) == NULL) {
        log_err("site: cannot read %s (UTF-8 Markdown expected)", path);
        goto out;
    }
    if (json_array_append_new(c->pages, json_pack("{s:s,s:o,s:o}", "slug", name, "title",
                                                  md_title(json_string_value(md), name), "url",
                                                  j_url(c, 0, "trang/%s/", name))) == 0 &&
        json_object_set(c->page_src, name, md) == 0)
        rc = 0;
out:
    json_decref(md);
    buf_free(&b);
    return rc;
}

int site_load_pages(struct site_ctx *c)
{
    char dir[4200], *names[64];
    size_t n = 0, i;
    struct dirent *e;
    DIR *d;
    int rc = 0;

    c->pages = json_array();
    c->page_src = json_object();
    if (c->pages == NULL || c->page_src == NULL)
        return -1;
    snprintf(dir, sizeof(dir), "%s/content/pages", c->o->share);
    if ((d = opendir(dir)) == NULL)
        return 0; /* no content pages: fine */
    while ((e = readdir(d)) != NULL && n < ARRAY_LEN(names)) {
        size_t len = strlen(e->d_name);
        if (len > 3 && !strcmp(e->d_name + len - 3, ".md") && page_name_ok(e->d_name, len - 3) &&
            (names[n] = strndup(e->d_name, len - 3)) != NULL)
            n++;
    }
    closedir(d);
    qsort(names, n, sizeof(*names), page_cmp);
    for (i = 0; i < n; i++) {
        if (rc == 0 && load_page(c, dir, names[i]) != 0)
            rc = -1;
        free(names[i]);
    }
    return rc;
}

int site_content_pages(struct site_ctx *c)
{
    char path[200], section[80];
    json_t *p;
    size_t i;

    json_array_foreach(c->pages, i, p)
    {
        const char *slug = json_string_value(json_object_get(p, "slug"));
        snprintf(path, sizeof(path), "trang/%s/index.html", slug);
        snprintf(section, sizeof(section), "trang/%s", slug);
        if (site_page(c, path, "public/page", section,
                      json_pack("{s:O,s:O}", "title", json_object_get(p, "title"), "markdown",
                                json_object_get(c->page_src, slug)),
                      1) != 0)
            return -1;
    }
    return 0;
}

int site_fixed_pages(struct site_ctx *c)
{
    if (site_page(c, "tim-kiem/index.html", "public/search", "tim-kiem",
                  json_pack("{s:s,s:o}", "title", "Tìm kiếm sản phẩm", "index_url",
                            j_url(c, 0, "tim-kiem/chi-muc.json")),
                  1) != 0)
        return -1;
    return site_page(c, "404.html", "public/404", "",
                     json_pack("{s:s}", "title", "Không tìm thấy trang"), 0);
}
