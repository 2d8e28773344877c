/*
 * confine.c — confinement of a worker after start-up (confine.h): the paths it may
 * touch (Landlock), then the system calls it may make (seccomp, through libseccomp).
 */
#include "confine.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <seccomp.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
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

/* ---- system calls (seccomp) ---- */

/*
 * The actions. An unknown call fails with EPERM rather than killing the worker: the call
 * we forgot shows as an error with its context in the worker's log (and as "= -1 EPERM"
 * under strace), the request fails, and the worker lives on. The calls only an attack
 * would make — running a program, debugging or writing into another process, mounting,
 * loading kernel code, io_uring (whose operations seccomp never sees) — kill the worker
 * outright instead (SIGSYS, "Bad system call"): nothing legitimate makes them, and an
 * attacker should not get a second try. Valgrind needs nothing more: it makes the same
 * calls for the worker (3.19 does not know seccomp(2); libseccomp then loads the filter
 * through prctl).
 */
#define ACT_UNKNOWN SCMP_ACT_ERRNO(EPERM)

/*
 * The sanitizer build (make SANITIZE=1) runs extra code inside the worker: LeakSanitizer
 * stops the world at exit from a tracer it clones (clone, ptrace, wait4, prctl
 * PR_SET_PTRACER) and lists the threads in /proc/PID/task (getdents, the old call, on
 * x86-64); a report may spawn a symbolizer (clone, then execve). There those calls are
 * allowed, and the deny-list below fails with EPERM (the default) instead of killing, so
 * a symbolizer that cannot start never cuts a report short. test_confine.c checks that
 * both a leak and an overflow are still reported under the filter.
 */
#if defined(__SANITIZE_ADDRESS__)
#define OCOP_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OCOP_SANITIZED 1
#endif
#endif
#ifndef OCOP_SANITIZED
#define OCOP_SANITIZED 0
#endif

/* What a worker does after start-up. Which paths it may touch is Landlock's business. */
static const char *const allowed[] = {
    /* descriptors and files: SQLite, uploads, templates, rules, exports, logs */
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "lseek", "open",
    "openat", "close", "dup", "dup2", "dup3", "pipe", "pipe2", "fcntl", "flock", "fsync",
    "fdatasync", "sync_file_range", "ftruncate", "fallocate", "stat", "fstat", "lstat",
    "newfstatat", "statx", "statfs", "fstatfs", "access", "faccessat", "faccessat2", "readlink",
    "readlinkat", "getcwd", "getdents64", "unlink", "unlinkat", "rename", "renameat", "renameat2",
    "link", "linkat", "mkdir", "mkdirat", "rmdir", "fchmod", "umask", "utimensat",
    /* memory: malloc, SQLite's shared WAL index, libsodium's guarded pages */
    "mmap", "munmap", "mremap", "mprotect", "brk", "madvise", "mlock", "munlock",
    /* the FastCGI socket the supervisor hands over as descriptor 0 */
    "accept", "accept4", "poll", "ppoll", "select", "pselect6", "recvfrom", "recvmsg", "sendto",
    "sendmsg", "shutdown", "getsockname", "getpeername", "getsockopt",
    /* signals, time, randomness, the process itself */
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigtimedwait", "sigaltstack",
    "restart_syscall", "clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep",
    "clock_nanosleep", "alarm", "setitimer", "getitimer", "getrandom", "futex", "sched_yield",
    "sched_getaffinity", "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid",
    "getresuid", "getresgid", "getgroups", "uname", "sysinfo", "getrlimit", "getrusage", "times",
    "exit", "exit_group"};

/* What only an attack would do. */
static const char *const killed[] = {
    /* run a program; read or write another process */
    "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev",
    /* change what the file system or the namespaces look like (and leave Landlock's view) */
    "mount", "umount2", "pivot_root", "chroot", "fsopen", "fsconfig", "fsmount", "fspick",
    "move_mount", "open_tree", "mount_setattr", "setns", "unshare", "open_by_handle_at",
    "name_to_handle_at",
    /* reach into the kernel: its code, its tracing, its keys, the machine */
    "bpf", "perf_event_open", "userfaultfd", "kexec_load", "kexec_file_load", "init_module",
    "finit_module", "delete_module", "reboot", "swapon", "swapoff", "acct", "iopl", "ioperm",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "keyctl", "add_key",
    "request_key", "quotactl",
    /* io_uring: its operations never pass through this filter */
    "io_uring_setup", "io_uring_enter", "io_uring_register"};

