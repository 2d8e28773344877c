/*
 * ocop-support.c — bin/ocop-support.fcgi: support payments to certified products,
 * each checked by the province's rules before it is saved (rules_support_allowed:
 * the declared caps, then the province's own Lua rule); the plan's budget lines
 * against what was paid; the plan's targets against what the database shows, as bar
 * charts in inline SVG; the reporting deadlines; CSV and XLSX exports.
 *
 * Who: the province office (role province) of its province, or an admin, records
 * payments; officials of the province read. Every payment is in the audit trail.
 */
#include "app.h"
#include "dossier.h"
#include "export.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the province of the official, and its rules ---- */

struct scope {
    char province[64];
    const struct rules_area *a;
    int year;
};

static int year_of(int64_t day)
{
    time_t t = (time_t)day;
    struct tm tm;

    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

static const struct field year_fields[] = {
    {"year", FIELD_INT, 0, 2018, 2100, NULL, "Năm"},
    {"province", FIELD_SLUG, 0, 1, 63, NULL, "Tỉnh"},
};

/* The province (the official's, or ?province= for an admin) and the year asked for. */
static int scope_of(struct request *rq, struct reply *rp, struct scope *s)
{
    struct field_value v[2];
    const char *prov = rq->session->area;

    if (validate_query(rq, rp, year_fields, 2, v) != 0)
        return -1;
    if (rq->session->role == ROLE_ADMIN && v[1].present)
        prov = v[1].s;
    snprintf(s->province, sizeof(s->province), "%.*s", (int)strcspn(prov, "/"), prov);
    s->a = rules_get(rt.rules, s->province);
    if (s->a == NULL)
        return reply_error(rp, 404, "rules", "Tỉnh này chưa có quy tắc.");
    s->year = v[0].present ? (int)v[0].i : year_of(app_today());
    return 0;
}

static int office(const struct session *s)
{
    return s->role == ROLE_PROVINCE || s->role == ROLE_ADMIN;
}

/* ---- payments ---- */

static const char SQL_PAYMENTS[] =
    "SELECT s.id, s.year, s.category, s.amount, coalesce(s.budget_line, '') AS budget_line, "
    "s.decision_no, s.decision_date, p.name AS product, p.slug, sb.name AS subject "
    "FROM support s JOIN product p ON p.id = s.product_id JOIN subject sb ON sb.id = s.subject_id "
    "WHERE s.province = ? AND s.year = ? ORDER BY s.decision_date, s.id";

static const char SQL_CERTIFIED[] =
    "SELECT p.id, p.name, s.name AS subject, max(c.stars) AS stars FROM product p "
    "JOIN subject s ON s.id = p.subject_id JOIN certificate c ON c.product_id = p.id "
    "WHERE c.province = ? AND c.status = 'valid' GROUP BY p.id ORDER BY p.name";

static const char *category_label(const char *name)
{
    for (int i = 0; i < SUPPORT__MAX; i++)
        if (!strcmp(name, support_category_names[i]))
            return support_category_labels[i];
    return name;
}

static json_t *payments_of(const struct scope *s)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_PAYMENTS);
    json_t *list, *e;
    size_t i;

    if (st == NULL || db_bind_text(st, 1, s->province) || db_bind_int(st, 2, s->year) ||
        (list = db_rows_json(rt.db, st)) == NULL)
        return NULL;
    json_array_foreach(list, i, e) json_object_set_new(
        e, "category_label",
        json_string(category_label(json_string_value(json_object_get(e, "category")))));
    return list;
}

static json_t *categories_json(void)
{
    json_t *list = json_array();

    for (int i = 0; i < SUPPORT__MAX; i++)
        json_array_append_new(list, json_pack("{s:s,s:s}", "code", support_category_names[i],
                                              "label", support_category_labels[i]));
    return list;
}

static int support_page(struct request *rq, struct reply *rp, const struct scope *s, int status,
                        const char *error, json_t *typed)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_CERTIFIED);
    json_t *payments = payments_of(s), *products, *data;

    if (payments == NULL || st == NULL || db_bind_text(st, 1, s->province) ||
        (products = db_rows_json(rt.db, st)) == NULL) {
        json_decref(payments);
        json_decref(typed);
        return reply_db_error(rp);
    }
    data = json_pack("{s:s,s:i,s:o,s:o,s:o,s:b}", "province", s->province, "year", s->year,
                     "payments", payments, "products", products, "categories", categories_json(),
                     "can_record", office(rq->session));
    if (error)
        json_object_set_new(data, "form_error", json_string(error));
    if (typed)
        json_object_set_new(data, "typed", typed);
    reply_set(rp, status, "app/support", data);
    return status < 400 ? 0 : -1;
}

