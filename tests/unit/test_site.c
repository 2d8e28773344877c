/*
 * test_site.c — the public site builder (site/site.h) over a small fixed database
 * (tests/data/site/fixture.sql) with fixed content (tests/data/site/content, and a state
 * folder's own story in tests/data/site/home-content): the golden output
 * (tests/data/site/golden/; UPDATE_GOLDEN=1 rewrites it), no active content from a
 * hostile story or from HTML in names, statuses and place names as of the build's day,
 * unchanged files kept (the same inode) and an incremental build rendering nothing, a
 * change re-rendering only what it touched, the atomic switch and the pruning of old
 * builds, a refused output folder, a base URL, photos, and the option checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <regex.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "outdir.h"
#include "site.h"
#include "util.h"

#define DATA      "tests/data/site"
#define TODAY     "2025-12-01"
#define SITE_URL  "https://ocop.example.vn"
#define PHOTO_SHA "7f0aaa1f8f3be2281dc46a3c6d8e631c8065d2df6688f6f4994617d71de9d0cf"

/* A 1×1 PNG, the public photo of the fixture. */
static const unsigned char png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00,
    0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0xe0, 0x8e, 0xb3, 0x01, 0x00, 0x01, 0x1d, 0x00, 0xa6, 0xb4, 0x96, 0x0c,
    0xe5, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

struct fx {
    char root[PATH_MAX], cwd[PATH_MAX];
    char share[PATH_MAX + 16], home[PATH_MAX + 16], out[PATH_MAX + 16];
    struct db *db;
};

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
    struct buf b = BUF_INIT;

    if (buf_read_file(&b, path, 64u << 20) != 0) {
        buf_free(&b);
        return NULL;
    }
    if (len)
        *len = b.len;
    if (b.data == NULL)
        return strdup("");
    return buf_steal(&b);
}

static char *page(struct fx *f, const char *rel)
{
    char path[PATH_MAX * 2];
    char *s;

    snprintf(path, sizeof(path), "%s/%s", f->out, rel);
    s = slurp(path, NULL);
    if (s == NULL)
        fail_msg("no page %s", rel);
    return s;
}

static void assert_has(const char *hay, const char *needle, const char *where)
{
    if (strstr(hay, needle) == NULL)
        fail_msg("%s lacks \"%s\"", where, needle);
}

static ino_t inode(struct fx *f, const char *rel)
{
    char path[PATH_MAX * 2];
    struct stat sb;

    snprintf(path, sizeof(path), "%s/%s", f->out, rel);
    assert_int_equal(stat(path, &sb), 0);
    return sb.st_ino;
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(p);
    return 0;
}

