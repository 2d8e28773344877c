/*
 * ocop-account.c — bin/ocop-account.fcgi: logging in and out, the official's start
 * page (/app/: who they are, their area, what waits for them), the rules in force
 * (/app/rules/<province>[/<district>]) and /app/health.
 */
#include "app.h"
#include "dossier.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A precomputed hash checked when the username is unknown, so that a wrong name and
 * a wrong password take the same time. Made at start-up from a random password. */
static char dummy_hash[crypto_pwhash_STRBYTES];

static const struct field login_fields[] = {
    {"username", FIELD_TOKEN, 1, 1, 64, NULL, "Tên đăng nhập"},
    {"password", FIELD_SECRET, 1, 1, 1024, NULL, "Mật khẩu"},
    {"csrf", FIELD_TOKEN, 1, 1, 128, NULL, "Mã bảo vệ biểu mẫu"},
    /* only a hint: anything but a plain /app/ path is ignored by safe_next() */
    {"next", FIELD_MULTILINE, 0, 0, 512, NULL, "Trang tiếp theo"},
};
enum { LF_USER, LF_PASS, LF_CSRF, LF_NEXT };

/* "next" must be a path inside /app/ made of plain characters; anything else → /app/. */
static const char *safe_next(const char *next)
{
    const char *p;

    if (next == NULL || strncmp(next, "/app/", 5) != 0 || strstr(next, "//") ||
        strstr(next, "/app/login"))
        return "/app/";
    for (p = next; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("/-_.?=&", *p)))
            return "/app/";
    return next;
}

static int show_login(struct request *rq, struct reply *rp, int status, const char *message,
                      const char *username)
{
    char token[TOKEN_TEXT_LEN + 1];
    const struct kv *next = kv_get(&rq->query, "next");
    const struct kv *fnext = kv_get(&rq->form, "next");
    const char *n = safe_next(fnext ? fnext->val : next ? next->val : NULL);

    auth_random_token(token);
    if (reply_cookie(rp, rq, LOGIN_CSRF_COOKIE, token, 3600) != 0)
        return reply_error(rp, 500, "internal", "Lỗi hệ thống.");
    reply_set(rp, status, "app/login",
              json_pack("{s:s,s:s,s:s?,s:s?}", "csrf", token, "next", n, "message", message,
                        "username", username));
    return 0;
}

/* The form is shown even to a signed-in official (to change account); logging in
 * again ends the current session and starts a new one. */
static int get_login(struct request *rq, struct reply *rp)
{
    return show_login(rq, rp, 200, NULL, NULL);
}

static int login_csrf_ok(const struct request *rq, const char *given)
{
    const struct kv *c = kv_get(&rq->cookies, LOGIN_CSRF_COOKIE);

    return c && strlen(given) == TOKEN_TEXT_LEN && c->vlen == TOKEN_TEXT_LEN &&
           ct_memcmp(c->val, given, TOKEN_TEXT_LEN) == 0;
}

static int login_failed(struct request *rq, struct reply *rp, const char *username, int64_t user_id)
{
    json_t *d = json_pack("{s:s}", "username", username);

    if (db_begin(rt.db) != 0 || login_record_failure(rt.db, username, rq->remote_addr) ||
        audit_log(rt.db, user_id, "login_failed", "user", username, d, rq->remote_addr) ||
        db_commit(rt.db)) {
        json_decref(d);
        return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
    }
    json_decref(d);
    return show_login(rq, rp, 401, "Tên đăng nhập hoặc mật khẩu không đúng.", username);
}

static int throttled(struct request *rq, struct reply *rp, const char *username)
{
    json_t *d = json_pack("{s:s}", "username", username);

    if (db_begin(rt.db) == 0) {
        if (audit_log(rt.db, 0, "login_throttled", "user", username, d, rq->remote_addr) == 0)
            db_commit(rt.db);
        else
            db_rollback(rt.db);
    }
    json_decref(d);
    reply_header(rp, "Retry-After", "900");
    reply_error(rp, 429, "throttled", "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.");
    rp->template = "app/error";
    return -1;
}

static int open_session(struct request *rq, struct reply *rp, int64_t uid, const char *username,
                        const char *next)
{
    char token[TOKEN_TEXT_LEN + 1];
    struct session s;

    if (db_begin(rt.db) != 0)
        return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
    if (rq->session && session_destroy(rt.db, rq->session->id) != 0)
        goto fail;
    if (login_clear_failures(rt.db, username) != 0 ||
        session_create(rt.db, &rt.cfg, uid, rq->remote_addr, rq->user_agent ? rq->user_agent : "",
                       token, &s) != 0 ||
        audit_log(rt.db, uid, "login", "user", username, NULL, rq->remote_addr) != 0 ||
        db_commit(rt.db) != 0)
        goto fail;
    reply_cookie(rp, rq, SESSION_COOKIE, token, rt.cfg.session_max);
    reply_cookie(rp, rq, LOGIN_CSRF_COOKIE, "", 0);
    return reply_redirect(rp, safe_next(next));
fail:
    db_rollback(rt.db);
    return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
}

