/*
 * listings.c — the pages that list products: by province (a product of a province merged
 * in 2025 is listed under its province then and under today's), by product group, by
 * stars (certificates in force only), each in pages that end where the products say
 * (cut_pages), with an index page per kind; and the home page with its figures and the
 * newest certificates.
 */
#include "site_internal.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bucket {
    char key[80];  /* what groups the products: "ha-giang", "148-i", "4" */
    char dir[120]; /* the listing's folder in the site: "tinh/ha-giang" */
    char name[240];
    const char *sort;          /* order of the buckets in an index */
    const struct m_area *area; /* provinces: the unit itself */
    const struct m_product **items;
    size_t n, cap, in_force;
    size_t *cuts, npages; /* page k (1-based) holds items[cuts[k - 1]] up to cuts[k] */
    int older_names;      /* holds products certified under an earlier province */
};

struct buckets {
    struct bucket *v;
    size_t n, cap;
};

static struct bucket *bucket_get(struct buckets *bs, const char *key)
{
    struct bucket *b;

    for (size_t i = 0; i < bs->n; i++)
        if (!strcmp(bs->v[i].key, key))
            return &bs->v[i];
    if (bs->n == bs->cap) {
        size_t cap = bs->cap ? bs->cap * 2 : 16;
        b = realloc(bs->v, cap * sizeof(*b));
        if (b == NULL)
            return NULL;
        bs->v = b;
        bs->cap = cap;
    }
    b = &bs->v[bs->n++];
    memset(b, 0, sizeof(*b));
    snprintf(b->key, sizeof(b->key), "%s", key);
    return b;
}

static int bucket_add(struct bucket *b, const struct m_product *p)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        const struct m_product **v = realloc(b->items, cap * sizeof(*v));
        if (v == NULL)
            return -1;
        b->items = v;
        b->cap = cap;
    }
    b->items[b->n++] = p;
    b->in_force += model_current(p)->status == CS_VALID;
    return 0;
}

static void buckets_free(struct buckets *bs)
{
    for (size_t i = 0; i < bs->n; i++) {
        free(bs->v[i].items);
        free(bs->v[i].cuts);
    }
    free(bs->v);
    memset(bs, 0, sizeof(*bs));
}

/* In force first, then more stars, then by name. */
static int product_cmp(const void *a, const void *b)
{
    const struct m_product *x = *(const struct m_product *const *)a;
    const struct m_product *y = *(const struct m_product *const *)b;
    const struct m_cert *cx = model_current(x), *cy = model_current(y);
    int d = (cy->status == CS_VALID) - (cx->status == CS_VALID);

    if (d == 0)
        d = cy->stars - cx->stars;
    if (d == 0)
        d = strcmp(x->sort_key, y->sort_key);
    return d ? d : (x->id > y->id) - (x->id < y->id);
}

static int bucket_cmp(const void *a, const void *b)
{
    const struct bucket *x = a, *y = b;

    return strcmp(x->sort, y->sort);
}

/* ---- sorting products into buckets ---- */

/* Every product in listing order (product_cmp), sorted once: the buckets are filled in
 * this order and come out sorted (they were sorted one by one: 35,000 items). NULL on
 * no memory. */
static const struct m_product **listing_order(struct site_ctx *c)
{
    size_t n = c->m->nproducts;
    const struct m_product **v = malloc((n ? n : 1) * sizeof(*v));

    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        v[i] = &c->m->products[i];
    if (n > 1)
        qsort(v, n, sizeof(*v), product_cmp);
    return v;
}

static int add_province(struct site_ctx *c, struct buckets *bs, const struct m_area *prov,
                        const struct m_product *p, int older)
{
    struct bucket *b;

    if (prov == NULL)
        return 0;
    for (size_t i = 0; i < bs->n; i++) /* by the unit first: no string compared */
        if (bs->v[i].area == prov)
            return bucket_add(&bs->v[i], p);
    if ((b = bucket_get(bs, prov->code)) == NULL)
        return -1;
    if (b->area == NULL) {
        struct buf f = BUF_INIT;
        b->area = prov;
        snprintf(b->dir, sizeof(b->dir), "tinh/%s", prov->code);
        snprintf(b->name, sizeof(b->name), "%s", prov->name);
        if (text_fold(prov->name, strlen(prov->name), &f) == 0 && f.len)
            b->sort = pool_strdup(&c->m->pool, f.data);
        buf_free(&f);
        if (b->sort == NULL)
            b->sort = prov->code;
    }
    b->older_names |= older;
    return bucket_add(b, p);
}

