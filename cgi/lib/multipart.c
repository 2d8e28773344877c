/*
 * multipart.c — the multipart/form-data push parser declared in multipart.h.
 *
 * A state machine over bytes. In the three "data-like" states (preamble, part data,
 * epilogue) it searches for the delimiter CRLF "--" boundary with memchr for CR and
 * a running count of delimiter bytes matched. The delimiter starts with CR and holds
 * no other CR, so it has no proper prefix that is also a suffix: on a mismatch the
 * bytes matched so far are plain data (they are the delimiter's own bytes, so nothing
 * needs buffering across chunks) and matching restarts at the current byte. At the
 * start of a line (the body's start, after a part's blank line, after the close
 * delimiter's line) the CRLF is counted as already matched ("virtual" bytes, never
 * data), so a delimiter may follow at once as RFC 2046 allows.
 *
 * Part headers are collected one line at a time into a buffer of max_header_bytes and
 * parsed as each line ends; their values are kept as offsets into that buffer and
 * NUL-terminated when the header section ends.
 */
#include "multipart.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"

const char *const mp_error_names[MP_ERROR__MAX] = {
    [MP_OK] = "ok",
    [MP_E_NOT_MULTIPART] = "not multipart/form-data",
    [MP_E_BOUNDARY_PARAM] = "bad boundary parameter",
    [MP_E_BOUNDARY_MISSING] = "boundary missing",
    [MP_E_BOUNDARY_MALFORMED] = "malformed boundary",
    [MP_E_BOUNDARY_REPEATED] = "repeated boundary",
    [MP_E_TRUNCATED] = "body cut short",
    [MP_E_NO_PARTS] = "no parts",
    [MP_E_HEADER_MALFORMED] = "malformed part header",
    [MP_E_HEADER_NOT_ALLOWED] = "part header not allowed",
    [MP_E_HEADER_DUPLICATE] = "duplicate part header",
    [MP_E_NO_DISPOSITION] = "part without Content-Disposition",
    [MP_E_DISPOSITION] = "malformed Content-Disposition",
    [MP_E_NO_NAME] = "part without a name",
    [MP_E_PART_TYPE] = "malformed part Content-Type",
    [MP_E_TOO_MANY_PARTS] = "too many parts",
    [MP_E_HEADERS_TOO_BIG] = "part headers too big",
    [MP_E_FIELD_TOO_BIG] = "field too big",
    [MP_E_FILE_TOO_BIG] = "file too big",
    [MP_E_TOTAL_TOO_BIG] = "body too big",
    [MP_E_CALLBACK] = "callback refused",
    [MP_E_LIMITS] = "bad limits",
    [MP_E_NOMEM] = "out of memory",
};

const char *const mp_error_messages[MP_ERROR__MAX] = {
    [MP_OK] = "Thành công.",
    [MP_E_NOT_MULTIPART] = "Yêu cầu phải được gửi dưới dạng multipart/form-data.",
    [MP_E_BOUNDARY_PARAM] = "Tham số boundary trong Content-Type bị thiếu hoặc không hợp lệ.",
    [MP_E_BOUNDARY_MISSING] = "Dữ liệu gửi lên không bắt đầu bằng ranh giới multipart.",
    [MP_E_BOUNDARY_MALFORMED] = "Ranh giới multipart không đúng định dạng.",
    [MP_E_BOUNDARY_REPEATED] = "Ranh giới multipart bị lặp lại hoặc nằm sai chỗ.",
    [MP_E_TRUNCATED] = "Dữ liệu gửi lên bị cắt ngang, thiếu ranh giới kết thúc.",
    [MP_E_NO_PARTS] = "Biểu mẫu gửi lên không có phần nào.",
    [MP_E_HEADER_MALFORMED] = "Tiêu đề của một phần trong biểu mẫu không đúng định dạng.",
    [MP_E_HEADER_NOT_ALLOWED] = "Một phần trong biểu mẫu có tiêu đề không được phép.",
    [MP_E_HEADER_DUPLICATE] = "Một phần trong biểu mẫu có tiêu đề bị lặp lại.",
    [MP_E_NO_DISPOSITION] = "Một phần trong biểu mẫu thiếu tiêu đề Content-Disposition.",
    [MP_E_DISPOSITION] = "Tiêu đề Content-Disposition không hợp lệ (phải là form-data).",
    [MP_E_NO_NAME] = "Một phần trong biểu mẫu không có tên trường.",
    [MP_E_PART_TYPE] = "Kiểu nội dung (Content-Type) của một phần không hợp lệ.",
    [MP_E_TOO_MANY_PARTS] = "Biểu mẫu có quá nhiều phần.",
    [MP_E_HEADERS_TOO_BIG] = "Tiêu đề của một phần trong biểu mẫu quá dài.",
    [MP_E_FIELD_TOO_BIG] = "Giá trị của một trường quá dài.",
    [MP_E_FILE_TOO_BIG] = "Tệp tải lên vượt quá dung lượng cho phép.",
    [MP_E_TOTAL_TOO_BIG] = "Dữ liệu gửi lên vượt quá dung lượng cho phép.",
    [MP_E_CALLBACK] = "Không xử lý được dữ liệu tải lên.",
    [MP_E_LIMITS] = "Lỗi cấu hình giới hạn tải lên.",
    [MP_E_NOMEM] = "Máy chủ không đủ bộ nhớ để xử lý yêu cầu.",
};

