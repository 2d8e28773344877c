/*
 * synthetic.c — `ocop seed --synthetic N`: N certified products, deterministic (the same N
 * gives the same data), spread over 24 provinces (ten of them merged into another on
 * 1 July 2025), three test districts each, the six product groups and 3–5 stars, with
 * certificates valid, expired, revoked, reduced and renewed, their events, and a short
 * story per product under $OCOP_HOME/content/products/. Every row is marked demo = 1;
 * the districts, communes, producers and products are invented.
 */
#include "synthetic.h"
#include "cli_common.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const struct {
    const char *code, *name, *successor;
} provinces[] = {
    /* the successors first: a merged province names one that exists */
    {"tuyen-quang", "Tỉnh Tuyên Quang", NULL},
    {"lao-cai", "Tỉnh Lào Cai", NULL},
    {"thai-nguyen", "Tỉnh Thái Nguyên", NULL},
    {"phu-tho", "Tỉnh Phú Thọ", NULL},
    {"bac-ninh", "Tỉnh Bắc Ninh", NULL},
    {"ninh-binh", "Tỉnh Ninh Bình", NULL},
    {"quang-tri", "Tỉnh Quảng Trị", NULL},
    {"dak-lak", "Tỉnh Đắk Lắk", NULL},
    {"lam-dong", "Tỉnh Lâm Đồng", NULL},
    {"ha-tinh", "Tỉnh Hà Tĩnh", NULL},
    {"nghe-an", "Tỉnh Nghệ An", NULL},
    {"thanh-hoa", "Tỉnh Thanh Hóa", NULL},
    {"quang-ninh", "Tỉnh Quảng Ninh", NULL},
    {"son-la", "Tỉnh Sơn La", NULL},
    {"ha-giang", "Tỉnh Hà Giang", "tuyen-quang"},
    {"yen-bai", "Tỉnh Yên Bái", "lao-cai"},
    {"bac-kan", "Tỉnh Bắc Kạn", "thai-nguyen"},
    {"hoa-binh", "Tỉnh Hòa Bình", "phu-tho"},
    {"bac-giang", "Tỉnh Bắc Giang", "bac-ninh"},
    {"nam-dinh", "Tỉnh Nam Định", "ninh-binh"},
    {"quang-binh", "Tỉnh Quảng Bình", "quang-tri"},
    {"phu-yen", "Tỉnh Phú Yên", "dak-lak"},
    {"dak-nong", "Tỉnh Đắk Nông", "lam-dong"},
    {"lang-son", "Tỉnh Lạng Sơn", NULL},
};

/* Common commune names, found in many provinces. */
static const char *const communes[] = {
    "Tân Lập",  "Đồng Tâm",  "Hòa Bình",  "Quyết Thắng", "Thống Nhất", "Tân Tiến",
    "Hợp Tiến", "Minh Khai", "Đoàn Kết",  "Hưng Đạo",    "Phú Mỹ",     "Xuân Sơn",
    "Yên Lạc",  "Đức Hòa",   "Thanh Sơn", "Bình Minh",   "Tiên Phong", "Cẩm Bình",
};

