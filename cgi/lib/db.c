/*
 * db.c — the SQLite connection with the production settings, migrations by
 * user_version, the prepared-statement cache and write transactions (db.h).
 */
#include "db.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUSY_TIMEOUT_MS 5000
#define MAX_SQL_FILE    (4 * 1024 * 1024)

static int apply_settings(struct db *db)
{
    static const char pragmas[] = "PRAGMA journal_mode=WAL;"
                                  "PRAGMA synchronous=NORMAL;"
                                  "PRAGMA foreign_keys=ON;"
                                  "PRAGMA temp_store=MEMORY;"
                                  "PRAGMA trusted_schema=OFF;";

    sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
    sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
    sqlite3_limit(db->h, SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024);
    sqlite3_limit(db->h, SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_FILE);
    sqlite3_limit(db->h, SQLITE_LIMIT_ATTACHED, 0);
    return db_exec(db, pragmas);
}

/* Before SQLite's first use: no memory statistics, which nothing here reads and which
 * take a process-wide mutex at every allocation (about ninety locks a list page, #9).
 * Refused (and harmless) when SQLite was started elsewhere first. */
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct db *db_open(const char *path, int create)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct db *db = calloc(1, sizeof(*db));
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);

    if (db == NULL)
        return NULL;
    pthread_once(&once, configure_sqlite);
    if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
        log_err("cannot open database %s: %s", path, db->h ? sqlite3_errmsg(db->h) : "no memory");
        goto fail;
    }
    sqlite3_extended_result_codes(db->h, 1);
    if (apply_settings(db) != 0)
        goto fail;
    return db;
fail:
    db_close(db);
    return NULL;
}

void db_close(struct db *db)
{
    size_t i;

    if (db == NULL)
        return;
    for (i = 0; i < DB_STMT_CACHE; i++)
        sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->h);
    free(db);
}

int db_exec(struct db *db, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        if (sqlite3_errcode(db->h) == SQLITE_FULL)
            db->full = 1;
        log_err("sql: %s", msg ? msg : sqlite3_errmsg(db->h));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
    size_t h = ((uintptr_t)sql >> 3) % DB_STMT_CACHE, i;

    for (i = 0; i < DB_STMT_CACHE; i++) {
        size_t k = (h + i) % DB_STMT_CACHE;
        if (db->cache[k].sql == sql) {
            sqlite3_reset(db->cache[k].st);
            sqlite3_clear_bindings(db->cache[k].st);
            return db->cache[k].st;
        }
        if (db->cache[k].sql == NULL) {
            if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &db->cache[k].st,
                                   NULL) != SQLITE_OK) {
                log_err("prepare: %s: %s", sqlite3_errmsg(db->h), sql);
                return NULL;
            }
            db->cache[k].sql = sql;
            return db->cache[k].st;
        }
    }
    log_err("statement cache full (%d)", DB_STMT_CACHE);
    return NULL;
}

/* Logs the last error of the connection, remembering a full disk. */
static void log_db_error(struct db *db, const char *what)
{
    if (sqlite3_errcode(db->h) == SQLITE_FULL)
        db->full = 1;
    log_err("%s: %s", what, sqlite3_errmsg(db->h));
}

int db_take_full(struct db *db)
{
    int full = db->full;

    db->full = 0;
    return full;
}

int db_begin(struct db *db)
{
    int tries;

    /* busy_timeout covers BEGIN IMMEDIATE too; retry a few times on top of it. */
    for (tries = 0; tries < 5; tries++) {
        int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            break;
    }
    log_db_error(db, "begin");
    return -1;
}

/* Begins a read transaction on db, holding its snapshot from now (BEGIN alone waits
 * for the first read). */
static int begin_reading(struct db *db)
{
    if (db_exec(db, "BEGIN; SELECT 1 FROM sqlite_schema LIMIT 1") == 0)
        return 0;
    db_exec(db, "ROLLBACK");
    return -1;
}

/* A connection to db's file mapping it as db does; NULL (not logged) when it fails. */
static struct db *open_twin(struct db *db, const char *path)
{
    sqlite3_stmt *st = NULL;
    sqlite3_int64 mmap = 0;
    char pragma[64];
    struct db *t;