static int post_login(struct request *rq, struct reply *rp)
{
    struct field_value v[ARRAY_LEN(login_fields)];
    struct field_error fe;
    char hash[crypto_pwhash_STRBYTES];
    int64_t uid = 0;
    int disabled = 0, found;

    if (http_validate(rq->pool, login_fields, ARRAY_LEN(login_fields), &rq->form, v, &fe) != 0) {
        if (fe.field && strcmp(fe.field, "csrf") == 0)
            return reply_error(rp, 403, "csrf",
                               "Mã bảo vệ biểu mẫu (CSRF) bị thiếu hoặc không đúng.");
        return show_login(rq, rp, 422, fe.message, NULL);
    }
    if (!login_csrf_ok(rq, v[LF_CSRF].s))
        return reply_error(rp, 403, "csrf",
                           "Mã bảo vệ biểu mẫu (CSRF) bị thiếu hoặc không đúng. Vui lòng tải lại "
                           "trang đăng nhập.");
    if (login_throttled(rt.db, &rt.cfg, v[LF_USER].s, rq->remote_addr))
        return throttled(rq, rp, v[LF_USER].s);
    found = user_find(rt.db, v[LF_USER].s, &uid, hash, sizeof(hash), &disabled);
    if (found < 0)
        return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
    if (found == 0) {
        auth_verify_password(dummy_hash, v[LF_PASS].s);
        return login_failed(rq, rp, v[LF_USER].s, 0);
    }
    if (auth_verify_password(hash, v[LF_PASS].s) != 0 || disabled)
        return login_failed(rq, rp, v[LF_USER].s, uid);
    return open_session(rq, rp, uid, v[LF_USER].s, v[LF_NEXT].present ? v[LF_NEXT].s : NULL);
}

static int post_logout(struct request *rq, struct reply *rp)
{
    if (db_begin(rt.db) != 0 || session_destroy(rt.db, rq->session->id) != 0 ||
        audit_log(rt.db, rq->session->user_id, "logout", "user", rq->session->username, NULL,
                  rq->remote_addr) != 0 ||
        db_commit(rt.db) != 0)
        return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
    reply_cookie(rp, rq, SESSION_COOKIE, "", 0);
    return reply_redirect(rp, "/app/login");
}

static const char SQL_WAITING[] =
    "SELECT d.status, count(*) FROM dossier d JOIN area a ON a.code = d.area_code "
    "WHERE " SQL_IN_AREA(
        "d.area_code",
        "?1") " "
              "AND d.status IN ('draft', 'submitted', 'returned', 'accepted') GROUP BY d.status";

/* What waits for the official in their area: dossiers by status. */
static json_t *waiting_counts(const struct session *s)
{
    sqlite3_stmt *st = db_stmt(rt.db, SQL_WAITING);
    json_t *o = json_object();
    int rc;

    if (st == NULL || db_bind_text(st, 1, s->area))
        return o;
    while ((rc = db_step_row(rt.db, st)) == 1)
        json_object_set_new(o, (const char *)sqlite3_column_text(st, 0),
                            json_integer(sqlite3_column_int64(st, 1)));
    sqlite3_reset(st);
    return o;
}

static const char SQL_TO_CHECK[] =
    "SELECT d.id, d.area_code, d.submitted_at, p.name FROM dossier d "
    "JOIN product p ON p.id = d.product_id WHERE d.status = 'submitted' AND d.level = ?1 "
    "AND " SQL_IN_AREA("d.area_code", "?2") " ORDER BY d.submitted_at LIMIT 500";

/* The dossiers this official must check whose check period (from the rules) is over. */
static json_t *overdue_checks(const struct session *s)
{
    sqlite3_stmt *st;
    json_t *list = json_array();
    int lv = role_level(s->role), rc;

    if (lv < 0 || (st = db_stmt(rt.db, SQL_TO_CHECK)) == NULL ||
        db_bind_text(st, 1, rules_level_names[lv]) || db_bind_text(st, 2, s->area))
        return list;
    while ((rc = db_step_row(rt.db, st)) == 1) {
        const struct rules_area *a =
            dossier_rules(rt.rules, (const char *)sqlite3_column_text(st, 1));
        int64_t sub = sqlite3_column_int64(st, 2), due;
        int days = a ? rules_dossier_check_days(a) : 0;
        char d[11];
        if (days <= 0)
            continue;
        due = add_working_days(sub - sub % 86400, days);
        if (app_today() <= due)
            continue;
        format_date(due, d);
        json_array_append_new(list, json_pack("{s:I,s:s,s:s}", "id",
                                              (json_int_t)sqlite3_column_int64(st, 0), "product",
                                              (const char *)sqlite3_column_text(st, 3), "due", d));
    }
    sqlite3_reset(st);
    return list;
}

