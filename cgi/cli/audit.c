/*
 * audit.c — `ocop audit verify`: walks the audit trail's hash chain and names the
 * first row that was edited or whose predecessor was deleted.
 */
#include "auth.h"
#include "cli_common.h"

#include <stdio.h>
#include <string.h>

int cli_audit(int argc, char **argv)
{
    struct db *db;
    int64_t bad;

    if (argc == 2 && !strcmp(argv[1], "--help")) {
        printf("usage: ocop audit verify\n\nChecks that every audit row carries the hash of "
               "the row before it and that no row was edited. Exit 0 when intact, 1 when a "
               "row was tampered with (its id is printed).\n");
        return 0;
    }
    if (argc != 2 || strcmp(argv[1], "verify") != 0) {
        fprintf(stderr, "usage: ocop audit verify\n");
        return 2;
    }
    db = cli_open_db(0);
    if (db == NULL)
        return 1;
    bad = audit_verify(db);
    db_close(db);
    if (bad < 0) {
        fprintf(stderr, "ocop audit: cannot read the audit trail\n");
        return 1;
    }
    if (bad > 0) {
        printf("audit trail broken at row %lld: edited, or a row before it was deleted\n",
               (long long)bad);
        return 1;
    }
    printf("audit trail intact\n");
    return 0;
}
