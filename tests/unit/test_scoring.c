/*
 * test_scoring.c — the round result: bands at their exact edges, the mean, spread and
 * quorum rules, star gates, and the decision of each level under each regime
 * (1048: the district forwards 50 and above, the province certifies 3–4★ and forwards
 * 90 and above; 148: the district certifies 3★ and forwards 70 and above, the
 * province certifies 4★; 1489: the province alone certifies 3–4★; the central level
 * certifies 5★). The policies here are built as the rules give them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "scoring.h"

static struct score_policy policy(int cmin, int cmax, int fwd)
{
    struct score_policy p = {.band_min = {0, 0, 30, 50, 70, 90},
                             .spread_max = 10,
                             .quorum_pct = 75,
                             .chair_required = 1,
                             .certify_min_star = cmin,
                             .certify_max_star = cmax,
                             .forward_min_total = fwd,
                             .ncriteria = 2};
    return p;
}

/* n submitted sheets whose totals are given; the first is the chair's. */
static size_t sheets(struct member_sheet *s, const int *totals, size_t n)
{
    size_t i;

    memset(s, 0, n * sizeof(*s));
    for (i = 0; i < n; i++) {
        s[i].member_id = (int64_t)i + 1;
        s[i].is_chair = i == 0;
        s[i].submitted = 1;
        s[i].total = totals[i];
        s[i].points[0] = 3;
        s[i].points[1] = 2;
    }
    return n;
}

static enum score_decision decide(const struct score_policy *p, int members, const int *totals,
                                  size_t n, struct score_result *r)
{
    struct member_sheet s[SCORE_MAX_MEMBERS];

    assert_int_equal(score_round(p, members, s, sheets(s, totals, n), r), 0);
    return r->decision;
}

static void bands_at_edges(void **state)
{
    struct score_policy p = policy(3, 4, 90);

    assert_int_equal(score_band(&p, 0, 1), 1);
    assert_int_equal(score_band(&p, 29, 1), 1);
    assert_int_equal(score_band(&p, 30, 1), 2);
    assert_int_equal(score_band(&p, 49, 1), 2);
    assert_int_equal(score_band(&p, 50, 1), 3);
    assert_int_equal(score_band(&p, 69, 1), 3);
    assert_int_equal(score_band(&p, 70, 1), 4);
    assert_int_equal(score_band(&p, 89, 1), 4);
    assert_int_equal(score_band(&p, 90, 1), 5);
    assert_int_equal(score_band(&p, 100, 1), 5);
    /* 149 / 3 = 49.67: still 2 stars, never rounded up */
    assert_int_equal(score_band(&p, 149, 3), 2);
    assert_int_equal(score_band(&p, 150, 3), 3);
}

static void mean_spread_quorum(void **state)
{
    struct score_policy p = policy(3, 4, 90);
    struct score_result r;
    const int ok[] = {72, 75, 78, 70};
    const int wide[] = {60, 75, 71, 72};
    const int three[] = {72, 75, 78};
    const int two[] = {72, 75};

    assert_int_equal(decide(&p, 4, ok, 4, &r), DECISION_CERTIFY);
    assert_true(r.mean > 73.74 && r.mean < 73.76);
    assert_int_equal(r.spread, 8);
    assert_int_equal(r.stars, 4);
    assert_int_equal(decide(&p, 4, wide, 4, &r), DECISION_RESCORE);
    assert_int_equal(r.spread, 15);
    assert_int_equal(decide(&p, 4, three, 3, &r), DECISION_CERTIFY); /* 3 of 4 = 75% */
    assert_int_equal(decide(&p, 4, two, 2, &r), DECISION_NO_QUORUM); /* 2 of 4 = 50% */
    assert_int_equal(decide(&p, 3, two, 2, &r), DECISION_NO_QUORUM); /* 66% < 75% */
}

static void chair_must_be_present(void **state)
{
    struct score_policy p = policy(3, 4, 90);
    struct member_sheet s[4];
    struct score_result r;
    const int t[] = {72, 75, 78, 70};

    sheets(s, t, 4);
    s[0].submitted = 0; /* the chair has not submitted */
    assert_int_equal(score_round(&p, 4, s, 4, &r), 0);
    assert_int_equal(r.decision, DECISION_NO_QUORUM);
    p.chair_required = 0;
    assert_int_equal(score_round(&p, 4, s, 4, &r), 0);
    assert_int_equal(r.decision, DECISION_CERTIFY);
}

static void conflicted_members_do_not_count(void **state)
{
    struct score_policy p = policy(3, 4, 90);
    struct member_sheet s[4];
    struct score_result r;
    const int t[] = {72, 75, 78, 20};

    sheets(s, t, 4);
    s[3].conflicted = 1; /* the outlier had declared a conflict */
    assert_int_equal(score_round(&p, 3, s, 4, &r), 0);
    assert_int_equal(r.counted, 3);
    assert_int_equal(r.spread, 6);
    assert_int_equal(r.decision, DECISION_CERTIFY);
}

