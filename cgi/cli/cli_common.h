/*
 * cli_common.h — helpers shared by the CLI subcommands (common.c).
 * cli_cfg is loaded once by cli_setup(); the struct db from cli_open_db() is the
 * caller's to db_close().
 */
#ifndef OCOP_CLI_COMMON_H
#define OCOP_CLI_COMMON_H

#include "cli.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "util.h"

extern struct config cli_cfg;

int cli_setup(void);
struct db *cli_open_db(int create);
/* Reads one line (the password) from stdin; at least 8 bytes of valid UTF-8. */
int cli_read_password(char *out, size_t size);
/* Inserts an account with an argon2id hash of password, and its audit row. */
/* Brings the database to this program's schema (db_migrate); when an existing database
 * needs a migration, first writes a backup of it to $OCOP_HOME/backups/ (restorable
 * with `ocop restore`), and migrates nothing if that fails. 0 or -1 (said on stderr). */
int cli_migrate(struct db *db);
int cli_user_insert(struct db *db, const char *name, const char *full, const char *role,
                    const char *area, const char *password);

#endif
