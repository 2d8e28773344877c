/*
 * ocop-dossier.c — bin/ocop-dossier.fcgi: producers and their products, evaluation
 * dossiers in an open round, their documents (streamed uploads into the content-
 * addressed store, replacement with history, removal before submission, downloads
 * sent by nginx), the checklist from the rules, submission, and the receiving level's
 * acceptance or return with a reason. Everything an official does is in the audit
 * trail, which is also each dossier's history.
 *
 * Scope: an official acts in their own area and below (area_covers); the receiving
 * level of a dossier is the official whose role is the dossier's level.
 */
#include "app.h"
#include "dossier.h"
#include "filestore.h"
#include "json_arena.h"
#include "multipart.h"
#include "mustache.h"
#include "pager.h"
#include "rules.h"
#include "text.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char files_root[PATH_MAX + 16];

/* ---- small helpers ---- */

static int forbidden(struct reply *rp, const char *why)
{
    return reply_error(rp, 403, "forbidden", why);
}

static int writer(const struct session *s)
{
    return s->role == ROLE_COMMUNE || s->role == ROLE_DISTRICT || s->role == ROLE_PROVINCE ||
           s->role == ROLE_ADMIN;
}

static int covers(const struct session *s, const char *area)
{
    return s->role == ROLE_ADMIN || area_covers(s->area, area);
}

static char *province_of(struct pool *pool, const char *area)
{
    return pool_strndup(pool, area, strcspn(area, "/"));
}

static int no_rules(struct reply *rp)
{
    return reply_error(rp, 503, "rules",
                       "Chưa có quy tắc hợp lệ cho tỉnh này; xin báo văn phòng điều phối OCOP.");
}

static json_t *date_json(int64_t t)
{
    char d[11];

    if (t <= 0)
        return json_null();
    format_date(t, d);
    return json_string(d);
}

/* ---- producers (subjects) ---- */

static const struct field subject_fields[] = {
    {"kind", FIELD_ENUM, 1, 0, 0, subject_kind_names, "Loại hình chủ thể"},
    {"name", FIELD_TEXT, 1, 1, 300, NULL, "Tên chủ thể"},
    {"registration_no", FIELD_TEXT, 0, 0, 64, NULL, "Số đăng ký kinh doanh"},
    {"area_code", FIELD_SLUG, 1, 1, 127, NULL, "Địa bàn"},
    {"address", FIELD_TEXT, 0, 0, 300, NULL, "Địa chỉ"},
    {"phone", FIELD_TEXT, 0, 0, 32, NULL, "Điện thoại"},
    {"representative", FIELD_TEXT, 0, 0, 200, NULL, "Người đại diện"},
};
enum { SF_KIND, SF_NAME, SF_REG, SF_AREA, SF_ADDR, SF_PHONE, SF_REP, SF__N };

/* Every area in force under the official's (all of them for an administrator): a whole
 * province is some hundreds, the country some ten thousand; never cut short, or an
 * area would be missing from the form with nothing to say so. */
static const char SQL_AREAS[] = "SELECT code, name, level FROM area WHERE (?1 = '' OR " SQL_IN_AREA(
    "code", "?1") ") "
                  "AND (valid_to IS NULL OR valid_to > date('now')) ORDER BY code";

/* The areas an official may register in: their own and below, still in existence. */
static json_t *areas_json(const struct session *s, const char *selected)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_AREAS);
    json_t *list, *a;
    size_t i;

    if (st == NULL || db_bind_text(st, 1, s->role == ROLE_ADMIN ? "" : s->area) != 0 ||
        (list = db_rows_json(rt.db, st)) == NULL)
        return json_array();
    json_array_foreach(list, i, a)
    {
        const char *code = json_string_value(json_object_get(a, "code"));
        json_object_set_new(a, "selected",
                            json_boolean(selected && code && !strcmp(code, selected)));
    }
    return list;
}

static json_t *kinds_json(const char *selected)
{
    json_t *list = json_array();

    for (int i = 0; subject_kind_names[i]; i++)
        json_array_append_new(list,
                              json_pack("{s:s,s:s,s:b}", "code", subject_kind_names[i], "label",
                                        subject_kind_labels[i], "selected",
                                        selected && !strcmp(selected, subject_kind_names[i])));
    return list;
}

static int area_exists(const char *code)
{
    sqlite3_stmt *st = db_stmt(rt.db, "SELECT 1 FROM area WHERE code = ?");
    int rc;

    if (st == NULL || db_bind_text(st, 1, code) != 0)
        return -1;
    rc = db_step_row(rt.db, st);
    sqlite3_reset(st);
    return rc;
}

static const char SQL_SUBJECTS[] =
    "SELECT s.id, s.kind, s.name, s.area_code, a.name AS area_name, "
    "(SELECT count(*) FROM product p WHERE p.subject_id = s.id) AS products "
    "FROM subject s JOIN area a ON a.code = s.area_code "
    "WHERE ?1 = '' OR " SQL_IN_AREA("s.area_code", "?1") " "
                                                         "ORDER BY s.name, s.id LIMIT ?2 OFFSET ?3";
static const struct field subject_list_fields[] = {PAGER_FIELD};

static int get_subjects(struct request *rq, struct reply *rp)
{
    const struct session *s = rq->session;
    sqlite3_stmt *st = db_stmt(rt.db, SQL_SUBJECTS);
    struct field_value v[1];
    json_t *list, *e;
    size_t i, fetched;
    int64_t page;

    if (validate_query(rq, rp, subject_list_fields, 1, v) != 0)
        return -1;
    page = pager_number(&v[0]);
    if (st == NULL || db_bind_text(st, 1, s->role == ROLE_ADMIN ? "" : s->area) != 0 ||
        db_bind_int(st, 2, pager_limit()) || db_bind_int(st, 3, pager_offset(page)) ||
        (list = db_rows_json(rt.db, st)) == NULL)
        return reply_db_error(rp);
    fetched = pager_trim(list);
    json_array_foreach(list, i, e) json_object_set_new(
        e, "kind_label",
        json_string(subject_kind_label(json_string_value(json_object_get(e, "kind")))));
    reply_set(rp, 200, "app/subjects",
              json_pack("{s:o,s:b,s:o*}", "subjects", list, "can_write", writer(s), "page",
                        pager_json(page, fetched, "/app/subjects", subject_list_fields, 1, v)));
    return 0;
}

/* The subject form, new or existing, with an error and the values typed. */
static int subject_form(struct request *rq, struct reply *rp, int status, json_t *subject,
                        const char *error)
{
    const char *kind = json_string_value(json_object_get(subject, "kind"));
    const char *area = json_string_value(json_object_get(subject, "area_code"));
    json_t *data = json_pack("{s:o,s:o,s:o}", "subject", subject, "kinds", kinds_json(kind),
                             "areas", areas_json(rq->session, area));

    if (error)
        json_object_set_new(data, "form_error", json_string(error));
    reply_set(rp, status, "app/subject", data);
    return status < 400 ? 0 : -1;
}

static int get_subject_new(struct request *rq, struct reply *rp)
{
    if (!writer(rq->session))
        return forbidden(rp, "Vai trò của bạn không đăng ký chủ thể.");
    return subject_form(rq, rp, 200,
                        json_pack("{s:b,s:s}", "new", 1, "area_code", rq->session->area), NULL);
}

/* Validates the subject form; on failure re-renders it (status set) and returns -1. */
static int subject_input(struct request *rq, struct reply *rp, int64_t id, struct field_value *v)
{
    struct field_error fe;
    json_t *typed;
    const char *err = NULL;
    int exists;

    if (http_validate(rq->pool, subject_fields, SF__N, &rq->form, v, &fe) != 0)
        err = fe.message;
    else if ((exists = area_exists(v[SF_AREA].s)) < 0)
        return reply_db_error(rp);
    else if (!exists || !covers(rq->session, v[SF_AREA].s))
        err = "Địa bàn không tồn tại hoặc không thuộc phạm vi của bạn.";
    if (err == NULL)
        return 0;
    typed = typed_values(subject_fields, SF__N, &rq->form);
    if (id)
        json_object_set_new(typed, "id", json_integer(id));
    else
        json_object_set_new(typed, "new", json_true());
    return subject_form(rq, rp, 422, typed, err);
}

static const char SQL_SUBJECT_INSERT[] =
    "INSERT INTO subject (kind, name, registration_no, area_code, address, phone, "
    "representative, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int bind_subject(sqlite3_stmt *st, const struct field_value *v)
{
    int rc = 0;

    for (int i = 0; i < SF__N && rc == 0; i++)
        rc = db_bind_text(st, i + 1, v[i].present ? v[i].s : NULL);
    return rc;
}

static json_t *audit_detail(const struct field *f, size_t n, const struct field_value *v)
{
    json_t *o = json_object();

    for (size_t i = 0; i < n; i++)
        if (v[i].present && f[i].type != FIELD_SECRET)
            json_object_set_new(o, f[i].name, json_string(v[i].s));
    return o;
}

static int post_subjects(struct request *rq, struct reply *rp)
{
    struct field_value v[SF__N];
    sqlite3_stmt *st;
    json_t *detail;
    char id[24], path[64];
    int64_t nid;

    if (!writer(rq->session))
        return forbidden(rp, "Vai trò của bạn không đăng ký chủ thể.");
    if (subject_input(rq, rp, 0, v) != 0)
        return -1;
    if (db_begin(rt.db) != 0 || (st = db_stmt(rt.db, SQL_SUBJECT_INSERT)) == NULL ||
        bind_subject(st, v) != 0 || db_bind_int(st, 8, (int64_t)time(NULL)) != 0 ||
        db_bind_int(st, 9, rq->session->user_id) != 0 || db_step_done(rt.db, st) != 0)
        return reply_db_error(rp);
    nid = sqlite3_last_insert_rowid(rt.db->h);
    snprintf(id, sizeof(id), "%lld", (long long)nid);
    detail = audit_detail(subject_fields, SF__N, v);
    if (audit_log(rt.db, rq->session->user_id, "subject_create", "subject", id, detail,
                  rq->remote_addr) != 0 ||
        db_commit(rt.db) != 0) {
        json_decref(detail);
        return reply_db_error(rp);
    }
    json_decref(detail);
    snprintf(path, sizeof(path), "/app/subjects/%lld", (long long)nid);
    return reply_redirect(rp, path);
}

