/*
 * test_db.c — unit tests of the database layer: production settings on open,
 * migrations by user_version (fresh install from schema.sql, upgrades step by step,
 * a failing migration applies nothing), the statement cache, two readers of one
 * snapshot (db_twin_reader), the shipped schema being what its migrations build, and
 * the dossiers' copies of names that its triggers keep (0005).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "util.h"

static char tmp[64];

static void write_file(const char *rel, const char *text)
{
    char p[256];
    FILE *f;

    snprintf(p, sizeof(p), "%s/%s", tmp, rel);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    char p[128];

    snprintf(tmp, sizeof(tmp), "/tmp/ocop-test-db.XXXXXX");
    if (mkdtemp(tmp) == NULL)
        return -1;
    snprintf(p, sizeof(p), "%s/db", tmp);
    mkdir(p, 0755);
    snprintf(p, sizeof(p), "%s/db/migrations", tmp);
    mkdir(p, 0755);
    write_file("db/schema.sql", "CREATE TABLE t (a INTEGER, b TEXT);");
    write_file("db/migrations/0001_initial.sql", "CREATE TABLE t (a INTEGER);");
    write_file("db/migrations/0002_add_b.sql", "ALTER TABLE t ADD COLUMN b TEXT;");
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
    return system(cmd);
}

static struct db *open_fresh(const char *name)
{
    char p[128];

    snprintf(p, sizeof(p), "%s/%s", tmp, name);
    unlink(p);
    return db_open(p, 1);
}

static int int_query(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    int v = -1;

    assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void settings(void **state)
{
    struct db *db = open_fresh("s.db");
    sqlite3_stmt *st;

    assert_non_null(db);
    assert_int_equal(int_query(db, "PRAGMA foreign_keys"), 1);
    assert_int_equal(int_query(db, "PRAGMA synchronous"), 1); /* NORMAL */
    assert_int_equal(sqlite3_prepare_v2(db->h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    /* defensive mode: writing the schema directly is refused */
    assert_int_not_equal(
        sqlite3_exec(db->h, "PRAGMA writable_schema=ON; DELETE FROM sqlite_schema", 0, 0, 0),
        SQLITE_OK);
    db_close(db);
}

static void fresh_install_uses_schema(void **state)
{
    struct db *db = open_fresh("f.db");

    assert_int_equal(db_latest_version(tmp), 2);
    assert_int_equal(db_migrate(db, tmp), 0);
    assert_int_equal(db_user_version(db), 2);
    assert_int_equal(db_exec(db, "INSERT INTO t (a, b) VALUES (1, 'x')"), 0);
    assert_int_equal(db_migrate(db, tmp), 0); /* again: nothing to do */
    assert_int_equal(db_user_version(db), 2);
    db_close(db);
}

static void upgrade_step_by_step(void **state)
{
    struct db *db = open_fresh("u.db");

    assert_int_equal(db_exec(db, "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (7);"
                                 "PRAGMA user_version=1;"),
                     0);
    assert_int_equal(db_migrate(db, tmp), 0);
    assert_int_equal(db_user_version(db), 2);
    assert_int_equal(int_query(db, "SELECT count(*) FROM pragma_table_info('t') WHERE name='b'"),
                     1);
    assert_int_equal(int_query(db, "SELECT a FROM t"), 7);
    db_close(db);
}

static void failing_migration_applies_nothing(void **state)
{
    struct db *db = open_fresh("x.db");

    write_file("db/migrations/0003_bad.sql",
               "ALTER TABLE t ADD COLUMN c TEXT; INSERT INTO no_such_table VALUES (1);");
    assert_int_equal(db_exec(db, "CREATE TABLE t (a INTEGER, b TEXT); PRAGMA user_version=2;"), 0);
    assert_int_equal(db_migrate(db, tmp), -1);
    assert_int_equal(db_user_version(db), 2);
    assert_int_equal(int_query(db, "SELECT count(*) FROM pragma_table_info('t') WHERE name='c'"),
                     0);
    db_close(db);
    {
        char p[128];
        snprintf(p, sizeof(p), "%s/db/migrations/0003_bad.sql", tmp);
        unlink(p);
    }
}

static void newer_database_is_refused(void **state)
{
    struct db *db = open_fresh("n.db");

    assert_int_equal(db_exec(db, "PRAGMA user_version=99"), 0);
    assert_int_equal(db_migrate(db, tmp), -1);
    db_close(db);
}

static void statement_cache(void **state)
{
    static const char sql[] = "SELECT ?1 + 1";
    struct db *db = open_fresh("c.db");
    sqlite3_stmt *a, *b;

    a = db_stmt(db, sql);
    assert_non_null(a);
    db_bind_int(a, 1, 41);
    assert_int_equal(db_step_row(db, a), 1);
    assert_int_equal(sqlite3_column_int(a, 0), 42);
    b = db_stmt(db, sql);
    assert_ptr_equal(a, b); /* same statement, reset and unbound */
    assert_int_equal(db_step_row(db, b), 1);
    assert_int_equal(sqlite3_column_type(b, 0), SQLITE_NULL);
    assert_null(db_stmt(db, "SELECT FROM nothing"));
    db_close(db);
}

/* The shipped db/schema.sql must be exactly what the shipped migrations build. */
static void shipped_schema_matches_migrations(void **state)
{
    char cwd[4096];
    struct db *a = open_fresh("sa.db"), *b = open_fresh("sb.db");
    const char *q = "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' || "
                    "coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_schema ORDER BY "
                    "type, name)";
    sqlite3_stmt *sa, *sb;
    int latest;

    assert_non_null(getcwd(cwd, sizeof(cwd)));
    latest = db_latest_version(cwd);
    assert_true(latest >= 1);
    assert_int_equal(db_migrate(a, cwd), 0); /* fresh: schema.sql */
    assert_int_equal(db_exec(b, "PRAGMA user_version=0"), 0);
    {
        /* Apply 0001 by hand as an "old" install, then migrate the rest. */
        FILE *f;
        struct buf sql = BUF_INIT;
        char chunk[4096];
        size_t n;
        assert_int_equal(system("ls db/migrations/0001_*.sql >/dev/null"), 0);
        f = popen("cat db/migrations/0001_*.sql", "r");
        assert_non_null(f);
        while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
            buf_append(&sql, chunk, n);
        pclose(f);
        assert_int_equal(db_exec(b, sql.data), 0);
        assert_int_equal(db_exec(b, "PRAGMA user_version=1"), 0);
        buf_free(&sql);
    }
    assert_int_equal(db_migrate(b, cwd), 0);
    assert_int_equal(db_user_version(a), db_user_version(b));
    assert_int_equal(sqlite3_prepare_v2(a->h, q, -1, &sa, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(b->h, q, -1, &sb, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(sa), SQLITE_ROW);
    assert_int_equal(sqlite3_step(sb), SQLITE_ROW);
    assert_string_equal(sqlite3_column_text(sa, 0), sqlite3_column_text(sb, 0));
    sqlite3_finalize(sa);
    sqlite3_finalize(sb);
    db_close(a);
    db_close(b);
}

/* The first column of the first row of sql, as text ("" for none or NULL). */
static const char *one_text(struct db *db, const char *sql)
{
    static char out[512];
    sqlite3_stmt *st;

    out[0] = '\0';
    assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

static const char COPIES[] =
    "SELECT group_concat(id || ':' || product_name || '/' || group_code || '/' || subject_name, "
    "' ') FROM (SELECT * FROM dossier ORDER BY id)";

/* A producer, a product of it and two dossiers in the shipped schema. */
static void seed_dossiers(struct db *db)
{
    assert_int_equal(
        db_exec(db,
                "INSERT INTO area (code, name, level, parent, valid_from) VALUES "
                "('t', 'Tỉnh', 'province', NULL, '2019-01-01');"
                "INSERT INTO subject (id, kind, name, area_code, created_at) VALUES "
                "(1, 'household', 'Hộ A', 't', 0), (2, 'household', 'Hộ B', 't', 0);"
                "INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, "
                "area_code, created_at) VALUES (1, 1, 'Chè', 'che', '1048', '1.1.1', 't', 0);"
                "INSERT INTO dossier (id, product_id, province, area_code, year, level, round, "
                "regime, created_at) VALUES (1, 1, 't', 't', 2020, 'province', 1, '1048', 0), "
                "(2, 1, 't', 't', 2021, 'province', 1, '1048', 0);"),
        0);
}

/* Migration 0005: a dossier's copies of its product's name and group and its
 * producer's name follow the originals whatever changes them. */
static void dossier_copies_follow(void **state)
{
    char cwd[4096];
    struct db *db = open_fresh("copies.db");

    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_int_equal(db_migrate(db, cwd), 0);
    seed_dossiers(db);
    assert_string_equal(one_text(db, COPIES), "1:Chè/1.1.1/Hộ A 2:Chè/1.1.1/Hộ A");
    assert_int_equal(db_exec(db, "UPDATE product SET name = 'Chè xanh', group_code = '1.1.2'"), 0);
    assert_string_equal(one_text(db, COPIES), "1:Chè xanh/1.1.2/Hộ A 2:Chè xanh/1.1.2/Hộ A");
    assert_int_equal(db_exec(db, "UPDATE subject SET name = 'Hộ An' WHERE id = 1"), 0);
    assert_string_equal(one_text(db, COPIES), "1:Chè xanh/1.1.2/Hộ An 2:Chè xanh/1.1.2/Hộ An");
    assert_int_equal(db_exec(db, "UPDATE product SET subject_id = 2"), 0);
    assert_string_equal(one_text(db, COPIES), "1:Chè xanh/1.1.2/Hộ B 2:Chè xanh/1.1.2/Hộ B");
    assert_int_equal(db_exec(db, "UPDATE subject SET name = 'Hộ An 2' WHERE id = 1"), 0);
    assert_string_equal(one_text(db, COPIES), "1:Chè xanh/1.1.2/Hộ B 2:Chè xanh/1.1.2/Hộ B");
    /* written out of order, as a hand-run script with foreign keys off could */
    assert_int_equal(db_exec(db, "PRAGMA foreign_keys=OFF;"
                                 "INSERT INTO dossier (id, product_id, province, area_code, year, "
                                 "level, round, regime, created_at) VALUES "
                                 "(3, 2, 't', 't', 2022, 'province', 1, '1048', 0);"
                                 "INSERT INTO product (id, subject_id, name, slug, group_regime, "
                                 "group_code, area_code, created_at) VALUES "
                                 "(2, 3, 'Mật ong', 'mat-ong', '1048', '1.2', 't', 0);"
                                 "INSERT INTO subject (id, kind, name, area_code, created_at) "
                                 "VALUES (3, 'household', 'Hộ C', 't', 0);"
                                 "PRAGMA foreign_keys=ON;"),
                     0);
    assert_string_equal(one_text(db, "SELECT product_name || '/' || group_code || '/' || "
                                     "subject_name FROM dossier WHERE id = 3"),
                        "Mật ong/1.2/Hộ C");
    assert_int_equal(db_exec(db, "UPDATE dossier SET product_id = 1 WHERE id = 3"), 0);
    assert_string_equal(one_text(db, "SELECT product_name || '/' || subject_name FROM dossier "
                                     "WHERE id = 3"),
                        "Chè xanh/Hộ B");
    db_close(db);
}

/* A database of version 4 with dossiers gets their copies when migrated. */
static void dossier_copies_on_upgrade(void **state)
{
    char cwd[4096], cmd[4200];
    struct db *db = open_fresh("copies4.db");
    struct buf sql = BUF_INIT;
    char chunk[4096];
    size_t n;
    FILE *f;

    assert_non_null(getcwd(cwd, sizeof(cwd)));
    snprintf(cmd, sizeof(cmd), "cat %s/db/migrations/000[1-4]_*.sql", cwd);
    assert_non_null(f = popen(cmd, "r"));
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_append(&sql, chunk, n);
    pclose(f);
    assert_int_equal(db_exec(db, sql.data), 0);
    buf_free(&sql);
    assert_int_equal(db_exec(db, "PRAGMA user_version=4"), 0);
    seed_dossiers(db);
    assert_int_equal(db_migrate(db, cwd), 0);
    assert_true(db_user_version(db) >= 5);
    assert_string_equal(one_text(db, COPIES), "1:Chè/1.1.1/Hộ A 2:Chè/1.1.1/Hộ A");
    db_close(db);
}

/* db_twin_reader: the two connections read one snapshot, which a writer's later commit
 * does not move; with the write lock held elsewhere it gives up (NULL) and leaves db
 * outside any transaction. */
static void twin_reader(void **state)
{
    struct db *db = open_fresh("twin.db"), *w, *twin;
    char p[128];

    assert_non_null(db);
    snprintf(p, sizeof(p), "%s/twin.db", tmp);
    assert_int_equal(db_exec(db, "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)"), 0);
    assert_non_null(w = db_open(p, 0));
    assert_non_null(twin = db_twin_reader(db));
    assert_int_equal(db_exec(w, "INSERT INTO t VALUES (3)"), 0); /* after both began */
    assert_int_equal(int_query(db, "SELECT count(*) FROM t"), 2);
    assert_int_equal(int_query(twin, "SELECT count(*) FROM t"), 2);
    assert_int_equal(int_query(twin, "PRAGMA mmap_size"), int_query(db, "PRAGMA mmap_size"));
    assert_int_equal(db_exec(db, "COMMIT"), 0);
    assert_int_equal(db_exec(twin, "COMMIT"), 0);
    assert_int_equal(int_query(twin, "SELECT count(*) FROM t"), 3);
    db_close(twin);
    /* a writer in the middle of its transaction: no twin, db as it was */
    assert_int_equal(db_begin(w), 0);
    assert_null(db_twin_reader(db));
    assert_int_equal(sqlite3_get_autocommit(db->h), 1);
    db_rollback(w);
    db_close(w);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(settings),
        cmocka_unit_test(fresh_install_uses_schema),
        cmocka_unit_test(upgrade_step_by_step),
        cmocka_unit_test(failing_migration_applies_nothing),
        cmocka_unit_test(newer_database_is_refused),
        cmocka_unit_test(statement_cache),
        cmocka_unit_test(twin_reader),
        cmocka_unit_test(shipped_schema_matches_migrations),
        cmocka_unit_test(dossier_copies_follow),
        cmocka_unit_test(dossier_copies_on_upgrade),
    };

    return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
