/*
 * test_rules_national.c — the real national rules (lua/national.lua and lua/criteria/), seen
 * through a province of the 2025 reform (lua/provinces/tuyen-quang.lua, bac-ninh.lua) and
 * the C API of rules.h, against OCOP.md: the regime in force on each side of 21/8/2019,
 * 24/02/2023 and 06/7/2025; the star bands at their edges (a mean given as sum / n, so
 * 49.99 is never 50); who scores, certifies and forwards at each level under 1048, 148 and
 * 148+1489, and no district from 1/7/2025; the 36-month certificate; the 1048 sheet of
 * fresh vegetables, fruit and nuts (OCOP.md §3.2) criterion by criterion, the illustrative
 * default sheets; the base dossier checklist per regime, level and group; the product
 * groups of 1048 and 148 by code. Run from the repository root (the rules root is "lua").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "rules.h"
#include "util.h"

static struct rules *reg;
static const struct rules_area *tq;

static int64_t day(const char *s)
{
    int64_t t = 0;

    if (parse_date(s, &t) != 0)
        fail_msg("bad date in test: %s", s);
    return t;
}

static const struct rules_area *area(const char *code)
{
    const struct rules_area *a = rules_get(reg, code);

    if (a == NULL)
        fail_msg("no rules for %s: %s", code, rules_last_error(reg, code) ?: "(no error)");
    return a;
}

static int setup(void **state)
{
    (void)state;
    reg = rules_open("lua", NULL);
    return reg ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rules_close(reg);
    return 0;
}

/* ---- the provinces of the reform ---- */

static void provinces(void **state)
{
    const struct rules_area *bn = area("bac-ninh");
    json_t *j;

    (void)state;
    tq = area("tuyen-quang");
    assert_string_equal(rules_area_name(tq), "Tuyên Quang");
    assert_string_equal(rules_area_name(bn), "Bắc Ninh");
    assert_false(rules_area_is_district(tq));
    assert_false(rules_area_is_placeholder(tq));
    assert_null(rules_district(tq, 0)); /* no district files: districts ceased 1/7/2025 */

    j = rules_area_json(tq, 0);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "valid_from")), "2025-07-01");
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "merged_from"), 0)),
                        "ha-giang");
    assert_int_equal(json_array_size(json_object_get(j, "merged_from")), 1);
    json_decref(j);
    j = rules_area_json(bn, 0);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "valid_from")), "2025-07-01");
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "merged_from"), 0)),
                        "bac-giang");
    json_decref(j);
}

/* ---- regimes ---- */

static void regime_is(const char *date, int want)
{
    enum rules_regime g;

    if (want < 0) {
        assert_int_equal(rules_regime_on(tq, day(date), &g), -1);
        return;
    }
    assert_int_equal(rules_regime_on(tq, day(date), &g), 0);
    if ((int)g != want)
        fail_msg("on %s: regime %s, want %s", date, rules_regime_names[g],
                 rules_regime_names[want]);
}

static void regimes(void **state)
{
    enum rules_regime g;

    (void)state;
    tq = area("tuyen-quang");
    regime_is("2019-08-20", -1);
    regime_is("2019-08-21", REGIME_1048);
    regime_is("2020-06-08", REGIME_1048); /* 781 amends 1048, no new regime */
    regime_is("2023-02-23", REGIME_1048);
    regime_is("2023-02-24", REGIME_148);
    regime_is("2025-07-05", REGIME_148);
    regime_is("2025-07-06", REGIME_148_1489);
    regime_is("2030-01-01", REGIME_148_1489);
    /* the last second of 23/02/2023 is still 1048 */
    assert_int_equal(rules_regime_on(tq, day("2023-02-24") - 1, &g), 0);
    assert_int_equal(g, REGIME_1048);
    assert_int_equal(rules_regime_from(tq, REGIME_1048), day("2019-08-21"));
    assert_int_equal(rules_regime_from(tq, REGIME_148), day("2023-02-24"));
    assert_int_equal(rules_regime_from(tq, REGIME_148_1489), day("2025-07-06"));
}

/* ---- star bands ---- */