static const char SQL_SUBJECT[] =
    "SELECT s.id, s.kind, s.name, coalesce(s.registration_no, '') AS registration_no, "
    "s.area_code, a.name AS area_name, coalesce(s.address, '') AS address, "
    "coalesce(s.phone, '') AS phone, coalesce(s.representative, '') AS representative "
    "FROM subject s JOIN area a ON a.code = s.area_code WHERE s.id = ?";
static const char SQL_SUBJECT_PRODUCTS[] =
    "SELECT id, name, group_regime, group_code, area_code FROM product WHERE subject_id = ? "
    "ORDER BY name";

/* The subject as JSON if the official may see it: 1, 0 (none or not theirs), -1. */
/* The row of sql (one ? for the id) as JSON if its area_code is the official's to see:
 * 1, 0 (none or not theirs), -1. Serves producers and products alike. */
static int load_in_area(const struct session *s, const char *sql, int64_t id, json_t **out)
{
    sqlite3_stmt *st = db_stmt(rt.db, sql);
    int rc;

    *out = NULL;
    if (st == NULL || db_bind_int(st, 1, id) != 0)
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1)
        *out = db_row_json(st);
    sqlite3_reset(st);
    if (rc == 1 && !covers(s, json_string_value(json_object_get(*out, "area_code")))) {
        json_decref(*out);
        *out = NULL;
        rc = 0;
    }
    return rc;
}

static int load_subject(const struct session *s, int64_t id, json_t **out)
{
    return load_in_area(s, SQL_SUBJECT, id, out);
}

static int get_subject(struct request *rq, struct reply *rp)
{
    int64_t id = req_id(rq, 0);
    json_t *subj, *products;
    sqlite3_stmt *st;
    int rc = id > 0 ? load_subject(rq->session, id, &subj) : 0;

    if (rc < 0)
        return reply_db_error(rp);
    if (rc == 0)
        return reply_not_found(rp);
    st = db_stmt(rt.db, SQL_SUBJECT_PRODUCTS);
    if (st == NULL || db_bind_int(st, 1, id) != 0 || (products = db_rows_json(rt.db, st)) == NULL) {
        json_decref(subj);
        return reply_db_error(rp);
    }
    json_object_set_new(subj, "products", products);
    json_object_set_new(
        subj, "kind_label",
        json_string(subject_kind_label(json_string_value(json_object_get(subj, "kind")))));
    json_object_set_new(subj, "can_write", json_boolean(writer(rq->session)));
    return subject_form(rq, rp, 200, subj, NULL);
}

static const char SQL_SUBJECT_UPDATE[] =
    "UPDATE subject SET kind = ?, name = ?, registration_no = ?, area_code = ?, address = ?, "
    "phone = ?, representative = ? WHERE id = ?";

static int post_subject(struct request *rq, struct reply *rp)
{
    struct field_value v[SF__N];
    int64_t id = req_id(rq, 0);
    sqlite3_stmt *st;
    json_t *subj, *detail;
    char ids[24], path[64];
    int rc = id > 0 ? load_subject(rq->session, id, &subj) : 0;

    if (rc < 0)
        return reply_db_error(rp);
    if (rc == 0)
        return reply_not_found(rp);
    json_decref(subj);
    if (!writer(rq->session))
        return forbidden(rp, "Vai trò của bạn không sửa thông tin chủ thể.");
    if (subject_input(rq, rp, id, v) != 0)
        return -1;
    snprintf(ids, sizeof(ids), "%lld", (long long)id);
    detail = audit_detail(subject_fields, SF__N, v);
    rc = db_begin(rt.db) != 0 || (st = db_stmt(rt.db, SQL_SUBJECT_UPDATE)) == NULL ||
         bind_subject(st, v) != 0 || db_bind_int(st, 8, id) != 0 || db_step_done(rt.db, st) != 0 ||
         audit_log(rt.db, rq->session->user_id, "subject_update", "subject", ids, detail,
                   rq->remote_addr) != 0 ||
         db_commit(rt.db) != 0;
    json_decref(detail);
    if (rc)
        return reply_db_error(rp);
    snprintf(path, sizeof(path), "/app/subjects/%lld", (long long)id);
    return reply_redirect(rp, path);
}

/* ---- products ---- */

static const struct field product_fields[] = {
    {"name", FIELD_TEXT, 1, 1, 300, NULL, "Tên sản phẩm"},
    {"group_code", FIELD_TEXT, 1, 1, 16, NULL, "Nhóm sản phẩm"},
    {"area_code", FIELD_SLUG, 1, 1, 127, NULL, "Địa bàn sản xuất"},
    {"description", FIELD_MULTILINE, 0, 0, 4000, NULL, "Mô tả"},
};
enum { PF_NAME, PF_GROUP, PF_AREA, PF_DESC, PF__N };

/* The product groups of the regime in force today for an area, for a select. */
static json_t *groups_json(const struct rules_area *a, const char *selected, enum rules_regime *g)
{
    const struct rules_group *list;
    json_t *out = json_array();
    size_t n, i;

    if (rules_regime_on(a, app_today(), g) != 0)
        *g = REGIME_1048;
    n = rules_groups(a, *g, &list);
    for (i = 0; i < n; i++)
        json_array_append_new(out, json_pack("{s:s,s:s,s:i,s:b}", "code", list[i].code, "name",
                                             list[i].name, "depth", list[i].depth, "selected",
                                             selected && !strcmp(selected, list[i].code)));
    return out;
}

/* The group as the database keeps it: the sheet regime of the regime in force. */
static const char *group_regime(enum rules_regime g)
{
    return g == REGIME_1048 ? "1048" : "148";
}

static int product_form(struct request *rq, struct reply *rp, int status, json_t *product,
                        const char *subject_area, const char *error)
{
    const struct rules_area *a = dossier_rules(rt.rules, subject_area);
    const char *group = json_string_value(json_object_get(product, "group_code"));
    const char *area = json_string_value(json_object_get(product, "area_code"));
    enum rules_regime g;
    json_t *data;

    if (a == NULL) {
        json_decref(product);
        return no_rules(rp);
    }
    json_t *groups = groups_json(a, group, &g); /* sets g: before it is read below */
    data = json_pack("{s:o,s:o,s:o,s:s}", "product", product, "groups", groups, "areas",
                     areas_json(rq->session, area ? area : subject_area), "regime",
                     rules_regime_names[g]);
    json_object_set_new(data, "regime_label", json_string(rules_regime_labels[g]));
    if (error)
        json_object_set_new(data, "form_error", json_string(error));
    reply_set(rp, status, "app/product", data);
    return status < 400 ? 0 : -1;
}

