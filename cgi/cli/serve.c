/*
 * serve.c — `ocop serve [--port N] [--workers N]`: the supervisor `make run` uses.
 * It migrates the database, binds one unix socket per FastCGI program in
 * $OCOP_HOME/run, forks N single-threaded workers on each (the listening socket is
 * their descriptor 0), restarts a worker that dies, runs nginx in the foreground
 * with nginx.conf (its port and state paths adapted), and on Ctrl-C or SIGTERM stops
 * everything: workers finish their current request first. Every tick it also applies
 * certificate expiry (daily) and rebuilds the public site when what it shows changed.
 */
#include "cli_common.h"
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PROGRAMS 16
#define MAX_WORKERS  32

struct program {
    char name[64]; /* "account" */
    char path[PATH_MAX];
    int sock;
    pid_t pids[MAX_WORKERS];
};

static struct program programs[MAX_PROGRAMS];
static int nprograms, nworkers = 4, serve_port = 8080;

#define WORKER_TUNABLES "glibc.malloc.tcache_count=2000" /* also in cgi/systemd/ */
static pid_t nginx_pid;
static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
    (void)sig;
    stopping = 1;
}

/* The directory this executable lives in (bin/). */
static int bin_dir(char *out, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    char *slash;

    if (n < 0)
        return -1;
    out[n] = '\0';
    slash = strrchr(out, '/');
    if (slash == NULL)
        return -1;
    *slash = '\0';
    return 0;
}

static int find_programs(void)
{
    char dir[PATH_MAX];
    DIR *d;
    struct dirent *e;

    if (bin_dir(dir, sizeof(dir)) != 0 || (d = opendir(dir)) == NULL)
        return -1;
    while ((e = readdir(d)) != NULL && nprograms < MAX_PROGRAMS) {
        size_t len = strlen(e->d_name);
        struct program *p = &programs[nprograms];
        if (strncmp(e->d_name, "ocop-", 5) != 0 || len < 11 || len > 60 ||
            strcmp(e->d_name + len - 5, ".fcgi") != 0)
            continue;
        snprintf(p->name, sizeof(p->name), "%.*s", (int)(len - 10), e->d_name + 5);
        if ((size_t)snprintf(p->path, sizeof(p->path), "%s/%s", dir, e->d_name) >= sizeof(p->path))
            continue;
        nprograms++;
    }
    closedir(d);
    return nprograms > 0 ? 0 : -1;
}

