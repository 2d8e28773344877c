/*
 * mustache.c — the Mustache engine (mustache.h).
 *
 * Compiling runs in three steps: tokenize with the delimiters in force, mark the
 * standalone lines (a line holding only whitespace and non-interpolation tags
 * loses its indentation and newline; the indentation is kept on the tag), then
 * build the tree. Standalone partials, parents and overriding blocks are
 * re-indented on their source text and compiled again, once per indentation: the
 * spec says the indentation is applied before rendering.
 */
#include "mustache.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind {
    K_TEXT,
    K_VAR,
    K_UVAR,
    K_SECTION,
    K_INVERTED,
    K_CLOSE,
    K_COMMENT,
    K_PARTIAL,
    K_PARENT,
    K_BLOCK,
    K_DELIM
};

struct tmpl;

struct variant { /* a re-indented copy of a block's content, compiled */
    char *indent;
    struct tmpl *t;
    struct variant *next;
};

struct node {
    enum kind kind;
    char *text; /* TEXT: the bytes; tags: the name */
    size_t len;
    size_t head;       /* tags: the bytes of the name before its first dot (all: no dot) */
    char *indent;      /* PARTIAL/PARENT: standalone indentation; BLOCK: the site's */
    struct tmpl *body; /* SECTION, INVERTED, PARENT (its blocks), BLOCK (default) */
    char *src;         /* BLOCK: the raw content, for re-indenting an override */
    size_t srclen;
    char *def_indent;    /* BLOCK: indentation the content was written with */
    char od[16], cd[16]; /* BLOCK: delimiters in force at the tag */
    struct variant *variants;
    int line;
};

struct tmpl {
    struct node *n;
    size_t count, cap;
};

struct entry {
    char *name;
    struct tmpl *t;
    char *src; /* kept to build indented variants */
    size_t srclen;
    int from_file;
    struct entry *next;
};

struct mst_set {
    char *dir;
    struct entry *entries;
};

struct token {
    enum kind kind;
    const char *s; /* text, or the tag's trimmed content */
    size_t len;
    size_t tag_start, tag_end, line_start;
    int line;
    int standalone;
    int keep_nl;
    const char *ind;
    size_t ind_len;
    char od[16], cd[16];
};

struct toks {
    struct token *v;
    size_t n, cap;
};

/* ---- small helpers ---- */

static void set_err(struct mst_error *e, int line, const char *fmt, const char *arg)
{
    if (e == NULL)
        return;
    e->line = line;
    snprintf(e->msg, sizeof(e->msg), fmt, arg ? arg : "");
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t';
}

static int tok_push(struct toks *t, const struct token *k)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct token *v = realloc(t->v, cap * sizeof(*v));
        if (v == NULL)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = *k;
    return 0;
}

static void tmpl_free(struct tmpl *t);

static void node_free(struct node *n)
{
    struct variant *v = n->variants;

    free(n->text);
    free(n->indent);
    free(n->src);
    free(n->def_indent);
    tmpl_free(n->body);
    while (v) {
        struct variant *next = v->next;
        free(v->indent);
        tmpl_free(v->t);
        free(v);
        v = next;
    }
}

static void tmpl_free(struct tmpl *t)
{
    size_t i;

    if (t == NULL)
        return;
    for (i = 0; i < t->count; i++)
        node_free(&t->n[i]);
    free(t->n);
    free(t);
}

static struct node *tmpl_add(struct tmpl *t)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        struct node *v = realloc(t->n, cap * sizeof(*v));
        if (v == NULL)
            return NULL;
        t->n = v;
        t->cap = cap;
    }
    memset(&t->n[t->count], 0, sizeof(struct node));
    return &t->n[t->count++];
}

/* ---- tokenizer ---- */

static int tag_kind(char c, enum kind *k)
{
    switch (c) {
    case '#':
        *k = K_SECTION;
        return 1;
    case '^':
        *k = K_INVERTED;
        return 1;
    case '/':
        *k = K_CLOSE;
        return 1;
    case '!':
        *k = K_COMMENT;
        return 1;
    case '>':
        *k = K_PARTIAL;
        return 1;
    case '<':
        *k = K_PARENT;
        return 1;
    case '$':
        *k = K_BLOCK;
        return 1;
    case '=':
        *k = K_DELIM;
        return 1;
    case '&':
        *k = K_UVAR;
        return 1;
    default:
        *k = K_VAR;
        return 0;
    }
}