static void rm_rf(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *build_day = TODAY; /* the day statuses are judged by */

static int build_at(struct fx *f, const char *out, const char *base, int incremental,
                    struct site_stats *st)
{
    int64_t today;

    assert_int_equal(parse_date(build_day, &today), 0);
    return site_build(f->db,
                      &(struct site_opts){.share = f->share,
                                          .home = f->home,
                                          .rules = "lua",
                                          .out = out,
                                          .base = base,
                                          .site_url = SITE_URL,
                                          .today = today,
                                          .incremental = incremental},
                      st);
}

static void build(struct fx *f, int incremental, struct site_stats *st)
{
    struct site_stats tmp;

    assert_int_equal(build_at(f, f->out, "/", incremental, st ? st : &tmp), 0);
}

static void sql(struct fx *f, const char *q)
{
    assert_int_equal(db_exec(f->db, q), 0);
}

/* ---- fixture ---- */

/* dir/name becomes a symlink to from/what. */
static void link_into(const char *from, const char *what, const char *dir, const char *name)
{
    char target[PATH_MAX * 2], link[PATH_MAX * 2];

    snprintf(target, sizeof(target), "%s/%s", from, what);
    snprintf(link, sizeof(link), "%s/%s", dir, name);
    assert_int_equal(symlink(target, link), 0);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char p[PATH_MAX * 2];
    char *fixture;
    FILE *ph;

    assert_non_null(f);
    assert_non_null(getcwd(f->cwd, sizeof(f->cwd)));
    snprintf(f->root, sizeof(f->root), "/tmp/ocop-site-XXXXXX");
    assert_non_null(mkdtemp(f->root));
    snprintf(f->share, sizeof(f->share), "%s/share", f->root);
    snprintf(f->home, sizeof(f->home), "%s/home", f->root);
    snprintf(f->out, sizeof(f->out), "%s/home/www", f->root);
    assert_int_equal(mkdir(f->share, 0755), 0);
    assert_int_equal(mkdir(f->home, 0755), 0);
    /* templates and assets from the tree; content and the state's stories from the data */
    link_into(f->cwd, "site", f->share, "site");
    link_into(f->cwd, DATA "/content", f->share, "content");
    link_into(f->cwd, DATA "/home-content", f->home, "content");
    snprintf(p, sizeof(p), "%s/files", f->home);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof(p), "%s/files/7f", f->home);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof(p), "%s/files/7f/%s", f->home, PHOTO_SHA);
    assert_non_null(ph = fopen(p, "wb"));
    assert_int_equal(fwrite(png, 1, sizeof(png), ph), sizeof(png));
    fclose(ph);
    snprintf(p, sizeof(p), "%s/ocop.db", f->home);
    assert_non_null(f->db = db_open(p, 1));
    assert_int_equal(db_migrate(f->db, f->cwd), 0);
    assert_non_null(fixture = slurp(DATA "/fixture.sql", NULL));
    assert_int_equal(db_exec(f->db, fixture), 0);
    free(fixture);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;

    db_close(f->db);
    rm_rf(f->root);
    free(f);
    return 0;
}

/* ---- walking a build ---- */

struct list {
    char **v;
    size_t n;
};

static void walk(const char *dir, const char *rel, struct list *l)
{
    char path[PATH_MAX * 2], sub[PATH_MAX];
    struct dirent *e;
    DIR *d;

    snprintf(path, sizeof(path), "%s%s%s", dir, rel[0] ? "/" : "", rel);
    assert_non_null(d = opendir(path));
    while ((e = readdir(d)) != NULL) {
        struct stat sb;
        if (e->d_name[0] == '.')
            continue; /* ".", "..", the manifest */
        snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        snprintf(path, sizeof(path), "%s/%s", dir, sub);
        assert_int_equal(stat(path, &sb), 0);
        if (S_ISDIR(sb.st_mode)) {
            if (strcmp(sub, "assets") != 0) /* copies of site/static */
                walk(dir, sub, l);
            continue;
        }
        l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
        l->v[l->n++] = strdup(sub);
    }
    closedir(d);
}

static void list_free(struct list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int has(const struct list *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], s))
            return 1;
    return 0;
}

