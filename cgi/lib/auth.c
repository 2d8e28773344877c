/*
 * auth.c — password hashing, sessions, CSRF, login throttling and the hash-chained
 * audit trail (auth.h). All SQL of these tables lives here.
 */
#include "auth.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

const char *const role_names[ROLE__MAX + 1] = {"commune", "district", "province",
                                               "council", "admin",    NULL};
const char *const role_labels[ROLE__MAX] = {"Cán bộ cấp xã", "Cán bộ cấp huyện",
                                            "Văn phòng OCOP tỉnh", "Thành viên hội đồng",
                                            "Quản trị hệ thống"};

int role_from_name(const char *name)
{
    int i;

    for (i = 0; i < ROLE__MAX; i++)
        if (strcmp(role_names[i], name) == 0)
            return i;
    return -1;
}

int auth_hash_password(const char *password, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        log_err("password hashing failed (out of memory)");
        return -1;
    }
    return 0;
}

int auth_verify_password(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 ? 0 : -1;
}

void auth_random_token(char out[TOKEN_TEXT_LEN + 1])
{
    unsigned char raw[32];

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, TOKEN_TEXT_LEN + 1, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
}

void auth_token_hash(const char *token, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    hex_encode(h, sizeof(h), out);
}

static void random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];

    randombytes_buf(raw, nbytes);
    hex_encode(raw, nbytes, out);
}

static const char SQL_SESSION_INSERT[] =
    "INSERT INTO session (token_hash, user_id, csrf, created_at, last_seen, expires_at, ip, "
    "user_agent) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)";

static const char SQL_SESSION_GET[] =
    "SELECT s.id, s.user_id, s.csrf, s.last_seen, s.expires_at, u.username, u.full_name, u.role, "
    "u.area_code, COALESCE(a.name, u.area_code), u.disabled "
    "FROM session s JOIN user u ON u.id = s.user_id LEFT JOIN area a ON a.code = u.area_code "
    "WHERE s.token_hash = ?1";

static const char SQL_SESSION_TOUCH[] = "UPDATE session SET last_seen = ?2 WHERE id = ?1";
static const char SQL_SESSION_DELETE[] = "DELETE FROM session WHERE id = ?1";

int session_create(struct db *db, const struct config *cfg, int64_t user_id, const char *addr,
                   const char *user_agent, char token_out[TOKEN_TEXT_LEN + 1], struct session *s)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SESSION_INSERT);
    char hash[65], csrf[CSRF_TEXT_LEN + 1];
    int64_t now = now_seconds();

    if (st == NULL)
        return -1;
    auth_random_token(token_out);
    auth_token_hash(token_out, hash);
    random_hex(csrf, 32);
    if (db_bind_text(st, 1, hash) || db_bind_int(st, 2, user_id) || db_bind_text(st, 3, csrf) ||
        db_bind_int(st, 4, now) || db_bind_int(st, 5, now + cfg->session_max) ||
        db_bind_text(st, 6, addr) || db_bind_text(st, 7, user_agent) || db_step_done(db, st))
        return -1;
    return session_lookup(db, cfg, token_out, s) == 1 ? 0 : -1;
}

static void session_fill(sqlite3_stmt *st, struct session *s)
{
    char role[32];

    memset(s, 0, sizeof(*s));
    s->id = sqlite3_column_int64(st, 0);
    s->user_id = sqlite3_column_int64(st, 1);
    db_col_text(st, 2, s->csrf, sizeof(s->csrf));
    s->expires_at = sqlite3_column_int64(st, 4);
    db_col_text(st, 5, s->username, sizeof(s->username));
    db_col_text(st, 6, s->full_name, sizeof(s->full_name));
    db_col_text(st, 7, role, sizeof(role));
    s->role = (enum role)role_from_name(role);
    db_col_text(st, 8, s->area, sizeof(s->area));
    db_col_text(st, 9, s->area_name, sizeof(s->area_name));
}