static int get_home(struct request *rq, struct reply *rp)
{
    reply_set(rp, 200, "app/home",
              json_pack("{s:o,s:o}", "waiting", waiting_counts(rq->session), "overdue",
                        overdue_checks(rq->session)));
    return 0;
}

/* "ok" when the province's files on disk are in force, "stale" when a newer edit is
 * broken and the last good rules serve, "failed" when none could be loaded. */
static json_t *rules_health(int *failed)
{
    json_t *o = json_object();
    char **codes;
    size_t n, i;

    if (rules_list_provinces(rt.cfg.rules, &codes, &n) != 0 || n == 0) {
        *failed = 1;
        return o;
    }
    for (i = 0; i < n; i++) {
        int ok = rules_get(rt.rules, codes[i]) != NULL;
        const char *state = !ok ? "failed" : rules_last_error(rt.rules, codes[i]) ? "stale" : "ok";
        *failed |= !ok;
        json_object_set_new(o, codes[i], json_string(state));
        free(codes[i]);
    }
    free(codes);
    return o;
}

static int get_health(struct request *rq, struct reply *rp)
{
    int v = db_user_version(rt.db), failed = 0;
    json_t *rules;

    (void)rq;
    if (v <= 0)
        return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
    rules = rules_health(&failed);
    if (failed) {
        reply_error(rp, 503, "rules", "Quy tắc của một số tỉnh chưa nạp được.");
        json_object_set_new(rp->data, "rules", rules);
        return 0;
    }
    reply_set(rp, 200, NULL,
              json_pack("{s:s,s:s,s:i,s:o}", "status", "ok", "database", "ok", "schema_version", v,
                        "rules", rules));
    return 0;
}

/* Adds what the page shows but the data does not spell: money with separators, the
 * level names in Vietnamese, the rounds as one list per level. */
static void decorate_year(json_t *y)
{
    json_t *budget = json_object_get(y, "budget"), *rounds = json_object_get(y, "rounds");
    json_t *levels = json_array(), *line, *list, *support = json_object_get(y, "support");
    const char *key;
    size_t i;

    json_array_foreach(json_object_get(budget, "lines"), i, line)
    {
        json_object_set_new(line, "amount_text",
                            json_money(json_integer_value(json_object_get(line, "amount"))));
        json_object_set_new(line, "top",
                            json_boolean(json_integer_value(json_object_get(line, "depth")) == 0));
    }
    if (budget)
        json_object_set_new(budget, "total_text",
                            json_money(json_integer_value(json_object_get(budget, "total"))));
    for (int lv = 0; lv < LEVEL__MAX; lv++)
        if ((list = json_object_get(rounds, rules_level_names[lv])) != NULL)
            json_array_append_new(
                levels, json_pack("{s:s,s:O}", "level", rules_level_labels[lv], "rounds", list));
    json_object_set_new(y, "round_levels", levels);
    list = json_array();
    json_object_foreach(support, key, line)
    {
        json_t *max = json_object_get(line, "max_amount");
        if (max)
            json_object_set_new(line, "max_amount_text", json_money(json_integer_value(max)));
        json_array_append(list, line);
    }
    json_object_set_new(y, "support_list", list);
    json_object_set_new(y, "has",
                        json_pack("{s:b,s:b,s:b,s:b,s:b,s:b}", "rounds",
                                  json_array_size(levels) > 0, "calendar",
                                  json_array_size(json_object_get(y, "calendar")) > 0, "targets",
                                  json_array_size(json_object_get(y, "targets")) > 0, "reports",
                                  json_array_size(json_object_get(y, "reports")) > 0, "support",
                                  json_array_size(list) > 0, "notes",
                                  json_array_size(json_object_get(y, "notes")) > 0));
}

/* A regime's levels as table rows: the abolished left out, each named in Vietnamese,
 * and whether it certifies and forwards at all (a threshold of 0 is "none", which a
 * template would print as 0). */
static void decorate_levels(json_t *g)
{
    json_t *rows = json_array(), *r;
    const char *lv;

    json_object_foreach(json_object_get(g, "routing"), lv, r)
    {
        if (json_is_true(json_object_get(r, "abolished")))
            continue;
        json_object_set_new(r, "level", json_string(lv));
        json_object_set_new(r, "level_label", json_string(rules_level_label_of(lv)));
        json_object_set_new(
            r, "certifies",
            json_boolean(json_integer_value(json_object_get(r, "certify_min")) > 0));
        json_object_set_new(
            r, "forwards", json_boolean(json_integer_value(json_object_get(r, "forward_min")) > 0));
        json_array_append(rows, r);
    }
    json_object_set_new(g, "levels", rows);
}

