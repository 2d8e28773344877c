/*
 * rules_schema.c — the declared shape of every rule file (rules_internal.h): which
 * fields a national, province, district or criteria file may hold, their types and
 * bounds, which are required once the cascade is merged, and which only national.lua
 * may set. Also the problem list: each problem is attributed to the most specific file
 * of the cascade that holds the offending path, at the line a small scanner finds it on.
 *
 * The checker reads tables raw (lua_next, lua_rawget): no metamethod of a rule runs.
 */
#include "http.h" /* utf8_text_ok */
#include "rules_internal.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum stype {
    T_STR,  /* UTF-8 text without control bytes other than \n \t */
    T_DATE, /* "YYYY-MM-DD", a real day */
    T_INT,  /* an integer in [min, max] */
    T_BOOL, /* true or false */
    T_FUNC, /* a function */
    T_ENUM, /* one of choices */
    T_REC,  /* a table of named fields (sub: the field list) */
    T_ARR,  /* a sequence 1..n, n <= max (sub: the element) */
    T_MAP,  /* string keys (from choices if given) → sub */
    T_IMAP, /* integer keys in [min, max] → sub */
};

enum {
    F_REQ = 1,   /* required in the merged rules (and in every array item) */
    F_NAT = 2,   /* only national.lua may set it */
    F_FALSE = 4, /* may be false: removes an inherited entry */
};

struct sfield {
    const char *name;
    enum stype type;
    unsigned flags;
    const struct sfield *sub;
    int64_t min, max;
    const char *const *choices;
};

#define END                                                                                        \
    {                                                                                              \
        NULL, T_STR, 0, NULL, 0, 0, NULL                                                           \
    }
#define STR(n, fl)                                                                                 \
    {                                                                                              \
        n, T_STR, fl, NULL, 0, 2000, NULL                                                          \
    }
#define DATE(n, fl)                                                                                \
    {                                                                                              \
        n, T_DATE, fl, NULL, 0, 0, NULL                                                            \
    }
#define INT(n, fl, lo, hi)                                                                         \
    {                                                                                              \
        n, T_INT, fl, NULL, lo, hi, NULL                                                           \
    }
#define BOOL(n, fl)                                                                                \
    {                                                                                              \
        n, T_BOOL, fl, NULL, 0, 0, NULL                                                            \
    }
#define FUNC(n, fl)                                                                                \
    {                                                                                              \
        n, T_FUNC, fl, NULL, 0, 0, NULL                                                            \
    }
#define ENUM(n, fl, c)                                                                             \
    {                                                                                              \
        n, T_ENUM, fl, NULL, 0, 0, c                                                               \
    }
#define REC(n, fl, s)                                                                              \
    {                                                                                              \
        n, T_REC, fl, s, 0, 0, NULL                                                                \
    }
#define ARR(n, fl, el, hi)                                                                         \
    {                                                                                              \
        n, T_ARR, fl, el, 0, hi, NULL                                                              \
    }
#define MAP(n, fl, el, c)                                                                          \
    {                                                                                              \
        n, T_MAP, fl, el, 0, 0, c                                                                  \
    }
#define IMAP(n, fl, el, lo, hi)                                                                    \
    {                                                                                              \
        n, T_IMAP, fl, el, lo, hi, NULL                                                            \
    }

#define MONEY_MAX 1000000000000000LL /* 10^15 VND */

static const char *const regimes[] = {"1048", "148", "148+1489", NULL};
static const char *const sheet_regimes[] = {"1048", "148", NULL};
static const char *const levels[] = {"commune", "district", "province", "central", NULL};
static const char *const periods[] = {"month", "year", NULL};
static const char *const parts_abc[] = {"A", "B", "C", NULL};

/* elements */
static const struct sfield e_str = STR(NULL, 0);
static const struct sfield e_regime = ENUM(NULL, 0, regimes);
static const struct sfield e_level = ENUM(NULL, 0, levels);

/* ---- years: plan, rounds, calendar, targets, reports, budget ---- */

static const struct sfield f_plan[] = {STR("title", F_REQ),
                                       STR("number", 0),
                                       DATE("date", 0),
                                       STR("date_text", 0),
                                       STR("issuer", 0),
                                       STR("signer", 0),
                                       STR("status", 0),
                                       STR("source", F_REQ),
                                       STR("implements", 0),
                                       STR("note", 0),
                                       END};