    if (sqlite3_prepare_v2(db->h, "PRAGMA mmap_size", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        mmap = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if ((t = db_open(path, 0)) == NULL)
        return NULL;
    snprintf(pragma, sizeof(pragma), "PRAGMA mmap_size=%lld", (long long)mmap);
    db_exec(t, pragma);
    return t;
}

struct db *db_twin_reader(struct db *db)
{
    const char *path = sqlite3_db_filename(db->h, "main");
    struct db *twin = NULL, *lock = NULL;

    if (path == NULL || *path == '\0' || (twin = open_twin(db, path)) == NULL ||
        (lock = db_open(path, 0)) == NULL)
        goto fail;
    /* a writer holds the lock for milliseconds; past a short wait, read alone */
    sqlite3_busy_timeout(lock->h, 200);
    if (sqlite3_exec(lock->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    if (begin_reading(db) != 0) {
        db_rollback(lock);
        goto fail;
    }
    if (begin_reading(twin) != 0) {
        db_exec(db, "ROLLBACK");
        db_rollback(lock);
        goto fail;
    }
    db_rollback(lock);
    db_close(lock);
    return twin;
fail:
    db_close(lock);
    db_close(twin);
    return NULL;
}

int db_commit(struct db *db)
{
    if (db_exec(db, "COMMIT") != 0) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

void db_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    if (s == NULL)
        return sqlite3_bind_null(st, idx) == SQLITE_OK ? 0 : -1;
    return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

int db_bind_int(sqlite3_stmt *st, int idx, int64_t v)
{
    return sqlite3_bind_int64(st, idx, v) == SQLITE_OK ? 0 : -1;
}

int db_step_done(struct db *db, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);

    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        sqlite3_reset(st);
        return 0;
    }
    log_db_error(db, "sql step");
    sqlite3_reset(st);
    return -1;
}

int db_step_row(struct db *db, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);

    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    log_db_error(db, "sql step");
    return -1;
}

void db_col_text(sqlite3_stmt *st, int i, char *out, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, i);

    snprintf(out, size, "%s", t ? (const char *)t : "");
}

int db_user_version(struct db *db)
{
    sqlite3_stmt *st;
    int v = -1;

    if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static char *read_file(const char *path)
{
    struct buf b = BUF_INIT;

    if (buf_read_file(&b, path, MAX_SQL_FILE) != 0) {
        log_err("cannot read %s: %s", path, strerror(errno));
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}

/* Migration files are NNNN_name.sql; returns NNNN or -1 for other names. */
static int migration_number(const char *name)
{
    int64_t v;
    size_t len = strlen(name);

    if (len < 10 || name[4] != '_' || strcmp(name + len - 4, ".sql") != 0)
        return -1;
    if (parse_int64(name, 4, 1, 9999, &v) != 0)
        return -1;
    return (int)v;
}

/* Finds the file of migration number n in dir; fills path. 0 or -1. */
static int migration_path(const char *dir, int n, char *path, size_t size)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = -1;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (migration_number(e->d_name) == n) {
            snprintf(path, size, "%s/%s", dir, e->d_name);
            found = 0;
            break;
        }
    }
    closedir(d);
    return found;
}

int db_latest_version(const char *share_dir)
{
    char dir[4096];
    DIR *d;
    struct dirent *e;
    int max = -1;

    snprintf(dir, sizeof(dir), "%s/db/migrations", share_dir);
    d = opendir(dir);
    if (d == NULL) {
        log_err("cannot open %s: %s", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        int n = migration_number(e->d_name);
        if (n > max)
            max = n;
    }
    closedir(d);
    return max;
}

/* Runs the SQL file and sets user_version = version, in one transaction. */
static int apply_file(struct db *db, const char *path, int version)
{
    char *sql = read_file(path);
    char pragma[64];
    int rc = -1;

    if (sql == NULL)
        return -1;
    if (db_begin(db) != 0)
        goto out;
    snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", version);
    if (db_exec(db, sql) != 0 || db_exec(db, pragma) != 0) {
        log_err("migration %s failed; nothing applied", path);
        db_rollback(db);
        goto out;
    }
    rc = db_commit(db);
    if (rc == 0)
        log_info("database at version %d (%s)", version, path);
out:
    free(sql);
    return rc;
}

int db_migrate(struct db *db, const char *share_dir)
{
    char dir[4096], path[4352];
    int latest = db_latest_version(share_dir);
    int cur = db_user_version(db);
    int v;

    if (latest < 1 || cur < 0)
        return -1;
    if (cur > latest) {
        log_err("database version %d is newer than this program (%d)", cur, latest);
        return -1;
    }
    if (cur == 0) {
        snprintf(path, sizeof(path), "%s/db/schema.sql", share_dir);
        return apply_file(db, path, latest);
    }
    snprintf(dir, sizeof(dir), "%s/db/migrations", share_dir);
    for (v = cur + 1; v <= latest; v++) {
        if (migration_path(dir, v, path, sizeof(path)) != 0) {
            log_err("migration %04d missing in %s", v, dir);
            return -1;
        }
        if (apply_file(db, path, v) != 0)
            return -1;
    }
    return 0;
}

/* A text column as a JSON string, as json_string() would make it (up to the first NUL;
 * NULL when not UTF-8, so the key is left out), with a cheaper UTF-8 check. */
static json_t *text_json(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    size_t len;

    if (t == NULL)
        return NULL;
    len = strlen(t);
    return utf8_valid(t, len) ? json_stringn_nocheck(t, len) : NULL;
}

json_t *db_row_json(sqlite3_stmt *st)
{
    json_t *o = json_object();
    int n = sqlite3_column_count(st);

    /* keys are the column names of our own SQL (ASCII): set without a UTF-8 check */
    for (int i = 0; o && i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            json_object_set_new_nocheck(o, name, json_integer(sqlite3_column_int64(st, i)));
            break;
        case SQLITE_FLOAT:
            json_object_set_new_nocheck(o, name, json_real(sqlite3_column_double(st, i)));
            break;
        case SQLITE_NULL:
            break;
        default:
            json_object_set_new_nocheck(o, name, text_json(st, i));
        }
    }
    return o;
}

json_t *db_rows_json(struct db *db, sqlite3_stmt *st)
{
    json_t *list = json_array();
    int rc;

    while ((rc = db_step_row(db, st)) == 1)
        json_array_append_new(list, db_row_json(st));
    sqlite3_reset(st);
    if (rc < 0) {
        json_decref(list);
        return NULL;
    }
    return list;
}

void db_rows_label(json_t *rows, const char *key, const char *const *codes,
                   const char *const *labels)
{
    char name[64];
    const char *label;
    json_t *e;
    size_t i;

    snprintf(name, sizeof(name), "%s_label", key);
    json_array_foreach(rows, i, e)
    {
        label = code_label(codes, labels, json_string_value(json_object_get(e, key)), NULL);
        if (label)
            json_object_set_new(e, name, json_string(label));
    }
}
