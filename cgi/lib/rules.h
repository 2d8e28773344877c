/*
 * rules.h — the province rules: Lua files under a rules root (national.lua, criteria/,
 * provinces/, lib/) loaded into one sandboxed Lua state per province, checked against a
 * declared schema, cached as C structs, and reloaded by prepare → validate → swap when a
 * file changes. The programs ask typed questions (is a round open, which regime is in
 * force, the star band, who certifies, the required documents, may this support be paid,
 * targets, reporting deadlines, the budget) and get answers in about a microsecond; only
 * support_allowed() runs Lua, under an instruction budget, a time limit and a memory cap.
 *
 * The cascade: national.lua → provinces/<p>.lua → provinces/<p>/<district>.lua, each
 * file holding only what differs; per year, a file's years[Y] overlays its top level.
 *
 * Areas are slugs without diacritics: "ha-giang", "dak-lak/krong-nang".
 *
 * Ownership and lifetimes: struct rules owns every loaded state. The area returned by
 * rules_get() and every pointer reached from it (rounds, strings, sheets, …) stay valid
 * until the next rules_get(), rules_reload() or rules_close() for the same province —
 * in a worker, get the area once per request and use it for the whole request, so a
 * response sees either the old rules or the new, never a mix. Not thread-safe.
 *
 * Errors name the file and line ("lua/provinces/ha-giang.lua:42: …"); they go to the log
 * and to rules_last_error() (for officials and the CLI), never to the public.
 */
#ifndef OCOP_RULES_H
#define OCOP_RULES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "scoring.h"
#include "util.h"

/* Levels of the administration that evaluate or certify. */
enum rules_level { LEVEL_COMMUNE, LEVEL_DISTRICT, LEVEL_PROVINCE, LEVEL_CENTRAL, LEVEL__MAX };
extern const char *const rules_level_names[LEVEL__MAX + 1]; /* "commune", …; NULL-ended */
extern const char *const rules_level_labels[LEVEL__MAX]; /* "xã", "huyện", "tỉnh", "trung ương" */
/* The level named name (a database's or a rule file's), or -1 (NULL included). */
int rules_level_from(const char *name);
/* The Vietnamese label of the level named name, or "" when there is none. */
const char *rules_level_label_of(const char *name);

/* Evaluation regimes: QĐ 1048/2019, QĐ 148/2023, and 148 as amended by QĐ 1489/2025. */
enum rules_regime { REGIME_1048, REGIME_148, REGIME_148_1489, REGIME__MAX };
/* The decisions by their numbers, as pages name them ("theo QĐ 1048/QĐ-TTg"). */
extern const char *const rules_regime_labels[REGIME__MAX];
extern const char *const rules_regime_names[REGIME__MAX]; /* "1048", "148", "148+1489" */

enum support_category {
    SUPPORT_PACKAGING,       /* packaging and label design, printing, purchase */
    SUPPORT_QUALITY_TEST,    /* product quality testing */
    SUPPORT_TRADEMARK,       /* trademark, IP, stamps, certificates */
    SUPPORT_CERTIFICATION,   /* traceability, HACCP, C/O, ISO */
    SUPPORT_TRADE_PROMOTION, /* fairs, promotion */
    SUPPORT_CONSULTING,      /* product-development consultancy */
    SUPPORT_SALES_POINT,     /* sales points, OCOP centres (no capital construction) */
    SUPPORT_TRAINING,        /* training of producers */
    SUPPORT_STAR_REWARD,     /* a sum per star: first recognition, re-evaluation, upgrade */
    SUPPORT__MAX
};
extern const char *const support_category_names[SUPPORT__MAX];  /* "packaging", … */
extern const char *const support_category_labels[SUPPORT__MAX]; /* Vietnamese */

/* Kinds of star reward: first recognition, re-evaluation keeping the stars, upgrade. */
enum support_kind { SUPPORT_FIRST, SUPPORT_KEEP, SUPPORT_UPGRADE, SUPPORT_KIND__MAX };
extern const char *const support_kind_names[SUPPORT_KIND__MAX]; /* "first", "keep", "upgrade" */

enum rules_period { PERIOD_MONTH, PERIOD_YEAR, PERIOD__MAX };
extern const char *const rules_period_names[PERIOD__MAX]; /* "month", "year" */

