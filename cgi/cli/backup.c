/*
 * backup.c — `ocop backup FILE` and `ocop restore FILE`.
 *
 * A backup is one SQLite file: the database copied with SQLite's online backup (a
 * consistent snapshot while the programs keep serving), plus a table backup_file
 * holding every stored document by its SHA-256, streamed in and out with incremental
 * blob I/O so no file is held in memory whole, and backup_meta (when, which schema).
 * Restore refuses while `ocop serve` runs for the state folder; it checks the backup
 * (integrity, every blob's hash), stores the files first (content-addressed: already
 * present bytes are kept), keeps the replaced database beside it, and only then puts
 * the restored database in place.
 *
 * cli_migrate() (cli_common.h) brings the database to the program's schema, and first,
 * when there is a migration to apply to an existing database, writes such a backup of
 * the database alone (the migrations never touch the stored documents) into
 * $OCOP_HOME/backups/: `ocop restore` takes it back to the version before.
 */
#include "cli_common.h"
#include "filestore.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1 << 16)

static int copy_db(sqlite3 *from, sqlite3 *to)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    int rc;

    if (b == NULL)
        return -1;
    do
        rc = sqlite3_backup_step(b, 256);
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "ocop: %s\n", err ? err : sqlite3_errmsg(db));
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

/* Streams one stored file into backup_file. */
static int put_file(sqlite3 *bk, const char *root, const char *sha)
{
    sqlite3_stmt *st = NULL;
    sqlite3_blob *blob = NULL;
    uint64_t size, off = 0;
    char buf[CHUNK];
    int fd = fs_open_read(root, sha, &size), rc = -1;
    ssize_t n;

    if (fd < 0) {
        fprintf(stderr, "ocop backup: stored file %s: %s\n", sha, fs_strerror(fd));
        return -1;
    }
    if (sqlite3_prepare_v2(bk, "INSERT INTO backup_file (sha256, bytes) VALUES (?, zeroblob(?))",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int64(st, 2, (sqlite3_int64)size) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_DONE ||
        sqlite3_blob_open(bk, "main", "backup_file", "bytes", sqlite3_last_insert_rowid(bk), 1,
                          &blob) != SQLITE_OK)
        goto done;
    while (off < size && (n = read(fd, buf, sizeof(buf))) > 0) {
        if (sqlite3_blob_write(blob, buf, (int)n, (int)off) != SQLITE_OK)
            goto done;
        off += (uint64_t)n;
    }
    rc = off == size ? 0 : -1;
done:
    if (rc != 0)
        fprintf(stderr, "ocop backup: could not copy %s: %s\n", sha, sqlite3_errmsg(bk));
    sqlite3_blob_close(blob);
    sqlite3_finalize(st);
    close(fd);
    return rc;
}

static int put_files(sqlite3 *bk, const char *root, int *count)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;

    *count = 0;
    if (sqlite3_prepare_v2(bk,
                           "SELECT sha256 FROM dossier_file UNION SELECT sha256 FROM photo "
                           "ORDER BY 1",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        char sha[FS_HEX_LEN + 1];
        snprintf(sha, sizeof(sha), "%s", (const char *)sqlite3_column_text(st, 0));
        rc = put_file(bk, root, sha);
        *count += rc == 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* with_files: every stored document too (`ocop backup`); otherwise the database only. */
static int backup(const char *file, int with_files)
{
    sqlite3 *live = NULL, *bk = NULL;
    char root[PATH_MAX + 16], meta[256];
    int files = 0, rc = 1;

    if (access(file, F_OK) == 0) {
        fprintf(stderr, "ocop backup: %s exists; give a new file name\n", file);
        return 1;
    }
    snprintf(root, sizeof(root), "%s/files", cli_cfg.home);
    if (sqlite3_open_v2(cli_cfg.db_path, &live, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_open_v2(file, &bk, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        fprintf(stderr, "ocop backup: cannot open the database or %s\n", file);
        goto done;
    }
    sqlite3_busy_timeout(live, 10000);
    snprintf(meta, sizeof(meta),
             "CREATE TABLE backup_meta (key TEXT PRIMARY KEY, value TEXT); "
             "INSERT INTO backup_meta VALUES ('made_at', '%lld'), ('format', 'ocop-backup-1'), "
             "('files', '%s');",
             (long long)time(NULL), with_files ? "all" : "none");
    if (copy_db(live, bk) != 0 || exec(bk, "PRAGMA journal_mode = DELETE") != 0 ||
        exec(bk, "BEGIN") != 0 ||
        exec(bk, "CREATE TABLE backup_file (id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, "
                 "bytes BLOB)") != 0 ||
        exec(bk, meta) != 0 || (with_files && put_files(bk, root, &files) != 0) ||
        exec(bk, "COMMIT") != 0)
        goto done;
    rc = 0;
    if (with_files)
        printf("backup written to %s: the database and %d stored file(s)\n", file, files);
done:
    sqlite3_close(live);
    sqlite3_close(bk);
    if (rc != 0)
        unlink(file);
    return rc;
}

/* Stores one blob of the backup back into the file store, checking its hash. */
static int get_file(sqlite3 *bk, sqlite3_int64 row, const char *sha, const char *root)
{
    sqlite3_blob *blob = NULL;
    struct fs_file *f = NULL;
    struct fs_result res;
    char buf[CHUNK];
    int size, off = 0, rc;

    if (sqlite3_blob_open(bk, "main", "backup_file", "bytes", row, 0, &blob) != SQLITE_OK)
        return -1;
    size = sqlite3_blob_bytes(blob);
    rc = fs_begin(root, (uint64_t)size + 1, &f);
    while (rc == 0 && off < size) {
        int n = size - off < CHUNK ? size - off : CHUNK;
        rc = sqlite3_blob_read(blob, buf, n, off) == SQLITE_OK ? fs_write(f, buf, (size_t)n) : -1;
        off += n;
    }
    sqlite3_blob_close(blob);
    if (rc != 0) {
        fs_abort(f);
        return -1;
    }
    if (fs_commit(f, &res) != 0 || strcmp(res.sha256, sha) != 0) {
        fprintf(stderr, "ocop restore: file %s does not match its hash\n", sha);
        return -1;
    }
    return 0;
}

static int get_files(sqlite3 *bk, const char *root, int *count)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;

    *count = 0;
    if (sqlite3_prepare_v2(bk, "SELECT id, sha256 FROM backup_file", -1, &st, NULL) != SQLITE_OK)
        return -1;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        rc = get_file(bk, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
                      root);
        *count += rc == 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* No `ocop serve` may run for this state folder while it is restored. */
static int serve_running(void)
{
    char path[PATH_MAX + 32];
    int fd, busy;

    snprintf(path, sizeof(path), "%s/run/serve.lock", cli_cfg.home);
    fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return 0;
    busy = flock(fd, LOCK_EX | LOCK_NB) != 0;
    close(fd);
    return busy;
}

static int check_backup(sqlite3 *bk)
{
    sqlite3_stmt *st = NULL;
    int ok = 0;

    if (sqlite3_prepare_v2(bk,
                           "SELECT (SELECT value FROM backup_meta WHERE key = 'format'), "
                           "(SELECT integrity_check FROM pragma_integrity_check)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
        !strcmp((const char *)sqlite3_column_text(st, 0), "ocop-backup-1") &&
        sqlite3_column_text(st, 1) && !strcmp((const char *)sqlite3_column_text(st, 1), "ok"))
        ok = 1;
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

/* Moves the current database (its WAL folded in first) to kept. */
static int set_aside(const char *kept)
{
    char side[PATH_MAX + 32];
    sqlite3 *old = NULL;

    if (access(cli_cfg.db_path, F_OK) != 0)
        return 0;
    if (sqlite3_open_v2(cli_cfg.db_path, &old, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        exec(old, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE") != 0) {
        sqlite3_close(old);
        return -1;
    }
    sqlite3_close(old);
    if (rename(cli_cfg.db_path, kept) != 0) {
        fprintf(stderr, "ocop restore: cannot set the old database aside: %s\n", strerror(errno));
        return -1;
    }
    snprintf(side, sizeof(side), "%s-wal", cli_cfg.db_path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", cli_cfg.db_path);
    unlink(side);
    return 0;
}

static int restore(const char *file)
{
    sqlite3 *bk = NULL, *live = NULL;
    char root[PATH_MAX + 16], kept[PATH_MAX + 64];
    int files = 0, rc = 1;

    if (serve_running()) {
        fprintf(stderr, "ocop restore: ocop serve is running for %s; stop it first\n",
                cli_cfg.home);
        return 1;
    }
    snprintf(root, sizeof(root), "%s/files", cli_cfg.home);
    if (sqlite3_open_v2(file, &bk, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        check_backup(bk) != 0) {
        fprintf(stderr, "ocop restore: %s is not an intact ocop backup\n", file);
        goto done;
    }
    if (get_files(bk, root, &files) != 0)
        goto done;
    snprintf(kept, sizeof(kept), "%s.before-restore-%lld", cli_cfg.db_path, (long long)time(NULL));
    if (set_aside(kept) != 0)
        goto done;
    if (sqlite3_open_v2(cli_cfg.db_path, &live, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK ||
        copy_db(bk, live) != 0 ||
        exec(live, "DROP TABLE backup_file; DROP TABLE backup_meta; VACUUM") != 0 ||
        exec(live, "PRAGMA journal_mode = WAL") != 0)
        goto done;
    rc = 0;
    printf("restored %s: the database and %d stored file(s); the previous database is %s\n", file,
           files, kept);
done:
    sqlite3_close(bk);
    sqlite3_close(live);
    return rc;
}

int cli_backup(int argc, char **argv)
{
    int is_restore = !strcmp(argv[0], "restore");

    if (argc == 2 && !strcmp(argv[1], "--help")) {
        printf(is_restore ? "usage: ocop restore FILE\n\nPuts a backup made by `ocop backup` in "
                            "place: checks it, stores its files, keeps the current database "
                            "beside it as ocop.db.before-restore-TIME. Stop `ocop serve` first.\n"
                          : "usage: ocop backup FILE\n\nWrites one SQLite file with a consistent "
                            "copy of the database (taken while ocop serves) and every stored "
                            "document.\n");
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: ocop %s FILE\n", argv[0]);
        return 2;
    }
    if (cli_setup() != 0 || sodium_init() < 0)
        return 1;
    return is_restore ? restore(argv[1]) : backup(argv[1], 1);
}

int cli_migrate(struct db *db)
{
    int cur = db_user_version(db), latest = db_latest_version(cli_cfg.share);
    char dir[PATH_MAX + 16], file[PATH_MAX + 96], when[32];
    time_t now = time(NULL);

    if (cur > 0 && latest > cur) {
        snprintf(dir, sizeof(dir), "%s/backups", cli_cfg.home);
        strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", gmtime(&now));
        snprintf(file, sizeof(file), "%s/before-v%d-%s.ocop-backup", dir, latest, when);
        if ((mkdir(dir, 0700) != 0 && errno != EEXIST) || backup(file, 0) != 0) {
            fprintf(stderr,
                    "ocop: the database (version %d) was not migrated to version %d: no backup "
                    "could be written to %s (%s)\n",
                    cur, latest, dir, strerror(errno));
            return -1;
        }
        printf("database backed up before migrating from version %d to %d: %s\n", cur, latest,
               file);
    }
    return db_migrate(db, cli_cfg.share);
}
