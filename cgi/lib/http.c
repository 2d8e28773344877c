/*
 * http.c — parsers for urlencoded bodies, query strings and cookies; the field
 * validators; the reply helpers; the router (see http.h). Everything here treats
 * its input as hostile: lengths and counts are bounded before anything is kept.
 */
#include "http.h"

#include <jansson.h>

#include <stdio.h>
#include <string.h>

const char *const http_method_names[HTTP_METHOD__MAX] = {"GET", "HEAD", "POST"};

int kv_add(struct pool *pool, struct kvlist *l, const char *k, const char *v, size_t vlen)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        struct kv *nv;
        if (cap > HTTP_MAX_FIELDS)
            cap = HTTP_MAX_FIELDS;
        if (l->n >= cap)
            return -1;
        nv = pool_alloc(pool, cap * sizeof(*nv));
        if (nv == NULL)
            return -1;
        if (l->n)
            memcpy(nv, l->v, l->n * sizeof(*nv));
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n].key = k;
    l->v[l->n].val = v;
    l->v[l->n].vlen = vlen;
    l->n++;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int http_url_decode(struct pool *pool, const char *s, size_t len, char **out, size_t *outlen)
{
    char *d = pool_alloc(pool, len + 1);
    size_t i, j = 0;

    if (d == NULL)
        return -1;
    for (i = 0; i < len; i++) {
        if (s[i] == '+') {
            d[j++] = ' ';
        } else if (s[i] == '%') {
            int hi, lo;
            if (i + 2 >= len)
                return -1;
            hi = hexval(s[i + 1]);
            lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return -1;
            d[j++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            d[j++] = s[i];
        }
    }
    d[j] = '\0';
    *out = d;
    *outlen = j;
    return 0;
}

int http_parse_urlencoded(struct pool *pool, const char *s, size_t len, struct kvlist *out)
{
    size_t i = 0;

    while (i < len) {
        size_t end = i, eq;
        char *k, *v;
        size_t klen, vlen;

        while (end < len && s[end] != '&')
            end++;
        for (eq = i; eq < end && s[eq] != '='; eq++)
            ;
        if (end > i) {
            if (http_url_decode(pool, s + i, eq - i, &k, &klen) != 0)
                return -1;
            if (eq < end) {
                if (http_url_decode(pool, s + eq + 1, end - eq - 1, &v, &vlen) != 0)
                    return -1;
            } else {
                v = pool_strdup(pool, "");
                vlen = 0;
                if (v == NULL)
                    return -1;
            }
            if (klen == 0 || kv_add(pool, out, k, v, vlen) != 0)
                return -1;
        }
        i = end + 1;
    }
    return 0;
}

static int cookie_octet_ok(unsigned char c)
{
    /* RFC 6265 cookie-octet */
    return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
           (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

static int token_char_ok(unsigned char c)
{
    return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

int http_parse_json(struct pool *pool, const char *body, size_t len, struct kvlist *out)
{
    json_error_t je;
    json_t *o = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je), *v;
    const char *k;
    int rc = 0;

    if (!json_is_object(o)) {
        json_decref(o);
        return -1;
    }
    json_object_foreach(o, k, v)
    {
        char num[32], *key, *val;
        const char *s = NULL;
        if (json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v))
            s = json_string_value(v);
        else if (json_is_integer(v))
            snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v)), s = num;
        else if (json_is_boolean(v))
            s = json_is_true(v) ? "1" : "0";
        if (s == NULL || out->n >= HTTP_MAX_FIELDS) {
            rc = -1;
            break;
        }
        key = pool_strdup(pool, k);
        val = key ? pool_strdup(pool, s) : NULL;
        if (val == NULL || kv_add(pool, out, key, val, strlen(val)) != 0) {
            rc = -2;
            break;
        }
    }
    json_decref(o);
    return rc;
}