static void star_bands(void **state)
{
    int b[STAR_MAX + 1];
    const int want[STAR_MAX + 1] = {0, 0, 30, 50, 70, 90};

    (void)state;
    tq = area("tuyen-quang");
    rules_star_bands(tq, b);
    assert_memory_equal(b + 1, want + 1, sizeof(int) * STAR_MAX);
    assert_int_equal(rules_star_band(tq, 0, 1), 1);
    assert_int_equal(rules_star_band(tq, 29, 1), 1);
    assert_int_equal(rules_star_band(tq, 2999, 100), 1);
    assert_int_equal(rules_star_band(tq, 30, 1), 2);
    assert_int_equal(rules_star_band(tq, 49, 1), 2);
    assert_int_equal(rules_star_band(tq, 4999, 100), 2); /* 49.99 is not 50 */
    assert_int_equal(rules_star_band(tq, 50, 1), 3);
    assert_int_equal(rules_star_band(tq, 5000, 100), 3);
    assert_int_equal(rules_star_band(tq, 149, 3), 2); /* 49.67 */
    assert_int_equal(rules_star_band(tq, 150, 3), 3);
    assert_int_equal(rules_star_band(tq, 69, 1), 3);
    assert_int_equal(rules_star_band(tq, 6999, 100), 3);
    assert_int_equal(rules_star_band(tq, 70, 1), 4);
    assert_int_equal(rules_star_band(tq, 89, 1), 4);
    assert_int_equal(rules_star_band(tq, 8999, 100), 4);
    assert_int_equal(rules_star_band(tq, 359, 4), 4); /* 89.75 */
    assert_int_equal(rules_star_band(tq, 90, 1), 5);
    assert_int_equal(rules_star_band(tq, 360, 4), 5);
    assert_int_equal(rules_star_band(tq, 100, 1), 5);
    assert_int_equal(rules_star_band(tq, 50, 0), 0); /* no members: no band */
}

/* ---- routing ---- */

struct want_route {
    int scores, assesses, abolished, cmin, cmax, fwd;
};

static void route_is(enum rules_regime g, enum rules_level lv, struct want_route w)
{
    struct rules_routing rt;

    assert_int_equal(rules_routing(tq, g, lv, &rt), 0);
    if (rt.scores != w.scores || rt.assesses != w.assesses || rt.abolished != w.abolished ||
        rt.certify_min != w.cmin || rt.certify_max != w.cmax || rt.forward_min != w.fwd)
        fail_msg("%s %s: scores %d assesses %d abolished %d certify %d-%d forward %d",
                 rules_regime_names[g], rules_level_names[lv], rt.scores, rt.assesses, rt.abolished,
                 rt.certify_min, rt.certify_max, rt.forward_min);
    if (!w.abolished && rt.role == NULL)
        fail_msg("%s %s: no role text", rules_regime_names[g], rules_level_names[lv]);
}

static void routing(void **state)
{
    struct rules_routing rt;

    (void)state;
    tq = area("tuyen-quang");
    /* 1048: the district scores and forwards 50+; the province certifies 3–4★ and
     * forwards 90+; the central level certifies 5★ */
    route_is(REGIME_1048, LEVEL_COMMUNE, (struct want_route){0, 0, 0, 0, 0, 0});
    route_is(REGIME_1048, LEVEL_DISTRICT, (struct want_route){1, 0, 0, 0, 0, 50});
    route_is(REGIME_1048, LEVEL_PROVINCE, (struct want_route){1, 0, 0, 3, 4, 90});
    route_is(REGIME_1048, LEVEL_CENTRAL, (struct want_route){1, 0, 0, 5, 5, 0});
    /* 148: the district certifies 3★ and forwards 70+; the province 4★, forwards 90+ */
    route_is(REGIME_148, LEVEL_COMMUNE, (struct want_route){0, 0, 0, 0, 0, 0});
    route_is(REGIME_148, LEVEL_DISTRICT, (struct want_route){1, 0, 0, 3, 3, 70});
    route_is(REGIME_148, LEVEL_PROVINCE, (struct want_route){1, 0, 0, 4, 4, 90});
    route_is(REGIME_148, LEVEL_CENTRAL, (struct want_route){1, 0, 0, 5, 5, 0});
    /* 148+1489: the commune assesses, no district, the province certifies 3–4★ */
    route_is(REGIME_148_1489, LEVEL_COMMUNE, (struct want_route){0, 1, 0, 0, 0, 0});
    route_is(REGIME_148_1489, LEVEL_DISTRICT, (struct want_route){0, 0, 1, 0, 0, 0});
    route_is(REGIME_148_1489, LEVEL_PROVINCE, (struct want_route){1, 0, 0, 3, 4, 90});
    route_is(REGIME_148_1489, LEVEL_CENTRAL, (struct want_route){1, 0, 0, 5, 5, 0});

    assert_int_equal(rules_routing(tq, REGIME_148, LEVEL_DISTRICT, &rt), 0);
    assert_string_equal(rt.issuer, "Ủy ban nhân dân huyện");
    assert_int_equal(rules_routing(tq, REGIME_1048, LEVEL_PROVINCE, &rt), 0);
    assert_string_equal(rt.issuer, "Ủy ban nhân dân tỉnh");
    assert_int_equal(rules_routing(tq, REGIME_1048, LEVEL_CENTRAL, &rt), 0);
    assert_string_equal(rt.issuer, "Bộ Nông nghiệp và Phát triển nông thôn");
    assert_int_equal(rules_routing(tq, REGIME_148_1489, LEVEL_CENTRAL, &rt), 0);
    assert_string_equal(rt.issuer, "Bộ Nông nghiệp và Môi trường");
    assert_int_equal(rules_routing(tq, REGIME__MAX, LEVEL_DISTRICT, &rt), -1);
    assert_int_equal(rules_routing(tq, REGIME_148, LEVEL__MAX, &rt), -1);
}

