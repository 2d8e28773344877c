/*
 * app.h — the FastCGI program skeleton: a single-threaded accept loop on the
 * listening socket passed as descriptor 0, one SQLite connection and one template
 * set per process, a clean exit on SIGTERM after the current request, and the
 * per-request pipeline: parameters → route → body → session → CSRF → handler →
 * JSON or HTML.
 *
 * The process-wide state lives in `rt` (this is a single-threaded process); it is
 * set up by app_main() before the first request and read-only to handlers except
 * through its db connection.
 */
#ifndef OCOP_APP_H
#define OCOP_APP_H

#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"

struct mst_set;
struct rules;

struct app {
    const char *name; /* "account", "dossier", … (log ident) */
    const struct route *routes;
    size_t nroutes;
    int (*init)(void); /* optional, after the database is open */
};

struct runtime {
    struct config cfg;
    struct db *db;
    struct mst_set *templates;
    struct rules *rules; /* the province rules; get an area once per request */
};

extern struct runtime rt;

/* Runs the program: returns the process exit status. */
int app_main(const struct app *app, int argc, char **argv);

/* Handles one request read from the given FastCGI streams/environment (exposed
 * for tests that drive the pipeline without a socket). */
struct FCGX_Stream;
void app_handle(const struct app *app, struct pool *pool, struct FCGX_Stream *in,
                struct FCGX_Stream *out, char **envp);

/* For ROUTE_STREAM handlers: reads up to size bytes of the body. Returns the count
 * (0 once the declared CONTENT_LENGTH has been read), or -1 when the stream ends
 * before it (a body shorter than declared). */
long req_read_body(struct request *rq, char *buf, size_t size);

/* The day rules are judged by (midnight UTC): OCOP_TODAY, or today. */
int64_t app_today(void);

/* Helpers for handlers. */
/* The i-th route parameter as a positive id, or -1. */
int64_t req_id(const struct request *rq, size_t i);
/* The usual refusals; each returns -1 so a handler can return it. */
int reply_db_error(struct reply *rp);  /* 503 */
int reply_not_found(struct reply *rp); /* 404: missing, or outside the official's area */
/* An amount as a JSON string written the Vietnamese way (format_money). */
json_t *json_money(int64_t n);
/* Validates the query string against a page's declared fields (its filters): 0, or -1
 * with a 400 reply naming the field. */
int validate_query(struct request *rq, struct reply *rp, const struct field *f, size_t n,
                   struct field_value *v);
/* The declared fields as typed (valid UTF-8 only), to show a refused form again. */
json_t *typed_values(const struct field *f, size_t n, const struct kvlist *form);
const char *req_param(const struct request *rq, size_t i);
/* A session-cookie Set-Cookie line with the right attributes (Secure behind https). */
int reply_cookie(struct reply *rp, const struct request *rq, const char *name, const char *value,
                 int64_t max_age);
/* Requires one of the roles (bitmask of 1 << enum role); sets 403 otherwise. */
int require_role(const struct request *rq, struct reply *rp, unsigned roles);

#endif