static int by_province(struct site_ctx *c, const struct m_product *const *order, struct buckets *bs)
{
    for (size_t i = 0; i < c->m->nproducts; i++) {
        const struct m_product *p = order[i];
        struct places pl;
        site_places(c->m, p, &pl);
        if (add_province(c, bs, pl.then[2], p, 0) != 0 ||
            (pl.now[2] != pl.then[2] && add_province(c, bs, pl.now[2], p, 1) != 0))
            return -1;
    }
    return 0;
}

static char folder_char(char ch)
{
    if (ch >= 'A' && ch <= 'Z')
        return (char)(ch + 32);
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '-';
}

/* "I.2.b" under 148 → key "148-i", folder "nhom/148-i". */
static int by_group(struct site_ctx *c, const struct m_product *const *order, struct buckets *bs)
{
    for (size_t i = 0; i < c->m->nproducts; i++) {
        const struct m_product *p = order[i];
        char top[32], key[80];
        struct bucket *b;
        size_t n = strcspn(p->group, "."), r = strlen(p->regime);
        n = n < 31 ? n : 31;
        r = r < 40 ? r : 40;
        memcpy(top, p->group, n); /* put together by hand: 15,000 of them a build */
        top[n] = '\0';
        memcpy(key, p->regime, r);
        key[r] = '-';
        memcpy(key + r + 1, top, n + 1);
        for (char *k = key; *k; k++) /* any code makes a safe folder name */
            *k = folder_char(*k);
        if ((b = bucket_get(bs, key)) == NULL)
            return -1;
        if (b->dir[0] == '\0') {
            snprintf(b->dir, sizeof(b->dir), "nhom/%s", key);
            snprintf(b->name, sizeof(b->name), "%s. %s", top,
                     model_group_name(c->m, p->regime, top));
            /* 148 first (today's groups), then the 1048 ones of older certificates; roman
             * numerals I…VI and digits 1…6 both sort as text */
            snprintf(key, sizeof(key), "%c-%s", strcmp(p->regime, "148") ? '2' : '1', top);
            if ((b->sort = pool_strdup(&c->m->pool, key)) == NULL)
                return -1;
        }
        if (bucket_add(b, p) != 0)
            return -1;
    }
    return 0;
}

static int by_stars(struct site_ctx *c, const struct m_product *const *order, struct buckets *bs)
{
    static const char *const keys[] = {"3", "4", "5"};

    for (int s = 0; s < 3; s++) { /* every star level has its page, even an empty one */
        struct bucket *b = bucket_get(bs, keys[s]);
        if (b == NULL)
            return -1;
        snprintf(b->dir, sizeof(b->dir), "sao/%s", keys[s]);
        snprintf(b->name, sizeof(b->name), "Sản phẩm OCOP %s sao", keys[s]);
        b->sort = keys[s];
    }
    for (size_t i = 0; i < c->m->nproducts; i++) {
        const struct m_product *p = order[i];
        const struct m_cert *cur = model_current(p);
        if (cur->status == CS_VALID && cur->stars >= 3 && cur->stars <= 5 &&
            bucket_add(&bs->v[cur->stars - 3], p) != 0)
            return -1;
    }
    return 0;
}

/* ---- listing pages ---- */

static void page_path(const char *dir, size_t page, char *out, size_t size)
{
    if (page <= 1)
        snprintf(out, size, "%s/index.html", dir);
    else
        snprintf(out, size, "%s/trang-%zu/index.html", dir, page);
}

static json_t *page_url(struct site_ctx *c, const char *dir, size_t page)
{
    return page <= 1 ? j_url(c, 0, "%s/", dir) : j_url(c, 0, "%s/trang-%zu/", dir, page);
}

/* Links to the first, last and nearby pages, with gaps between. */
static json_t *j_pager(struct site_ctx *c, const char *dir, size_t page, size_t pages)
{
    json_t *list = json_array(), *pager;
    size_t k, last = 0;

    for (k = 1; list && k <= pages; k++) {
        if (k != 1 && k != pages && (k + 2 < page || k > page + 2))
            continue;
        if (last && k > last + 1)
            json_array_append_new(list, json_pack("{s:b}", "gap", 1));
        json_array_append_new(list, json_pack("{s:I,s:o,s:b}", "n", (json_int_t)k, "url",
                                              page_url(c, dir, k), "current", k == page));
        last = k;
    }
    pager = json_pack("{s:b,s:o}", "many", pages > 1, "pages", list);
    if (pager && page > 1)
        json_object_set_new(pager, "prev", page_url(c, dir, page - 1));
    if (pager && page < pages)
        json_object_set_new(pager, "next", page_url(c, dir, page + 1));
    return pager;
}