static void routing_on_dates(void **state)
{
    struct rules_routing rt;

    (void)state;
    tq = area("tuyen-quang");
    assert_int_equal(rules_district_level_ends(tq), day("2025-07-01"));
    assert_int_equal(rules_routing_on(tq, day("2019-08-20"), LEVEL_DISTRICT, &rt), -1);
    assert_int_equal(rules_routing_on(tq, day("2020-05-15"), LEVEL_DISTRICT, &rt), 0);
    assert_int_equal(rt.forward_min, 50);
    assert_int_equal(rt.certify_max, 0);
    assert_int_equal(rules_routing_on(tq, day("2025-06-30"), LEVEL_DISTRICT, &rt), 0);
    assert_false(rt.abolished);
    assert_int_equal(rt.certify_min, 3);
    assert_int_equal(rt.forward_min, 70);
    /* the district level ends on 1/7/2025, five days before 1489 */
    assert_int_equal(rules_routing_on(tq, day("2025-07-01"), LEVEL_DISTRICT, &rt), 0);
    assert_true(rt.abolished);
    assert_false(rt.scores);
    assert_int_equal(rt.certify_max, 0);
    assert_int_equal(rules_routing_on(tq, day("2025-07-03"), LEVEL_PROVINCE, &rt), 0);
    assert_int_equal(rt.certify_min, 4); /* still 148 */
    assert_int_equal(rules_routing_on(tq, day("2025-07-06"), LEVEL_DISTRICT, &rt), 0);
    assert_true(rt.abolished);
    assert_int_equal(rules_routing_on(tq, day("2025-07-06"), LEVEL_PROVINCE, &rt), 0);
    assert_int_equal(rt.certify_min, 3);
    assert_int_equal(rt.certify_max, 4);
    assert_int_equal(rules_routing_on(tq, day("2025-07-06"), LEVEL_COMMUNE, &rt), 0);
    assert_true(rt.assesses);
}

static void score_policy(void **state)
{
    struct score_policy p;

    (void)state;
    tq = area("tuyen-quang");
    assert_int_equal(rules_score_policy(tq, REGIME_148, LEVEL_DISTRICT, NULL, &p), 0);
    assert_int_equal(p.band_min[3], 50);
    assert_int_equal(p.band_min[5], 90);
    assert_int_equal(p.quorum_pct, 75);
    assert_int_equal(p.spread_max, 10);
    assert_true(p.chair_required);
    assert_int_equal(p.certify_min_star, 3);
    assert_int_equal(p.certify_max_star, 3);
    assert_int_equal(p.forward_min_total, 70);
    assert_int_equal(p.ngates, 0);
    assert_int_equal(rules_score_policy(tq, REGIME_1048, LEVEL_PROVINCE,
                                        rules_sheet(tq, REGIME_1048, "1.1.1"), &p),
                     0);
    assert_int_equal(p.certify_min_star, 3);
    assert_int_equal(p.certify_max_star, 4);
    assert_int_equal(p.forward_min_total, 90);
    assert_int_equal(p.ngates, 4);
    assert_int_equal(p.ncriteria, 31);
}