static void trim(const char **s, size_t *len)
{
    while (*len && is_ws(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_ws((*s)[*len - 1]))
        (*len)--;
}

/* Parses "=<% %>=" content into new delimiters. */
static int parse_delims(const char *s, size_t len, char *od, char *cd)
{
    size_t i = 0, a, b;

    if (len < 3 || s[len - 1] != '=')
        return -1;
    len--;
    while (i < len && is_ws(s[i]))
        i++;
    a = i;
    while (i < len && !is_ws(s[i]) && s[i] != '=')
        i++;
    b = i;
    if (b == a || b - a >= 16)
        return -1;
    memcpy(od, s + a, b - a);
    od[b - a] = '\0';
    while (i < len && is_ws(s[i]))
        i++;
    a = i;
    while (i < len && !is_ws(s[i]))
        i++;
    if (i == a || i - a >= 16)
        return -1;
    memcpy(cd, s + a, i - a);
    cd[i - a] = '\0';
    while (i < len && is_ws(s[i]))
        i++;
    return i == len ? 0 : -1;
}

static int count_lines(const char *s, size_t from, size_t to)
{
    int n = 0;

    for (; from < to; from++)
        n += s[from] == '\n';
    return n;
}

/* Reads one tag at src[pos] (which starts with the open delimiter). */
static int read_tag(const char *src, size_t len, size_t pos, char *od, char *cd, struct token *k,
                    size_t *next, struct mst_error *err)
{
    size_t ol = strlen(od), cl = strlen(cd), start = pos + ol, end;
    const char *close, *s;
    int triple = 0;
    size_t n;

    if (start < len && src[start] == '{' && !strcmp(od, "{{")) {
        triple = 1;
        start++;
    }
    close = memmem(src + start, len - start, triple ? "}" : cd, triple ? 1 : cl);
    if (close == NULL)
        return set_err(err, k->line, "unclosed tag%s", ""), -1;
    end = (size_t)(close - src);
    if (triple) {
        if (end + 1 + cl > len || memcmp(src + end + 1, cd, cl) != 0)
            return set_err(err, k->line, "unclosed triple mustache%s", ""), -1;
        *next = end + 1 + cl;
    } else {
        *next = end + cl;
    }
    s = src + start;
    n = end - start;
    if (n > MST_MAX_TAG)
        return set_err(err, k->line, "tag longer than %s bytes", "256"), -1;
    trim(&s, &n);
    if (triple) {
        k->kind = K_UVAR;
    } else if (n && tag_kind(s[0], &k->kind)) {
        if (k->kind != K_COMMENT && k->kind != K_DELIM) {
            s++;
            n--;
            trim(&s, &n);
        }
    }
    if (k->kind == K_DELIM) {
        if (n < 1 || parse_delims(s + 1, n - 1, od, cd) != 0)
            return set_err(err, k->line, "bad delimiter tag%s", ""), -1;
    } else if (k->kind != K_COMMENT && n == 0) {
        return set_err(err, k->line, "empty tag%s", ""), -1;
    }
    k->s = s;
    k->len = n;
    k->tag_start = pos;
    k->tag_end = *next;
    return 0;
}

static int tokenize(const char *src, size_t len, const char *od0, const char *cd0, struct toks *t,
                    struct mst_error *err)
{
    char od[16], cd[16];
    size_t pos = 0;
    int line = 1;

    snprintf(od, sizeof(od), "%s", od0);
    snprintf(cd, sizeof(cd), "%s", cd0);
    while (pos < len) {
        const char *open = memmem(src + pos, len - pos, od, strlen(od));
        size_t text_end = open ? (size_t)(open - src) : len;
        struct token k = {0};
        if (text_end > pos) { /* text, split after each newline */
            size_t a = pos;
            while (a < text_end) {
                const char *nl = memchr(src + a, '\n', text_end - a);
                size_t b = nl ? (size_t)(nl - src) + 1 : text_end;
                struct token tx = {K_TEXT, src + a, b - a, a, b, 0, line, 0, 0, NULL, 0, "", ""};
                if (tok_push(t, &tx) != 0)
                    return -1;
                line += nl != NULL;
                a = b;
            }
        }
        if (open == NULL)
            break;
        k.line = line;
        memcpy(k.od, od, sizeof(od));
        memcpy(k.cd, cd, sizeof(cd));
        if (read_tag(src, len, text_end, od, cd, &k, &pos, err) != 0)
            return -1;
        line += count_lines(src, k.tag_start, k.tag_end);
        if (tok_push(t, &k) != 0)
            return -1;
    }
    return 0;
}

/* ---- standalone lines ---- */

static int eligible(enum kind k)
{
    return k != K_TEXT && k != K_VAR && k != K_UVAR;
}

static int all_ws(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (!is_ws(s[i]) && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

/* Is [a, b) one standalone line? Tokens a..b-1, the last text ends the line. */
static void mark_line(const char *src, struct token *v, size_t a, size_t b)
{
    size_t i, tags = 0, first = b;
    const struct token *last = &v[b - 1];

    for (i = a; i < b; i++) {
        if (v[i].kind == K_TEXT) {
            if (!all_ws(v[i].s, v[i].len))
                return;
        } else if (!eligible(v[i].kind)) {
            return;
        } else {
            tags++;
            if (first == b)
                first = i;
        }
    }
    if (tags == 0)
        return;
    v[first].ind = src + v[a].tag_start;
    v[first].ind_len = v[first].tag_start - v[a].tag_start;
    for (i = a; i < b; i++) {
        if (v[i].kind != K_TEXT) {
            v[i].standalone = 1;
            continue;
        }
        v[i].len = 0;
    }
    /* A block opened and closed on the same line keeps the line's newline. */
    for (i = first; i + 1 < b; i++)
        if (v[i].kind == K_BLOCK && v[i + 1].kind == K_CLOSE && last->kind == K_TEXT)
            v[b - 1].keep_nl = 1;
}

static void mark_standalone(const char *src, struct toks *t)
{
    size_t a = 0, i;

    for (i = 0; i < t->n; i++) {
        struct token *k = &t->v[i];
        int ends = k->kind == K_TEXT && k->len && k->s[k->len - 1] == '\n';
        if (ends || i + 1 == t->n) {
            mark_line(src, t->v, a, i + 1);
            a = i + 1;
        }
    }
    for (i = 0; i < t->n; i++) { /* restore the newline of a same-line block */
        struct token *k = &t->v[i];
        if (k->keep_nl && k->kind == K_TEXT) {
            const char *s = src + k->tag_start;
            size_t full = k->tag_end - k->tag_start;
            size_t nl = (full >= 2 && s[full - 2] == '\r') ? 2 : 1;
            k->s = s + full - nl;
            k->len = nl;
        }
    }
}

/* ---- tree ---- */

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);

    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* Leading whitespace of the first line of s[0..len). */
static char *first_indent(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len && is_ws(s[i]))
        i++;
    return dupn(s, i);
}

/* Start of the line holding offset pos. */
static size_t line_start(const char *src, size_t pos)
{
    while (pos > 0 && src[pos - 1] != '\n')
        pos--;
    return pos;
}

/* After the newline ending the line that holds offset pos (or len). */
static size_t line_end(const char *src, size_t len, size_t pos)
{
    const char *nl = memchr(src + pos, '\n', len - pos);

    return nl ? (size_t)(nl - src) + 1 : len;
}

static int block_info(const char *src, size_t len, const struct token *open,
                      const struct token *close, struct node *n)
{
    size_t a = open->standalone ? line_end(src, len, open->tag_end) : open->tag_end;
    size_t b = close->standalone ? line_start(src, close->tag_start) : close->tag_start;

    if (b < a)
        b = a;
    n->src = dupn(src + a, b - a);
    n->srclen = b - a;
    n->def_indent = open->standalone ? first_indent(src + a, b - a) : dupn("", 0);
    if (!open->standalone)
        n->indent = dupn("", 0);
    else if (b > a)
        n->indent = first_indent(src + a, b - a);
    else
        n->indent = dupn(open->ind ? open->ind : "", open->ind_len);
    memcpy(n->od, open->od, sizeof(n->od));
    memcpy(n->cd, open->cd, sizeof(n->cd));
    return n->src && n->def_indent && n->indent ? 0 : -1;
}

static struct tmpl *build(const char *src, size_t len, struct toks *t, size_t *i, int depth,
                          const struct token *opener, struct mst_error *err);

static int build_tag(const char *src, size_t len, struct toks *t, size_t *i, int depth,
                     struct tmpl *out, struct mst_error *err)
{
    struct token *k = &t->v[*i];
    struct node *n;
    const char *dot;

    if (k->kind == K_COMMENT || k->kind == K_DELIM)
        return 0;
    n = tmpl_add(out);
    if (n == NULL)
        return -1;
    n->kind = k->kind;
    n->line = k->line;
    n->text = dupn(k->s, k->len);
    n->len = k->len;
    if (n->text == NULL)
        return -1;
    dot = memchr(n->text, '.', n->len); /* a name may hold a NUL: not strcspn */
    n->head = dot ? (size_t)(dot - n->text) : n->len;
    if (k->kind == K_PARTIAL || k->kind == K_PARENT)
        n->indent = k->standalone ? dupn(k->ind ? k->ind : "", k->ind_len) : dupn("", 0);
    if (k->kind == K_SECTION || k->kind == K_INVERTED || k->kind == K_PARENT ||
        k->kind == K_BLOCK) {
        size_t open = *i;
        (*i)++;
        n->body = build(src, len, t, i, depth + 1, &t->v[open], err);
        if (n->body == NULL)
            return -1;
        if (k->kind == K_BLOCK && block_info(src, len, &t->v[open], &t->v[*i], n) != 0)
            return -1;
    }
    return 0;
}

/* Builds nodes until the close tag of opener (or the end when opener is NULL). */
static struct tmpl *build(const char *src, size_t len, struct toks *t, size_t *i, int depth,
                          const struct token *opener, struct mst_error *err)
{
    struct tmpl *out = calloc(1, sizeof(*out));

    if (out == NULL)
        return NULL;
    if (depth > MST_MAX_DEPTH) {
        set_err(err, opener ? opener->line : 0, "sections nested deeper than %s", "64");
        goto fail;
    }
    for (; *i < t->n; (*i)++) {
        struct token *k = &t->v[*i];
        if (k->kind == K_TEXT) {
            struct node *n;
            if (k->len == 0)
                continue;
            n = tmpl_add(out);
            if (n == NULL || (n->text = dupn(k->s, k->len)) == NULL)
                goto fail;
            n->kind = K_TEXT;
            n->len = k->len;
        } else if (k->kind == K_CLOSE) {
            if (opener == NULL || opener->len != k->len || memcmp(opener->s, k->s, k->len)) {
                set_err(err, k->line, "unexpected closing tag %s", "");
                if (err)
                    snprintf(err->msg, sizeof(err->msg), "closing tag /%.*s does not match %s%.*s",
                             (int)k->len, k->s, opener ? "" : "any open section",
                             opener ? (int)opener->len : 0, opener ? opener->s : "");
                goto fail;
            }
            return out;
        } else if (build_tag(src, len, t, i, depth, out, err) != 0) {
            goto fail;
        }
    }
    if (opener) {
        set_err(err, opener->line, "section %s is never closed", "");
        if (err)
            snprintf(err->msg, sizeof(err->msg), "section %.*s is never closed", (int)opener->len,
                     opener->s);
        goto fail;
    }
    return out;
fail:
    tmpl_free(out);
    return NULL;
}

static struct tmpl *compile(const char *src, size_t len, const char *od, const char *cd,
                            struct mst_error *err)
{
    struct toks t = {0};
    struct tmpl *out = NULL;
    size_t i = 0;

    if (len > MST_MAX_SIZE) {
        set_err(err, 0, "template larger than %s", "1 MiB");
        return NULL;
    }
    if (tokenize(src, len, od, cd, &t, err) == 0) {
        mark_standalone(src, &t);
        out = build(src, len, &t, &i, 0, NULL, err);
    } else if (err && err->msg[0] == '\0') {
        set_err(err, 0, "out of memory%s", "");
    }
    free(t.v);
    return out;
}

/* Prefixes every line of s with ind after removing strip from its start. Returns
 * a malloc'ed copy (the caller frees it), or NULL on no memory or when the result
 * would exceed MST_MAX_SIZE (many short lines times a long indentation). */
static char *reindent(const char *s, size_t len, const char *strip, const char *ind, size_t *out,
                      struct mst_error *err)
{
    struct buf b = BUF_INIT;
    size_t i = 0, sl = strlen(strip), il = strlen(ind);

    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) + 1 : len;
        if (sl && end - i >= sl && memcmp(s + i, strip, sl) == 0)
            i += sl;
        if (b.len + il + (end - i) > MST_MAX_SIZE) {
            set_err(err, 0, "indented template larger than %s", "1 MiB");
            buf_free(&b);
            return NULL;
        }
        if (buf_append(&b, ind, il) || buf_append(&b, s + i, end - i)) {
            buf_free(&b);
            return NULL;
        }
        i = end;
    }
    *out = b.len;
    return buf_steal(&b);
}

