/*
 * db.h — the one SQLite connection a process keeps: opened with the production
 * settings (WAL, foreign keys, busy timeout, defensive mode, limits), schema
 * migrations by PRAGMA user_version, a cache of prepared statements keyed by the
 * SQL text's address, and write transactions that take the write lock up front; and
 * a second reader in the same snapshot for a process that reads in two threads (the
 * site builder).
 *
 * Ownership: struct db owns its connection and cached statements; db_close()
 * releases them. A statement from db_stmt() belongs to the cache: use it, then
 * let the next db_stmt() of the same SQL reset it; never finalize it.
 */
#ifndef OCOP_DB_H
#define OCOP_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#define DB_STMT_CACHE 128

struct db {
    sqlite3 *h;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[DB_STMT_CACHE];
    int full; /* a statement failed because the disk is full (see db_take_full) */
};

/* SQL text: "code lies in area" — the area itself or a unit under it ("ha-giang" holds
 * "ha-giang/meo-vac/pa-vi"), for two SQL expressions. Range comparisons rather than
 * LIKE area || '/%': LIKE is case-folding, treats '_' and '%' in the area as wildcards,
 * and costs about ten times as much per row (and the range can use an index). Codes are
 * [a-z0-9-] joined by '/', so everything under "x" lies between "x/" and "x0". */
#define SQL_IN_AREA(code, area)                                                                    \
    "(" code " = " area " OR (" code " > " area " || '/' AND " code " < " area " || '0'))"
/* The same for group codes under a group ("I.2" holds "I.2.b"). */
#define SQL_IN_GROUP(code, group)                                                                  \
    "(" code " = " group " OR (" code " > " group " || '.' AND " code " < " group " || '/'))"

/* Opens (creating when create != 0) the database file. Returns NULL and logs on error. */
struct db *db_open(const char *path, int create);
void db_close(struct db *db);

/* Brings the schema to the newest version: an empty database gets db/schema.sql;
 * an older one gets each db/migrations/NNNN_*.sql above its user_version, each in
 * its own transaction. share_dir holds db/. Returns 0 or -1 (nothing half applied). */
int db_migrate(struct db *db, const char *share_dir);
/* The newest migration number found under share_dir/db/migrations, or -1. */
int db_latest_version(const char *share_dir);
int db_user_version(struct db *db);

/* Executes one or more statements with no parameters and no results. */
int db_exec(struct db *db, const char *sql);

/* A prepared, reset statement for sql (a string literal: its address is the key). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* Read transactions on db and on a new connection to its file, in one snapshot: both
 * begin while a third connection holds the write lock for that moment, so no writer
 * commits between them (Debian's SQLite has no sqlite3_snapshot_open). The new
 * connection maps the file as db does. db must be outside a transaction. On success
 * both are reading (end each with COMMIT) and the new connection is the caller's
 * (db_close); NULL when it cannot be had — a read-only file, the write lock busy past
 * a short wait — and db is then outside a transaction. */
struct db *db_twin_reader(struct db *db);

/* BEGIN IMMEDIATE (retried while busy) / COMMIT / ROLLBACK. */
int db_begin(struct db *db);
/* 1 when a statement failed since the last call because the disk (or its quota) is
 * full, so the caller can say so rather than "unavailable"; clears the flag. */
int db_take_full(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Binds helpers returning 0 or -1; text is copied by SQLite (SQLITE_TRANSIENT). */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);
int db_bind_int(sqlite3_stmt *st, int idx, int64_t v);

/* Steps a statement expected to finish (INSERT/UPDATE/DELETE): 0 or -1 (logged). */
int db_step_done(struct db *db, sqlite3_stmt *st);
/* Steps once: 1 when a row is ready, 0 when done, -1 on error (logged). */
int db_step_row(struct db *db, sqlite3_stmt *st);

/* The current row as an object named by the columns (NULL columns left out); a new
 * reference. */
json_t *db_row_json(sqlite3_stmt *st);
/* Steps the statement to the end, one object per row, and resets it; NULL on error. */
json_t *db_rows_json(struct db *db, sqlite3_stmt *st);
/* Puts KEY_label beside each row's text KEY that is one of codes (NULL-terminated),
 * the label in the same place of labels: what a page shows for the code kept. */
void db_rows_label(json_t *rows, const char *key, const char *const *codes,
                   const char *const *labels);

/* Copies column i as text into the caller's buffer (truncating); "" for NULL. */
void db_col_text(sqlite3_stmt *st, int i, char *out, size_t size);

#endif