/* ---- certificate, council, samples ---- */

static void certificate(void **state)
{
    int quorum, spread, chair;

    (void)state;
    tq = area("tuyen-quang");
    assert_int_equal(rules_certificate_months(tq), 36);
    assert_int_equal(rules_certificate_min_stars(tq), 3);
    assert_int_equal(rules_certificate_until(tq, day("2020-03-15")), day("2023-03-14"));
    assert_int_equal(rules_certificate_until(tq, day("2020-02-29")), day("2023-02-28"));
    assert_int_equal(rules_certificate_until(tq, day("2020-01-01")), day("2022-12-31"));
    assert_int_equal(rules_certificate_until(tq, day("2023-03-01")), day("2026-02-28"));
    rules_council(tq, &quorum, &spread, &chair);
    assert_int_equal(quorum, 75);
    assert_int_equal(spread, 10);
    assert_true(chair);
    assert_int_equal(rules_samples(tq), 5);
    assert_int_equal(rules_dossier_check_days(tq), 0); /* not a national rule */
}

/* ---- the 1048 sheet of fresh vegetables, fruit and nuts ---- */

/* The index of the option with the most (best) or fewest points of each criterion. */
static void pick(const struct rules_sheet *s, int *choices, int best)
{
    for (size_t i = 0; i < s->ncriteria; i++) {
        const struct rules_criterion *c = s->criteria[i];
        int k = 0;
        for (size_t o = 1; o < c->noptions; o++)
            if (best ? c->options[o].points > c->options[k].points
                     : c->options[o].points < c->options[k].points)
                k = (int)o;
        choices[i] = k;
    }
}

static int criterion_index(const struct rules_sheet *s, const char *code)
{
    for (size_t i = 0; i < s->ncriteria; i++)
        if (strcmp(s->criteria[i]->code, code) == 0)
            return (int)i;
    fail_msg("no criterion %s", code);
    return -1;
}

static void options_are(const struct rules_sheet *s, const char *code, const int *points, size_t n)
{
    const struct rules_criterion *c = s->criteria[criterion_index(s, code)];

    if (c->noptions != n)
        fail_msg("%s: %zu options, want %zu", code, c->noptions, n);
    for (size_t i = 0; i < n; i++)
        if (c->options[i].points != points[i])
            fail_msg("%s option %zu: %d points, want %d", code, i + 1, c->options[i].points,
                     points[i]);
    assert_int_equal(c->max, points[n - 1]);
}

#define OPTIONS(s, code, ...)                                                                      \
    do {                                                                                           \
        const int p_[] = {__VA_ARGS__};                                                            \
        options_are(s, code, p_, sizeof(p_) / sizeof(p_[0]));                                      \
    } while (0)