const int mp_error_status[MP_ERROR__MAX] = {
    [MP_OK] = 200,
    [MP_E_NOT_MULTIPART] = 415,
    [MP_E_BOUNDARY_PARAM] = 400,
    [MP_E_BOUNDARY_MISSING] = 400,
    [MP_E_BOUNDARY_MALFORMED] = 400,
    [MP_E_BOUNDARY_REPEATED] = 400,
    [MP_E_TRUNCATED] = 400,
    [MP_E_NO_PARTS] = 400,
    [MP_E_HEADER_MALFORMED] = 400,
    [MP_E_HEADER_NOT_ALLOWED] = 422,
    [MP_E_HEADER_DUPLICATE] = 400,
    [MP_E_NO_DISPOSITION] = 422,
    [MP_E_DISPOSITION] = 400,
    [MP_E_NO_NAME] = 422,
    [MP_E_PART_TYPE] = 400,
    [MP_E_TOO_MANY_PARTS] = 413,
    [MP_E_HEADERS_TOO_BIG] = 413,
    [MP_E_FIELD_TOO_BIG] = 413,
    [MP_E_FILE_TOO_BIG] = 413,
    [MP_E_TOTAL_TOO_BIG] = 413,
    [MP_E_CALLBACK] = 500,
    [MP_E_LIMITS] = 500,
    [MP_E_NOMEM] = 500,
};

enum state {
    S_PREAMBLE,    /* data-like: bytes before the first delimiter */
    S_AFTER_DELIM, /* a delimiter just matched */
    S_PADDING,     /* transport padding after a delimiter */
    S_CLOSE_DASH,  /* "-" after a delimiter: the close delimiter's second "-" must follow */
    S_DELIM_CR,    /* CR after a delimiter: LF must follow */
    S_HEADERS,     /* inside a part's header line */
    S_HEADER_CR,   /* CR in the header section: LF must follow */
    S_DATA,        /* data-like: a part's data */
    S_AFTER_CLOSE, /* after the close delimiter: padding, then CRLF or the end */
    S_CLOSE_CR,    /* CR after the close delimiter */
    S_EPILOGUE,    /* data-like: ignored, but no delimiter may appear */
    S_ERROR,
};

struct span {
    size_t off; /* in hdr */
    size_t len;
};

struct mp_parser {
    struct mp_limits lim;
    struct mp_callbacks cb;
    void *ctx;
    enum state state;
    int err; /* the sticky negated code in S_ERROR */
    char delim[4 + MP_BOUNDARY_MAX];
    size_t dlen;
    size_t match;    /* delimiter bytes matched, carried across chunks */
    size_t virt;     /* leading matched bytes that were a line break, not data */
    uint64_t total;  /* bytes fed */
    size_t preamble; /* preamble bytes */
    size_t nparts;   /* parts begun */
    struct mp_part part;
    size_t hlen;   /* bytes stored in hdr (lines NUL-separated) */
    size_t line;   /* offset of the current line in hdr */
    size_t hbytes; /* bytes of the header section as sent, CRLFs included */
    int has_disp, has_ctype, has_name, has_filename;
    struct span name, filename, ctype;
    char hdr[]; /* lim.max_header_bytes + 1 */
};

