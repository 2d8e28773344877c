/*
 * ocop-score.c — bin/ocop-score.fcgi: evaluation councils and their members, conflicts
 * of interest, each member's score sheet (from the rules: parts → criteria groups →
 * criteria → options), the round result the chair confirms (quorum, mean, spread,
 * band, star gates, the decision the regime allows at the level, calibration of the
 * council), certificates with their numbers, validity, revocation and expiry, and CSV
 * exports.
 *
 * Who: the office of a council's area at its level (or an admin) sets councils up and
 * records conflicts; members score the accepted dossiers of their council's level,
 * year and area; the chair confirms results. Every write is in the audit trail.
 */
#include "app.h"
#include "dossier.h"
#include "export.h"
#include "pager.h"
#include "rules.h"
#include "scoring.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int covers(const struct session *s, const char *area)
{
    return s->role == ROLE_ADMIN || area_covers(s->area, area);
}

static const char *const council_levels[] = {"district", "province", "central", NULL};
static const char *const member_roles[] = {"chair", "member", "secretary", NULL};
static const char *const member_role_labels[] = {"Chủ tịch", "Thành viên", "Thư ký"};
/* A member's score sheet: none yet, saved, submitted. */
static const char *const sheet_statuses[] = {"new", "draft", "submitted", NULL};
static const char *const sheet_status_labels[] = {"chưa chấm", "đang chấm (nháp)", "đã nộp"};

/* The label of a sheet's status; none stored ("" or NULL) is "new". */
static const char *sheet_label(const char *status)
{
    return code_label(sheet_statuses, sheet_status_labels, status && status[0] ? status : "new",
                      "");
}

/* ---- councils ---- */

struct council {
    int64_t id;
    char area[128], level[16], name[256];
    int year;
};

static const char SQL_COUNCIL[] =
    "SELECT id, area_code, level, year, name FROM council WHERE id = ?";

static int council_load(int64_t id, struct council *c)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_COUNCIL);
    int rc;

    if (st == NULL || db_bind_int(st, 1, id))
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1) {
        c->id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, c->area, sizeof(c->area));
        db_col_text(st, 2, c->level, sizeof(c->level));
        c->year = sqlite3_column_int(st, 3);
        db_col_text(st, 4, c->name, sizeof(c->name));
    }
    sqlite3_reset(st);
    return rc;
}

/* The office that runs a council: the official of its area at its level. */
static int office_of(const struct session *s, const char *area, const char *level)
{
    return s->role == ROLE_ADMIN ||
           (role_level(s->role) == rules_level_from(level) && area_covers(s->area, area));
}

static const char SQL_COUNCILS[] =
    "SELECT c.id, c.area_code, a.name AS area_name, c.level, c.year, c.name, "
    "(SELECT count(*) FROM council_member m WHERE m.council_id = c.id) AS members "
    "FROM council c JOIN area a ON a.code = c.area_code "
    "WHERE ?1 = '' OR " SQL_IN_AREA(
        "c.area_code",
        "?1") " "
              "OR c.id IN (SELECT council_id FROM council_member WHERE user_id = ?2) "
              "ORDER BY c.year DESC, c.level, c.area_code";

static int get_councils(struct request *rq, struct reply *rp)
{
    const struct session *s = rq->session;
    sqlite3_stmt *st = db_stmt(rt.db, SQL_COUNCILS);
    json_t *list;

    if (st == NULL || db_bind_text(st, 1, s->role == ROLE_ADMIN ? "" : s->area) ||
        db_bind_int(st, 2, s->user_id) || (list = db_rows_json(rt.db, st)) == NULL)
        return reply_db_error(rp);
    dossier_rows_label(list);
    reply_set(
        rp, 200, "app/councils",
        json_pack("{s:o,s:b,s:i}", "councils", list, "can_create",
                  s->role == ROLE_ADMIN || s->role == ROLE_DISTRICT || s->role == ROLE_PROVINCE,
                  "year", (int)(app_today() / 86400 / 365.2425 + 1970)));
    return 0;
}

static const struct field council_fields[] = {
    {"area_code", FIELD_SLUG, 1, 1, 127, NULL, "Địa bàn của hội đồng"},
    {"level", FIELD_ENUM, 1, 0, 0, council_levels, "Cấp"},
    {"year", FIELD_INT, 1, 2018, 2100, NULL, "Năm"},
    {"name", FIELD_TEXT, 1, 1, 200, NULL, "Tên hội đồng"},
};

static int64_t last_id(void)
{
    return sqlite3_last_insert_rowid(rt.db->h);
}

static int redirect_to(struct reply *rp, const char *fmt, int64_t id)
{
    char path[96];

    snprintf(path, sizeof(path), fmt, (long long)id);
    return reply_redirect(rp, path);
}

static int audit(struct request *rq, const char *action, const char *type, int64_t id,
                 json_t *detail)
{
    char ids[24];
    int rc;

    snprintf(ids, sizeof(ids), "%lld", (long long)id);
    rc = audit_log(rt.db, rq->session->user_id, action, type, ids, detail, rq->remote_addr);
    json_decref(detail);
    return rc;
}

static int post_councils(struct request *rq, struct reply *rp)
{
    struct field_value v[4];
    struct field_error fe;
    sqlite3_stmt *st;
    int64_t id;

    if (http_validate(rq->pool, council_fields, 4, &rq->form, v, &fe) != 0)
        return reply_field_error(rp, &fe);
    if (!office_of(rq->session, v[0].s, v[1].s))
        return reply_error(rp, 403, "forbidden",
                           "Chỉ cơ quan thường trực OCOP của địa bàn, đúng cấp, lập hội đồng.");
    if (db_begin(rt.db) != 0 ||
        (st = db_stmt(rt.db, "SELECT 1 FROM area WHERE code = ?")) == NULL ||
        db_bind_text(st, 1, v[0].s))
        return reply_db_error(rp);
    int exists = db_step_row(rt.db, st);
    sqlite3_reset(st);
    if (exists != 1) {
        db_rollback(rt.db);
        return exists < 0 ? reply_db_error(rp)
                          : reply_error(rp, 422, "area_code", "Địa bàn không tồn tại.");
    }
    st = db_stmt(rt.db, "INSERT INTO council (area_code, level, year, name, created_at) VALUES "
                        "(?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    if (st == NULL || db_bind_text(st, 1, v[0].s) || db_bind_text(st, 2, v[1].s) ||
        db_bind_int(st, 3, v[2].i) || db_bind_text(st, 4, v[3].s) ||
        db_bind_int(st, 5, (int64_t)time(NULL)) || db_step_done(rt.db, st) != 0)
        return reply_db_error(rp);
    if (sqlite3_changes(rt.db->h) == 0) {
        db_rollback(rt.db);
        return reply_error(rp, 409, "council_exists",
                           "Địa bàn này đã có hội đồng cùng cấp trong năm.");
    }
    id = last_id();
    if (audit(rq, "council_create", "council", id,
              json_pack("{s:s,s:s,s:I,s:s}", "area", v[0].s, "level", v[1].s, "year",
                        (json_int_t)v[2].i, "name", v[3].s)) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    return redirect_to(rp, "/app/councils/%lld", id);
}

static const char SQL_MEMBERS[] =
    "SELECT m.id, m.role, u.id AS user_id, u.username, u.full_name FROM council_member m "
    "JOIN user u ON u.id = m.user_id WHERE m.council_id = ? ORDER BY m.role = 'chair' DESC, "
    "u.full_name";
static const char SQL_COUNCIL_DOSSIERS[] =
    "SELECT d.id, d.round, d.status, d.area_code, p.name AS product_name, p.group_code "
    "FROM dossier d JOIN product p ON p.id = d.product_id "
    "WHERE d.level = ?1 AND d.year = ?2 AND " SQL_IN_AREA(
        "d.area_code",
        "?3") " "
              "AND d.status IN ('accepted', 'scored', 'decided') ORDER BY d.round, p.name";

static json_t *member_list(int64_t council)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_MEMBERS);
    json_t *list;

    if (st == NULL || db_bind_int(st, 1, council) || (list = db_rows_json(rt.db, st)) == NULL)
        return NULL;
    db_rows_label(list, "role", member_roles, member_role_labels);
    return list;
}