static int bind_socket(struct program *p)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    int fd;

    if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/run/%s.sock", cli_cfg.home,
                         p->name) >= sizeof(sa.sun_path)) {
        fprintf(stderr, "ocop serve: state path too long for a unix socket: %s\n", cli_cfg.home);
        return -1;
    }
    unlink(sa.sun_path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 256) != 0 ||
        chmod(sa.sun_path, 0666) != 0) {
        fprintf(stderr, "ocop serve: cannot listen on %s: %s\n", sa.sun_path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    p->sock = fd;
    return 0;
}

static int open_log(const char *name)
{
    char path[PATH_MAX + 64];

    snprintf(path, sizeof(path), "%s/log/%s.log", cli_cfg.home, name);
    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
}

/* OCOP_VALGRIND=1 (tests/http/valgrind.t): each worker runs under memcheck, its
 * report in log/valgrind-NAME-PID.log; a leak or an invalid access is an error there. */
static void exec_under_valgrind(const struct program *p)
{
    char log[PATH_MAX + 160];

    snprintf(log, sizeof(log), "--log-file=%s/log/valgrind-%s-%%p.log", cli_cfg.home, p->name);
    execlp("valgrind", "valgrind", "--tool=memcheck", "--leak-check=full",
           "--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite,indirect",
           "--track-origins=yes", "--num-callers=30", log, p->path, (char *)NULL);
}

static pid_t spawn_worker(const struct program *p)
{
    pid_t pid = fork();
    int logfd;

    if (pid != 0)
        return pid;
    signal(SIGINT, SIG_IGN); /* Ctrl-C reaches the whole group: the supervisor decides */
    signal(SIGTERM, SIG_DFL);
    logfd = open_log(p->name);
    if (dup2(p->sock, 0) < 0 || (logfd >= 0 && (dup2(logfd, 1) < 0 || dup2(logfd, 2) < 0)))
        _exit(127);
    if (getenv("OCOP_VALGRIND") && !strcmp(getenv("OCOP_VALGRIND"), "1"))
        exec_under_valgrind(p);
    execl(p->path, p->path, (char *)NULL);
    _exit(127);
}

/* nginx.conf with the port and the state paths of this run. */
static int write_nginx_conf(int port, char *out, size_t size)
{
    char src[PATH_MAX + 32], line[4096];
    struct passwd *pw;
    FILE *in, *o;

    snprintf(src, sizeof(src), "%s/nginx.conf", cli_cfg.share);
    snprintf(out, size, "%s/run/nginx.conf", cli_cfg.home);
    in = fopen(src, "r");
    o = in ? fopen(out, "w") : NULL;
    if (o == NULL) {
        fprintf(stderr, "ocop serve: cannot write %s from %s: %s\n", out, src, strerror(errno));
        if (in)
            fclose(in);
        return -1;
    }
    fprintf(o, "# generated by `ocop serve` from %s — edit that file, not this one\n", src);
    /* nginx's workers must read the stored files and write request bodies under the
     * state folder, which belong to whoever runs ocop: run them as that user (nginx
     * ignores this line when not started by root). */
    pw = getpwuid(geteuid());
    if (pw && pw->pw_name[0] && !strpbrk(pw->pw_name, " \t;{}#\"'\\"))
        fprintf(o, "user %s;\n", pw->pw_name);
    while (fgets(line, sizeof(line), in)) {
        char *p = line, *hit;
        while ((hit = strstr(p, "var/")) != NULL) {
            int boundary = hit == line || strchr(" \t:", hit[-1]);
            fwrite(p, 1, (size_t)(hit - p), o);
            fprintf(o, boundary ? "%s/" : "var/", cli_cfg.home);
            p = hit + 4;
        }
        if ((hit = strstr(p, "127.0.0.1:8080")) != NULL) {
            fwrite(p, 1, (size_t)(hit - p), o);
            fprintf(o, "127.0.0.1:%d", port);
            p = hit + strlen("127.0.0.1:8080");
        }
        fputs(p, o);
    }
    fclose(in);
    return fclose(o) == 0 ? 0 : -1;
}

static pid_t spawn_nginx(const char *conf)
{
    char errlog[PATH_MAX + 32];
    pid_t pid;

    snprintf(errlog, sizeof(errlog), "%s/log/nginx-error.log", cli_cfg.home);
    pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_IGN);
        if (chdir(cli_cfg.share) != 0)
            _exit(127);
        execlp("nginx", "nginx", "-p", cli_cfg.share, "-c", conf, "-e", errlog, "-g", "daemon off;",
               (char *)NULL);
        fprintf(stderr, "ocop serve: cannot run nginx: %s\n", strerror(errno));
        _exit(127);
    }
    return pid;
}

static int port_free(int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1, ok;

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    ok = fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

/* One supervisor per state folder: a lock held for the whole run. */
static int take_lock(void)
{
    char path[PATH_MAX + 32], pid[32] = "";
    int fd;
    ssize_t n;

    snprintf(path, sizeof(path), "%s/run/serve.lock", cli_cfg.home);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        n = read(fd, pid, sizeof(pid) - 1);
        pid[n > 0 ? n : 0] = '\0';
        fprintf(stderr,
                "ocop serve: ocop is already running for %s (pid %s).\n"
                "Stop it first (Ctrl-C in its terminal, or kill %s).\n",
                cli_cfg.home, pid[0] ? strtok(pid, "\n") : "?", pid[0] ? pid : "it");
        close(fd);
        return -1;
    }
    if (ftruncate(fd, 0) == 0)
        dprintf(fd, "%ld\n", (long)getpid());
    return fd; /* kept open: the lock lasts as long as the process */
}

static int find_child(pid_t pid, int *pi, int *wi)
{
    for (int i = 0; i < nprograms; i++)
        for (int w = 0; w < nworkers; w++)
            if (programs[i].pids[w] == pid) {
                *pi = i;
                *wi = w;
                return 1;
            }
    return 0;
}

static void stop_all(void)
{
    int i, w;
    time_t until = time(NULL) + 10;

    if (nginx_pid > 0)
        kill(nginx_pid, SIGQUIT);
    for (i = 0; i < nprograms; i++)
        for (w = 0; w < nworkers; w++)
            if (programs[i].pids[w] > 0)
                kill(programs[i].pids[w], SIGTERM);
    while (time(NULL) < until && waitpid(-1, NULL, WNOHANG) >= 0)
        usleep(50000);
    for (i = 0; i < nprograms; i++)
        for (w = 0; w < nworkers; w++)
            if (programs[i].pids[w] > 0 && kill(programs[i].pids[w], 0) == 0)
                kill(programs[i].pids[w], SIGKILL);
    if (nginx_pid > 0 && kill(nginx_pid, 0) == 0)
        kill(nginx_pid, SIGKILL);
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
}

