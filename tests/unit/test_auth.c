/*
 * test_auth.c — unit tests of accounts and sessions on the real schema: argon2id
 * hashing, token format and hashing, session create / lookup / idle and absolute
 * expiry / disabled users, CSRF comparison, login throttling, and the audit hash
 * chain catching an edited or deleted row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "util.h"

static struct db *db;
static struct config cfg;
static char path[64];
static int64_t uid;

static int setup(void **state)
{
    char cwd[4096];
    int fd;

    if (sodium_init() < 0 || getcwd(cwd, sizeof(cwd)) == NULL)
        return -1;
    snprintf(path, sizeof(path), "/tmp/ocop-auth.XXXXXX");
    fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    db = db_open(path, 1);
    if (db == NULL || db_migrate(db, cwd) != 0)
        return -1;
    cfg.session_idle = 100;
    cfg.session_max = 1000;
    cfg.login_max_fail_user = 3;
    cfg.login_max_fail_addr = 5;
    cfg.login_window = 60;
    if (db_exec(db, "INSERT INTO area (code, name, level, valid_from) "
                    "VALUES ('test-province', 'Tỉnh thử', 'province', '2019-01-01')") != 0)
        return -1;
    if (db_exec(db, "INSERT INTO user (username, full_name, role, area_code, password_hash, "
                    "created_at) VALUES ('lan', 'Lan', 'district', 'test-province', 'x', 0)") != 0)
        return -1;
    uid = sqlite3_last_insert_rowid(db->h);
    return 0;
}

static int teardown(void **state)
{
    char p[80];

    db_close(db);
    unlink(path);
    snprintf(p, sizeof(p), "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", path);
    unlink(p);
    return 0;
}

static void passwords(void **state)
{
    char h[crypto_pwhash_STRBYTES];

    assert_int_equal(auth_hash_password("correct horse battery", h), 0);
    assert_memory_equal(h, "$argon2id$", 10);
    assert_int_equal(auth_verify_password(h, "correct horse battery"), 0);
    assert_int_equal(auth_verify_password(h, "correct horse batterY"), -1);
    assert_int_equal(auth_verify_password("not a hash", "x"), -1);
}

static void tokens(void **state)
{
    char a[TOKEN_TEXT_LEN + 1], b[TOKEN_TEXT_LEN + 1], h[65];
    size_t i;

    auth_random_token(a);
    auth_random_token(b);
    assert_int_equal(strlen(a), TOKEN_TEXT_LEN);
    assert_string_not_equal(a, b);
    for (i = 0; i < TOKEN_TEXT_LEN; i++)
        assert_non_null(
            strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", a[i]));
    auth_token_hash("abc", h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void session_life(void **state)
{
    char token[TOKEN_TEXT_LEN + 1];
    struct session s, t;

    assert_int_equal(session_create(db, &cfg, uid, "127.0.0.1", "test", token, &s), 0);
    assert_string_equal(s.username, "lan");
    assert_int_equal(s.role, ROLE_DISTRICT);
    assert_string_equal(s.area_name, "Tỉnh thử");
    assert_int_equal(strlen(s.csrf), CSRF_TEXT_LEN);
    assert_int_equal(session_lookup(db, &cfg, token, &t), 1);
    assert_int_equal(t.id, s.id);
    assert_int_equal(csrf_check(&t, s.csrf), 0);
    s.csrf[0] = s.csrf[0] == 'a' ? 'b' : 'a';
    assert_int_equal(csrf_check(&t, s.csrf), -1);
    assert_int_equal(csrf_check(&t, ""), -1);
    assert_int_equal(csrf_check(NULL, t.csrf), -1);
    token[0] = token[0] == 'A' ? 'B' : 'A';
    assert_int_equal(session_lookup(db, &cfg, token, &t), 0);
    assert_int_equal(session_lookup(db, &cfg, "short", &t), 0);
}

static void session_expiry(void **state)
{
    char token[TOKEN_TEXT_LEN + 1];
    struct session s;
    char sql[160];

    assert_int_equal(session_create(db, &cfg, uid, "127.0.0.1", "test", token, &s), 0);
    snprintf(sql, sizeof(sql), "UPDATE session SET last_seen = last_seen - 101 WHERE id = %lld",
             (long long)s.id);
    assert_int_equal(db_exec(db, sql), 0);
    assert_int_equal(session_lookup(db, &cfg, token, &s), 0); /* idle */

    assert_int_equal(session_create(db, &cfg, uid, "127.0.0.1", "test", token, &s), 0);
    snprintf(sql, sizeof(sql), "UPDATE session SET expires_at = %lld WHERE id = %lld",
             (long long)now_seconds(), (long long)s.id);
    assert_int_equal(db_exec(db, sql), 0);
    assert_int_equal(session_lookup(db, &cfg, token, &s), 0); /* absolute */

    assert_int_equal(session_create(db, &cfg, uid, "127.0.0.1", "test", token, &s), 0);
    assert_int_equal(db_exec(db, "UPDATE user SET disabled = 1 WHERE username = 'lan'"), 0);
    assert_int_equal(session_lookup(db, &cfg, token, &s), 0); /* disabled user */
    assert_int_equal(db_exec(db, "UPDATE user SET disabled = 0 WHERE username = 'lan'"), 0);
}