static const struct {
    const char *name, *group, *material;
} bases[] = {
    {"Mật ong hoa rừng", "I.2.b", "mật ong của đàn ong nội"},
    {"Chè xanh", "I.5.a", "búp chè hái tay"},
    {"Cà phê rang xay", "I.6", "hạt cà phê chín đỏ"},
    {"Gạo thơm", "I.2.a", "lúa trồng trên ruộng bậc thang"},
    {"Nước mắm", "I.4.a", "cá cơm ủ chượp"},
    {"Miến dong", "I.3.b", "củ dong riềng"},
    {"Cam sành", "I.1.a", "cam chín cây"},
    {"Bưởi da xanh", "I.1.a", "bưởi trồng theo VietGAP"},
    {"Thịt lợn gác bếp", "I.3.d", "lợn bản nuôi thả"},
    {"Rượu ngô men lá", "II.1.a", "ngô nếp và men lá rừng"},
    {"Trà hoa vàng", "I.5.b", "hoa trà vàng phơi khô"},
    {"Tinh dầu quế", "III.3", "vỏ và lá quế"},
    {"Cao dược liệu", "III.1", "cây thuốc trồng dưới tán rừng"},
    {"Thổ cẩm", "IV.2", "sợi lanh nhuộm màu tự nhiên"},
    {"Giỏ mây tre đan", "IV.1", "mây và tre của vùng"},
    {"Lan hồ điệp", "V.1", "cây lan nhân giống tại vườn"},
    {"Du lịch cộng đồng", "VI.1", "nhà sàn và bản làng"},
    {"Tương ớt", "I.4.b", "ớt chỉ thiên"},
    {"Nước ép chanh leo", "II.2.b", "chanh leo tím"},
    {"Xà phòng thảo dược", "III.2", "thảo dược và dầu dừa"},
    {"Măng khô", "I.3.c", "măng rừng"},
    {"Trứng gà ri", "I.1.b", "gà ri thả vườn"},
};

static const char *const kinds[][2] = {
    {"cooperative", "Hợp tác xã"}, {"household", "Hộ kinh doanh"}, {"enterprise", "Công ty TNHH"},
    {"coop_group", "Tổ hợp tác"},  {"cooperative", "Hợp tác xã"},  {"farm", "Trang trại"},
};

#define DISTRICTS 3
#define COMMUNES  5 /* per district */

struct gen {
    struct db *db;
    const char *home;
    int64_t today;
    long offset; /* numbers already used: every run adds new slugs and numbers */
    int64_t subject;
};

/* ---- areas ---- */

static int add_area(struct db *db, const char *code, const char *name, const char *level,
                    const char *parent, const char *valid_to, const char *successor)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO area (code, name, level, parent, "
                                   "valid_from, valid_to, successor, demo) "
                                   "VALUES (?, ?, ?, ?, '2019-01-01', ?, ?, 1)");

    if (st == NULL || db_bind_text(st, 1, code) || db_bind_text(st, 2, name) ||
        db_bind_text(st, 3, level) || (parent && db_bind_text(st, 4, parent)) ||
        (valid_to && db_bind_text(st, 5, valid_to)) ||
        (successor && db_bind_text(st, 6, successor)))
        return -1;
    return db_step_done(db, st);
}

static void commune_code(size_t p, int d, int k, char *out, size_t size)
{
    struct buf slug = BUF_INIT;
    const char *name = communes[(p * 5 + (size_t)d * 3 + (size_t)k) % ARRAY_LEN(communes)];

    text_slug(name, strlen(name), 60, &slug);
    snprintf(out, size, "%s/huyen-thu-nghiem-%d/%s", provinces[p].code, d + 1,
             slug.data ? slug.data : "xa");
    buf_free(&slug);
}

static int add_areas(struct db *db)
{
    char code[200], name[200], parent[120];

    for (size_t p = 0; p < ARRAY_LEN(provinces); p++) {
        if (add_area(db, provinces[p].code, provinces[p].name, "province", NULL,
                     provinces[p].successor ? "2025-07-01" : NULL, provinces[p].successor))
            return -1;
        for (int d = 0; d < DISTRICTS; d++) {
            snprintf(parent, sizeof(parent), "%s/huyen-thu-nghiem-%d", provinces[p].code, d + 1);
            snprintf(name, sizeof(name), "Huyện thử nghiệm %d", d + 1);
            if (add_area(db, parent, name, "district", provinces[p].code, "2025-07-01", NULL))
                return -1;
            for (int k = 0; k < COMMUNES; k++) {
                commune_code(p, d, k, code, sizeof(code));
                snprintf(name, sizeof(name), "Xã %s",
                         communes[(p * 5 + (size_t)d * 3 + (size_t)k) % ARRAY_LEN(communes)]);
                if (add_area(db, code, name, "commune", parent, NULL, NULL))
                    return -1;
            }
        }
    }
    return 0;
}

/* ---- dates ---- */