static int code_index(int rc)
{
    int c = rc < 0 ? -rc : rc;

    return c < MP_ERROR__MAX ? c : MP_E_CALLBACK;
}

const char *mp_strerror(int rc)
{
    return mp_error_messages[code_index(rc)];
}

const char *mp_errname(int rc)
{
    return mp_error_names[code_index(rc)];
}

int mp_http_status(int rc)
{
    return mp_error_status[code_index(rc)];
}

/* ---- lexical helpers (RFC 7230 tokens, RFC 2046 boundary characters) ---- */

static int is_tchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static int is_bchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != 0 && strchr("'()+_,-./:=? ", c) != NULL);
}

static int is_ctl(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

static size_t skip_ows(const char *s, size_t len, size_t i)
{
    while (i < len && is_ows(s[i]))
        i++;
    return i;
}

static size_t token_len(const char *s, size_t len, size_t i)
{
    size_t j = i;

    while (j < len && is_tchar((unsigned char)s[j]))
        j++;
    return j - i;
}

/* Case-insensitive comparison of a span with a lower-case literal. */
static int span_is(const char *s, size_t len, const char *lit)
{
    return strlen(lit) == len && strncasecmp(s, lit, len) == 0;
}

/*
 * Parses the next "; name=value" parameter of a header value s[*pos..len).
 * Returns 1 with one parameter (spans relative to s, quotes excluded), 0 at the end,
 * -1 on bad syntax. A value is a token or a quoted-string; quoted content is taken
 * literally up to the next '"' (browsers do not backslash-escape: they percent-encode
 * '"', CR and LF), and may not hold control characters.
 */
static int next_param(const char *s, size_t len, size_t *pos, struct span *name, struct span *val)
{
    size_t i = skip_ows(s, len, *pos);
    size_t n;

    if (i == len)
        return 0;
    if (s[i] != ';')
        return -1;
    i = skip_ows(s, len, i + 1);
    n = token_len(s, len, i);
    if (n == 0 || i + n >= len || s[i + n] != '=')
        return -1;
    *name = (struct span){i, n};
    i += n + 1;
    if (i < len && s[i] == '"') {
        size_t j = i + 1;

        while (j < len && s[j] != '"') {
            if (is_ctl((unsigned char)s[j]))
                return -1;
            j++;
        }
        if (j == len)
            return -1;
        *val = (struct span){i + 1, j - i - 1};
        *pos = j + 1;
    } else {
        n = token_len(s, len, i);
        if (n == 0)
            return -1;
        *val = (struct span){i, n};
        *pos = i + n;
    }
    /* The value must end the header or be followed by OWS and ';'. */
    if (*pos < len && !is_ows(s[*pos]) && s[*pos] != ';')
        return -1;
    return 1;
}

/* Parses "type/subtype" at s[i..len); returns its length (0 when malformed). */
static size_t media_type_len(const char *s, size_t len, size_t i)
{
    size_t t = token_len(s, len, i), st;

    if (t == 0 || i + t >= len || s[i + t] != '/')
        return 0;
    st = token_len(s, len, i + t + 1);
    return st ? t + 1 + st : 0;
}

static int boundary_valid(const char *b, size_t n)
{
    if (n < 1 || n > MP_BOUNDARY_MAX || b[n - 1] == ' ')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_bchar((unsigned char)b[i]))
            return 0;
    return 1;
}

int mp_boundary(const char *content_type, char out[MP_BOUNDARY_MAX + 1])
{
    const char *s = content_type;
    size_t len, i, mt, pos;
    struct span name, val, found = {0, 0};
    int rc, seen = 0;

    if (s == NULL)
        return -MP_E_NOT_MULTIPART;
    len = strnlen(s, 1025);
    if (len > 1024)
        return -MP_E_BOUNDARY_PARAM;
    i = skip_ows(s, len, 0);
    mt = media_type_len(s, len, i);
    if (mt == 0 || !span_is(s + i, mt, "multipart/form-data"))
        return -MP_E_NOT_MULTIPART;
    pos = i + mt;
    while ((rc = next_param(s, len, &pos, &name, &val)) == 1) {
        if (!span_is(s + name.off, name.len, "boundary"))
            continue;
        if (seen++)
            return -MP_E_BOUNDARY_PARAM;
        found = val;
    }
    if (rc < 0 || !seen || !boundary_valid(s + found.off, found.len))
        return -MP_E_BOUNDARY_PARAM;
    memcpy(out, s + found.off, found.len);
    out[found.len] = '\0';
    return 0;
}