static int get_product_new(struct request *rq, struct reply *rp)
{
    const struct kv *sv = kv_get(&rq->query, "subject");
    int64_t sid;
    json_t *subj;
    int rc;

    if (!writer(rq->session))
        return forbidden(rp, "Vai trò của bạn không đăng ký sản phẩm.");
    if (sv == NULL || parse_int64(sv->val, sv->vlen, 1, INT64_MAX, &sid) != 0)
        return reply_error(rp, 400, "subject", "Hãy chọn chủ thể trước khi thêm sản phẩm.");
    if ((rc = load_subject(rq->session, sid, &subj)) <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    const char *area = pool_strdup(rq->pool, json_string_value(json_object_get(subj, "area_code")));
    json_t *p = json_pack("{s:b,s:I,s:O,s:s}", "new", 1, "subject_id", (json_int_t)sid,
                          "subject_name", json_object_get(subj, "name"), "area_code", area);
    json_decref(subj);
    return product_form(rq, rp, 200, p, area, NULL);
}

/* Validates the product form for a subject in subject_area. 0, or -1 with the form
 * re-rendered. *g is the regime whose groups were offered. */
static int product_input(struct request *rq, struct reply *rp, json_t *base,
                         const char *subject_area, struct field_value *v, enum rules_regime *g)
{
    const struct rules_area *a = dossier_rules(rt.rules, subject_area);
    struct field_error fe;
    const char *err = NULL;
    json_t *typed;
    int exists = 0;

    if (a == NULL)
        return no_rules(rp);
    if (rules_regime_on(a, app_today(), g) != 0)
        *g = REGIME_1048;
    if (http_validate(rq->pool, product_fields, PF__N, &rq->form, v, &fe) != 0)
        err = fe.message;
    else if (rules_group(a, *g, v[PF_GROUP].s) == NULL)
        err = "Nhóm sản phẩm không có trong bộ phân nhóm đang áp dụng.";
    else if ((exists = area_exists(v[PF_AREA].s)) < 0)
        return reply_db_error(rp);
    else if (!exists || !covers(rq->session, v[PF_AREA].s) ||
             !area_covers(province_of(rq->pool, subject_area), v[PF_AREA].s))
        err = "Địa bàn sản xuất không tồn tại hoặc không thuộc phạm vi của bạn.";
    if (err == NULL)
        return 0;
    typed = typed_values(product_fields, PF__N, &rq->form);
    json_object_update_missing(typed, base);
    return product_form(rq, rp, 422, typed, subject_area, err);
}

/* A slug not yet used: the name's, then with -2, -3, … */
static char *unique_slug(struct pool *pool, const char *name)
{
    struct buf b = BUF_INIT;
    sqlite3_stmt *st = db_stmt(rt.db, "SELECT 1 FROM product WHERE slug = ?");
    char *out = NULL;

    if (st == NULL)
        return NULL;
    if (text_slug(name, strlen(name), 80, &b) != 0) {
        buf_reset(&b);
        buf_puts(&b, "san-pham");
    }
    for (int n = 1; n < 1000 && out == NULL; n++) {
        char *cand = n == 1 ? pool_strndup(pool, b.data, b.len) : NULL;
        if (n > 1) {
            cand = pool_alloc(pool, b.len + 8);
            if (cand)
                snprintf(cand, b.len + 8, "%.*s-%d", (int)b.len, b.data, n);
        }
        if (cand == NULL || db_bind_text(st, 1, cand) != 0)
            break;
        int rc = db_step_row(rt.db, st);
        sqlite3_reset(st);
        if (rc == 0)
            out = cand;
        else if (rc < 0)
            break;
    }
    buf_free(&b);
    return out;
}

static const char SQL_PRODUCT_INSERT[] =
    "INSERT INTO product (subject_id, name, slug, group_regime, group_code, area_code, "
    "description, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int post_products(struct request *rq, struct reply *rp)
{
    struct field_value v[PF__N];
    const struct kv *sv = kv_get(&rq->form, "subject_id");
    enum rules_regime g;
    int64_t sid, nid;
    sqlite3_stmt *st;
    json_t *subj, *detail;
    char ids[24], path[64], *slug;
    const char *area;
    int rc;

    if (!writer(rq->session))
        return forbidden(rp, "Vai trò của bạn không đăng ký sản phẩm.");
    if (sv == NULL || parse_int64(sv->val, sv->vlen, 1, INT64_MAX, &sid) != 0)
        return reply_error(rp, 422, "subject_id", "Thiếu chủ thể của sản phẩm.");
    if ((rc = load_subject(rq->session, sid, &subj)) <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    area = pool_strdup(rq->pool, json_string_value(json_object_get(subj, "area_code")));
    json_t *base = json_pack("{s:b,s:I,s:O}", "new", 1, "subject_id", (json_int_t)sid,
                             "subject_name", json_object_get(subj, "name"));
    json_decref(subj);
    rc = product_input(rq, rp, base, area, v, &g);
    json_decref(base);
    if (rc != 0)
        return -1;
    if (db_begin(rt.db) != 0 || (slug = unique_slug(rq->pool, v[PF_NAME].s)) == NULL ||
        (st = db_stmt(rt.db, SQL_PRODUCT_INSERT)) == NULL || db_bind_int(st, 1, sid) != 0 ||
        db_bind_text(st, 2, v[PF_NAME].s) != 0 || db_bind_text(st, 3, slug) != 0 ||
        db_bind_text(st, 4, group_regime(g)) != 0 || db_bind_text(st, 5, v[PF_GROUP].s) != 0 ||
        db_bind_text(st, 6, v[PF_AREA].s) != 0 ||
        db_bind_text(st, 7, v[PF_DESC].present ? v[PF_DESC].s : NULL) != 0 ||
        db_bind_int(st, 8, (int64_t)time(NULL)) != 0 ||
        db_bind_int(st, 9, rq->session->user_id) != 0 || db_step_done(rt.db, st) != 0)
        return reply_db_error(rp);
    nid = sqlite3_last_insert_rowid(rt.db->h);
    snprintf(ids, sizeof(ids), "%lld", (long long)nid);
    detail = audit_detail(product_fields, PF__N, v);
    json_object_set_new(detail, "subject_id", json_integer(sid));
    rc = audit_log(rt.db, rq->session->user_id, "product_create", "product", ids, detail,
                   rq->remote_addr) != 0 ||
         db_commit(rt.db) != 0;
    json_decref(detail);
    if (rc)
        return reply_db_error(rp);
    snprintf(path, sizeof(path), "/app/products/%lld", (long long)nid);
    return reply_redirect(rp, path);
}

static const char SQL_PRODUCT[] =
    "SELECT p.id, p.subject_id, s.name AS subject_name, s.area_code AS subject_area, p.name, "
    "p.slug, p.group_regime, p.group_code, p.area_code, a.name AS area_name, "
    "coalesce(p.description, '') AS description "
    "FROM product p JOIN subject s ON s.id = p.subject_id JOIN area a ON a.code = p.area_code "
    "WHERE p.id = ?";
static const char SQL_PRODUCT_DOSSIERS[] =
    "SELECT id, year, level, round, regime, status FROM dossier WHERE product_id = ? "
    "ORDER BY year DESC, id DESC";

static int load_product(const struct session *s, int64_t id, json_t **out)
{
    return load_in_area(s, SQL_PRODUCT, id, out);
}

/* The levels that take dossiers under the regime in force today, for the open form. */
static json_t *open_levels(const struct rules_area *a)
{
    json_t *list = json_array();
    struct rules_routing r;

    for (int lv = 0; lv < LEVEL__MAX; lv++)
        if (rules_routing_on(a, app_today(), (enum rules_level)lv, &r) == 0 && r.scores &&
            !r.abolished && lv != LEVEL_CENTRAL)
            json_array_append_new(list, json_pack("{s:s,s:s}", "code", rules_level_names[lv],
                                                  "label", rules_level_labels[lv]));
    return list;
}

static int get_product(struct request *rq, struct reply *rp)
{
    int64_t id = req_id(rq, 0);
    json_t *p, *dossiers;
    sqlite3_stmt *st;
    const struct rules_area *a;
    int rc = id > 0 ? load_product(rq->session, id, &p) : 0;

    if (rc <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    st = db_stmt(rt.db, SQL_PRODUCT_DOSSIERS);
    if (st == NULL || db_bind_int(st, 1, id) != 0 || (dossiers = db_rows_json(rt.db, st)) == NULL) {
        json_decref(p);
        return reply_db_error(rp);
    }
    dossier_rows_label(dossiers);
    json_object_set_new(p, "dossiers", dossiers);
    json_object_set_new(p, "can_write", json_boolean(writer(rq->session)));
    a = dossier_rules(rt.rules, json_string_value(json_object_get(p, "area_code")));
    if (a)
        json_object_set_new(p, "open_levels", open_levels(a));
    return product_form(
        rq, rp, 200, p,
        pool_strdup(rq->pool, json_string_value(json_object_get(p, "subject_area"))), NULL);
}

static const char SQL_PRODUCT_UPDATE[] =
    "UPDATE product SET name = ?, group_regime = ?, group_code = ?, area_code = ?, "
    "description = ? WHERE id = ?";

static int post_product(struct request *rq, struct reply *rp)
{
    struct field_value v[PF__N];
    int64_t id = req_id(rq, 0);
    enum rules_regime g;
    sqlite3_stmt *st;
    json_t *p, *detail;
    char ids[24], path[64];
    const char *area;
    int rc = id > 0 ? load_product(rq->session, id, &p) : 0;

    if (rc <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    if (!writer(rq->session)) {
        json_decref(p);
        return forbidden(rp, "Vai trò của bạn không sửa thông tin sản phẩm.");
    }
    area = pool_strdup(rq->pool, json_string_value(json_object_get(p, "subject_area")));
    rc = product_input(rq, rp, p, area, v, &g);
    json_decref(p);
    if (rc != 0)
        return -1;
    snprintf(ids, sizeof(ids), "%lld", (long long)id);
    detail = audit_detail(product_fields, PF__N, v);
    rc = db_begin(rt.db) != 0 || (st = db_stmt(rt.db, SQL_PRODUCT_UPDATE)) == NULL ||
         db_bind_text(st, 1, v[PF_NAME].s) != 0 || db_bind_text(st, 2, group_regime(g)) != 0 ||
         db_bind_text(st, 3, v[PF_GROUP].s) != 0 || db_bind_text(st, 4, v[PF_AREA].s) != 0 ||
         db_bind_text(st, 5, v[PF_DESC].present ? v[PF_DESC].s : NULL) != 0 ||
         db_bind_int(st, 6, id) != 0 || db_step_done(rt.db, st) != 0 ||
         audit_log(rt.db, rq->session->user_id, "product_update", "product", ids, detail,
                   rq->remote_addr) != 0 ||
         db_commit(rt.db) != 0;
    json_decref(detail);
    if (rc)
        return reply_db_error(rp);
    snprintf(path, sizeof(path), "/app/products/%lld", (long long)id);
    return reply_redirect(rp, path);
}

/* ---- dossiers: opening, listing ---- */

static const char *const level_choices[] = {"commune", "district", "province", "central", NULL};

static const struct field open_fields[] = {
    {"product_id", FIELD_INT, 1, 1, INT64_MAX, NULL, "Sản phẩm"},
    {"level", FIELD_ENUM, 1, 0, 0, level_choices, "Cấp đánh giá"},
};

/* Why no round is open: the rounds of the year at that level, or that there are none. */
static int no_round(struct request *rq, struct reply *rp, const struct rules_area *a,
                    enum rules_level lv, int64_t today)
{
    const struct rules_round *r;
    char d[11], o[11], c[11];
    struct buf msg = BUF_INIT;
    int y;
    size_t n, i;

    time_t tt = (time_t)today;
    struct tm tm;

    gmtime_r(&tt, &tm);
    y = tm.tm_year + 1900;
    format_date(today, d);
    n = rules_rounds(a, y, lv, &r);
    buf_printf(&msg, "Hôm nay (%s) không có đợt đánh giá cấp %s nào đang mở.", d,
               rules_level_labels[lv]);
    if (n == 0)
        buf_printf(&msg, " Quy tắc năm %d chưa có đợt nào ở cấp này.", y);
    for (i = 0; i < n; i++) {
        format_date(r[i].open, o);
        format_date(r[i].close, c);
        buf_printf(&msg, "%s Đợt %d: từ %s đến hết %s.", i ? "" : " Các đợt năm này:", r[i].number,
                   o, c);
    }
    reply_error(rp, 409, "round_closed", msg.data ? msg.data : "Không có đợt nào đang mở.");
    (void)rq;
    buf_free(&msg);
    return -1;
}

static const char SQL_OPEN_EXISTS[] =
    "SELECT id FROM dossier WHERE product_id = ? AND province = ? AND year = ? AND level = ? "
    "AND round = ? AND status <> 'decided'";
static const char SQL_LAST_DECIDED[] =
    "SELECT id FROM dossier WHERE product_id = ? AND status = 'decided' ORDER BY id DESC LIMIT 1";
static const char SQL_DOSSIER_INSERT[] =
    "INSERT INTO dossier (product_id, province, area_code, year, level, round, regime, status, "
    "previous_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)";

static int64_t scalar(const char *sql, int64_t a, const char *b, int64_t c, const char *d,
                      int64_t e)
{
    sqlite3_stmt *st = db_stmt(rt.db, sql);
    int64_t out = 0;
    int rc;

    if (st == NULL || db_bind_int(st, 1, a) != 0 || (b && db_bind_text(st, 2, b) != 0) ||
        (c && db_bind_int(st, 3, c) != 0) || (d && db_bind_text(st, 4, d) != 0) ||
        (e && db_bind_int(st, 5, e) != 0))
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1)
        out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc < 0 ? -1 : out;
}

static const char SQL_PREFILL[] =
    "INSERT INTO dossier_file (dossier_id, doc_type, original_name, sha256, size, mime, "
    "uploaded_by, uploaded_at) SELECT ?1, doc_type, original_name, sha256, size, mime, "
    "uploaded_by, uploaded_at FROM dossier_file WHERE dossier_id = ?2 AND replaced_by IS NULL "
    "AND removed = 0 ORDER BY id";

/* A re-evaluation starts from the last decided dossier's documents (the same stored
 * bytes: nothing is copied but the rows); the officials replace what changed. */
static int prefill(int64_t id, int64_t prev)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_PREFILL);

    return st == NULL || db_bind_int(st, 1, id) || db_bind_int(st, 2, prev) ||
                   db_step_done(rt.db, st) != 0
               ? -1
               : 0;
}

static int insert_dossier(struct request *rq, int64_t pid, const char *area,
                          const struct rules_round *r, enum rules_regime g, int64_t *id)
{
    const char *prov = province_of(rq->pool, area);
    int64_t prev = scalar(SQL_LAST_DECIDED, pid, NULL, 0, NULL, 0);
    sqlite3_stmt *st = db_stmt(rt.db, SQL_DOSSIER_INSERT);

    if (prev < 0 || st == NULL || db_bind_int(st, 1, pid) || db_bind_text(st, 2, prov) ||
        db_bind_text(st, 3, area) || db_bind_int(st, 4, r->year) ||
        db_bind_text(st, 5, rules_level_names[r->level]) || db_bind_int(st, 6, r->number) ||
        db_bind_text(st, 7, regime_db_name(g)) || (prev ? db_bind_int(st, 8, prev) : 0) ||
        db_bind_int(st, 9, (int64_t)time(NULL)) || db_bind_int(st, 10, rq->session->user_id) ||
        db_step_done(rt.db, st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(rt.db->h);
    return prev ? prefill(*id, prev) : 0;
}

static int post_dossiers(struct request *rq, struct reply *rp)
{
    struct field_value v[2];
    struct field_error fe;
    struct rules_routing route;
    const struct rules_round *r;
    const struct rules_area *a;
    enum rules_regime g;
    int64_t today = app_today(), did, dup;
    json_t *p;
    char *area, ids[24], path[64];
    int rc;

    if (!writer(rq->session))
        return forbidden(rp, "Vai trò của bạn không mở hồ sơ.");
    if (http_validate(rq->pool, open_fields, 2, &rq->form, v, &fe) != 0)
        return reply_field_error(rp, &fe);
    if ((rc = load_product(rq->session, v[0].i, &p)) <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    area = pool_strdup(rq->pool, json_string_value(json_object_get(p, "area_code")));
    json_decref(p);
    if ((a = dossier_rules(rt.rules, area)) == NULL)
        return no_rules(rp);
    if (rules_regime_on(a, today, &g) != 0 ||
        rules_routing_on(a, today, (enum rules_level)v[1].i, &route) != 0 || !route.scores ||
        route.abolished)
        return reply_error(rp, 422, "level",
                           "Theo quy định đang áp dụng, cấp này không đánh giá sản phẩm.");
    if ((r = rules_round_open(a, (enum rules_level)v[1].i, today)) == NULL)
        return no_round(rq, rp, a, (enum rules_level)v[1].i, today);
    if (db_begin(rt.db) != 0)
        return reply_db_error(rp);
    dup = scalar(SQL_OPEN_EXISTS, v[0].i, province_of(rq->pool, area), r->year,
                 rules_level_names[r->level], r->number);
    if (dup < 0)
        return reply_db_error(rp);
    if (dup > 0) {
        db_rollback(rt.db);
        snprintf(path, sizeof(path), "/app/dossiers/%lld", (long long)dup);
        reply_error(rp, 409, "dossier_exists",
                    "Sản phẩm đã có một hồ sơ đang mở trong đợt này; mỗi đợt chỉ một hồ sơ.");
        json_object_set_new(json_object_get(rp->data, "error"), "dossier", json_string(path));
        return -1;
    }
    if (insert_dossier(rq, v[0].i, area, r, g, &did) != 0)
        return reply_db_error(rp);
    snprintf(ids, sizeof(ids), "%lld", (long long)did);
    if (audit_log_new(rt.db, rq->session->user_id, "dossier_open", "dossier", ids,
                      json_pack("{s:I,s:i,s:s,s:i,s:s}", "product_id", (json_int_t)v[0].i, "year",
                                r->year, "level", rules_level_names[r->level], "round", r->number,
                                "regime", regime_db_name(g)),
                      rq->remote_addr) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    snprintf(path, sizeof(path), "/app/dossiers/%s", ids);
    return reply_redirect(rp, path);
}

static const char *const status_choices[] = {"draft",  "submitted", "returned", "accepted",
                                             "scored", "decided",   NULL};

static const struct field list_fields[] = {
    {"year", FIELD_INT, 0, 2018, 2100, NULL, "Năm"},
    {"round", FIELD_INT, 0, 1, 12, NULL, "Đợt"},
    {"level", FIELD_ENUM, 0, 0, 0, level_choices, "Cấp"},
    {"status", FIELD_ENUM, 0, 0, 0, status_choices, "Trạng thái"},
    {"area", FIELD_SLUG, 0, 1, 127, NULL, "Địa bàn"},
    {"group", FIELD_TEXT, 0, 1, 16, NULL, "Nhóm sản phẩm"},
    PAGER_FIELD,
};
enum { LF_YEAR, LF_ROUND, LF_LEVEL, LF_STATUS, LF_AREA, LF_GROUP, LF_PAGE, LF__N };

/* The names are the dossier's copies (migration 0005): the list is one index's. */
#define SQL_DOSSIERS_FROM                                                                          \
    "SELECT d.id, d.year, d.level, d.round, d.regime, d.status, d.area_code, d.product_name, "     \
    "d.group_code, d.subject_name, d.submitted_at FROM dossier d "
#define SQL_DOSSIERS_AREA     "WHERE (?1 = '' OR " SQL_IN_AREA("d.area_code", "?1") ") "
#define SQL_DOSSIERS_ORDER    "ORDER BY d.year DESC, d.round DESC, d.id DESC LIMIT ?8 OFFSET ?9"
#define SQL_DOSSIERS_IN_AREA  "AND (?6 IS NULL OR " SQL_IN_AREA("d.area_code", "?6") ") "
#define SQL_DOSSIERS_IN_GROUP "AND (?7 IS NULL OR " SQL_IN_GROUP("d.group_code", "?7") ") "
#define SQL_DOSSIERS_FILTERS                                                                       \
    "AND (?2 IS NULL OR d.year = ?2) AND (?3 IS NULL OR d.round = ?3) "                            \
    "AND (?4 IS NULL OR d.level = ?4) AND (?5 IS NULL OR d.status = ?5) " SQL_DOSSIERS_IN_AREA     \
        SQL_DOSSIERS_IN_GROUP
static const char SQL_DOSSIERS[] =
    SQL_DOSSIERS_FROM SQL_DOSSIERS_AREA SQL_DOSSIERS_FILTERS SQL_DOSSIERS_ORDER;
/* The same list without filters (the page as first opened): the same rows, fewer steps. */
static const char SQL_DOSSIERS_ALL[] = SQL_DOSSIERS_FROM SQL_DOSSIERS_AREA SQL_DOSSIERS_ORDER;

/* The choices of a filter's <select>: [{code, label, selected}], by hand (json_pack
 * parses its format on every call). */
static json_t *choices(const char *const *codes, const char *const *labels, int n,
                       const struct field_value *v)
{
    json_t *list = json_array(), *o;

    for (int k = 0; k < n; k++) {
        o = json_object();
        json_object_set_new_nocheck(o, "code", json_string_nocheck(codes[k]));
        json_object_set_new_nocheck(o, "label", json_string_nocheck(labels[k]));
        json_object_set_new_nocheck(o, "selected", json_boolean(v->present && v->i == k));
        json_array_append_new(list, o);
    }
    return list;
}

/* 1 when the query sets any filter (the page is not one). */
static int any_filter(const struct field_value *v)
{
    for (int k = 0; k < LF_PAGE; k++)
        if (v[k].present)
            return 1;
    return 0;
}

/* The statement of the list for the validated filters, bound; NULL on error. */
static sqlite3_stmt *list_stmt(const struct session *s, const struct field_value *v)
{
    sqlite3_stmt *st = db_stmt(rt.db, any_filter(v) ? SQL_DOSSIERS : SQL_DOSSIERS_ALL);

    if (st == NULL || db_bind_text(st, 1, s->role == ROLE_ADMIN ? "" : s->area) ||
        (v[LF_YEAR].present && db_bind_int(st, 2, v[LF_YEAR].i)) ||
        (v[LF_ROUND].present && db_bind_int(st, 3, v[LF_ROUND].i)) ||
        (v[LF_LEVEL].present && db_bind_text(st, 4, v[LF_LEVEL].s)) ||
        (v[LF_STATUS].present && db_bind_text(st, 5, v[LF_STATUS].s)) ||
        (v[LF_AREA].present && db_bind_text(st, 6, v[LF_AREA].s)) ||
        (v[LF_GROUP].present && db_bind_text(st, 7, v[LF_GROUP].s)) ||
        db_bind_int(st, 8, pager_limit()) ||
        db_bind_int(st, 9, pager_offset(pager_number(&v[LF_PAGE]))))
        return NULL;
    return st;
}

/* The names of the rows' areas, looked up once each while a list is made: a page's
 * dossiers are of a few communes (joined in the list's statement, 40 dossiers searched
 * the area table 40 times, a tenth of the request). The codes are the rows' own (they
 * outlive the memo); names are in the request's pool. NULL: no such area (or not
 * UTF-8), as the join left the key out; *bad set on a database error or a full pool. */
static const char SQL_AREA_NAME[] = "SELECT name FROM area WHERE code = ?1";
#define AREA_MEMO 32
struct area_memo {
    const char *code[AREA_MEMO], *name[AREA_MEMO];
    int n;
};

static const char *area_name(struct pool *pool, struct area_memo *am, const char *code, int *bad)
{
    sqlite3_stmt *st;
    const char *name = NULL, *t;
    int rc;

    for (int i = 0; code && i < am->n; i++)
        if (strcmp(am->code[i], code) == 0)
            return am->name[i];
    if (code == NULL)
        return NULL;
    if ((st = db_stmt(rt.db, SQL_AREA_NAME)) == NULL || db_bind_text(st, 1, code) != 0 ||
        (rc = db_step_row(rt.db, st)) < 0) {
        *bad = 1;
        return NULL;
    }
    if (rc == 1 && (t = (const char *)sqlite3_column_text(st, 0)) != NULL &&
        utf8_valid(t, strlen(t)) && (name = pool_strdup(pool, t)) == NULL)
        *bad = 1;
    sqlite3_reset(st);
    if (am->n < AREA_MEMO) {
        am->code[am->n] = code;
        am->name[am->n++] = name;
    }
    return name;
}

/* The rows for JSON: an object per row (db_row_json) with its status_label,
 * level_label and area_name. */
static json_t *list_json(struct pool *pool, sqlite3_stmt *st)
{
    json_t *list = db_rows_json(rt.db, st), *e;
    struct area_memo am = {.n = 0};
    size_t i;
    int bad = 0;

    dossier_rows_label(list);
    json_array_foreach(list, i, e)
    {
        const char *code = json_string_value(json_object_get(e, "area_code"));
        const char *area = area_name(pool, &am, code, &bad);
        if (area)
            json_object_set_new_nocheck(e, "area_name", json_string_nocheck(area));
    }
    if (bad) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* A cell of the current row as db_row_json shows it: the decimal of an integer,
 * "%.15g" of a real (as the template engine prints a JSON real), text up to its first
 * NUL; t NULL for NULL and for text that is not UTF-8 (no key in the JSON). t points
 * into SQLite's row or num until the next step. */
struct cell {
    const char *t;
    size_t len;
    char num[32];
};

/* Through the column's value: its type and text without a statement call each (#9).
 * SQLite calls that value unprotected: safe only where one thread uses the connection,
 * as a worker does. */
static void cell_read(sqlite3_stmt *st, int k, struct cell *c)
{
    sqlite3_value *v = sqlite3_column_value(st, k);

    switch (sqlite3_value_type(v)) {
    case SQLITE_NULL:
        c->t = NULL;
        return;
    case SQLITE_FLOAT:
        c->len = (size_t)snprintf(c->num, sizeof(c->num), "%.15g", sqlite3_value_double(v));
        c->t = c->num;
        return;
    case SQLITE_INTEGER: /* in decimal, as SQLite's text of it (%lld) */
        c->t = int_text(sqlite3_value_int64(v), c->num, &c->len);
        return;
    default:
        if ((c->t = (const char *)sqlite3_value_text(v)) == NULL)
            return;
        c->len = strlen(c->t);
        if (!utf8_valid(c->t, c->len))
            c->t = NULL;
    }
}

/* The current row's ncols cells into row[], their texts copied into one piece of the
 * pool (a row is about a dozen short texts: one allocation, not one each). -1 when
 * the pool is exhausted. */
#define LIST_MAX_COLS 16
static int row_copy(struct pool *pool, sqlite3_stmt *st, int ncols, const char **row)
{
    struct cell c[LIST_MAX_COLS];
    size_t total = 0;
    char *p;

    for (int k = 0; k < ncols; k++) {
        cell_read(st, k, &c[k]);
        total += c[k].t ? c[k].len + 1 : 0;
    }
    if ((p = pool_alloc(pool, total ? total : 1)) == NULL)
        return -1;
    for (int k = 0; k < ncols; k++) {
        row[k] = c[k].t ? memcpy(p, c[k].t, c[k].len) : NULL;
        if (c[k].t) {
            p[c[k].len] = '\0';
            p += c[k].len + 1;
        }
    }
    return 0;
}

/* The statement's column names and the three the list adds, in the pool; where status,
 * level and area_code are (-1: absent). NULL when the pool is full. */
static const char **table_columns(struct pool *pool, sqlite3_stmt *st, int ncols, int at[3])
{
    static const char *const keys[3] = {"status", "level", "area_code"};
    const char **cols = pool_alloc(pool, sizeof(*cols) * (size_t)(ncols + 3));

    if (cols == NULL)
        return NULL;
    at[0] = at[1] = at[2] = -1;
    for (int k = 0; k < ncols; k++) {
        if ((cols[k] = pool_strdup(pool, sqlite3_column_name(st, k))) == NULL)
            return NULL;
        for (int j = 0; j < 3; j++)
            at[j] = strcmp(cols[k], keys[j]) == 0 ? k : at[j];
    }
    cols[ncols] = "status_label";
    cols[ncols + 1] = "level_label";
    cols[ncols + 2] = "area_name";
    return cols;
}

/* The rows for the HTML page (#9): a table of text rendered as the JSON rows would
 * be, without an object per row; everything in the request's pool, the cell pointers
 * for as many rows as the statement's LIMIT (max_rows) made at once. -1 on a database
 * error or a full pool. */
static int list_table(struct pool *pool, sqlite3_stmt *st, size_t max_rows, struct mst_table **out)
{
    int ncols = sqlite3_column_count(st), nc = ncols + 3, at[3], rc, bad = 0;
    const char **cols = ncols <= LIST_MAX_COLS ? table_columns(pool, st, ncols, at) : NULL;
    const char **row, **cells = pool_alloc(pool, sizeof(*cells) * (size_t)nc * max_rows);
    struct mst_table *t = pool_alloc(pool, sizeof(*t));
    struct area_memo am = {.n = 0};

    *out = NULL;
    if (cols == NULL || cells == NULL || t == NULL)
        return -1;
    *t = (struct mst_table){"dossiers", cols, (size_t)nc, 0, cells};
    while (!bad && (rc = db_step_row(rt.db, st)) == 1) {
        if (t->nrows == max_rows || row_copy(pool, st, ncols, row = cells + t->nrows * nc) != 0) {
            bad = 1;
            break;
        }
        row[ncols] = dossier_status_label(at[0] >= 0 ? row[at[0]] : NULL);
        row[ncols + 1] = rules_level_label_of(at[1] >= 0 ? row[at[1]] : NULL);
        row[ncols + 2] = area_name(pool, &am, at[2] >= 0 ? row[at[2]] : NULL, &bad);
        t->nrows++;
    }
    sqlite3_reset(st);
    if (rc != 0 || bad)
        return -1;
    *out = t;
    return 0;
}

/* The list, its filters and its choices; every value is made in the request arena. */
static int list_dossiers(struct request *rq, struct reply *rp)
{
    struct field_value v[LF__N];
    struct mst_table *table = NULL;
    sqlite3_stmt *st;
    json_t *list = NULL, *data;
    size_t fetched, count;

    if (validate_query(rq, rp, list_fields, LF__N, v) != 0)
        return -1;
    if ((st = list_stmt(rq->session, v)) == NULL)
        return reply_db_error(rp);
    if (rq->wants_json ? (list = list_json(rq->pool, st)) == NULL
                       : list_table(rq->pool, st, (size_t)pager_limit(), &table) != 0)
        return reply_db_error(rp);
    /* the row past the page only tells that one follows */
    fetched = list ? pager_trim(list) : table->nrows;
    count = pager_shown(fetched);
    if (table)
        table->nrows = count;
    data = json_object(); /* the keys in the order the JSON answer has always had */
    if (list)
        json_object_set_new_nocheck(data, "dossiers", list);
    json_object_set_new_nocheck(data, "filters", typed_values(list_fields, LF__N, &rq->query));
    json_object_set_new_nocheck(
        data, "statuses",
        choices(dossier_status_names, dossier_status_labels, DS__MAX, &v[LF_STATUS]));
    json_object_set_new_nocheck(
        data, "levels", choices(rules_level_names, rules_level_labels, LEVEL__MAX, &v[LF_LEVEL]));
    json_object_set_new_nocheck(data, "count", json_integer((json_int_t)count));
    json_object_set_new_nocheck(
        data, "page",
        pager_json(pager_number(&v[LF_PAGE]), fetched, "/app/dossiers", list_fields, LF__N, v));
    reply_set(rp, 200, "app/dossiers", data);
    rp->table = table;
    return 0;
}

/* The list builds about a thousand JSON values that die with the request: they come
 * from the request arena (#9), which app_handle resets after the reply is sent. */
static int get_dossiers(struct request *rq, struct reply *rp)
{
    int rc;

    json_arena_begin();
    rc = list_dossiers(rq, rp);
    json_arena_end();
    return rc;
}

/* ---- one dossier ---- */

#define MAX_DOCS 64

/* A dossier the official may see, with its rules: 1, or the reply set. */
struct ctx {
    struct dossier d;
    const struct rules_area *a;
    enum rules_regime g;
    enum rules_level lv;
    const struct rules_document *docs[MAX_DOCS];
    size_t ndocs;
};

static int load_ctx(struct request *rq, struct reply *rp, struct ctx *c)
{
    int64_t id = req_id(rq, 0);
    int rc = id > 0 ? dossier_load(rt.db, id, &c->d) : 0;
    int lv;

    if (rc < 0)
        return reply_db_error(rp);
    if (rc == 0 || !covers(rq->session, c->d.area_code))
        return reply_not_found(rp);
    if ((c->a = dossier_rules(rt.rules, c->d.area_code)) == NULL)
        return no_rules(rp);
    if (regime_from_db(c->d.regime, &c->g) != 0 || (lv = rules_level_from(c->d.level)) < 0)
        return reply_error(rp, 500, "dossier", "Hồ sơ có dữ liệu không hợp lệ.");
    c->lv = (enum rules_level)lv;
    c->ndocs = rules_documents(c->a, c->d.group_code, c->g, c->lv, c->docs, MAX_DOCS);
    if (c->ndocs > MAX_DOCS)
        c->ndocs = MAX_DOCS;
    return 1;
}

static int editable(const struct ctx *c)
{
    return !strcmp(c->d.status, "draft") || !strcmp(c->d.status, "returned");
}

static int receiver(const struct session *s, const struct ctx *c)
{
    return s->role == ROLE_ADMIN || role_level(s->role) == (int)c->lv;
}

static const struct rules_document *find_doc(const struct ctx *c, const char *code)
{
    for (size_t i = 0; i < c->ndocs; i++)
        if (!strcmp(c->docs[i]->code, code))
            return c->docs[i];
    return NULL;
}

static const char SQL_FILES[] =
    "SELECT f.id, f.dossier_id, f.doc_type, f.original_name, f.size, f.mime, f.uploaded_at, "
    "f.replaced_by, f.removed, u.full_name AS uploaded_by "
    "FROM dossier_file f LEFT JOIN user u ON u.id = f.uploaded_by "
    "WHERE f.dossier_id = ? ORDER BY f.id";

static json_t *files_of(int64_t id)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_FILES);
    json_t *list, *f;
    size_t i;

    if (st == NULL || db_bind_int(st, 1, id) != 0 || (list = db_rows_json(rt.db, st)) == NULL)
        return NULL;
    json_array_foreach(list, i, f) /* a boolean, for templates */
        json_object_set_new(f, "removed",
                            json_boolean(json_integer_value(json_object_get(f, "removed"))));
    return list;
}

static int is_current(json_t *f)
{
    return !json_object_get(f, "replaced_by") && !json_is_true(json_object_get(f, "removed"));
}

/* The checklist: each document of the rules with its current files. *missing counts
 * the mandatory items without one. Files of no listed type go to *other. */
static json_t *checklist(const struct ctx *c, json_t *files, int *missing, json_t **other)
{
    json_t *list = json_array(), *f;
    size_t i, k;

    *missing = 0;
    *other = json_array();
    for (i = 0; i < c->ndocs; i++) {
        json_t *mine = json_array();
        json_array_foreach(files, k,
                           f) if (is_current(f) &&
                                  !strcmp(json_string_value(json_object_get(f, "doc_type")),
                                          c->docs[i]->code)) json_array_append(mine, f);
        int present = json_array_size(mine) > 0;
        *missing += c->docs[i]->mandatory && !present;
        json_array_append_new(list, json_pack("{s:s,s:s,s:s?,s:b,s:b,s:o}", "code",
                                              c->docs[i]->code, "name", c->docs[i]->name, "note",
                                              c->docs[i]->note, "mandatory", c->docs[i]->mandatory,
                                              "present", present, "files", mine));
    }
    json_array_foreach(files, k,
                       f) if (is_current(f) &&
                              !find_doc(c, json_string_value(json_object_get(f, "doc_type"))))
        json_array_append(*other, f);
    return list;
}

static const char SQL_HISTORY[] =
    "SELECT a.at, a.action, coalesce(a.detail, '') AS detail, coalesce(u.full_name, '') AS who "
    "FROM audit a LEFT JOIN user u ON u.id = a.user_id "
    "WHERE a.object_type = 'dossier' AND a.object_id = ? ORDER BY a.id";

static const char *action_label(const char *a)
{
    static const char *const map[][2] = {
        {"dossier_open", "Mở hồ sơ"},
        {"files_upload", "Tải tài liệu lên"},
        {"file_replace", "Thay tài liệu"},
        {"file_remove", "Gỡ tài liệu"},
        {"assessment_save", "Lưu báo cáo đánh giá của xã"},
        {"dossier_submit", "Nộp hồ sơ"},
        {"dossier_accept", "Tiếp nhận hồ sơ"},
        {"dossier_return", "Trả lại hồ sơ"},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (!strcmp(a, map[i][0]))
            return map[i][1];
    return a;
}

static json_t *history_of(int64_t id)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_HISTORY);
    json_t *list, *e;
    char ids[24], ts[21];
    size_t i;

    snprintf(ids, sizeof(ids), "%lld", (long long)id);
    if (st == NULL || db_bind_text(st, 1, ids) != 0 || (list = db_rows_json(rt.db, st)) == NULL)
        return NULL;
    json_array_foreach(list, i, e)
    {
        format_timestamp(json_integer_value(json_object_get(e, "at")), ts);
        json_object_set_new(e, "when", json_string(ts));
        json_object_set_new(
            e, "what", json_string(action_label(json_string_value(json_object_get(e, "action")))));
    }
    return list;
}

static const char SQL_ASSESSMENT[] =
    "SELECT raw_materials, labour, idea, identity, written_at FROM dossier_assessment "
    "WHERE dossier_id = ?";

/* The 1489 commune report: NULL when none (or on error: *err). */
static json_t *assessment_of(int64_t id, int *err)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_ASSESSMENT);
    json_t *o = NULL;
    int rc;

    *err = st == NULL || db_bind_int(st, 1, id) != 0;
    if (*err)
        return NULL;
    rc = db_step_row(rt.db, st);
    if (rc == 1)
        o = db_row_json(st);
    sqlite3_reset(st);
    *err = rc < 0;
    return o;
}

static json_t *check_due(const struct ctx *c)
{
    int days = rules_dossier_check_days(c->a);
    int64_t due;

    if (days <= 0 || strcmp(c->d.status, "submitted") != 0)
        return NULL;
    due = add_working_days(c->d.submitted_at - c->d.submitted_at % 86400, days);
    return json_pack("{s:i,s:o,s:b}", "days", days, "due", date_json(due), "overdue",
                     app_today() > due);
}

static int get_dossier(struct request *rq, struct reply *rp)
{
    struct ctx c;
    struct rules_uploads up;
    json_t *files, *other, *list, *hist, *asm_, *data;
    int missing, err, needs_asm;
    char id[24];

    if (load_ctx(rq, rp, &c) != 1)
        return -1;
    if ((files = files_of(c.d.id)) == NULL || (hist = history_of(c.d.id)) == NULL)
        return reply_db_error(rp);
    list = checklist(&c, files, &missing, &other);
    asm_ = assessment_of(c.d.id, &err);
    if (err)
        return reply_db_error(rp);
    needs_asm = c.g == REGIME_148_1489;
    rules_upload_limits(c.a, &up);
    snprintf(id, sizeof(id), "%lld", (long long)c.d.id);
    int k = dossier_status_from(c.d.status);
    data = json_pack("{s:s,s:I,s:s,s:s,s:I,s:s,s:I,s:s,s:s,s:i,s:s,s:i,s:s,s:s,s:s,s:s,s:s?}", "id",
                     id, "product_id", (json_int_t)c.d.product_id, "product_name", c.d.product_name,
                     "group_code", c.d.group_code, "subject_id", (json_int_t)c.d.subject_id,
                     "subject_name", c.d.subject_name, "previous_id", (json_int_t)c.d.previous_id,
                     "province", c.d.province, "area_code", c.d.area_code, "year", c.d.year,
                     "level", c.d.level, "round", c.d.round, "level_label",
                     rules_level_labels[c.lv], "regime", rules_regime_names[c.g], "status",
                     c.d.status, "status_label", k >= 0 ? dossier_status_labels[k] : c.d.status,
                     "return_reason", c.d.return_reason[0] ? c.d.return_reason : NULL);
    json_object_set_new(data, "regime_label", json_string(rules_regime_labels[c.g]));
    json_object_set_new(data, "checklist", list);
    json_object_set_new(data, "other_files", other);
    json_object_set_new(data, "all_files", files);
    json_object_set_new(data, "history", hist);
    json_object_set_new(data, "missing", json_integer(missing));
    json_object_set_new(data, "complete", json_boolean(missing == 0));
    json_object_set_new(data, "needs_assessment", json_boolean(needs_asm));
    if (asm_)
        json_object_set_new(data, "assessment", asm_);
    int can_edit = editable(&c) && writer(rq->session);
    json_object_set_new(data, "can_edit", json_boolean(can_edit));
    json_object_set_new(data, "can_submit",
                        json_boolean(can_edit && missing == 0 && (!needs_asm || asm_)));
    json_object_set_new(
        data, "can_check",
        json_boolean(!strcmp(c.d.status, "submitted") && receiver(rq->session, &c)));
    json_object_set_new(data, "check", check_due(&c));
    json_object_set_new(data, "limits",
                        json_pack("{s:I,s:i,s:I}", "max_file_mb",
                                  (json_int_t)(up.max_file_bytes >> 20), "max_files", up.max_files,
                                  "max_total_mb", (json_int_t)(up.max_total_bytes >> 20)));
    reply_set(rp, 200, "app/dossier", data);
    return 0;
}

/* ---- moves ---- */

static const char SQL_SET_STATUS[] =
    "UPDATE dossier SET status = ?2, submitted_at = CASE WHEN ?2 = 'submitted' THEN ?3 ELSE "
    "submitted_at END, submitted_by = CASE WHEN ?2 = 'submitted' THEN ?4 ELSE submitted_by END, "
    "checked_at = CASE WHEN ?2 IN ('accepted', 'returned') THEN ?3 ELSE checked_at END, "
    "checked_by = CASE WHEN ?2 IN ('accepted', 'returned') THEN ?4 ELSE checked_by END, "
    "return_reason = CASE WHEN ?2 = 'returned' THEN ?5 WHEN ?2 = 'accepted' THEN NULL ELSE "
    "return_reason END WHERE id = ?1 AND status = ?6";

/* Moves the dossier from its status to next in one transaction with its audit row. */
static int move(struct request *rq, struct reply *rp, const struct ctx *c, const char *next,
                const char *action, const char *reason)
{
    sqlite3_stmt *st;
    char id[24], path[64];

    snprintf(id, sizeof(id), "%lld", (long long)c->d.id);
    if (db_begin(rt.db) != 0 || (st = db_stmt(rt.db, SQL_SET_STATUS)) == NULL ||
        db_bind_int(st, 1, c->d.id) || db_bind_text(st, 2, next) ||
        db_bind_int(st, 3, (int64_t)time(NULL)) || db_bind_int(st, 4, rq->session->user_id) ||
        db_bind_text(st, 5, reason) || db_bind_text(st, 6, c->d.status) ||
        db_step_done(rt.db, st) != 0)
        return reply_db_error(rp);
    if (sqlite3_changes(rt.db->h) != 1) {
        db_rollback(rt.db);
        return reply_error(rp, 409, "status",
                           "Hồ sơ vừa được người khác thay đổi; hãy tải lại trang.");
    }
    if (audit_log_new(rt.db, rq->session->user_id, action, "dossier", id,
                      reason ? json_pack("{s:s}", "reason", reason) : NULL, rq->remote_addr) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    snprintf(path, sizeof(path), "/app/dossiers/%s", id);
    return reply_redirect(rp, path);
}

static int post_submit(struct request *rq, struct reply *rp)
{
    struct ctx c;
    json_t *files, *other, *list, *asm_;
    int missing, err;

    if (load_ctx(rq, rp, &c) != 1)
        return -1;
    if (!writer(rq->session))
        return forbidden(rp, "Vai trò của bạn không nộp hồ sơ.");
    if (!editable(&c))
        return reply_error(rp, 409, "status", "Hồ sơ không ở trạng thái được nộp.");
    if ((files = files_of(c.d.id)) == NULL)
        return reply_db_error(rp);
    list = checklist(&c, files, &missing, &other);
    json_decref(list);
    json_decref(other);
    json_decref(files);
    if (missing)
        return reply_error(rp, 422, "missing_documents",
                           "Hồ sơ còn thiếu tài liệu bắt buộc; xem danh mục trên trang hồ sơ.");
    asm_ = assessment_of(c.d.id, &err);
    if (err)
        return reply_db_error(rp);
    json_decref(asm_);
    if (c.g == REGIME_148_1489 && asm_ == NULL)
        return reply_error(rp, 422, "assessment",
                           "Theo QĐ 1489, hồ sơ cần báo cáo đánh giá của xã trước khi nộp.");
    return move(rq, rp, &c, "submitted", "dossier_submit", NULL);
}

static int post_accept(struct request *rq, struct reply *rp)
{
    struct ctx c;

    if (load_ctx(rq, rp, &c) != 1)
        return -1;
    if (!receiver(rq->session, &c))
        return forbidden(rp, "Chỉ cấp tiếp nhận hồ sơ mới được tiếp nhận hoặc trả lại.");
    if (strcmp(c.d.status, "submitted") != 0)
        return reply_error(rp, 409, "status", "Chỉ tiếp nhận được hồ sơ đã nộp.");
    return move(rq, rp, &c, "accepted", "dossier_accept", NULL);
}

static const struct field return_fields[] = {
    {"reason", FIELD_MULTILINE, 1, 1, 2000, NULL, "Lý do trả lại"},
};

static int post_return(struct request *rq, struct reply *rp)
{
    struct field_value v[1];
    struct field_error fe;
    struct ctx c;

    if (load_ctx(rq, rp, &c) != 1)
        return -1;
    if (!receiver(rq->session, &c))
        return forbidden(rp, "Chỉ cấp tiếp nhận hồ sơ mới được tiếp nhận hoặc trả lại.");
    if (strcmp(c.d.status, "submitted") != 0)
        return reply_error(rp, 409, "status", "Chỉ trả lại được hồ sơ đã nộp.");
    if (http_validate(rq->pool, return_fields, 1, &rq->form, v, &fe) != 0)
        return reply_field_error(rp, &fe);
    return move(rq, rp, &c, "returned", "dossier_return", v[0].s);
}

static const struct field assessment_fields[] = {
    {"raw_materials", FIELD_MULTILINE, 1, 1, 4000, NULL, "Nguồn gốc nguyên liệu tại địa phương"},
    {"labour", FIELD_MULTILINE, 1, 1, 4000, NULL, "Sử dụng lao động địa phương"},
    {"idea", FIELD_MULTILINE, 1, 1, 4000, NULL, "Nguồn gốc ý tưởng sản phẩm"},
    {"identity", FIELD_MULTILINE, 1, 1, 4000, NULL, "Bản sắc, đặc trưng địa phương"},
};

static const char SQL_ASSESSMENT_SAVE[] =
    "INSERT INTO dossier_assessment (dossier_id, raw_materials, labour, idea, identity, "
    "written_by, written_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dossier_id) DO UPDATE SET "
    "raw_materials = excluded.raw_materials, labour = excluded.labour, idea = excluded.idea, "
    "identity = excluded.identity, written_by = excluded.written_by, "
    "written_at = excluded.written_at";

static int post_assessment(struct request *rq, struct reply *rp)
{
    struct field_value v[4];
    struct field_error fe;
    struct ctx c;
    sqlite3_stmt *st;
    char id[24], path[64];
    int rc;

    if (load_ctx(rq, rp, &c) != 1)
        return -1;
    if (c.g != REGIME_148_1489)
        return reply_error(rp, 409, "regime", "Báo cáo đánh giá của xã chỉ có theo QĐ 1489.");
    if (!writer(rq->session) || !editable(&c))
        return reply_error(rp, 409, "status", "Hồ sơ không còn sửa được.");
    if (http_validate(rq->pool, assessment_fields, 4, &rq->form, v, &fe) != 0)
        return reply_field_error(rp, &fe);
    snprintf(id, sizeof(id), "%lld", (long long)c.d.id);
    rc = db_begin(rt.db) != 0 || (st = db_stmt(rt.db, SQL_ASSESSMENT_SAVE)) == NULL ||
         db_bind_int(st, 1, c.d.id);
    for (int i = 0; i < 4 && !rc; i++)
        rc = db_bind_text(st, i + 2, v[i].s);
    if (rc || db_bind_int(st, 6, rq->session->user_id) || db_bind_int(st, 7, (int64_t)time(NULL)) ||
        db_step_done(rt.db, st) != 0 ||
        audit_log(rt.db, rq->session->user_id, "assessment_save", "dossier", id, NULL,
                  rq->remote_addr) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    snprintf(path, sizeof(path), "/app/dossiers/%s", id);
    return reply_redirect(rp, path);
}

/* ---- documents: streamed uploads, replacement, removal, download ---- */

struct pending {
    char code[68];
    char name[MP_FILENAME_MAX + 1];
    struct fs_result res;
};

/* One upload request. Ownership: cur is ours until fs_commit/fs_abort; done lives in
 * the request pool. */
struct upload {
    struct request *rq;
    const struct ctx *c;
    const char *only_code; /* a replacement: the one part "file", of this type */
    int csrf_ok;
    char field[160];
    size_t flen;
    struct fs_file *cur;
    int skip; /* an empty file input: no file chosen */
    char code[68], name[MP_FILENAME_MAX + 1];
    struct pending *done;
    size_t ndone, max;
    uint64_t max_file;
    int status; /* the error to answer, 0 = none */
    const char *ecode;
    char message[256];
};

static int up_fail(struct upload *u, int status, const char *code, const char *msg)
{
    if (u->status == 0) {
        u->status = status;
        u->ecode = code;
        snprintf(u->message, sizeof(u->message), "%s", msg);
    }
    return -1;
}

static int up_fs_fail(struct upload *u, int rc, int ft_error)
{
    char msg[256];

    if (rc == -FS_E_TYPE && ft_error)
        snprintf(msg, sizeof(msg), "Tệp \"%s\": %s", u->name, ft_strerror(ft_error));
    else
        snprintf(msg, sizeof(msg), "Tệp \"%s\": %s", u->name, fs_strerror(rc));
    return up_fail(u, fs_http_status(rc), "file", msg);
}

/* The document type a file part names: "f_<code>" of the checklist, or "file" when
 * replacing. NULL when it names none. */
static const char *part_code(struct upload *u, const char *name)
{
    if (u->only_code)
        return strcmp(name, "file") == 0 ? u->only_code : NULL;
    if (strncmp(name, "f_", 2) != 0 || find_doc(u->c, name + 2) == NULL)
        return NULL;
    return name + 2;
}

static int up_begin(void *ctx, const struct mp_part *p)
{
    struct upload *u = ctx;
    const char *code;
    int rc;

    u->flen = 0;
    u->skip = 0;
    if (!p->is_file)
        return strcmp(p->name, "csrf") == 0 ? 0
                                            : up_fail(u, 422, "field", "Biểu mẫu có trường lạ.");
    if (!u->csrf_ok)
        return up_fail(u, 403, "csrf", "Mã bảo vệ biểu mẫu (CSRF) phải đứng trước các tệp.");
    if ((code = part_code(u, p->name)) == NULL)
        return up_fail(u, 422, "doc_type", "Loại tài liệu không có trong danh mục hồ sơ.");
    snprintf(u->code, sizeof(u->code), "%s", code);
    mp_sanitize_filename(p->filename, strlen(p->filename), u->name);
    if (p->filename[0] == '\0') { /* an input left empty */
        u->skip = 1;
        return 0;
    }
    if (u->ndone >= u->max)
        return up_fail(u, 413, "too_many_files", "Quá số tệp được tải lên trong một lần.");
    rc = fs_begin(files_root, u->max_file, &u->cur);
    return rc == 0 ? 0 : up_fs_fail(u, rc, 0);
}

static int up_data(void *ctx, const struct mp_part *p, const char *data, size_t len)
{
    struct upload *u = ctx;
    int rc;

    if (!p->is_file) {
        if (u->flen + len >= sizeof(u->field))
            return up_fail(u, 403, "csrf", "Mã bảo vệ biểu mẫu (CSRF) không đúng.");
        memcpy(u->field + u->flen, data, len);
        u->flen += len;
        return 0;
    }
    if (u->skip)
        return up_fail(u, 400, "file", "Tệp không có tên.");
    rc = fs_write(u->cur, data, len);
    return rc == 0 ? 0 : up_fs_fail(u, rc, fs_type_error(u->cur));
}

static int up_end(void *ctx, const struct mp_part *p)
{
    struct upload *u = ctx;
    struct pending *d;
    int rc;

    if (!p->is_file) {
        u->field[u->flen] = '\0';
        u->csrf_ok = csrf_check(u->rq->session, u->field) == 0;
        return u->csrf_ok ? 0 : up_fail(u, 403, "csrf", "Mã bảo vệ biểu mẫu (CSRF) không đúng.");
    }
    if (u->skip)
        return 0;
    d = &u->done[u->ndone];
    rc = fs_commit(u->cur, &d->res);
    u->cur = NULL;
    if (rc != 0)
        return up_fs_fail(u, rc, d->res.ft_error);
    snprintf(d->code, sizeof(d->code), "%s", u->code);
    snprintf(d->name, sizeof(d->name), "%s", u->name);
    u->ndone++;
    return 0;
}

/* Reads and parses the body into the store; u->status says what failed. */
static void receive(struct upload *u, const struct rules_uploads *lim)
{
    static char chunk[1 << 16];
    const struct mp_limits ml = {(size_t)lim->max_files + 2, 4096, 200, lim->max_file_bytes,
                                 lim->max_total_bytes + 65536};
    const struct mp_callbacks cb = {up_begin, up_data, up_end};
    struct mp_parser *mp;
    long n;
    int rc;

    if (u->rq->csrf_header)
        u->csrf_ok = csrf_check(u->rq->session, u->rq->csrf_header) == 0;
    if ((uint64_t)u->rq->content_len > ml.max_total_bytes) {
        up_fail(u, 413, "too_big", "Tổng dung lượng tải lên vượt mức cho phép.");
        return;
    }
    rc = mp_create(u->rq->content_type ? u->rq->content_type : "", &ml, &cb, u, &mp);
    if (rc != 0) {
        up_fail(u, mp_http_status(rc), mp_errname(rc), mp_strerror(rc));
        return;
    }
    while (rc == 0 && (n = req_read_body(u->rq, chunk, sizeof(chunk))) > 0)
        rc = mp_feed(mp, chunk, (size_t)n);
    if (rc == 0 && n < 0)
        up_fail(u, 400, "short_body", "Dữ liệu tải lên bị ngắt giữa chừng.");
    else if (rc == 0)
        rc = mp_finish(mp);
    if (rc != 0 && rc != -MP_E_CALLBACK)
        up_fail(u, mp_http_status(rc), mp_errname(rc), mp_strerror(rc));
    else if (rc != 0)
        up_fail(u, 500, "upload", "Không lưu được tệp.");
    mp_free(mp);
    fs_abort(u->cur); /* a part begun and not ended */
    u->cur = NULL;
}

static const char SQL_FILE_INSERT[] =
    "INSERT INTO dossier_file (dossier_id, doc_type, original_name, sha256, size, mime, "
    "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_FILE_REPLACED[] =
    "UPDATE dossier_file SET replaced_by = ? WHERE id = ? AND dossier_id = ? AND replaced_by IS "
    "NULL AND removed = 0";

/* The rows of the received files, in one transaction with their audit row. */
static int record(struct request *rq, const struct upload *u, int64_t replaces, json_t **out)
{
    sqlite3_stmt *st;
    json_t *list = json_array();
    char id[24];
    int64_t now = (int64_t)time(NULL), fid = 0;
    int changed = 1;

    snprintf(id, sizeof(id), "%lld", (long long)u->c->d.id);
    if (db_begin(rt.db) != 0)
        goto fail;
    for (size_t i = 0; i < u->ndone; i++) {
        const struct pending *d = &u->done[i];
        if ((st = db_stmt(rt.db, SQL_FILE_INSERT)) == NULL || db_bind_int(st, 1, u->c->d.id) ||
            db_bind_text(st, 2, d->code) || db_bind_text(st, 3, d->name) ||
            db_bind_text(st, 4, d->res.sha256) || db_bind_int(st, 5, (int64_t)d->res.size) ||
            db_bind_text(st, 6, d->res.mime) || db_bind_int(st, 7, rq->session->user_id) ||
            db_bind_int(st, 8, now) || db_step_done(rt.db, st) != 0)
            goto fail;
        fid = sqlite3_last_insert_rowid(rt.db->h);
        json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:I,s:s,s:s}", "id", (json_int_t)fid,
                                              "doc_type", d->code, "name", d->name, "size",
                                              (json_int_t)d->res.size, "mime", d->res.mime,
                                              "sha256", d->res.sha256));
    }
    if (replaces) {
        if ((st = db_stmt(rt.db, SQL_FILE_REPLACED)) == NULL || db_bind_int(st, 1, fid) ||
            db_bind_int(st, 2, replaces) || db_bind_int(st, 3, u->c->d.id) ||
            db_step_done(rt.db, st) != 0)
            goto fail;
        changed = sqlite3_changes(rt.db->h);
    }
    if (!changed ||
        audit_log_new(rt.db, rq->session->user_id, replaces ? "file_replace" : "files_upload",
                      "dossier", id,
                      json_pack("{s:O,s:I}", "files", list, "replaces", (json_int_t)replaces),
                      rq->remote_addr) != 0 ||
        db_commit(rt.db) != 0)
        goto fail;
    *out = list;
    return 0;
fail:
    db_rollback(rt.db);
    json_decref(list);
    return changed ? -1 : -2;
}

