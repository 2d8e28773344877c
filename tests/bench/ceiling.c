/*
 * ceiling.c — the reference responder for `make bench` (#9): the least a FastCGI
 * program can do behind our nginx (fcgi2's accept loop, the request body read and
 * discarded, and a fixed 2 KB page). The dossier list is measured against it, through
 * the same nginx in the same run; so is the upload, sent to a location of the same
 * buffering settings (/bench/sink) whose body this responder reads and drops: nginx's
 * part of an upload without the worker's.
 *
 * Usage: ceiling SOCKET N — listens on the unix socket as `ocop serve` does for the
 * workers (backlog 256), forks N processes that accept on it, and waits for them.
 */
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* Reads the request body to its end and drops it (nothing for a GET). */
static void drain(FCGX_Stream *in)
{
    static char buf[1 << 16];

    while (FCGX_GetStr(buf, (int)sizeof(buf), in) > 0)
        ;
}

static void serve(void)
{
    static char page[2048];
    FCGX_Stream *in, *out, *err;
    FCGX_ParamArray envp;

    memset(page, 'x', sizeof(page) - 1);
    while (FCGX_Accept(&in, &out, &err, &envp) >= 0) {
        drain(in);
        FCGX_PutS("Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n", out);
        FCGX_PutStr(page, (int)sizeof(page) - 1, out);
        FCGX_Finish();
    }
    _exit(0);
}

int main(int argc, char **argv)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    int fd, n = argc == 3 ? atoi(argv[2]) : 0;

    if (n < 1 || n > 64 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
        fprintf(stderr, "usage: ceiling SOCKET N\n");
        return 2;
    }
    strcpy(sa.sun_path, argv[1]);
    unlink(argv[1]);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 256) != 0 ||
        dup2(fd, 0) < 0) {
        perror("ceiling");
        return 1;
    }
    for (int i = 0; i < n; i++)
        if (fork() == 0)
            serve();
    signal(SIGTERM, SIG_IGN);
    while (wait(NULL) > 0)
        ;
    return 0;
}
