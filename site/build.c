/*
 * build.c — site_build() (site.h): locks the output, reads the database in one read
 * transaction, renders every page kind in turn, and switches the output to the new
 * build; plus the change signature `ocop serve` polls to rebuild by itself.
 */
#include "site_internal.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TEMPLATE_MAX (1u << 20)

static const char SQL_SIGNATURE[] =
    "SELECT (SELECT coalesce(max(id), 0) FROM certificate_event), "
    "(SELECT coalesce(max(id), 0) FROM certificate), "
    "(SELECT coalesce(sum(id * CASE status WHEN 'valid' THEN 1 WHEN 'expired' THEN 2 "
    "WHEN 'revoked' THEN 3 ELSE 4 END), 0) FROM certificate), "
    "(SELECT count(*) FROM photo WHERE public = 1), "
    "(SELECT coalesce(sum(id), 0) FROM photo WHERE public = 1), "
    "(SELECT count(*) FROM certificate WHERE status = 'valid' AND valid_until < ?1)";

int site_signature(struct db *db, int64_t today, char out[SITE_SIG_MAX])
{
    sqlite3_stmt *st = db_stmt(db, SQL_SIGNATURE);
    long long v[6];
    char day[11];

    format_date(today, day);
    if (st == NULL || db_bind_text(st, 1, day) != 0 || db_step_row(db, st) != 1)
        return -1;
    for (int i = 0; i < 6; i++)
        v[i] = sqlite3_column_int64(st, i);
    sqlite3_reset(st);
    /* the last figure counts certificates lapsed by today: it moves when one lapses */
    snprintf(out, SITE_SIG_MAX, "e%lld.c%lld.s%lld.p%lld.%lld.x%lld", v[0], v[1], v[2], v[3], v[4],
             v[5]);
    return 0;
}

int site_built_signature(const char *out_path, char out[SITE_SIG_MAX])
{
    return outdir_signature(out_path, out, SITE_SIG_MAX);
}

int site_base_ok(const char *base)
{
    size_t n = base ? strlen(base) : 0;

    if (n == 0 || n > 200 || base[0] != '/' || base[n - 1] != '/' || strstr(base, "//") ||
        strstr(base, "/./") || strstr(base, "/../"))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-/", base[i]))
            return 0;
    return 1;
}

int site_url_ok(const char *url)
{
    const char *h;
    size_t n, i;
    int port = 0;

    if (url == NULL || strlen(url) > 200)
        return 0;
    if (!strncmp(url, "https://", 8))
        h = url + 8;
    else if (!strncmp(url, "http://", 7))
        h = url + 7;
    else
        return 0;
    n = strlen(h);
    if (n == 0 || h[0] == '.' || h[0] == '-' || h[0] == ':')
        return 0;
    for (i = 0; i < n; i++) {
        char ch = h[i];
        if (ch == ':' && !port && i + 1 < n)
            port = 1;
        else if (port ? !(ch >= '0' && ch <= '9')
                      : !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                          (ch >= '0' && ch <= '9') || ch == '.' || ch == '-'))
            return 0;
    }
    return 1;
}

/* ---- the key of everything shared by all pages ---- */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void hash_file(struct outdir_hash *h, const char *path)
{
    struct buf b = BUF_INIT;

    outdir_hash_str(h, path);
    if (buf_read_file(&b, path, TEMPLATE_MAX) == 0)
        outdir_hash_add(h, b.data ? b.data : "", b.len);
    buf_free(&b);
}

/* Templates, assets, the content pages' titles and the options: when one changes,
 * every page is rendered again, incremental or not. */