static void mkdirs_for(const char *path)
{
    char tmp[PATH_MAX * 3];

    snprintf(tmp, sizeof(tmp), "%s", path);
    for (char *s = strchr(tmp + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(tmp, 0755);
        *s = '/';
    }
}

/* ---- the tests ---- */

static void golden(void **state)
{
    struct fx *f = *state;
    struct list got = {0}, want = {0};
    char gdir[PATH_MAX * 2], a[PATH_MAX * 3], b[PATH_MAX * 3];
    int update = getenv("UPDATE_GOLDEN") != NULL;

    build(f, 0, NULL);
    snprintf(gdir, sizeof(gdir), "%s/" DATA "/golden", f->cwd);
    walk(f->out, "", &got);
    if (update)
        rm_rf(gdir);
    for (size_t i = 0; i < got.n; i++) {
        size_t la, lb;
        char *x, *y;
        snprintf(a, sizeof(a), "%s/%s", f->out, got.v[i]);
        snprintf(b, sizeof(b), "%s/%s", gdir, got.v[i]);
        x = slurp(a, &la);
        if (update) {
            FILE *o;
            mkdirs_for(b);
            assert_non_null(o = fopen(b, "wb"));
            fwrite(x, 1, la, o);
            fclose(o);
            free(x);
            continue;
        }
        y = slurp(b, &lb);
        if (y == NULL)
            fail_msg("%s is new: not in the golden output (UPDATE_GOLDEN=1 to accept)", got.v[i]);
        if (la != lb || memcmp(x, y, la) != 0) {
            size_t k = 0;
            while (k < la && k < lb && x[k] == y[k])
                k++;
            fail_msg("%s differs from the golden output at byte %zu:\n got: %.80s\nwant: %.80s",
                     got.v[i], k, x + (k > 20 ? k - 20 : 0), y + (k > 20 ? k - 20 : 0));
        }
        free(x);
        free(y);
    }
    if (!update) {
        walk(gdir, "", &want);
        for (size_t i = 0; i < want.n; i++)
            if (!has(&got, want.v[i]))
                fail_msg("%s is in the golden output but was not built", want.v[i]);
        assert_true(want.n > 30);
    }
    list_free(&got);
    list_free(&want);
}

/* No page carries active content: the only script is the search's, no event attribute,
 * no script URL, no raw element from a story or a name. */
static void no_active_content(void **state)
{
    static const char *const bad[] = {"<script[^>]*>[^<]",
                                      "<script( [^s]|[^ >])",
                                      "<iframe",
                                      "<object",
                                      "<embed",
                                      "<[a-z][^>]* on[a-z]+ *=",
                                      "(href|src|action) *= *\"(javascript|data|vbscript):",
                                      "(href|src) *= *\"//"};
    struct fx *f = *state;
    struct list l = {0};
    char path[PATH_MAX * 3];
    char *story, *s, *end;

    build(f, 0, NULL);
    walk(f->out, "", &l);
    for (size_t i = 0; i < l.n; i++) {
        char *html;
        if (strstr(l.v[i], ".html") == NULL)
            continue;
        snprintf(path, sizeof(path), "%s/%s", f->out, l.v[i]);
        html = slurp(path, NULL);
        for (size_t k = 0; k < sizeof(bad) / sizeof(*bad); k++) {
            regex_t re;
            assert_int_equal(regcomp(&re, bad[k], REG_EXTENDED | REG_ICASE | REG_NOSUB), 0);
            if (regexec(&re, html, 0, NULL, 0) == 0)
                fail_msg("active content /%s/ in %s", bad[k], l.v[i]);
            regfree(&re);
        }
        free(html);
    }
    list_free(&l);
    /* the hostile story (the state folder's own) is there, inert */
    story = page(f, "san-pham/che-shan-tuyet/index.html");
    assert_non_null(s = strstr(story, "<section class=\"story"));
    assert_non_null(end = strstr(s, "</section>"));
    *end = '\0';
    assert_has(s, "&lt;script>alert(&ldquo;story&rdquo;)&lt;/script>", "the story");
    assert_has(s, "<a href=\"https://example.org/a?b=1\">ổn</a>", "the story");
    assert_null(strstr(s, "<img src=\"x\""));
    free(story);
    /* HTML in a product's and a producer's name is text */
    story = page(f, "san-pham/nuoc-mam/index.html");
    assert_has(story, "<h1>Nước mắm &lt;script&gt;alert(1)&lt;/script&gt;</h1>", "nuoc-mam");
    assert_has(story, "Cơ sở &quot;Ánh&quot; &lt;b&gt;Phú Lộc&lt;/b&gt;", "nuoc-mam");
    free(story);
}

static void statuses_and_places(void **state)
{
    struct fx *f = *state;
    char *p;

    build(f, 0, NULL);
    p = page(f, "san-pham/mat-ong-bac-ha/index.html");
    assert_has(p, "<dd>Xã Đông Sơn, Huyện Cát Tiên, Tỉnh An Hòa</dd>", "place then");
    assert_has(p, "<dd>Xã Đông Sơn, Tỉnh Bình Minh <span", "place now");
    assert_has(p, "Bộ Nông nghiệp và Phát triển nông thôn", "issuer of 5 stars in 2024");
    assert_has(p, "src=\"/anh/" PHOTO_SHA ".png\" alt=\"Hũ mật ong bạc hà\"", "public photo");
    assert_null(strstr(p, "0000000000000000")); /* the private photo */
    assert_has(p, "<h3>Cách làm</h3>", "the shipped story");
    free(p);
    p = page(f, "xac-minh/0001-2024-tinh-a/index.html");
    assert_has(p, "data-status=\"valid\"", "valid");
    assert_has(p, "<strong>CÒN HIỆU LỰC</strong>", "valid");
    free(p);
    p = page(f, "xac-minh/0002-2023-tinh-a/index.html");
    assert_has(p, "<strong>ĐÃ BỊ THU HỒI</strong>", "revoked");
    free(p);
    p = page(f, "xac-minh/0004-2022-tinh-b/index.html"); /* valid in the database, lapsed */
    assert_has(p, "<strong>HẾT HIỆU LỰC</strong>", "lapsed by date");
    free(p);
    p = page(f, "xac-minh/0005-2021-tinh-b/index.html");
    assert_has(p, "<strong>ĐÃ BỊ HẠ HẠNG</strong>", "reduced");
    free(p);
    p = page(f, "san-pham/nuoc-mam/index.html");
    assert_has(p, "Giấy chứng nhận trước đây", "history");
    assert_has(p, "0003/2019/TINH-B", "history");
    free(p);
    /* listed under the province then and today's; not a product without certificate */
    p = page(f, "tinh/tinh-a/index.html");
    assert_has(p, "/san-pham/mat-ong-bac-ha/", "tinh-a");
    assert_has(p, "thuộc Tỉnh Bình Minh", "tinh-a note");
    free(p);
    p = page(f, "tinh/tinh-b/index.html");
    assert_has(p, "/san-pham/mat-ong-bac-ha/", "tinh-b");
    free(p);
    p = page(f, "sao/5/index.html");
    assert_has(p, "/san-pham/mat-ong-bac-ha/", "5 stars");
    free(p);
    p = page(f, "sao/4/index.html"); /* the revoked and reduced ones are not in force */
    assert_null(strstr(p, "/san-pham/che-shan-tuyet/"));
    free(p);
    p = page(f, "tim-kiem/chi-muc.json");
    assert_has(p,
               "\"places\":[[\"Xã Đông Sơn, Tỉnh Bình Minh\",\"Xã Đông Sơn, Huyện Cát Tiên, "
               "Tỉnh An Hòa\"]",
               "a place once, as it is today and as it was when certified");
    assert_has(p, "[\"mat-ong-bac-ha\",\"Mật ong bạc hà\",\"HTX Ong mật Đông Sơn\",0,5,1]",
               "an item with the number of its place");
    assert_null(strstr(p, "banh-chua-cong-nhan"));
    free(p);
    {
        char path[PATH_MAX * 2];
        size_t n;
        char *img;
        snprintf(path, sizeof(path), "%s/anh/" PHOTO_SHA ".png", f->out);
        assert_non_null(img = slurp(path, &n));
        assert_int_equal(n, sizeof(png));
        assert_memory_equal(img, png, n);
        free(img);
    }
}

/* Every file of build a is in build b with the same bytes, and b has no other. */
static void assert_same_tree(const char *a, const char *b)
{
    struct list la = {0}, lb = {0};
    char pa[PATH_MAX * 3], pb[PATH_MAX * 3];

    walk(a, "", &la);
    walk(b, "", &lb);
    for (size_t i = 0; i < la.n; i++) {
        size_t na, nb;
        char *x, *y;
        snprintf(pa, sizeof(pa), "%s/%s", a, la.v[i]);
        snprintf(pb, sizeof(pb), "%s/%s", b, la.v[i]);
        x = slurp(pa, &na);
        if ((y = slurp(pb, &nb)) == NULL)
            fail_msg("%s is in %s only", la.v[i], a);
        if (na != nb || memcmp(x, y, na) != 0)
            fail_msg("%s differs between %s and %s", la.v[i], a, b);
        free(x);
        free(y);
    }
    for (size_t i = 0; i < lb.n; i++)
        if (!has(&la, lb.v[i]))
            fail_msg("%s is in %s only", lb.v[i], b);
    list_free(&la);
    list_free(&lb);
}

/* After each kind of change, an incremental build (in place, pages keyed by their
 * inputs' fingerprints) holds exactly what a full build from scratch makes. */
static void incremental_equals_full(void **state)
{
    static const char *const changes[] = {
        /* a revocation */
        "UPDATE certificate SET status = 'revoked', status_reason = 'QĐ 7' WHERE id = 1;"
        "INSERT INTO certificate_event (certificate_id, kind, at, note) "
        "VALUES (1, 'revoked', 1760000000, 'QĐ 7')",
        /* a renamed product and producer: listings reorder */
        "UPDATE product SET name = 'Ấm trà Đông Sơn' WHERE id = 2;"
        "UPDATE subject SET name = 'HTX Đông Sơn mới' WHERE id = 1",
        /* a photo no longer public */
        "UPDATE photo SET public = 0",
        /* a new certificate for a product that had none */
        "INSERT INTO certificate (id, product_id, province, year, number, stars, issuer_level, "
        "issuer_area, regime, decision_no, decision_date, issued, valid_until, status) VALUES "
        "(6, 5, 'tinh-b', 2025, '0006/2025/TINH-B', 3, 'province', 'tinh-b', '148', "
        "'5/QĐ-UBND', '2025-08-01', '2025-08-01', '2028-07-31', 'valid');"
        "INSERT INTO certificate_event (certificate_id, kind, at, note) "
        "VALUES (6, 'granted', 1754006400, '5/QĐ-UBND')",
        /* a certificate withdrawn from the site altogether */
        "DELETE FROM certificate_event WHERE certificate_id = 5; DELETE FROM certificate WHERE id "
        "= 5",
        /* nothing in the database: a later day, on which certificate 6 has lapsed */
        NULL,
    };
    struct fx *f = *state;
    char full[PATH_MAX * 2];
    struct site_stats st;

    snprintf(full, sizeof(full), "%s/full", f->root);
    build(f, 0, NULL);
    for (size_t i = 0; i < ARRAY_LEN(changes); i++) {
        if (changes[i])
            sql(f, changes[i]);
        else
            build_day = "2028-08-01";
        build(f, 1, &st);
        assert_true(st.written > 0);
        rm_rf(full);
        assert_int_equal(build_at(f, full, "/", 0, NULL), 0);
        assert_same_tree(f->out, full);
    }
    build_day = TODAY;
}

/* ---- listing pages ---- */

/* 400 four-star products of tinh-b, all in force: several pages of sao/4. */
static const char many_products[] =
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 400) "
    "INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, "
    "created_at) SELECT 100 + x, 2, printf('Sản phẩm %03d', x), printf('san-pham-%03d', x), "
    "'148', 'I.4.a', 'tinh-b/huyen-e/xa-f', 0 FROM n;"
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 400) "
    "INSERT INTO certificate (id, product_id, province, year, number, stars, issuer_level, "
    "issuer_area, regime, decision_no, decision_date, issued, valid_until, status) SELECT "
    "100 + x, 100 + x, 'tinh-b', 2025, printf('%04d/2025/TINH-B', 100 + x), 4, 'province', "
    "'tinh-b', '148', '9/QĐ-UBND', '2025-03-01', '2025-03-01', '2028-02-28', 'valid' FROM n";

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The bytes of each page of sao/4, in page order ([0] is sao/4/index.html); the count. */
static size_t star_pages(struct fx *f, char **pages, size_t max)
{
    char rel[64];
    size_t n = 0;

    for (size_t k = 1; k <= max; k++) {
        char path[PATH_MAX * 3];
        if (k == 1)
            snprintf(rel, sizeof(rel), "sao/4/index.html");
        else
            snprintf(rel, sizeof(rel), "sao/4/trang-%zu/index.html", k);
        snprintf(path, sizeof(path), "%s/%s", f->out, rel);
        if ((pages[n] = slurp(path, NULL)) == NULL)
            break;
        n++;
    }
    return n;
}

