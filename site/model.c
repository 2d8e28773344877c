/*
 * model.c — reads what the public site shows from the database into plain structs
 * (model.h), links certificates to products and events to certificates, judges each
 * certificate's status as of the build's day, and names the product groups from the
 * national rules. Tables are read whole and joined here, by one connection or by two
 * in one snapshot (a thread for the certificates and events).
 */
#include "model.h"
#include "rules.h"
#include "text.h"
#include "util.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *const cert_status_names[CS__MAX] = {"valid", "expired", "revoked", "reduced"};
const char *const cert_status_labels[CS__MAX] = {"CÒN HIỆU LỰC", "HẾT HIỆU LỰC", "ĐÃ BỊ THU HỒI",
                                                 "ĐÃ BỊ HẠ HẠNG"};

static const char SQL_AREAS[] =
    "SELECT code, name, level, parent, valid_to, successor FROM area ORDER BY code";
/* Tables are read whole, in table order, and joined here: certificates and events are
 * sorted (cert_cmp, event_cmp), products kept when they have a certificate and given
 * their producer, photos kept when their product is in. Read through an index in the
 * order wanted, each row was a lookup of its own, SQLite sorted again on top, and the
 * products' join and EXISTS cost a third of the model. With a second connection in the
 * same snapshot, a thread reads the certificates and events (half of the work) beside
 * the rest. */
static const char SQL_SUBJECTS[] = "SELECT id, name, kind FROM subject ORDER BY id";
static const char SQL_PRODUCTS[] =
    "SELECT id, slug, name, group_regime, group_code, area_code, description, subject_id "
    "FROM product ORDER BY id";
static const char SQL_CERTS[] =
    "SELECT id, product_id, number, stars, issuer_level, issuer_area, regime, decision_no, "
    "decision_date, issued, valid_until, status, status_reason FROM certificate";
static const char SQL_EVENTS[] = "SELECT id, certificate_id, kind, at, note FROM certificate_event";
static const char SQL_PHOTOS[] =
    "SELECT product_id, sha256, caption FROM photo WHERE public = 1 ORDER BY product_id, id";

/* ---- reading rows ---- */

struct subject {
    int64_t id;
    const char *name, *kind;
};

/* What one reader sees: the model, the connection and the pool it reads into, the
 * capacity of the array it fills, and the producers for the products' join. Two
 * readers fill different arrays of the model. */
struct load {
    struct site_model *m;
    struct db *db;
    struct pool *pool; /* the strings of what it reads */
    size_t cap;
    struct subject *subjects; /* by id */
    size_t nsubjects, subjects_cap;
    int rc;
};

/* A new zeroed element at the end of *arr (of *n, room for *cap), or NULL. */
static void *grow(void *arr, size_t *n, size_t *cap, size_t size)
{
    void **a = arr;
    char *p;

    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        p = realloc(*a, c * size);
        if (p == NULL)
            return NULL;
        *a = p;
        *cap = c;
    }
    p = (char *)*a + (*n)++ * size;
    memset(p, 0, size);
    return p;
}