static const struct sfield f_round[] = {DATE("open", 0), DATE("close", F_REQ), STR("note", 0),
                                        STR("source", F_REQ), END};
static const struct sfield e_round = REC(NULL, 0, f_round);
static const struct sfield f_rounds[] = {
    ARR("commune", 0, &e_round, 12), ARR("district", 0, &e_round, 12),
    ARR("province", 0, &e_round, 12), ARR("central", 0, &e_round, 12), END};
static const struct sfield f_event[] = {
    STR("what", F_REQ), STR("who", 0),        DATE("from", 0), DATE("to", 0),
    DATE("by", 0),      STR("source", F_REQ), STR("note", 0),  END};
static const struct sfield e_event = REC(NULL, 0, f_event);
static const struct sfield f_target[] = {STR("code", F_REQ),
                                         STR("label", F_REQ),
                                         INT("min", 0, 0, MONEY_MAX),
                                         INT("max", 0, 0, MONEY_MAX),
                                         STR("unit", 0),
                                         STR("per", 0),
                                         BOOL("approx", 0),
                                         STR("source", F_REQ),
                                         STR("note", 0),
                                         END};
static const struct sfield e_target = REC(NULL, 0, f_target);
static const struct sfield f_report[] = {STR("what", F_REQ),       ENUM("every", F_REQ, periods),
                                         INT("day", F_REQ, 1, 31), INT("month", 0, 1, 12),
                                         STR("from", 0),           STR("to", 0),
                                         STR("source", F_REQ),     END};
static const struct sfield e_report = REC(NULL, 0, f_report);
static const struct sfield f_bline[8];
static const struct sfield e_bline = REC(NULL, 0, f_bline);
static const struct sfield f_bline[8] = {
    STR("code", 0), STR("label", F_REQ), INT("amount", F_REQ, 0, MONEY_MAX), STR("owner", 0),
    STR("when", 0), STR("note", 0),      ARR("lines", 0, &e_bline, 200),     END};
static const struct sfield f_budget[] = {INT("total", F_REQ, 0, MONEY_MAX),
                                         STR("source", F_REQ),
                                         STR("unit_in_plan", 0),
                                         STR("note", 0),
                                         ARR("lines", F_REQ, &e_bline, 200),
                                         END};
static const struct sfield f_ref[] = {STR("number", F_REQ), DATE("date", 0), STR("what", F_REQ),
                                      STR("source", 0), END};
static const struct sfield e_ref = REC(NULL, 0, f_ref);

/* ---- support ---- */

static const struct sfield e_money = INT(NULL, 0, 0, MONEY_MAX);
static const struct sfield f_amounts[] = {IMAP("first", 0, &e_money, 1, 5),
                                          IMAP("keep", 0, &e_money, 1, 5),
                                          IMAP("upgrade", 0, &e_money, 1, 5), END};
static const struct sfield f_srule[] = {INT("min_stars", 0, 1, 5),
                                        BOOL("after_recognition", 0),
                                        ENUM("recognised_by", 0, levels),
                                        INT("max_codes_per_type_per_org", 0, 1, 1000),
                                        INT("max_amount", 0, 0, MONEY_MAX),
                                        BOOL("once", 0),
                                        REC("amounts", 0, f_amounts),
                                        ARR("items", 0, &e_str, 50),
                                        STR("note", 0),
                                        STR("source", F_REQ),
                                        END};
static const struct sfield f_support[] = {
    REC("packaging", F_FALSE, f_srule),       REC("quality_test", F_FALSE, f_srule),
    REC("trademark", F_FALSE, f_srule),       REC("certification", F_FALSE, f_srule),
    REC("trade_promotion", F_FALSE, f_srule), REC("consulting", F_FALSE, f_srule),
    REC("sales_point", F_FALSE, f_srule),     REC("training", F_FALSE, f_srule),
    REC("star_reward", F_FALSE, f_srule),     END};

/* ---- national: regimes, bands, routing, groups, documents ---- */

static const struct sfield f_amend[] = {STR("decision", F_REQ), DATE("from", F_REQ), STR("note", 0),
                                        END};