/* Listing pages end where the products say (listings.c, cut_pages): every page but the
 * last holds 15 to 50 products, all of them once. After a revocation only the page the
 * product left changes, and the first page (its counts): with pages of a fixed 30 every
 * page after it changed. The incremental build still equals a full one. */
static void listing_pages_stay(void **state)
{
    struct fx *f = *state;
    char *before[64], *after[64], full[PATH_MAX * 2];
    size_t nb, na, cards = 0, changed = 0;

    sql(f, many_products);
    build(f, 0, NULL);
    nb = star_pages(f, before, 64);
    assert_in_range(nb, 400 / 50, 400 / 15 + 1);
    for (size_t k = 0; k < nb; k++) {
        size_t n = count_of(before[k], "<article class=\"card\">");
        if (k + 1 < nb)
            assert_in_range(n, 15, 50);
        cards += n;
    }
    assert_int_equal(cards, 400); /* the fixture's four-star certificate is revoked */
    sql(f, "UPDATE certificate SET status = 'revoked' WHERE id = 300");
    build(f, 1, NULL);
    na = star_pages(f, after, 64);
    assert_in_range(na, nb - 1, nb);
    for (size_t k = 0; k < na; k++) {
        changed += strcmp(before[k], after[k]) != 0;
        free(after[k]);
    }
    for (size_t k = 0; k < nb; k++)
        free(before[k]);
    assert_in_range(changed, 1, 3);
    snprintf(full, sizeof(full), "%s/full", f->root);
    assert_int_equal(build_at(f, full, "/", 0, NULL), 0);
    assert_same_tree(f->out, full);
}