static int template_key(struct site_ctx *c)
{
    static const char *const assets[] = {"site.css", "search.js", "ocop.svg"};
    char dir[4200], path[4500], *names[256], *pages;
    struct outdir_hash h;
    struct dirent *e;
    size_t n = 0;
    DIR *d;

    outdir_hash_init(&h);
    outdir_hash_str(&h, "ocop-site 1");
    outdir_hash_str(&h, c->o->base);
    outdir_hash_str(&h, c->o->site_url);
    snprintf(dir, sizeof(dir), "%s/site/templates/public", c->o->share);
    if ((d = opendir(dir)) == NULL) {
        log_err("site: no templates in %s", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL && n < ARRAY_LEN(names))
        if (e->d_name[0] != '.' && (names[n] = strdup(e->d_name)) != NULL)
            n++;
    closedir(d);
    qsort(names, n, sizeof(*names), name_cmp);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        hash_file(&h, path);
        free(names[i]);
    }
    for (size_t i = 0; i < ARRAY_LEN(assets); i++) {
        snprintf(path, sizeof(path), "%s/site/static/%s", c->o->share, assets[i]);
        hash_file(&h, path);
    }
    if ((pages = json_dumps(c->pages, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
        return -1;
    outdir_hash_str(&h, pages);
    free(pages);
    outdir_hash_end(&h, c->tkey);
    return 0;
}

/* ---- the build ---- */

static int read_model(struct db *db, const struct site_opts *o, struct site_model *m,
                      char sig[SITE_SIG_MAX])
{
    struct db *twin;
    int rc;

    /* the whole database is read: mapped, its pages are not copied in one by one */
    db_exec(db, "PRAGMA mmap_size=1073741824");
    /* one snapshot for the signature and the data, read by two connections when it can
     * be had (model_load's second reader), else by one */
    if ((twin = db_twin_reader(db)) == NULL && db_exec(db, "BEGIN") != 0)
        return -1;
    rc = site_signature(db, o->today, sig) == 0 && model_load(m, db, twin, o->rules, o->today) == 0
             ? 0
             : -1;
    db_exec(db, rc == 0 ? "COMMIT" : "ROLLBACK");
    if (twin) {
        db_exec(twin, "COMMIT");
        db_close(twin);
    }
    return rc;
}

/* ---- a helper process: the QR codes and the listings, beside everything else ----
 * A full build spends about half its time encoding QR codes (15,867 at 15,000
 * products); they depend on nothing but their URL, so a forked child writes them into
 * the same build while this process renders the pages, and hands back what it
 * recorded (outdir_export) with the lines it added to the sitemap. It also writes the
 * listings: after one revocation they are most of what an incremental build renders
 * (the product leaves the in-force block of its buckets, every page after it shifts),
 * while this process checks 31,000 product and certificate pages and writes the
 * search index. */

struct helper {
    pid_t pid;
    int fd;              /* an anonymous file in memory (memfd): the child's records */
    size_t sitemap_mark; /* c->sitemap's length at the fork */
};

static int helper_work(struct site_ctx *c)
{
    return site_qr_files(c) || site_listings(c) ? -1 : 0;
}

/* In the child: its work, then its records and sitemap lines into h->fd. Never returns. */
static void helper_main(struct site_ctx *c, struct helper *h, size_t mark,
                        const struct outdir_stats *at)
{
    size_t rendered = c->rendered;
    struct buf lines = BUF_INIT;

    if (helper_work(c) == 0 &&
        buf_append(&lines, c->sitemap.data + h->sitemap_mark, c->sitemap.len - h->sitemap_mark) ==
            0 &&
        outdir_export(c->od, mark, at, c->rendered - rendered, &lines, h->fd) == 0)
        _exit(0);
    outdir_drop_pending(c->od);
    _exit(1);
}

static int helper_start(struct site_ctx *c, struct helper *h)
{
    struct outdir_stats at;
    size_t mark;

    h->pid = 0;
    h->sitemap_mark = c->sitemap.len;
    if ((h->fd = memfd_create("ocop-site-helper", MFD_CLOEXEC)) < 0)
        return helper_work(c); /* inline */
    mark = outdir_mark(c->od, &at);
    fflush(NULL);
    if ((h->pid = fork()) < 0) {
        close(h->fd);
        h->pid = 0;
        return helper_work(c);
    }
    if (h->pid == 0)
        helper_main(c, h, mark, &at);
    return 0;
}

static int helper_join(struct site_ctx *c, struct helper *h)
{
    uint64_t rendered = 0;
    int status = 0, rc;

    if (h->pid == 0)
        return 0;
    while (waitpid(h->pid, &status, 0) < 0 && errno == EINTR)
        ;
    rc = WIFEXITED(status) && WEXITSTATUS(status) == 0
             ? outdir_import(c->od, h->fd, &rendered, &c->sitemap)
             : -1;
    c->rendered += (size_t)rendered;
    if (rc != 0)
        log_err("site: the helper process did not finish its part (QR codes, listings)");
    close(h->fd);
    return rc;
}

/* ---- phases: OCOP_SITE_PHASES=1 logs how long each took (the profile of a build) ---- */

static struct {
    int on;
    struct timespec at;
} phases;

static void phases_start(void)
{
    const char *e = getenv("OCOP_SITE_PHASES");

    phases.on = e && !strcmp(e, "1");
    clock_gettime(CLOCK_MONOTONIC, &phases.at);
}

/* Logs the time since the previous phase ended under name; passes rc through. */
static int phase(const char *name, int rc)
{
    struct timespec t;

    if (!phases.on)
        return rc;
    clock_gettime(CLOCK_MONOTONIC, &t);
    log_info("site: %-24s %7.1f ms", name,
             (double)(t.tv_sec - phases.at.tv_sec) * 1e3 +
                 (double)(t.tv_nsec - phases.at.tv_nsec) / 1e6);
    phases.at = t;
    return rc;
}

static int render_all(struct site_ctx *c)
{
    struct helper h;
    int rc;

    /* photos first (they decide their file names), the sitemap last (it lists pages) */
    if (phase("assets and photos", site_assets(c) || site_photos(c)) ||
        phase("fingerprints", site_fingerprints(c)) || phase("helper started", helper_start(c, &h)))
        return -1;
    rc = phase("product pages", site_product_pages(c)) ||
                 phase("certificate pages", site_cert_pages(c)) ||
                 phase("content pages", site_content_pages(c) || site_fixed_pages(c)) ||
                 phase("search index", site_search_index(c)) || phase("feed", site_feed(c))
             ? -1
             : 0;
    if (phase("helper joined", helper_join(c, &h)) != 0 || rc != 0)
        return -1;
    return phase("sitemap", site_sitemap(c));
}

/* ---- the start: the previous build's manifest is read in a thread while the model is
 * read from the database (neither needs the other; the manifest is 48,000 lines) ---- */

struct begin_job {
    const struct site_opts *o;
    struct outdir *od;
};

static void *begin_run(void *arg)
{
    struct begin_job *j = arg;

    j->od = outdir_begin(j->o->out, j->o->incremental);
    return NULL;
}

static int begin_and_read(struct db *db, const struct site_opts *o, struct outdir **od,
                          struct site_model *m, char sig[SITE_SIG_MAX])
{
    struct begin_job j = {o, NULL};
    pthread_t t;
    int threaded = pthread_create(&t, NULL, begin_run, &j) == 0, rc;

    if (!threaded)
        begin_run(&j);
    rc = read_model(db, o, m, sig);
    if (threaded)
        pthread_join(t, NULL);
    if (rc == 0 && j.od != NULL) {
        *od = j.od;
        return 0;
    }
    if (rc == 0)
        model_free(m);
    outdir_abort(j.od);
    return -1;
}

int site_build(struct db *db, const struct site_opts *o, struct site_stats *st)
{
    struct site_ctx c = {.o = o};
    struct site_model m;
    struct outdir_stats os;
    char tdir[4200], sig[SITE_SIG_MAX];
    int rc = -1;

    if (sodium_init() < 0 || !site_base_ok(o->base) || !site_url_ok(o->site_url)) {
        log_err("site: bad options (base '%s', site URL '%s')", o->base, o->site_url);
        return -1;
    }
    snprintf(tdir, sizeof(tdir), "%s/site/templates", o->share);
    phases_start();
    if (phase("model and previous build read", begin_and_read(db, o, &c.od, &m, sig)) != 0)
        return -1;
    c.m = &m;
    site_story_dirs(&c);
    if ((c.t = mst_set_new(tdir)) == NULL || site_load_pages(&c) != 0 || template_key(&c) != 0 ||
        render_all(&c) != 0) {
        outdir_abort(c.od);
        goto out;
    }
    rc = phase("committed", outdir_commit(c.od, sig, &os));
    if (rc == 0 && st) {
        *st = (struct site_stats){.products = m.nproducts,
                                  .certificates = m.ncerts,
                                  .files = os.files,
                                  .rendered = c.rendered,
                                  .written = os.written,
                                  .unchanged = os.unchanged};
    }
out:
    site_story_dirs_close(&c);
    free(c.fp);
    mst_set_free(c.t);
    json_decref(c.pages);
    json_decref(c.page_src);
    buf_free(&c.sitemap);
    buf_free(&c.html);
    model_free(&m);
    return rc;
}