static int get_support(struct request *rq, struct reply *rp)
{
    struct scope s;

    if (scope_of(rq, rp, &s) != 0)
        return -1;
    return support_page(rq, rp, &s, 200, NULL, NULL);
}

static const char *const category_choices[] = {
    "packaging",  "quality_test", "trademark", "certification", "trade_promotion",
    "consulting", "sales_point",  "training",  "star_reward",   NULL};

static const struct field payment_fields[] = {
    {"product_id", FIELD_INT, 1, 1, INT64_MAX, NULL, "Sản phẩm"},
    {"category", FIELD_ENUM, 1, 0, 0, category_choices, "Nội dung hỗ trợ"},
    {"amount", FIELD_INT, 1, 1, 100000000000LL, NULL, "Số tiền (đồng)"},
    {"decision_no", FIELD_TEXT, 1, 1, 64, NULL, "Số quyết định"},
    {"decision_date", FIELD_DATE, 1, 0, 0, NULL, "Ngày quyết định"},
    {"budget_line", FIELD_TEXT, 0, 1, 32, NULL, "Dòng kinh phí"},
};
enum { PF_PRODUCT, PF_CATEGORY, PF_AMOUNT, PF_DECISION, PF_DATE, PF_LINE, PF__N };

/* What the rules need to know of a product: its code, type (sub-group), organisation,
 * stars now and before, and the recognition behind them. */
struct product_facts {
    char slug[128], group[20], org[24], area[128];
    int64_t subject_id;
    struct rules_product p;
};

static const char SQL_PRODUCT_FACTS[] =
    "SELECT p.slug, p.group_code, p.subject_id, p.area_code, "
    "(SELECT stars FROM certificate c WHERE c.product_id = p.id AND c.status = 'valid' "
    " ORDER BY c.issued DESC LIMIT 1), "
    "(SELECT issuer_level FROM certificate c WHERE c.product_id = p.id AND c.status = 'valid' "
    " ORDER BY c.issued DESC LIMIT 1), "
    "(SELECT issued FROM certificate c WHERE c.product_id = p.id AND c.status = 'valid' "
    " ORDER BY c.issued DESC LIMIT 1), "
    "(SELECT stars FROM certificate c WHERE c.product_id = p.id ORDER BY c.issued DESC "
    " LIMIT 1 OFFSET 1) FROM product p WHERE p.id = ?";

static int product_facts(int64_t id, struct product_facts *f)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_PRODUCT_FACTS);
    char level[16] = "", issued[11] = "";
    int rc, lv;

    memset(f, 0, sizeof(*f));
    if (st == NULL || db_bind_int(st, 1, id))
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1) {
        db_col_text(st, 0, f->slug, sizeof(f->slug));
        db_col_text(st, 1, f->group, sizeof(f->group));
        f->subject_id = sqlite3_column_int64(st, 2);
        db_col_text(st, 3, f->area, sizeof(f->area));
        f->p.stars = sqlite3_column_int(st, 4);
        db_col_text(st, 5, level, sizeof(level));
        db_col_text(st, 6, issued, sizeof(issued));
        f->p.prev_stars = sqlite3_column_int(st, 7);
    }
    sqlite3_reset(st);
    snprintf(f->org, sizeof(f->org), "%lld", (long long)f->subject_id);
    f->p.code = f->slug;
    f->p.type = f->group;
    f->p.org = f->org;
    f->p.group = f->group;
    lv = rules_level_from(level);
    f->p.recognised_by = lv >= 0 ? (enum rules_level)lv : LEVEL_PROVINCE;
    if (issued[0] && parse_date(issued, &f->p.recognised) != 0)
        f->p.recognised = 0;
    return rc;
}

static const char SQL_HISTORY[] =
    "SELECT p.slug, p.group_code, s.subject_id, s.category, s.amount, s.decision_date "
    "FROM support s JOIN product p ON p.id = s.product_id WHERE s.subject_id = ? LIMIT ?";