static void throttling(void **state)
{
    int i;

    assert_int_equal(login_throttled(db, &cfg, "lan", "10.0.0.1"), 0);
    for (i = 0; i < 3; i++)
        assert_int_equal(login_record_failure(db, "lan", "10.0.0.1"), 0);
    assert_int_equal(login_throttled(db, &cfg, "lan", "10.0.0.2"), 1); /* per account */
    assert_int_equal(login_throttled(db, &cfg, "hoa", "10.0.0.2"), 0);
    assert_int_equal(login_clear_failures(db, "lan"), 0);
    assert_int_equal(login_throttled(db, &cfg, "lan", "10.0.0.2"), 0);
    for (i = 0; i < 5; i++)
        assert_int_equal(login_record_failure(db, i % 2 ? "a" : "b", "10.0.0.9"), 0);
    assert_int_equal(login_throttled(db, &cfg, "c", "10.0.0.9"), 1); /* per address */
    assert_int_equal(db_exec(db, "UPDATE login_failure SET at = at - 61"), 0);
    assert_int_equal(login_throttled(db, &cfg, "c", "10.0.0.9"), 0); /* window passed */
}

static void audit_chain(void **state)
{
    json_t *d = json_pack("{s:s}", "why", "test");
    int i;

    for (i = 0; i < 5; i++)
        assert_int_equal(audit_log(db, uid, "test", "user", "lan", d, "127.0.0.1"), 0);
    json_decref(d);
    assert_int_equal(audit_verify(db), 0);
    assert_int_equal(db_exec(db, "UPDATE audit SET detail = '{\"why\":\"edited\"}' WHERE id = "
                                 "(SELECT min(id) + 2 FROM audit)"),
                     0);
    assert_true(audit_verify(db) > 0);
    assert_int_equal(db_exec(db, "DELETE FROM audit"), 0);
    for (i = 0; i < 4; i++)
        assert_int_equal(audit_log(db, 0, "test", "x", "1", NULL, "cli"), 0);
    assert_int_equal(audit_verify(db), 0);
    assert_int_equal(db_exec(db, "DELETE FROM audit WHERE id = (SELECT min(id) + 1 FROM audit)"),
                     0);
    assert_true(audit_verify(db) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(passwords),    cmocka_unit_test(tokens),
        cmocka_unit_test(session_life), cmocka_unit_test(session_expiry),
        cmocka_unit_test(throttling),   cmocka_unit_test(audit_chain),
    };

    return cmocka_run_group_tests_name("auth", tests, setup, teardown);
}