/* ---- the parser ---- */

static int limits_valid(const struct mp_limits *l)
{
    return l && l->max_parts > 0 && l->max_header_bytes > 0 &&
           l->max_header_bytes <= MP_HEADER_BYTES_MAX && l->max_field_bytes > 0 &&
           l->max_file_bytes > 0 && l->max_total_bytes > 0;
}

/* Enters a data-like state at the start of a line: the line break counts as matched. */
static void enter_scan(struct mp_parser *p, enum state st)
{
    p->state = st;
    p->match = 2;
    p->virt = 2;
}

int mp_create(const char *content_type, const struct mp_limits *limits,
              const struct mp_callbacks *cb, void *ctx, struct mp_parser **out)
{
    char b[MP_BOUNDARY_MAX + 1];
    struct mp_parser *p;
    size_t blen;
    int rc;

    *out = NULL;
    if (!limits_valid(limits)) {
        log_err("multipart: limits out of range");
        return -MP_E_LIMITS;
    }
    rc = mp_boundary(content_type, b);
    if (rc < 0)
        return rc;
    p = calloc(1, sizeof(*p) + limits->max_header_bytes + 1);
    if (p == NULL) {
        log_err("multipart: out of memory");
        return -MP_E_NOMEM;
    }
    p->lim = *limits;
    if (cb)
        p->cb = *cb;
    p->ctx = ctx;
    blen = strlen(b);
    memcpy(p->delim, "\r\n--", 4);
    memcpy(p->delim + 4, b, blen);
    p->dlen = 4 + blen;
    enter_scan(p, S_PREAMBLE);
    *out = p;
    return 0;
}

void mp_free(struct mp_parser *p)
{
    free(p);
}

size_t mp_parts(const struct mp_parser *p)
{
    return p->nparts;
}

static int fail(struct mp_parser *p, int rc)
{
    if (p->state != S_ERROR) {
        p->state = S_ERROR;
        p->err = rc;
    }
    return p->err;
}

/* Hands data bytes to the current data-like state. */
static int emit(struct mp_parser *p, const char *data, size_t len)
{
    uint64_t cap;

    if (len == 0)
        return 0;
    switch (p->state) {
    case S_PREAMBLE:
        if (len > p->lim.max_header_bytes - p->preamble)
            return -MP_E_BOUNDARY_MISSING;
        p->preamble += len;
        return 0;
    case S_DATA:
        cap = p->part.is_file ? p->lim.max_file_bytes : p->lim.max_field_bytes;
        if (len > cap - p->part.size)
            return p->part.is_file ? -MP_E_FILE_TOO_BIG : -MP_E_FIELD_TOO_BIG;
        p->part.size += len;
        if (p->cb.part_data && p->cb.part_data(p->ctx, &p->part, data, len) != 0)
            return -MP_E_CALLBACK;
        return 0;
    default: /* the epilogue is ignored */
        return 0;
    }
}

/* A whole delimiter matched in a data-like state. */
static int delimiter_seen(struct mp_parser *p)
{
    enum state was = p->state;

    p->match = p->virt = 0;
    if (was == S_EPILOGUE)
        return -MP_E_BOUNDARY_REPEATED;
    p->state = S_AFTER_DELIM;
    if (was == S_DATA && p->cb.part_end && p->cb.part_end(p->ctx, &p->part) != 0)
        return -MP_E_CALLBACK;
    return 0;
}

/* Continues a match carried over from earlier bytes, one byte at a time. On a
 * mismatch the matched bytes (but the virtual ones) are data. */