/* The organisation's earlier payments, for the caps: 0 with *out and *n set; 1 when it
 * has more than the rules take (RULES_MAX_HISTORY: a verdict on part of them would be
 * no verdict); -1 on a database error. */
static int history_of(struct pool *pool, int64_t subject, struct rules_payment **out, size_t *n)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_HISTORY);
    struct rules_payment *h = pool_alloc(pool, sizeof(*h) * RULES_MAX_HISTORY);
    int rc = 0;

    *n = 0;
    if (h == NULL || st == NULL || db_bind_int(st, 1, subject) ||
        db_bind_int(st, 2, RULES_MAX_HISTORY + 1))
        return -1;
    while ((rc = db_step_row(rt.db, st)) == 1) {
        if (*n == RULES_MAX_HISTORY) {
            sqlite3_reset(st);
            return 1;
        }
        struct rules_payment *p = &h[*n];
        char org[24];
        snprintf(org, sizeof(org), "%lld", (long long)sqlite3_column_int64(st, 2));
        p->product = pool_strdup(pool, (const char *)sqlite3_column_text(st, 0));
        p->type = pool_strdup(pool, (const char *)sqlite3_column_text(st, 1));
        p->org = pool_strdup(pool, org);
        p->category = SUPPORT_PACKAGING;
        for (int c = 0; c < SUPPORT__MAX; c++)
            if (!strcmp((const char *)sqlite3_column_text(st, 3), support_category_names[c]))
                p->category = (enum support_category)c;
        p->amount = sqlite3_column_int64(st, 4);
        if (parse_date((const char *)sqlite3_column_text(st, 5), &p->date) != 0)
            p->date = 0;
        (*n)++;
    }
    sqlite3_reset(st);
    *out = h;
    return rc < 0 ? -1 : 0;
}

static const char SQL_PAYMENT_INSERT[] =
    "INSERT INTO support (product_id, subject_id, province, year, category, amount, budget_line, "
    "decision_no, decision_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?)";

/* Is code a line of the year's budget in the rules? */
static int budget_line_known(const struct rules_area *a, int year, const char *code)
{
    const struct rules_budget_line *b;
    int64_t total;
    size_t n = rules_budget(a, year, &b, &total);

    for (size_t i = 0; i < n; i++)
        if (b[i].code && !strcmp(b[i].code, code))
            return 1;
    return 0;
}

static int save_payment(struct request *rq, const struct field_value *v,
                        const struct product_facts *f, const char *province, int year)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_PAYMENT_INSERT);
    char ids[24];

    if (st == NULL || db_bind_int(st, 1, v[PF_PRODUCT].i) || db_bind_int(st, 2, f->subject_id) ||
        db_bind_text(st, 3, province) || db_bind_int(st, 4, year) ||
        db_bind_text(st, 5, v[PF_CATEGORY].s) || db_bind_int(st, 6, v[PF_AMOUNT].i) ||
        db_bind_text(st, 7, v[PF_LINE].present ? v[PF_LINE].s : NULL) ||
        db_bind_text(st, 8, v[PF_DECISION].s) || db_bind_text(st, 9, v[PF_DATE].s) ||
        db_bind_int(st, 10, rq->session->user_id) || db_bind_int(st, 11, (int64_t)time(NULL)) ||
        db_step_done(rt.db, st) != 0)
        return -1;
    snprintf(ids, sizeof(ids), "%lld", (long long)sqlite3_last_insert_rowid(rt.db->h));
    return audit_log_new(rt.db, rq->session->user_id, "support_record", "support", ids,
                         json_pack("{s:I,s:s,s:I,s:s}", "product_id", (json_int_t)v[PF_PRODUCT].i,
                                   "category", v[PF_CATEGORY].s, "amount",
                                   (json_int_t)v[PF_AMOUNT].i, "decision_no", v[PF_DECISION].s),
                         rq->remote_addr);
}