/* ---- periodic tasks: a tick every TICK seconds wakes the supervisor ---- */

#define TICK 20

static void on_tick(int sig)
{
    (void)sig;
}

/* Runs `ocop ARGS…` in the background, its output appended to log/NAME.log; the child is
 * reaped by the supervisor like any other (it is not a worker). Its pid, or -1. */
static pid_t run_task(const char *name, char *const args[])
{
    char exe[PATH_MAX], log[PATH_MAX + 32];
    pid_t pid;
    int fd;

    if (bin_dir(exe, sizeof(exe) - 8) != 0)
        return -1;
    strcat(exe, "/ocop");
    snprintf(log, sizeof(log), "%s/log/%s.log", cli_cfg.home, name);
    pid = fork();
    if (pid != 0)
        return pid;
    signal(SIGINT, SIG_IGN);
    fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
    }
    execv(exe, args);
    _exit(127);
}

/* The public site: rebuilt (incrementally, in a child so a crash cannot take the
 * supervisor down) when the signature of what it shows — certificates, their events,
 * public photos, certificates lapsed by today — differs from the current build's. At most
 * one build at a time; a build that failed is not retried for the same signature for
 * five minutes. */
static pid_t site_pid;
static char site_failed[SITE_SIG_MAX];
static time_t site_failed_at;
static char site_sig_building[SITE_SIG_MAX];

static void site_check(time_t now)
{
    static char url[64];
    char sig[SITE_SIG_MAX], built[SITE_SIG_MAX], out[PATH_MAX + 8];
    const char *env = getenv("OCOP_SITE_URL");
    char *args[] = {"ocop", "site", "build", "--incremental", "--site-url", url, NULL};
    struct db *db;
    int rc;

    if (site_pid > 0)
        return; /* one build at a time: the next tick looks again */
    if ((db = db_open(cli_cfg.db_path, 0)) == NULL)
        return;
    rc = site_signature(db, cli_cfg.today ? cli_cfg.today : now - now % 86400, sig);
    db_close(db);
    snprintf(out, sizeof(out), "%s/www", cli_cfg.home);
    if (rc != 0 || (site_built_signature(out, built) == 0 && strcmp(sig, built) == 0) ||
        (strcmp(sig, site_failed) == 0 && now - site_failed_at < 300))
        return;
    if (env && *env && strlen(env) < sizeof(url))
        snprintf(url, sizeof(url), "%s", env);
    else
        snprintf(url, sizeof(url), "http://127.0.0.1:%d", serve_port);
    snprintf(site_sig_building, sizeof(site_sig_building), "%s", sig);
    site_pid = run_task("site", args);
}

/* A site build ended: note a failure so that it is not retried at once. */
static void site_done(int status)
{
    site_pid = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return;
    snprintf(site_failed, sizeof(site_failed), "%s", site_sig_building);
    site_failed_at = time(NULL);
    fprintf(stderr, "ocop serve: the site build failed (see %s/log/site.log)\n", cli_cfg.home);
}

/* Every tick: the site; once a day (and at start-up): certificates past their validity
 * become expired. */
static void periodic(void)
{
    static time_t last_expiry;
    static char *const expire[] = {"ocop", "certificates", "expire", NULL};
    time_t now = time(NULL);

    if (last_expiry == 0 || now - last_expiry >= 86400) {
        last_expiry = now;
        run_task("certificates", expire);
    }
    site_check(now);
}