static void day_plus(const char *iso, long days, char out[11])
{
    int64_t t;

    parse_date(iso, &t);
    format_date(t + (int64_t)days * 86400, out);
}

/* The last day of a 36-month validity from issued. */
static void valid_until(const char *issued, char out[11])
{
    char next[16];

    snprintf(next, sizeof(next), "%04d%.6s", (atoi(issued) + 3) % 10000, issued + 4);
    if (!strcmp(next + 4, "-02-29"))
        memcpy(next + 5, "03-01", 5);
    day_plus(next, -1, out);
}

static int64_t epoch(const char *iso)
{
    int64_t t = 0;

    parse_date(iso, &t);
    return t;
}

/* ---- rows ---- */

static int64_t add_subject(struct gen *g, long i, const char *area, const char *commune)
{
    sqlite3_stmt *st = db_stmt(g->db, "INSERT INTO subject (kind, name, registration_no, "
                                      "area_code, demo, created_at) VALUES (?, ?, ?, ?, 1, 0)");
    char name[300], reg[40];
    size_t k = (size_t)(i / 2) % ARRAY_LEN(kinds);

    snprintf(name, sizeof(name), "%s %s số %ld (tổng hợp)", kinds[k][1], commune,
             g->offset + i / 2 + 1);
    snprintf(reg, sizeof(reg), "SYN-%06ld", g->offset + i / 2 + 1);
    if (st == NULL || db_bind_text(st, 1, kinds[k][0]) || db_bind_text(st, 2, name) ||
        db_bind_text(st, 3, reg) || db_bind_text(st, 4, area) || db_step_done(g->db, st))
        return -1;
    return sqlite3_last_insert_rowid(g->db->h);
}

static int64_t add_product(struct gen *g, long i, const char *name, const char *slug,
                           const char *group, const char *area)
{
    sqlite3_stmt *st = db_stmt(g->db, "INSERT INTO product (subject_id, name, slug, group_regime, "
                                      "group_code, area_code, demo, created_at) "
                                      "VALUES (?, ?, ?, '148', ?, ?, 1, 0)");

    (void)i;
    if (st == NULL || db_bind_int(st, 1, g->subject) || db_bind_text(st, 2, name) ||
        db_bind_text(st, 3, slug) || db_bind_text(st, 4, group) || db_bind_text(st, 5, area) ||
        db_step_done(g->db, st))
        return -1;
    return sqlite3_last_insert_rowid(g->db->h);
}

static int add_event(struct gen *g, int64_t cert, const char *kind, const char *day,
                     const char *note)
{
    sqlite3_stmt *st = db_stmt(g->db, "INSERT INTO certificate_event (certificate_id, kind, at, "
                                      "note) VALUES (?, ?, ?, ?)");

    if (st == NULL || db_bind_int(st, 1, cert) || db_bind_text(st, 2, kind) ||
        db_bind_int(st, 3, epoch(day)) || db_bind_text(st, 4, note))
        return -1;
    return db_step_done(g->db, st);
}

struct cert_in {
    int64_t product;
    const char *province, *district, *issued;
    int stars;
    long seq;
    const char *status, *reason, *first_event;
};