static void sheet_fresh_1048(void **state)
{
    const struct rules_sheet *s;
    int choices[64], total = -1, part[3] = {0, 0, 0};
    static const char *const codes[] = {
        "A1.1", "A1.2", "A1.3", "A1.4", "A1.5", "A1.6", "A2.1", "A2.2", "A2.3", "A3.1", "A3.2",
        "A3.3", "A3.4", "A3.5", "B1.1", "B1.2", "B1.3", "B2.1", "B2.2", "B2.3", "C1.1", "C1.2",
        "C1.3", "C1.4", "C1.5", "C2.1", "C3.1", "C4.1", "C4.2", "C5.1", "C6.1"};

    (void)state;
    tq = area("tuyen-quang");
    s = rules_sheet(tq, REGIME_1048, "1.1.1");
    assert_non_null(s);
    assert_string_equal(s->code, "1048-rau-cu-qua-hat-tuoi");
    assert_int_equal(s->regime, REGIME_1048);
    assert_false(s->illustrative);
    assert_false(s->is_default);
    assert_int_equal(s->napplies, 1);
    assert_string_equal(s->applies_to[0], "1.1.1");
    assert_non_null(strstr(s->source, "OCOP.md §3.2"));

    /* parts A 35, B 25, C 40, groups as OCOP.md §3.2 lists them */
    assert_int_equal(s->nparts, 3);
    assert_string_equal(s->parts[0].code, "A");
    assert_int_equal(s->parts[0].max, 35);
    assert_int_equal(s->parts[0].ngroups, 3);
    assert_string_equal(s->parts[1].code, "B");
    assert_int_equal(s->parts[1].max, 25);
    assert_int_equal(s->parts[1].ngroups, 2);
    assert_string_equal(s->parts[2].code, "C");
    assert_int_equal(s->parts[2].max, 40);
    assert_int_equal(s->parts[2].ngroups, 6);

    /* 31 criteria, in sheet order */
    assert_int_equal(s->ncriteria, sizeof(codes) / sizeof(codes[0]));
    for (size_t i = 0; i < s->ncriteria; i++)
        assert_string_equal(s->criteria[i]->code, codes[i]);

    /* every criterion's option points, OCOP.md §3.2 */
    OPTIONS(s, "A1.1", 1, 2, 3);
    OPTIONS(s, "A1.2", 0, 1, 2, 3);
    OPTIONS(s, "A1.3", 1, 2, 3, 4);
    OPTIONS(s, "A1.4", 0, 1, 2);
    OPTIONS(s, "A1.5", 1, 2, 3, 4, 5);
    OPTIONS(s, "A1.6", 0, 1);
    OPTIONS(s, "A2.1", 0, 1, 2, 3);
    OPTIONS(s, "A2.2", 0, 1, 2, 3);
    OPTIONS(s, "A2.3", 0, 1, 2);
    OPTIONS(s, "A3.1", 1, 2, 3);
    OPTIONS(s, "A3.2", 1, 2);
    OPTIONS(s, "A3.3", 0, 1);
    OPTIONS(s, "A3.4", 0, 1);
    OPTIONS(s, "A3.5", 0, 1, 2);
    OPTIONS(s, "B1.1", 1, 2, 3, 5);
    OPTIONS(s, "B1.2", 0, 1, 3, 5);
    OPTIONS(s, "B1.3", 0, 1, 2, 3, 5);
    OPTIONS(s, "B2.1", 0, 1, 2, 3, 4, 5);
    OPTIONS(s, "B2.2", 0, 1, 2, 3);
    OPTIONS(s, "B2.3", 1, 2);
    OPTIONS(s, "C1.1", 0, 1, 2);
    OPTIONS(s, "C1.2", 0, 1, 3, 5, 8);
    OPTIONS(s, "C1.3", 0, 1, 2, 3);
    OPTIONS(s, "C1.4", 0, 1, 2, 3);
    OPTIONS(s, "C1.5", 0, 1, 2);
    OPTIONS(s, "C2.1", 0, 1, 2);
    OPTIONS(s, "C3.1", 0, 1, 3, 5);
    OPTIONS(s, "C4.1", 0, 1, 2);
    OPTIONS(s, "C4.2", 0, 1, 2, 3);
    OPTIONS(s, "C5.1", 0, 1, 2, 3, 4, 5);
    OPTIONS(s, "C6.1", 1, 3, 5);

    /* all best choices: 100, and each part its maximum */
    pick(s, choices, 1);
    assert_int_equal(rules_sheet_total(s, choices, s->ncriteria, &total), 0);
    assert_int_equal(total, 100);
    for (size_t i = 0; i < s->ncriteria; i++)
        part[s->criteria[i]->part] += s->criteria[i]->options[choices[i]].points;
    assert_int_equal(part[0], 35);
    assert_int_equal(part[1], 25);
    assert_int_equal(part[2], 40);
    /* all worst choices: the options without a 0 give 8 points in all */
    pick(s, choices, 0);
    assert_int_equal(rules_sheet_total(s, choices, s->ncriteria, &total), 0);
    assert_int_equal(total, 8);

    /* a missing or impossible choice is refused */
    pick(s, choices, 1);
    assert_int_equal(rules_sheet_total(s, choices, s->ncriteria - 1, &total), -1);
    assert_int_equal(rules_sheet_total(s, choices, s->ncriteria + 1, &total), -1);
    choices[5] = -1;
    assert_int_equal(rules_sheet_total(s, choices, s->ncriteria, &total), -1);
    choices[5] = 2; /* A1.6 has two options */
    assert_int_equal(rules_sheet_total(s, choices, s->ncriteria, &total), -1);
    assert_int_equal(rules_sheet_total(NULL, choices, s->ncriteria, &total), -1);

    /* star gates of QĐ 781 (OCOP.md §3.4) on part C */
    assert_int_equal(s->ngates, 4);
    assert_int_equal(s->gates[0].star, 2);
    assert_int_equal(s->gates[0].criterion, criterion_index(s, "C4.1"));
    assert_int_equal(s->gates[0].min_points, 1);
    assert_int_equal(s->gates[1].star, 3);
    assert_int_equal(s->gates[1].criterion, criterion_index(s, "C4.1"));
    assert_int_equal(s->gates[1].min_points, 2);
    assert_int_equal(s->gates[2].star, 3);
    assert_int_equal(s->gates[2].criterion, criterion_index(s, "C5.1"));
    assert_int_equal(s->gates[3].star, 4);
    assert_int_equal(s->gates[3].criterion, criterion_index(s, "C3.1"));
    assert_int_equal(s->gates[3].min_points, 3);
}