/* Why a load or check failed (negative; rules_err_names[-code]). */
enum rules_err {
    RULES_EAREA = -1,    /* the area code is not a slug */
    RULES_ENOENT = -2,   /* no such province file */
    RULES_EINVALID = -3, /* a file failed: syntax, run time, schema, selftest */
    RULES_ENOMEM = -4,   /* the host could not allocate (outside the Lua cap) */
    RULES_ERR__MAX = 5
};
extern const char *const rules_err_names[RULES_ERR__MAX];

struct rules_sheet;
struct rules;      /* the registry: a rules root and its loaded provinces */
struct rules_area; /* the effective rules of one province or district, all years */

/* Limits of each province's Lua state; 0 keeps the default. */
struct rules_limits {
    size_t mem_cap;   /* bytes (default 16 MiB) */
    long budget;      /* VM instructions per load or call (default 5,000,000) */
    long time_ms;     /* wall-clock per load or call (default 2000) */
    long interval_ms; /* least time between two stat checks of a province (1000) */
};

/* A registry over root (e.g. "lua"); nothing is loaded until rules_get(). NULL on
 * allocation failure. The root string is copied. */
struct rules *rules_open(const char *root, const struct rules_limits *limits);
void rules_close(struct rules *r);

/* The rules in force for area ("ha-giang", "dak-lak/krong-nang"). Checks the
 * province's files (stat, at most once per interval) and reloads them when they
 * changed; a reload that fails keeps the old rules and logs why. NULL when the area
 * is malformed, unknown, or never loaded successfully. Cheap: call it per request. */
const struct rules_area *rules_get(struct rules *r, const char *area);
/* Forces a check-and-reload of the province now. 0 when the rules now in force are
 * the files on disk; a negative enum rules_err when the reload failed (old kept). */
int rules_reload(struct rules *r, const char *province);
/* The last reload error of the province ("file:line: message" lines), or NULL. Valid
 * until the next call for that province. Names files: for officials and logs only. */
const char *rules_last_error(struct rules *r, const char *province);

/* Offline checking (`ocop rules check`): loads, validates and runs every selftest,
 * appending one "file:line: message\n" per problem to out. 0 when clean. */
int rules_check_province(const char *root, const char *province, struct buf *out);
/* A file: a province or district file of the tree is checked with its province; a
 * national, lib or criteria file with every province; a file outside the tree is
 * checked as if it were a province file (code "kiem-tra") under the tree's national
 * rules. */
int rules_check_file(const char *root, const char *path, struct buf *out);
/* The province codes of the tree (each provinces/P.lua), sorted; the caller frees the
 * array and each string. -1 on error. */
int rules_list_provinces(const char *root, char ***codes, size_t *n);

/* ---- what an area is ---- */

const char *rules_area_code(const struct rules_area *a); /* "dak-lak/krong-nang" */
const char *rules_area_name(const struct rules_area *a); /* "Krông Năng" */
int rules_area_is_district(const struct rules_area *a);
int rules_area_is_placeholder(const struct rules_area *a); /* a stand-in for an unnamed area */
int64_t rules_area_loaded_at(const struct rules_area *a);  /* seconds since the epoch */
/* The i-th district of the area's province that has rules of its own; NULL past
 * the last. */
const struct rules_area *rules_district(const struct rules_area *a, size_t i);
/* The files the area was built from, in cascade order, with their mtimes: as labels
 * for people ("lua/provinces/ha-giang.lua": the root's last name, then the path under
 * it), not paths to open. */
size_t rules_area_files(const struct rules_area *a, const char *const **paths,
                        const int64_t **mtimes);
/* The years the area has rules for, ascending. */
size_t rules_area_years(const struct rules_area *a, const int **years);

/* ---- regimes, stars, routing, validity ---- */

/* The regime in force on date (midnight UTC); -1 before the first regime. */
int rules_regime_on(const struct rules_area *a, int64_t date, enum rules_regime *out);
int64_t rules_regime_from(const struct rules_area *a, enum rules_regime g);

/* The star band of a mean score given as sum / n (integers: 49.99… is never 50). */
int rules_star_band(const struct rules_area *a, int64_t sum, int n);
/* The lowest mean for each star; band_min[0] unused. */
void rules_star_bands(const struct rules_area *a, int band_min[STAR_MAX + 1]);