/* Allowed in the sanitizer build only (see OCOP_SANITIZED), for the sanitizer's own code. */
static const char *const sanitizer_allowed[] = {"clone", "wait4", "waitid", "ptrace", "getdents"};

/* ioctl: only the harmless requests of stdio and descriptor flags. */
static const unsigned long ioctl_ok[] = {TCGETS, TIOCGWINSZ, FIONREAD, FIONBIO, FIOCLEX, FIONCLEX};

/* prctl: reading and naming the process, and adding restrictions. */
static const int prctl_ok[] = {
    PR_GET_NAME,    PR_SET_NAME,         PR_GET_DUMPABLE,     PR_SET_DUMPABLE,  PR_GET_SECCOMP,
    PR_SET_SECCOMP, PR_GET_NO_NEW_PRIVS, PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG, PR_SET_PTRACER};

/* Argument n, an int (the upper half of the register is not looked at), equals v. */
static struct scmp_arg_cmp arg_is(unsigned n, uint32_t v)
{
    return (struct scmp_arg_cmp){
        .arg = n, .op = SCMP_CMP_MASKED_EQ, .datum_a = 0xffffffffu, .datum_b = v};
}

/* Adds action for each named call this architecture has (there is no open(2) on arm64).
 * 0, or a negative errno from libseccomp. */
static int add_calls(scmp_filter_ctx ctx, uint32_t action, const char *const *names, size_t n)
{
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < n; i++) {
        int nr = seccomp_syscall_resolve_name(names[i]);

        if (nr >= 0)
            rc = seccomp_rule_add(ctx, action, nr, 0);
    }
    return rc;
}

/* Allows the named call when its argument arg equals v. */
static int allow_if(scmp_filter_ctx ctx, const char *name, unsigned arg, uint32_t v)
{
    int nr = seccomp_syscall_resolve_name(name);

    return nr < 0 ? 0 : seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1, arg_is(arg, v));
}

/* The calls allowed with some arguments only: signals to itself (raise, abort), limits of
 * itself, a few ioctl and prctl requests. */
static int add_conditional(scmp_filter_ctx ctx)
{
    uint32_t pid = (uint32_t)getpid();
    int rc = allow_if(ctx, "kill", 0, pid);

    if (rc == 0)
        rc = allow_if(ctx, "tgkill", 0, pid);
    if (rc == 0)
        rc = allow_if(ctx, "prlimit64", 0, 0);
    for (size_t i = 0; rc == 0 && i < ARRAY_LEN(ioctl_ok); i++)
        rc = allow_if(ctx, "ioctl", 1, (uint32_t)ioctl_ok[i]);
    for (size_t i = 0; rc == 0 && i < ARRAY_LEN(prctl_ok); i++)
        rc = allow_if(ctx, "prctl", 0, (uint32_t)prctl_ok[i]);
    return rc;
}

int confine_syscalls(void)
{
    /* SIGSYS for the whole process needs Linux 4.14; before, for the (only) thread */
    uint32_t kill_action = seccomp_api_get() >= 3 ? SCMP_ACT_KILL_PROCESS : SCMP_ACT_KILL;
    scmp_filter_ctx ctx = seccomp_init(ACT_UNKNOWN);
    int rc = -ENOMEM;

    if (ctx == NULL)
        goto done;
    rc = add_calls(ctx, SCMP_ACT_ALLOW, allowed, ARRAY_LEN(allowed));
    if (rc == 0)
        rc = add_conditional(ctx);
    if (rc == 0 && OCOP_SANITIZED) /* the deny-list falls to EPERM, the default */
        rc = add_calls(ctx, SCMP_ACT_ALLOW, sanitizer_allowed, ARRAY_LEN(sanitizer_allowed));
    else if (rc == 0)
        rc = add_calls(ctx, kill_action, killed, ARRAY_LEN(killed));
    if (rc == 0)
        rc = seccomp_load(ctx);
done:
    if (rc != 0)
        log_err("confine: cannot install the system call filter: %s", strerror(-rc));
    seccomp_release(ctx);
    return rc == 0 ? 0 : -1;
}
