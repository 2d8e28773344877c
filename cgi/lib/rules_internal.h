/*
 * rules_internal.h — what the parts of the rules module share (not for programs):
 * the loaded province state, the C cache of an area, the arena its strings live in,
 * the problem list with file:line attribution, and the schema checker.
 *
 *   rules.c        registry, stat checks, load → validate → swap, the Lua host layer
 *   rules_schema.c the declared schema of rule files, and the file:line finder
 *   rules_cache.c  effective tables → C structs, and the typed accessors
 *   rules_json.c   the JSON of an area and of a sheet
 *
 * Ownership: a struct pstate owns its Lua host, its arena and everything in it; the
 * areas and sheets point into the arena. pstate_free() releases all of it.
 */
#ifndef OCOP_RULES_INTERNAL_H
#define OCOP_RULES_INTERNAL_H

#include "luahost.h"
#include "rules.h"

#define RULES_MAX_PATH   16 /* depth of a path into a rule table */
#define RULES_MAX_ERRORS 25 /* problems reported per load */

/* ---- arena: every string and array of a loaded state ---- */

struct arena_block;
struct arena {
    struct arena_block *head;
};
void *arena_alloc(struct arena *a, size_t size); /* zeroed; NULL on failure */
char *arena_strndup(struct arena *a, const char *s, size_t len);
void arena_free(struct arena *a);

/* ---- a path into a rule table, for messages ---- */

enum pkind { PK_KEY, PK_INT, PK_POS }; /* name = …, [2020] = …, the n-th item */
struct pcomp {
    enum pkind kind;
    const char *key; /* PK_KEY: points into a live Lua string or a literal */
    int64_t n;       /* PK_INT, PK_POS */
};

/* One loaded file: its text (for the line finder) and its table (registry ref). Lives
 * only while a load runs. */
enum rfile_kind { RF_LIB, RF_NATIONAL, RF_CRITERIA, RF_PROVINCE, RF_DISTRICT, RF__MAX };
struct rfile {
    char *path;
    char *src; /* the text, for finding lines; malloc'd */
    size_t len;
    int64_t mtime;
    enum rfile_kind kind;
    int ref; /* LUA_NOREF until run */
};

/* Problems of one load: "file:line: path: message" lines, and where to look for lines.
 * files[] is the cascade of the table being checked (national, province, district),
 * year the year whose years[Y] entries count (0 for none). */
struct vctx {
    lua_State *L;
    struct buf *out; /* where problems go */
    int count;
    struct pcomp path[RULES_MAX_PATH];
    int depth;
    struct rfile *files[3];
    int nfiles;
    int year;
};
void vctx_push_key(struct vctx *v, const char *key);
void vctx_push_int(struct vctx *v, enum pkind kind, int64_t n);
void vctx_pop(struct vctx *v);
/* Records a problem at the current path, attributed to the most specific file that
 * holds it, at the line where the finder sees it. */
void vctx_error(struct vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The line of a path in a file's text (1 when not found). */
int rules_find_line(const char *src, size_t len, const struct pcomp *path, int depth);

/* ---- schema ---- */

enum schema_kind { SK_NATIONAL, SK_PROVINCE, SK_DISTRICT, SK_SHEET, SK_EFFECTIVE, SK_YEAR };
/* Checks the table at idx against the schema of its kind. Per file (SK_NATIONAL …):
 * types, unknown keys, fields only national.lua may set. SK_EFFECTIVE / SK_YEAR: the
 * merged table of an area (or of an area's year), with every required field. Returns
 * the number of problems added. Must run inside a protected call. */
int schema_check(struct vctx *v, int idx, enum schema_kind kind);

/* ---- the cache ---- */

struct support_rule {
    int present;
    int min_stars;         /* 0 = none */
    int after_recognition; /* paid only after the recognition decision */
    int recognised_by;     /* enum rules_level, -1 = any */
    int max_codes;         /* product codes per type per organisation, 0 = none */
    int64_t max_amount;    /* per product, -1 = none */
    int once;
    int64_t amounts[SUPPORT_KIND__MAX][STAR_MAX + 1]; /* -1 = not stated */
    int has_amounts;
    const char *const *items;
    size_t nitems;
    const char *note, *source;
};

struct rplan {
    const char *title, *number, *date_text, *issuer, *signer, *status, *source, *implements, *note;
    int64_t date; /* 0 when not stated */
};

struct rref { /* a referenced decision or document */
    const char *number, *what, *source;
    int64_t date;
};

struct ryear {
    int year;
    struct rplan plan;
    int has_plan;
    struct rules_round *rounds;
    size_t nrounds;
    struct rules_event *events;
    size_t nevents;
    struct rules_report *reports;
    size_t nreports;
    struct rules_target *targets;
    size_t ntargets;
    struct rules_budget_line *budget;
    size_t nbudget;
    int64_t budget_total; /* -1 = none */
    const char *budget_source, *budget_unit, *budget_note;
    struct support_rule support[SUPPORT__MAX];
    struct rref *refs;
    size_t nrefs;
    const char *const *notes;
    size_t nnotes;
    int ref; /* the effective year table in the registry */
};

struct pstate;

struct rules_area {
    const char *code, *name;
    int district, placeholder;
    struct pstate *ps;
    const char **paths;
    int64_t *mtimes;
    size_t nfiles;
    int64_t valid_from, valid_to; /* 0 = open */
    const char *merged_into;
    const char *const *merged_from;
    size_t nmerged_from;
    const char *const *notes;
    size_t nnotes;
    struct rref *refs;
    size_t nrefs;

    int64_t regime_from[REGIME__MAX];
    const char *regime_label[REGIME__MAX], *regime_decision[REGIME__MAX];
    int band_min[STAR_MAX + 1];
    int part_max[REGIME__MAX][3];
    int cert_months, cert_min_stars, samples, check_days;
    struct rules_uploads uploads;
    int quorum_pct, spread_max, chair_required;
    int64_t district_ends;
    struct rules_routing routing[REGIME__MAX][LEVEL__MAX];
    struct rules_document *docs;
    size_t ndocs;
    struct rules_group *groups[REGIME__MAX];
    size_t ngroups[REGIME__MAX];
    struct support_rule support[SUPPORT__MAX]; /* for years without support rules */

    struct ryear *years;
    size_t nyears;
    int *year_list;
    int base_ref; /* the effective table without a year */
};

struct pstate {
    struct lua_host *h;
    struct arena arena;
    struct rules_area *areas; /* [0] the province, then its districts */
    size_t nareas;
    struct rules_sheet *sheets;
    size_t nsheets;
    int64_t loaded_at;
};

/* Builds the C cache of an area from the effective tables (base at base_idx; the year
 * tables refs in yrefs[] for years[]). Problems go to v. 0 or -1. In a protected call. */
int cache_area(struct vctx *v, struct pstate *ps, struct rules_area *a, int base_idx,
               const int *years, const int *yrefs, size_t nyears);
/* Builds a sheet from the table at idx; problems to v. In a protected call. */
int cache_sheet(struct vctx *v, struct pstate *ps, int idx, const struct rules_area *nat,
                struct rules_sheet *out);

const struct ryear *area_year(const struct rules_area *a, int year);
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t z, int *y, int *m, int *d);

#endif