int session_lookup(struct db *db, const struct config *cfg, const char *token, struct session *s)
{
    sqlite3_stmt *st;
    char hash[65];
    int64_t now = now_seconds(), id, last_seen, expires;
    int rc, disabled;

    if (strlen(token) != TOKEN_TEXT_LEN)
        return 0;
    auth_token_hash(token, hash);
    st = db_stmt(db, SQL_SESSION_GET);
    if (st == NULL || db_bind_text(st, 1, hash))
        return -1;
    rc = db_step_row(db, st);
    if (rc <= 0)
        return rc;
    id = sqlite3_column_int64(st, 0);
    last_seen = sqlite3_column_int64(st, 3);
    expires = sqlite3_column_int64(st, 4);
    disabled = sqlite3_column_int(st, 10);
    if (disabled || now >= expires || now - last_seen >= cfg->session_idle ||
        role_from_name((const char *)sqlite3_column_text(st, 7)) < 0) {
        sqlite3_reset(st);
        session_destroy(db, id);
        return 0;
    }
    session_fill(st, s);
    sqlite3_reset(st);
    /* Touch at most once a minute (fewer writes), and often enough for short idle limits. */
    if (now - last_seen >= (cfg->session_idle / 2 < 60 ? cfg->session_idle / 2 : 60)) {
        st = db_stmt(db, SQL_SESSION_TOUCH);
        if (st == NULL || db_bind_int(st, 1, id) || db_bind_int(st, 2, now) || db_step_done(db, st))
            return -1;
    }
    return 1;
}

int session_destroy(struct db *db, int64_t session_id)
{
    sqlite3_stmt *st = db_stmt(db, SQL_SESSION_DELETE);

    if (st == NULL || db_bind_int(st, 1, session_id))
        return -1;
    return db_step_done(db, st);
}

int csrf_check(const struct session *s, const char *given)
{
    if (s == NULL || given == NULL || strlen(given) != CSRF_TEXT_LEN ||
        strlen(s->csrf) != CSRF_TEXT_LEN)
        return -1;
    return ct_memcmp(s->csrf, given, CSRF_TEXT_LEN) ? -1 : 0;
}

static const char SQL_FAIL_COUNT_USER[] =
    "SELECT count(*) FROM login_failure WHERE username = ?1 AND at > ?2";
static const char SQL_FAIL_COUNT_ADDR[] =
    "SELECT count(*) FROM login_failure WHERE ip = ?1 AND at > ?2";
static const char SQL_FAIL_INSERT[] =
    "INSERT INTO login_failure (username, ip, at) VALUES (?1, ?2, ?3)";
static const char SQL_FAIL_CLEAR[] = "DELETE FROM login_failure WHERE username = ?1";
static const char SQL_FAIL_EXPIRE[] = "DELETE FROM login_failure WHERE at < ?1";

static int count_since(struct db *db, const char *sql, const char *key, int64_t since)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int n;

    if (st == NULL || db_bind_text(st, 1, key) || db_bind_int(st, 2, since))
        return -1;
    if (db_step_row(db, st) != 1)
        return -1;
    n = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return n;
}

int login_throttled(struct db *db, const struct config *cfg, const char *username, const char *addr)
{
    int64_t since = now_seconds() - cfg->login_window;
    int nu = count_since(db, SQL_FAIL_COUNT_USER, username, since);
    int na = count_since(db, SQL_FAIL_COUNT_ADDR, addr, since);

    if (nu < 0 || na < 0)
        return 1; /* fail closed */
    return nu >= cfg->login_max_fail_user || na >= cfg->login_max_fail_addr;
}

int login_record_failure(struct db *db, const char *username, const char *addr)
{
    sqlite3_stmt *st = db_stmt(db, SQL_FAIL_INSERT);
    int64_t now = now_seconds();

    if (st == NULL || db_bind_text(st, 1, username) || db_bind_text(st, 2, addr) ||
        db_bind_int(st, 3, now) || db_step_done(db, st))
        return -1;
    st = db_stmt(db, SQL_FAIL_EXPIRE); /* keep the table small: a day of history */
    if (st == NULL || db_bind_int(st, 1, now - 86400))
        return -1;
    return db_step_done(db, st);
}

int login_clear_failures(struct db *db, const char *username)
{
    sqlite3_stmt *st = db_stmt(db, SQL_FAIL_CLEAR);

    if (st == NULL || db_bind_text(st, 1, username))
        return -1;
    return db_step_done(db, st);
}

static const char SQL_USER_FIND[] =
    "SELECT id, password_hash, disabled FROM user WHERE username = ?1";

int user_find(struct db *db, const char *username, int64_t *id, char *hash, size_t hash_size,
              int *disabled)
{
    sqlite3_stmt *st = db_stmt(db, SQL_USER_FIND);
    int rc;

    if (st == NULL || db_bind_text(st, 1, username))
        return -1;
    rc = db_step_row(db, st);
    if (rc == 1) {
        *id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, hash, hash_size);
        *disabled = sqlite3_column_int(st, 2);
    }
    sqlite3_reset(st);
    return rc;
}