/* ---- the set ---- */

struct mst_set *mst_set_new(const char *dir)
{
    struct mst_set *s = calloc(1, sizeof(*s));

    if (s && dir && (s->dir = strdup(dir)) == NULL) {
        free(s);
        return NULL;
    }
    return s;
}

static int name_ok(const char *name)
{
    const char *p;

    if (name[0] == '\0' || name[0] == '/' || strlen(name) > MST_MAX_NAME || strstr(name, ".."))
        return 0;
    for (p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-' || *p == '/'))
            return 0;
    return 1;
}

static struct entry *find(struct mst_set *s, const char *name)
{
    struct entry *e;

    for (e = s->entries; e; e = e->next)
        if (strcmp(e->name, name) == 0)
            return e;
    return NULL;
}

/* Stores t (and a copy of its source, when given) under name; takes t. */
static int put(struct mst_set *s, const char *name, struct tmpl *t, const char *src, size_t len,
               int from_file)
{
    struct entry *e = find(s, name);
    char *copy = src ? dupn(src, len) : NULL;

    if (src && copy == NULL) {
        tmpl_free(t);
        return -1;
    }
    if (e) {
        tmpl_free(e->t);
        free(e->src);
        e->t = t;
        e->src = copy;
        e->srclen = len;
        e->from_file = from_file;
        return 0;
    }
    e = calloc(1, sizeof(*e));
    if (e == NULL || (e->name = strdup(name)) == NULL) {
        free(e);
        free(copy);
        tmpl_free(t);
        return -1;
    }
    e->src = copy;
    e->srclen = len;
    e->t = t;
    e->from_file = from_file;
    e->next = s->entries;
    s->entries = e;
    return 0;
}

/* Reads <dir>/<name>.mustache; 1 when found, 0 when absent, -1 on error. */
static int load_file(struct mst_set *s, const char *name, char **text, size_t *len)
{
    char path[4400];
    struct buf b = BUF_INIT;

    if (s->dir == NULL || !name_ok(name))
        return 0;
    snprintf(path, sizeof(path), "%s/%s.mustache", s->dir, name);
    if (buf_read_file(&b, path, MST_MAX_SIZE) != 0) {
        int absent = errno == ENOENT;
        buf_free(&b);
        return absent ? 0 : -1;
    }
    *len = b.len;
    *text = buf_steal(&b);
    return 1;
}

/* The base entry of `name`: from memory, or compiled from its file. */
static struct entry *base_entry(struct mst_set *s, const char *name, int *failed,
                                struct mst_error *err)
{
    struct entry *e = find(s, name);
    char *text = NULL;
    size_t len = 0;
    struct tmpl *t;
    int rc;

    if (e)
        return e;
    rc = load_file(s, name, &text, &len);
    if (rc < 0)
        set_err(err, 0, "cannot read template %s", name);
    if (rc <= 0) {
        *failed = rc < 0;
        return NULL;
    }
    t = compile(text, len, "{{", "}}", err);
    if (t == NULL || put(s, name, t, text, len, 1) != 0) {
        if (err && err->msg[0])
            snprintf(err->msg + strlen(err->msg), sizeof(err->msg) - strlen(err->msg), " (in %s)",
                     name);
        *failed = 1;
        free(text);
        return NULL;
    }
    free(text);
    return find(s, name);
}

/* The template `name` indented by ind ("" for none); NULL when there is none.
 * *failed is set on a read or compile error. */
static struct tmpl *lookup(struct mst_set *s, const char *name, const char *ind, int *failed,
                           struct mst_error *err)
{
    char key[MST_MAX_NAME + 300];
    struct entry *base, *e;
    char *re;
    size_t rlen;
    struct tmpl *t;

    if (!name_ok(name))
        return NULL;
    if (strlen(ind) > 256) {
        set_err(err, 0, "partials indented deeper than %s columns", "256");
        *failed = 1;
        return NULL;
    }
    base = base_entry(s, name, failed, err);
    if (base == NULL || ind[0] == '\0')
        return base ? base->t : NULL;
    snprintf(key, sizeof(key), "%s\x1f%s", name, ind);
    if ((e = find(s, key)) != NULL)
        return e->t;
    re = reindent(base->src, base->srclen, "", ind, &rlen, err);
    t = re ? compile(re, rlen, "{{", "}}", err) : NULL;
    free(re);
    if (t == NULL || put(s, key, t, NULL, 0, base->from_file) != 0) {
        *failed = 1;
        return NULL;
    }
    return t;
}

/* Drops the indented variants of name (after it was replaced). */
static int drop_variants(struct mst_set *set, const char *name)
{
    struct entry **p = &set->entries;
    size_t n = strlen(name);

    while (*p) {
        struct entry *e = *p;
        if (strncmp(e->name, name, n) == 0 && e->name[n] == '\x1f') {
            *p = e->next;
            tmpl_free(e->t);
            free(e->src);
            free(e->name);
            free(e);
        } else {
            p = &e->next;
        }
    }
    return 0;
}

int mst_set_add(struct mst_set *set, const char *name, const char *src, size_t len,
                struct mst_error *err)
{
    struct tmpl *t;

    if (!name_ok(name)) {
        set_err(err, 0, "bad template name %s", name);
        return -1;
    }
    t = compile(src, len, "{{", "}}", err);
    if (t == NULL)
        return -1;
    if (put(set, name, t, src, len, 0) != 0)
        return -1;
    return drop_variants(set, name);
}

/* ---- rendering ---- */

struct frame { /* the blocks of one parent tag being rendered */
    const struct tmpl *blocks;
};

/* A value in a context: JSON, or (#9) a table, one of its rows, or one of its cells. */
enum vkind { V_JSON, V_TABLE, V_ROW, V_CELL };

struct val {
    enum vkind kind;
    json_t *j;        /* V_JSON; NULL = missing */
    const char *cell; /* V_CELL */
    size_t row;       /* V_ROW */
};

static const struct val missing = {V_JSON, NULL, NULL, 0};

/* A tag name's column in the table, found once per render: the names are the compiled
 * template's (their addresses stay put while it renders), rows are many. An open-
 * addressed table keyed by the name's address; a full memo only means a scan. */
#define COL_MEMO_BITS 6
#define COL_MEMO      (1 << COL_MEMO_BITS)
struct col_memo {
    const char *name; /* NULL: empty slot */
    size_t len;
    long col; /* -1: no such column */
};

struct render {
    struct mst_set *set;
    struct buf *out;
    const struct mst_table *table; /* NULL, or a list beside the data */
    struct col_memo memo[COL_MEMO];
    struct val stack[MST_MAX_DEPTH * 2 + 2];
    int sp;
    struct frame frames[MST_MAX_DEPTH + 1];
    int nframes;
    int depth;
    long steps; /* nodes visited: bounds the work of a hostile template */
    struct mst_error *err;
};

static int render(struct render *r, const struct tmpl *t);

static struct val json_val(json_t *j)
{
    struct val v = {V_JSON, j, NULL, 0};
    return v;
}

/* 1 when the string z is the name n of len bytes (which may hold a NUL: tag names come
 * from templates as written), else 0. */
static int same_name(const char *z, const char *n, size_t len)
{
    return strnlen(z, len + 1) == len && memcmp(z, n, len) == 0;
}

/* The column of the table named n (len bytes), or -1. */
static long table_scan(const struct mst_table *t, const char *n, size_t len)
{
    for (size_t k = 0; k < t->ncols; k++)
        if (same_name(t->cols[k], n, len))
            return (long)k;
    return -1;
}

/* table_scan, remembered: the slot comes from the address's bits mixed (Fibonacci
 * hashing; names allocated side by side differ only in a few low bits). */
static long table_col(struct render *r, const char *n, size_t len)
{
    size_t h = (size_t)(((uint64_t)(uintptr_t)n * 0x9E3779B97F4A7C15u) >> (64 - COL_MEMO_BITS));

    for (size_t i = 0; i < COL_MEMO; i++) {
        struct col_memo *m = &r->memo[(h + i) % COL_MEMO];
        if (m->name == n && m->len == len)
            return m->col;
        if (m->name == NULL) {
            *m = (struct col_memo){n, len, table_scan(r->table, n, len)};
            return m->col;
        }
    }
    return table_scan(r->table, n, len);
}

/* The cell of column n (len bytes) in row of the table; NULL: no such column, or a
 * NULL cell (a missing key). */
static const char *cell_of(struct render *r, size_t row, const char *n, size_t len)
{
    long k = table_col(r, n, len);

    return k >= 0 ? r->table->cells[row * r->table->ncols + (size_t)k] : NULL;
}

/* Name n (len bytes) in context frame c: a key of an object, a column of a row whose
 * cell is present, or the table under its name in the data; else missing. */
static struct val lookup_in(struct render *r, const struct val *c, int root, const char *n,
                            size_t len)
{
    const struct mst_table *t = r->table;
    struct val v = missing;

    if (c->kind == V_ROW) {
        const char *cell = cell_of(r, c->row, n, len);
        if (cell) { /* a NULL cell is a missing key */
            v.kind = V_CELL;
            v.cell = cell;
        }
        return v;
    }
    if (root && t && same_name(t->name, n, len)) {
        v.kind = V_TABLE;
        return v;
    }
    if (c->kind == V_JSON && json_is_object(c->j))
        v.j = json_object_getn(c->j, n, len);
    return v;
}

static int found(const struct val *v)
{
    return v->kind != V_JSON || v->j != NULL;
}

/* Resolves the (dotted) name of tag t against the context stack. */
static struct val resolve(struct render *r, const struct node *t)
{
    const char *name = t->text, *end = name + t->len, *dot;
    struct val v = missing;
    size_t n = t->head;
    int i;

    if (t->len == 1 && name[0] == '.')
        return r->sp > 0 ? r->stack[r->sp - 1] : missing;
    dot = n < t->len ? name + n : NULL;
    for (i = r->sp - 1; i >= 0 && !found(&v); i--)
        v = lookup_in(r, &r->stack[i], i == 0, name, n);
    while (found(&v) && dot) {
        const char *next = memchr(dot + 1, '.', (size_t)(end - dot - 1));
        n = (size_t)((next ? next : end) - dot - 1);
        v = v.kind == V_JSON || v.kind == V_ROW ? lookup_in(r, &v, 0, dot + 1, n) : missing;
        dot = next;
    }
    return v;
}

static int falsy(const struct render *r, const struct val *v)
{
    if (v->kind == V_TABLE)
        return r->table->nrows == 0;
    if (v->kind != V_JSON)
        return 0;
    return v->j == NULL || json_is_false(v->j) || json_is_null(v->j) ||
           (json_is_array(v->j) && json_array_size(v->j) == 0);
}

static int put_cell(struct render *r, const char *cell, int escape)
{
    return escape ? buf_html_escape_str(r->out, cell) : buf_puts(r->out, cell);
}

static int put_value(struct render *r, const struct val *vv, int escape)
{
    char num[64];
    const char *s = num;
    size_t len;
    const json_t *v = vv->j;

    if (vv->kind == V_CELL)
        return put_cell(r, vv->cell, escape);
    if (vv->kind != V_JSON || v == NULL || json_is_null(v))
        return 0; /* a table and its rows print nothing, as arrays and objects */
    if (json_is_string(v)) {
        s = json_string_value(v);
        len = json_string_length(v);
    } else if (json_is_integer(v)) {
        s = int_text(json_integer_value(v), num, &len);
    } else if (json_is_real(v)) {
        len = (size_t)snprintf(num, sizeof(num), "%.15g", json_real_value(v));
    } else if (json_is_boolean(v)) {
        s = json_is_true(v) ? "true" : "false";
        len = strlen(s);
    } else {
        return 0; /* objects and arrays print nothing */
    }
    return escape ? buf_html_escape(r->out, s, len) : buf_append(r->out, s, len);
}

static int push(struct render *r, struct val v)
{
    if (r->sp >= (int)(sizeof(r->stack) / sizeof(r->stack[0]))) {
        set_err(r->err, 0, "context nested too deep%s", "");
        return -1;
    }
    r->stack[r->sp++] = v;
    return 0;
}

/* Renders body once per item of a list (a JSON array or the table). */
static int each(struct render *r, const struct val *v, const struct tmpl *body)
{
    size_t i, n = v->kind == V_TABLE ? r->table->nrows : json_array_size(v->j);
    struct val item = {V_ROW, NULL, NULL, 0};
    int rc = 0;

    for (i = 0; i < n && rc == 0; i++) {
        if (v->kind == V_TABLE)
            item.row = i;
        else
            item = json_val(json_array_get(v->j, i));
        if (push(r, item) != 0)
            return -1;
        rc = render(r, body);
        r->sp--;
    }
    return rc;
}

static int section(struct render *r, const struct node *n)
{
    struct val v = resolve(r, n);
    int rc;

    if (falsy(r, &v))
        return 0;
    if (v.kind == V_TABLE || (v.kind == V_JSON && json_is_array(v.j)))
        return each(r, &v, n->body);
    if (push(r, v) != 0)
        return -1;
    rc = render(r, n->body);
    r->sp--;
    return rc;
}

static int enter(struct render *r)
{
    if (++r->depth > MST_MAX_DEPTH) {
        set_err(r->err, 0, "partials or parents nested deeper than %s", "64");
        return -1;
    }
    return 0;
}

/* Renders the named template of a partial or parent tag, indented as the tag was;
 * a parent tag's blocks are pushed as overrides while it renders. Injecting a
 * partial is exactly a parent without substitutions. */
static int expand(struct render *r, const struct node *n)
{
    int failed = 0, rc;
    struct tmpl *t = lookup(r->set, n->text, n->indent ? n->indent : "", &failed, r->err);

    if (t == NULL)
        return failed ? -1 : 0;
    if (enter(r) != 0)
        return -1;
    if (n->kind == K_PARENT)
        r->frames[r->nframes++].blocks = n->body;
    rc = render(r, t);
    if (n->kind == K_PARENT)
        r->nframes--;
    r->depth--;
    return rc;
}

/* The outermost override of block `name`, or NULL. */
static struct node * override(struct render *r, const char *name)
{
    int f;
    size_t i;

    for (f = 0; f < r->nframes; f++) {
        const struct tmpl *b = r->frames[f].blocks;
        for (i = 0; i < b->count; i++)
            if (b->n[i].kind == K_BLOCK && strcmp(b->n[i].text, name) == 0)
                return &b->n[i];
    }
    return NULL;
}

/* The override's content re-indented for the site's indentation. */
static struct tmpl *variant(struct node *o, const char *site_indent, struct mst_error *err)
{
    struct variant *v;
    char *re;
    size_t len;

    for (v = o->variants; v; v = v->next)
        if (strcmp(v->indent, site_indent) == 0)
            return v->t;
    v = calloc(1, sizeof(*v));
    re = reindent(o->src, o->srclen, o->def_indent, site_indent, &len, err);
    if (v == NULL || re == NULL || (v->indent = strdup(site_indent)) == NULL ||
        (v->t = compile(re, len, o->od, o->cd, err)) == NULL) {
        free(re);
        if (v)
            free(v->indent);
        free(v);
        return NULL;
    }
    free(re);
    v->next = o->variants;
    o->variants = v;
    return v->t;
}

static int block(struct render *r, const struct node *n)
{
    struct node *o = override(r, n->text);
    struct tmpl *t;
    int rc;

    if (o == NULL || o == n)
        return render(r, n->body);
    t = variant(o, n->indent ? n->indent : "", r->err);
    if (t == NULL)
        return -1;
    if (enter(r) != 0)
        return -1;
    rc = render(r, t);
    r->depth--;
    return rc;
}

/* The cell a plain (undotted) tag names in the table row being rendered, or NULL
 * (no row on top, a dotted name, no such column, a NULL cell): the common case of a
 * list's page, taken before the general lookup, which gives the same answer (#9). */
static const char *row_cell(struct render *r, const struct node *n)
{
    const struct val *top = r->sp > 0 ? &r->stack[r->sp - 1] : NULL;

    if (top == NULL || top->kind != V_ROW || n->head != n->len)
        return NULL;
    return cell_of(r, top->row, n->text, n->len);
}

static int render(struct render *r, const struct tmpl *t)
{
    size_t i;
    int rc = 0;
    struct val v;
    const char *cell;

    for (i = 0; i < t->count && rc == 0; i++) {
        const struct node *n = &t->n[i];
        if (++r->steps > MST_MAX_STEPS || r->out->len > MST_MAX_OUTPUT) {
            set_err(r->err, n->line, "template does more work than allowed%s", "");
            return -1;
        }
        switch (n->kind) {
        case K_TEXT:
            rc = buf_append(r->out, n->text, n->len);
            break;
        case K_VAR:
        case K_UVAR:
            if ((cell = row_cell(r, n)) != NULL) {
                rc = put_cell(r, cell, n->kind == K_VAR);
                break;
            }
            v = resolve(r, n);
            rc = put_value(r, &v, n->kind == K_VAR);
            break;
        case K_SECTION:
            rc = section(r, n);
            break;
        case K_INVERTED:
            v = resolve(r, n);
            rc = falsy(r, &v) ? render(r, n->body) : 0;
            break;
        case K_PARTIAL:
        case K_PARENT:
            rc = expand(r, n);
            break;
        case K_BLOCK:
            rc = block(r, &t->n[i]);
            break;
        default:
            break;
        }
    }
    return rc;
}

int mst_set_render(struct mst_set *set, const char *name, json_t *data, struct buf *out,
                   struct mst_error *err)
{
    return mst_set_render_table(set, name, data, NULL, out, err);
}

int mst_set_render_table(struct mst_set *set, const char *name, json_t *data,
                         const struct mst_table *table, struct buf *out, struct mst_error *err)
{
    struct render r;
    int failed = 0;
    struct tmpl *t;

    if (err) {
        err->line = 0;
        err->msg[0] = '\0';
    }
    t = lookup(set, name, "", &failed, err);
    if (t == NULL) {
        if (!failed)
            set_err(err, 0, "no template named %s", name);
        return -1;
    }
    memset(&r, 0, sizeof(r));
    r.set = set;
    r.out = out;
    r.err = err;
    r.table = table;
    r.stack[r.sp++] = json_val(data);
    return render(&r, t);
}

void mst_set_flush(struct mst_set *set)
{
    struct entry **p = &set->entries;

    while (*p) {
        struct entry *e = *p;
        if (e->from_file) {
            *p = e->next;
            tmpl_free(e->t);
            free(e->src);
            free(e->name);
            free(e);
        } else {
            p = &e->next;
        }
    }
}

void mst_set_free(struct mst_set *set)
{
    struct entry *e;

    if (set == NULL)
        return;
    while ((e = set->entries) != NULL) {
        set->entries = e->next;
        tmpl_free(e->t);
        free(e->src);
        free(e->name);
        free(e);
    }
    free(set->dir);
    free(set);
}