/* Each document's levels also by their Vietnamese names. */
static void decorate_documents(json_t *docs)
{
    json_t *d, *v, *labels;
    size_t i, k;

    json_array_foreach(docs, i, d)
    {
        labels = json_array();
        json_array_foreach(json_object_get(d, "levels"), k, v)
            json_array_append_new(labels, json_string(rules_level_label_of(json_string_value(v))));
        json_object_set_new(d, "level_labels", labels);
    }
}

static json_t *view_json(const struct rules_area *a, int year, const struct session *s)
{
    json_t *j = rules_area_json(a, year), *y, *links = json_array(), *g;
    const struct rules_area *d;
    const int *years;
    size_t i, n = rules_area_years(a, &years);
    char prov[64];
    const char *err;

    if (j == NULL)
        return NULL;
    json_array_foreach(json_object_get(j, "years"), i, y) decorate_year(y);
    for (i = 0; i < n; i++)
        json_array_append_new(
            links, json_pack("{s:i,s:b}", "year", years[i], "current", years[i] == year));
    json_object_set_new(j, "year_links", links);
    json_object_set_new(j, "all_years", json_boolean(year == 0));
    links = json_array();
    for (i = 0; (d = rules_district(a, i)) != NULL; i++)
        json_array_append_new(
            links, json_pack("{s:s,s:s}", "code", rules_area_code(d), "name", rules_area_name(d)));
    json_object_set_new(j, "has_districts", json_boolean(json_array_size(links) > 0));
    json_object_set_new(j, "districts", links);
    json_array_foreach(json_object_get(j, "regimes"), i, g) decorate_levels(g);
    decorate_documents(json_object_get(j, "documents"));
    snprintf(prov, sizeof(prov), "%.*s", (int)strcspn(rules_area_code(a), "/"), rules_area_code(a));
    err = rules_last_error(rt.rules, prov);
    if (err && s && (s->role == ROLE_ADMIN || s->role == ROLE_PROVINCE))
        json_object_set_new(j, "last_error", json_string(err)); /* names files: staff only */
    json_object_set_new(j, "stale", json_boolean(err != NULL));
    return j;
}

static int show_rules(struct request *rq, struct reply *rp, const char *code)
{
    const struct kv *ys = kv_get(&rq->query, "year");
    const struct rules_area *a;
    int64_t year = 0;
    json_t *view;

    if (ys && parse_int64(ys->val, ys->vlen, 2000, 2100, &year) != 0)
        return reply_error(rp, 400, "year", "Năm phải là một số từ 2000 đến 2100.");
    a = rules_get(rt.rules, code);
    if (a == NULL)
        return reply_error(rp, 404, "rules", "Không có quy tắc cho địa bàn này.");
    view = view_json(a, (int)year, rq->session);
    if (view == NULL)
        return reply_error(rp, 500, "memory", "Máy chủ tạm thời quá tải.");
    reply_set(rp, 200, "app/rules", view);
    return 0;
}

static int get_rules(struct request *rq, struct reply *rp)
{
    return show_rules(rq, rp, req_param(rq, 0));
}

static int get_district_rules(struct request *rq, struct reply *rp)
{
    char code[160];
    int n = snprintf(code, sizeof(code), "%s/%s", req_param(rq, 0), req_param(rq, 1));

    if (n < 0 || (size_t)n >= sizeof(code))
        return reply_error(rp, 404, "rules", "Không có quy tắc cho địa bàn này.");
    return show_rules(rq, rp, code);
}

static const struct route routes[] = {
    {HTTP_GET, "/app/login", get_login, ROUTE_PUBLIC},
    {HTTP_POST, "/app/login", post_login, ROUTE_PUBLIC | ROUTE_NO_CSRF},
    {HTTP_POST, "/app/logout", post_logout, 0},
    {HTTP_GET, "/app/", get_home, 0},
    {HTTP_GET, "/app/health", get_health, ROUTE_PUBLIC},
    {HTTP_GET, "/app/rules/:province", get_rules, 0},
    {HTTP_GET, "/app/rules/:province/:district", get_district_rules, 0},
};

static int init(void)
{
    char pw[TOKEN_TEXT_LEN + 1];

    auth_random_token(pw);
    return auth_hash_password(pw, dummy_hash);
}

int main(int argc, char **argv)
{
    static const struct app app = {"account", routes, ARRAY_LEN(routes), init};

    return app_main(&app, argc, argv);
}