static int post_support(struct request *rq, struct reply *rp)
{
    struct field_value v[PF__N];
    struct field_error fe;
    struct product_facts f;
    struct rules_verdict verdict;
    struct rules_payment *hist;
    struct scope s;
    size_t nhist;
    char msg[512];
    int rc;

    if (scope_of(rq, rp, &s) != 0)
        return -1;
    if (!office(rq->session))
        return reply_error(rp, 403, "forbidden", "Chỉ văn phòng OCOP cấp tỉnh ghi khoản hỗ trợ.");
    if (http_validate(rq->pool, payment_fields, PF__N, &rq->form, v, &fe) != 0)
        return support_page(rq, rp, &s, 422, fe.message,
                            typed_values(payment_fields, PF__N, &rq->form));
    if ((rc = product_facts(v[PF_PRODUCT].i, &f)) <= 0 || !area_covers(s.province, f.area))
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    s.year = year_of(v[PF_DATE].i);
    if (v[PF_LINE].present && !budget_line_known(s.a, s.year, v[PF_LINE].s))
        return support_page(rq, rp, &s, 422, "Dòng kinh phí không có trong kế hoạch của năm.",
                            typed_values(payment_fields, PF__N, &rq->form));
    if ((rc = history_of(rq->pool, f.subject_id, &hist, &nhist)) < 0)
        return reply_db_error(rp);
    if (rc > 0)
        return support_page(rq, rp, &s, 422,
                            "Chủ thể này đã có hơn 10.000 khoản hỗ trợ: hệ thống không kiểm tra "
                            "được hạn mức trên chừng ấy khoản. Xin báo quản trị viên.",
                            typed_values(payment_fields, PF__N, &rq->form));
    if (rules_support_allowed(dossier_rules(rt.rules, f.area), v[PF_DATE].i, &f.p,
                              (enum support_category)v[PF_CATEGORY].i, v[PF_AMOUNT].i, hist, nhist,
                              &verdict) != 0 ||
        !verdict.ok) {
        snprintf(msg, sizeof(msg), "Quy tắc của tỉnh không cho phép khoản hỗ trợ này: %s",
                 verdict.reason);
        return support_page(rq, rp, &s, 422, msg, typed_values(payment_fields, PF__N, &rq->form));
    }
    if (db_begin(rt.db) != 0 || save_payment(rq, v, &f, s.province, s.year) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    char path[64];
    snprintf(path, sizeof(path), "/app/support?year=%d", s.year);
    return reply_redirect(rp, path);
}

/* ---- budget: planned against paid ---- */

static const char SQL_PAID_BY_LINE[] =
    "SELECT coalesce(budget_line, ''), sum(amount) FROM support WHERE province = ? AND year = ? "
    "GROUP BY budget_line";

/* The year's budget lines with what was paid against each (a line's paid includes its
 * sub-lines'); NULL when the year has no budget, or on error (*err). */
static json_t *budget_json(const struct scope *s, int *err)
{
    const struct rules_budget_line *b;
    sqlite3_stmt *st;
    int64_t total, paid_total = 0, *paid;
    size_t n = rules_budget(s->a, s->year, &b, &total), i;
    json_t *lines, *out;
    int rc;

    *err = 0;
    if (total < 0)
        return NULL;
    paid = calloc(n + 1, sizeof(*paid));
    st = db_stmt(rt.db, SQL_PAID_BY_LINE);
    if (paid == NULL || st == NULL || db_bind_text(st, 1, s->province) ||
        db_bind_int(st, 2, s->year)) {
        free(paid);
        *err = 1;
        return NULL;
    }
    while ((rc = db_step_row(rt.db, st)) == 1) {
        const char *code = (const char *)sqlite3_column_text(st, 0);
        int64_t sum = sqlite3_column_int64(st, 1);
        paid_total += sum;
        for (i = 0; i < n; i++)
            if (b[i].code && !strcmp(b[i].code, code))
                for (int k = (int)i; k >= 0; k = b[k].parent) /* the line and its parents */
                    paid[k] += sum;
    }
    sqlite3_reset(st);
    lines = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(
            lines, json_pack("{s:s?,s:s,s:s?,s:i,s:I,s:o,s:o,s:o,s:b}", "code", b[i].code, "label",
                             b[i].label, "owner", b[i].owner, "depth", b[i].depth, "planned",
                             (json_int_t)b[i].amount, "planned_text", json_money(b[i].amount),
                             "paid_text", json_money(paid[i]), "remaining_text",
                             json_money(b[i].amount - paid[i]), "over", paid[i] > b[i].amount));
    out = json_pack("{s:o,s:I,s:o,s:o,s:o}", "lines", lines, "total", (json_int_t)total,
                    "total_text", json_money(total), "paid_text", json_money(paid_total),
                    "remaining_text", json_money(total - paid_total));
    free(paid);
    *err = rc < 0;
    return out;
}

/* What was paid in each district of the province (by the product's place). */
static const char SQL_PAID_BY_DISTRICT[] =
    "SELECT coalesce(a.code, p.area_code) AS code, coalesce(a.name, p.area_code) AS name, "
    "sum(s.amount) AS paid FROM support s JOIN product p ON p.id = s.product_id "
    "LEFT JOIN area a ON a.code = substr(p.area_code, 1, instr(p.area_code || '/', '/') + "
    "instr(substr(p.area_code, instr(p.area_code, '/') + 1) || '/', '/') - 1) "
    "WHERE s.province = ? AND s.year = ? GROUP BY 1 ORDER BY 2";

static json_t *districts_json(const struct scope *s)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_PAID_BY_DISTRICT);
    json_t *list, *e;
    size_t i;

    if (st == NULL || db_bind_text(st, 1, s->province) || db_bind_int(st, 2, s->year) ||
        (list = db_rows_json(rt.db, st)) == NULL)
        return NULL;
    json_array_foreach(list, i, e) json_object_set_new(
        e, "paid_text", json_money(json_integer_value(json_object_get(e, "paid"))));
    return list;
}

