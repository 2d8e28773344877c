/*
 * site.c — `ocop site build [--out DIR] [--incremental] [--base-url /x/] [--site-url URL]`:
 * renders the public site (site/site.h) from the database into $OCOP_HOME/www, or DIR,
 * and prints what it did. `ocop serve` runs it by itself after certificate decisions.
 */
#include "cli_common.h"
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_SITE_URL "http://127.0.0.1:8080"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: ocop site build [--out DIR] [--incremental] [--base-url /PATH/] "
            "[--site-url URL]\n\n"
            "Renders the public site of certified products from the database and content/\n"
            "into DIR (default $OCOP_HOME/www). The build goes to a fresh directory beside DIR\n"
            "and DIR, a symlink, is switched to it at once; files whose bytes did not change\n"
            "are kept as they were.\n\n"
            "  --incremental     render only pages whose data changed\n"
            "  --base-url /x/    the site is served under this path (default /)\n"
            "  --site-url URL    scheme and host for QR codes, sitemap and feed\n"
            "                    (default $OCOP_SITE_URL, else %s)\n",
            DEFAULT_SITE_URL);
}

struct site_args {
    const char *out, *base, *site_url;
    int incremental;
};

static int parse_args(int argc, char **argv, struct site_args *a)
{
    if (argc < 2 || strcmp(argv[1], "build") != 0)
        return -1;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--incremental"))
            a->incremental = 1;
        else if (i + 1 < argc && !strcmp(argv[i], "--out"))
            a->out = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "--base-url"))
            a->base = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "--site-url"))
            a->site_url = argv[++i];
        else
            return -1;
    }
    return 0;
}

/* Fills in the defaults and checks the URL parts; prints why not. */
static int check_args(struct site_args *a, char *out, size_t size)
{
    const char *env = getenv("OCOP_SITE_URL");

    if (a->site_url == NULL)
        a->site_url = env && *env ? env : DEFAULT_SITE_URL;
    if (a->base == NULL)
        a->base = "/";
    if (!site_base_ok(a->base)) {
        fprintf(stderr, "ocop site: --base-url must look like / or /a/b/ (got '%s')\n", a->base);
        return -1;
    }
    if (!site_url_ok(a->site_url)) {
        fprintf(stderr,
                "ocop site: the site URL must be http(s)://host[:port] with no path (got "
                "'%s')\n",
                a->site_url);
        return -1;
    }
    if (a->out == NULL) {
        snprintf(out, size, "%s/www", cli_cfg.home);
        a->out = out;
    }
    return 0;
}

int cli_site(int argc, char **argv)
{
    struct site_args a = {0};
    struct site_stats st;
    char out[PATH_MAX + 8];
    struct db *db;
    time_t t0 = time(NULL), now = t0;
    int rc;

    if (argc > 1 && (!strcmp(argv[argc - 1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (parse_args(argc, argv, &a) != 0) {
        usage(stderr);
        return 2;
    }
    if (cli_setup() != 0 || check_args(&a, out, sizeof(out)) != 0)
        return 1;
    if ((db = cli_open_db(0)) == NULL)
        return 1;
    rc = site_build(db,
                    &(struct site_opts){.share = cli_cfg.share,
                                        .home = cli_cfg.home,
                                        .rules = cli_cfg.rules,
                                        .out = a.out,
                                        .base = a.base,
                                        .site_url = a.site_url,
                                        .today = cli_cfg.today ? cli_cfg.today : now - now % 86400,
                                        .incremental = a.incremental},
                    &st);
    db_close(db);
    if (rc != 0) {
        fprintf(stderr, "ocop site: the build failed (see above); the previous site stays\n");
        return 1;
    }
    printf("site: %zu products, %zu certificates; %zu files (%zu rendered, %zu written, "
           "%zu unchanged) in %s, %lds\n",
           st.products, st.certificates, st.files, st.rendered, st.written, st.unchanged, a.out,
           (long)(time(NULL) - t0));
    return 0;
}
