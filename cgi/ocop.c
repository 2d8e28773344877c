/*
 * ocop.c — bin/ocop, the operator's command-line tool: dispatches `ocop NAME …`
 * to the subcommands in cgi/cli/ (see cli.h).
 */
#include "cli/cli.h"
#include "util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    {"init", cli_init, "create the state folder and the database, or migrate it"},
    {"seed", cli_seed, "load the demo data (--demo) or synthetic products (--synthetic N)"},
    {"user", cli_user, "add, passwd, disable officials' accounts"},
    {"serve", cli_serve, "run nginx and the FastCGI workers in the foreground"},
    {"audit", cli_audit, "verify the audit trail's hash chain"},
    {"rules", cli_rules, "check rule files, or show an area's effective rules as JSON"},
    {"certificates", cli_certificates, "expire certificates whose validity has ended (daily)"},
    {"site", cli_site, "build the public site of certified products (site build)"},
    {"backup", cli_backup, "write the database and the stored files to one file"},
    {"restore", cli_backup, "put a backup back in place (ocop serve stopped)"},
};

static void usage(FILE *f)
{
    size_t i;

    fprintf(f, "usage: ocop COMMAND [ARGS…]   (ocop COMMAND --help for more)\n\n");
    for (i = 0; i < ARRAY_LEN(commands); i++)
        fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nThe state folder is $OCOP_HOME, or ./var when it is unset.\n");
}

int main(int argc, char **argv)
{
    size_t i;

    log_set_ident("ocop");
    if (sodium_init() < 0) {
        fprintf(stderr, "ocop: libsodium failed to initialise\n");
        return 1;
    }
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (i = 0; i < ARRAY_LEN(commands); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "ocop: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