static int get_budget(struct request *rq, struct reply *rp)
{
    struct scope s;
    json_t *budget, *districts;
    int err;

    if (scope_of(rq, rp, &s) != 0)
        return -1;
    budget = budget_json(&s, &err);
    if (err || (districts = districts_json(&s)) == NULL) {
        json_decref(budget);
        return reply_db_error(rp);
    }
    reply_set(rp, 200, "app/budget",
              json_pack("{s:s,s:i,s:o,s:o}", "province", s.province, "year", s.year, "budget",
                        budget ? budget : json_null(), "districts", districts));
    return 0;
}

/* ---- targets against the database, and reporting deadlines ---- */

/* The measures the database can give, by the target codes rule files use. */
static const struct {
    const char *code, *sql;
} measures[] = {
    {"products_entered", "SELECT count(DISTINCT product_id) FROM dossier WHERE province = ?1 AND "
                         "year = ?2"},
    {"subjects_entered", "SELECT count(DISTINCT p.subject_id) FROM dossier d JOIN product p ON "
                         "p.id = d.product_id WHERE d.province = ?1 AND d.year = ?2"},
    {"products_certified", "SELECT count(*) FROM certificate WHERE province = ?1 AND year = ?2"},
    {"products_3star_plus",
     "SELECT count(*) FROM certificate WHERE province = ?1 AND year = ?2 AND stars >= 3"},
    {"products_4star_plus",
     "SELECT count(*) FROM certificate WHERE province = ?1 AND year = ?2 AND stars >= 4"},
    {"products_new", "SELECT count(*) FROM certificate c WHERE province = ?1 AND year = ?2 AND "
                     "NOT EXISTS (SELECT 1 FROM certificate e WHERE e.product_id = c.product_id "
                     "AND e.id < c.id)"},
    {"products_3star", "SELECT count(*) FROM certificate WHERE province = ?1 AND year = ?2 AND "
                       "stars >= 3"},
    {"products_new_3star",
     "SELECT count(*) FROM certificate c WHERE province = ?1 AND year = ?2 AND stars >= 3 AND "
     "NOT EXISTS (SELECT 1 FROM certificate e WHERE e.product_id = c.product_id AND e.id < c.id)"},
    {"products_keep_3star",
     "SELECT count(*) FROM certificate c WHERE province = ?1 AND year = ?2 AND stars >= 3 AND "
     "c.stars = (SELECT e.stars FROM certificate e WHERE e.product_id = c.product_id AND "
     "e.id < c.id ORDER BY e.id DESC LIMIT 1)"},
    {"products_upgrade_4star",
     "SELECT count(*) FROM certificate c WHERE province = ?1 AND year = ?2 AND stars = 4 AND "
     "(SELECT e.stars FROM certificate e WHERE e.product_id = c.product_id AND e.id < c.id "
     "ORDER BY e.id DESC LIMIT 1) = 3"},
    {"coops_participating",
     "SELECT count(DISTINCT s.id) FROM dossier d JOIN product p ON p.id = d.product_id JOIN "
     "subject s ON s.id = p.subject_id WHERE d.province = ?1 AND d.year = ?2 AND "
     "s.kind = 'cooperative'"},
    {"products_upgraded",
     "SELECT count(*) FROM certificate c WHERE province = ?1 AND year = ?2 AND c.stars > "
     "(SELECT e.stars FROM certificate e WHERE e.product_id = c.product_id AND e.id < c.id "
     "ORDER BY e.id DESC LIMIT 1)"},
};