static int upload(struct request *rq, struct reply *rp, int64_t replaces, const char *code)
{
    struct upload u = {.rq = rq, .only_code = code};
    struct rules_uploads lim;
    struct ctx c;
    json_t *files;
    char path[64];
    int rc;

    if (load_ctx(rq, rp, &c) != 1)
        return -1;
    if (!writer(rq->session) || !editable(&c))
        return reply_error(rp, 409, "status", "Hồ sơ đã nộp: không thêm hay thay tài liệu được.");
    rules_upload_limits(c.a, &lim);
    fs_sweep(files_root, 3600, NULL); /* what a killed worker left behind */
    u.c = &c;
    u.max = replaces ? 1 : (size_t)lim.max_files;
    u.max_file = lim.max_file_bytes;
    u.done = pool_alloc(rq->pool, sizeof(*u.done) * u.max);
    if (u.done == NULL)
        return reply_error(rp, 503, "memory", "Máy chủ tạm thời quá tải.");
    receive(&u, &lim);
    if (u.status)
        return reply_error(rp, u.status, u.ecode, u.message);
    if (u.ndone == 0)
        return reply_error(rp, 422, "no_file", "Chưa chọn tệp nào để tải lên.");
    rc = record(rq, &u, replaces, &files);
    if (rc == -2)
        return reply_error(rp, 409, "replaced",
                           "Tài liệu này vừa được thay hoặc gỡ; hãy tải lại trang.");
    if (rc != 0)
        return reply_db_error(rp);
    snprintf(path, sizeof(path), "/app/dossiers/%lld", (long long)c.d.id);
    if (!rq->wants_json)
        return reply_redirect(rp, path);
    reply_set(rp, 201, NULL, json_pack("{s:o,s:s}", "files", files, "dossier", path));
    return 0;
}

