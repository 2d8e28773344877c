/*
 * certificates.c — `ocop certificates expire`: marks every valid certificate whose
 * validity ended before today as expired, with an event and an audit row each, in
 * one transaction. Run daily (the example systemd timer does); the programs also show
 * a lapsed certificate as expired before this has run.
 */
#include "auth.h"
#include "cli_common.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_LAPSED[] =
    "SELECT id, number FROM certificate WHERE status = 'valid' AND valid_until < ?";

static int expire_one(struct db *db, int64_t id, const char *number, int64_t now)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE certificate SET status = 'expired', status_reason = "
                                   "'hết thời hạn hiệu lực' WHERE id = ?");
    char ids[24];

    if (st == NULL || db_bind_int(st, 1, id) || db_step_done(db, st) != 0)
        return -1;
    st = db_stmt(db, "INSERT INTO certificate_event (certificate_id, kind, at, note) VALUES "
                     "(?, 'expired', ?, 'hết thời hạn hiệu lực')");
    if (st == NULL || db_bind_int(st, 1, id) || db_bind_int(st, 2, now) ||
        db_step_done(db, st) != 0)
        return -1;
    snprintf(ids, sizeof(ids), "%lld", (long long)id);
    return audit_log_new(db, 0, "certificate_expire", "certificate", ids,
                         json_pack("{s:s}", "number", number), NULL);
}

static int expire(struct db *db, int64_t today, int *count)
{
    sqlite3_stmt *st;
    int64_t ids[512];
    char numbers[512][64], day[11];
    int n = 0, rc;

    format_date(today, day);
    if (db_begin(db) != 0 || (st = db_stmt(db, SQL_LAPSED)) == NULL || db_bind_text(st, 1, day))
        return -1;
    while (n < 512 && (rc = db_step_row(db, st)) == 1) {
        ids[n] = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, numbers[n], sizeof(numbers[n]));
        n++;
    }
    sqlite3_reset(st);
    for (int i = 0; i < n; i++)
        if (expire_one(db, ids[i], numbers[i], (int64_t)time(NULL)) != 0) {
            db_rollback(db);
            return -1;
        }
    *count = n;
    return db_commit(db);
}

int cli_certificates(int argc, char **argv)
{
    struct db *db;
    int64_t now = (int64_t)time(NULL), today;
    int total = 0, n = 0;

    if (argc == 2 && !strcmp(argv[1], "--help")) {
        printf("usage: ocop certificates expire\n\nMarks valid certificates whose validity ended "
               "before today ($OCOP_TODAY, or the clock) as expired, each with an event and an "
               "audit row. Prints how many. Safe to run any number of times.\n");
        return 0;
    }
    if (argc != 2 || strcmp(argv[1], "expire") != 0) {
        fprintf(stderr, "usage: ocop certificates expire\n");
        return 2;
    }
    if (cli_setup() != 0 || (db = cli_open_db(0)) == NULL)
        return 1;
    today = cli_cfg.today ? cli_cfg.today : now - now % 86400;
    do { /* in batches of 512 */
        if (expire(db, today, &n) != 0) {
            fprintf(stderr, "ocop certificates: the database refused the update\n");
            db_close(db);
            return 1;
        }
        total += n;
    } while (n == 512);
    db_close(db);
    printf("%d certificate(s) expired\n", total);
    return 0;
}