static int measure(const char *code, const char *province, int year, int64_t *out)
{
    for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++) {
        sqlite3_stmt *st;
        if (strcmp(code, measures[i].code) != 0)
            continue;
        st = db_stmt(rt.db, measures[i].sql);
        if (st == NULL || db_bind_text(st, 1, province) || db_bind_int(st, 2, year) ||
            db_step_row(rt.db, st) != 1)
            return -1;
        *out = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return 1;
    }
    return 0;
}

/* One target with its measure and an SVG bar (width in percent of the larger of the
 * target and the measure). */
static json_t *target_json(const struct rules_target *t, const char *province, int year, int *err)
{
    int64_t have = 0, want = t->min >= 0 ? t->min : t->max;
    int rc = measure(t->code, province, year, &have);
    json_t *o = json_pack("{s:s,s:s,s:s?,s:s?,s:b,s:s?}", "code", t->code, "label", t->label,
                          "unit", t->unit, "per", t->per, "approx", t->approx, "source", t->source);

    if (t->min >= 0)
        json_object_set_new(o, "min", json_integer(t->min));
    if (t->max >= 0)
        json_object_set_new(o, "max", json_integer(t->max));
    *err |= rc < 0;
    if (rc == 1) {
        int64_t scale = have > want ? have : want;
        json_object_set_new(o, "measured", json_true());
        json_object_set_new(o, "have", json_integer(have));
        json_object_set_new(o, "want_width", json_integer(scale ? 100 * want / scale : 0));
        json_object_set_new(o, "have_width", json_integer(scale ? 100 * have / scale : 0));
        json_object_set_new(o, "met", json_boolean(t->min < 0 || have >= t->min));
    }
    return o;
}

/* Each reporting deadline of the year's rules with its next due day. */
static json_t *deadlines_json(const struct scope *s)
{
    const struct rules_report *r;
    json_t *list = json_array();
    int64_t today = app_today();
    size_t n = rules_reports(s->a, s->year, &r);
    char d[11];

    for (size_t i = 0; i < n; i++) {
        int64_t due = rules_report_due(&r[i], today);
        if (due < 0)
            continue;
        format_date(due, d);
        json_array_append_new(list,
                              json_pack("{s:s,s:s,s:i,s:i,s:s?,s:s,s:s,s:b}", "what", r[i].what,
                                        "every", rules_period_names[r[i].every], "day", r[i].day,
                                        "month", r[i].month, "to", r[i].to, "source", r[i].source,
                                        "due", d, "soon", due - today <= 7 * 86400));
    }
    return list;
}

static int get_targets(struct request *rq, struct reply *rp)
{
    const struct rules_target *t;
    struct scope s;
    json_t *list = json_array();
    size_t n, i;
    int err = 0;

    if (scope_of(rq, rp, &s) != 0) {
        json_decref(list);
        return -1;
    }
    n = rules_targets(s.a, s.year, &t);
    for (i = 0; i < n; i++)
        json_array_append_new(list, target_json(&t[i], s.province, s.year, &err));
    if (err) {
        json_decref(list);
        return reply_db_error(rp);
    }
    reply_set(rp, 200, "app/targets",
              json_pack("{s:s,s:i,s:o,s:o}", "province", s.province, "year", s.year, "targets",
                        list, "reports", deadlines_json(&s)));
    return 0;
}

/* ---- exports ---- */

static int send_table(struct reply *rp, json_t *table, const char *name, int xlsx)
{
    struct buf b = BUF_INIT;
    char file[96], tmpdir[PATH_MAX + 8];
    int rc;

    snprintf(tmpdir, sizeof(tmpdir), "%s/tmp", rt.cfg.home);
    rc = xlsx ? export_xlsx(table, "OCOP", tmpdir, &b) : export_csv(table, &b);
    json_decref(table);
    if (rc != 0) {
        buf_free(&b);
        return reply_error(rp, 500, "export", "Không tạo được tệp xuất.");
    }
    snprintf(file, sizeof(file), "%s.%s", name, xlsx ? "xlsx" : "csv");
    rc = reply_body(rp,
                    xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                         : "text/csv; charset=utf-8",
                    file, b.data, b.len);
    buf_free(&b);
    return rc;
}