static int scan_carried(struct mp_parser *p, const char *s, size_t n, size_t *pi)
{
    size_t i = *pi;
    int rc = 0;

    while (i < n && p->match > 0) {
        if (s[i] == p->delim[p->match]) {
            i++;
            if (++p->match == p->dlen) {
                rc = delimiter_seen(p);
                break;
            }
            continue;
        }
        rc = emit(p, p->delim + p->virt, p->match - p->virt);
        p->match = p->virt = 0;
        break;
    }
    *pi = i;
    return rc;
}

/* Scans s[*pi..n) in a data-like state until the state changes or the chunk ends. */
static int scan(struct mp_parser *p, const char *s, size_t n, size_t *pi)
{
    enum state st = p->state;
    size_t run, from, k;
    const char *cr;
    int rc;

    if (p->match > 0) {
        rc = scan_carried(p, s, n, pi);
        if (rc < 0 || p->state != st || p->match > 0)
            return rc;
    }
    run = from = *pi;
    for (;;) {
        cr = memchr(s + from, '\r', n - from);
        if (cr == NULL) {
            *pi = n;
            return emit(p, s + run, n - run);
        }
        from = (size_t)(cr - s);
        for (k = 0; from + k < n && k < p->dlen && s[from + k] == p->delim[k]; k++)
            ;
        if (k == p->dlen || from + k == n) {
            rc = emit(p, s + run, from - run);
            if (rc < 0)
                return rc;
            *pi = from + k;
            p->match = k;
            p->virt = 0;
            return k == p->dlen ? delimiter_seen(p) : 0;
        }
        from += k > 0 ? k : 1; /* a mismatch: those bytes are data, no CR among them */
    }
}

static int part_open(struct mp_parser *p)
{
    if (p->nparts >= p->lim.max_parts)
        return -MP_E_TOO_MANY_PARTS;
    p->nparts++;
    memset(&p->part, 0, sizeof(p->part));
    p->part.index = p->nparts - 1;
    p->hlen = p->line = p->hbytes = 0;
    p->has_disp = p->has_ctype = p->has_name = p->has_filename = 0;
    p->state = S_HEADERS;
    return 0;
}

static int parse_disposition(struct mp_parser *p, size_t off, size_t len)
{
    const char *s = p->hdr + off;
    size_t t = token_len(s, len, 0), pos = t;
    struct span name, val;
    int rc;

    if (!span_is(s, t, "form-data"))
        return -MP_E_DISPOSITION;
    while ((rc = next_param(s, len, &pos, &name, &val)) == 1) {
        int *seen = NULL;
        struct span *dst = NULL;

        if (span_is(s + name.off, name.len, "name")) {
            seen = &p->has_name;
            dst = &p->name;
        } else if (span_is(s + name.off, name.len, "filename")) {
            seen = &p->has_filename;
            dst = &p->filename;
        } else {
            continue; /* other parameters (filename*, size…) are ignored */
        }
        if (*seen)
            return -MP_E_DISPOSITION;
        *seen = 1;
        *dst = (struct span){off + val.off, val.len};
    }
    if (rc < 0)
        return -MP_E_DISPOSITION;
    if (!p->has_name || p->name.len == 0)
        return -MP_E_NO_NAME;
    return 0;
}

static int parse_part_type(struct mp_parser *p, size_t off, size_t len)
{
    char *s = p->hdr + off;
    size_t mt = media_type_len(s, len, 0), pos = mt;
    struct span name, val;
    int rc;

    if (mt == 0)
        return -MP_E_PART_TYPE;
    while ((rc = next_param(s, len, &pos, &name, &val)) == 1)
        ;
    if (rc < 0)
        return -MP_E_PART_TYPE;
    for (size_t i = 0; i < mt; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] = (char)(s[i] - 'A' + 'a');
    p->ctype = (struct span){off, mt};
    return 0;
}

