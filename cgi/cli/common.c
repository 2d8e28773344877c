/*
 * common.c — what the CLI subcommands share: the configuration, opening the
 * database, reading a password from standard input.
 */
#include "cli_common.h"

#include <stdio.h>
#include <string.h>

struct config cli_cfg;

const char *cli_home(void)
{
    return cli_cfg.home;
}

int cli_setup(void)
{
    if (config_load(&cli_cfg) != 0) {
        fprintf(stderr, "ocop: cannot find the state or share folder (see above)\n");
        return -1;
    }
    return 0;
}

struct db *cli_open_db(int create)
{
    struct db *db;

    if (cli_cfg.home[0] == '\0' && cli_setup() != 0)
        return NULL;
    db = db_open(cli_cfg.db_path, create);
    if (db == NULL)
        fprintf(stderr, "ocop: cannot open %s (run `ocop init` first)\n", cli_cfg.db_path);
    return db;
}

int cli_read_password(char *out, size_t size)
{
    size_t len;

    if (fgets(out, (int)size, stdin) == NULL) {
        fprintf(stderr, "ocop: expected the password on standard input\n");
        return -1;
    }
    len = strlen(out);
    if (len && out[len - 1] == '\n')
        out[--len] = '\0';
    else if (!feof(stdin)) {
        fprintf(stderr, "ocop: password too long (at most %zu bytes)\n", size - 2);
        return -1;
    }
    if (len && out[len - 1] == '\r')
        out[--len] = '\0';
    if (len < 8) {
        fprintf(stderr, "ocop: a password needs at least 8 characters\n");
        return -1;
    }
    if (!utf8_text_ok(out, len, 0)) {
        fprintf(stderr, "ocop: the password has invalid characters\n");
        return -1;
    }
    return 0;
}
