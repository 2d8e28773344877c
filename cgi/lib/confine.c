/*
 * confine.c — Landlock confinement of a worker (confine.h).
 */
#include "confine.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE /* ABI 3; older headers (Debian 12) lack it */
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

/* The file-system rights a given Landlock ABI knows. */
static uint64_t fs_rights(long abi)
{
    uint64_t r =
        LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
        LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR |
        LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
        LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
        LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;

    if (abi >= 2)
        r |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        r |= LANDLOCK_ACCESS_FS_TRUNCATE;
    return r;
}

/* Allows access on the directory path (skipped when it does not exist). */
static int allow(int ruleset, const char *path, uint64_t access)
{
    struct landlock_path_beneath_attr pb = {.allowed_access = access};
    int rc;

    pb.parent_fd = open(path, O_PATH | O_CLOEXEC);
    if (pb.parent_fd < 0)
        return errno == ENOENT ? 0 : -1;
    rc = (int)syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
    close(pb.parent_fd);
    return rc;
}

int confine_paths(const char *const *ro, const char *const *rw)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    struct landlock_ruleset_attr attr;
    uint64_t all, read = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR |
                         LANDLOCK_ACCESS_FS_EXECUTE;
    int ruleset, rc = 0;

    if (abi < 1)
        return 1;
    all = fs_rights(abi);
    memset(&attr, 0, sizeof(attr));
    attr.handled_access_fs = all;
    ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
    if (ruleset < 0)
        return -1;
    for (; rc == 0 && ro && *ro; ro++)
        rc = allow(ruleset, *ro, read);
    for (; rc == 0 && rw && *rw; rw++)
        rc = allow(ruleset, *rw, all);
    if (rc == 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        rc = -1;
    if (rc == 0 && syscall(SYS_landlock_restrict_self, ruleset, 0) != 0)
        rc = -1;
    close(ruleset);
    if (rc != 0)
        log_err("confine: %s", strerror(errno));
    return rc;
}