/* A certificate and its events; *until gets its last day. */
static int64_t add_cert(struct gen *g, const struct cert_in *c, char until[11])
{
    sqlite3_stmt *st = db_stmt(
        g->db, "INSERT INTO certificate (product_id, province, year, number, stars, "
               "issuer_level, issuer_area, regime, decision_no, decision_date, issued, "
               "valid_until, status, status_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
               "?, ?)");
    const int regime148 = strcmp(c->issued, "2023-02-24") >= 0;
    const char *level = c->stars == 5                ? "central"
                        : c->stars == 3 && regime148 ? "district"
                                                     : "province";
    char number[64], decision[64], up[48];
    int64_t id;
    size_t k;

    for (k = 0; c->province[k] && k < sizeof(up) - 1; k++)
        up[k] = (char)(c->province[k] >= 'a' && c->province[k] <= 'z' ? c->province[k] - 32
                                                                      : c->province[k]);
    up[k] = '\0';
    valid_until(c->issued, until);
    snprintf(number, sizeof(number), "T%06ld/%d/%s", c->seq, atoi(c->issued), up);
    snprintf(decision, sizeof(decision), "%ld/QĐ-UBND (tổng hợp)", 100 + c->seq % 900);
    if (st == NULL || db_bind_int(st, 1, c->product) || db_bind_text(st, 2, c->province) ||
        db_bind_int(st, 3, atoi(c->issued)) || db_bind_text(st, 4, number) ||
        db_bind_int(st, 5, c->stars) || db_bind_text(st, 6, level) ||
        (strcmp(level, "central") &&
         db_bind_text(st, 7, !strcmp(level, "district") ? c->district : c->province)) ||
        db_bind_text(st, 8, regime148 ? "148" : "1048") || db_bind_text(st, 9, decision) ||
        db_bind_text(st, 10, c->issued) || db_bind_text(st, 11, c->issued) ||
        db_bind_text(st, 12, until) || db_bind_text(st, 13, c->status) ||
        (c->reason && db_bind_text(st, 14, c->reason)) || db_step_done(g->db, st))
        return -1;
    id = sqlite3_last_insert_rowid(g->db->h);
    return add_event(g, id, c->first_event, c->issued, decision) == 0 ? id : -1;
}

/* The event that ended a certificate, if one did: revoked or reduced some months after
 * issue, expired the day after its last day. */
static int end_event(struct gen *g, int64_t id, const struct cert_in *c, const char *until, long i)
{
    char day[11];

    if (!strcmp(c->status, "expired")) {
        day_plus(until, 1, day);
        return add_event(g, id, "expired", day, "hết thời hạn hiệu lực");
    }
    if (strcmp(c->status, "valid") == 0)
        return 0;
    day_plus(c->issued, 200 + i % 300, day);
    return add_event(g, id, c->status, day, c->reason);
}

/* The certificate history of product i: granted, then expired, revoked or reduced, and
 * for every tenth lapsed one a renewal the day after. */
static int add_certs(struct gen *g, long i, int64_t product, const char *province,
                     const char *district)
{
    static const char *const why_revoked = "Kiểm tra sau công nhận: chủ thể ngừng sản xuất "
                                           "(dữ liệu tổng hợp)";
    static const char *const why_reduced = "Kiểm tra sau công nhận: không còn đạt tiêu chí "
                                           "hạng sao (dữ liệu tổng hợp)";
    char issued[11], until[11], today[11];
    int r = (int)(i % 100), stars = r < 2 ? 5 : r < 35 ? 4 : 3;
    long span = 2128; /* days from 2019-09-01 to 2025-06-30 */
    struct cert_in c = {product,           province, district, issued,   stars,
                        g->offset + i + 1, "valid",  NULL,     "granted"};
    int64_t id;

    format_date(g->today, today);
    day_plus("2019-09-01", (i * 37) % span, issued);
    valid_until(issued, until);
    if (i % 25 == 7) {
        c.status = "revoked";
        c.reason = why_revoked;
    } else if (i % 25 == 13) {
        c.status = "reduced";
        c.reason = why_reduced;
    } else if (strcmp(until, today) < 0) {
        c.status = "expired";
        c.reason = "hết thời hạn hiệu lực";
    }
    if ((id = add_cert(g, &c, until)) < 0 || end_event(g, id, &c, until, i) != 0)
        return -1;
    if (strcmp(c.status, "expired") != 0 || i % 10 != 3)
        return 0;
    day_plus(until, 1, issued);
    if (strcmp(issued, today) > 0)
        return 0;
    valid_until(issued, until);
    c.seq += SYNTHETIC_MAX; /* numbers stay unique */
    c.first_event = "renewed";
    c.status = strcmp(until, today) < 0 ? "expired" : "valid";
    c.reason = strcmp(until, today) < 0 ? "hết thời hạn hiệu lực" : NULL;
    if ((id = add_cert(g, &c, until)) < 0)
        return -1;
    return end_event(g, id, &c, until, i);
}

/* ---- stories ---- */