static json_t *council_dossiers(const struct council *c)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_COUNCIL_DOSSIERS);
    json_t *list;

    if (st == NULL || db_bind_text(st, 1, c->level) || db_bind_int(st, 2, c->year) ||
        db_bind_text(st, 3, c->area))
        return NULL;
    list = db_rows_json(rt.db, st);
    dossier_rows_label(list);
    return list;
}

static int is_member(int64_t council, int64_t user, char role[16])
{
    sqlite3_stmt *st =
        db_stmt(rt.db, "SELECT role FROM council_member WHERE council_id = ? AND user_id = ?");
    int rc;

    if (st == NULL || db_bind_int(st, 1, council) || db_bind_int(st, 2, user))
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1 && role)
        db_col_text(st, 0, role, 16);
    sqlite3_reset(st);
    return rc;
}

static int get_council(struct request *rq, struct reply *rp)
{
    struct council c;
    int64_t id = req_id(rq, 0);
    json_t *members, *dossiers;
    int rc = id > 0 ? council_load(id, &c) : 0, member;

    if (rc < 0)
        return reply_db_error(rp);
    member = rc == 1 ? is_member(c.id, rq->session->user_id, NULL) : 0;
    if (rc == 0 || (!covers(rq->session, c.area) && member != 1))
        return reply_not_found(rp);
    if ((members = member_list(c.id)) == NULL || (dossiers = council_dossiers(&c)) == NULL)
        return reply_db_error(rp);
    reply_set(rp, 200, "app/council",
              json_pack("{s:I,s:s,s:s,s:s,s:i,s:s,s:o,s:o,s:b}", "id", (json_int_t)c.id, "area",
                        c.area, "level", c.level, "level_label", rules_level_label_of(c.level),
                        "year", c.year, "name", c.name, "members", members, "dossiers", dossiers,
                        "can_manage", office_of(rq->session, c.area, c.level)));
    return 0;
}

static const struct field member_fields[] = {
    {"username", FIELD_TOKEN, 1, 1, 64, NULL, "Tên đăng nhập của thành viên"},
    {"role", FIELD_ENUM, 1, 0, 0, member_roles, "Vai trò trong hội đồng"},
};

static int post_members(struct request *rq, struct reply *rp)
{
    struct field_value v[2];
    struct field_error fe;
    struct council c;
    sqlite3_stmt *st;
    int64_t id = req_id(rq, 0), uid;
    int rc = id > 0 ? council_load(id, &c) : 0;

    if (rc <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    if (!office_of(rq->session, c.area, c.level))
        return reply_error(rp, 403, "forbidden", "Chỉ cơ quan lập hội đồng mới thêm thành viên.");
    if (http_validate(rq->pool, member_fields, 2, &rq->form, v, &fe) != 0)
        return reply_field_error(rp, &fe);
    st = db_stmt(rt.db, "SELECT id FROM user WHERE username = ? AND disabled = 0");
    if (st == NULL || db_bind_text(st, 1, v[0].s))
        return reply_db_error(rp);
    rc = db_step_row(rt.db, st);
    uid = rc == 1 ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != 1)
        return rc < 0 ? reply_db_error(rp)
                      : reply_error(rp, 422, "username", "Không có tài khoản này.");
    if (db_begin(rt.db) != 0 ||
        (st = db_stmt(rt.db, "INSERT INTO council_member (council_id, user_id, role) VALUES "
                             "(?, ?, ?) ON CONFLICT DO NOTHING")) == NULL ||
        db_bind_int(st, 1, c.id) || db_bind_int(st, 2, uid) || db_bind_text(st, 3, v[1].s) ||
        db_step_done(rt.db, st) != 0) {
        db_rollback(rt.db);
        return reply_error(rp, 409, "member",
                           "Không thêm được: hội đồng chỉ có một chủ tịch, mỗi người một lần.");
    }
    if (sqlite3_changes(rt.db->h) == 0) {
        db_rollback(rt.db);
        return reply_error(rp, 409, "member", "Người này đã là thành viên của hội đồng.");
    }
    if (audit(rq, "member_add", "council", c.id,
              json_pack("{s:s,s:s}", "username", v[0].s, "role", v[1].s)) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    return redirect_to(rp, "/app/councils/%lld", c.id);
}

/* ---- a dossier before its council ---- */

struct sctx {
    struct dossier d;
    const struct rules_area *a;
    enum rules_regime g;
    enum rules_level lv;
    const struct rules_sheet *sheet;
    struct council c;  /* c.id == 0: no council for this dossier yet */
    int64_t member_id; /* of the official, 0 when not a member */
    char member_role[16];
    int conflicted; /* the official declared a conflict on it */
};

static const char SQL_DOSSIER_COUNCIL[] =
    "SELECT id FROM council WHERE level = ?1 AND year = ?2 AND " SQL_IN_AREA(
        "?3", "area_code") " ORDER BY length(area_code) DESC LIMIT 1";
static const char SQL_MEMBERSHIP[] =
    "SELECT m.id, m.role, EXISTS (SELECT 1 FROM conflict k WHERE k.member_id = m.id AND "
    "k.dossier_id = ?3) FROM council_member m WHERE m.council_id = ?1 AND m.user_id = ?2";

static int find_council(struct sctx *x, int64_t user)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_DOSSIER_COUNCIL);
    int64_t cid = 0;
    int rc;

    if (st == NULL || db_bind_text(st, 1, x->d.level) || db_bind_int(st, 2, x->d.year) ||
        db_bind_text(st, 3, x->d.area_code))
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1)
        cid = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc <= 0)
        return rc;
    if (council_load(cid, &x->c) != 1 || (st = db_stmt(rt.db, SQL_MEMBERSHIP)) == NULL ||
        db_bind_int(st, 1, cid) || db_bind_int(st, 2, user) || db_bind_int(st, 3, x->d.id))
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1) {
        x->member_id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, x->member_role, sizeof(x->member_role));
        x->conflicted = sqlite3_column_int(st, 2);
    }
    sqlite3_reset(st);
    return rc < 0 ? -1 : 1;
}

/* Loads the dossier, its rules, sheet and council for the official: 1, or the reply
 * set. Members of its council and the officials of its area may see it. */
static int load(struct request *rq, struct reply *rp, struct sctx *x)
{
    int64_t id = req_id(rq, 0);
    int rc = id > 0 ? dossier_load(rt.db, id, &x->d) : 0, lv;

    memset(&x->c, 0, sizeof(x->c));
    x->member_id = 0;
    x->conflicted = 0;
    if (rc <= 0)
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    if (find_council(x, rq->session->user_id) < 0)
        return reply_db_error(rp);
    if (!x->member_id && !covers(rq->session, x->d.area_code))
        return reply_not_found(rp);
    if ((x->a = dossier_rules(rt.rules, x->d.area_code)) == NULL)
        return reply_error(rp, 503, "rules", "Chưa có quy tắc hợp lệ cho tỉnh này.");
    lv = rules_level_from(x->d.level);
    if (regime_from_db(x->d.regime, &x->g) != 0 || lv < 0)
        return reply_error(rp, 500, "dossier", "Hồ sơ có dữ liệu không hợp lệ.");
    x->lv = (enum rules_level)lv;
    x->sheet = rules_sheet(x->a, x->g, x->d.group_code);
    if (x->sheet == NULL)
        return reply_error(rp, 503, "sheet", "Quy tắc chưa có phiếu chấm cho nhóm sản phẩm này.");
    return 1;
}