static const struct sfield e_amend = REC(NULL, 0, f_amend);
static const struct sfield f_regime[] = {ENUM("code", F_REQ, regimes),
                                         STR("name", F_REQ),
                                         STR("decision", F_REQ),
                                         DATE("from", F_REQ),
                                         DATE("signed", 0),
                                         STR("note", 0),
                                         ARR("amendments", 0, &e_amend, 10),
                                         END};
static const struct sfield e_regime_rec = REC(NULL, 0, f_regime);
static const struct sfield f_band[] = {INT("stars", F_REQ, 1, 5), INT("min", F_REQ, 0, 100), END};
static const struct sfield e_band = REC(NULL, 0, f_band);
static const struct sfield f_partmax[] = {INT("A", F_REQ, 1, 100), INT("B", F_REQ, 1, 100),
                                          INT("C", F_REQ, 1, 100), END};
static const struct sfield e_partmax = REC(NULL, 0, f_partmax);
static const struct sfield f_route[] = {BOOL("scores", 0),
                                        BOOL("assesses", 0),
                                        BOOL("abolished", 0),
                                        INT("certify_min", 0, 0, 5),
                                        INT("certify_max", 0, 0, 5),
                                        INT("forward_min", 0, 0, 100),
                                        STR("issuer", 0),
                                        STR("role", 0),
                                        END};
static const struct sfield f_route_levels[] = {
    REC("commune", 0, f_route), REC("district", 0, f_route), REC("province", 0, f_route),
    REC("central", 0, f_route), END};
static const struct sfield e_route_levels = REC(NULL, 0, f_route_levels);
static const struct sfield f_group[6];
static const struct sfield e_group = REC(NULL, 0, f_group);
static const struct sfield f_group[6] = {STR("code", F_REQ),
                                         STR("name", F_REQ),
                                         STR("ministry", 0),
                                         STR("note", 0),
                                         ARR("children", 0, &e_group, 100),
                                         END};
static const struct sfield e_groups = ARR(NULL, 0, &e_group, 100);
static const struct sfield f_doc[] = {STR("name", F_REQ),
                                      BOOL("mandatory", 0),
                                      INT("order", 0, 0, 10000),
                                      ARR("regimes", 0, &e_regime, 3),
                                      ARR("levels", 0, &e_level, 4),
                                      ARR("groups", 0, &e_str, 50),
                                      ARR("except_groups", 0, &e_str, 50),
                                      STR("note", 0),
                                      END};
static const struct sfield e_doc = REC(NULL, F_FALSE, f_doc);
static const struct sfield f_cert[] = {INT("min_stars", F_REQ, 1, 5),
                                       INT("validity_months", F_REQ, 1, 240), STR("note", 0), END};
static const struct sfield f_council[] = {INT("quorum_pct", F_REQ, 1, 100),
                                          INT("spread_max", F_REQ, 0, 100),
                                          BOOL("chair_required", F_REQ), STR("note", 0), END};
static const struct sfield f_uploads[] = {INT("max_file_mb", F_REQ, 1, 1024),
                                          INT("max_files", F_REQ, 1, 200),
                                          INT("max_total_mb", F_REQ, 1, 4096), STR("note", 0), END};
static const struct sfield f_admin[] = {DATE("district_level_ends", 0), STR("note", 0), END};

/* What a year may hold (years[Y] of a province or district, and the merged year). */
static const struct sfield f_year[] = {REC("plan", 0, f_plan),
                                       REC("rounds", 0, f_rounds),
                                       ARR("calendar", 0, &e_event, 200),
                                       ARR("targets", 0, &e_target, 200),
                                       ARR("reports", 0, &e_report, 50),
                                       REC("budget", 0, f_budget),
                                       REC("support", 0, f_support),
                                       ARR("references", 0, &e_ref, 100),
                                       ARR("notes", 0, &e_str, 100),
                                       END};
static const struct sfield e_year = REC(NULL, 0, f_year);

