/*
 * scoring.c — the round result of one dossier (scoring.h): quorum, mean, spread,
 * band, gates and the decision of the evaluating level.
 */
#include "scoring.h"

#include <string.h>

const char *const score_decision_names[DECISION__MAX] = {"certify", "forward",   "not_reached",
                                                         "fail",    "no_quorum", "rescore"};

static int policy_ok(const struct score_policy *p)
{
    int s;

    if (p->band_min[1] != 0 || p->quorum_pct < 0 || p->quorum_pct > 100 || p->spread_max < 0 ||
        p->ncriteria < 0 || p->ncriteria > SCORE_MAX_CRITERIA || p->certify_min_star < 0 ||
        p->certify_max_star > STAR_MAX || p->certify_min_star > p->certify_max_star)
        return 0;
    for (s = 2; s <= STAR_MAX; s++)
        if (p->band_min[s] <= p->band_min[s - 1] || p->band_min[s] > 100)
            return 0;
    for (size_t i = 0; i < p->ngates; i++)
        if (p->gates[i].star < 1 || p->gates[i].star > STAR_MAX || p->gates[i].criterion < 0 ||
            p->gates[i].criterion >= p->ncriteria)
            return 0;
    return 1;
}

int score_band(const struct score_policy *p, int64_t sum, int n)
{
    int s;

    if (n <= 0)
        return 0;
    for (s = STAR_MAX; s > 1; s--)
        if (sum >= (int64_t)p->band_min[s] * n)
            return s;
    return 1;
}

/* Counts the sheets that take part and fills sum, min, max, chair. */
static void tally(const struct member_sheet *sheets, size_t n, struct score_result *r)
{
    size_t i;

    r->min_total = 1000;
    r->max_total = -1;
    for (i = 0; i < n; i++) {
        const struct member_sheet *m = &sheets[i];
        if (!m->submitted || m->conflicted)
            continue;
        r->counted++;
        r->sum += m->total;
        r->chair_present |= m->is_chair;
        if (m->total < r->min_total)
            r->min_total = m->total;
        if (m->total > r->max_total)
            r->max_total = m->total;
    }
    r->spread = r->counted ? r->max_total - r->min_total : 0;
    if (r->counted == 0)
        r->min_total = r->max_total = 0;
}

/* Gate k holds when the counted members' points on its criterion average at least
 * min_points (compared exactly, as the bands are). */
static int gate_holds(const struct star_gate *g, const struct member_sheet *sheets, size_t n,
                      int counted)
{
    int64_t sum = 0;
    size_t i;

    for (i = 0; i < n; i++)
        if (sheets[i].submitted && !sheets[i].conflicted)
            sum += sheets[i].points[g->criterion];
    return sum >= (int64_t)g->min_points * counted;
}

/* The highest star s <= band whose gates (and every lower star's gates) hold. */
static int gated_stars(const struct score_policy *p, const struct member_sheet *sheets, size_t n,
                       struct score_result *r)
{
    int s, best = 0;
    size_t i;

    for (i = 0; i < p->ngates; i++)
        if (!gate_holds(&p->gates[i], sheets, n, r->counted))
            r->gates_failed[p->gates[i].star]++;
    for (s = 1; s <= r->band; s++) {
        if (r->gates_failed[s])
            break;
        best = s;
    }
    return best;
}

/* Forwarding needs the mean at the threshold and the stars it stands for (gates too). */
static int forwards(const struct score_policy *p, const struct score_result *r)
{
    return p->forward_min_total > 0 && r->sum >= (int64_t)p->forward_min_total * r->counted &&
           r->stars >= score_band(p, p->forward_min_total, 1);
}

static enum score_decision decide(const struct score_policy *p, const struct score_result *r)
{
    if (!r->quorum_ok)
        return DECISION_NO_QUORUM;
    if (!r->spread_ok)
        return DECISION_RESCORE;
    if (r->stars == 0)
        return DECISION_FAIL;
    if (forwards(p, r) && r->stars > p->certify_max_star)
        return DECISION_FORWARD;
    if (p->certify_min_star > 0 && r->stars >= p->certify_min_star &&
        r->stars <= p->certify_max_star)
        return DECISION_CERTIFY;
    if (forwards(p, r))
        return DECISION_FORWARD;
    return DECISION_NOT_REACHED;
}

int score_round(const struct score_policy *p, int members, const struct member_sheet *sheets,
                size_t nsheets, struct score_result *out)
{
    struct score_result *r = out;

    memset(r, 0, sizeof(*r));
    if (!policy_ok(p) || members < 0 || members > SCORE_MAX_MEMBERS || nsheets > SCORE_MAX_MEMBERS)
        return -1;
    for (size_t i = 0; i < nsheets; i++)
        if (sheets[i].total < 0 || sheets[i].total > 100)
            return -1;
    r->members = members;
    tally(sheets, nsheets, r);
    r->quorum_ok = r->counted > 0 &&
                   (int64_t)r->counted * 100 >= (int64_t)p->quorum_pct * members &&
                   (r->chair_present || !p->chair_required);
    r->spread_ok = r->spread <= p->spread_max;
    r->mean = r->counted ? (double)r->sum / r->counted : 0.0;
    r->band = score_band(p, r->sum, r->counted);
    r->stars = r->counted ? gated_stars(p, sheets, nsheets, r) : 0;
    r->decision = decide(p, r);
    return 0;
}
