/*
 * rules_cache.c — the C cache of the rules (rules_internal.h): after a load, the
 * effective tables of each area are read once into C structs in the state's arena,
 * with the checks a schema cannot express (budget lines add up, rounds in order, star
 * bands descending, sheet parts sum to their maxima); the typed accessors of rules.h
 * then answer from these structs without touching Lua.
 *
 * Everything here that reads Lua runs inside a protected call: an allocation failure
 * raises a Lua error, which the caller reports.
 */
#include "rules_internal.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

const char *const rules_level_names[LEVEL__MAX + 1] = {"commune", "district", "province", "central",
                                                       NULL};
const char *const rules_level_labels[LEVEL__MAX] = {"xã", "huyện", "tỉnh", "trung ương"};
const char *const rules_regime_names[REGIME__MAX] = {"1048", "148", "148+1489"};
const char *const rules_regime_labels[REGIME__MAX] = {"QĐ 1048/QĐ-TTg", "QĐ 148/QĐ-TTg",
                                                      "QĐ 148/QĐ-TTg sửa đổi bởi QĐ 1489/QĐ-TTg"};
const char *const support_category_names[SUPPORT__MAX] = {
    "packaging",  "quality_test", "trademark", "certification", "trade_promotion",
    "consulting", "sales_point",  "training",  "star_reward"};
const char *const support_category_labels[SUPPORT__MAX] = {
    "Thiết kế, in ấn bao bì, nhãn hàng hóa",
    "Kiểm định chất lượng sản phẩm",
    "Nhãn hiệu, sở hữu trí tuệ, tem, giấy chứng nhận",
    "Truy xuất nguồn gốc, chứng nhận HACCP, C/O, ISO",
    "Xúc tiến thương mại",
    "Tư vấn phát triển sản phẩm",
    "Điểm bán hàng, trung tâm OCOP",
    "Tập huấn chủ thể sản xuất",
    "Hỗ trợ, thưởng theo hạng sao"};
const char *const support_kind_names[SUPPORT_KIND__MAX] = {"first", "keep", "upgrade"};
const char *const rules_period_names[PERIOD__MAX] = {"month", "year"};
const char *const rules_err_names[RULES_ERR__MAX] = {"ok", "bad area code", "no such province",
                                                     "invalid rules", "out of memory"};