/* What every file's top level may hold. */
static const struct sfield f_top[] = {STR("name", F_REQ),
                                      BOOL("placeholder", 0),
                                      DATE("valid_from", 0),
                                      DATE("valid_to", 0),
                                      STR("merged_into", 0),
                                      ARR("merged_from", 0, &e_str, 20),
                                      ARR("notes", 0, &e_str, 100),
                                      ARR("references", 0, &e_ref, 100),
                                      ARR("regimes", F_REQ | F_NAT, &e_regime_rec, 3),
                                      ARR("star_bands", F_REQ | F_NAT, &e_band, 5),
                                      MAP("parts", F_REQ | F_NAT, &e_partmax, sheet_regimes),
                                      MAP("routing", F_REQ | F_NAT, &e_route_levels, regimes),
                                      MAP("groups", F_REQ | F_NAT, &e_groups, sheet_regimes),
                                      REC("admin", F_NAT, f_admin),
                                      REC("certificate", F_REQ, f_cert),
                                      REC("council", F_REQ, f_council),
                                      INT("samples", F_REQ, 0, 100),
                                      INT("dossier_check_working_days", 0, 1, 60),
                                      REC("uploads", F_REQ, f_uploads),
                                      MAP("documents", F_REQ, &e_doc, NULL),
                                      REC("support", 0, f_support),
                                      IMAP("years", 0, &e_year, 2000, 2100),
                                      FUNC("support_allowed", F_REQ),
                                      FUNC("selftest", 0),
                                      END};

/* ---- criteria sheets ---- */

static const struct sfield f_option[] = {STR("label", F_REQ), INT("points", F_REQ, 0, 100), END};
static const struct sfield e_option = REC(NULL, 0, f_option);
static const struct sfield f_crit[] = {STR("code", F_REQ), STR("name", F_REQ),
                                       ARR("options", F_REQ, &e_option, 20), STR("note", 0), END};
static const struct sfield e_crit = REC(NULL, 0, f_crit);
static const struct sfield f_cgroup[] = {STR("name", F_REQ), ARR("criteria", F_REQ, &e_crit, 40),
                                         END};
static const struct sfield e_cgroup = REC(NULL, 0, f_cgroup);
static const struct sfield f_part[] = {ENUM("code", F_REQ, parts_abc), STR("name", F_REQ),
                                       INT("max", F_REQ, 1, 100),
                                       ARR("groups", F_REQ, &e_cgroup, 20), END};
static const struct sfield e_part = REC(NULL, 0, f_part);
static const struct sfield f_gate[] = {INT("star", F_REQ, 1, 5),  STR("criterion", F_REQ),
                                       INT("min", F_REQ, 0, 100), STR("note", 0),
                                       STR("source", 0),          END};
static const struct sfield e_gate = REC(NULL, 0, f_gate);
static const struct sfield f_sheet[] = {ENUM("regime", F_REQ, sheet_regimes),
                                        STR("code", F_REQ),
                                        STR("name", F_REQ),
                                        STR("source", F_REQ),
                                        BOOL("illustrative", F_REQ),
                                        BOOL("default", 0),
                                        ARR("applies_to", 0, &e_str, 100),
                                        STR("note", 0),
                                        ARR("parts", F_REQ, &e_part, 3),
                                        ARR("gates", 0, &e_gate, 64),
                                        END};

/* ---- problems ---- */

void vctx_push_key(struct vctx *v, const char *key)
{
    if (v->depth < RULES_MAX_PATH)
        v->path[v->depth] = (struct pcomp){PK_KEY, key, 0};
    v->depth++;
}

void vctx_push_int(struct vctx *v, enum pkind kind, int64_t n)
{
    if (v->depth < RULES_MAX_PATH)
        v->path[v->depth] = (struct pcomp){kind, NULL, n};
    v->depth++;
}

void vctx_pop(struct vctx *v)
{
    v->depth--;
}