/* A writer holding the lock: the model is read by one connection instead of two
 * (db_twin_reader gives up), and the build is the same. */
static void build_beside_a_writer(void **state)
{
    struct fx *f = *state;
    char path[PATH_MAX * 2], alone[PATH_MAX * 2];
    struct db *w;

    sql(f, many_products);
    snprintf(path, sizeof(path), "%s/ocop.db", f->home);
    assert_non_null(w = db_open(path, 0));
    assert_int_equal(db_begin(w), 0);
    snprintf(alone, sizeof(alone), "%s/alone", f->root);
    assert_int_equal(build_at(f, alone, "/", 0, NULL), 0);
    db_rollback(w);
    db_close(w);
    build(f, 0, NULL);
    assert_same_tree(f->out, alone);
}

static void unchanged_and_incremental(void **state)
{
    struct fx *f = *state;
    struct site_stats st;
    ino_t before;
    char t1[256] = "", t2[256] = "";

    build(f, 0, &st);
    assert_int_equal(st.written, st.files);
    assert_int_equal(st.products, 4);
    assert_int_equal(st.certificates, 5);
    before = inode(f, "san-pham/mat-ong-bac-ha/index.html");
    assert_true(readlink(f->out, t1, sizeof(t1) - 1) > 0);
    build(f, 1, &st); /* nothing changed: nothing rendered from a template, nothing written */
    assert_int_equal(st.written, 0);
    assert_true(st.rendered < st.files / 4);
    assert_true(readlink(f->out, t2, sizeof(t2) - 1) > 0);
    assert_string_equal(t1, t2); /* incremental: in place, no new tree */
    assert_true(inode(f, "san-pham/mat-ong-bac-ha/index.html") == before);
    build(f, 0, &st); /* a full build renders all, and keeps every file as it was */
    assert_int_equal(st.rendered, st.files);
    assert_int_equal(st.written, 0);
    assert_int_equal(st.unchanged, st.files);
    assert_true(inode(f, "san-pham/mat-ong-bac-ha/index.html") == before);
}