struct rules_routing {
    int scores;      /* the level's council scores dossiers */
    int assesses;    /* the level makes a preliminary assessment (1489 commune) */
    int abolished;   /* the level does not exist in this regime / on this date */
    int certify_min; /* stars this level certifies: [min, max]; 0 = none */
    int certify_max;
    int forward_min;    /* a mean at or above this goes to the next level; 0 = none */
    const char *issuer; /* who signs (Vietnamese), may be NULL */
    const char *role;   /* what the level does (Vietnamese), may be NULL */
};
/* Who does what at a level under a regime. -1 on bad arguments. */
int rules_routing(const struct rules_area *a, enum rules_regime g, enum rules_level lv,
                  struct rules_routing *out);
/* The same on a date: the regime in force then, and no district level once districts
 * ceased (1/7/2025). */
int rules_routing_on(const struct rules_area *a, int64_t date, enum rules_level lv,
                     struct rules_routing *out);
/* Fills a scoring policy for a level under a regime (bands, spread, quorum, certify and
 * forward thresholds) with the sheet's star gates (sheet may be NULL: no gates). The
 * gates point into the sheet: valid as long as the area. */
int rules_score_policy(const struct rules_area *a, enum rules_regime g, enum rules_level lv,
                       const struct rules_sheet *sheet, struct score_policy *out);

int rules_certificate_months(const struct rules_area *a);    /* 36 */
int rules_certificate_min_stars(const struct rules_area *a); /* 3 */
/* The last day a certificate issued on `issued` is valid (issued + months − 1 day). */
int64_t rules_certificate_until(const struct rules_area *a, int64_t issued);
int rules_samples(const struct rules_area *a); /* units per dossier (5) */
/* Caps on one upload request of dossier documents. */
struct rules_uploads {
    uint64_t max_file_bytes;
    uint64_t max_total_bytes;
    int max_files;
};
void rules_upload_limits(const struct rules_area *a, struct rules_uploads *out);
int rules_dossier_check_days(const struct rules_area *a); /* working days; 0 = not set */
void rules_council(const struct rules_area *a, int *quorum_pct, int *spread_max,
                   int *chair_required);
/* The day the district level ceased (0 = never). */
int64_t rules_district_level_ends(const struct rules_area *a);

/* ---- the calendar ---- */

struct rules_round {
    int year;
    enum rules_level level;
    int number;         /* 1, 2, … within (year, level) */
    int64_t open;       /* first day, midnight UTC */
    int64_t close;      /* last day, inclusive */
    int open_stated;    /* 0: the plan gives no opening day; open is the day after the
                           previous round closed, or 1 January */
    const char *note;   /* may be NULL */
    const char *source; /* the plan's section */
};
/* The rounds of (year, level), in order; *out points into the area. */
size_t rules_rounds(const struct rules_area *a, int year, enum rules_level lv,
                    const struct rules_round **out);
/* The round of that level open on date, or NULL. */
const struct rules_round *rules_round_open(const struct rules_area *a, enum rules_level lv,
                                           int64_t date);

struct rules_event {
    const char *what, *who, *source;
    int64_t from; /* 0 when the plan gives only a deadline */
    int64_t to;   /* the last day (the deadline) */
    int deadline; /* "trước ngày …": to is a deadline */
};
size_t rules_calendar(const struct rules_area *a, int year, const struct rules_event **out);

struct rules_report {
    const char *what, *from, *to, *source;
    enum rules_period every;
    int month; /* 1–12 for yearly reports */
    int day;   /* 1–31 */
};
size_t rules_reports(const struct rules_area *a, int year, const struct rules_report **out);
/* The first day on or after date (midnight UTC) that the report falls due; -1 none. */
int64_t rules_report_due(const struct rules_report *r, int64_t date);
/* The first reporting deadline on or after date (within date's year rules); -1 none. */
int rules_next_report(const struct rules_area *a, int64_t date, const struct rules_report **r,
                      int64_t *due);

struct rules_target {
    const char *code, *label, *unit, *per, *source;
    int64_t min, max; /* -1 when not stated */
    int approx;       /* "khoảng", "dự kiến" */
};
size_t rules_targets(const struct rules_area *a, int year, const struct rules_target **out);
const struct rules_target *rules_target(const struct rules_area *a, int year, const char *code);

struct rules_budget_line {
    const char *code, *label, *owner, *when, *note;
    int64_t amount; /* VND */
    int depth;      /* 0 for the top lines */
    int parent;     /* index of the parent line, -1 at the top */
};
/* The budget lines of a year, depth first; *total is the stated total (VND), -1 when
 * the year has no budget. */
size_t rules_budget(const struct rules_area *a, int year, const struct rules_budget_line **out,
                    int64_t *total);

/* ---- documents and groups ---- */