static int export_payments(struct request *rq, struct reply *rp, int xlsx)
{
    struct scope s;
    json_t *payments, *rows = json_array(), *p;
    char name[96];
    size_t i;

    if (scope_of(rq, rp, &s) != 0 || (payments = payments_of(&s)) == NULL) {
        json_decref(rows);
        return rp->status >= 400 ? -1 : reply_db_error(rp);
    }
    json_array_foreach(payments, i, p)
    {
        json_array_append_new(
            rows, json_pack("[O,O,O,O,O,O,O]", json_object_get(p, "decision_date"),
                            json_object_get(p, "decision_no"), json_object_get(p, "product"),
                            json_object_get(p, "subject"), json_object_get(p, "category_label"),
                            json_object_get(p, "amount"), json_object_get(p, "budget_line")));
    }
    json_decref(payments);
    snprintf(name, sizeof(name), "ho-tro-%s-%d", s.province, s.year);
    return send_table(rp,
                      json_pack("{s:[s,s,s,s,s,s,s],s:o}", "columns", "Ngày quyết định",
                                "Số quyết định", "Sản phẩm", "Chủ thể", "Nội dung",
                                "Số tiền (đồng)", "Dòng kinh phí", "rows", rows),
                      name, xlsx);
}

static int export_budget(struct request *rq, struct reply *rp, int xlsx)
{
    struct scope s;
    json_t *budget, *rows = json_array(), *l;
    char name[96];
    size_t i;
    int err;

    if (scope_of(rq, rp, &s) != 0) {
        json_decref(rows);
        return -1;
    }
    budget = budget_json(&s, &err);
    if (err || budget == NULL) {
        json_decref(rows);
        return err ? reply_db_error(rp)
                   : reply_error(rp, 404, "budget", "Kế hoạch năm này không có kinh phí.");
    }
    json_array_foreach(json_object_get(budget, "lines"), i, l)
    {
        json_int_t planned = json_integer_value(json_object_get(l, "planned"));
        json_array_append_new(
            rows, json_pack("[O,O,I,O,O]",
                            json_object_get(l, "code") ? json_object_get(l, "code") : json_null(),
                            json_object_get(l, "label"), planned, json_object_get(l, "paid_text"),
                            json_object_get(l, "remaining_text")));
    }
    json_decref(budget);
    snprintf(name, sizeof(name), "kinh-phi-%s-%d", s.province, s.year);
    return send_table(rp,
                      json_pack("{s:[s,s,s,s,s],s:o}", "columns", "Mã", "Nội dung",
                                "Kế hoạch (đồng)", "Đã chi (đồng)", "Còn lại (đồng)", "rows", rows),
                      name, xlsx);
}

static int get_payments_csv(struct request *rq, struct reply *rp)
{
    return export_payments(rq, rp, 0);
}
static int get_payments_xlsx(struct request *rq, struct reply *rp)
{
    return export_payments(rq, rp, 1);
}
static int get_budget_csv(struct request *rq, struct reply *rp)
{
    return export_budget(rq, rp, 0);
}
static int get_budget_xlsx(struct request *rq, struct reply *rp)
{
    return export_budget(rq, rp, 1);
}

static const struct route routes[] = {
    {HTTP_GET, "/app/support", get_support, 0},
    {HTTP_POST, "/app/support", post_support, 0},
    {HTTP_GET, "/app/support.csv", get_payments_csv, 0},
    {HTTP_GET, "/app/support.xlsx", get_payments_xlsx, 0},
    {HTTP_GET, "/app/budget", get_budget, 0},
    {HTTP_GET, "/app/budget.csv", get_budget_csv, 0},
    {HTTP_GET, "/app/budget.xlsx", get_budget_xlsx, 0},
    {HTTP_GET, "/app/targets", get_targets, 0},
};

int main(int argc, char **argv)
{
    static const struct app app = {"support", routes, ARRAY_LEN(routes), NULL};

    return app_main(&app, argc, argv);
}
