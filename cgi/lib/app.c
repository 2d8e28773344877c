/*
 * app.c — the FastCGI accept loop and the request pipeline every ocop program
 * runs (app.h). A bad request ends that request with a clear error; only set-up
 * failures end the process.
 */
#include "app.h"
#include "confine.h"
#include "json_arena.h"
#include "rules.h"
#include "mustache.h"

#include <errno.h>
#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct runtime rt;

static volatile sig_atomic_t stop_requested;

static void on_term(int sig)
{
    (void)sig;
    stop_requested = 1;
    FCGX_ShutdownPending();
}

static int install_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_term; /* no SA_RESTART: accept() returns EINTR */
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0)
        return -1;
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

int64_t app_today(void)
{
    int64_t now = (int64_t)time(NULL);

    return rt.cfg.today ? rt.cfg.today : now - now % 86400;
}

int64_t req_id(const struct request *rq, size_t i)
{
    const char *p = req_param(rq, i);
    int64_t id;

    if (p == NULL || parse_int64(p, strlen(p), 1, INT64_MAX, &id) != 0)
        return -1;
    return id;
}

int reply_db_error(struct reply *rp)
{
    if (db_take_full(rt.db))
        return reply_error(rp, 507, "no_space",
                           "Máy chủ đã hết chỗ lưu trữ: thay đổi chưa được lưu. Xin báo quản "
                           "trị viên rồi thử lại.");
    return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
}

int reply_not_found(struct reply *rp)
{
    return reply_error(rp, 404, "not_found", "Không tìm thấy, hoặc không thuộc địa bàn của bạn.");
}

json_t *json_money(int64_t n)
{
    char out[32];

    format_money(n, out);
    return json_string(out);
}

int validate_query(struct request *rq, struct reply *rp, const struct field *f, size_t n,
                   struct field_value *v)
{
    struct field_error fe;

    if (http_validate(rq->pool, f, n, &rq->query, v, &fe) == 0)
        return 0;
    reply_field_error(rp, &fe);
    rp->status = 400;
    return -1;
}

json_t *typed_values(const struct field *f, size_t n, const struct kvlist *form)
{
    json_t *o = json_object();

    for (size_t i = 0; i < n; i++) {
        const struct kv *kv = kv_get(form, f[i].name);
        if (kv && utf8_text_ok(kv->val, kv->vlen, 1))
            json_object_set_new(o, f[i].name, json_stringn(kv->val, kv->vlen));
    }
    return o;
}

const char *req_param(const struct request *rq, size_t i)
{
    return i < rq->nparams ? rq->params[i] : NULL;
}

long req_read_body(struct request *rq, char *buf, size_t size)
{
    int64_t left = rq->content_len - rq->body_read;
    int want, got;

    if (left <= 0)
        return 0;
    want = (int)(size < (size_t)left ? size : (size_t)left);
    if (want > (1 << 30))
        want = 1 << 30;
    got = FCGX_GetStr(buf, want, rq->stream);
    if (got <= 0)
        return -1;
    rq->body_read += got;
    return got;
}

int reply_cookie(struct reply *rp, const struct request *rq, const char *name, const char *value,
                 int64_t max_age)
{
    char line[512];

    snprintf(line, sizeof(line), "%s=%s; Path=/app/; HttpOnly; SameSite=Strict%s; Max-Age=%lld",
             name, value, rq->https ? "; Secure" : "", (long long)max_age);
    return reply_header(rp, "Set-Cookie", line);
}

int require_role(const struct request *rq, struct reply *rp, unsigned roles)
{
    if (rq->session && (roles & (1u << rq->session->role)))
        return 0;
    return reply_error(rp, 403, "forbidden", "Bạn không có quyền thực hiện thao tác này.");
}

/* ---- reading the request ---- */

/* The FastCGI parameters a request reads, found in one pass over them (FCGX_GetParam
 * walks the whole list for each name). */
