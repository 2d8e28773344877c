/*
 * test_confine.c — a confined process (confine_paths) reads only where it was allowed
 * to read, writes only where it was allowed to write, and cannot undo it; under the
 * system-call filter (confine_syscalls) it still does what a worker does, while a call no
 * worker makes fails, and running a program or tracing kills it. Each case runs in a
 * child process, since confinement cannot be lifted.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "confine.h"

/* The sanitizer build turns the killing calls into EPERM (confine.c says why). */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static char ro[64], rw[64], out[64];

static int setup(void **state)
{
    (void)state;
    snprintf(ro, sizeof(ro), "/tmp/ocop-ro-XXXXXX");
    snprintf(rw, sizeof(rw), "/tmp/ocop-rw-XXXXXX");
    snprintf(out, sizeof(out), "/tmp/ocop-out-XXXXXX");
    if (!mkdtemp(ro) || !mkdtemp(rw) || !mkdtemp(out))
        return -1;
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "echo lecture > %s/a; echo secret > %s/b", ro, out);
    return system(cmd);
}

static int teardown(void **state)
{
    char cmd[256];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf %s %s %s", ro, rw, out);
    return system(cmd);
}

static int can_open(const char *dir, const char *name, const char *mode)
{
    char path[128];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, mode);
    if (f)
        fclose(f);
    return f != NULL;
}

/* Runs the checks in a confined child; its exit status is the number that failed. */
static int confined_child(void)
{
    const char *r[] = {ro, "/usr", "/lib", NULL}, *w[] = {rw, NULL};
    int bad = 0;

    if (confine_paths(r, w) != 0)
        return 100;
    bad += !can_open(ro, "a", "r");         /* allowed to read */
    bad += can_open(ro, "c", "w");          /* not to write there */
    bad += !can_open(rw, "new", "w");       /* allowed to write */
    bad += can_open(out, "b", "r");         /* outside: nothing */
    bad += can_open("/etc", "passwd", "r"); /* nor the system's secrets */
    return bad;
}

static void confinement(void **state)
{
    pid_t pid;
    int status;

    (void)state;
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(confined_child());
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 100)
        fail_msg("this kernel cannot confine (no Landlock)");
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_true(can_open(out, "b", "r")); /* the parent is not confined */
}

/* Runs fn in a child under the filter; returns its wait status. fn's return is the exit
 * status: 0 for all checks passed, 100 when the filter could not be installed. */
static int filtered(int (*fn)(void))
{
    pid_t pid;
    int status;

    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        unsetenv("OCOP_SECCOMP");
        _exit(confine_syscalls() != 0 ? 100 : fn());
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 100)
        fail_msg("this kernel cannot filter system calls (no seccomp)");
    return status;
}

/* What a worker does in a request: files, memory, time, randomness, pipes, its own pid. */
static int worker_calls(void)
{
    char path[96], got[8] = "";
    struct timespec ts;
    int fds[2], fd, bad = 0;
    void *big = malloc(8u << 20); /* mmap */

    snprintf(path, sizeof(path), "%s/filtered", rw);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bad += fd < 0;
    bad += write(fd, "abc", 3) != 3 || sync_file_range(fd, 0, 3, SYNC_FILE_RANGE_WRITE) != 0 ||
           fsync(fd) != 0 || pread(fd, got, 3, 0) != 3;
    bad += strcmp(got, "abc") != 0;
    bad += fcntl(fd, F_SETLK, &(struct flock){.l_type = F_WRLCK, .l_whence = SEEK_SET}) != 0;
    bad += ftruncate(fd, 0) != 0 || close(fd) != 0 || unlink(path) != 0;
    bad += big == NULL;
    free(big);
    bad += clock_gettime(CLOCK_MONOTONIC, &ts) != 0;
    bad += getrandom(got, sizeof(got), 0) != (ssize_t)sizeof(got); /* libsodium */
    bad += pipe2(fds, O_CLOEXEC) != 0 || write(fds[1], "x", 1) != 1 || read(fds[0], got, 1) != 1;
    bad += kill(getpid(), 0) != 0; /* signals to itself */
    bad += mkdir(path, 0700) != 0 || rmdir(path) != 0;
    return bad;
}