int http_parse_cookies(struct pool *pool, const char *s, struct kvlist *out)
{
    size_t len = strlen(s), i = 0;

    if (len > HTTP_MAX_COOKIE_LEN)
        return -1;
    while (i < len) {
        size_t ks, ke, vs, ve;
        while (i < len && (s[i] == ' ' || s[i] == ';'))
            i++;
        if (i >= len)
            break;
        for (ks = i; i < len && s[i] != '=' && s[i] != ';'; i++)
            if (!token_char_ok((unsigned char)s[i]))
                return -1;
        ke = i;
        if (i >= len || s[i] != '=' || ke == ks)
            return -1;
        vs = ++i;
        while (i < len && s[i] != ';')
            i++;
        ve = i;
        while (ve > vs && s[ve - 1] == ' ')
            ve--;
        if (ve - vs >= 2 && s[vs] == '"' && s[ve - 1] == '"') {
            vs++;
            ve--;
        }
        for (size_t j = vs; j < ve; j++)
            if (!cookie_octet_ok((unsigned char)s[j]))
                return -1;
        if (out->n >= HTTP_MAX_COOKIES)
            return -1;
        if (kv_add(pool, out, pool_strndup(pool, s + ks, ke - ks),
                   pool_strndup(pool, s + vs, ve - vs), ve - vs) != 0)
            return -1;
        if (out->v[out->n - 1].key == NULL || out->v[out->n - 1].val == NULL)
            return -1;
    }
    return 0;
}

const struct kv *kv_get(const struct kvlist *l, const char *key)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        if (strcmp(l->v[i].key, key) == 0)
            return &l->v[i];
    return NULL;
}

size_t kv_count(const struct kvlist *l, const char *key)
{
    size_t i, n = 0;

    for (i = 0; i < l->n; i++)
        n += strcmp(l->v[i].key, key) == 0;
    return n;
}

/* ---- validation ---- */

int utf8_text_ok(const char *s, size_t len, int multiline)
{
    const unsigned char *p = (const unsigned char *)s;

    if (!utf8_valid(s, len))
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
            return 0;
        if (c == 0xc2 && i + 1 < len && p[i + 1] <= 0x9f) /* U+0080-U+009F: C1 controls */
            return 0;
    }
    return 1;
}

static int all_chars_in(const char *s, size_t len, const char *extra, int lower_only)
{
    size_t i;

    for (i = 0; i < len; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 (!lower_only && c >= 'A' && c <= 'Z') || (c && strchr(extra, c));
        if (!ok)
            return 0;
    }
    return 1;
}

static void set_err(struct field_error *err, const struct field *f, const char *fmt)
{
    err->field = f->name;
    snprintf(err->message, sizeof(err->message), fmt, f->label ? f->label : f->name);
}

/* Trims ASCII spaces at both ends of a one-line value. */
static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

static int validate_bool(const struct field *f, const char *s, struct field_value *v,
                         struct field_error *err)
{
    if (!strcmp(s, "1") || !strcmp(s, "on") || !strcmp(s, "true"))
        v->i = 1;
    else if (!strcmp(s, "0") || !strcmp(s, "off") || !strcmp(s, "false") || !*s)
        v->i = 0;
    else
        return set_err(err, f, "Trường «%s» chỉ nhận có hoặc không."), -1;
    return 0;
}

static int validate_enum(const struct field *f, const char *s, struct field_value *v,
                         struct field_error *err)
{
    int64_t k;

    for (k = 0; f->choices && f->choices[k]; k++) {
        if (strcmp(f->choices[k], s) == 0) {
            v->i = k;
            return 0;
        }
    }
    set_err(err, f, "Giá trị của trường «%s» không nằm trong danh sách cho phép.");
    return -1;
}

static int validate_text_like(const struct field *f, const char *s, size_t len,
                              struct field_error *err)
{
    if ((int64_t)len < f->min || (f->max > 0 && (int64_t)len > f->max)) {
        set_err(err, f, "Độ dài của trường «%s» không hợp lệ.");
        return -1;
    }
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_SECRET:
    case FIELD_MULTILINE:
        if (!utf8_text_ok(s, len, f->type == FIELD_MULTILINE)) {
            set_err(err, f, "Trường «%s» chứa ký tự không hợp lệ.");
            return -1;
        }
        return 0;
    case FIELD_SLUG:
        if (!all_chars_in(s, len, "-/", 1) || strstr(s, "//") || s[0] == '/' ||
            (len && s[len - 1] == '/')) {
            set_err(err, f, "Mã «%s» không hợp lệ.");
            return -1;
        }
        return 0;
    case FIELD_TOKEN:
        if (!all_chars_in(s, len, "-_.", 0)) {
            set_err(err, f, "Trường «%s» chứa ký tự không hợp lệ.");
            return -1;
        }
        return 0;
    default:
        return 0;
    }
}