enum param_id {
    P_METHOD,
    P_URI,
    P_QUERY,
    P_COOKIE,
    P_HTTPS,
    P_CONTENT_TYPE,
    P_ACCEPT,
    P_REMOTE_ADDR,
    P_USER_AGENT,
    P_CSRF,
    P_CONTENT_LENGTH,
    P__N
};
#define PARAM(name)                                                                                \
    {                                                                                              \
        name, sizeof(name) - 1                                                                     \
    }
static const struct {
    const char *name;
    size_t len;
} param_names[P__N] = {
    PARAM("REQUEST_METHOD"),    PARAM("DOCUMENT_URI"),   PARAM("QUERY_STRING"),
    PARAM("HTTP_COOKIE"),       PARAM("HTTPS"),          PARAM("CONTENT_TYPE"),
    PARAM("HTTP_ACCEPT"),       PARAM("REMOTE_ADDR"),    PARAM("HTTP_USER_AGENT"),
    PARAM("HTTP_X_CSRF_TOKEN"), PARAM("CONTENT_LENGTH"),
};
#undef PARAM

/* v[id] = the value of each parameter above, NULL when absent (the first of a repeated
 * name, as FCGX_GetParam). */
static void read_env(char **envp, const char *v[P__N])
{
    for (int k = 0; k < P__N; k++)
        v[k] = NULL;
    for (; envp && *envp; envp++) {
        const char *eq = strchr(*envp, '=');
        size_t n = eq ? (size_t)(eq - *envp) : 0;
        for (int k = 0; eq && k < P__N; k++)
            if (v[k] == NULL && param_names[k].len == n &&
                memcmp(param_names[k].name, *envp, n) == 0) {
                v[k] = eq + 1;
                break;
            }
    }
}

static int parse_method(const char *m, enum http_method *out)
{
    int i;

    for (i = 0; i < HTTP_METHOD__MAX; i++) {
        if (m && strcmp(m, http_method_names[i]) == 0) {
            *out = (enum http_method)i;
            return 0;
        }
    }
    return -1;
}

/* Copies the parameters a request needs into its pool (FastCGI's strings die at the
 * next accept). 0, or -1 with the reply set. */
static int read_params(struct request *rq, const char *const *p, struct reply *rp)
{
    const char *m = p[P_METHOD], *uri = p[P_URI], *qs = p[P_QUERY], *cookie = p[P_COOKIE];
    const char *https = p[P_HTTPS];

#define COPY(field, id)                                                                            \
    rq->field = p[id] ? pool_strndup(rq->pool, p[id], strnlen(p[id], 4096)) : NULL
    COPY(content_type, P_CONTENT_TYPE);
    COPY(accept, P_ACCEPT);
    COPY(remote_addr, P_REMOTE_ADDR);
    COPY(user_agent, P_USER_AGENT);
    COPY(csrf_header, P_CSRF);
#undef COPY
    rq->wants_json = http_wants_json(rq->accept);
    rq->https = https && strcmp(https, "on") == 0;
    if (rq->remote_addr == NULL)
        rq->remote_addr = "";
    if (parse_method(m, &rq->method) != 0) {
        reply_header(rp, "Allow", "GET, HEAD, POST");
        return reply_error(rp, 405, "method", "Phương thức HTTP không được hỗ trợ.");
    }
    if (uri == NULL || uri[0] != '/' || strlen(uri) > 1024)
        return reply_error(rp, 400, "bad_path", "Đường dẫn không hợp lệ.");
    rq->path = pool_strdup(rq->pool, uri);
    if (qs && strlen(qs) > HTTP_MAX_QUERY_LEN)
        return reply_error(rp, 400, "query_too_long", "Chuỗi truy vấn quá dài.");
    rq->query_string = pool_strdup(rq->pool, qs ? qs : "");
    if (http_parse_urlencoded(rq->pool, rq->query_string, strlen(rq->query_string), &rq->query))
        return reply_error(rp, 400, "bad_query", "Chuỗi truy vấn không hợp lệ.");
    if (cookie && strlen(cookie) > HTTP_MAX_COOKIE_LEN)
        return reply_error(rp, 400, "cookie_too_long", "Cookie quá dài.");
    if (cookie && http_parse_cookies(rq->pool, cookie, &rq->cookies) != 0)
        return reply_error(rp, 400, "bad_cookie", "Cookie không hợp lệ.");
    return 0;
}

