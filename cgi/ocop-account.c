/*
 * ocop-account.c — bin/ocop-account.fcgi: logging in and out, the official's start
 * page (/app/: who they are, their area, what waits for them) and /app/health.
 */
#include "app.h"

#include <stdio.h>
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
    "WHERE (d.area_code = ?1 OR d.area_code LIKE ?1 || '/%') "
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

static int get_home(struct request *rq, struct reply *rp)
{
    reply_set(rp, 200, "app/home", json_pack("{s:o}", "waiting", waiting_counts(rq->session)));
    return 0;
}

static int get_health(struct request *rq, struct reply *rp)
{
    int v = db_user_version(rt.db);

    if (v <= 0)
        return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
    reply_set(rp, 200, NULL,
              json_pack("{s:s,s:s,s:i}", "status", "ok", "database", "ok", "schema_version", v));
    return 0;
}

static const struct route routes[] = {
    {HTTP_GET, "/app/login", get_login, ROUTE_PUBLIC},
    {HTTP_POST, "/app/login", post_login, ROUTE_PUBLIC | ROUTE_NO_CSRF},
    {HTTP_POST, "/app/logout", post_logout, 0},
    {HTTP_GET, "/app/", get_home, 0},
    {HTTP_GET, "/app/health", get_health, ROUTE_PUBLIC},
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