/* Waits for children; restarts dead workers (at most 20 a minute); 0 on a clean stop. */
static int supervise(void)
{
    int restarts = 0;
    time_t window = time(NULL);

    struct sigaction tick = {.sa_handler = on_tick}; /* no SA_RESTART: waitpid wakes */

    sigaction(SIGALRM, &tick, NULL);
    periodic();
    while (!stopping) {
        int status, pi, wi;
        pid_t pid;
        alarm(TICK);
        pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) {
                if (!stopping)
                    periodic();
                continue;
            }
            return -1;
        }
        if (pid == site_pid) {
            site_done(status);
            continue;
        }
        if (pid == nginx_pid) {
            fprintf(stderr, "ocop serve: nginx exited (see %s/log/nginx-error.log)\n",
                    cli_cfg.home);
            nginx_pid = 0;
            return -1;
        }
        if (!find_child(pid, &pi, &wi))
            continue;
        if (time(NULL) - window > 60) {
            window = time(NULL);
            restarts = 0;
        }
        if (++restarts > 20) { /* a crash loop: slow it down, never give up on the others */
            if (restarts == 21)
                fprintf(stderr,
                        "ocop serve: workers keep dying (see %s/log/); restarting once "
                        "a second\n",
                        cli_cfg.home);
            sleep(1);
        }
        fprintf(stderr, "ocop serve: worker %s[%ld] ended (status %d); restarting\n",
                programs[pi].name, (long)pid, status);
        programs[pi].pids[wi] = spawn_worker(&programs[pi]);
    }
    return 0;
}

static int parse_opts(int argc, char **argv, int *port)
{
    int64_t v;

    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && !strcmp(argv[i], "--port") &&
            parse_int64(argv[i + 1], strlen(argv[i + 1]), 1, 65535, &v) == 0) {
            *port = (int)v;
            i++;
        } else if (i + 1 < argc && !strcmp(argv[i], "--workers") &&
                   parse_int64(argv[i + 1], strlen(argv[i + 1]), 1, MAX_WORKERS, &v) == 0) {
            nworkers = (int)v;
            i++;
        } else {
            return -1;
        }
    }
    return 0;
}

static int start(int port)
{
    char conf[PATH_MAX + 32];
    struct db *db;
    int i, w, rc;

    db = cli_open_db(0);
    if (db == NULL)
        return -1;
    rc = cli_migrate(db);
    db_close(db);
    if (rc != 0 || find_programs() != 0) {
        fprintf(stderr, "ocop serve: %s\n", rc ? "database migration failed" : "no programs found");
        return -1;
    }
    setenv("OCOP_HOME", cli_cfg.home, 1);
    setenv("OCOP_SHARE", cli_cfg.share, 1);
    /* A page builds and frees some 1,500 small JSON values: with glibc's default of 7
     * cached chunks per size most of them go the slow way through the heap (measured by
     * callgrind on the dossier list: 1.88 M instructions a request, 1.52 M with this).
     * The operator's own setting wins. */
    setenv("GLIBC_TUNABLES", WORKER_TUNABLES, 0);
    for (i = 0; i < nprograms; i++) {
        if (bind_socket(&programs[i]) != 0)
            return -1;
        for (w = 0; w < nworkers; w++)
            programs[i].pids[w] = spawn_worker(&programs[i]);
    }
    if (write_nginx_conf(port, conf, sizeof(conf)) != 0)
        return -1;
    nginx_pid = spawn_nginx(conf);
    return nginx_pid > 0 ? 0 : -1;
}

int cli_serve(int argc, char **argv)
{
    struct sigaction sa = {.sa_handler = on_stop};
    int port = 8080, lock, rc;

    if (argc > 1 && !strcmp(argv[1], "--help")) {
        printf("usage: ocop serve [--port N] [--workers N]\n\nRuns nginx on 127.0.0.1:N "
               "(default 8080) and N workers per FastCGI program, in the foreground.\n"
               "Builds the public site into $OCOP_HOME/www at start-up and again within a\n"
               "minute of a certificate decision ($OCOP_SITE_URL sets the address its QR codes\n"
               "point at). Logs go to $OCOP_HOME/log/. Ctrl-C stops everything.\n");
        return 0;
    }
    if (parse_opts(argc, argv, &port) != 0) {
        fprintf(stderr, "usage: ocop serve [--port N] [--workers N]\n");
        return 2;
    }
    serve_port = port;
    if (cli_setup() != 0 || (lock = take_lock()) < 0)
        return 1;
    if (!port_free(port)) {
        fprintf(stderr,
                "ocop serve: port %d is already in use by another program; "
                "choose another with PORT=… (make run) or --port.\n",
                port);
        return 1;
    }
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    rc = start(port);
    if (rc == 0) {
        printf("ocop: serving http://127.0.0.1:%d/  (Ctrl-C stops; logs in %s/log/)\n", port,
               cli_cfg.home);
        fflush(stdout);
        rc = supervise();
    }
    stop_all();
    close(lock);
    printf("ocop: stopped\n");
    return rc == 0 ? 0 : 1;
}