static int post_files(struct request *rq, struct reply *rp)
{
    return upload(rq, rp, 0, NULL);
}

static const char SQL_FILE[] =
    "SELECT doc_type, original_name, sha256, mime, replaced_by IS NULL AND removed = 0 "
    "FROM dossier_file WHERE id = ? AND dossier_id = ?";

struct file_row {
    char doc_type[68], name[256], sha256[65], mime[80];
    int current;
};

static int load_file(int64_t fid, int64_t did, struct file_row *f)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_FILE);
    int rc;

    if (st == NULL || db_bind_int(st, 1, fid) || db_bind_int(st, 2, did))
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1) {
        db_col_text(st, 0, f->doc_type, sizeof(f->doc_type));
        db_col_text(st, 1, f->name, sizeof(f->name));
        db_col_text(st, 2, f->sha256, sizeof(f->sha256));
        db_col_text(st, 3, f->mime, sizeof(f->mime));
        f->current = sqlite3_column_int(st, 4);
    }
    sqlite3_reset(st);
    return rc;
}

static int post_replace(struct request *rq, struct reply *rp)
{
    int64_t did = req_id(rq, 0), fid = req_id(rq, 1);
    struct file_row f;
    int rc = did > 0 && fid > 0 ? load_file(fid, did, &f) : 0;

    if (rc < 0)
        return reply_db_error(rp);
    if (rc == 0)
        return reply_not_found(rp);
    if (!f.current)
        return reply_error(rp, 409, "replaced", "Tài liệu này đã được thay hoặc gỡ.");
    return upload(rq, rp, fid, pool_strdup(rq->pool, f.doc_type));
}