static json_t *bucket_note(struct site_ctx *c, const struct bucket *b)
{
    const struct m_area *now = b->area ? model_area_now(c->m, b->area) : NULL;
    char day[11];

    if (b->area && now != b->area) {
        site_date(b->area->valid_to, day);
        return now ? json_sprintf("Từ ngày %s, %s thuộc %s. Trang này giữ các sản phẩm được "
                                  "công nhận khi còn tên cũ.",
                                  day, b->area->name, now->name)
                   : json_sprintf("%s không còn từ ngày %s.", b->area->name, day);
    }
    if (b->older_names)
        return json_string("Gồm cả các sản phẩm được công nhận khi địa bàn còn thuộc tỉnh cũ "
                           "(trước khi sắp xếp đơn vị hành chính năm 2025).");
    if (!strncmp(b->dir, "sao/", 4))
        return json_string("Chỉ gồm sản phẩm có giấy chứng nhận còn hiệu lực.");
    return json_null();
}

/* ---- where a listing's pages end ----
 * Not every 30 products: a page ends before a product that "starts a page" once it
 * holds SITE_PAGE_MIN products, and at SITE_PAGE_MAX whatever comes. Whether a product
 * starts a page depends on the product alone (its id, hashed), not on its place, so
 * when one product leaves a listing or joins it — a revocation moves it out of the
 * in-force products — only its own page changes, and rarely the pages up to the next
 * product that starts one. With pages of a fixed 30 every page after it shifted: one
 * revoked certificate rewrote 200 to 700 listing pages, which a rebuild rendered and
 * flushed and a mirror of the site downloaded again. A product also keeps its page. */

static int starts_page(const struct m_product *p)
{
    uint64_t x = (uint64_t)p->id; /* splitmix64's finaliser: neighbouring ids scatter */

    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    x ^= x >> 31;
    return x % SITE_PAGE_SPREAD == 0;
}

/* Fills b->cuts for the sorted items: at least one page, even for no products. */
static int cut_pages(struct bucket *b)
{
    size_t start = 0, k = 0;

    free(b->cuts);
    /* pages hold at least SITE_PAGE_MIN, so no more than n / MIN + 1 of them */
    if ((b->cuts = malloc((b->n / SITE_PAGE_MIN + 2) * sizeof(*b->cuts))) == NULL)
        return -1;
    b->cuts[k++] = 0;
    for (size_t i = 1; i < b->n; i++) {
        size_t held = i - start;
        if (held == SITE_PAGE_MAX || (held >= SITE_PAGE_MIN && starts_page(b->items[i])))
            b->cuts[k++] = start = i;
    }
    b->cuts[k] = b->n;
    b->npages = k;
    return 0;
}

struct listing_page {
    const struct bucket *b;
    size_t k;
    const char *note; /* bucket_note's JSON text, the same for every page of the bucket */
};

static json_t *make_listing(struct site_ctx *c, const void *arg)
{
    const struct listing_page *lp = arg;
    const struct bucket *b = lp->b;
    size_t k = lp->k;
    json_t *items = json_array(), *page;

    for (size_t i = b->cuts[k - 1]; i < b->cuts[k]; i++)
        json_array_append_new(items, j_summary(c, b->items[i]));
    page = json_pack("{s:o,s:s,s:o,s:o,s:o}", "title",
                     k > 1 ? json_sprintf("%s — trang %zu", b->name, k) : json_string(b->name),
                     "heading", b->name, "note", bucket_note(c, b), "items", items, "pager",
                     j_pager(c, b->dir, k, b->npages));
    /* the counts on the first page only: the others do not change with them */
    if (page && k == 1)
        json_object_set_new(page, "summary",
                            json_pack("{s:I,s:I,s:b}", "total", (json_int_t)b->n, "in_force",
                                      (json_int_t)b->in_force, "empty", b->n == 0));
    return page;
}

/* A listing page's inputs: its bucket, its place among the pages, and the
 * fingerprints of the products on it. */
