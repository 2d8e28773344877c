/*
 * cli.h — the subcommands of the `ocop` command-line tool. cgi/ocop.c dispatches
 * `ocop NAME args…` to cli_NAME(argc, argv) with argv[0] == NAME. Each returns the
 * process exit status (0 ok, 1 error, 2 usage), prints errors to stderr, and
 * answers --help with its usage on stdout.
 */
#ifndef OCOP_CLI_H
#define OCOP_CLI_H

/* The state folder: $OCOP_HOME, or "var" under the current directory. */
const char *cli_home(void);

int cli_init(int argc, char **argv);
int cli_seed(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_audit(int argc, char **argv);
int cli_rules(int argc, char **argv);
int cli_certificates(int argc, char **argv);
int cli_backup(int argc, char **argv); /* backup and restore */
int cli_site(int argc, char **argv);

#endif