static void path_text(const struct pcomp *p, int depth, char *out, size_t size)
{
    size_t used = 0;
    int i, n;

    out[0] = '\0';
    for (i = 0; i < depth && i < RULES_MAX_PATH && used < size; i++) {
        if (p[i].kind == PK_KEY)
            n = snprintf(out + used, size - used, "%s%.60s", i ? "." : "", p[i].key);
        else
            n = snprintf(out + used, size - used, "[%lld]", (long long)p[i].n);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* Does the raw table at the top hold the path? Returns how many components it holds
 * (the deepest existing prefix); leaves the stack as it was. */
static int held(lua_State *L, const struct pcomp *p, int depth)
{
    int top = lua_gettop(L), i;

    for (i = 0; i < depth && i < RULES_MAX_PATH; i++) {
        if (!lua_istable(L, -1))
            break;
        if (p[i].kind == PK_KEY)
            lua_pushstring(L, p[i].key);
        else
            lua_pushinteger(L, (lua_Integer)p[i].n);
        lua_rawget(L, -2);
        if (lua_isnil(L, -1))
            break;
    }
    lua_settop(L, top);
    return i;
}

/* The file of the cascade holding the most of the path (later files win ties), and
 * the path as written in that file (with years[Y] in front when it came from there). */
static struct rfile *attribute(struct vctx *v, struct pcomp *fpath, int *fdepth)
{
    struct rfile *best = v->files[v->nfiles - 1];
    int best_n = -1, i, n, d = v->depth < RULES_MAX_PATH ? v->depth : RULES_MAX_PATH;

    *fdepth = d;
    memcpy(fpath, v->path, sizeof(*fpath) * (size_t)d);
    for (i = v->nfiles - 1; i >= 0; i--) {
        struct rfile *f = v->files[i];
        if (f == NULL || f->ref == LUA_NOREF)
            continue;
        lua_rawgeti(v->L, LUA_REGISTRYINDEX, f->ref);
        n = held(v->L, v->path, d);
        if (n > best_n || (n == d && best_n < d)) {
            best = f;
            best_n = n;
            *fdepth = d;
            memcpy(fpath, v->path, sizeof(*fpath) * (size_t)d);
        }
        if (v->year && d + 2 <= RULES_MAX_PATH) { /* the same path under years[Y] */
            struct pcomp yp[RULES_MAX_PATH];
            yp[0] = (struct pcomp){PK_KEY, "years", 0};
            yp[1] = (struct pcomp){PK_INT, NULL, v->year};
            memcpy(yp + 2, v->path, sizeof(*yp) * (size_t)d);
            n = held(v->L, yp, d + 2) - 2;
            if (n > best_n) {
                best = f;
                best_n = n;
                *fdepth = d + 2;
                memcpy(fpath, yp, sizeof(*fpath) * (size_t)(d + 2));
            }
        }
        lua_pop(v->L, 1);
    }
    return best;
}

void vctx_error(struct vctx *v, const char *fmt, ...)
{
    struct pcomp fpath[RULES_MAX_PATH];
    char where[512], msg[512];
    struct rfile *f;
    int fdepth, line;
    va_list ap;

    v->count++;
    if (v->count > RULES_MAX_ERRORS)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    f = attribute(v, fpath, &fdepth);
    line = f && f->src ? rules_find_line(f->src, f->len, fpath, fdepth) : 1;
    path_text(fpath, fdepth, where, sizeof(where));
    buf_printf(v->out, "%s:%d: %s%s%s\n", f ? f->path : "rules", line, where, where[0] ? ": " : "",
               msg);
    if (v->count == RULES_MAX_ERRORS)
        buf_printf(v->out, "%s: too many problems; stopping here\n", f ? f->path : "rules");
}

/* ---- the checker ---- */

struct sctx {
    struct vctx *v;
    enum schema_kind kind;
};

static int check_value(struct sctx *c, int idx, const struct sfield *f, int full);

static const char *type_name(lua_State *L, int idx)
{
    return lua_typename(L, lua_type(L, idx));
}

static int in_choices(const char *s, const char *const *choices)
{
    for (; *choices; choices++)
        if (strcmp(s, *choices) == 0)
            return 1;
    return 0;
}

static const struct sfield *find_field(const struct sfield *list, const char *name)
{
    for (; list && list->name; list++)
        if (strcmp(list->name, name) == 0)
            return list;
    return NULL;
}

static int check_string(struct sctx *c, int idx, const struct sfield *f)
{
    lua_State *L = c->v->L;
    size_t len;
    const char *s;

    if (lua_type(L, idx) != LUA_TSTRING) {
        vctx_error(c->v, "expected text, got %s", type_name(L, idx));
        return -1;
    }
    s = lua_tolstring(L, idx, &len);
    if (len > 2000 || !utf8_text_ok(s, len, 1)) {
        vctx_error(c->v, "text must be valid UTF-8 without control characters, at most 2000 "
                         "bytes");
        return -1;
    }
    if (f->type == T_DATE) {
        int64_t t;
        if (parse_date(s, &t) != 0) {
            vctx_error(c->v, "expected a date \"YYYY-MM-DD\", got \"%.40s\"", s);
            return -1;
        }
    } else if (f->type == T_ENUM && !in_choices(s, f->choices)) {
        vctx_error(c->v, "\"%.40s\" is not one of the allowed values", s);
        return -1;
    }
    return 0;
}

static int check_int(struct sctx *c, int idx, const struct sfield *f)
{
    lua_State *L = c->v->L;
    int isint = 0;
    lua_Integer n;

    if (lua_type(L, idx) != LUA_TNUMBER) {
        vctx_error(c->v, "expected a whole number, got %s", type_name(L, idx));
        return -1;
    }
    n = lua_tointegerx(L, idx, &isint);
    if (!isint) {
        vctx_error(c->v, "expected a whole number, got %g", (double)lua_tonumber(L, idx));
        return -1;
    }
    if (n < f->min || n > f->max) {
        vctx_error(c->v, "%lld is out of range [%lld, %lld]", (long long)n, (long long)f->min,
                   (long long)f->max);
        return -1;
    }
    return 0;
}

/* Which field list a record of this field uses, given the file kind (the top level
 * of a merged year also takes the year fields). */
static int check_record(struct sctx *c, int idx, const struct sfield *list,
                        const struct sfield *also, int full)
{
    lua_State *L = c->v->L;
    const struct sfield *f;
    int bad = 0;

    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            vctx_error(c->v, "unexpected %s key in a table of named fields", type_name(L, -2));
            bad = 1;
            lua_pop(L, 1);
            continue;
        }
        const char *key = lua_tostring(L, -2);
        f = find_field(list, key);
        if (f == NULL)
            f = find_field(also, key);
        vctx_push_key(c->v, key);
        if (f == NULL) {
            vctx_error(c->v, "unknown field");
            bad = 1;
        } else if ((f->flags & F_NAT) && (c->kind == SK_PROVINCE || c->kind == SK_DISTRICT)) {
            vctx_error(c->v, "only national.lua may set this");
            bad = 1;
        } else if (check_value(c, lua_gettop(L), f, full) != 0) {
            bad = 1;
        }
        vctx_pop(c->v);
        lua_pop(L, 1);
    }
    if (!full)
        return bad ? -1 : 0;
    for (f = list; f && f->name; f++) {
        if (!(f->flags & F_REQ))
            continue;
        lua_pushstring(L, f->name);
        if (lua_rawget(L, idx) == LUA_TNIL) {
            vctx_error(c->v, "missing field '%s'", f->name);
            bad = 1;
        }
        lua_pop(L, 1);
    }
    return bad ? -1 : 0;
}