/* One complete header line hdr[off..off+n) (NUL after it). */
static int header_line(struct mp_parser *p, size_t off, size_t n)
{
    const char *l = p->hdr + off;
    size_t blen = p->dlen - 4, name, v, e;

    if (n >= 2 + blen && memcmp(l, p->delim + 2, 2 + blen) == 0)
        return -MP_E_BOUNDARY_REPEATED;
    name = token_len(l, n, 0);
    if (name == 0 || name == n || l[name] != ':')
        return -MP_E_HEADER_MALFORMED; /* also folded lines, which start with OWS */
    v = skip_ows(l, n, name + 1);
    for (e = n; e > v && is_ows(l[e - 1]); e--)
        ;
    if (span_is(l, name, "content-disposition")) {
        if (p->has_disp++)
            return -MP_E_HEADER_DUPLICATE;
        return parse_disposition(p, off + v, e - v);
    }
    if (span_is(l, name, "content-type")) {
        if (p->has_ctype++)
            return -MP_E_HEADER_DUPLICATE;
        return parse_part_type(p, off + v, e - v);
    }
    return -MP_E_HEADER_NOT_ALLOWED;
}

static const char *span_str(struct mp_parser *p, const struct span *sp)
{
    p->hdr[sp->off + sp->len] = '\0';
    return p->hdr + sp->off;
}

/* The blank line: the part's headers are complete. */
static int headers_done(struct mp_parser *p)
{
    if (!p->has_disp)
        return -MP_E_NO_DISPOSITION;
    p->part.name = span_str(p, &p->name);
    p->part.filename = p->has_filename ? span_str(p, &p->filename) : NULL;
    p->part.content_type = p->has_ctype ? span_str(p, &p->ctype) : NULL;
    p->part.is_file = p->has_filename;
    enter_scan(p, S_DATA);
    if (p->cb.part_begin && p->cb.part_begin(p->ctx, &p->part) != 0)
        return -MP_E_CALLBACK;
    return 0;
}

static int header_byte(struct mp_parser *p, unsigned char c)
{
    if (++p->hbytes > p->lim.max_header_bytes)
        return -MP_E_HEADERS_TOO_BIG;
    if (p->state == S_HEADER_CR) {
        size_t start = p->line, n = p->hlen - start;

        if (c != '\n')
            return -MP_E_HEADER_MALFORMED;
        if (n == 0)
            return headers_done(p);
        p->hdr[p->hlen++] = '\0';
        p->line = p->hlen;
        p->state = S_HEADERS;
        return header_line(p, start, n);
    }
    if (c == '\r') {
        p->state = S_HEADER_CR;
        return 0;
    }
    if (c == '\n' || is_ctl(c))
        return -MP_E_HEADER_MALFORMED;
    p->hdr[p->hlen++] = (char)c;
    return 0;
}

/* One byte in a state between data-like states. */
static int step(struct mp_parser *p, unsigned char c)
{
    switch (p->state) {
    case S_AFTER_DELIM:
        if (c == '-') {
            p->state = S_CLOSE_DASH;
            return 0;
        }
        p->state = S_PADDING;
        return step(p, c);
    case S_PADDING:
        if (c == ' ' || c == '\t')
            return 0;
        if (c != '\r')
            return -MP_E_BOUNDARY_MALFORMED;
        p->state = S_DELIM_CR;
        return 0;
    case S_CLOSE_DASH:
        if (c != '-')
            return -MP_E_BOUNDARY_MALFORMED;
        if (p->nparts == 0)
            return -MP_E_NO_PARTS;
        p->state = S_AFTER_CLOSE;
        return 0;
    case S_DELIM_CR:
        return c == '\n' ? part_open(p) : -MP_E_BOUNDARY_MALFORMED;
    case S_HEADERS:
    case S_HEADER_CR:
        return header_byte(p, c);
    case S_AFTER_CLOSE:
        if (c == ' ' || c == '\t')
            return 0;
        if (c != '\r')
            return -MP_E_BOUNDARY_MALFORMED;
        p->state = S_CLOSE_CR;
        return 0;
    case S_CLOSE_CR:
        if (c != '\n')
            return -MP_E_BOUNDARY_MALFORMED;
        enter_scan(p, S_EPILOGUE);
        return 0;
    default:
        return -MP_E_CALLBACK; /* not reached: data-like states scan */
    }
}

static int data_like(enum state st)
{
    return st == S_PREAMBLE || st == S_DATA || st == S_EPILOGUE;
}