struct rules_document {
    const char *code, *name, *note;
    int mandatory;
    int order;
    unsigned regimes;          /* bit per enum rules_regime; 0 = every regime */
    unsigned levels;           /* bit per enum rules_level; 0 = every level */
    const char *const *groups; /* group-code prefixes it applies to; none = all */
    size_t ngroups;
    const char *const *except_groups;
    size_t nexcept;
};
/* The documents required for a product of group (a code of the regime, e.g. "I.1.a")
 * evaluated at a level. Fills up to max pointers, returns how many apply. */
size_t rules_documents(const struct rules_area *a, const char *group, enum rules_regime g,
                       enum rules_level lv, const struct rules_document **out, size_t max);

struct rules_group {
    enum rules_regime regime; /* REGIME_1048 or REGIME_148 (148 also serves 148+1489) */
    const char *code, *name, *ministry;
    int depth, parent;
};
size_t rules_groups(const struct rules_area *a, enum rules_regime g,
                    const struct rules_group **out);
const struct rules_group *rules_group(const struct rules_area *a, enum rules_regime g,
                                      const char *code);

/* ---- score sheets ---- */

struct rules_option {
    const char *label;
    int points;
};
struct rules_criterion {
    const char *code, *name;
    int max;
    int part; /* index into the sheet's parts */
    const struct rules_option *options;
    size_t noptions;
};
struct rules_cgroup {
    const char *name;
    const struct rules_criterion *criteria;
    size_t ncriteria;
};
struct rules_part {
    const char *code, *name;
    int max;
    const struct rules_cgroup *groups;
    size_t ngroups;
};
struct rules_sheet {
    enum rules_regime regime; /* REGIME_1048 or REGIME_148 */
    const char *code, *name, *source, *file;
    int illustrative; /* not the official sheet: say so on screen */
    int is_default;   /* used for sub-groups without a sheet of their own */
    const char *const *applies_to;
    size_t napplies;
    const struct rules_part *parts;
    size_t nparts;
    const struct rules_criterion *const *criteria; /* all, in sheet order */
    size_t ncriteria;
    const struct star_gate *gates; /* criterion = index into criteria */
    const char *const *gate_notes;
    size_t ngates;
};
/* The sheet for a product group under a regime: its own, or the regime's default. */
const struct rules_sheet *rules_sheet(const struct rules_area *a, enum rules_regime g,
                                      const char *group);
/* Checks submitted choices (choices[i] = option index of criterion i) and sums them.
 * 0 and *total, or -1 when a choice is missing or out of range. */
int rules_sheet_total(const struct rules_sheet *s, const int *choices, size_t n, int *total);
/* The sheet as JSON (a new reference, NULL on allocation failure). */
json_t *rules_sheet_json(const struct rules_sheet *s);

/* ---- support (Lua) ---- */

struct rules_product {
    const char *code;               /* product code */
    const char *type;               /* product type (loại sản phẩm) */
    const char *org;                /* the economic organisation */
    const char *group;              /* group code */
    int stars;                      /* certified stars now; 0 = none */
    int prev_stars;                 /* before this evaluation; 0 = first evaluation */
    enum rules_level recognised_by; /* the level whose decision recognised the stars */
    int64_t recognised;             /* the decision's day; 0 = no decision yet */
};
struct rules_payment {
    const char *product, *type, *org;
    enum support_category category;
    int64_t amount; /* VND */
    int64_t date;
};
struct rules_verdict {
    int ok;
    int64_t limit;    /* the most this payment may be (VND), -1 when no cap is stated */
    char reason[384]; /* why not, in Vietnamese; empty when ok */
};
#define RULES_MAX_HISTORY 10000
/* May `amount` VND of category be paid on `date` for product p, given the earlier
 * payments? Runs the province's support_allowed (Lua). 0 with *v filled, or -1 when
 * the rule failed or an input is over its cap (v says so; the error is logged). */
int rules_support_allowed(const struct rules_area *a, int64_t date, const struct rules_product *p,
                          enum support_category cat, int64_t amount,
                          const struct rules_payment *hist, size_t nhist, struct rules_verdict *v);

/* ---- JSON ---- */

/* The effective rules as JSON for `ocop rules show` and the /app/rules page: area,
 * files and load time, regimes, bands, routing, council, certificate, documents,
 * and per year (all years when year is 0) rounds, calendar, targets, reports, budget,
 * support. A new reference, NULL on allocation failure. */
json_t *rules_area_json(const struct rules_area *a, int year);

#endif
