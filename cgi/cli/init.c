/*
 * init.c — `ocop init` (state folder and database, migrated to the newest schema)
 * and `ocop seed --demo` (the demonstration data and one account per role and
 * province, with the demo passwords of db/demo-users.tsv) or `ocop seed --synthetic N`
 * (N certified products for tests and benchmarks: synthetic.c).
 */
#include "auth.h"
#include "cli_common.h"
#include "synthetic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int make_dir(const char *path, mode_t mode)
{
    if (mkdir(path, mode) != 0 && errno != EEXIST) {
        fprintf(stderr, "ocop: cannot create %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int make_state_dirs(const char *home)
{
    static const char *const sub[] = {"", "/run", "/log", "/files", "/files/tmp", "/www", "/tmp"};
    char p[PATH_MAX + 32];
    size_t i;

    for (i = 0; i < ARRAY_LEN(sub); i++) {
        snprintf(p, sizeof(p), "%s%s", home, sub[i]);
        if (make_dir(p, sub[i][0] == '\0' || !strcmp(sub[i], "/www") || !strcmp(sub[i], "/run")
                            ? 0755
                            : 0700) != 0)
            return -1;
    }
    return 0;
}

int cli_init(int argc, char **argv)
{
    struct db *db;
    int rc;

    if (argc > 1 && !strcmp(argv[1], "--help")) {
        printf("usage: ocop init\n\nCreates the state folder ($OCOP_HOME or ./var) and its "
               "database, or brings an existing database to the newest schema.\n");
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "ocop init: unexpected argument '%s'\n", argv[1]);
        return 2;
    }
    if (cli_setup() != 0 || make_state_dirs(cli_cfg.home) != 0)
        return 1;
    db = cli_open_db(1);
    if (db == NULL)
        return 1;
    rc = cli_migrate(db);
    if (rc == 0)
        printf("database %s at version %d\n", cli_cfg.db_path, db_user_version(db));
    db_close(db);
    return rc == 0 ? 0 : 1;
}

static char *slurp(const char *path)
{
    struct buf b = BUF_INIT;

    if (buf_read_file(&b, path, 16u << 20) != 0) {
        fprintf(stderr, "ocop: cannot read %s: %s\n", path, strerror(errno));
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}

static const char SQL_USER_ADD[] =
    "INSERT INTO user (username, full_name, role, area_code, password_hash, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int cli_user_insert(struct db *db, const char *name, const char *full, const char *role,
                    const char *area, const char *password)
{
    char hash[crypto_pwhash_STRBYTES];
    sqlite3_stmt *st = db_stmt(db, SQL_USER_ADD);

    if (st == NULL || auth_hash_password(password, hash) != 0)
        return -1;
    if (db_bind_text(st, 1, name) || db_bind_text(st, 2, full) || db_bind_text(st, 3, role) ||
        db_bind_text(st, 4, area) || db_bind_text(st, 5, hash) ||
        db_bind_int(st, 6, now_seconds()) || db_step_done(db, st)) {
        fprintf(stderr, "ocop: cannot add user '%s': %s\n", name, sqlite3_errmsg(db->h));
        return -1;
    }
    return audit_log(db, 0, "user_add", "user", name, NULL, "cli");
}

/* Loads db/demo-users.tsv: username, role, area, password, full name. */
static int seed_users(struct db *db, const char *path)
{
    char *text = slurp(path), *line, *save = NULL;
    int n = 0, lineno = 0;

    if (text == NULL)
        return -1;
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[5], *s2 = NULL;
        int k = 0;
        lineno++;
        if (line[0] == '#' || line[0] == '\0')
            continue;
        for (char *t = strtok_r(line, "\t", &s2); t && k < 5; t = strtok_r(NULL, "\t", &s2))
            f[k++] = t;
        if (k != 5) {
            fprintf(stderr, "%s:%d: expected 5 tab-separated fields\n", path, lineno);
            free(text);
            return -1;
        }
        if (cli_user_insert(db, f[0], f[4], f[1], f[2], f[3]) != 0) {
            fprintf(stderr, "%s:%d: cannot add user\n", path, lineno);
            free(text);
            return -1;
        }
        n++;
    }
    free(text);
    return n;
}

static int seed_demo(struct db *db)
{
    char path[PATH_MAX + 32];
    char *sql;
    int users;

    snprintf(path, sizeof(path), "%s/db/seed-demo.sql", cli_cfg.share);
    sql = slurp(path);
    if (sql == NULL || db_begin(db) != 0) {
        free(sql);
        return -1;
    }
    if (db_exec(db, sql) != 0)
        goto fail;
    snprintf(path, sizeof(path), "%s/db/demo-users.tsv", cli_cfg.share);
    users = seed_users(db, path);
    if (users < 0 || db_commit(db) != 0)
        goto fail;
    free(sql);
    printf("demo data loaded: %d accounts (passwords in db/demo-users.tsv)\n", users);
    return 0;
fail:
    db_rollback(db);
    free(sql);
    fprintf(stderr, "ocop seed: nothing was loaded\n");
    return -1;
}

int cli_seed(int argc, char **argv)
{
    struct db *db;
    int64_t n = 0;
    int rc;

    if (argc == 2 && !strcmp(argv[1], "--help")) {
        printf("usage: ocop seed --demo | --synthetic N\n\n--demo loads the demonstration "
               "provinces, producers, products and accounts into an empty database.\n"
               "--synthetic N adds N certified products (invented, marked demo) spread over "
               "provinces,\ngroups and stars, with certificates and stories, for tests and "
               "benchmarks.\n");
        return 0;
    }
    if (!(argc == 2 && !strcmp(argv[1], "--demo")) &&
        !(argc == 3 && !strcmp(argv[1], "--synthetic") &&
          parse_int64(argv[2], strlen(argv[2]), 1, SYNTHETIC_MAX, &n) == 0)) {
        fprintf(stderr, "usage: ocop seed --demo | --synthetic N   (1 ≤ N ≤ %d)\n", SYNTHETIC_MAX);
        return 2;
    }
    db = cli_open_db(0);
    if (db == NULL)
        return 1;
    rc = n ? cli_seed_synthetic(db, cli_cfg.home, (long)n) : seed_demo(db);
    db_close(db);
    return rc == 0 ? 0 : 1;
}