/* ---- the default sheets ---- */

static void default_sheet_is(const struct rules_sheet *s, const char *code, int a, int b, int c)
{
    int choices[64], total = -1;

    assert_non_null(s);
    assert_string_equal(s->code, code);
    assert_true(s->illustrative);
    assert_true(s->is_default);
    assert_non_null(strstr(s->name, "minh hoạ — không phải phiếu chính thức"));
    assert_int_equal(s->nparts, 3);
    assert_int_equal(s->parts[0].max, a);
    assert_int_equal(s->parts[1].max, b);
    assert_int_equal(s->parts[2].max, c);
    assert_int_equal(s->ngates, 0);
    assert_true(s->ncriteria > 0 && s->ncriteria <= 64);
    pick(s, choices, 1);
    assert_int_equal(rules_sheet_total(s, choices, s->ncriteria, &total), 0);
    assert_int_equal(total, 100);
}

static void default_sheets(void **state)
{
    (void)state;
    tq = area("tuyen-quang");
    default_sheet_is(rules_sheet(tq, REGIME_1048, "1.1.2"), "1048-mac-dinh", 35, 25, 40);
    default_sheet_is(rules_sheet(tq, REGIME_1048, "6.1"), "1048-mac-dinh", 35, 25, 40);
    default_sheet_is(rules_sheet(tq, REGIME_1048, NULL), "1048-mac-dinh", 35, 25, 40);
    /* "1.1.10" is not under "1.1.1" */
    default_sheet_is(rules_sheet(tq, REGIME_1048, "1.1.10"), "1048-mac-dinh", 35, 25, 40);
    default_sheet_is(rules_sheet(tq, REGIME_148, "I.1.a"), "148-mac-dinh", 40, 25, 35);
    default_sheet_is(rules_sheet(tq, REGIME_148_1489, "VI.1"), "148-mac-dinh", 40, 25, 35);
    /* the fresh-produce sheet is 1048's only: 148's fresh produce uses the default */
    assert_ptr_equal(rules_sheet(tq, REGIME_148, "I.1.a"), rules_sheet(tq, REGIME_148_1489, "I.1"));
}

/* ---- documents ---- */

static const struct rules_document *doc(const char *group, enum rules_regime g, enum rules_level lv,
                                        const char *code)
{
    const struct rules_document *d[64];
    size_t n = rules_documents(tq, group, g, lv, d, 64);

    assert_true(n <= 64);
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i]->code, code) == 0)
            return d[i];
    return NULL;
}

static void base_items(const char *group, enum rules_regime g, enum rules_level lv)
{
    static const char *const base[] = {"phieu_dang_ky", "phuong_an_kinh_doanh", "mo_ta_to_chuc",
                                       "dang_ky_kinh_doanh"};

    for (size_t i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
        const struct rules_document *d = doc(group, g, lv, base[i]);
        if (d == NULL || !d->mandatory || d->name == NULL)
            fail_msg("%s %s %s: no mandatory %s", group, rules_regime_names[g],
                     rules_level_names[lv], base[i]);
    }
}