static void a_change(void **state)
{
    struct fx *f = *state;
    struct site_stats st;
    char sig[SITE_SIG_MAX], built[SITE_SIG_MAX];
    ino_t honey, weave;
    int64_t today;
    char *p;

    parse_date(TODAY, &today);
    build(f, 0, &st);
    assert_int_equal(site_signature(f->db, today, sig), 0);
    assert_int_equal(site_built_signature(f->out, built), 0);
    assert_string_equal(sig, built);
    honey = inode(f, "san-pham/mat-ong-bac-ha/index.html");
    weave = inode(f, "san-pham/tho-cam-phu-loc/index.html");
    sql(f, "UPDATE certificate SET status = 'revoked', status_reason = 'Vi phạm nhãn — QĐ 7' "
           "WHERE id = 1; INSERT INTO certificate_event (certificate_id, kind, at, note) "
           "VALUES (1, 'revoked', 1760000000, 'Vi phạm nhãn — QĐ 7')");
    assert_int_equal(site_signature(f->db, today, sig), 0);
    assert_string_not_equal(sig, built);
    { /* what a rebuild killed before its commit leaves: files in the scratch folder */
        char dir[PATH_MAX + 32], leftover[PATH_MAX + 64];
        FILE *fp;
        snprintf(dir, sizeof(dir), "%s/" OUTDIR_SCRATCH, f->out);
        snprintf(leftover, sizeof(leftover), "%s/99999-0", dir);
        assert_int_equal(mkdir(dir, 0755), 0);
        assert_non_null(fp = fopen(leftover, "w"));
        fputs("<html>half a page", fp);
        fclose(fp);
        build(f, 1, &st);
        assert_int_equal(access(dir, F_OK), -1); /* emptied and removed */
    }
    assert_true(st.written > 0 && st.written < 25);
    p = page(f, "xac-minh/0001-2024-tinh-a/index.html");
    assert_has(p, "data-status=\"revoked\"", "after the revocation");
    assert_has(p, "Vi phạm nhãn — QĐ 7", "the reason");
    free(p);
    assert_true(inode(f, "san-pham/mat-ong-bac-ha/index.html") != honey);
    assert_true(inode(f, "san-pham/tho-cam-phu-loc/index.html") == weave);
    assert_int_equal(site_built_signature(f->out, built), 0);
    assert_string_equal(sig, built);
    p = page(f, "tin-moi.atom");
    assert_has(p, "<title>Thu hồi giấy chứng nhận: Mật ong bạc hà — 5 sao", "the feed");
    free(p);
}

