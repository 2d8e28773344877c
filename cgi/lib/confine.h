/*
 * confine.h — after start-up a worker gives up the parts of the file system it does not
 * need (Landlock): reading only where its shipped files, the rules and the system
 * libraries are, writing only in its state folder and the temp folder. Whatever a bug or
 * an attacker makes the worker do afterwards, it cannot read other files or write
 * outside those folders.
 */
#ifndef OCOP_CONFINE_H
#define OCOP_CONFINE_H

/* ro and rw: NULL-terminated lists of directories (missing ones are skipped). 0 when
 * confined, 1 when the kernel has no Landlock (nothing changed), -1 on an error. */
int confine_paths(const char *const *ro, const char *const *rw);

#endif