static void documents(void **state)
{
    const struct rules_document *d[64];
    size_t n;

    (void)state;
    tq = area("tuyen-quang");
    /* the base items under every regime and scoring level */
    base_items("1.1.1", REGIME_1048, LEVEL_DISTRICT);
    base_items("1.1.1", REGIME_1048, LEVEL_PROVINCE);
    base_items("I.1.a", REGIME_148, LEVEL_DISTRICT);
    base_items("I.1.a", REGIME_148, LEVEL_PROVINCE);
    base_items("I.1.a", REGIME_148_1489, LEVEL_PROVINCE);
    base_items("VI.1", REGIME_148_1489, LEVEL_CENTRAL);

    /* in order: the registration form first */
    n = rules_documents(tq, "I.1.a", REGIME_148_1489, LEVEL_PROVINCE, d, 64);
    assert_true(n >= 6);
    assert_string_equal(d[0]->code, "phieu_dang_ky");
    for (size_t i = 1; i < n && i < 64; i++)
        assert_true(d[i - 1]->order <= d[i]->order);

    /* 5 samples for goods, none for tourism services */
    assert_non_null(doc("1.1.1", REGIME_1048, LEVEL_DISTRICT, "mau_san_pham"));
    assert_true(doc("I.1.a", REGIME_148, LEVEL_DISTRICT, "mau_san_pham")->mandatory);
    assert_null(doc("6.1", REGIME_1048, LEVEL_DISTRICT, "mau_san_pham"));
    assert_null(doc("VI.1", REGIME_148_1489, LEVEL_PROVINCE, "mau_san_pham"));

    /* the 1489 commune assessment report: only under 148+1489 */
    assert_non_null(doc("I.1.a", REGIME_148_1489, LEVEL_PROVINCE, "bao_cao_danh_gia_cua_xa"));
    assert_true(doc("VI.1", REGIME_148_1489, LEVEL_PROVINCE, "bao_cao_danh_gia_cua_xa")->mandatory);
    assert_non_null(
        strstr(doc("I.1.a", REGIME_148_1489, LEVEL_PROVINCE, "bao_cao_danh_gia_cua_xa")->name,
               "lao động địa phương"));
    assert_null(doc("I.1.a", REGIME_148, LEVEL_PROVINCE, "bao_cao_danh_gia_cua_xa"));
    assert_null(doc("I.1.a", REGIME_148, LEVEL_DISTRICT, "bao_cao_danh_gia_cua_xa"));
    assert_null(doc("1.1.1", REGIME_1048, LEVEL_PROVINCE, "bao_cao_danh_gia_cua_xa"));
    assert_null(doc("1.1.1", REGIME_1048, LEVEL_DISTRICT, "bao_cao_danh_gia_cua_xa"));

    /* the self-assessment report: 148 and 148+1489, not 1048 */
    assert_non_null(doc("I.1.a", REGIME_148, LEVEL_DISTRICT, "bao_cao_tu_danh_gia"));
    assert_non_null(doc("I.1.a", REGIME_148_1489, LEVEL_PROVINCE, "bao_cao_tu_danh_gia"));
    assert_null(doc("1.1.1", REGIME_1048, LEVEL_DISTRICT, "bao_cao_tu_danh_gia"));

    /* district → province under 1048 only */
    assert_non_null(doc("1.1.1", REGIME_1048, LEVEL_PROVINCE, "bien_ban_hoi_dong_huyen"));
    assert_null(doc("1.1.1", REGIME_1048, LEVEL_DISTRICT, "bien_ban_hoi_dong_huyen"));
    assert_null(doc("I.1.a", REGIME_148_1489, LEVEL_PROVINCE, "bien_ban_hoi_dong_huyen"));
    /* province → central */
    assert_non_null(doc("I.1.a", REGIME_148, LEVEL_CENTRAL, "de_nghi_cap_trung_uong"));
    assert_null(doc("I.1.a", REGIME_148, LEVEL_PROVINCE, "de_nghi_cap_trung_uong"));

    /* food-safety eligibility: food and beverage groups of either regime */
    assert_non_null(doc("I.3.d", REGIME_148, LEVEL_DISTRICT, "du_dieu_kien_san_xuat"));
    assert_non_null(doc("II.1.a", REGIME_148, LEVEL_DISTRICT, "du_dieu_kien_san_xuat"));
    assert_non_null(doc("2.1.1", REGIME_1048, LEVEL_DISTRICT, "du_dieu_kien_san_xuat"));
    assert_null(doc("IV.1", REGIME_148, LEVEL_DISTRICT, "du_dieu_kien_san_xuat"));
    assert_null(doc("III.1", REGIME_148, LEVEL_DISTRICT, "du_dieu_kien_san_xuat"));
    assert_false(doc("I.3.d", REGIME_148, LEVEL_DISTRICT, "du_dieu_kien_san_xuat")->mandatory);
}

/* ---- product groups ---- */