static int count_builds(struct fx *f)
{
    DIR *d = opendir(f->home);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        n += !strncmp(e->d_name, "www.", 4) && strcmp(e->d_name, "www.lock");
    closedir(d);
    return n;
}

static void switch_and_prune(void **state)
{
    struct fx *f = *state;
    char other[PATH_MAX * 2], keep[PATH_MAX * 3], empty[PATH_MAX * 2];
    struct site_stats st;
    struct stat sb;
    FILE *k;

    /* `ocop init` makes www an empty folder: the first build takes its place */
    assert_int_equal(mkdir(f->out, 0755), 0);
    build(f, 0, NULL);
    assert_int_equal(lstat(f->out, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    build(f, 0, NULL);
    build(f, 1, NULL);
    build(f, 0, NULL);
    assert_int_equal(count_builds(f), 2); /* the current one and the one before */
    /* a folder that is not a build is never replaced */
    snprintf(other, sizeof(other), "%s/mine", f->root);
    assert_int_equal(mkdir(other, 0755), 0);
    snprintf(keep, sizeof(keep), "%s/keep.txt", other);
    assert_non_null(k = fopen(keep, "w"));
    fclose(k);
    assert_int_equal(build_at(f, other, "/", 0, &st), -1);
    assert_int_equal(stat(keep, &sb), 0);
    snprintf(keep, sizeof(keep), "%s/mine.1", f->root);
    assert_int_equal(stat(keep, &sb), -1); /* the partial build was removed */
    snprintf(empty, sizeof(empty), "%s/empty", f->root);
    assert_int_equal(mkdir(empty, 0755), 0);
    assert_int_equal(build_at(f, empty, "/", 0, &st), 0);
}

static void base_url(void **state)
{
    struct fx *f = *state;
    char out[PATH_MAX + 16];
    struct site_stats st;
    regex_t re;
    char *p;

    snprintf(out, sizeof(out), "%s/sub", f->root);
    assert_int_equal(build_at(f, out, "/ocop/site/", 0, &st), 0);
    snprintf(f->out, sizeof(f->out), "%s", out);
    assert_int_equal(regcomp(&re, "(href|src|action)=\"/([^o]|o[^c])", REG_EXTENDED | REG_NOSUB),
                     0);
    for (const char *const *rel =
             (const char *const[]){"index.html", "san-pham/mat-ong-bac-ha/index.html",
                                   "xac-minh/0001-2024-tinh-a/index.html", "tinh/tinh-a/index.html",
                                   "404.html", "tim-kiem/index.html", NULL};
         *rel; rel++) {
        p = page(f, *rel);
        if (regexec(&re, p, 0, NULL, 0) == 0)
            fail_msg("%s has a link outside /ocop/site/", *rel);
        assert_has(p, "href=\"/ocop/site/assets/site.css\"", *rel);
        free(p);
    }
    regfree(&re);
    p = page(f, "sitemap.xml");
    assert_has(p, "<loc>" SITE_URL "/ocop/site/san-pham/mat-ong-bac-ha/</loc>", "sitemap");
    free(p);
    p = page(f, "san-pham/mat-ong-bac-ha/index.html");
    assert_has(p, "src=\"/ocop/site/xac-minh/0001-2024-tinh-a/qr.svg\"", "qr");
    free(p);
    assert_int_equal(build_at(f, out, "ocop/", 0, &st), -1); /* refused before anything */
}

static void options(void **state)
{
    static const char *const good_base[] = {"/", "/x/", "/a/b-c_d.e~/"};
    static const char *const bad_base[] = {"",       "x/",    "/x",    "//",
                                           "/a/../", "/a b/", "/<x>/", "/a//b/"};
    static const char *const good_url[] = {"https://ocop.example.vn", "http://127.0.0.1:8080"};
    static const char *const bad_url[] = {"ftp://x",        "https://x/",   "https://x/p",
                                          "javascript:x()", "https://",     "https://a b",
                                          "http://x:",      "https://x\"y", "https://x:8a"};
    (void)state;
    for (size_t i = 0; i < sizeof(good_base) / sizeof(*good_base); i++)
        assert_true(site_base_ok(good_base[i]));
    for (size_t i = 0; i < sizeof(bad_base) / sizeof(*bad_base); i++)
        if (site_base_ok(bad_base[i]))
            fail_msg("base '%s' accepted", bad_base[i]);
    for (size_t i = 0; i < sizeof(good_url) / sizeof(*good_url); i++)
        assert_true(site_url_ok(good_url[i]));
    for (size_t i = 0; i < sizeof(bad_url) / sizeof(*bad_url); i++)
        if (site_url_ok(bad_url[i]))
            fail_msg("site URL '%s' accepted", bad_url[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(golden, setup, teardown),
        cmocka_unit_test_setup_teardown(no_active_content, setup, teardown),
        cmocka_unit_test_setup_teardown(statuses_and_places, setup, teardown),
        cmocka_unit_test_setup_teardown(unchanged_and_incremental, setup, teardown),
        cmocka_unit_test_setup_teardown(a_change, setup, teardown),
        cmocka_unit_test_setup_teardown(incremental_equals_full, setup, teardown),
        cmocka_unit_test_setup_teardown(listing_pages_stay, setup, teardown),
        cmocka_unit_test_setup_teardown(build_beside_a_writer, setup, teardown),
        cmocka_unit_test_setup_teardown(switch_and_prune, setup, teardown),
        cmocka_unit_test_setup_teardown(base_url, setup, teardown),
        cmocka_unit_test(options),
    };

    if (sodium_init() < 0)
        return 1;
    log_set_ident("test_site");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