static const char SQL_FILE_REMOVE[] =
    "UPDATE dossier_file SET removed = 1 WHERE id = ? AND dossier_id = ? AND removed = 0 AND "
    "replaced_by IS NULL";

static int post_remove(struct request *rq, struct reply *rp)
{
    int64_t fid = req_id(rq, 1);
    struct file_row f;
    struct ctx c;
    sqlite3_stmt *st;
    char id[24], path[64];
    int rc;

    if (load_ctx(rq, rp, &c) != 1)
        return -1;
    if ((rc = fid > 0 ? load_file(fid, c.d.id, &f) : 0) <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    if (!writer(rq->session) || !editable(&c))
        return reply_error(rp, 409, "status", "Hồ sơ đã nộp: không gỡ tài liệu được.");
    snprintf(id, sizeof(id), "%lld", (long long)c.d.id);
    if (db_begin(rt.db) != 0 || (st = db_stmt(rt.db, SQL_FILE_REMOVE)) == NULL ||
        db_bind_int(st, 1, fid) || db_bind_int(st, 2, c.d.id) || db_step_done(rt.db, st) != 0)
        return reply_db_error(rp);
    if (sqlite3_changes(rt.db->h) != 1) {
        db_rollback(rt.db);
        return reply_error(rp, 409, "replaced", "Tài liệu này đã được thay hoặc gỡ.");
    }
    if (audit_log_new(rt.db, rq->session->user_id, "file_remove", "dossier", id,
                      json_pack("{s:I,s:s,s:s}", "file_id", (json_int_t)fid, "doc_type", f.doc_type,
                                "name", f.name),
                      rq->remote_addr) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    snprintf(path, sizeof(path), "/app/dossiers/%s", id);
    return reply_redirect(rp, path);
}

static int get_file(struct request *rq, struct reply *rp)
{
    int64_t fid = req_id(rq, 1);
    struct file_row f;
    struct ctx c;
    char uri[128];
    int rc;

    if (load_ctx(rq, rp, &c) != 1)
        return -1;
    if ((rc = fid > 0 ? load_file(fid, c.d.id, &f) : 0) <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    if (!fs_hex_valid(f.sha256))
        return reply_error(rp, 500, "file", "Tệp lưu trữ không hợp lệ.");
    snprintf(uri, sizeof(uri), "/_files/%.2s/%s", f.sha256, f.sha256);
    return reply_file(rp, uri, pool_strdup(rq->pool, f.mime), f.name);
}

/* ---- the program ---- */

static const struct route routes[] = {
    {HTTP_GET, "/app/subjects", get_subjects, 0},
    {HTTP_GET, "/app/subjects/new", get_subject_new, 0},
    {HTTP_POST, "/app/subjects", post_subjects, 0},
    {HTTP_GET, "/app/subjects/:id", get_subject, 0},
    {HTTP_POST, "/app/subjects/:id", post_subject, 0},
    {HTTP_GET, "/app/products/new", get_product_new, 0},
    {HTTP_POST, "/app/products", post_products, 0},
    {HTTP_GET, "/app/products/:id", get_product, 0},
    {HTTP_POST, "/app/products/:id", post_product, 0},
    {HTTP_GET, "/app/dossiers", get_dossiers, 0},
    {HTTP_POST, "/app/dossiers", post_dossiers, 0},
    {HTTP_GET, "/app/dossiers/:id", get_dossier, 0},
    {HTTP_POST, "/app/dossiers/:id/files", post_files, ROUTE_STREAM | ROUTE_NO_CSRF},
    {HTTP_GET, "/app/dossiers/:id/files/:fid", get_file, 0},
    {HTTP_POST, "/app/dossiers/:id/files/:fid/replace", post_replace, ROUTE_STREAM | ROUTE_NO_CSRF},
    {HTTP_POST, "/app/dossiers/:id/files/:fid/remove", post_remove, 0},
    {HTTP_POST, "/app/dossiers/:id/assessment", post_assessment, 0},
    {HTTP_POST, "/app/dossiers/:id/submit", post_submit, 0},
    {HTTP_POST, "/app/dossiers/:id/accept", post_accept, 0},
    {HTTP_POST, "/app/dossiers/:id/return", post_return, 0},
};

static int init(void)
{
    size_t removed = 0;

    signal(SIGXFSZ, SIG_IGN); /* a file-size limit is an error to report, not a kill */
    snprintf(files_root, sizeof(files_root), "%s/files", rt.cfg.home);
    if (fs_sweep(files_root, 3600, &removed) == 0 && removed)
        log_info("removed %zu abandoned upload(s)", removed);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct app app = {"dossier", routes, ARRAY_LEN(routes), init};

    return app_main(&app, argc, argv);
}