static int check_array(struct sctx *c, int idx, const struct sfield *f)
{
    lua_State *L = c->v->L;
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx), count = 0, i;
    int bad = 0;

    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        int isint = 0;
        lua_Integer k = lua_type(L, -2) == LUA_TNUMBER ? lua_tointegerx(L, -2, &isint) : 0;
        lua_pop(L, 1);
        if (!isint || k < 1 || k > n) {
            vctx_error(c->v, "expected a list (items 1..n without named fields or holes)");
            lua_pop(L, 1);
            return -1;
        }
        count++;
    }
    if (count != n) {
        vctx_error(c->v, "the list has holes");
        return -1;
    }
    if (n > f->max) {
        vctx_error(c->v, "more than %lld items", (long long)f->max);
        return -1;
    }
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        vctx_push_int(c->v, PK_POS, i);
        if (check_value(c, lua_gettop(L), f->sub, 1) != 0) /* items never merge: all checks */
            bad = 1;
        vctx_pop(c->v);
        lua_pop(L, 1);
    }
    return bad ? -1 : 0;
}

static int check_map(struct sctx *c, int idx, const struct sfield *f, int full)
{
    lua_State *L = c->v->L;
    int bad = 0, count = 0;

    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        int isint = 0;
        if (++count > 500) {
            vctx_error(c->v, "more than 500 entries");
            lua_pop(L, 2);
            return -1;
        }
        if (f->type == T_MAP) {
            size_t klen = 0;
            const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &klen) : NULL;
            if (k == NULL || klen == 0 || klen > 64 || (f->choices && !in_choices(k, f->choices))) {
                vctx_error(c->v, k ? "unexpected key \"%.64s\"" : "unexpected %s key",
                           k ? k : type_name(L, -2));
                bad = 1;
                lua_pop(L, 1);
                continue;
            }
            vctx_push_key(c->v, k);
        } else {
            lua_Integer k = lua_type(L, -2) == LUA_TNUMBER ? lua_tointegerx(L, -2, &isint) : 0;
            if (!isint || k < f->min || k > f->max) {
                vctx_error(c->v, "keys must be whole numbers in [%lld, %lld]", (long long)f->min,
                           (long long)f->max);
                bad = 1;
                lua_pop(L, 1);
                continue;
            }
            vctx_push_int(c->v, PK_INT, k);
        }
        if (check_value(c, lua_gettop(L), f->sub, full) != 0)
            bad = 1;
        vctx_pop(c->v);
        lua_pop(L, 1);
    }
    return bad ? -1 : 0;
}