static int validate_one(struct pool *pool, const struct field *f, const struct kv *kv,
                        struct field_value *v, struct field_error *err)
{
    const char *s = kv->val;
    size_t len = kv->vlen;

    if (memchr(s, '\0', len)) {
        set_err(err, f, "Trường «%s» chứa ký tự không hợp lệ.");
        return -1;
    }
    if (f->type != FIELD_MULTILINE && f->type != FIELD_SECRET)
        trim(&s, &len);
    v->s = pool_strndup(pool, s, len);
    v->len = len;
    if (v->s == NULL)
        return set_err(err, f, "Không đủ bộ nhớ cho trường «%s»."), -1;
    if (len == 0 && f->type != FIELD_BOOL) {
        if (f->required)
            return set_err(err, f, "Vui lòng nhập «%s»."), -1;
        v->present = 0;
        return 0;
    }
    switch (f->type) {
    case FIELD_INT:
        if (parse_int64(v->s, len, f->min, f->max, &v->i) != 0)
            return set_err(err, f, "Trường «%s» phải là số nguyên trong giới hạn cho phép."), -1;
        return 0;
    case FIELD_DATE:
        if (parse_date(v->s, &v->i) != 0)
            return set_err(err, f, "Trường «%s» phải là ngày hợp lệ (YYYY-MM-DD)."), -1;
        return 0;
    case FIELD_ENUM:
        return validate_enum(f, v->s, v, err);
    case FIELD_BOOL:
        return validate_bool(f, v->s, v, err);
    default:
        return validate_text_like(f, v->s, len, err);
    }
}

int http_validate(struct pool *pool, const struct field *fields, size_t n, const struct kvlist *in,
                  struct field_value *out, struct field_error *err)
{
    size_t i;

    memset(out, 0, n * sizeof(*out));
    for (i = 0; i < n; i++) {
        const struct field *f = &fields[i];
        const struct kv *kv = kv_get(in, f->name);
        if (kv_count(in, f->name) > 1) {
            set_err(err, f, "Trường «%s» bị gửi nhiều lần.");
            return -1;
        }
        if (kv == NULL) {
            if (f->required && f->type != FIELD_BOOL)
                return set_err(err, f, "Vui lòng nhập «%s»."), -1;
            continue;
        }
        out[i].present = 1;
        if (validate_one(pool, f, kv, &out[i], err) != 0)
            return -1;
    }
    return 0;
}

/* ---- reply ---- */

void reply_init(struct reply *rp)
{
    memset(rp, 0, sizeof(*rp));
    rp->status = 200;
}

void reply_clear(struct reply *rp)
{
    json_decref(rp->data);
    buf_free(&rp->headers);
    buf_free(&rp->body);
    reply_init(rp);
}

void reply_set(struct reply *rp, int status, const char *template, json_t *data)
{
    json_decref(rp->data);
    rp->status = status;
    rp->template = template;
    rp->data = data;
    rp->table = NULL;
}

int reply_error(struct reply *rp, int status, const char *code, const char *message)
{
    json_t *e =
        json_pack("{s:{s:i,s:s,s:s}}", "error", "status", status, "code", code, "message", message);
    reply_set(rp, status, "app/error", e);
    return -1;
}

int reply_field_error(struct reply *rp, const struct field_error *fe)
{
    reply_error(rp, 422, "invalid_field", fe->message);
    if (rp->data && fe->field)
        json_object_set_new(json_object_get(rp->data, "error"), "field", json_string(fe->field));
    return -1;
}

static int header_safe(const char *s)
{
    for (; *s; s++)
        if (*s == '\r' || *s == '\n' || (unsigned char)*s < 0x20 || *s == 0x7f)
            return 0;
    return 1;
}

int reply_redirect(struct reply *rp, const char *path)
{
    if (path[0] != '/' || path[1] == '/' || path[1] == '\\' || !header_safe(path) ||
        strlen(path) >= sizeof(rp->location))
        path = "/app/";
    snprintf(rp->location, sizeof(rp->location), "%s", path);
    if (rp->data == NULL)
        rp->data = json_pack("{s:s}", "location", rp->location);
    rp->status = 303;
    return 0;
}