static void listing_inputs(struct site_ctx *c, const struct listing_page *lp,
                           char out[OUTDIR_KEY_HEX + 1])
{
    const struct bucket *b = lp->b;
    char nums[96];
    struct outdir_hash h;

    outdir_hash_init(&h);
    outdir_hash_str(&h, "listing 1");
    outdir_hash_str(&h, b->dir);
    outdir_hash_str(&h, b->name);
    outdir_hash_str(&h, lp->note);
    if (lp->k == 1)
        snprintf(nums, sizeof(nums), "%zu %zu %zu %zu", b->n, b->in_force, lp->k, b->npages);
    else
        snprintf(nums, sizeof(nums), "%zu %zu", lp->k, b->npages);
    outdir_hash_str(&h, nums);
    for (size_t i = b->cuts[lp->k - 1]; i < b->cuts[lp->k]; i++)
        outdir_hash_str(&h, site_fp(c, b->items[i]));
    outdir_hash_end(&h, out);
}

static int bucket_pages(struct site_ctx *c, struct bucket *b, const char *section)
{
    char path[200], inputs[OUTDIR_KEY_HEX + 1];
    json_t *note = bucket_note(c, b);
    char *nd = json_dumps(note, JSON_ENCODE_ANY);
    int rc = 0;

    json_decref(note);
    if (nd == NULL || cut_pages(b) != 0) {
        free(nd);
        return -1;
    }
    for (size_t k = 1; rc == 0 && k <= b->npages; k++) {
        struct listing_page lp = {b, k, nd};
        struct site_page_spec sp = {path, "public/listing", section, 1, make_listing, &lp};
        page_path(b->dir, k, path, sizeof(path));
        listing_inputs(c, &lp, inputs);
        rc = site_page_fp(c, &sp, inputs);
    }
    free(nd);
    return rc;
}

static json_t *j_entry(struct site_ctx *c, const struct bucket *b)
{
    return json_pack("{s:s,s:o,s:I,s:I,s:o}", "name", b->name, "url", j_url(c, 0, "%s/", b->dir),
                     "count", (json_int_t)b->n, "in_force", (json_int_t)b->in_force, "note",
                     bucket_note(c, b));
}

/* The index page of one kind of listing: its buckets in one or two sections. */
static int index_page(struct site_ctx *c, struct buckets *bs, const char *section,
                      const char *title, const char *const heads[2])
{
    json_t *secs = json_array(), *lists[2] = {json_array(), json_array()};

    for (size_t i = 0; i < bs->n; i++) {
        int second =
            heads[1] && ((bs->v[i].area && model_area_now(c->m, bs->v[i].area) != bs->v[i].area) ||
                         bs->v[i].sort[0] == '2');
        json_array_append_new(lists[second], j_entry(c, &bs->v[i]));
    }
    for (int k = 0; k < 2; k++)
        if (heads[k] && json_array_size(lists[k]))
            json_array_append_new(secs,
                                  json_pack("{s:s,s:O}", "heading", heads[k], "entries", lists[k]));
    json_decref(lists[0]);
    json_decref(lists[1]);
    {
        char path[64];
        snprintf(path, sizeof(path), "%s/index.html", section);
        return site_page(c, path, "public/index", section,
                         json_pack("{s:s,s:o}", "title", title, "sections", secs), 1);
    }
}

static int write_kind(struct site_ctx *c, struct buckets *bs, const char *section,
                      const char *title, const char *const heads[2])
{
    if (bs->n > 1)
        qsort(bs->v, bs->n, sizeof(*bs->v), bucket_cmp);
    for (size_t i = 0; i < bs->n; i++)
        if (bucket_pages(c, &bs->v[i], section) != 0)
            return -1;
    return index_page(c, bs, section, title, heads);
}

/* ---- the home page ---- */

#define NEWEST_MAX 12 /* certificates on the home page */

static int newest_cmp(const void *a, const void *b)
{
    const struct m_cert *x = *(const struct m_cert *const *)a;
    const struct m_cert *y = *(const struct m_cert *const *)b;
    int d = strcmp(y->issued, x->issued);

    return d ? d : (y->id > x->id) - (y->id < x->id);
}

/* The newest certificates, each product once by its current one: the first max in
 * newest_cmp order, kept by insertion (a sort of all 15,000 was a tenth of the
 * listings' work for twelve). */