static int check_value(struct sctx *c, int idx, const struct sfield *f, int full)
{
    lua_State *L = c->v->L;

    if (c->v->depth > RULES_MAX_PATH) {
        vctx_error(c->v, "nested too deeply");
        return -1;
    }
    if ((f->flags & F_FALSE) && lua_type(L, idx) == LUA_TBOOLEAN && !lua_toboolean(L, idx))
        return 0;
    switch (f->type) {
    case T_STR:
    case T_DATE:
    case T_ENUM:
        return check_string(c, idx, f);
    case T_INT:
        return check_int(c, idx, f);
    case T_BOOL:
        if (lua_type(L, idx) == LUA_TBOOLEAN)
            return 0;
        vctx_error(c->v, "expected true or false, got %s", type_name(L, idx));
        return -1;
    case T_FUNC:
        if (lua_type(L, idx) == LUA_TFUNCTION)
            return 0;
        vctx_error(c->v, "expected a function, got %s", type_name(L, idx));
        return -1;
    default:
        break;
    }
    if (lua_type(L, idx) != LUA_TTABLE) {
        vctx_error(c->v, "expected a table, got %s", type_name(L, idx));
        return -1;
    }
    luaL_checkstack(L, 8, "rules schema");
    if (f->type == T_REC)
        return check_record(c, idx, f->sub, NULL, full);
    if (f->type == T_ARR)
        return check_array(c, idx, f);
    return check_map(c, idx, f, full);
}

int schema_check(struct vctx *v, int idx, enum schema_kind kind)
{
    struct sctx c = {v, kind};
    int before = v->count;

    idx = lua_absindex(v->L, idx);
    v->depth = 0;
    if (lua_type(v->L, idx) != LUA_TTABLE) {
        vctx_error(v, "the file must return a table (or define its fields as globals)");
        return 1;
    }
    switch (kind) {
    case SK_SHEET:
        check_record(&c, idx, f_sheet, NULL, 1);
        break;
    case SK_EFFECTIVE:
        check_record(&c, idx, f_top, NULL, 1);
        break;
    case SK_YEAR: /* a merged year: the top level plus the year's fields, no years */
        check_record(&c, idx, f_top, f_year, 1);
        break;
    default:
        check_record(&c, idx, f_top, NULL, 0);
        break;
    }
    return v->count - before;
}

/* ---- the line finder: a small scanner over Lua text ---- */

/* Skips a comment or string starting at i; returns the index after it, or i. */
static size_t skip_token(const char *s, size_t len, size_t i)
{
    size_t level, j;

    if (s[i] == '-' && i + 1 < len && s[i + 1] == '-') {
        j = i + 2;
        if (j < len && s[j] == '[') { /* --[==[ long comment ]==] */
            size_t e = skip_token(s, len, j);
            if (e != j)
                return e;
        }
        while (j < len && s[j] != '\n')
            j++;
        return j;
    }
    if (s[i] == '"' || s[i] == '\'') {
        char q = s[i];
        for (j = i + 1; j < len && s[j] != q && s[j] != '\n'; j++)
            if (s[j] == '\\' && j + 1 < len)
                j++;
        return j < len ? j + 1 : len;
    }
    if (s[i] == '[') { /* [==[ long string ]==] */
        j = i + 1;
        level = 0;
        while (j < len && s[j] == '=')
            j++, level++;
        if (j >= len || s[j] != '[')
            return i;
        for (j++; j < len; j++) {
            size_t k = j + 1, l = 0;
            if (s[j] != ']')
                continue;
            while (k < len && s[k] == '=')
                k++, l++;
            if (l == level && k < len && s[k] == ']')
                return k + 1;
        }
        return len;
    }
    return i;
}