static int scoring_open(const struct sctx *x)
{
    return !strcmp(x->d.status, "accepted");
}

/* ---- one member's sheet ---- */

struct choice {
    int option; /* -1 = none */
    const char *note;
};

static const char SQL_MY_SHEET[] =
    "SELECT s.id, s.status, s.total FROM score_sheet s WHERE s.dossier_id = ? AND s.member_id = ?";
static const char SQL_ITEMS[] = "SELECT criterion, option, note FROM score_item WHERE sheet_id = ?";

static int criterion_index(const struct rules_sheet *s, const char *code)
{
    for (size_t i = 0; i < s->ncriteria; i++)
        if (!strcmp(s->criteria[i]->code, code))
            return (int)i;
    return -1;
}

/* The member's saved sheet: its status ("" when none) and choices by criterion. */
static int my_sheet(struct pool *pool, const struct sctx *x, char status[16], int *total,
                    struct choice *ch)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_MY_SHEET);
    int64_t sid = 0;
    int rc;

    status[0] = '\0';
    *total = 0;
    for (size_t i = 0; i < x->sheet->ncriteria; i++)
        ch[i] = (struct choice){-1, NULL};
    if (st == NULL || db_bind_int(st, 1, x->d.id) || db_bind_int(st, 2, x->member_id))
        return -1;
    rc = db_step_row(rt.db, st);
    if (rc == 1) {
        sid = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, status, 16);
        *total = sqlite3_column_int(st, 2);
    }
    sqlite3_reset(st);
    if (rc <= 0)
        return rc;
    if ((st = db_stmt(rt.db, SQL_ITEMS)) == NULL || db_bind_int(st, 1, sid))
        return -1;
    while ((rc = db_step_row(rt.db, st)) == 1) {
        int k = criterion_index(x->sheet, (const char *)sqlite3_column_text(st, 0));
        const char *opt = (const char *)sqlite3_column_text(st, 1);
        if (k < 0)
            continue;
        for (size_t o = 0; o < x->sheet->criteria[k]->noptions; o++)
            if (!strcmp(x->sheet->criteria[k]->options[o].label, opt))
                ch[k].option = (int)o;
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            ch[k].note = pool_strdup(pool, (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_reset(st);
    return rc < 0 ? -1 : 1;
}

/* The sheet as the form shows it: rules_sheet_json with the member's choices. */
static json_t *sheet_view(const struct sctx *x, const struct choice *ch)
{
    json_t *j = rules_sheet_json(x->sheet), *part, *grp, *crit;
    size_t p, g, c, k = 0;

    json_array_foreach(json_object_get(j, "parts"), p, part)
    {
        json_array_foreach(json_object_get(part, "groups"), g, grp)
        {
            json_array_foreach(json_object_get(grp, "criteria"), c, crit)
            {
                json_t *opt;
                size_t o;
                json_array_foreach(json_object_get(crit, "options"), o, opt)
                {
                    json_object_set_new(opt, "index", json_integer((json_int_t)o));
                    json_object_set_new(opt, "checked", json_boolean(ch[k].option == (int)o));
                }
                if (ch[k].note)
                    json_object_set_new(crit, "note", json_string(ch[k].note));
                json_object_set_new(crit, "part",
                                    json_object_get(part, "code")
                                        ? json_incref(json_object_get(part, "code"))
                                        : json_null());
                k++;
            }
        }
    }
    return j;
}

static const char SQL_PREVIOUS_ITEMS[] =
    "SELECT i.criterion, round(avg(i.points), 1) FROM score_item i JOIN score_sheet s ON "
    "s.id = i.sheet_id WHERE s.dossier_id = ? AND s.status = 'submitted' GROUP BY i.criterion";
static const char SQL_PREVIOUS_RESULT[] =
    "SELECT round(mean, 1) AS mean, stars, decision FROM result WHERE dossier_id = ?";

/* The criterion with this code in a sheet's JSON (borrowed), or NULL. */
static json_t *criterion_json(json_t *view, const char *code)
{
    json_t *part, *grp, *crit;
    size_t p, g, c;

    json_array_foreach(json_object_get(view, "parts"), p, part)
    {
        json_array_foreach(json_object_get(part, "groups"), g, grp)
        {
            json_array_foreach(json_object_get(grp, "criteria"), c, crit)
            {
                if (!strcmp(json_string_value(json_object_get(crit, "code")), code))
                    return crit;
            }
        }
    }
    return NULL;
}

/* For a re-evaluation: the last evaluation's result and mean points per criterion,
 * shown beside the new choices. */
static json_t *previous_scores(const struct sctx *x, json_t *view)
{
    sqlite3_stmt *st;
    json_t *res = NULL;

    if (!x->d.previous_id || (st = db_stmt(rt.db, SQL_PREVIOUS_RESULT)) == NULL ||
        db_bind_int(st, 1, x->d.previous_id))
        return NULL;
    if (db_step_row(rt.db, st) == 1)
        res = db_row_json(st);
    sqlite3_reset(st);
    if ((st = db_stmt(rt.db, SQL_PREVIOUS_ITEMS)) == NULL || db_bind_int(st, 1, x->d.previous_id))
        return res;
    while (db_step_row(rt.db, st) == 1) {
        json_t *crit = criterion_json(view, (const char *)sqlite3_column_text(st, 0));
        if (crit)
            json_object_set_new(crit, "prev_points", json_real(sqlite3_column_double(st, 1)));
    }
    sqlite3_reset(st);
    return res;
}

static int get_score(struct request *rq, struct reply *rp)
{
    struct sctx x;
    struct choice *ch;
    char status[16];
    int total;

    if (load(rq, rp, &x) != 1)
        return -1;
    if (!x.member_id)
        return reply_error(rp, 403, "not_member",
                           "Bạn không phải thành viên hội đồng chấm hồ sơ này.");
    if (x.conflicted)
        return reply_error(
            rp, 403, "conflict",
            "Bạn đã khai xung đột lợi ích với hồ sơ này: không chấm và không xem điểm.");
    ch = pool_alloc(rq->pool, sizeof(*ch) * (x.sheet->ncriteria + 1));
    if (ch == NULL || my_sheet(rq->pool, &x, status, &total, ch) < 0)
        return reply_db_error(rp);
    json_t *view = sheet_view(&x, ch), *prev = previous_scores(&x, view);
    reply_set(rp, 200, "app/score",
              json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:i,s:b,s:b,s:b,s:o?}", "dossier",
                        (json_int_t)x.d.id, "product_name", x.d.product_name, "council", x.c.name,
                        "sheet", view, "status", status[0] ? status : "new", "status_label",
                        sheet_label(status), "total", total, "submitted",
                        !strcmp(status, "submitted"), "open", scoring_open(&x), "chair",
                        !strcmp(x.member_role, "chair"), "previous", prev));
    return 0;
}

static const char *const actions[] = {"draft", "submit", NULL};

/* Reads c_<code> (an option's index) and n_<code> (a note) for every criterion of the
 * sheet from the form. 0, or -1 with a Vietnamese message in err. */
