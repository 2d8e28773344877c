/*
 * user.c — `ocop user add NAME --role ROLE --area CODE [--name FULL]`,
 * `ocop user passwd NAME` and `ocop user disable NAME`. Passwords are read from
 * standard input, never from the command line.
 */
#include "auth.h"
#include "cli_common.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: ocop user add NAME --role ROLE --area CODE [--name \"Full name\"]\n"
               "       ocop user passwd NAME\n"
               "       ocop user disable NAME\n\n"
               "ROLE is one of commune, district, province, council, admin. CODE is an area code\n"
               "such as ha-giang or dak-lak/krong-nang. The password is read from standard "
               "input.\n");
}

static int valid_username(const char *s)
{
    struct field f = {"username", FIELD_TOKEN, 1, 1, 64, NULL, "username"};
    struct kv kv = {"username", s, strlen(s)};
    struct kvlist l = {&kv, 1, 1};
    struct field_value v;
    struct field_error e;
    struct pool p = {0};
    int ok = http_validate(&p, &f, 1, &l, &v, &e) == 0;

    pool_free(&p);
    return ok;
}

static int area_exists(struct db *db, const char *code)
{
    static const char sql[] = "SELECT 1 FROM area WHERE code = ?1";
    sqlite3_stmt *st = db_stmt(db, sql);
    int rc;

    if (st == NULL || db_bind_text(st, 1, code))
        return -1;
    rc = db_step_row(db, st);
    sqlite3_reset(st);
    return rc;
}

static int user_add(struct db *db, int argc, char **argv)
{
    const char *name = argv[0], *role = NULL, *area = NULL, *full = NULL;
    char pw[1100];
    int i;

    for (i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--role"))
            role = argv[i + 1];
        else if (!strcmp(argv[i], "--area"))
            area = argv[i + 1];
        else if (!strcmp(argv[i], "--name"))
            full = argv[i + 1];
        else
            break;
    }
    if (i != argc || role == NULL || area == NULL) {
        usage(stderr);
        return 2;
    }
    if (!valid_username(name)) {
        fprintf(stderr, "ocop user: '%s' is not a valid username ([A-Za-z0-9._-], 1-64)\n", name);
        return 1;
    }
    if (role_from_name(role) < 0) {
        fprintf(stderr, "ocop user: unknown role '%s'\n", role);
        return 1;
    }
    if (area_exists(db, area) != 1) {
        fprintf(stderr, "ocop user: unknown area '%s'\n", area);
        return 1;
    }
    if (cli_read_password(pw, sizeof(pw)) != 0)
        return 1;
    if (db_begin(db) != 0 || cli_user_insert(db, name, full ? full : name, role, area, pw) != 0 ||
        db_commit(db) != 0) {
        db_rollback(db);
        return 1;
    }
    printf("user %s added (%s, %s)\n", name, role, area);
    return 0;
}

static const char SQL_PASSWD[] = "UPDATE user SET password_hash = ?2 WHERE username = ?1";
static const char SQL_DISABLE[] = "UPDATE user SET disabled = 1 WHERE username = ?1";
static const char SQL_KILL_SESSIONS[] =
    "DELETE FROM session WHERE user_id = (SELECT id FROM user WHERE username = ?1)";

/* Runs sql (?1 = name, ?2 = arg) and ends the user's sessions, in one transaction. */
static int user_update(struct db *db, const char *sql, const char *name, const char *arg,
                       const char *action)
{
    sqlite3_stmt *st;

    if (db_begin(db) != 0)
        return 1;
    st = db_stmt(db, sql);
    if (st == NULL || db_bind_text(st, 1, name) || (arg && db_bind_text(st, 2, arg)) ||
        db_step_done(db, st))
        goto fail;
    if (sqlite3_changes(db->h) != 1) {
        fprintf(stderr, "ocop user: no user '%s'\n", name);
        goto fail;
    }
    st = db_stmt(db, SQL_KILL_SESSIONS);
    if (st == NULL || db_bind_text(st, 1, name) || db_step_done(db, st) ||
        audit_log(db, 0, action, "user", name, NULL, "cli") || db_commit(db))
        goto fail;
    return 0;
fail:
    db_rollback(db);
    return 1;
}

int cli_user(int argc, char **argv)
{
    struct db *db;
    char pw[1100], hash[crypto_pwhash_STRBYTES];
    int rc = 2;

    if (argc < 2 || !strcmp(argv[1], "--help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (argc < 3) {
        usage(stderr);
        return 2;
    }
    db = cli_open_db(0);
    if (db == NULL)
        return 1;
    if (!strcmp(argv[1], "add")) {
        rc = user_add(db, argc - 2, argv + 2);
    } else if (!strcmp(argv[1], "passwd") && argc == 3) {
        rc = 1;
        if (cli_read_password(pw, sizeof(pw)) == 0 && auth_hash_password(pw, hash) == 0)
            rc = user_update(db, SQL_PASSWD, argv[2], hash, "user_passwd");
    } else if (!strcmp(argv[1], "disable") && argc == 3) {
        rc = user_update(db, SQL_DISABLE, argv[2], NULL, "user_disable");
    } else {
        usage(stderr);
    }
    if (rc == 0 && strcmp(argv[1], "add"))
        printf("user %s: %s done\n", argv[2], argv[1]);
    db_close(db);
    return rc;
}