static const char *col(struct load *l, sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);

    return s ? pool_strndup(l->pool, (const char *)s, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Steps the statement of sql to the end, calling row() for each; 0 or -1. */
static int each_row(struct load *l, const char *sql, int (*row)(struct load *, sqlite3_stmt *))
{
    sqlite3_stmt *st = db_stmt(l->db, sql);
    int rc;

    if (st == NULL)
        return -1;
    l->cap = 0;
    while ((rc = db_step_row(l->db, st)) == 1)
        if (row(l, st) != 0) {
            sqlite3_reset(st);
            log_err("site: out of memory reading the database");
            return -1;
        }
    sqlite3_reset(st);
    return rc;
}

static int area_row(struct load *l, sqlite3_stmt *st)
{
    struct site_model *m = l->m;
    struct m_area *a = grow(&m->areas, &m->nareas, &l->cap, sizeof(*a));

    if (a == NULL)
        return -1;
    *a = (struct m_area){col(l, st, 0), col(l, st, 1), col(l, st, 2), col(l, st, 3),
                         col(l, st, 4), col(l, st, 5), NULL,          NULL};
    return a->code && a->name ? 0 : -1;
}

static int subject_row(struct load *l, sqlite3_stmt *st)
{
    struct subject *s = grow(&l->subjects, &l->nsubjects, &l->subjects_cap, sizeof(*s));

    if (s == NULL)
        return -1;
    *s = (struct subject){sqlite3_column_int64(st, 0), col(l, st, 1), col(l, st, 2)};
    return s->name && s->kind ? 0 : -1;
}

/* bsearch's comparison for the arrays of structs that begin with their id and are
 * sorted by it (producers, products): key is an int64_t. */
static int id_key_cmp(const void *key, const void *elt)
{
    int64_t a = *(const int64_t *)key, b;

    memcpy(&b, elt, sizeof(b)); /* the element's first member */
    return (a > b) - (a < b);
}
_Static_assert(offsetof(struct subject, id) == 0, "a producer begins with its id");
_Static_assert(offsetof(struct m_product, id) == 0, "a product begins with its id");

static const struct subject *find_subject(const struct load *l, int64_t id)
{
    return bsearch(&id, l->subjects, l->nsubjects, sizeof(*l->subjects), id_key_cmp);
}

static int product_row(struct load *l, sqlite3_stmt *st)
{
    struct site_model *m = l->m;
    int64_t id = sqlite3_column_int64(st, 0);
    const struct subject *s = find_subject(l, sqlite3_column_int64(st, 7));
    struct m_product *p;
    struct buf f = BUF_INIT;

    if (s == NULL) /* no producer: not on the site */
        return 0;
    if ((p = grow(&m->products, &m->nproducts, &l->cap, sizeof(*p))) == NULL)
        return -1;
    p->id = id;
    p->slug = col(l, st, 1);
    p->name = col(l, st, 2);
    p->regime = col(l, st, 3);
    p->group = col(l, st, 4);
    p->area = col(l, st, 5);
    p->description = col(l, st, 6);
    p->producer = s->name;
    p->producer_kind = s->kind;
    if (p->name && text_fold(p->name, strlen(p->name), &f) == 0 && f.len)
        p->sort_key = pool_strndup(l->pool, f.data, f.len);
    buf_free(&f);
    if (p->sort_key == NULL)
        p->sort_key = p->name;
    return p->slug && p->name && p->area && p->group && p->sort_key ? 0 : -1;
}

static enum cert_status status_of(const char *s, const char *valid_until, const char *today)
{
    for (int i = 0; i < CS__MAX; i++)
        if (s && strcmp(s, cert_status_names[i]) == 0)
            return i == CS_VALID && strcmp(valid_until, today) < 0 ? CS_EXPIRED
                                                                   : (enum cert_status)i;
    return CS_EXPIRED; /* unknown: never claim validity */
}

static int cert_row(struct load *l, sqlite3_stmt *st)
{
    struct site_model *m = l->m;
    struct m_cert *c = grow(&m->certs, &m->ncerts, &l->cap, sizeof(*c));

    if (c == NULL)
        return -1;
    c->id = sqlite3_column_int64(st, 0);
    c->product_id = sqlite3_column_int64(st, 1);
    c->number = col(l, st, 2);
    c->stars = sqlite3_column_int(st, 3);
    c->issuer_level = col(l, st, 4);
    c->issuer_area = col(l, st, 5);
    c->regime = col(l, st, 6);
    c->decision_no = col(l, st, 7);
    c->decision_date = col(l, st, 8);
    c->issued = col(l, st, 9);
    c->valid_until = col(l, st, 10);
    c->reason = col(l, st, 12);
    if (!c->number || !c->issued || !c->valid_until || !c->issuer_level)
        return -1;
    c->status = status_of((const char *)sqlite3_column_text(st, 11), c->valid_until, m->today);
    return 0;
}

static int event_row(struct load *l, sqlite3_stmt *st)
{
    struct site_model *m = l->m;
    struct m_event *e = grow(&m->events, &m->nevents, &l->cap, sizeof(*e));

    if (e == NULL)
        return -1;
    e->id = sqlite3_column_int64(st, 0);
    e->cert_id = sqlite3_column_int64(st, 1);
    e->kind = col(l, st, 2);
    e->at = sqlite3_column_int64(st, 3);
    e->note = col(l, st, 4);
    return e->kind ? 0 : -1;
}

/* The product of the model with this id, or NULL. */
static const struct m_product *find_product(const struct site_model *m, int64_t id)
{
    return bsearch(&id, m->products, m->nproducts, sizeof(*m->products), id_key_cmp);
}

static int photo_row(struct load *l, sqlite3_stmt *st)
{
    struct site_model *m = l->m;
    int64_t product = sqlite3_column_int64(st, 0);
    struct m_photo *ph;

    if (find_product(m, product) == NULL) /* only the certified products' photos are public */
        return 0;
    if ((ph = grow(&m->photos, &m->nphotos, &l->cap, sizeof(*ph))) == NULL)
        return -1;
    ph->product_id = product;
    ph->sha256 = col(l, st, 1);
    ph->caption = col(l, st, 2);
    return ph->sha256 ? 0 : -1;
}

/* ---- linking ---- */

static int id_order(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

/* By product, then issue date, then id. */
static int cert_cmp(const void *a, const void *b)
{
    const struct m_cert *x = a, *y = b;
    int d = id_order(x->product_id, y->product_id);

    if (d == 0)
        d = strcmp(x->issued, y->issued);
    return d ? d : id_order(x->id, y->id);
}

/* By certificate, then time, then id. */
static int event_cmp(const void *a, const void *b)
{
    const struct m_event *x = a, *y = b;
    int d = id_order(x->cert_id, y->cert_id);

    if (d == 0)
        d = id_order(x->at, y->at);
    return d ? d : id_order(x->id, y->id);
}

static void link_areas(struct site_model *m)
{
    for (size_t i = 0; i < m->nareas; i++) {
        m->areas[i].up = model_area(m, m->areas[i].parent);
        m->areas[i].next = model_area(m, m->areas[i].successor);
    }
}

static void link_products(struct site_model *m)
{
    size_t i, c = 0, ph = 0;

    for (i = 0; i < m->nproducts; i++) {
        struct m_product *p = &m->products[i];
        while (c < m->ncerts && m->certs[c].product_id < p->id)
            c++;
        p->certs = &m->certs[c];
        while (c < m->ncerts && m->certs[c].product_id == p->id)
            m->certs[c++].product = p;
        p->ncerts = (size_t)(&m->certs[c] - p->certs);
        while (ph < m->nphotos && m->photos[ph].product_id < p->id)
            ph++;
        p->photos = &m->photos[ph];
        while (ph < m->nphotos && m->photos[ph].product_id == p->id)
            ph++;
        p->nphotos = (size_t)(&m->photos[ph] - p->photos);
    }
}

static void link_events(struct site_model *m)
{
    for (size_t i = 0; i < m->ncerts; i++) {
        struct m_cert *c = &m->certs[i];
        size_t lo = 0, hi = m->nevents;
        while (lo < hi) { /* the first event of c */
            size_t mid = lo + (hi - lo) / 2;
            if (m->events[mid].cert_id < c->id)
                lo = mid + 1;
            else
                hi = mid;
        }
        c->events = &m->events[lo];
        while (lo < m->nevents && m->events[lo].cert_id == c->id)
            m->events[lo++].cert = c;
        c->nevents = (size_t)(&m->events[lo] - c->events);
    }
}

static int slug_cmp(const void *a, const void *b)
{
    const struct m_cert *x = *(struct m_cert *const *)a, *y = *(struct m_cert *const *)b;
    int d = strcmp(x->slug, y->slug);

    return d ? d : (x->id > y->id) - (x->id < y->id);
}

/* "0001/2020/HA-GIANG" → "0001-2020-ha-giang"; two numbers with the same slug: the
 * later certificate's gets its id appended, so every page has one address. */
static int cert_slugs(struct site_model *m, struct pool *pool)
{
    struct m_cert **v = calloc(m->ncerts ? m->ncerts : 1, sizeof(*v));
    struct buf b = BUF_INIT;
    size_t i;
    int rc = -1;

    if (v == NULL)
        return -1;
    for (i = 0; i < m->ncerts; i++) {
        struct m_cert *c = v[i] = &m->certs[i];
        buf_reset(&b);
        if (text_slug(c->number, strlen(c->number), 80, &b) != 0 &&
            buf_printf(&b, "gcn-%lld", (long long)c->id) != 0)
            goto out;
        if ((c->slug = pool_strdup(pool, b.data)) == NULL)
            goto out;
    }
    qsort(v, m->ncerts, sizeof(*v), slug_cmp);
    for (i = 1; i < m->ncerts; i++) {
        char s[128];
        if (strcmp(v[i]->slug, v[i - 1]->slug) != 0)
            continue;
        snprintf(s, sizeof(s), "%s-%lld", v[i]->slug, (long long)v[i]->id);
        if ((v[i]->slug = pool_strdup(pool, s)) == NULL)
            goto out;
    }
    rc = 0;
out:
    buf_free(&b);
    free(v);
    return rc;
}

/* ---- group names from the national rules ---- */

static int group_key_cmp(const char *regime, const char *code, const struct m_group *g)
{
    int d = strcmp(regime, g->regime);

    return d ? d : strcmp(code, g->code);
}

static int group_cmp(const void *a, const void *b)
{
    const struct m_group *x = a, *y = b;
    int d = group_key_cmp(x->regime, x->code, y);

    return d ? d : (x->order > y->order) - (x->order < y->order);
}

static void load_groups(struct site_model *m, const char *root)
{
    struct rules *r = root ? rules_open(root, NULL) : NULL;
    const struct rules_area *a = NULL;
    char **codes = NULL;
    size_t ncodes = 0, cap = 0;

    if (r && rules_list_provinces(root, &codes, &ncodes) == 0 && ncodes > 0)
        a = rules_get(r, codes[0]);
    if (a == NULL)
        log_warn("site: no rules under %s; product groups are shown by code", root ? root : "-");
    for (int g = REGIME_1048; a && g <= REGIME_148; g++) {
        const struct rules_group *list;
        size_t n = rules_groups(a, (enum rules_regime)g, &list);
        for (size_t i = 0; i < n; i++) {
            struct m_group *e = grow(&m->groups, &m->ngroups, &cap, sizeof(*e));
            if (e == NULL)
                break;
            e->regime = rules_regime_names[g];
            e->code = pool_strdup(&m->pool, list[i].code);
            e->name = pool_strdup(&m->pool, list[i].name ? list[i].name : list[i].code);
        }
    }
    for (size_t i = 0; i < ncodes; i++)
        free(codes[i]);
    free(codes);
    rules_close(r);
    /* sorted for model_group_name; in the rules' order among equals (the first wins) */
    for (size_t i = 0; i < m->ngroups; i++)
        m->groups[i].order = i;
    if (m->ngroups > 1)
        qsort(m->groups, m->ngroups, sizeof(*m->groups), group_cmp);
}

/* ---- the model ---- */

/* Keeps the products with a certificate (certificates sorted by product, products by
 * id: one walk over both). */
static void keep_certified(struct site_model *m)
{
    size_t c = 0, kept = 0;

    for (size_t i = 0; i < m->nproducts; i++) {
        while (c < m->ncerts && m->certs[c].product_id < m->products[i].id)
            c++;
        if (c < m->ncerts && m->certs[c].product_id == m->products[i].id)
            m->products[kept++] = m->products[i];
    }
    m->nproducts = kept;
}

/* The certificates and events, sorted, with the certificates' slugs. */
static int load_certs(struct load *l)
{
    struct site_model *m = l->m;

    if (each_row(l, SQL_CERTS, cert_row) != 0 || each_row(l, SQL_EVENTS, event_row) != 0)
        return -1;
    if (m->ncerts > 1)
        qsort(m->certs, m->ncerts, sizeof(*m->certs), cert_cmp);
    if (m->nevents > 1)
        qsort(m->events, m->nevents, sizeof(*m->events), event_cmp);
    return cert_slugs(m, l->pool);
}

static void *cert_thread(void *arg)
{
    struct load *l = arg;

    l->rc = load_certs(l);
    return NULL;
}

int model_load(struct site_model *m, struct db *db, struct db *db2, const char *rules_root,
               int64_t today)
{
    struct load a = {.m = m, .db = db, .pool = &m->pool};
    struct load b = {.m = m, .db = db2 ? db2 : db, .pool = db2 ? &m->cert_pool : &m->pool};
    pthread_t t;
    int threaded, rc;

    memset(m, 0, sizeof(*m));
    format_date(today, m->today);
    threaded = db2 && pthread_create(&t, NULL, cert_thread, &b) == 0;
    rc = each_row(&a, SQL_AREAS, area_row) || each_row(&a, SQL_SUBJECTS, subject_row) ||
         each_row(&a, SQL_PRODUCTS, product_row);
    free(a.subjects); /* their names stay, in the pool */
    if (rc == 0)
        load_groups(m, rules_root);
    if (threaded)
        pthread_join(t, NULL);
    else if (rc == 0)
        b.rc = load_certs(&b);
    if (rc || b.rc)
        goto fail;
    keep_certified(m);
    if (each_row(&a, SQL_PHOTOS, photo_row) != 0)
        goto fail;
    link_areas(m);
    link_products(m);
    link_events(m);
    return 0;
fail:
    log_err("site: cannot read the database");
    model_free(m);
    return -1;
}

void model_free(struct site_model *m)
{
    free(m->areas);
    free(m->products);
    free(m->certs);
    free(m->events);
    free(m->photos);
    free(m->groups);
    pool_free(&m->pool);
    pool_free(&m->cert_pool);
    memset(m, 0, sizeof(*m));
}

static int area_cmp(const void *key, const void *elt)
{
    return strcmp(key, ((const struct m_area *)elt)->code);
}

const struct m_area *model_area(const struct site_model *m, const char *code)
{
    if (code == NULL || m->nareas == 0)
        return NULL;
    return bsearch(code, m->areas, m->nareas, sizeof(*m->areas), area_cmp);
}

const struct m_area *model_area_now(const struct site_model *m, const struct m_area *a)
{
    int hops = 0;

    while (a && a->valid_to && strcmp(a->valid_to, m->today) <= 0 && hops++ < 16)
        a = a->next;
    return hops < 16 ? a : NULL;
}

const struct m_area *model_ancestor(const struct site_model *m, const struct m_area *a,
                                    const char *level)
{
    int hops = 0;

    while (a && strcmp(a->level, level) != 0 && hops++ < 8)
        a = a->up;
    return a && strcmp(a->level, level) == 0 ? a : NULL;
}

const char *model_group_name(const struct site_model *m, const char *regime, const char *code)
{
    size_t lo = 0, hi = m->ngroups;

    while (lo < hi) { /* the first group not below (regime, code) */
        size_t mid = lo + (hi - lo) / 2;
        if (group_key_cmp(regime, code, &m->groups[mid]) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->ngroups && group_key_cmp(regime, code, &m->groups[lo]) == 0 ? m->groups[lo].name
                                                                               : code;
}

const struct m_cert *model_current(const struct m_product *p)
{
    return &p->certs[p->ncerts - 1];
}