/* Validates CONTENT_LENGTH: 0 and *len set, or -1 with the reply set. */
static int content_length(struct request *rq, const char *cl, int64_t cap, struct reply *rp)
{

    rq->content_len = 0;
    if (cl == NULL || *cl == '\0') {
        if (rq->method == HTTP_POST)
            return reply_error(rp, 411, "length_required", "Thiếu độ dài nội dung yêu cầu.");
        return 0;
    }
    if (parse_int64(cl, strlen(cl), 0, INT64_MAX, &rq->content_len) != 0)
        return reply_error(rp, 400, "bad_length", "Độ dài nội dung không hợp lệ.");
    if (rq->method != HTTP_POST && rq->content_len > 0)
        return reply_error(rp, 400, "unexpected_body", "Yêu cầu này không được có nội dung.");
    if (rq->content_len > cap)
        return reply_error(rp, 413, "too_large", "Nội dung gửi lên vượt quá giới hạn cho phép.");
    return 0;
}

/* Reads exactly content_len bytes, and checks nothing follows. */
static int read_body(struct request *rq, FCGX_Stream *in, struct reply *rp)
{
    char *body = pool_alloc(rq->pool, (size_t)rq->content_len + 1);
    int n = 0;

    if (body == NULL)
        return reply_error(rp, 413, "too_large", "Nội dung gửi lên vượt quá giới hạn cho phép.");
    if (rq->content_len > 0)
        n = FCGX_GetStr(body, (int)rq->content_len, in);
    if (n != (int)rq->content_len)
        return reply_error(rp, 400, "short_body", "Nội dung yêu cầu ngắn hơn độ dài đã khai báo.");
    if (FCGX_GetChar(in) != EOF)
        return reply_error(rp, 400, "long_body", "Nội dung yêu cầu dài hơn độ dài đã khai báo.");
    body[n] = '\0';
    rq->body = body;
    rq->body_len = (size_t)n;
    return 0;
}