int mp_feed(struct mp_parser *p, const void *data, size_t len)
{
    const char *s = data;
    uint64_t room = p->lim.max_total_bytes - p->total;
    size_t n = len, i = 0;
    int rc = 0;

    if (p->state == S_ERROR)
        return p->err;
    if (len > room)
        n = (size_t)room; /* parse up to the cap so errors come at the same byte */
    p->total += n;
    while (i < n && rc == 0) {
        if (data_like(p->state))
            rc = scan(p, s, n, &i);
        else
            rc = step(p, (unsigned char)s[i++]);
    }
    if (rc == 0 && n < len)
        rc = -MP_E_TOTAL_TOO_BIG;
    return rc < 0 ? fail(p, rc) : 0;
}

int mp_finish(struct mp_parser *p)
{
    switch (p->state) {
    case S_ERROR:
        return p->err;
    case S_AFTER_CLOSE:
    case S_EPILOGUE:
        return 0;
    case S_PREAMBLE:
        return fail(p, -MP_E_BOUNDARY_MISSING);
    default:
        return fail(p, -MP_E_TRUNCATED);
    }
}

/* ---- filenames ---- */

static int cp_dropped(utf8proc_int32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '/' || c == '\\' || c == '"' ||
           c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

/* Valid UTF-8 of in (invalid bytes as U+FFFD) without dropped characters, into a
 * fresh NUL-terminated string (caller frees), or NULL. */
static char *filename_clean(const char *in, size_t len)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)in;
    utf8proc_int32_t c;
    utf8proc_ssize_t r;
    size_t i = 0, o = 0;
    char *out;

    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    out = malloc(3 * len + 1); /* U+FFFD (3 bytes) for one byte at most triples */
    if (out == NULL)
        return NULL;
    while (i < len) {
        r = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
        if (r <= 0) {
            c = 0xfffd;
            r = 1;
        }
        i += (size_t)r;
        if (!cp_dropped(c))
            o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + o);
    }
    out[o] = '\0';
    return out;
}

/* Collapses runs of dots, trims leading dots and spaces and trailing dots and spaces,
 * in place (ASCII bytes never occur inside multi-byte UTF-8). Returns the length. */
static size_t filename_dots(char *s)
{
    size_t o = 0, i = 0;

    while (s[i] == '.' || s[i] == ' ')
        i++;
    for (; s[i]; i++) {
        if (s[i] == '.' && o > 0 && s[o - 1] == '.')
            continue;
        s[o++] = s[i];
    }
    while (o > 0 && (s[o - 1] == '.' || s[o - 1] == ' '))
        o--;
    s[o] = '\0';
    return o;
}

/* Largest length <= max that does not cut a UTF-8 sequence of s. */
static size_t utf8_cut(const char *s, size_t max)
{
    while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
        max--;
    return max;
}

/* Writes at most MP_FILENAME_MAX bytes of s (length n) to out, keeping an extension of
 * up to 16 bytes. */
static size_t filename_cap(const char *s, size_t n, char *out)
{
    const char *dot = memrchr(s, '.', n);
    size_t ext = dot ? n - (size_t)(dot - s) : 0, stem;

    if (n <= MP_FILENAME_MAX) {
        memcpy(out, s, n);
        out[n] = '\0';
        return n;
    }
    if (ext > 16 || ext == n)
        ext = 0;
    stem = utf8_cut(s, MP_FILENAME_MAX - ext);
    while (stem > 0 && (s[stem - 1] == '.' || s[stem - 1] == ' '))
        stem--;
    memcpy(out, s, stem);
    memcpy(out + stem, s + n - ext, ext);
    out[stem + ext] = '\0';
    return stem + ext;
}

size_t mp_sanitize_filename(const char *in, size_t len, char out[MP_FILENAME_MAX + 1])
{
    static const char fallback[] = "tệp";
    char *clean = filename_clean(in ? in : "", in ? len : 0);
    char *nfc = NULL;
    const char *s;
    size_t n = 0;

    if (clean) {
        nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)clean);
        s = nfc ? nfc : clean;
        n = filename_dots((char *)s);
        n = filename_cap(s, n, out);
    }
    free(nfc);
    free(clean);
    if (n == 0) {
        memcpy(out, fallback, sizeof(fallback));
        n = sizeof(fallback) - 1;
    }
    return n;
}
