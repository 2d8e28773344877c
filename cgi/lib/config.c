/*
 * config.c — resolves the state and share folders and reads the operator's
 * settings from the environment (config.h). Start-up code: errors are reported
 * and the caller exits.
 */
#include "config.h"
#include "util.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int env_int(const char *name, int64_t min, int64_t max, int64_t def, int64_t *out)
{
    const char *v = getenv(name);

    if (v == NULL || *v == '\0') {
        *out = def;
        return 0;
    }
    if (parse_int64(v, strlen(v), min, max, out) != 0) {
        log_err("%s=%s: expected an integer from %lld to %lld", name, v, (long long)min,
                (long long)max);
        return -1;
    }
    return 0;
}

static int has_schema(const char *dir)
{
    char p[PATH_MAX + 32];

    snprintf(p, sizeof(p), "%s/db/schema.sql", dir);
    return access(p, R_OK) == 0;
}

static int find_share(char *out, size_t size)
{
    const char *env = getenv("OCOP_SHARE");
    char exe[PATH_MAX], *dir;
    ssize_t n;

    if (env && *env) {
        if (realpath(env, out) == NULL || !has_schema(out)) {
            log_err("OCOP_SHARE=%s does not hold db/schema.sql", env);
            return -1;
        }
        return 0;
    }
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n < 0)
        return -1;
    exe[n] = '\0';
    dir = dirname(dirname(exe)); /* bin/ocop → the tree */
    snprintf(out, size, "%s", dir);
    if (has_schema(out))
        return 0;
    snprintf(out, size, "%s/share/ocop", dir);
    if (has_schema(out))
        return 0;
    log_err("cannot find the ocop share folder near %s; set OCOP_SHARE", dir);
    return -1;
}

static int find_home(char *out, size_t size)
{
    const char *env = getenv("OCOP_HOME");
    char cwd[PATH_MAX];

    int n;

    if (env && *env && env[0] == '/') {
        n = snprintf(out, size, "%s", env);
    } else {
        if (getcwd(cwd, sizeof(cwd)) == NULL)
            return -1;
        n = snprintf(out, size, "%s/%s", cwd, env && *env ? env : "var");
    }
    if (n < 0 || (size_t)n >= size) {
        log_err("the state folder path is too long");
        return -1;
    }
    return 0;
}

int config_load(struct config *c)
{
    int64_t ufail, afail;
    const char *rules, *today;

    memset(c, 0, sizeof(*c));
    if (find_share(c->share, sizeof(c->share)) != 0 || find_home(c->home, sizeof(c->home)) != 0)
        return -1;
    if ((size_t)snprintf(c->db_path, sizeof(c->db_path), "%s/ocop.db", c->home) >=
        sizeof(c->db_path))
        return -1;
    rules = getenv("OCOP_RULES");
    if ((size_t)snprintf(c->rules, sizeof(c->rules), "%s%s%s", rules && *rules ? rules : c->share,
                         rules && *rules ? "" : "/",
                         rules && *rules ? "" : "lua") >= sizeof(c->rules))
        return -1;
    if (env_int("OCOP_SESSION_IDLE", 1, 86400 * 30, 2 * 3600, &c->session_idle) ||
        env_int("OCOP_SESSION_MAX", 1, 86400 * 90, 12 * 3600, &c->session_max) ||
        env_int("OCOP_LOGIN_MAX_FAIL_USER", 1, 1000, 5, &ufail) ||
        env_int("OCOP_LOGIN_MAX_FAIL_ADDR", 1, 100000, 20, &afail) ||
        env_int("OCOP_LOGIN_WINDOW", 1, 86400, 15 * 60, &c->login_window) ||
        env_int("OCOP_RULES_INTERVAL_MS", 1, 60000, 1000, &c->rules_interval_ms))
        return -1;
    today = getenv("OCOP_TODAY");
    if (today && *today && parse_date(today, &c->today) != 0) {
        log_err("OCOP_TODAY must be a date YYYY-MM-DD");
        return -1;
    }
    c->login_max_fail_user = (int)ufail;
    c->login_max_fail_addr = (int)afail;
    return 0;
}