static int read_choices(const struct request *rq, const struct sctx *x, struct choice *ch,
                        char *err, size_t errsize)
{
    const struct kvlist *f = &rq->form;

    for (size_t i = 0; i < x->sheet->ncriteria; i++)
        ch[i] = (struct choice){-1, NULL};
    for (size_t i = 0; i < f->n; i++) {
        const char *k = f->v[i].key, *val = f->v[i].val;
        int c = -1;
        int64_t o;
        if (!strcmp(k, "csrf") || !strcmp(k, "action"))
            continue;
        if ((k[0] == 'c' || k[0] == 'n') && k[1] == '_')
            c = criterion_index(x->sheet, k + 2);
        if (c < 0) {
            snprintf(err, errsize, "Tiêu chí \"%.60s\" không có trên phiếu chấm.", k);
            return -1;
        }
        if (kv_count(f, k) > 1) {
            snprintf(err, errsize, "Tiêu chí %s được gửi hai lần.", x->sheet->criteria[c]->code);
            return -1;
        }
        if (k[0] == 'n') {
            if (f->v[i].vlen > 500 || !utf8_text_ok(val, f->v[i].vlen, 1)) {
                snprintf(err, errsize, "Ghi chú của tiêu chí %s quá dài hoặc có ký tự lạ.",
                         x->sheet->criteria[c]->code);
                return -1;
            }
            ch[c].note = f->v[i].vlen ? val : NULL;
        } else if (f->v[i].vlen == 0) {
            continue; /* left unchosen */
        } else if (parse_int64(val, f->v[i].vlen, 0, (int64_t)x->sheet->criteria[c]->noptions - 1,
                               &o) != 0) {
            snprintf(err, errsize, "Phương án đã chọn cho tiêu chí %s không có trên phiếu.",
                     x->sheet->criteria[c]->code);
            return -1;
        } else {
            ch[c].option = (int)o;
        }
    }
    return 0;
}

static const char SQL_SHEET_UPSERT[] =
    "INSERT INTO score_sheet (dossier_id, member_id, sheet_code, status, total, updated_at, "
    "submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?4 = 'submitted' THEN ?6 END) "
    "ON CONFLICT (dossier_id, member_id) DO UPDATE SET sheet_code = excluded.sheet_code, "
    "status = excluded.status, total = excluded.total, updated_at = excluded.updated_at, "
    "submitted_at = excluded.submitted_at WHERE score_sheet.status = 'draft' RETURNING id";
static const char SQL_ITEMS_CLEAR[] = "DELETE FROM score_item WHERE sheet_id = ?";
static const char SQL_ITEM_INSERT[] =
    "INSERT INTO score_item (sheet_id, criterion, option, points, note) VALUES (?, ?, ?, ?, ?)";

/* Writes the sheet and its items; 0, 1 when it was already submitted, -1 on error. */
static int save_sheet(const struct sctx *x, const struct choice *ch, const char *status, int total)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_SHEET_UPSERT);
    int64_t sid;
    int rc;

    if (st == NULL || db_bind_int(st, 1, x->d.id) || db_bind_int(st, 2, x->member_id) ||
        db_bind_text(st, 3, x->sheet->code) || db_bind_text(st, 4, status) ||
        db_bind_int(st, 5, total) || db_bind_int(st, 6, (int64_t)time(NULL)))
        return -1;
    rc = db_step_row(rt.db, st);
    sid = rc == 1 ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc <= 0)
        return rc < 0 ? -1 : 1; /* no row: the WHERE refused, it is submitted */
    if ((st = db_stmt(rt.db, SQL_ITEMS_CLEAR)) == NULL || db_bind_int(st, 1, sid) ||
        db_step_done(rt.db, st) != 0)
        return -1;
    for (size_t i = 0; i < x->sheet->ncriteria; i++) {
        const struct rules_criterion *c = x->sheet->criteria[i];
        if (ch[i].option < 0 && ch[i].note == NULL)
            continue;
        if ((st = db_stmt(rt.db, SQL_ITEM_INSERT)) == NULL || db_bind_int(st, 1, sid) ||
            db_bind_text(st, 2, c->code) ||
            db_bind_text(st, 3, ch[i].option >= 0 ? c->options[ch[i].option].label : "") ||
            db_bind_int(st, 4, ch[i].option >= 0 ? c->options[ch[i].option].points : 0) ||
            db_bind_text(st, 5, ch[i].note) || db_step_done(rt.db, st) != 0)
            return -1;
    }
    return 0;
}