static int is_type(const char *ct, const char *want)
{
    size_t n = strlen(want);

    return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* A JSON body must be one flat object of strings, integers and booleans. */
static int json_to_form(struct request *rq, struct reply *rp)
{
    int rc = http_parse_json(rq->pool, rq->body, rq->body_len, &rq->form);

    if (rc == -1)
        return reply_error(rp, 400, "bad_json", "Nội dung JSON không hợp lệ.");
    if (rc < 0)
        return reply_error(rp, 413, "too_large", "Nội dung gửi lên vượt quá giới hạn cho phép.");
    return 0;
}

static int parse_body(struct request *rq, struct reply *rp)
{
    if (rq->body_len == 0)
        return 0;
    if (is_type(rq->content_type, "application/x-www-form-urlencoded")) {
        if (http_parse_urlencoded(rq->pool, rq->body, rq->body_len, &rq->form) != 0)
            return reply_error(rp, 400, "bad_form", "Dữ liệu biểu mẫu không hợp lệ.");
        return 0;
    }
    if (is_type(rq->content_type, "application/json"))
        return json_to_form(rq, rp);
    return reply_error(rp, 415, "unsupported_type", "Kiểu nội dung không được hỗ trợ.");
}

static int load_session(struct request *rq, struct reply *rp)
{
    const struct kv *c = kv_get(&rq->cookies, SESSION_COOKIE);
    struct session *s;
    int rc;

    if (c == NULL)
        return 0;
    s = pool_alloc(rq->pool, sizeof(*s));
    if (s == NULL)
        return reply_error(rp, 500, "internal", "Lỗi hệ thống.");
    rc = session_lookup(rt.db, &rt.cfg, c->val, s);
    if (rc < 0)
        return reply_error(rp, 503, "database", "Cơ sở dữ liệu tạm thời không sẵn sàng.");
    if (rc == 1)
        rq->session = s;
    return 0;
}

static int check_csrf(struct request *rq, struct reply *rp)
{
    const struct kv *f = kv_get(&rq->form, "csrf");
    const char *given = rq->csrf_header ? rq->csrf_header : (f ? f->val : NULL);

    if (kv_count(&rq->form, "csrf") > 1 || csrf_check(rq->session, given) != 0)
        return reply_error(rp, 403, "csrf",
                           "Mã bảo vệ biểu mẫu (CSRF) bị thiếu hoặc không đúng. Vui lòng tải lại "
                           "trang và thử lại.");
    return 0;
}

static int require_login(struct request *rq, struct reply *rp)
{
    char next[1200];

    if (rq->method == HTTP_GET && !rq->wants_json) {
        snprintf(next, sizeof(next), "/app/login?next=%s", rq->path);
        reply_redirect(rp, strlen(next) < sizeof(rp->location) ? next : "/app/login");
        return -1;
    }
    return reply_error(rp, 401, "login_required", "Vui lòng đăng nhập.");
}

/* Runs the pipeline up to and including the handler. The reply is always set. */
static void dispatch(const struct app *app, struct request *rq, FCGX_Stream *in, char **envp,
                     struct reply *rp)
{
    const struct route *r;
    char allow[128];
    int status = 404;
    const char *p[P__N];

    read_env(envp, p);
    if (read_params(rq, p, rp) != 0)
        return;
    r = http_route(app->routes, app->nroutes, rq->method, rq->path, rq, &status, allow,
                   sizeof(allow));
    if (r == NULL) {
        if (status == 405) {
            reply_header(rp, "Allow", allow);
            reply_error(rp, 405, "method", "Phương thức không được phép cho địa chỉ này.");
        } else {
            reply_error(rp, 404, "not_found", "Không tìm thấy trang yêu cầu.");
        }
        return;
    }
    if (r->flags & ROUTE_STREAM) {
        if (content_length(rq, p[P_CONTENT_LENGTH], INT64_MAX, rp) != 0)
            return;
        rq->stream = in;
    } else if (content_length(rq, p[P_CONTENT_LENGTH], HTTP_MAX_FORM_BODY, rp) != 0 ||
               read_body(rq, in, rp) != 0 || parse_body(rq, rp) != 0) {
        return;
    }
    if (load_session(rq, rp) != 0)
        return;
    if (!(r->flags & ROUTE_PUBLIC) && rq->session == NULL) {
        require_login(rq, rp);
        return;
    }
    if (rq->method == HTTP_POST && !(r->flags & ROUTE_NO_CSRF) && check_csrf(rq, rp) != 0)
        return;
    r->handler(rq, rp);
}

/* ---- writing the reply ---- */

/* The session for the templates, by hand (json_pack parses its format on every
 * call: 2% of a list's page, #9). The user's texts are checked as json_pack
 * checked them: a name that is not UTF-8 fails the object (NULL), not the page. */
static json_t *session_json(const struct request *rq)
{
    const struct session *s = rq->session;
    json_t *o;
    int bad;

    if (s == NULL)
        return json_null();
    const char *keys[] = {"username", "full_name", "role", "role_label",
                          "area",     "area_name", "csrf"};
    const char *vals[] = {
        s->username,  s->full_name, role_names[s->role], role_labels[s->role], s->area,
        s->area_name, s->csrf};
    bad = (o = json_object()) == NULL;
    for (size_t k = 0; !bad && k < sizeof(keys) / sizeof(keys[0]); k++)
        bad = json_object_set_new_nocheck(o, keys[k], json_string(vals[k])) != 0;
    bad = bad ||
          json_object_set_new_nocheck(o, "province",
                                      json_stringn(s->area, strcspn(s->area, "/"))) != 0 ||
          json_object_set_new_nocheck(o, "logged_in", json_true()) != 0;
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void write_head(FCGX_Stream *out, const struct reply *rp, const char *ctype, size_t len)
{
    struct buf h = BUF_INIT;

    /* FCGX_FPrintF has its own printf without %zu: format here. */
    buf_printf(&h, "Status: %d %s\r\nContent-Type: %s\r\nCache-Control: no-store\r\n", rp->status,
               http_status_text(rp->status), ctype);
    if (!rp->file_type) /* nginx sends a file's body, and its length */
        buf_printf(&h, "Content-Length: %zu\r\n", len);
    if (rp->location[0])
        buf_printf(&h, "Location: %s\r\n", rp->location);
    if (rp->headers.len)
        buf_append(&h, rp->headers.data, rp->headers.len);
    buf_puts(&h, "\r\n");
    if (h.data)
        FCGX_PutStr(h.data, (int)h.len, out);
    buf_free(&h);
}

/* Renders the page; a template that fails is a server error (500), never a 200. */
static void render_html(struct reply *rp, struct buf *body)
{
    struct mst_error err;

    if (mst_set_render_table(rt.templates, rp->template, rp->data, rp->table, body, &err) != 0) {
        log_err("template %s:%d: %s", rp->template, err.line, err.msg);
        rp->status = 500;
        buf_reset(body);
        buf_puts(body, "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">"
                       "<title>Lỗi hệ thống</title><p>Lỗi hệ thống khi hiển thị trang.</p></html>");
    }
}

/* The request arena for jansson values (json_arena.h): a list of 500 dossiers fits. */
#define JSON_ARENA_SIZE (2u << 20)

/* The page being sent, kept from one request to the next (a page is tens of KB:
 * growing and freeing it on every request costs more than rendering it). */
static struct buf page_out;
#define PAGE_KEEP (1u << 20) /* beyond this, given back after the request */

static void send_reply(const struct request *rq, struct reply *rp, FCGX_Stream *out)
{
    const char *ctype = "application/json; charset=utf-8";
    char *js;

    if (rp->file_type && rp->status == 200) {
        write_head(out, rp, rp->file_type, 0);
        return;
    }
    if (rp->body_type && rp->status == 200) {
        write_head(out, rp, rp->body_type, rp->body.len);
        if (rq->method != HTTP_HEAD && rp->body.len)
            FCGX_PutStr(rp->body.data, (int)rp->body.len, out);
        return;
    }
    if (rp->data == NULL)
        rp->data = json_object();
    if (json_is_object(rp->data) && rp->template) /* pages carry who is signed in */
        json_object_set_new(rp->data, "session", session_json(rq));
    if (rq->wants_json || rp->template == NULL) {
        js = json_dumps(rp->data, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (js) {
            buf_puts(&page_out, js);
            free(js);
        }
    } else {
        render_html(rp, &page_out);
        ctype = "text/html; charset=utf-8";
    }
    write_head(out, rp, ctype, page_out.len);
    if (rq->method != HTTP_HEAD && page_out.len)
        FCGX_PutStr(page_out.data, (int)page_out.len, out);
    if (page_out.cap > PAGE_KEEP)
        buf_free(&page_out);
    buf_reset(&page_out);
}

void app_handle(const struct app *app, struct pool *pool, FCGX_Stream *in, FCGX_Stream *out,
                char **envp)
{
    struct request rq;
    struct reply rp;

    memset(&rq, 0, sizeof(rq));
    rq.pool = pool;
    rq.app = app;
    rq.method = HTTP_GET;
    rq.path = "/";
    reply_init(&rp);
    dispatch(app, &rq, in, envp, &rp);
    db_rollback(rt.db); /* a handler that failed mid-transaction leaves nothing behind */
    db_take_full(rt.db);
    if (rp.status >= 500)
        log_err("%s %s -> %d", http_method_names[rq.method], rq.path, rp.status);
    send_reply(&rq, &rp, out);
    reply_clear(&rp);
    json_arena_reset(); /* the reply was the last holder of the request's arena values */
}

/* ---- the process ---- */

/* From here on the worker reads only the shipped files, the rules and the system, and
 * writes only in its state folder (exports write their scratch in its tmp/) and /tmp (SQLite's);
 * and makes only the system calls on confine.c's list. OCOP_SECCOMP=0 leaves the system calls free,
 * for debugging (strace shows a refused call as "= -1 EPERM"). */
static int confine(void)
{
    const char *ro[] = {rt.cfg.share, rt.cfg.rules, "/usr", "/lib", "/lib64",
                        "/etc",       "/proc",      "/dev", NULL};
    const char *rw[] = {rt.cfg.home, "/tmp", "/var/tmp", NULL};
    const char *sc = getenv("OCOP_SECCOMP");
    int paths = confine_paths(ro, rw), calls = 1;

    if (paths < 0)
        return -1;
    if (sc == NULL || strcmp(sc, "0") != 0)
        calls = confine_syscalls();
    if (calls < 0)
        return -1;
    log_info("confined: paths %s; system calls %s",
             paths == 0 ? "by Landlock" : "free (this kernel has no Landlock)",
             calls == 0 ? "by the seccomp allow-list" : "free (OCOP_SECCOMP=0)");
    return 0;
}

static int setup(const struct app *app)
{
    char tdir[PATH_MAX + 32];
    int have, want;

    /* Fixed malloc thresholds: without them glibc gives the heap's top back after a
     * request and faults fresh zeroed pages in for the next one. */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
    log_set_ident(app->name);
    if (json_arena_init(JSON_ARENA_SIZE) != 0)
        return -1;
    if (sodium_init() < 0 || config_load(&rt.cfg) != 0)
        return -1;
    rt.db = db_open(rt.cfg.db_path, 0);
    if (rt.db == NULL)
        return -1;
    have = db_user_version(rt.db);
    want = db_latest_version(rt.cfg.share);
    if (have != want) {
        log_err("database version %d, program expects %d: run `ocop init`", have, want);
        return -1;
    }
    snprintf(tdir, sizeof(tdir), "%s/site/templates", rt.cfg.share);
    rt.templates = mst_set_new(tdir);
    if (rt.templates == NULL)
        return -1;
    rt.rules = rules_open(rt.cfg.rules,
                          &(struct rules_limits){.interval_ms = (long)rt.cfg.rules_interval_ms});
    if (rt.rules == NULL)
        return -1;
    if (app->init && app->init() != 0)
        return -1;
    if (confine() != 0)
        return -1;
    return install_signals();
}

int app_main(const struct app *app, int argc, char **argv)
{
    FCGX_Request req;
    struct pool pool = {0};

    (void)argc;
    (void)argv;
    if (setup(app) != 0) {
        log_err("start-up failed");
        return 1;
    }
    if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
        log_err("FastCGI initialisation failed");
        return 1;
    }
    pool.limit = 8 * 1024 * 1024;
    log_info("ready");
    while (!stop_requested && FCGX_Accept_r(&req) >= 0) {
        app_handle(app, &pool, req.in, req.out, req.envp);
        FCGX_Finish_r(&req);
        pool_reset(&pool);
    }
    log_info("stopping");
    buf_free(&page_out);
    pool_free(&pool);
    mst_set_free(rt.templates);
    db_close(rt.db);
    json_arena_free();
    return 0;
}
