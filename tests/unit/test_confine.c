/*
 * test_confine.c — a confined process (confine_paths) reads only where it was allowed
 * to read, writes only where it was allowed to write, and cannot undo it. Each case runs
 * in a child process, since confinement cannot be lifted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "confine.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(confinement)};

    return cmocka_run_group_tests_name("confine", tests, setup, teardown);
}