static int post_score(struct request *rq, struct reply *rp)
{
    struct sctx x;
    struct choice *ch;
    char err[256];
    const struct kv *act = kv_get(&rq->form, "action");
    int submit, total = 0, rc;

    if (load(rq, rp, &x) != 1)
        return -1;
    if (!x.member_id)
        return reply_error(rp, 403, "not_member",
                           "Bạn không phải thành viên hội đồng chấm hồ sơ này.");
    if (x.conflicted)
        return reply_error(rp, 403, "conflict", "Bạn đã khai xung đột lợi ích với hồ sơ này.");
    if (!scoring_open(&x))
        return reply_error(rp, 409, "closed", "Vòng chấm của hồ sơ này đã đóng.");
    if (act == NULL || kv_count(&rq->form, "action") != 1 ||
        (strcmp(act->val, actions[0]) && strcmp(act->val, actions[1])))
        return reply_error(rp, 422, "action", "Hãy chọn lưu nháp hoặc nộp phiếu.");
    submit = !strcmp(act->val, "submit");
    ch = pool_alloc(rq->pool, sizeof(*ch) * (x.sheet->ncriteria + 1));
    if (ch == NULL)
        return reply_error(rp, 503, "memory", "Máy chủ tạm thời quá tải.");
    if (read_choices(rq, &x, ch, err, sizeof(err)) != 0)
        return reply_error(rp, 422, "criterion", err);
    for (size_t i = 0; i < x.sheet->ncriteria; i++) {
        if (ch[i].option >= 0)
            total += x.sheet->criteria[i]->options[ch[i].option].points;
        else if (submit) {
            snprintf(err, sizeof(err), "Chưa chấm tiêu chí %s (%s): không nộp được phiếu.",
                     x.sheet->criteria[i]->code, x.sheet->criteria[i]->name);
            return reply_error(rp, 422, "missing", err);
        }
    }
    if (db_begin(rt.db) != 0)
        return reply_db_error(rp);
    rc = save_sheet(&x, ch, submit ? "submitted" : "draft", total);
    if (rc == 1) {
        db_rollback(rt.db);
        return reply_error(rp, 409, "submitted", "Phiếu đã nộp, không sửa hay nộp lại được.");
    }
    if (rc != 0 ||
        audit(rq, submit ? "sheet_submit" : "sheet_save", "dossier", x.d.id,
              json_pack("{s:i,s:s}", "total", total, "sheet", x.sheet->code)) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    if (rq->wants_json) {
        reply_set(rp, 200, NULL,
                  json_pack("{s:s,s:i}", "status", submit ? "submitted" : "draft", "total", total));
        return 0;
    }
    return redirect_to(rp, "/app/dossiers/%lld/score", x.d.id);
}

/* ---- conflicts of interest ---- */

static const struct field conflict_fields[] = {
    {"member_id", FIELD_INT, 0, 1, INT64_MAX, NULL, "Thành viên"},
    {"note", FIELD_MULTILINE, 0, 0, 1000, NULL, "Nội dung xung đột lợi ích"},
};

/* A member declares their own conflict; the office records one for a member_id. */
static int post_conflict(struct request *rq, struct reply *rp)
{
    struct field_value v[2];
    struct field_error fe;
    struct sctx x;
    sqlite3_stmt *st;
    int64_t member;

    if (load(rq, rp, &x) != 1)
        return -1;
    if (http_validate(rq->pool, conflict_fields, 2, &rq->form, v, &fe) != 0)
        return reply_field_error(rp, &fe);
    if (!x.c.id)
        return reply_error(rp, 409, "council", "Hồ sơ chưa có hội đồng.");
    if (v[0].present) {
        if (!office_of(rq->session, x.c.area, x.c.level))
            return reply_error(rp, 403, "forbidden",
                               "Chỉ cơ quan lập hội đồng ghi xung đột cho thành viên khác.");
        member = v[0].i;
    } else if ((member = x.member_id) == 0) {
        return reply_error(rp, 403, "not_member", "Bạn không phải thành viên hội đồng.");
    }
    if (db_begin(rt.db) != 0 ||
        (st = db_stmt(rt.db, "INSERT INTO conflict (member_id, dossier_id, declared_by, "
                             "declared_at, note) SELECT id, ?2, ?3, ?4, ?5 FROM council_member "
                             "WHERE id = ?1 AND council_id = ?6 ON CONFLICT DO NOTHING")) == NULL ||
        db_bind_int(st, 1, member) || db_bind_int(st, 2, x.d.id) ||
        db_bind_int(st, 3, rq->session->user_id) || db_bind_int(st, 4, (int64_t)time(NULL)) ||
        db_bind_text(st, 5, v[1].present ? v[1].s : NULL) || db_bind_int(st, 6, x.c.id) ||
        db_step_done(rt.db, st) != 0)
        return reply_db_error(rp);
    if (sqlite3_changes(rt.db->h) == 0) {
        db_rollback(rt.db);
        return reply_error(rp, 409, "conflict",
                           "Không ghi được: không phải thành viên hội đồng, hoặc đã khai rồi.");
    }
    if (audit(rq, "conflict_declare", "dossier", x.d.id,
              json_pack("{s:I,s:s?}", "member_id", (json_int_t)member, "note",
                        v[1].present ? v[1].s : NULL)) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    return redirect_to(rp, "/app/dossiers/%lld/result", x.d.id);
}

/* ---- the round result ---- */

static const char SQL_ROUND_SHEETS[] =
    "SELECT m.id, m.role, u.full_name, coalesce(s.status, ''), coalesce(s.total, 0), "
    "EXISTS (SELECT 1 FROM conflict k WHERE k.member_id = m.id AND k.dossier_id = ?2), "
    "coalesce(s.id, 0), (SELECT note FROM conflict k WHERE k.member_id = m.id AND "
    "k.dossier_id = ?2) FROM council_member m JOIN user u ON u.id = m.user_id "
    "LEFT JOIN score_sheet s ON s.member_id = m.id AND s.dossier_id = ?2 "
    "WHERE m.council_id = ?1 ORDER BY m.id";
static const char SQL_SHEET_POINTS[] =
    "SELECT criterion, points FROM score_item WHERE sheet_id = ?";

/* The members' sheets of the dossier, for score_round and for the page. */
static int round_sheets(const struct sctx *x, struct member_sheet *ms, int *n, json_t *rows)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_ROUND_SHEETS), *pt;
    int rc;

    *n = 0;
    if (st == NULL || db_bind_int(st, 1, x->c.id) || db_bind_int(st, 2, x->d.id))
        return -1;
    while ((rc = db_step_row(rt.db, st)) == 1 && *n < SCORE_MAX_MEMBERS) {
        struct member_sheet *m = &ms[*n];
        const char *status = (const char *)sqlite3_column_text(st, 3);
        memset(m, 0, sizeof(*m));
        m->member_id = sqlite3_column_int64(st, 0);
        m->is_chair = !strcmp((const char *)sqlite3_column_text(st, 1), "chair");
        m->submitted = !strcmp(status, "submitted");
        m->total = sqlite3_column_int(st, 4);
        m->conflicted = sqlite3_column_int(st, 5);
        json_array_append_new(
            rows,
            json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:i,s:b,s:b,s:s?}", "member_id",
                      (json_int_t)m->member_id, "role", sqlite3_column_text(st, 1), "role_label",
                      code_label(member_roles, member_role_labels,
                                 (const char *)sqlite3_column_text(st, 1), ""),
                      "name", sqlite3_column_text(st, 2), "status",
                      status[0] ? status : "chưa chấm", "status_label", sheet_label(status),
                      "total", m->total, "submitted", m->submitted, "conflicted", m->conflicted,
                      "conflict_note", sqlite3_column_text(st, 7)));
        int64_t sid = sqlite3_column_int64(st, 6);
        if (sid && (pt = db_stmt(rt.db, SQL_SHEET_POINTS)) != NULL && !db_bind_int(pt, 1, sid)) {
            while (db_step_row(rt.db, pt) == 1) {
                int k = criterion_index(x->sheet, (const char *)sqlite3_column_text(pt, 0));
                if (k >= 0 && k < SCORE_MAX_CRITERIA)
                    m->points[k] = sqlite3_column_int(pt, 1);
            }
            sqlite3_reset(pt);
        }
        (*n)++;
    }
    sqlite3_reset(st);
    return rc < 0 ? -1 : 0;
}

static const char *const decision_labels[DECISION__MAX] = {
    "Công nhận",
    "Chuyển cấp trên đánh giá",
    "Không đạt mức công nhận hay chuyển cấp ở cấp này",
    "Không đạt (không đủ điều kiện tối thiểu của hạng sao)",
    "Chưa đủ số thành viên chấm",
    "Chênh lệch điểm giữa các thành viên quá lớn: chấm lại"};

static int compute(const struct sctx *x, struct score_result *res, json_t *rows)
{
    struct member_sheet ms[SCORE_MAX_MEMBERS];
    struct score_policy pol;
    int n, eligible = 0;

    if (round_sheets(x, ms, &n, rows) != 0 ||
        rules_score_policy(x->a, x->g, x->lv, x->sheet, &pol) != 0)
        return -1;
    for (int i = 0; i < n; i++)
        eligible += !ms[i].conflicted;
    return score_round(&pol, eligible, ms, (size_t)n, res);
}

/* Calibration over the council's dossiers of the same round: each member's average
 * deviation from the dossiers' means, and dossiers within a point of a band edge. */
static const char SQL_CALIBRATION[] =
    "WITH t AS (SELECT s.dossier_id, s.member_id, s.total FROM score_sheet s "
    "JOIN dossier d ON d.id = s.dossier_id WHERE s.status = 'submitted' AND d.level = ?1 AND "
    "d.year = ?2 AND d.round = ?3 AND " SQL_IN_AREA(
        "d.area_code",
        "?4") " AND "
              "s.member_id IN (SELECT id FROM council_member WHERE council_id = ?5)), "
              "m AS (SELECT dossier_id, avg(total) AS mean FROM t GROUP BY dossier_id) "
              "SELECT u.full_name AS name, count(*) AS dossiers, round(avg(t.total - m.mean), 1) "
              "AS "
              "deviation "
              "FROM t JOIN m USING (dossier_id) JOIN council_member cm ON cm.id = t.member_id "
              "JOIN user u ON u.id = cm.user_id GROUP BY t.member_id ORDER BY deviation DESC";

static json_t *calibration(const struct sctx *x, int spread_max)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_CALIBRATION);
    json_t *list, *e;
    size_t i;

    if (st == NULL || db_bind_text(st, 1, x->d.level) || db_bind_int(st, 2, x->d.year) ||
        db_bind_int(st, 3, x->d.round) || db_bind_text(st, 4, x->c.area) ||
        db_bind_int(st, 5, x->c.id) || (list = db_rows_json(rt.db, st)) == NULL)
        return json_array();
    json_array_foreach(list, i, e)
    {
        double dev = json_number_value(json_object_get(e, "deviation"));
        json_object_set_new(e, "far",
                            json_boolean(json_integer_value(json_object_get(e, "dossiers")) >= 2 &&
                                         fabs(dev) * 2 > spread_max));
    }
    return list;
}