static void filter_keeps_worker_calls(void **state)
{
    int status;

    (void)state;
    status = filtered(worker_calls);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* Calls no worker makes fail with EPERM, and the process lives on. */
static int refused_calls(void)
{
    int bad = 0;

    errno = 0;
    bad += socket(AF_INET, SOCK_STREAM, 0) != -1 || errno != EPERM; /* no network */
    errno = 0;
    if (!SANITIZED) /* LeakSanitizer clones its tracer there */
        bad += fork() != -1 || errno != EPERM;
    errno = 0;
    bad += kill(getppid(), 0) != -1 || errno != EPERM; /* signals to others */
    errno = 0;
    bad += setuid(getuid()) != -1 || errno != EPERM;
    return bad;
}

static void filter_refuses_other_calls(void **state)
{
    int status;

    (void)state;
    status = filtered(refused_calls);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* 0 when the program ran (it must not), 1 when execve failed with EPERM. */
static int run_program(void)
{
    execl("/bin/true", "true", (char *)NULL);
    return errno == EPERM ? 1 : 2;
}

/* A killing call ends the process with SIGSYS; in the sanitizer build it fails. */
static void assert_killed(int status)
{
    if (SANITIZED) {
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 1);
        return;
    }
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGSYS);
}

static void filter_kills_exec(void **state)
{
    (void)state;
    assert_killed(filtered(run_program));
}

#if !SANITIZED /* LeakSanitizer needs ptrace there */
static int trace_me(void)
{
    ptrace(PTRACE_TRACEME, 0, NULL, NULL);
    return errno == EPERM ? 1 : 2;
}

static void filter_kills_ptrace(void **state)
{
    (void)state;
    assert_killed(filtered(trace_me));
}
#endif

#if SANITIZED
/* The sanitizers still report under the filter: a leak at exit (LeakSanitizer stops the
 * world with clone and ptrace) and an overflow, each with a symbolized stack. */
static void *volatile sink;

static int leak(void)
{
    sink = malloc(4096);
    sink = NULL;
    exit(0); /* LeakSanitizer runs at exit */
}

static int overflow(void)
{
    static volatile size_t past = 8;
    char *p;

    sink = malloc(8); /* through sink: the compiler no longer knows the size */
    p = sink;
    p[past] = 1;
    free(p);
    return 0;
}

/* Runs fn under the filter with its stderr in report[size]; returns its wait status. */
static int filtered_report(int (*fn)(void), char *report, size_t size)
{
    size_t len = 0;
    ssize_t n;
    int fds[2], status;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        _exit(confine_syscalls() != 0 ? 100 : fn());
    }
    close(fds[1]);
    while (len + 1 < size && (n = read(fds[0], report + len, size - 1 - len)) > 0)
        len += (size_t)n;
    report[len] = '\0';
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void sanitizers_report_under_filter(void **state)
{
    static char report[64 * 1024];
    int status;

    (void)state;
    status = filtered_report(leak, report, sizeof(report));
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) != 0);
    assert_non_null(strstr(report, "ERROR: LeakSanitizer: detected memory leaks"));
    assert_non_null(strstr(report, " in leak "));
    status = filtered_report(overflow, report, sizeof(report));
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) != 0);
    assert_non_null(strstr(report, "ERROR: AddressSanitizer: heap-buffer-overflow"));
    assert_non_null(strstr(report, " in overflow "));
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(confinement),
        cmocka_unit_test(filter_keeps_worker_calls),
        cmocka_unit_test(filter_refuses_other_calls),
        cmocka_unit_test(filter_kills_exec),
#if SANITIZED
        cmocka_unit_test(sanitizers_report_under_filter),
#else
        cmocka_unit_test(filter_kills_ptrace),
#endif
    };

    return cmocka_run_group_tests_name("confine", tests, setup, teardown);
}