static int write_story(struct gen *g, const char *slug, const char *name, long i,
                       const char *producer_place)
{
    char path[PATH_MAX + 300];
    FILE *f;

    snprintf(path, sizeof(path), "%s/content/products/%s.md", g->home, slug);
    if ((f = fopen(path, "w")) == NULL) {
        fprintf(stderr, "ocop seed: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(f,
            "*Dữ liệu tổng hợp để thử nghiệm, không phải sản phẩm có thật.*\n\n"
            "%s được làm từ %s của %s.\n\n"
            "### Cách làm\n\n"
            "Sản phẩm được sơ chế, chế biến và đóng gói tại chỗ; mỗi lô ghi ngày sản xuất để "
            "truy xuất nguồn gốc.\n",
            name, bases[(size_t)i % ARRAY_LEN(bases)].material, producer_place);
    return fclose(f) == 0 ? 0 : -1;
}

static int make_story_dirs(const char *home)
{
    char path[PATH_MAX + 32];

    snprintf(path, sizeof(path), "%s/content", home);
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        return -1;
    snprintf(path, sizeof(path), "%s/content/products", home);
    return mkdir(path, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

/* ---- one product ---- */

static int add_one(struct gen *g, long i)
{
    size_t np = ARRAY_LEN(provinces), slot = (size_t)(i * 7) % (np * DISTRICTS * COMMUNES);
    size_t p = slot / (DISTRICTS * COMMUNES);
    int d = (int)(slot / COMMUNES % DISTRICTS), k = (int)(slot % COMMUNES);
    const char *commune = communes[(p * 5 + (size_t)d * 3 + (size_t)k) % ARRAY_LEN(communes)];
    char area[200], district[120], name[300], place[400];
    struct buf slug = BUF_INIT;
    int64_t product;
    int rc = -1;

    commune_code(p, d, k, area, sizeof(area));
    snprintf(district, sizeof(district), "%s/huyen-thu-nghiem-%d", provinces[p].code, d + 1);
    snprintf(name, sizeof(name), "%s %s", bases[(size_t)i % ARRAY_LEN(bases)].name, commune);
    if (i % 2 == 0 && (g->subject = add_subject(g, i, area, commune)) < 0)
        goto out;
    if (text_slug(name, strlen(name), 80, &slug) != 0 ||
        buf_printf(&slug, "-%ld", g->offset + i + 1) != 0)
        goto out;
    product = add_product(g, i, name, slug.data, bases[(size_t)i % ARRAY_LEN(bases)].group, area);
    snprintf(place, sizeof(place), "các hộ ở xã %s, %s", commune, provinces[p].name);
    if (product < 0 || add_certs(g, i, product, provinces[p].code, district) != 0 ||
        write_story(g, slug.data, name, i, place) != 0)
        goto out;
    rc = 0;
out:
    buf_free(&slug);
    return rc;
}

int cli_seed_synthetic(struct db *db, const char *home, long n)
{
    struct gen g = {.db = db, .home = home};
    sqlite3_stmt *st;
    time_t now = time(NULL);

    g.today = cli_cfg.today ? cli_cfg.today : now - now % 86400;
    if (make_story_dirs(home) != 0) {
        fprintf(stderr, "ocop seed: cannot create %s/content/products\n", home);
        return -1;
    }
    if (db_begin(db) != 0 ||
        (st = db_stmt(db, "SELECT coalesce(max(id), 0) FROM product")) == NULL ||
        db_step_row(db, st) != 1)
        goto fail;
    g.offset = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (add_areas(db) != 0)
        goto fail;
    for (long i = 0; i < n; i++)
        if (add_one(&g, i) != 0)
            goto fail;
    if (db_commit(db) != 0)
        goto fail;
    printf("synthetic data loaded: %ld certified products over %zu provinces (stories in "
           "%s/content/products)\n",
           n, ARRAY_LEN(provinces), home);
    return 0;
fail:
    db_rollback(db);
    fprintf(stderr, "ocop seed: %s; nothing was loaded\n", sqlite3_errmsg(db->h));
    return -1;
}