static int can_see_result(const struct session *s, const struct sctx *x)
{
    return (x->member_id && !x->conflicted) || (x->c.id && office_of(s, x->c.area, x->c.level));
}

static json_t *result_json(const struct sctx *x, const struct score_result *r, json_t *rows)
{
    int bands[STAR_MAX + 1], q, spread, chair;
    json_t *edge = json_null();

    rules_star_bands(x->a, bands);
    rules_council(x->a, &q, &spread, &chair);
    for (int s = 2; s <= STAR_MAX && r->counted; s++)
        if (fabs(r->mean - bands[s]) < 1.0)
            edge = json_pack("{s:i,s:i}", "star", s, "edge", bands[s]);
    return json_pack("{s:I,s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:o,s:i,s:i,s:f,s:i,s:b,s:b,s:i,s:i,s:s,s:s,"
                     "s:o,s:o,s:i,s:i}",
                     "dossier", (json_int_t)x->d.id, "product_name", x->d.product_name, "council",
                     x->c.name, "round", x->d.round, "level", x->d.level, "level_label",
                     rules_level_label_of(x->d.level), "regime", rules_regime_names[x->g],
                     "regime_label", rules_regime_labels[x->g], "members", rows, "counted",
                     r->counted, "eligible", r->members, "mean", r->mean, "spread", r->spread,
                     "spread_ok", r->spread_ok, "quorum_ok", r->quorum_ok, "band", r->band, "stars",
                     r->stars, "decision", score_decision_names[r->decision], "decision_label",
                     decision_labels[r->decision], "near_edge", edge, "calibration",
                     calibration(x, spread), "quorum_pct", q, "spread_max", spread);
}

static int get_result(struct request *rq, struct reply *rp)
{
    struct sctx x;
    struct score_result r;
    json_t *rows = json_array(), *data;

    if (load(rq, rp, &x) != 1) {
        json_decref(rows);
        return -1;
    }
    if (!x.c.id) {
        json_decref(rows);
        return reply_error(rp, 409, "council", "Hồ sơ chưa có hội đồng đánh giá.");
    }
    if (!can_see_result(rq->session, &x)) {
        json_decref(rows);
        return reply_error(rp, 403, "forbidden", "Bạn không xem được kết quả của hồ sơ này.");
    }
    if (compute(&x, &r, rows) != 0) {
        json_decref(rows);
        return reply_db_error(rp);
    }
    data = result_json(&x, &r, rows);
    json_object_set_new(data, "chair", json_boolean(!strcmp(x.member_role, "chair")));
    json_object_set_new(data, "open", json_boolean(scoring_open(&x)));
    reply_set(rp, 200, "app/result", data);
    return 0;
}

/* ---- the chair's decision, and the certificate ---- */

static const struct field confirm_fields[] = {
    {"decision_no", FIELD_TEXT, 0, 1, 64, NULL, "Số quyết định công nhận"},
    {"decision_date", FIELD_DATE, 0, 0, 0, NULL, "Ngày quyết định"},
};

static const char SQL_RESULT_INSERT[] =
    "INSERT INTO result (dossier_id, mean, spread, quorum_ok, band, stars, gates, decision, "
    "confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_CERT_SEQ[] =
    "SELECT count(*) + 1 FROM certificate WHERE province = ? AND year = ?";
static const char SQL_CERT_INSERT[] =
    "INSERT INTO certificate (product_id, dossier_id, province, year, number, stars, issuer_level, "
    "issuer_area, regime, decision_no, decision_date, issued, valid_until) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int insert_result(const struct sctx *x, const struct score_result *r, int64_t user)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_RESULT_INSERT);
    json_t *gates = json_array();
    char *gj;
    int rc;

    for (int s = 1; s <= STAR_MAX; s++)
        json_array_append_new(gates, json_integer(r->gates_failed[s]));
    gj = json_dumps(gates, JSON_COMPACT);
    json_decref(gates);
    rc = st == NULL || db_bind_int(st, 1, x->d.id) ||
         sqlite3_bind_double(st, 2, r->mean) != SQLITE_OK || db_bind_int(st, 3, r->spread) ||
         db_bind_int(st, 4, r->quorum_ok) || db_bind_int(st, 5, r->band) ||
         db_bind_int(st, 6, r->stars) || db_bind_text(st, 7, gj) ||
         db_bind_text(st, 8, score_decision_names[r->decision]) || db_bind_int(st, 9, user) ||
         db_bind_int(st, 10, (int64_t)time(NULL)) || db_step_done(rt.db, st) != 0;
    free(gj);
    return rc ? -1 : 0;
}

/* Numbers the certificate per province and year: 0007/2020/HA-GIANG. */
static int issue(struct request *rq, const struct sctx *x, const struct score_result *r,
                 const struct field_value *v, char number[64])
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_CERT_SEQ);
    int64_t issued = v[1].i, until = rules_certificate_until(x->a, issued);
    char up[64], di[11], du[11];
    int seq, i;

    if (st == NULL || db_bind_text(st, 1, x->d.province) || db_bind_int(st, 2, x->d.year) ||
        db_step_row(rt.db, st) != 1)
        return -1;
    seq = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    for (i = 0; x->d.province[i] && i < 40; i++)
        up[i] = (char)(x->d.province[i] >= 'a' && x->d.province[i] <= 'z' ? x->d.province[i] - 32
                                                                          : x->d.province[i]);
    up[i] = '\0';
    snprintf(number, 64, "%04d/%d/%.40s", seq % 10000, x->d.year % 10000, up);
    format_date(issued, di);
    format_date(until, du);
    if ((st = db_stmt(rt.db, SQL_CERT_INSERT)) == NULL || db_bind_int(st, 1, x->d.product_id) ||
        db_bind_int(st, 2, x->d.id) || db_bind_text(st, 3, x->d.province) ||
        db_bind_int(st, 4, x->d.year) || db_bind_text(st, 5, number) ||
        db_bind_int(st, 6, r->stars) || db_bind_text(st, 7, x->d.level) ||
        db_bind_text(st, 8, x->c.area) || db_bind_text(st, 9, x->d.regime) ||
        db_bind_text(st, 10, v[0].s) || db_bind_text(st, 11, di) || db_bind_text(st, 12, di) ||
        db_bind_text(st, 13, du) || db_step_done(rt.db, st) != 0)
        return -1;
    int64_t cid = last_id();
    st = db_stmt(rt.db, "INSERT INTO certificate_event (certificate_id, kind, at, note) VALUES "
                        "(?, 'granted', ?, ?)");
    if (st == NULL || db_bind_int(st, 1, cid) || db_bind_int(st, 2, (int64_t)time(NULL)) ||
        db_bind_text(st, 3, v[0].s) || db_step_done(rt.db, st) != 0)
        return -1;
    return audit(rq, "certificate_issue", "certificate", cid,
                 json_pack("{s:s,s:i,s:s,s:s}", "number", number, "stars", r->stars, "valid_until",
                           du, "decision_no", v[0].s));
}