/* ---- arena ---- */

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t size)
{
    struct arena_block *b = a->head;
    void *p;

    if (size > ((size_t)1 << 30))
        return NULL;
    size = (size + 15) & ~(size_t)15;
    if (b == NULL || b->cap - b->used < size) {
        size_t cap = size > 65536 ? size : 65536;
        b = calloc(1, sizeof(*b) + cap);
        if (b == NULL)
            return NULL;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    p = b->data + b->used;
    b->used += size;
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
    char *p = len < SIZE_MAX ? arena_alloc(a, len + 1) : NULL;

    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void arena_free(struct arena *a)
{
    while (a->head) {
        struct arena_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}

/* ---- days ---- */

int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, yy;
    unsigned doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = (int64_t)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static int64_t day_start(int y, int m, int d)
{
    return days_from_civil(y, (unsigned)m, (unsigned)d) * 86400;
}

static int month_days(int y, int m)
{
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 ? 28 + leap : n[m - 1];
}

static int year_of(int64_t t)
{
    int y, m, d;

    civil_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400, &y, &m, &d);
    return y;
}

/* ---- reading validated tables (raw, no metamethods) ---- */

struct rd {
    struct vctx *v;
    struct pstate *ps;
    lua_State *L;
};

static void *xalloc(struct rd *r, size_t n, size_t size)
{
    void *p =
        n && size > SIZE_MAX / n ? NULL : arena_alloc(&r->ps->arena, n * size != 0 ? n * size : 1);

    if (p == NULL)
        luaL_error(r->L, "rules: out of memory building the cache");
    return p;
}

static int field(struct rd *r, int idx, const char *key)
{
    lua_pushstring(r->L, key);
    return lua_rawget(r->L, idx);
}

static const char *str_at(struct rd *r, int idx)
{
    size_t len;
    const char *s;
    char *p;

    if (lua_type(r->L, idx) != LUA_TSTRING)
        return NULL;
    s = lua_tolstring(r->L, idx, &len);
    p = arena_strndup(&r->ps->arena, s, len);
    if (p == NULL)
        luaL_error(r->L, "rules: out of memory building the cache");
    return p;
}

static const char *get_str(struct rd *r, int idx, const char *key)
{
    const char *s;

    field(r, idx, key);
    s = str_at(r, -1);
    lua_pop(r->L, 1);
    return s;
}

static int64_t get_int(struct rd *r, int idx, const char *key, int64_t def)
{
    int64_t n = def;
    int isint = 0;

    if (field(r, idx, key) == LUA_TNUMBER) {
        lua_Integer i = lua_tointegerx(r->L, -1, &isint);
        if (isint)
            n = i;
    }
    lua_pop(r->L, 1);
    return n;
}

static int get_bool(struct rd *r, int idx, const char *key, int def)
{
    int b = def;

    if (field(r, idx, key) == LUA_TBOOLEAN)
        b = lua_toboolean(r->L, -1);
    lua_pop(r->L, 1);
    return b;
}

static int64_t get_date(struct rd *r, int idx, const char *key)
{
    int64_t t = 0;

    if (field(r, idx, key) == LUA_TSTRING && parse_date(lua_tostring(r->L, -1), &t) != 0)
        t = 0;
    lua_pop(r->L, 1);
    return t;
}

static int name_index(const char *s, const char *const *names, int n)
{
    int i;

    for (i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

int rules_level_from(const char *name)
{
    return name_index(name, rules_level_names, LEVEL__MAX);
}

const char *rules_level_label_of(const char *name)
{
    return code_label(rules_level_names, rules_level_labels, name, "");
}

/* Pushes t[key] if it is a table (returns its index) or nothing (returns 0). */
static int sub_table(struct rd *r, int idx, const char *key)
{
    if (field(r, idx, key) == LUA_TTABLE)
        return lua_gettop(r->L);
    lua_pop(r->L, 1);
    return 0;
}

static const char *const *str_list(struct rd *r, int idx, const char *key, size_t *n)
{
    int t = sub_table(r, idx, key);
    const char **list;
    size_t i;

    *n = 0;
    if (t == 0)
        return NULL;
    *n = lua_rawlen(r->L, t);
    list = xalloc(r, *n, sizeof(*list));
    for (i = 0; i < *n; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        list[i] = str_at(r, -1);
        lua_pop(r->L, 1);
    }
    lua_pop(r->L, 1);
    return list;
}

static struct rref *refs_list(struct rd *r, int idx, size_t *n)
{
    int t = sub_table(r, idx, "references");
    struct rref *refs;
    size_t i;

    *n = 0;
    if (t == 0)
        return NULL;
    *n = lua_rawlen(r->L, t);
    refs = xalloc(r, *n, sizeof(*refs));
    for (i = 0; i < *n; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        refs[i].number = get_str(r, lua_gettop(r->L), "number");
        refs[i].what = get_str(r, lua_gettop(r->L), "what");
        refs[i].source = get_str(r, lua_gettop(r->L), "source");
        refs[i].date = get_date(r, lua_gettop(r->L), "date");
        lua_pop(r->L, 1);
    }
    lua_pop(r->L, 1);
    return refs;
}

/* ---- national parts: regimes, bands, routing, groups ---- */

static void read_regimes(struct rd *r, struct rules_area *a, int base)
{
    int t = sub_table(r, base, "regimes"), g;
    size_t i, n;

    if (t == 0)
        return;
    vctx_push_key(r->v, "regimes");
    n = lua_rawlen(r->L, t);
    for (i = 0; i < n; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        int e = lua_gettop(r->L);
        g = name_index(get_str(r, e, "code"), rules_regime_names, REGIME__MAX);
        vctx_push_int(r->v, PK_POS, (int64_t)i + 1);
        if (g < 0 || a->regime_from[g])
            vctx_error(r->v, "each regime must appear once");
        else {
            a->regime_from[g] = get_date(r, e, "from");
            a->regime_label[g] = get_str(r, e, "name");
            a->regime_decision[g] = get_str(r, e, "decision");
            if (g > 0 && a->regime_from[g - 1] && a->regime_from[g] <= a->regime_from[g - 1])
                vctx_error(r->v, "regimes must start in the order 1048, 148, 148+1489");
        }
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    for (g = 0; g < REGIME__MAX; g++)
        if (a->regime_from[g] == 0)
            vctx_error(r->v, "regime %s is missing", rules_regime_names[g]);
    vctx_pop(r->v);
    lua_pop(r->L, 1);
}

static void read_bands(struct rd *r, struct rules_area *a, int base)
{
    int t = sub_table(r, base, "star_bands"), seen[STAR_MAX + 1] = {0}, s;
    size_t i, n;

    if (t == 0)
        return;
    vctx_push_key(r->v, "star_bands");
    n = lua_rawlen(r->L, t);
    for (i = 0; i < n; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        s = (int)get_int(r, lua_gettop(r->L), "stars", 0);
        if (s >= 1 && s <= STAR_MAX) {
            seen[s]++;
            a->band_min[s] = (int)get_int(r, lua_gettop(r->L), "min", 0);
        }
        lua_pop(r->L, 1);
    }
    for (s = 1; s <= STAR_MAX; s++)
        if (seen[s] != 1)
            vctx_error(r->v, "every star 1–5 needs exactly one band");
        else if (s > 1 && seen[s - 1] == 1 && a->band_min[s] <= a->band_min[s - 1])
            vctx_error(r->v, "bands must rise with the stars");
    if (seen[1] == 1 && a->band_min[1] != 0)
        vctx_error(r->v, "the 1-star band must start at 0");
    vctx_pop(r->v);
    lua_pop(r->L, 1);
}

static void read_parts(struct rd *r, struct rules_area *a, int base)
{
    static const char *const abc[3] = {"A", "B", "C"};
    int t = sub_table(r, base, "parts"), g, k, sum;

    if (t == 0)
        return;
    vctx_push_key(r->v, "parts");
    for (g = 0; g < 2; g++) {
        int p = sub_table(r, t, rules_regime_names[g]);
        if (p == 0) {
            vctx_error(r->v, "the part maxima of regime %s are missing", rules_regime_names[g]);
            continue;
        }
        for (k = 0, sum = 0; k < 3; k++)
            sum += a->part_max[g][k] = (int)get_int(r, p, abc[k], 0);
        vctx_push_key(r->v, rules_regime_names[g]);
        if (sum != 100)
            vctx_error(r->v, "the parts must add up to 100, not %d", sum);
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    memcpy(a->part_max[REGIME_148_1489], a->part_max[REGIME_148], sizeof(a->part_max[0]));
    vctx_pop(r->v);
    lua_pop(r->L, 1);
}

static void read_routing(struct rd *r, struct rules_area *a, int base)
{
    int t = sub_table(r, base, "routing"), g, lv;

    if (t == 0)
        return;
    vctx_push_key(r->v, "routing");
    for (g = 0; g < REGIME__MAX; g++) {
        int rt = sub_table(r, t, rules_regime_names[g]);
        if (rt == 0) {
            vctx_error(r->v, "regime %s has no routing", rules_regime_names[g]);
            continue;
        }
        vctx_push_key(r->v, rules_regime_names[g]);
        for (lv = 0; lv < LEVEL__MAX; lv++) {
            struct rules_routing *o = &a->routing[g][lv];
            int e = sub_table(r, rt, rules_level_names[lv]);
            if (e == 0) {
                o->abolished = 1; /* a level the regime does not mention does nothing */
                continue;
            }
            o->scores = get_bool(r, e, "scores", 0);
            o->assesses = get_bool(r, e, "assesses", 0);
            o->abolished = get_bool(r, e, "abolished", 0);
            o->certify_min = (int)get_int(r, e, "certify_min", 0);
            o->certify_max = (int)get_int(r, e, "certify_max", 0);
            o->forward_min = (int)get_int(r, e, "forward_min", 0);
            o->issuer = get_str(r, e, "issuer");
            o->role = get_str(r, e, "role");
            vctx_push_key(r->v, rules_level_names[lv]);
            if ((o->certify_min == 0) != (o->certify_max == 0) || o->certify_min > o->certify_max)
                vctx_error(r->v, "certify_min and certify_max: both 0, or 1 ≤ min ≤ max ≤ 5");
            vctx_pop(r->v);
            lua_pop(r->L, 1);
        }
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    vctx_pop(r->v);
    lua_pop(r->L, 1);
}

/* Flattens a group tree depth first; returns the count added. */
static size_t walk_groups(struct rd *r, int t, enum rules_regime g, int depth, int parent,
                          struct rules_group *out, size_t at, size_t max)
{
    size_t i, n = lua_rawlen(r->L, t), added = 0;

    for (i = 0; i < n && depth < 6; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        int e = lua_gettop(r->L);
        vctx_push_int(r->v, PK_POS, (int64_t)i + 1);
        if (at + added < max) {
            struct rules_group *o = &out[at + added];
            o->regime = g;
            o->code = get_str(r, e, "code");
            o->name = get_str(r, e, "name");
            o->ministry = get_str(r, e, "ministry");
            o->depth = depth;
            o->parent = parent;
            for (size_t k = 0; k < at + added; k++)
                if (strcmp(out[k].code, o->code) == 0)
                    vctx_error(r->v, "group code %s appears twice", o->code);
            added++;
            int c = sub_table(r, e, "children");
            if (c) {
                vctx_push_key(r->v, "children");
                added +=
                    walk_groups(r, c, g, depth + 1, (int)(at + added - 1), out, at + added, max);
                vctx_pop(r->v);
                lua_pop(r->L, 1);
            }
        } else {
            vctx_error(r->v, "more than %zu groups", max);
        }
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    return added;
}

static void read_groups(struct rd *r, struct rules_area *a, int base)
{
    int t = sub_table(r, base, "groups"), g;
    const size_t max = 400;

    if (t == 0)
        return;
    vctx_push_key(r->v, "groups");
    for (g = 0; g < 2; g++) {
        int list = sub_table(r, t, rules_regime_names[g]);
        if (list == 0)
            continue;
        vctx_push_key(r->v, rules_regime_names[g]);
        a->groups[g] = xalloc(r, max, sizeof(struct rules_group));
        a->ngroups[g] = walk_groups(r, list, (enum rules_regime)g, 0, -1, a->groups[g], 0, max);
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    a->groups[REGIME_148_1489] = a->groups[REGIME_148];
    a->ngroups[REGIME_148_1489] = a->ngroups[REGIME_148];
    vctx_pop(r->v);
    lua_pop(r->L, 1);
}

static unsigned name_mask(struct rd *r, int e, const char *key, const char *const *names, int n)
{
    int t = sub_table(r, e, key), k;
    unsigned mask = 0;
    size_t i, len;

    if (t == 0)
        return 0;
    len = lua_rawlen(r->L, t);
    for (i = 0; i < len; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        k = name_index(lua_tostring(r->L, -1), names, n);
        if (k >= 0)
            mask |= 1u << k;
        lua_pop(r->L, 1);
    }
    lua_pop(r->L, 1);
    return mask;
}

static int doc_cmp(const void *x, const void *y)
{
    const struct rules_document *a = x, *b = y;

    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return strcmp(a->code, b->code);
}

static void read_documents(struct rd *r, struct rules_area *a, int base)
{
    int t = sub_table(r, base, "documents");
    size_t n = 0, cap = 0;

    if (t == 0)
        return;
    lua_pushnil(r->L);
    while (lua_next(r->L, t) != 0) {
        cap++;
        lua_pop(r->L, 1);
    }
    a->docs = xalloc(r, cap, sizeof(*a->docs));
    lua_pushnil(r->L);
    while (lua_next(r->L, t) != 0) {
        int e = lua_gettop(r->L);
        if (lua_type(r->L, e) == LUA_TTABLE && n < cap) {
            struct rules_document *d = &a->docs[n++];
            d->code = str_at(r, e - 1);
            d->name = get_str(r, e, "name");
            d->note = get_str(r, e, "note");
            d->mandatory = get_bool(r, e, "mandatory", 0);
            d->order = (int)get_int(r, e, "order", 1000);
            d->regimes = name_mask(r, e, "regimes", rules_regime_names, REGIME__MAX);
            d->levels = name_mask(r, e, "levels", rules_level_names, LEVEL__MAX);
            d->groups = str_list(r, e, "groups", &d->ngroups);
            d->except_groups = str_list(r, e, "except_groups", &d->nexcept);
        }
        lua_pop(r->L, 1);
    }
    a->ndocs = n;
    qsort(a->docs, n, sizeof(*a->docs), doc_cmp);
    lua_pop(r->L, 1);
}

/* ---- support ---- */

static void read_support(struct rd *r, int base, struct support_rule *out)
{
    int t = sub_table(r, base, "support"), c, k, s;

    memset(out, 0, sizeof(*out) * SUPPORT__MAX);
    if (t == 0)
        return;
    for (c = 0; c < SUPPORT__MAX; c++) {
        struct support_rule *o = &out[c];
        int e = sub_table(r, t, support_category_names[c]);
        if (e == 0)
            continue;
        o->present = 1;
        o->min_stars = (int)get_int(r, e, "min_stars", 0);
        o->after_recognition = get_bool(r, e, "after_recognition", 0);
        field(r, e, "recognised_by");
        o->recognised_by = name_index(lua_tostring(r->L, -1), rules_level_names, LEVEL__MAX);
        lua_pop(r->L, 1);
        o->max_codes = (int)get_int(r, e, "max_codes_per_type_per_org", 0);
        o->max_amount = get_int(r, e, "max_amount", -1);
        o->once = get_bool(r, e, "once", 0);
        o->items = str_list(r, e, "items", &o->nitems);
        o->note = get_str(r, e, "note");
        o->source = get_str(r, e, "source");
        for (k = 0; k < SUPPORT_KIND__MAX; k++)
            for (s = 0; s <= STAR_MAX; s++)
                o->amounts[k][s] = -1;
        int am = sub_table(r, e, "amounts");
        if (am) {
            o->has_amounts = 1;
            for (k = 0; k < SUPPORT_KIND__MAX; k++) {
                int kt = sub_table(r, am, support_kind_names[k]);
                if (kt == 0)
                    continue;
                for (s = 1; s <= STAR_MAX; s++) {
                    int isint = 0;
                    lua_rawgeti(r->L, kt, s);
                    lua_Integer v = lua_tointegerx(r->L, -1, &isint);
                    if (isint)
                        o->amounts[k][s] = v;
                    lua_pop(r->L, 1);
                }
                lua_pop(r->L, 1);
            }
            lua_pop(r->L, 1);
        }
        lua_pop(r->L, 1);
    }
    lua_pop(r->L, 1);
}

/* ---- a year ---- */

static int round_cmp(const void *x, const void *y)
{
    const struct rules_round *a = x, *b = y;

    if (a->level != b->level)
        return a->level < b->level ? -1 : 1;
    return a->number - b->number;
}

static void read_rounds(struct rd *r, struct ryear *y, int yt)
{
    int t = sub_table(r, yt, "rounds"), lv;
    size_t n = 0, i, cnt;

    if (t == 0)
        return;
    vctx_push_key(r->v, "rounds");
    y->rounds = xalloc(r, 4 * 12, sizeof(*y->rounds));
    for (lv = 0; lv < LEVEL__MAX; lv++) {
        int l = sub_table(r, t, rules_level_names[lv]);
        if (l == 0)
            continue;
        vctx_push_key(r->v, rules_level_names[lv]);
        cnt = lua_rawlen(r->L, l);
        for (i = 0; i < cnt && n < 48; i++) {
            struct rules_round *o = &y->rounds[n];
            lua_rawgeti(r->L, l, (lua_Integer)i + 1);
            int e = lua_gettop(r->L);
            vctx_push_int(r->v, PK_POS, (int64_t)i + 1);
            o->year = y->year;
            o->level = (enum rules_level)lv;
            o->number = (int)i + 1;
            o->close = get_date(r, e, "close");
            o->open = get_date(r, e, "open");
            o->open_stated = o->open != 0;
            o->note = get_str(r, e, "note");
            o->source = get_str(r, e, "source");
            if (!o->open_stated)
                o->open = i == 0 ? day_start(y->year, 1, 1) : o[-1].close + 86400;
            if (o->close < o->open)
                vctx_error(r->v, "the round closes before it opens");
            else if (i > 0 && o->open <= o[-1].close)
                vctx_error(r->v, "the round opens before the previous one closed");
            vctx_pop(r->v);
            lua_pop(r->L, 1);
            n++;
        }
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    y->nrounds = n;
    qsort(y->rounds, n, sizeof(*y->rounds), round_cmp);
    vctx_pop(r->v);
    lua_pop(r->L, 1);
}

/* Iterates the items of list key of the table at yt: calls fn for each, with the item
 * at the top and the path pushed. */
static size_t each_item(struct rd *r, int yt, const char *key, size_t size, void **out,
                        void (*fn)(struct rd *, int, void *))
{
    int t = sub_table(r, yt, key);
    size_t n, i;
    char *items;

    *out = NULL;
    if (t == 0)
        return 0;
    vctx_push_key(r->v, key);
    n = lua_rawlen(r->L, t);
    items = xalloc(r, n, size);
    for (i = 0; i < n; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        vctx_push_int(r->v, PK_POS, (int64_t)i + 1);
        fn(r, lua_gettop(r->L), items + i * size);
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    vctx_pop(r->v);
    lua_pop(r->L, 1);
    *out = items;
    return n;
}

static void read_event(struct rd *r, int e, void *p)
{
    struct rules_event *o = p;
    int64_t by = get_date(r, e, "by");

    o->what = get_str(r, e, "what");
    o->who = get_str(r, e, "who");
    o->source = get_str(r, e, "source");
    o->from = get_date(r, e, "from");
    o->to = by ? by : get_date(r, e, "to");
    o->deadline = by != 0;
    if (by && get_date(r, e, "to"))
        vctx_error(r->v, "give either 'to' (a period) or 'by' (a deadline), not both");
    else if (o->to == 0)
        vctx_error(r->v, "give 'to' (the last day of a period) or 'by' (a deadline)");
    else if (o->from && o->from > o->to)
        vctx_error(r->v, "'from' is after the end");
}

static void read_target(struct rd *r, int e, void *p)
{
    struct rules_target *o = p;

    o->code = get_str(r, e, "code");
    o->label = get_str(r, e, "label");
    o->unit = get_str(r, e, "unit");
    o->per = get_str(r, e, "per");
    o->source = get_str(r, e, "source");
    o->min = get_int(r, e, "min", -1);
    o->max = get_int(r, e, "max", -1);
    o->approx = get_bool(r, e, "approx", 0);
    if (o->min < 0 && o->max < 0)
        vctx_error(r->v, "a target needs 'min' or 'max'");
    else if (o->min >= 0 && o->max >= 0 && o->min > o->max)
        vctx_error(r->v, "'min' is above 'max'");
}

static void read_report(struct rd *r, int e, void *p)
{
    struct rules_report *o = p;

    o->what = get_str(r, e, "what");
    o->from = get_str(r, e, "from");
    o->to = get_str(r, e, "to");
    o->source = get_str(r, e, "source");
    field(r, e, "every");
    o->every = name_index(lua_tostring(r->L, -1), rules_period_names, PERIOD__MAX) == PERIOD_YEAR
                   ? PERIOD_YEAR
                   : PERIOD_MONTH;
    lua_pop(r->L, 1);
    o->day = (int)get_int(r, e, "day", 1);
    o->month = (int)get_int(r, e, "month", 0);
    if (o->every == PERIOD_YEAR && (o->month == 0 || o->day > month_days(2000, o->month)))
        vctx_error(r->v, "a yearly report needs a real 'month' and 'day'");
    else if (o->every == PERIOD_MONTH && o->month)
        vctx_error(r->v, "a monthly report has no 'month'");
}

/* Reads the lines of list t (depth first) into y->budget; returns their sum. */
static int64_t read_blines(struct rd *r, struct ryear *y, int t, int depth, int parent, size_t max)
{
    size_t i, n = lua_rawlen(r->L, t);
    int64_t sum = 0;

    vctx_push_key(r->v, "lines");
    for (i = 0; i < n; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        int e = lua_gettop(r->L), me = (int)y->nbudget;
        vctx_push_int(r->v, PK_POS, (int64_t)i + 1);
        if (y->nbudget >= max || depth > 5) {
            vctx_error(r->v, "too many budget lines, or nested too deeply");
        } else {
            struct rules_budget_line *o = &y->budget[y->nbudget++];
            o->code = get_str(r, e, "code");
            o->label = get_str(r, e, "label");
            o->owner = get_str(r, e, "owner");
            o->when = get_str(r, e, "when");
            o->note = get_str(r, e, "note");
            o->amount = get_int(r, e, "amount", 0);
            o->depth = depth;
            o->parent = parent;
            sum += o->amount;
            int sub = sub_table(r, e, "lines");
            if (sub) {
                int64_t s = read_blines(r, y, sub, depth + 1, me, max);
                lua_pop(r->L, 1);
                if (s != y->budget[me].amount)
                    vctx_error(r->v, "the lines under it add up to %lld, not %lld", (long long)s,
                               (long long)y->budget[me].amount);
            }
        }
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    vctx_pop(r->v);
    return sum;
}

static void read_budget(struct rd *r, struct ryear *y, int yt)
{
    int t = sub_table(r, yt, "budget"), lines;
    const size_t max = 300;
    int64_t sum;

    y->budget_total = -1;
    if (t == 0)
        return;
    vctx_push_key(r->v, "budget");
    y->budget_total = get_int(r, t, "total", 0);
    y->budget_source = get_str(r, t, "source");
    y->budget_unit = get_str(r, t, "unit_in_plan");
    y->budget_note = get_str(r, t, "note");
    y->budget = xalloc(r, max, sizeof(*y->budget));
    lines = sub_table(r, t, "lines");
    if (lines) {
        sum = read_blines(r, y, lines, 0, -1, max);
        lua_pop(r->L, 1);
        if (sum != y->budget_total)
            vctx_error(r->v, "the lines add up to %lld, not the total %lld", (long long)sum,
                       (long long)y->budget_total);
    }
    vctx_pop(r->v);
    lua_pop(r->L, 1);
}

static void read_plan(struct rd *r, struct ryear *y, int yt)
{
    int t = sub_table(r, yt, "plan");

    if (t == 0)
        return;
    y->has_plan = 1;
    y->plan.title = get_str(r, t, "title");
    y->plan.number = get_str(r, t, "number");
    y->plan.date_text = get_str(r, t, "date_text");
    y->plan.issuer = get_str(r, t, "issuer");
    y->plan.signer = get_str(r, t, "signer");
    y->plan.status = get_str(r, t, "status");
    y->plan.source = get_str(r, t, "source");
    y->plan.implements = get_str(r, t, "implements");
    y->plan.note = get_str(r, t, "note");
    y->plan.date = get_date(r, t, "date");
    lua_pop(r->L, 1);
}

static void read_year(struct rd *r, struct ryear *y, int yt)
{
    void *p;

    read_plan(r, y, yt);
    read_rounds(r, y, yt);
    y->nevents = each_item(r, yt, "calendar", sizeof(struct rules_event), &p, read_event);
    y->events = p;
    y->ntargets = each_item(r, yt, "targets", sizeof(struct rules_target), &p, read_target);
    y->targets = p;
    for (size_t i = 0; i < y->ntargets; i++)
        for (size_t k = 0; k < i; k++)
            if (strcmp(y->targets[i].code, y->targets[k].code) == 0) {
                vctx_push_key(r->v, "targets");
                vctx_error(r->v, "target code %s appears twice", y->targets[i].code);
                vctx_pop(r->v);
            }
    y->nreports = each_item(r, yt, "reports", sizeof(struct rules_report), &p, read_report);
    y->reports = p;
    read_budget(r, y, yt);
    read_support(r, yt, y->support);
    y->refs = refs_list(r, yt, &y->nrefs);
    y->notes = str_list(r, yt, "notes", &y->nnotes);
}

int cache_area(struct vctx *v, struct pstate *ps, struct rules_area *a, int base, const int *years,
               const int *yrefs, size_t nyears)
{
    struct rd r = {v, ps, v->L};
    int before = v->count;
    size_t i;

    base = lua_absindex(v->L, base);
    v->year = 0;
    v->depth = 0;
    a->ps = ps;
    a->name = get_str(&r, base, "name");
    a->placeholder = get_bool(&r, base, "placeholder", 0);
    a->valid_from = get_date(&r, base, "valid_from");
    a->valid_to = get_date(&r, base, "valid_to");
    a->merged_into = get_str(&r, base, "merged_into");
    a->merged_from = str_list(&r, base, "merged_from", &a->nmerged_from);
    a->notes = str_list(&r, base, "notes", &a->nnotes);
    a->refs = refs_list(&r, base, &a->nrefs);
    read_regimes(&r, a, base);
    read_bands(&r, a, base);
    read_parts(&r, a, base);
    read_routing(&r, a, base);
    read_groups(&r, a, base);
    read_documents(&r, a, base);
    read_support(&r, base, a->support);
    a->district_ends = 0;
    if (field(&r, base, "admin") == LUA_TTABLE)
        a->district_ends = get_date(&r, lua_gettop(v->L), "district_level_ends");
    lua_pop(v->L, 1);
    if (field(&r, base, "certificate") == LUA_TTABLE) {
        a->cert_months = (int)get_int(&r, lua_gettop(v->L), "validity_months", 36);
        a->cert_min_stars = (int)get_int(&r, lua_gettop(v->L), "min_stars", 3);
    }
    lua_pop(v->L, 1);
    if (field(&r, base, "council") == LUA_TTABLE) {
        a->quorum_pct = (int)get_int(&r, lua_gettop(v->L), "quorum_pct", 75);
        a->spread_max = (int)get_int(&r, lua_gettop(v->L), "spread_max", 10);
        a->chair_required = get_bool(&r, lua_gettop(v->L), "chair_required", 1);
    }
    lua_pop(v->L, 1);
    a->samples = (int)get_int(&r, base, "samples", 0);
    if (field(&r, base, "uploads") == LUA_TTABLE) {
        int u = lua_gettop(v->L);
        a->uploads.max_file_bytes = (uint64_t)get_int(&r, u, "max_file_mb", 1) << 20;
        a->uploads.max_total_bytes = (uint64_t)get_int(&r, u, "max_total_mb", 1) << 20;
        a->uploads.max_files = (int)get_int(&r, u, "max_files", 1);
    }
    lua_pop(v->L, 1);
    a->check_days = (int)get_int(&r, base, "dossier_check_working_days", 0);

    a->years = xalloc(&r, nyears, sizeof(*a->years));
    a->year_list = xalloc(&r, nyears, sizeof(int));
    a->nyears = nyears;
    for (i = 0; i < nyears; i++) {
        a->years[i].year = a->year_list[i] = years[i];
        a->years[i].ref = yrefs[i];
        v->year = years[i];
        lua_rawgeti(v->L, LUA_REGISTRYINDEX, yrefs[i]);
        read_year(&r, &a->years[i], lua_gettop(v->L));
        lua_pop(v->L, 1);
    }
    v->year = 0;
    return v->count > before ? -1 : 0;
}

/* ---- sheets ---- */

static void read_options(struct rd *r, int ct, struct rules_criterion *c)
{
    int t = sub_table(r, ct, "options");
    struct rules_option *o;
    size_t i;

    c->noptions = t ? lua_rawlen(r->L, t) : 0;
    o = xalloc(r, c->noptions, sizeof(*o));
    for (i = 0; i < c->noptions; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        o[i].label = get_str(r, lua_gettop(r->L), "label");
        o[i].points = (int)get_int(r, lua_gettop(r->L), "points", 0);
        if (o[i].points > c->max)
            c->max = o[i].points;
        lua_pop(r->L, 1);
    }
    c->options = o;
    if (t)
        lua_pop(r->L, 1);
}

/* Reads the criteria groups of part p; returns the sum of the criteria maxima. */
static int read_cgroups(struct rd *r, int pt, struct rules_part *p, int part,
                        const struct rules_criterion **all, size_t *nall, size_t max)
{
    int t = sub_table(r, pt, "groups"), sum = 0;
    struct rules_cgroup *gs;
    size_t i, k;

    p->ngroups = t ? lua_rawlen(r->L, t) : 0;
    gs = xalloc(r, p->ngroups, sizeof(*gs));
    vctx_push_key(r->v, "groups");
    for (i = 0; i < p->ngroups; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        int g = lua_gettop(r->L), ct = 0;
        struct rules_criterion *cs;
        vctx_push_int(r->v, PK_POS, (int64_t)i + 1);
        gs[i].name = get_str(r, g, "name");
        ct = sub_table(r, g, "criteria");
        gs[i].ncriteria = ct ? lua_rawlen(r->L, ct) : 0;
        cs = xalloc(r, gs[i].ncriteria, sizeof(*cs));
        vctx_push_key(r->v, "criteria");
        for (k = 0; k < gs[i].ncriteria; k++) {
            lua_rawgeti(r->L, ct, (lua_Integer)k + 1);
            int c = lua_gettop(r->L);
            vctx_push_int(r->v, PK_POS, (int64_t)k + 1);
            cs[k].code = get_str(r, c, "code");
            cs[k].name = get_str(r, c, "name");
            cs[k].part = part;
            read_options(r, c, &cs[k]);
            sum += cs[k].max;
            for (size_t j = 0; j < *nall; j++)
                if (strcmp(all[j]->code, cs[k].code) == 0)
                    vctx_error(r->v, "criterion code %s appears twice", cs[k].code);
            if (*nall < max)
                all[(*nall)++] = &cs[k];
            vctx_pop(r->v);
            lua_pop(r->L, 1);
        }
        vctx_pop(r->v);
        if (ct)
            lua_pop(r->L, 1);
        gs[i].criteria = cs;
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    vctx_pop(r->v);
    if (t)
        lua_pop(r->L, 1);
    p->groups = gs;
    return sum;
}

static void read_gates(struct rd *r, int st, struct rules_sheet *s)
{
    int t = sub_table(r, st, "gates");
    struct star_gate *gates;
    const char **notes;
    size_t i, k, n = t ? lua_rawlen(r->L, t) : 0;

    gates = xalloc(r, n, sizeof(*gates));
    notes = xalloc(r, n, sizeof(*notes));
    vctx_push_key(r->v, "gates");
    for (i = 0; i < n; i++) {
        lua_rawgeti(r->L, t, (lua_Integer)i + 1);
        int g = lua_gettop(r->L);
        const char *code = get_str(r, g, "criterion");
        vctx_push_int(r->v, PK_POS, (int64_t)i + 1);
        gates[i].star = (int)get_int(r, g, "star", 0);
        gates[i].min_points = (int)get_int(r, g, "min", 0);
        gates[i].criterion = -1;
        notes[i] = get_str(r, g, "note");
        for (k = 0; k < s->ncriteria; k++)
            if (strcmp(s->criteria[k]->code, code) == 0)
                gates[i].criterion = (int)k;
        if (gates[i].criterion < 0)
            vctx_error(r->v, "no criterion %s on this sheet", code);
        else if (gates[i].min_points > s->criteria[gates[i].criterion]->max)
            vctx_error(r->v, "criterion %s gives at most %d points", code,
                       s->criteria[gates[i].criterion]->max);
        vctx_pop(r->v);
        lua_pop(r->L, 1);
    }
    vctx_pop(r->v);
    if (t)
        lua_pop(r->L, 1);
    s->gates = gates;
    s->gate_notes = notes;
    s->ngates = n;
}

int cache_sheet(struct vctx *v, struct pstate *ps, int st, const struct rules_area *nat,
                struct rules_sheet *s)
{
    struct rd r = {v, ps, v->L};
    int before = v->count, t, sum, total = 0;
    const struct rules_criterion **all;
    struct rules_part *parts;
    size_t i, nall = 0;
    const size_t max = 200;

    st = lua_absindex(v->L, st);
    v->depth = 0;
    field(&r, st, "regime");
    s->regime = strcmp(lua_tostring(v->L, -1), "148") == 0 ? REGIME_148 : REGIME_1048;
    lua_pop(v->L, 1);
    s->code = get_str(&r, st, "code");
    s->name = get_str(&r, st, "name");
    s->source = get_str(&r, st, "source");
    s->illustrative = get_bool(&r, st, "illustrative", 1);
    s->is_default = get_bool(&r, st, "default", 0);
    s->applies_to = str_list(&r, st, "applies_to", &s->napplies);
    all = xalloc(&r, max, sizeof(*all));
    t = sub_table(&r, st, "parts");
    s->nparts = t ? lua_rawlen(v->L, t) : 0;
    parts = xalloc(&r, s->nparts, sizeof(*parts));
    vctx_push_key(v, "parts");
    for (i = 0; i < s->nparts; i++) {
        lua_rawgeti(v->L, t, (lua_Integer)i + 1);
        int p = lua_gettop(v->L);
        vctx_push_int(v, PK_POS, (int64_t)i + 1);
        parts[i].code = get_str(&r, p, "code");
        parts[i].name = get_str(&r, p, "name");
        parts[i].max = (int)get_int(&r, p, "max", 0);
        sum = read_cgroups(&r, p, &parts[i], (int)i, all, &nall, max);
        total += parts[i].max;
        if (parts[i].code[0] != "ABC"[i])
            vctx_error(v, "parts must be A, B, C in this order");
        else if (nat && parts[i].max != nat->part_max[s->regime][i])
            vctx_error(v, "part %s of regime %s is worth %d points, not %d", parts[i].code,
                       rules_regime_names[s->regime], nat->part_max[s->regime][i], parts[i].max);
        if (sum != parts[i].max)
            vctx_error(v, "the criteria of part %s add up to %d, not %d", parts[i].code, sum,
                       parts[i].max);
        vctx_pop(v);
        lua_pop(v->L, 1);
    }
    if (s->nparts != 3 || total != 100)
        vctx_error(v, "a sheet has parts A, B, C worth 100 points in all");
    vctx_pop(v);
    if (t)
        lua_pop(v->L, 1);
    s->parts = parts;
    s->criteria = all;
    s->ncriteria = nall;
    read_gates(&r, st, s);
    return v->count > before ? -1 : 0;
}

/* ---- accessors ---- */

const struct ryear *area_year(const struct rules_area *a, int year)
{
    size_t i;

    for (i = 0; i < a->nyears; i++)
        if (a->years[i].year == year)
            return &a->years[i];
    return NULL;
}

const char *rules_area_code(const struct rules_area *a)
{
    return a->code;
}

const char *rules_area_name(const struct rules_area *a)
{
    return a->name;
}

int rules_area_is_district(const struct rules_area *a)
{
    return a->district;
}

int rules_area_is_placeholder(const struct rules_area *a)
{
    return a->placeholder;
}

int64_t rules_area_loaded_at(const struct rules_area *a)
{
    return a->ps->loaded_at;
}

const struct rules_area *rules_district(const struct rules_area *a, size_t i)
{
    return i + 1 < a->ps->nareas ? &a->ps->areas[i + 1] : NULL;
}

size_t rules_area_files(const struct rules_area *a, const char *const **paths,
                        const int64_t **mtimes)
{
    *paths = a->paths;
    *mtimes = a->mtimes;
    return a->nfiles;
}

size_t rules_area_years(const struct rules_area *a, const int **years)
{
    *years = a->year_list;
    return a->nyears;
}

int rules_regime_on(const struct rules_area *a, int64_t date, enum rules_regime *out)
{
    int g;

    for (g = REGIME__MAX - 1; g >= 0; g--)
        if (a->regime_from[g] && date >= a->regime_from[g]) {
            *out = (enum rules_regime)g;
            return 0;
        }
    return -1;
}

int64_t rules_regime_from(const struct rules_area *a, enum rules_regime g)
{
    return (unsigned)g < REGIME__MAX ? a->regime_from[g] : 0;
}

int rules_star_band(const struct rules_area *a, int64_t sum, int n)
{
    int s;

    if (n <= 0)
        return 0;
    for (s = STAR_MAX; s > 1; s--)
        if (sum >= (int64_t)a->band_min[s] * n)
            return s;
    return 1;
}

void rules_star_bands(const struct rules_area *a, int band_min[STAR_MAX + 1])
{
    memcpy(band_min, a->band_min, sizeof(a->band_min));
}

int rules_routing(const struct rules_area *a, enum rules_regime g, enum rules_level lv,
                  struct rules_routing *out)
{
    if ((unsigned)g >= REGIME__MAX || (unsigned)lv >= LEVEL__MAX)
        return -1;
    *out = a->routing[g][lv];
    return 0;
}

int rules_routing_on(const struct rules_area *a, int64_t date, enum rules_level lv,
                     struct rules_routing *out)
{
    enum rules_regime g;

    if (rules_regime_on(a, date, &g) != 0 || rules_routing(a, g, lv, out) != 0)
        return -1;
    if (lv == LEVEL_DISTRICT && a->district_ends && date >= a->district_ends)
        *out = (struct rules_routing){.abolished = 1};
    return 0;
}

int rules_score_policy(const struct rules_area *a, enum rules_regime g, enum rules_level lv,
                       const struct rules_sheet *sheet, struct score_policy *out)
{
    const struct rules_routing *rt;

    if ((unsigned)g >= REGIME__MAX || (unsigned)lv >= LEVEL__MAX)
        return -1;
    rt = &a->routing[g][lv];
    memset(out, 0, sizeof(*out));
    memcpy(out->band_min, a->band_min, sizeof(out->band_min));
    out->spread_max = a->spread_max;
    out->quorum_pct = a->quorum_pct;
    out->chair_required = a->chair_required;
    out->certify_min_star = rt->certify_min;
    out->certify_max_star = rt->certify_max;
    out->forward_min_total = rt->forward_min;
    if (sheet) {
        if (sheet->ncriteria > SCORE_MAX_CRITERIA)
            return -1;
        out->gates = sheet->gates;
        out->ngates = sheet->ngates;
        out->ncriteria = (int)sheet->ncriteria;
    }
    return 0;
}

int rules_certificate_months(const struct rules_area *a)
{
    return a->cert_months;
}

int rules_certificate_min_stars(const struct rules_area *a)
{
    return a->cert_min_stars;
}

int64_t rules_certificate_until(const struct rules_area *a, int64_t issued)
{
    int y, m, d, months = a->cert_months;
    int64_t day = issued >= 0 ? issued / 86400 : (issued - 86399) / 86400;

    civil_from_days(day, &y, &m, &d);
    m += months % 12;
    y += months / 12 + (m > 12);
    if (m > 12)
        m -= 12;
    if (d > month_days(y, m)) /* 29/2 + 36 months: valid to the end of February */
        return day_start(y, m, month_days(y, m));
    return day_start(y, m, d) - 86400;
}

void rules_upload_limits(const struct rules_area *a, struct rules_uploads *out)
{
    *out = a->uploads;
}

int rules_samples(const struct rules_area *a)
{
    return a->samples;
}

int rules_dossier_check_days(const struct rules_area *a)
{
    return a->check_days;
}

void rules_council(const struct rules_area *a, int *quorum_pct, int *spread_max,
                   int *chair_required)
{
    *quorum_pct = a->quorum_pct;
    *spread_max = a->spread_max;
    *chair_required = a->chair_required;
}

int64_t rules_district_level_ends(const struct rules_area *a)
{
    return a->district_ends;
}

size_t rules_rounds(const struct rules_area *a, int year, enum rules_level lv,
                    const struct rules_round **out)
{
    const struct ryear *y = area_year(a, year);
    size_t i, n = 0;

    *out = NULL;
    if (y == NULL)
        return 0;
    for (i = 0; i < y->nrounds; i++)
        if (y->rounds[i].level == lv) {
            if (n == 0)
                *out = &y->rounds[i];
            n++;
        }
    return n; /* sorted by level: the level's rounds are contiguous */
}

const struct rules_round *rules_round_open(const struct rules_area *a, enum rules_level lv,
                                           int64_t date)
{
    size_t i, k;

    for (i = 0; i < a->nyears; i++)
        for (k = 0; k < a->years[i].nrounds; k++) {
            const struct rules_round *r = &a->years[i].rounds[k];
            if (r->level == lv && date >= r->open && date < r->close + 86400)
                return r;
        }
    return NULL;
}

size_t rules_calendar(const struct rules_area *a, int year, const struct rules_event **out)
{
    const struct ryear *y = area_year(a, year);

    *out = y ? y->events : NULL;
    return y ? y->nevents : 0;
}

size_t rules_reports(const struct rules_area *a, int year, const struct rules_report **out)
{
    const struct ryear *y = area_year(a, year);

    *out = y ? y->reports : NULL;
    return y ? y->nreports : 0;
}

/* The first day on or after `day` (days since the epoch) that a report falls due. */
static int64_t report_due(const struct rules_report *r, int64_t day)
{
    int y, m, d, k;

    civil_from_days(day, &y, &m, &d);
    for (k = 0; k < 26; k++) { /* this month or year, or the next */
        int yy = r->every == PERIOD_YEAR ? y + k : y + (m - 1 + k) / 12;
        int mm = r->every == PERIOD_YEAR ? r->month : (m - 1 + k) % 12 + 1;
        int dd = r->day < month_days(yy, mm) ? r->day : month_days(yy, mm);
        int64_t due = days_from_civil(yy, (unsigned)mm, (unsigned)dd);
        if (due >= day)
            return due;
    }
    return -1;
}

int64_t rules_report_due(const struct rules_report *r, int64_t date)
{
    int64_t d = report_due(r, date >= 0 ? date / 86400 : (date - 86399) / 86400);

    return d < 0 ? -1 : d * 86400;
}

int rules_next_report(const struct rules_area *a, int64_t date, const struct rules_report **out,
                      int64_t *due)
{
    const struct ryear *y = area_year(a, year_of(date));
    int64_t day = date >= 0 ? date / 86400 : (date - 86399) / 86400, best = -1;
    size_t i;

    if (y == NULL)
        return -1;
    for (i = 0; i < y->nreports; i++) {
        int64_t d = report_due(&y->reports[i], day);
        if (d >= 0 && (best < 0 || d < best)) {
            best = d;
            *out = &y->reports[i];
        }
    }
    if (best < 0)
        return -1;
    *due = best * 86400;
    return 0;
}

size_t rules_targets(const struct rules_area *a, int year, const struct rules_target **out)
{
    const struct ryear *y = area_year(a, year);

    *out = y ? y->targets : NULL;
    return y ? y->ntargets : 0;
}

const struct rules_target *rules_target(const struct rules_area *a, int year, const char *code)
{
    const struct ryear *y = area_year(a, year);
    size_t i;

    for (i = 0; y && i < y->ntargets; i++)
        if (strcmp(y->targets[i].code, code) == 0)
            return &y->targets[i];
    return NULL;
}

size_t rules_budget(const struct rules_area *a, int year, const struct rules_budget_line **out,
                    int64_t *total)
{
    const struct ryear *y = area_year(a, year);

    *out = y ? y->budget : NULL;
    *total = y ? y->budget_total : -1;
    return y ? y->nbudget : 0;
}

/* Is code under prefix ("I.1.a" under "I" and "I.1", not under "I.1.b" or "II")? */
static int code_under(const char *code, const char *prefix)
{
    size_t n = strlen(prefix);

    return strncmp(code, prefix, n) == 0 && (code[n] == '\0' || code[n] == '.');
}

static int doc_applies(const struct rules_document *d, const char *group, enum rules_regime g,
                       enum rules_level lv)
{
    size_t i;
    int hit;

    if ((d->regimes && !(d->regimes & (1u << g))) || (d->levels && !(d->levels & (1u << lv))))
        return 0;
    if (d->ngroups) {
        for (i = 0, hit = 0; group && i < d->ngroups; i++)
            hit |= code_under(group, d->groups[i]);
        if (!hit)
            return 0;
    }
    for (i = 0; group && i < d->nexcept; i++)
        if (code_under(group, d->except_groups[i]))
            return 0;
    return 1;
}

size_t rules_documents(const struct rules_area *a, const char *group, enum rules_regime g,
                       enum rules_level lv, const struct rules_document **out, size_t max)
{
    size_t i, n = 0;

    if ((unsigned)g >= REGIME__MAX || (unsigned)lv >= LEVEL__MAX)
        return 0;
    for (i = 0; i < a->ndocs; i++)
        if (doc_applies(&a->docs[i], group, g, lv)) {
            if (n < max)
                out[n] = &a->docs[i];
            n++;
        }
    return n;
}

size_t rules_groups(const struct rules_area *a, enum rules_regime g, const struct rules_group **out)
{
    if ((unsigned)g >= REGIME__MAX) {
        *out = NULL;
        return 0;
    }
    *out = a->groups[g];
    return a->ngroups[g];
}

const struct rules_group *rules_group(const struct rules_area *a, enum rules_regime g,
                                      const char *code)
{
    const struct rules_group *list;
    size_t i, n = rules_groups(a, g, &list);

    for (i = 0; code && i < n; i++)
        if (strcmp(list[i].code, code) == 0)
            return &list[i];
    return NULL;
}

const struct rules_sheet *rules_sheet(const struct rules_area *a, enum rules_regime g,
                                      const char *group)
{
    enum rules_regime base = g == REGIME_1048 ? REGIME_1048 : REGIME_148;
    const struct rules_sheet *def = NULL;
    size_t i, k;

    for (i = 0; i < a->ps->nsheets; i++) {
        const struct rules_sheet *s = &a->ps->sheets[i];
        if (s->regime != base)
            continue;
        if (s->is_default && def == NULL)
            def = s;
        for (k = 0; group && k < s->napplies; k++)
            if (code_under(group, s->applies_to[k]))
                return s;
    }
    return def;
}

int rules_sheet_total(const struct rules_sheet *s, const int *choices, size_t n, int *total)
{
    size_t i;
    int sum = 0;

    if (s == NULL || n != s->ncriteria)
        return -1;
    for (i = 0; i < n; i++) {
        if (choices[i] < 0 || (size_t)choices[i] >= s->criteria[i]->noptions)
            return -1;
        sum += s->criteria[i]->options[choices[i]].points;
    }
    *total = sum;
    return 0;
}
