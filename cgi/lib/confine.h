/*
 * confine.h — after start-up a worker gives up the parts of the file system it does not
 * need (Landlock): reading only where its shipped files, the rules and the system
 * libraries are, writing only in its state folder and the temp folder. Whatever a bug or
 * an attacker makes the worker do afterwards, it cannot read other files or write
 * outside those folders. Then it gives up the system calls it does not need (seccomp):
 * it cannot run a program, trace or write into another process, open a network socket,
 * mount, or load anything into the kernel.
 */
#ifndef OCOP_CONFINE_H
#define OCOP_CONFINE_H

/* ro and rw: NULL-terminated lists of directories (missing ones are skipped). 0 when
 * confined, 1 when the kernel has no Landlock (nothing changed), -1 on an error. */
int confine_paths(const char *const *ro, const char *const *rw);

/* Installs the system-call allow-list (confine.c says which calls and why); for the rest of
 * its life the process, and any child, is held to it. Call it last in start-up, after
 * confine_paths. 0 when installed, -1 on an error (logged). A call outside the list fails
 * with EPERM; execve, ptrace, mount, bpf, module loading and the like kill the process
 * (SIGSYS) — in the sanitizer build they fail with EPERM instead. */
int confine_syscalls(void);

#endif