int reply_header(struct reply *rp, const char *name, const char *value)
{
    if (!header_safe(name) || !header_safe(value) || strchr(name, ':')) {
        log_err("refused a header with control bytes: %s", name);
        return -1;
    }
    return buf_printf(&rp->headers, "%s: %s\r\n", name, value);
}

/* filename*=UTF-8''… (RFC 8187) plus an ASCII fallback of the same name. */
int reply_file(struct reply *rp, const char *uri, const char *mime, const char *filename)
{
    struct buf v = BUF_INIT;
    const unsigned char *p;
    int rc;

    buf_puts(&v, "attachment; filename=\"");
    for (p = (const unsigned char *)filename; *p; p++)
        buf_printf(&v, "%c", (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') ? *p : '_');
    buf_puts(&v, "\"; filename*=UTF-8''");
    for (p = (const unsigned char *)filename; *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            buf_printf(&v, "%c", *p);
        else
            buf_printf(&v, "%%%02X", *p);
    rc = v.data ? reply_header(rp, "Content-Disposition", v.data) : -1;
    buf_free(&v);
    if (rc != 0 || reply_header(rp, "X-Accel-Redirect", uri) != 0)
        return reply_error(rp, 500, "file", "Không gửi được tệp.");
    rp->status = 200;
    rp->file_type = mime;
    return 0;
}

int reply_body(struct reply *rp, const char *mime, const char *filename, const char *data,
               size_t len)
{
    char disp[160];

    snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", filename);
    buf_reset(&rp->body);
    if (reply_header(rp, "Content-Disposition", disp) != 0 || buf_append(&rp->body, data, len) != 0)
        return reply_error(rp, 500, "export", "Không tạo được tệp xuất.");
    rp->status = 200;
    rp->body_type = mime;
    return 0;
}

/* ---- routing ---- */

/* Matches path against pattern; on success records ":param" segments in rq. */
static int route_match(const char *pattern, const char *path, struct request *rq)
{
    const char *params[HTTP_MAX_PARAMS];
    size_t np = 0;

    while (*pattern && *path) {
        if (*pattern == ':') {
            const char *end = strchr(path, '/');
            size_t len = end ? (size_t)(end - path) : strlen(path);
            if (len == 0 || np == HTTP_MAX_PARAMS)
                return 0;
            params[np++] = rq ? pool_strndup(rq->pool, path, len) : path;
            path += len;
            while (*pattern && *pattern != '/')
                pattern++;
            continue;
        }
        if (*pattern++ != *path++)
            return 0;
    }
    if (*pattern || *path)
        return 0;
    if (rq) {
        memcpy(rq->params, params, np * sizeof(params[0]));
        rq->nparams = np;
    }
    return 1;
}

const struct route *http_route(const struct route *routes, size_t n, enum http_method m,
                               const char *path, struct request *rq, int *status, char *allow,
                               size_t allow_size)
{
    size_t i;
    int path_seen = 0;
    struct buf b = BUF_INIT;

    if (m == HTTP_HEAD)
        m = HTTP_GET;
    for (i = 0; i < n; i++) {
        if (!route_match(routes[i].pattern, path, NULL))
            continue;
        if (routes[i].method == m) {
            buf_free(&b);
            route_match(routes[i].pattern, path, rq);
            return &routes[i];
        }
        buf_printf(&b, "%s%s", path_seen ? ", " : "", http_method_names[routes[i].method]);
        if (routes[i].method == HTTP_GET)
            buf_puts(&b, ", HEAD");
        path_seen = 1;
    }
    *status = path_seen ? 405 : 404;
    snprintf(allow, allow_size, "%s", b.data ? b.data : "");
    buf_free(&b);
    return NULL;
}

int http_wants_json(const char *accept)
{
    const char *j, *h;

    if (accept == NULL)
        return 0;
    j = strstr(accept, "application/json");
    h = strstr(accept, "text/html");
    return j != NULL && (h == NULL || j < h);
}

const char *http_status_text(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    case 507:
        return "Insufficient Storage";
    default:
        return "Internal Server Error";
    }
}