static json_t *j_newest(struct site_ctx *c, size_t max)
{
    const struct m_cert *top[NEWEST_MAX];
    json_t *list = json_array();
    size_t n = 0;

    max = max < NEWEST_MAX ? max : NEWEST_MAX;
    for (size_t i = 0; list && max && i < c->m->ncerts; i++) {
        const struct m_cert *ct = &c->m->certs[i];
        size_t k;
        if (model_current(ct->product) != ct)
            continue;
        if (n == max && newest_cmp(&ct, &top[n - 1]) >= 0)
            continue;
        k = n < max ? n++ : n - 1; /* the last one falls off when full */
        for (; k > 0 && newest_cmp(&ct, &top[k - 1]) < 0; k--)
            top[k] = top[k - 1];
        top[k] = ct;
    }
    for (size_t i = 0; list && i < n; i++)
        json_array_append_new(list, json_pack("{s:o,s:o}", "cert", j_cert(c, top[i], 0), "product",
                                              j_summary(c, top[i]->product)));
    return list;
}

/* One row of a figure: a count with a bar class w-0…w-10 (no inline style under the CSP). */
static json_t *j_figure(struct site_ctx *c, const struct bucket *b, size_t top)
{
    return json_pack("{s:s,s:o,s:I,s:I}", "name", b->name, "url", j_url(c, 0, "%s/", b->dir),
                     "count", (json_int_t)b->in_force, "bar",
                     (json_int_t)(top ? (b->in_force * 10 + top - 1) / top : 0));
}

static json_t *j_figures(struct site_ctx *c, const struct buckets *bs, int current_only)
{
    json_t *list = json_array();
    size_t top = 0;

    for (size_t i = 0; i < bs->n; i++)
        if (bs->v[i].in_force > top)
            top = bs->v[i].in_force;
    for (size_t i = 0; list && i < bs->n; i++) {
        const struct bucket *b = &bs->v[i];
        if (current_only && ((b->area && model_area_now(c->m, b->area) != b->area) ||
                             (b->sort && b->sort[0] == '2')))
            continue;
        json_array_append_new(list, j_figure(c, b, top));
    }
    return list;
}

static int home(struct site_ctx *c, struct buckets kinds[3])
{
    char today[11];
    size_t total = 0;

    for (size_t i = 0; i < kinds[2].n; i++)
        total += kinds[2].v[i].in_force;
    site_date(c->m->today, today);
    return site_page(
        c, "index.html", "public/home", "home",
        json_pack("{s:s,s:s,s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o}", "title",
                  "Sản phẩm OCOP được công nhận", "today", today, "in_force", (json_int_t)total,
                  "products", (json_int_t)c->m->nproducts, "certificates", (json_int_t)c->m->ncerts,
                  "by_stars", j_figures(c, &kinds[2], 0), "by_province", j_figures(c, &kinds[0], 1),
                  "by_group", j_figures(c, &kinds[1], 1), "newest", j_newest(c, NEWEST_MAX),
                  "search_url", j_url(c, 0, "tim-kiem/")),
        1);
}

int site_listings(struct site_ctx *c)
{
    static const char *const prov_heads[2] = {"Tỉnh, thành phố hiện nay",
                                              "Tên trước khi sắp xếp năm 2025"};
    static const char *const group_heads[2] = {"Phân nhóm theo Quyết định 148/QĐ-TTg",
                                               "Phân nhóm theo Quyết định 1048/QĐ-TTg"};
    static const char *const star_heads[2] = {"Hạng sao (giấy chứng nhận còn hiệu lực)", NULL};
    struct buckets kinds[3] = {{0}};
    const struct m_product **order = listing_order(c);
    int rc = -1;

    if (order == NULL || by_province(c, order, &kinds[0]) != 0 ||
        by_group(c, order, &kinds[1]) != 0 || by_stars(c, order, &kinds[2]) != 0)
        goto out;
    if (write_kind(c, &kinds[0], "tinh", "Sản phẩm OCOP theo tỉnh", prov_heads) != 0 ||
        write_kind(c, &kinds[1], "nhom", "Sản phẩm OCOP theo nhóm", group_heads) != 0 ||
        write_kind(c, &kinds[2], "sao", "Sản phẩm OCOP theo hạng sao", star_heads) != 0)
        goto out;
    rc = home(c, kinds);
out:
    for (int k = 0; k < 3; k++)
        buckets_free(&kinds[k]);
    free(order);
    return rc;
}
