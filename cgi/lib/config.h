/*
 * config.h — where a program finds its state (OCOP_HOME, default ./var) and its
 * shipped files (OCOP_SHARE: the tree with db/, lua/, site/; found from the
 * executable's location when unset), and the operator's settings from the
 * environment. Loaded once at start-up; read-only afterwards.
 */
#ifndef OCOP_CONFIG_H
#define OCOP_CONFIG_H

#include <limits.h>
#include <stdint.h>

struct config {
    char home[PATH_MAX];  /* state: ocop.db, files/, www/, run/, log/ */
    char share[PATH_MAX]; /* shipped: db/, lua/, site/templates, content/ */
    char db_path[PATH_MAX + 16];
    char rules[PATH_MAX];      /* the rules root: $OCOP_RULES, or lua/ under share */
    int64_t rules_interval_ms; /* least time between two checks of a province's files */
    int64_t today;           /* OCOP_TODAY (YYYY-MM-DD): the day rounds are judged by, for demos of
                                past plans and for tests; 0 = the clock */
    int64_t session_idle;    /* seconds of inactivity before a session ends (OCOP_SESSION_IDLE) */
    int64_t session_max;     /* absolute session lifetime in seconds (OCOP_SESSION_MAX) */
    int login_max_fail_user; /* failures per account per window before refusing */
    int login_max_fail_addr; /* failures per address per window */
    int64_t login_window;    /* seconds (OCOP_LOGIN_WINDOW) */
};

/* Fills c from the environment; 0, or -1 with a message on stderr. */
int config_load(struct config *c);

#endif