/* ---- audit: a hash chain over the rows ---- */

static const char SQL_AUDIT_LAST[] = "SELECT hash FROM audit ORDER BY id DESC LIMIT 1";
static const char SQL_AUDIT_INSERT[] =
    "INSERT INTO audit (at, user_id, action, object_type, object_id, detail, ip, prev_hash, hash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_AUDIT_ALL[] =
    "SELECT id, at, user_id, action, object_type, object_id, detail, ip, prev_hash, hash "
    "FROM audit ORDER BY id";

/* The hash of a row: SHA-256 over its fields, each length-prefixed so that no two
 * different rows serialise alike. */
static void audit_hash(const char *prev, int64_t at, int64_t user_id, const char *action,
                       const char *otype, const char *oid, const char *detail, const char *ip,
                       char out[65])
{
    crypto_hash_sha256_state h;
    unsigned char d[crypto_hash_sha256_BYTES];
    const char *parts[6] = {prev, action, otype, oid, detail, ip};
    char nums[64];
    size_t i;

    crypto_hash_sha256_init(&h);
    snprintf(nums, sizeof(nums), "%lld|%lld|", (long long)at, (long long)user_id);
    crypto_hash_sha256_update(&h, (const unsigned char *)nums, strlen(nums));
    for (i = 0; i < ARRAY_LEN(parts); i++) {
        const char *p = parts[i] ? parts[i] : "";
        char len[24];
        snprintf(len, sizeof(len), "%zu:", strlen(p));
        crypto_hash_sha256_update(&h, (const unsigned char *)len, strlen(len));
        crypto_hash_sha256_update(&h, (const unsigned char *)p, strlen(p));
    }
    crypto_hash_sha256_final(&h, d);
    hex_encode(d, sizeof(d), out);
}

int audit_log(struct db *db, int64_t user_id, const char *action, const char *object_type,
              const char *object_id, json_t *detail, const char *addr)
{
    sqlite3_stmt *st = db_stmt(db, SQL_AUDIT_LAST);
    char prev[65] = "", hash[65];
    char *dj = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int64_t now = now_seconds();
    int rc = -1;

    if (st == NULL || db_step_row(db, st) < 0)
        goto out;
    db_col_text(st, 0, prev, sizeof(prev));
    sqlite3_reset(st);
    audit_hash(prev, now, user_id, action, object_type, object_id, dj, addr, hash);
    st = db_stmt(db, SQL_AUDIT_INSERT);
    if (st == NULL || db_bind_int(st, 1, now) ||
        (user_id ? db_bind_int(st, 2, user_id) : sqlite3_bind_null(st, 2)) ||
        db_bind_text(st, 3, action) || db_bind_text(st, 4, object_type) ||
        db_bind_text(st, 5, object_id) || db_bind_text(st, 6, dj) || db_bind_text(st, 7, addr) ||
        db_bind_text(st, 8, prev) || db_bind_text(st, 9, hash))
        goto out;
    rc = db_step_done(db, st);
out:
    free(dj);
    return rc;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : NULL;
}

int64_t audit_verify(struct db *db)
{
    sqlite3_stmt *st = db_stmt(db, SQL_AUDIT_ALL);
    char prev[65] = "", want[65];
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = db_step_row(db, st)) == 1) {
        int64_t id = sqlite3_column_int64(st, 0);
        const char *stored_prev = col(st, 8), *stored = col(st, 9);
        audit_hash(prev, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2), col(st, 3),
                   col(st, 4), col(st, 5), col(st, 6), col(st, 7), want);
        if (strcmp(stored_prev ? stored_prev : "", prev) != 0 || stored == NULL ||
            strcmp(stored, want) != 0) {
            sqlite3_reset(st);
            return id;
        }
        snprintf(prev, sizeof(prev), "%s", stored);
    }
    sqlite3_reset(st);
    return rc < 0 ? -1 : 0;
}

int audit_log_new(struct db *db, int64_t user_id, const char *action, const char *object_type,
                  const char *object_id, json_t *detail, const char *addr)
{
    int rc = audit_log(db, user_id, action, object_type, object_id, detail, addr);

    json_decref(detail);
    return rc;
}