static void gates(void **state)
{
    const struct star_gate g[] = {{3, 0, 2}, {4, 1, 3}};
    struct score_policy p = policy(3, 4, 90);
    struct score_result r;
    const int t[] = {80, 82, 78};

    p.gates = g;
    p.ngates = 2;
    /* criterion 1 averages 2 < 3: the 4★ gate fails, the product gets 3★ */
    assert_int_equal(decide(&p, 3, t, 3, &r), DECISION_CERTIFY);
    assert_int_equal(r.band, 4);
    assert_int_equal(r.stars, 3);
    assert_int_equal(r.gates_failed[4], 1);
    /* a 3★ gate failing: no star at 3 or above; below what the level certifies */
    {
        const struct star_gate g3[] = {{3, 0, 4}};
        p.gates = g3;
        p.ngates = 1;
        assert_int_equal(decide(&p, 3, t, 3, &r), DECISION_NOT_REACHED);
        assert_int_equal(r.stars, 2);
    }
    /* a gate on 1★ failing means no star at all: fail */
    {
        const struct star_gate g1[] = {{1, 0, 4}};
        p.gates = g1;
        p.ngates = 1;
        assert_int_equal(decide(&p, 3, t, 3, &r), DECISION_FAIL);
    }
}

static void regime_1048(void **state)
{
    struct score_policy district = policy(0, 0, 50), province = policy(3, 4, 90);
    struct score_result r;
    const int t49[] = {49, 49, 50}, t50[] = {50, 50, 50}, t75[] = {75, 76, 74},
              t92[] = {92, 91, 93}, t60[] = {60, 61, 59};

    assert_int_equal(decide(&district, 3, t49, 3, &r), DECISION_NOT_REACHED);
    assert_int_equal(decide(&district, 3, t50, 3, &r), DECISION_FORWARD);
    assert_int_equal(decide(&district, 3, t92, 3, &r), DECISION_FORWARD);
    assert_int_equal(decide(&province, 3, t60, 3, &r), DECISION_CERTIFY);
    assert_int_equal(r.stars, 3);
    assert_int_equal(decide(&province, 3, t75, 3, &r), DECISION_CERTIFY);
    assert_int_equal(r.stars, 4);
    assert_int_equal(decide(&province, 3, t92, 3, &r), DECISION_FORWARD);
}

static void regime_148(void **state)
{
    struct score_policy district = policy(3, 3, 70), province = policy(4, 4, 90);
    struct score_result r;
    const int t60[] = {60, 61, 59}, t69[] = {69, 69, 70}, t70[] = {70, 70, 70},
              t95[] = {95, 94, 96}, t45[] = {45, 44, 46};

    assert_int_equal(decide(&district, 3, t45, 3, &r), DECISION_NOT_REACHED);
    assert_int_equal(decide(&district, 3, t60, 3, &r), DECISION_CERTIFY);
    assert_int_equal(r.stars, 3);
    assert_int_equal(decide(&district, 3, t69, 3, &r), DECISION_CERTIFY); /* 69.33 */
    assert_int_equal(decide(&district, 3, t70, 3, &r), DECISION_FORWARD);
    assert_int_equal(decide(&province, 3, t70, 3, &r), DECISION_CERTIFY);
    assert_int_equal(r.stars, 4);
    assert_int_equal(decide(&province, 3, t60, 3, &r), DECISION_NOT_REACHED);
    assert_int_equal(decide(&province, 3, t95, 3, &r), DECISION_FORWARD);
}

static void regime_1489_and_central(void **state)
{
    struct score_policy province = policy(3, 4, 90), central = policy(5, 5, 0);
    struct score_result r;
    const int t55[] = {55, 56, 54}, t85[] = {85, 86, 84}, t90[] = {90, 90, 91};

    assert_int_equal(decide(&province, 3, t55, 3, &r), DECISION_CERTIFY);
    assert_int_equal(r.stars, 3);
    assert_int_equal(decide(&province, 3, t90, 3, &r), DECISION_FORWARD);
    assert_int_equal(decide(&central, 3, t90, 3, &r), DECISION_CERTIFY);
    assert_int_equal(r.stars, 5);
    assert_int_equal(decide(&central, 3, t85, 3, &r), DECISION_NOT_REACHED);
}

static void bad_input(void **state)
{
    struct score_policy p = policy(3, 4, 90);
    struct member_sheet s[2];
    struct score_result r;
    const int t[] = {50, 101};

    sheets(s, t, 2);
    assert_int_equal(score_round(&p, 2, s, 2, &r), -1); /* a total over 100 */
    p.band_min[3] = 20;                                 /* bands out of order */
    s[1].total = 50;
    assert_int_equal(score_round(&p, 2, s, 2, &r), -1);
    p = policy(4, 3, 90); /* certify range inverted */
    assert_int_equal(score_round(&p, 2, s, 2, &r), -1);
    p = policy(3, 4, 90);
    {
        const struct star_gate g[] = {{3, 7, 1}}; /* criterion out of range */
        p.gates = g;
        p.ngates = 1;
        assert_int_equal(score_round(&p, 2, s, 2, &r), -1);
    }
    p = policy(3, 4, 90);
    assert_int_equal(score_round(&p, 0, s, 0, &r), 0);
    assert_int_equal(r.decision, DECISION_NO_QUORUM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bands_at_edges),
        cmocka_unit_test(mean_spread_quorum),
        cmocka_unit_test(chair_must_be_present),
        cmocka_unit_test(conflicted_members_do_not_count),
        cmocka_unit_test(gates),
        cmocka_unit_test(regime_1048),
        cmocka_unit_test(regime_148),
        cmocka_unit_test(regime_1489_and_central),
        cmocka_unit_test(bad_input),
    };

    return cmocka_run_group_tests_name("scoring", tests, NULL, NULL);
}