static void group_is(enum rules_regime g, const char *code, const char *name, int depth,
                     const char *parent)
{
    const struct rules_group *list, *x = rules_group(tq, g, code);

    rules_groups(tq, g, &list);
    if (x == NULL)
        fail_msg("%s: no group %s", rules_regime_names[g], code);
    assert_string_equal(x->name, name);
    assert_int_equal(x->depth, depth);
    if (parent == NULL)
        assert_int_equal(x->parent, -1);
    else
        assert_string_equal(list[x->parent].code, parent);
}

static void groups(void **state)
{
    const struct rules_group *list, *l1489;
    size_t n, top = 0, mid;

    (void)state;
    tq = area("tuyen-quang");
    /* 148 (OCOP.md §4.1): six groups, 39 entries in the tree */
    n = rules_groups(tq, REGIME_148, &list);
    assert_int_equal(n, 39);
    for (size_t i = 0; i < n; i++)
        top += list[i].depth == 0;
    assert_int_equal(top, 6);
    group_is(REGIME_148, "I", "Thực phẩm", 0, NULL);
    group_is(REGIME_148, "I.1", "Nông sản tươi sống", 1, "I");
    group_is(REGIME_148, "I.1.a", "Rau, củ, quả, hạt tươi", 2, "I.1");
    group_is(REGIME_148, "I.6", "Cà phê, ca cao", 1, "I");
    group_is(REGIME_148, "II.1.a", "Rượu trắng", 2, "II.1");
    group_is(REGIME_148, "V.3", "Động vật cảnh", 1, "V");
    group_is(REGIME_148, "VI.1", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch", 1,
             "VI");
    assert_string_equal(rules_group(tq, REGIME_148, "II.2.a")->ministry, "Bộ Y tế");
    assert_string_equal(rules_group(tq, REGIME_148, "I.3.a")->ministry, "Bộ Công Thương");
    assert_null(rules_group(tq, REGIME_148, "I")->ministry);
    /* 148+1489 shares 148's groups */
    assert_int_equal(rules_groups(tq, REGIME_148_1489, &l1489), n);
    assert_ptr_equal(rules_group(tq, REGIME_148_1489, "I.1.a"),
                     rules_group(tq, REGIME_148, "I.1.a"));

    /* 1048 (OCOP.md §4.2): six industries, 16 groups, 39 entries */
    n = rules_groups(tq, REGIME_1048, &list);
    assert_int_equal(n, 39);
    top = mid = 0;
    for (size_t i = 0; i < n; i++) {
        top += list[i].depth == 0;
        mid += list[i].depth == 1;
    }
    assert_int_equal(top, 6);
    assert_int_equal(mid, 16);
    group_is(REGIME_1048, "1", "Thực phẩm", 0, NULL);
    group_is(REGIME_1048, "1.1.1", "Rau, củ, quả, hạt tươi", 2, "1.1");
    group_is(REGIME_1048, "1.3.5", "Chế biến từ cá, thủy sản", 2, "1.3");
    group_is(REGIME_1048, "2.2.1", "Nước khoáng, nước tinh lọc", 2, "2.2");
    group_is(REGIME_1048, "3.3", "Trang thiết bị, dụng cụ y tế", 1, "3");
    group_is(REGIME_1048, "6.1", "Du lịch cộng đồng và điểm du lịch", 1, "6");
    assert_string_equal(rules_group(tq, REGIME_1048, "2.2.1")->ministry, "Bộ Y tế");

    /* codes belong to their regime */
    assert_null(rules_group(tq, REGIME_1048, "I.1.a"));
    assert_null(rules_group(tq, REGIME_148, "1.1.1"));
    assert_null(rules_group(tq, REGIME_148, "VII"));
    assert_null(rules_group(tq, REGIME_148, NULL));
    assert_int_equal(rules_groups(tq, REGIME__MAX, &list), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(provinces),        cmocka_unit_test(regimes),
        cmocka_unit_test(star_bands),       cmocka_unit_test(routing),
        cmocka_unit_test(routing_on_dates), cmocka_unit_test(score_policy),
        cmocka_unit_test(certificate),      cmocka_unit_test(sheet_fresh_1048),
        cmocka_unit_test(default_sheets),   cmocka_unit_test(documents),
        cmocka_unit_test(groups),
    };

    return cmocka_run_group_tests_name("rules_national", tests, setup, teardown);
}
