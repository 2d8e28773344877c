/*
 * http.h — the request core every FastCGI program shares: the request as parsed
 * from the FastCGI parameters, urlencoded and cookie parsers, the declared field
 * validators that turn raw strings into typed values, the routing table, and the
 * reply a handler builds (one JSON value, rendered as HTML or returned as JSON).
 *
 * Ownership: every string in a struct request lives in its pool (rq->pool) and
 * is valid until the request ends. reply->data is owned by the reply and released
 * by reply_clear(); handlers hand their JSON to it with reply_set().
 */
#ifndef OCOP_HTTP_H
#define OCOP_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "pool.h"
#include "util.h"

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_METHOD__MAX };
extern const char *const http_method_names[HTTP_METHOD__MAX];

/* Caps on what a request may grow (the habit: a bound for everything). */
#define HTTP_MAX_FIELDS     256
#define HTTP_MAX_COOKIE_LEN 4096
#define HTTP_MAX_COOKIES    32
#define HTTP_MAX_QUERY_LEN  4096
#define HTTP_MAX_FORM_BODY  (64 * 1024)
#define HTTP_MAX_PARAMS     4

struct kv {
    const char *key;
    const char *val;
    size_t vlen;
};

struct kvlist {
    struct kv *v;
    size_t n;
    size_t cap;
};

struct session; /* auth.h */
struct app;

struct request {
    struct pool *pool;
    enum http_method method;
    const char *path;         /* DOCUMENT_URI as nginx normalised it */
    const char *query_string; /* raw */
    const char *content_type;
    const char *accept;
    const char *remote_addr;
    const char *user_agent;
    const char *csrf_header; /* X-CSRF-Token */
    int https;
    int wants_json;
    const char *body; /* urlencoded forms only; streamed routes leave it NULL */
    size_t body_len;
    struct kvlist query;
    struct kvlist form;
    struct kvlist cookies;
    const char *params[HTTP_MAX_PARAMS]; /* ":name" segments of the matched route */
    size_t nparams;
    struct session *session; /* NULL when not logged in */
    const struct app *app;
    void *stream;        /* FCGX_Stream * for routes that stream their body */
    int64_t content_len; /* as declared, validated */
    int64_t body_read;   /* bytes of a streamed body read so far */
};

/* Parsers: 0, or -1 on malformed input (bad %-escape, too many pairs, too long). */
int http_parse_urlencoded(struct pool *pool, const char *s, size_t len, struct kvlist *out);
int http_parse_cookies(struct pool *pool, const char *s, struct kvlist *out);
/* A JSON body as form fields: one flat object (no duplicate keys) of strings without
 * NUL, integers and booleans ("1"/"0"), at most HTTP_MAX_FIELDS of them. 0; -1 when it
 * is not such an object (400); -2 when the pool's memory runs out (413). */
int http_parse_json(struct pool *pool, const char *body, size_t len, struct kvlist *out);
/* Decodes %XX and '+' in place semantics into a fresh pool string; -1 on a bad escape
 * or an encoded NUL. */
int http_url_decode(struct pool *pool, const char *s, size_t len, char **out, size_t *outlen);
const struct kv *kv_get(const struct kvlist *l, const char *key);
/* Appends a pair (strings owned by the pool); -1 past HTTP_MAX_FIELDS or out of memory. */
int kv_add(struct pool *pool, struct kvlist *l, const char *k, const char *v, size_t vlen);
size_t kv_count(const struct kvlist *l, const char *key);

/* ---- declared fields and validation ---- */

enum field_type {
    FIELD_TEXT,      /* one line of UTF-8, no control bytes, trimmed */
    FIELD_MULTILINE, /* UTF-8, newlines and tabs allowed */
    FIELD_INT,       /* decimal integer within [min, max] */
    FIELD_DATE,      /* YYYY-MM-DD, a real date */
    FIELD_ENUM,      /* one of choices[] */
    FIELD_SLUG,      /* [a-z0-9-/], e.g. an area code */
    FIELD_TOKEN,     /* [A-Za-z0-9_-], e.g. usernames and CSRF tokens */
    FIELD_BOOL,      /* "1"/"on"/"true" or "0"/"off"/"false"; absent = false */
    FIELD_SECRET,    /* a password: UTF-8 without control bytes, kept exactly (no trim) */
    FIELD_TYPE__MAX
};