static int post_result(struct request *rq, struct reply *rp)
{
    struct field_value v[2];
    struct field_error fe;
    struct score_result r;
    struct sctx x;
    sqlite3_stmt *st;
    json_t *rows = json_array();
    char number[64] = "";
    int rc;

    rc = load(rq, rp, &x);
    if (rc == 1 && strcmp(x.member_role, "chair") != 0)
        rc = reply_error(rp, 403, "chair_only", "Chỉ chủ tịch hội đồng xác nhận kết quả.");
    if (rc == 1 && !scoring_open(&x))
        rc = reply_error(rp, 409, "closed", "Kết quả của hồ sơ này đã được xác nhận.");
    if (rc == 1 && http_validate(rq->pool, confirm_fields, 2, &rq->form, v, &fe) != 0)
        rc = reply_field_error(rp, &fe);
    if (rc == 1 && compute(&x, &r, rows) != 0)
        rc = reply_db_error(rp);
    json_decref(rows);
    if (rc != 1)
        return -1;
    if (r.decision == DECISION_NO_QUORUM || r.decision == DECISION_RESCORE)
        return reply_error(rp, 409, "not_final", decision_labels[r.decision]);
    if (r.decision == DECISION_CERTIFY && (!v[0].present || !v[1].present))
        return reply_error(rp, 422, "decision_no",
                           "Công nhận cần số và ngày của quyết định công nhận.");
    if (db_begin(rt.db) != 0 || insert_result(&x, &r, rq->session->user_id) != 0 ||
        (r.decision == DECISION_CERTIFY && issue(rq, &x, &r, v, number) != 0) ||
        (st = db_stmt(rt.db, "UPDATE dossier SET status = 'decided', decided_at = ? WHERE id = ? "
                             "AND status = 'accepted'")) == NULL ||
        db_bind_int(st, 1, (int64_t)time(NULL)) || db_bind_int(st, 2, x.d.id) ||
        db_step_done(rt.db, st) != 0 ||
        audit(rq, "result_confirm", "dossier", x.d.id,
              json_pack("{s:s,s:i,s:f,s:s}", "decision", score_decision_names[r.decision], "stars",
                        r.stars, "mean", r.mean, "certificate", number)) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    return redirect_to(rp, "/app/dossiers/%lld/result", x.d.id);
}

static int post_rescore(struct request *rq, struct reply *rp)
{
    struct sctx x;
    sqlite3_stmt *st;

    if (load(rq, rp, &x) != 1)
        return -1;
    if (strcmp(x.member_role, "chair") != 0)
        return reply_error(rp, 403, "chair_only", "Chỉ chủ tịch hội đồng yêu cầu chấm lại.");
    if (!scoring_open(&x))
        return reply_error(rp, 409, "closed", "Kết quả của hồ sơ này đã được xác nhận.");
    if (db_begin(rt.db) != 0 ||
        (st = db_stmt(rt.db, "UPDATE score_sheet SET status = 'draft', submitted_at = NULL "
                             "WHERE dossier_id = ?")) == NULL ||
        db_bind_int(st, 1, x.d.id) || db_step_done(rt.db, st) != 0 ||
        audit(rq, "rescore", "dossier", x.d.id, NULL) != 0 || db_commit(rt.db) != 0)
        return reply_db_error(rp);
    return redirect_to(rp, "/app/dossiers/%lld/result", x.d.id);
}

/* ---- exports ---- */

/* The CSV table: one row per member, one column per criterion, then the result. */
static json_t *result_table(const struct sctx *x, const struct member_sheet *ms, json_t *rows,
                            const struct score_result *r)
{
    json_t *cols = json_pack("[s,s,s,s]", "Thành viên", "Vai trò", "Trạng thái", "Tổng"),
           *out = json_array(), *row;
    size_t i;

    for (i = 0; cols && i < x->sheet->ncriteria; i++)
        json_array_append_new(cols, json_string(x->sheet->criteria[i]->code));
    json_array_foreach(rows, i, row)
    {
        json_t *line =
            json_pack("[O,O,s,i]", json_object_get(row, "name"), json_object_get(row, "role"),
                      json_is_true(json_object_get(row, "conflicted"))
                          ? "xung đột lợi ích"
                          : json_string_value(json_object_get(row, "status")),
                      ms[i].total);
        for (size_t k = 0; line && k < x->sheet->ncriteria; k++)
            json_array_append_new(line, json_integer(ms[i].points[k]));
        json_array_append_new(out, line);
    }
    json_array_append_new(out, json_pack("[s,n,n,f]", "Điểm trung bình", r->mean));
    json_array_append_new(out, json_pack("[s,n,n,i]", "Chênh lệch", r->spread));
    json_array_append_new(out, json_pack("[s,n,n,i]", "Hạng sao", r->stars));
    json_array_append_new(out, json_pack("[s,n,n,s]", "Kết luận", decision_labels[r->decision]));
    return json_pack("{s:o,s:o}", "columns", cols, "rows", out);
}

/* The result and every sheet as CSV (cgi/lib/export.c: UTF-8 with a BOM for Excel). */
static int get_result_csv(struct request *rq, struct reply *rp)
{
    struct member_sheet ms[SCORE_MAX_MEMBERS];
    struct score_result r;
    struct sctx x;
    struct buf b = BUF_INIT;
    json_t *rows = json_array(), *table = NULL;
    char name[64];
    int n, rc;

    rc = load(rq, rp, &x);
    if (rc == 1 && (!x.c.id || !can_see_result(rq->session, &x)))
        rc = reply_error(rp, 403, "forbidden", "Bạn không xem được kết quả của hồ sơ này.");
    if (rc == 1) {
        json_t *scratch = json_array();
        if (round_sheets(&x, ms, &n, rows) != 0 || compute(&x, &r, scratch) != 0 ||
            (table = result_table(&x, ms, rows, &r)) == NULL || export_csv(table, &b) != 0)
            rc = reply_db_error(rp);
        json_decref(scratch);
    }
    json_decref(rows);
    json_decref(table);
    if (rc == 1) {
        snprintf(name, sizeof(name), "ket-qua-ho-so-%lld.csv", (long long)x.d.id);
        rc = reply_body(rp, "text/csv; charset=utf-8", name, b.data, b.len);
    } else {
        rc = -1;
    }
    buf_free(&b);
    return rc;
}

/* ---- certificates ---- */

static const struct field cert_list_fields[] = {
    {"expiring", FIELD_INT, 0, 1, 3650, NULL, "Số ngày tới khi hết hạn"},
    PAGER_FIELD,
};

static const char SQL_CERTS[] =
    "SELECT c.id, c.number, c.stars, c.issuer_level, c.regime, c.decision_no, c.issued, "
    "c.valid_until, CASE WHEN c.status = 'valid' AND c.valid_until < ?3 THEN 'expired' ELSE "
    "c.status END AS status, coalesce(c.status_reason, '') AS status_reason, p.name AS product, "
    "p.id AS product_id FROM certificate c JOIN product p ON p.id = c.product_id "
    "WHERE (?1 = '' OR " SQL_IN_AREA(
        "p.area_code",
        "?1") ") AND "
              "(?2 IS NULL OR (c.status = 'valid' AND c.valid_until >= ?3 AND c.valid_until <= "
              "date(?3, '+' || ?2 || ' days'))) ORDER BY c.valid_until, c.id LIMIT ?4 OFFSET ?5";

static const char *const cert_statuses[] = {"valid", "expired", "revoked", "reduced", NULL};
static const char *const cert_status_labels[] = {"còn hiệu lực", "hết hạn", "đã thu hồi",
                                                 "đã hạ hạng sao"};

/* Who may revoke or reduce a certificate (post_certificate says the same). */
static int cert_changer(const struct session *s)
{
    return s->role == ROLE_PROVINCE || s->role == ROLE_ADMIN;
}

/* The list's rows as the page shows them: labels beside the codes, and whether this
 * official may still revoke or reduce each (a valid one, by the province). */
static void cert_rows(json_t *list, const struct session *s)
{
    json_t *e;
    size_t i;

    db_rows_label(list, "status", cert_statuses, cert_status_labels);
    json_array_foreach(list, i, e)
    {
        const char *lv = json_string_value(json_object_get(e, "issuer_level"));
        const char *st = json_string_value(json_object_get(e, "status"));
        json_object_set_new(e, "issuer_level_label", json_string(rules_level_label_of(lv)));
        json_object_set_new(e, "changeable",
                            json_boolean(cert_changer(s) && st && !strcmp(st, "valid")));
    }
}

static int get_certificates(struct request *rq, struct reply *rp)
{
    struct field_value v[2];
    sqlite3_stmt *st;
    json_t *list;
    char today[11];
    size_t fetched;
    int64_t page;

    if (validate_query(rq, rp, cert_list_fields, 2, v) != 0)
        return -1;
    format_date(app_today(), today);
    page = pager_number(&v[1]);
    st = db_stmt(rt.db, SQL_CERTS);
    if (st == NULL ||
        db_bind_text(st, 1, rq->session->role == ROLE_ADMIN ? "" : rq->session->area) ||
        (v[0].present && db_bind_int(st, 2, v[0].i)) || db_bind_text(st, 3, today) ||
        db_bind_int(st, 4, pager_limit()) || db_bind_int(st, 5, pager_offset(page)) ||
        (list = db_rows_json(rt.db, st)) == NULL)
        return reply_db_error(rp);
    fetched = pager_trim(list);
    cert_rows(list, rq->session);
    reply_set(rp, 200, "app/certificates",
              json_pack("{s:o,s:b,s:I,s:o*}", "certificates", list, "expiring", v[0].present,
                        "days", (json_int_t)(v[0].present ? v[0].i : 0), "page",
                        pager_json(page, fetched, "/app/certificates", cert_list_fields, 2, v)));
    return 0;
}

static const char *const cert_actions[] = {"revoked", "reduced", NULL};
static const struct field cert_status_fields[] = {
    {"status", FIELD_ENUM, 1, 0, 0, cert_actions, "Thay đổi"},
    {"reason", FIELD_MULTILINE, 1, 1, 2000, NULL, "Lý do"},
    {"decision_no", FIELD_TEXT, 1, 1, 64, NULL, "Số quyết định"},
};

/* Revocation or reduction, by the province's office (or an admin). */
static int post_certificate(struct request *rq, struct reply *rp)
{
    struct field_value v[3];
    struct field_error fe;
    sqlite3_stmt *st;
    int64_t id = req_id(rq, 0);
    char prov[64], note[2200];
    int rc;

    if (!cert_changer(rq->session))
        return reply_error(rp, 403, "forbidden",
                           "Chỉ cấp tỉnh thu hồi hay hạ hạng giấy chứng nhận.");
    if (http_validate(rq->pool, cert_status_fields, 3, &rq->form, v, &fe) != 0)
        return reply_field_error(rp, &fe);
    st = db_stmt(rt.db, "SELECT province FROM certificate WHERE id = ? AND status = 'valid'");
    if (id <= 0 || st == NULL || db_bind_int(st, 1, id))
        return reply_not_found(rp);
    rc = db_step_row(rt.db, st);
    if (rc == 1)
        db_col_text(st, 0, prov, sizeof(prov));
    sqlite3_reset(st);
    if (rc != 1 || !covers(rq->session, prov))
        return rc < 0 ? reply_db_error(rp) : reply_not_found(rp);
    snprintf(note, sizeof(note), "%s — QĐ %s", v[1].s, v[2].s);
    if (db_begin(rt.db) != 0 ||
        (st = db_stmt(rt.db, "UPDATE certificate SET status = ?, status_reason = ? WHERE id = ? "
                             "AND status = 'valid'")) == NULL ||
        db_bind_text(st, 1, v[0].s) || db_bind_text(st, 2, note) || db_bind_int(st, 3, id) ||
        db_step_done(rt.db, st) != 0 ||
        (st = db_stmt(rt.db, "INSERT INTO certificate_event (certificate_id, kind, at, note) "
                             "VALUES (?, ?, ?, ?)")) == NULL ||
        db_bind_int(st, 1, id) ||
        db_bind_text(st, 2, !strcmp(v[0].s, "revoked") ? "revoked" : "reduced") ||
        db_bind_int(st, 3, (int64_t)time(NULL)) || db_bind_text(st, 4, note) ||
        db_step_done(rt.db, st) != 0 ||
        audit(rq, "certificate_status", "certificate", id,
              json_pack("{s:s,s:s,s:s}", "status", v[0].s, "reason", v[1].s, "decision_no",
                        v[2].s)) != 0 ||
        db_commit(rt.db) != 0)
        return reply_db_error(rp);
    return reply_redirect(rp, "/app/certificates");
}

/* ---- the member's work list ---- */

static const char SQL_MY_WORK[] =
    "SELECT d.id, d.year, d.level, d.round, d.status, p.name AS product_name, c.name AS council, "
    "m.role, coalesce(s.status, 'new') AS sheet, EXISTS (SELECT 1 FROM conflict k WHERE "
    "k.member_id = m.id AND k.dossier_id = d.id) AS conflicted "
    "FROM council_member m JOIN council c ON c.id = m.council_id "
    "JOIN dossier d ON d.level = c.level AND d.year = c.year AND " SQL_IN_AREA(
        "d.area_code",
        "c.area_code") " JOIN product p ON p.id = d.product_id "
                       "LEFT JOIN score_sheet s ON s.dossier_id = d.id AND s.member_id = m.id "
                       "WHERE m.user_id = ? AND d.status IN ('accepted', 'decided') ORDER BY "
                       "d.status, p.name";

static int get_work(struct request *rq, struct reply *rp)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_MY_WORK);
    json_t *list, *e;
    size_t i;

    if (st == NULL || db_bind_int(st, 1, rq->session->user_id) ||
        (list = db_rows_json(rt.db, st)) == NULL)
        return reply_db_error(rp);
    json_array_foreach(list, i, e)
    {
        json_object_set_new(e, "conflicted",
                            json_boolean(json_integer_value(json_object_get(e, "conflicted"))));
        json_object_set_new(
            e, "open",
            json_boolean(!strcmp(json_string_value(json_object_get(e, "status")), "accepted")));
    }
    db_rows_label(list, "role", member_roles, member_role_labels);
    db_rows_label(list, "sheet", sheet_statuses, sheet_status_labels);
    reply_set(rp, 200, "app/work", json_pack("{s:o}", "dossiers", list));
    return 0;
}

