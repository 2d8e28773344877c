/*
 * scoring.h — turning council members' score sheets into a round result: quorum,
 * the mean of the members' totals, the spread, the star band of the mean, the star
 * gates, and the decision the regime allows at the evaluating level (certify,
 * forward to the next level, not reached, fail). Pure functions: the numbers of the
 * policy come from the rules (lua/national.lua and the province's file), the sheets
 * from the database; nothing here reads either.
 *
 * Exactness: the mean is compared with band edges as sum >= edge * n, in integers,
 * so 49.999… never becomes 50. Points are whole numbers, as on the national sheet.
 */
#ifndef OCOP_SCORING_H
#define OCOP_SCORING_H

#include <stddef.h>
#include <stdint.h>

#define SCORE_MAX_MEMBERS  64
#define SCORE_MAX_CRITERIA 64
#define STAR_MAX           5

struct member_sheet {
    int64_t member_id;
    int is_chair;
    int submitted;                  /* only submitted sheets count */
    int conflicted;                 /* a declared conflict: the sheet is excluded */
    int total;                      /* sum of the chosen options' points */
    int points[SCORE_MAX_CRITERIA]; /* per criterion, in the sheet's criterion order */
};

/* A star gate: "for S stars, criterion k must average at least min_points". */
struct star_gate {
    int star;
    int criterion; /* index into member_sheet.points */
    int min_points;
};

struct score_policy {
    int band_min[STAR_MAX + 1]; /* band_min[s]: lowest mean for s stars (band_min[1] = 0) */
    int spread_max;             /* largest allowed max-min of the members' totals (10) */
    int quorum_pct;             /* share of members who must have scored (75) */
    int chair_required;         /* the chair must be among them */
    int certify_min_star;       /* this level certifies stars in [min, max]; 0 = never */
    int certify_max_star;
    int forward_min_total; /* a mean at or above this goes to the next level; 0 = none */
    const struct star_gate *gates;
    size_t ngates;
    int ncriteria;
};

enum score_decision {
    DECISION_CERTIFY,     /* this level issues a certificate for `stars` */
    DECISION_FORWARD,     /* sent to the next level for evaluation */
    DECISION_NOT_REACHED, /* scored, but below what this level certifies or forwards */
    DECISION_FAIL,        /* no star's gates hold: "không đạt" */
    DECISION_NO_QUORUM,   /* too few members scored, or the chair did not */
    DECISION_RESCORE,     /* the spread is over the maximum: members re-score */
    DECISION__MAX
};
extern const char *const score_decision_names[DECISION__MAX];

struct score_result {
    int members; /* council members without a conflict on this dossier */
    int counted; /* submitted sheets counted */
    int chair_present;
    int quorum_ok;
    int64_t sum; /* of the counted totals */
    double mean; /* for display; decisions use sum and counted */
    int min_total, max_total, spread;
    int spread_ok;
    int band;                       /* stars by the mean alone (1–5) */
    int stars;                      /* the highest star whose band and gates both hold; 0 = fail */
    int gates_failed[STAR_MAX + 1]; /* per star: how many of its gates failed */
    enum score_decision decision;
};

/* The star band of a mean given as sum / n: the highest s with sum >= band_min[s] * n. */
int score_band(const struct score_policy *p, int64_t sum, int n);

/* Computes the round result for one dossier from `members` council members' sheets
 * (nsheets of them, one per member at most). 0, or -1 on a malformed policy or input. */
int score_round(const struct score_policy *p, int members, const struct member_sheet *sheets,
                size_t nsheets, struct score_result *out);

#endif