struct field {
    const char *name;
    enum field_type type;
    int required;
    int64_t min; /* INT: value bounds; text types: length bounds in bytes */
    int64_t max;
    const char *const *choices; /* ENUM: NULL-terminated */
    const char *label;          /* Vietnamese label used in messages */
};

struct field_value {
    int present;
    const char *s; /* the validated text (pool) */
    size_t len;
    int64_t i; /* INT, BOOL, DATE (midnight UTC), ENUM (index) */
};

struct field_error {
    const char *field; /* the field name, or NULL */
    char message[256]; /* Vietnamese, for the user */
};

/* Validates in against fields[0..n); fills out[0..n). Fields not declared are ignored
 * (never seen by handlers); a declared field given twice is an error. 0 or -1 with err. */
int http_validate(struct pool *pool, const struct field *fields, size_t n, const struct kvlist *in,
                  struct field_value *out, struct field_error *err);
/* Is s valid UTF-8 with no control bytes (allowing \n, \r and \t when multiline)? */
int utf8_text_ok(const char *s, size_t len, int multiline);

/* ---- the reply ---- */

struct mst_table;

struct reply {
    int status;
    json_t *data;          /* owned */
    /* a list rendered beside data in HTML (mustache.h), in the request's pool; reply_set
     * drops it */
    const struct mst_table *table;
    const char *template;  /* name under site/templates, NULL = JSON only */
    char location[512];    /* for 3xx */
    struct buf headers;    /* extra header lines, each ending in \r\n */
    const char *file_type; /* set by reply_file: nginx sends the body (X-Accel-Redirect) */
    const char *body_type; /* set by reply_body: body is sent as is */
    struct buf body;
};

void reply_init(struct reply *rp);
void reply_clear(struct reply *rp);
/* Takes ownership of data (a reference is stolen). */
void reply_set(struct reply *rp, int status, const char *template, json_t *data);
/* An error reply: {"error": {"status", "code", "message", "field"?}}; returns -1 so a
 * handler can `return reply_error(...)`. message is Vietnamese. */
int reply_error(struct reply *rp, int status, const char *code, const char *message);
int reply_field_error(struct reply *rp, const struct field_error *fe);
/* 303 See Other to a local path (validated: must start with '/', no CR/LF). */
int reply_redirect(struct reply *rp, const char *path);
/* A stored file sent by nginx from its internal location uri (X-Accel-Redirect), as an
 * attachment named filename (UTF-8, sent RFC 8187-encoded) of type mime (static). */
int reply_file(struct reply *rp, const char *uri, const char *mime, const char *filename);
/* A body sent as is (CSV exports): takes len bytes of data, of type mime (static),
 * as an attachment named filename (ASCII). 0 or -1 (500 set). */
int reply_body(struct reply *rp, const char *mime, const char *filename, const char *data,
               size_t len);
/* Adds a header line; name and value are checked for CR, LF and NUL. */
int reply_header(struct reply *rp, const char *name, const char *value);

/* ---- routing ---- */

enum route_flag {
    ROUTE_PUBLIC = 1 << 0, /* no session needed */
    ROUTE_STREAM = 1 << 1, /* the handler reads the body itself (uploads) */
    ROUTE_NO_CSRF = 1 << 2 /* a write that checks its own token (login) */
};

typedef int (*handler_fn)(struct request *rq, struct reply *rp);

struct route {
    enum http_method method;
    const char *pattern; /* "/app/dossiers/:id" — ':' segments become params */
    handler_fn handler;
    unsigned flags;
};

/* Finds the route for (method, path): the route, or NULL with *status 404 or 405
 * (and allow[] filled with the methods the path accepts). */
const struct route *http_route(const struct route *routes, size_t n, enum http_method m,
                               const char *path, struct request *rq, int *status, char *allow,
                               size_t allow_size);

/* Does the client ask for JSON (Accept: application/json before any text/html)? */
int http_wants_json(const char *accept);

/* Status line text for a status code. */
const char *http_status_text(int status);

#endif