/* ---- the program ---- */

static const struct route routes[] = {
    {HTTP_GET, "/app/councils", get_councils, 0},
    {HTTP_POST, "/app/councils", post_councils, 0},
    {HTTP_GET, "/app/councils/:id", get_council, 0},
    {HTTP_POST, "/app/councils/:id/members", post_members, 0},
    {HTTP_GET, "/app/score", get_work, 0},
    {HTTP_GET, "/app/dossiers/:id/score", get_score, 0},
    {HTTP_POST, "/app/dossiers/:id/score", post_score, 0},
    {HTTP_POST, "/app/dossiers/:id/conflict", post_conflict, 0},
    {HTTP_GET, "/app/dossiers/:id/result", get_result, 0},
    {HTTP_POST, "/app/dossiers/:id/result", post_result, 0},
    {HTTP_POST, "/app/dossiers/:id/rescore", post_rescore, 0},
    {HTTP_GET, "/app/dossiers/:id/result.csv", get_result_csv, 0},
    {HTTP_GET, "/app/certificates", get_certificates, 0},
    {HTTP_POST, "/app/certificates/:id", post_certificate, 0},
};

int main(int argc, char **argv)
{
    static const struct app app = {"score", routes, ARRAY_LEN(routes), NULL};

    return app_main(&app, argc, argv);
}