static int ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
}

/* After position j (skipping spaces), is there a single '='? */
static int assign_after(const char *s, size_t len, size_t j)
{
    while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
        j++;
    return j < len && s[j] == '=' && (j + 1 >= len || s[j + 1] != '=');
}

/* The first "key =" / "[\"key\"] =" / "[n] =" at or after from, outside strings and
 * comments; the index of the key, or len. */
static size_t find_key(const char *s, size_t len, size_t from, const struct pcomp *c)
{
    char want[80];
    size_t wl, i = from, n;

    if (c->kind == PK_KEY)
        wl = (size_t)snprintf(want, sizeof(want), "%.70s", c->key);
    else
        wl = (size_t)snprintf(want, sizeof(want), "[%lld]", (long long)c->n);
    while (i < len) {
        n = skip_token(s, len, i);
        if (n != i) {
            if (c->kind == PK_KEY && (s[i] == '"' || s[i] == '\'') && n - i == wl + 2 &&
                memcmp(s + i + 1, want, wl) == 0 && i > 0 && s[i - 1] == '[' && n < len &&
                s[n] == ']' && assign_after(s, len, n + 1))
                return i;
            i = n;
            continue;
        }
        if (i + wl <= len && memcmp(s + i, want, wl) == 0 && (i == 0 || !ident_char(s[i - 1])) &&
            (c->kind != PK_KEY || i + wl == len || !ident_char(s[i + wl])) &&
            assign_after(s, len, i + wl))
            return i;
        i++;
    }
    return len;
}

/* The start of the n-th positional item of the first table constructor at or after
 * from; len when not found. Keyed items ("name = …", "[k] = …") are not counted. */
static size_t find_item(const char *s, size_t len, size_t from, int64_t n)
{
    size_t i = from, j, e;
    int depth = 0, item_start = 1, keyed;
    int64_t count = 0;

    while (i < len && s[i] != '{') {
        j = skip_token(s, len, i);
        i = j != i ? j : i + 1;
    }
    for (i++; i < len; i++) {
        char ch = s[i];
        j = skip_token(s, len, i);
        if (j != i) { /* a comment, or a string (an item when it starts one) */
            if (depth == 0 && item_start && s[i] != '-') {
                if (++count == n)
                    return i;
                item_start = 0;
            }
            i = j - 1;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
            continue;
        if (depth == 0) {
            if (ch == '}')
                return len;
            if (ch == ',' || ch == ';') {
                item_start = 1;
                continue;
            }
            if (item_start) {
                item_start = 0;
                keyed = ch == '[';
                if (!keyed && ident_char(ch) && !(ch >= '0' && ch <= '9')) {
                    for (e = i; e < len && ident_char(s[e]); e++)
                        ;
                    keyed = assign_after(s, len, e);
                }
                if (!keyed && ++count == n)
                    return i;
            }
        }
        if (ch == '{' || ch == '(' || ch == '[')
            depth++;
        else if (ch == '}' || ch == ')' || ch == ']')
            depth--;
    }
    return len;
}

int rules_find_line(const char *src, size_t len, const struct pcomp *path, int depth)
{
    size_t pos = 0, at = 0, p;
    int i, line = 1;

    for (i = 0; i < depth && i < RULES_MAX_PATH; i++) {
        if (path[i].kind == PK_POS)
            p = find_item(src, len, pos, path[i].n);
        else
            p = find_key(src, len, pos, &path[i]);
        if (p >= len)
            break;
        at = pos = p;
        if (path[i].kind != PK_POS)
            pos = p + 1;
    }
    for (p = 0; p < at && p < len; p++)
        if (src[p] == '\n')
            line++;
    return line;
}
