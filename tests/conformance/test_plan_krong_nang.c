/*
 * test_plan_krong_nang.c — the Krông Năng rules (lua/provinces/dak-lak/krong-nang.lua over
 * lua/provinces/dak-lak.lua) against the district's OCOP plan of 2020, KH 17/KH-UBND of
 * 10/02/2020 (S2, shared/plans/002_4e8834379be2b545.txt), through the C API of rules.h: the
 * district under its province, valid to 30/6/2025; the 3-working-day dossier check of the
 * district (not of the province); one district round finished in 03/2020 with no stated
 * opening, no provincial round (the province's plan is not known); the district scores and
 * forwards 50+ under QĐ 1048; every dated step (steering and kick-off in 02/2020, dossiers
 * before 20/3, support, study tour and communication during 2020, review in 11/2020);
 * the targets (1–3 products at 3★ or more, at least 1 product per commune); no budget
 * figure and no report deadline; and support for labels and packaging, traceability,
 * quality declaration and trade promotion only for products the province rated 3★ or
 * more, after its decision, each rule tried on both sides. Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "plan_calendar.h"
#include "rules.h"
#include "util.h"

static struct rules *reg;
static const struct rules_area *kn, *dl;

static int64_t day(const char *s)
{
    int64_t t = 0;

    if (parse_date(s, &t) != 0)
        fail_msg("bad date in test: %s", s);
    return t;
}

static int setup(void **state)
{
    (void)state;
    reg = rules_open("lua", NULL);
    if (reg == NULL)
        return -1;
    dl = rules_get(reg, "dak-lak");
    kn = rules_get(reg, "dak-lak/krong-nang");
    if (dl == NULL || kn == NULL) {
        print_error("no rules for dak-lak: %s\n", rules_last_error(reg, "dak-lak") ?: "");
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rules_close(reg);
    return 0;
}

/* ---- helpers ---- */

static int open_round(enum rules_level lv, int64_t t)
{
    const struct rules_round *r = rules_round_open(kn, lv, t);

    return r ? r->number : 0;
}

static void target_is(const char *code, int64_t min, int64_t max, const char *per)
{
    const struct rules_target *t = rules_target(kn, 2020, code);

    if (t == NULL)
        fail_msg("no target %s in 2020", code);
    if (t->min != min || t->max != max)
        fail_msg("target %s: %lld–%lld, want %lld–%lld", code, (long long)t->min, (long long)t->max,
                 (long long)min, (long long)max);
    assert_string_equal(t->per, per);
    assert_non_null(t->source);
}

/* Calendar step i of 2020: a word of what it is, its period (from NULL: a deadline). */
static void event_is(size_t i, const char *word, const char *from, const char *to)
{
    plan_event_at(kn, 2020, i, word, from, to);
}

static struct rules_product product(int stars, enum rules_level by, const char *recognised)
{
    struct rules_product p = {"KN-001", "cà phê", "HTX Cà phê Krông Năng", "1.6", stars, 0, by, 0};

    p.recognised = recognised ? day(recognised) : 0;
    return p;
}

static struct rules_verdict pay_in(const struct rules_area *a, const char *date,
                                   struct rules_product p, enum support_category cat,
                                   int64_t amount)
{
    struct rules_verdict v;

    assert_int_equal(rules_support_allowed(a, day(date), &p, cat, amount, NULL, 0, &v), 0);
    return v;
}

static int ok(const char *date, struct rules_product p, enum support_category cat)
{
    return pay_in(kn, date, p, cat, 10000000).ok;
}

/* ---- the area ---- */

static void area(void **state)
{
    const int *years;
    json_t *j, *plan;

    (void)state;
    assert_string_equal(rules_area_name(dl), "Đắk Lắk");
    assert_false(rules_area_is_district(dl));
    assert_false(rules_area_is_placeholder(dl));
    assert_string_equal(rules_area_name(kn), "Krông Năng");
    assert_string_equal(rules_area_code(kn), "dak-lak/krong-nang");
    assert_true(rules_area_is_district(kn));
    assert_false(rules_area_is_placeholder(kn));
    assert_non_null(rules_district(dl, 0));
    assert_string_equal(rules_area_code(rules_district(dl, 0)), "dak-lak/krong-nang");
    assert_null(rules_district(dl, 1));
    assert_int_equal(rules_area_years(dl, &years), 0); /* the province states no plan */
    assert_int_equal(rules_area_years(kn, &years), 1);
    assert_int_equal(years[0], 2020);

    /* districts ceased on 1/7/2025: the district's rules hold to 30/6/2025 */
    j = rules_area_json(kn, 2020);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "valid_to")), "2025-06-30");
    plan = json_object_get(json_array_get(json_object_get(j, "years"), 0), "plan");
    assert_string_equal(json_string_value(json_object_get(plan, "number")), "17/KH-UBND");
    assert_string_equal(json_string_value(json_object_get(plan, "date")), "2020-02-10");
    assert_string_equal(json_string_value(json_object_get(plan, "issuer")),
                        "Ủy ban nhân dân huyện Krông Năng");
    assert_null(json_object_get(plan, "status")); /* an issued plan, not a draft */
    json_decref(j);
    j = rules_area_json(dl, 0);
    assert_non_null(j);
    assert_null(json_object_get(j, "valid_to"));
    json_decref(j);
    assert_int_equal(rules_district_level_ends(kn), day("2025-07-01"));
}

/* III.3: the agriculture office checks a dossier within 3 working days of receipt */
static void dossier_check(void **state)
{
    (void)state;
    assert_int_equal(rules_dossier_check_days(kn), 3);
    assert_int_equal(rules_dossier_check_days(dl), 0);
}

/* ---- rounds (III.4) and who does what ---- */

static void rounds(void **state)
{
    const struct rules_round *r;
    struct rules_routing rt;

    (void)state;
    assert_int_equal(rules_rounds(kn, 2020, LEVEL_DISTRICT, &r), 1);
    assert_int_equal(r[0].number, 1);
    assert_false(r[0].open_stated); /* the plan gives only "complete in 03/2020" */
    assert_int_equal(r[0].open, day("2020-01-01"));
    assert_int_equal(r[0].close, day("2020-03-31"));
    assert_non_null(strstr(r[0].source, "III.4"));
    assert_int_equal(rules_rounds(kn, 2020, LEVEL_PROVINCE, &r), 0); /* "theo kế hoạch tỉnh" */
    assert_int_equal(rules_rounds(kn, 2020, LEVEL_COMMUNE, &r), 0);
    assert_int_equal(rules_rounds(kn, 2021, LEVEL_DISTRICT, &r), 0);
    assert_int_equal(rules_rounds(dl, 2020, LEVEL_DISTRICT, &r), 0);

    assert_int_equal(open_round(LEVEL_DISTRICT, day("2019-12-31") + 86399), 0);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2020-02-10")), 1);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2020-03-20")), 1);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2020-03-31") + 86399), 1);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2020-04-01")), 0);
    assert_int_equal(open_round(LEVEL_PROVINCE, day("2020-03-15")), 0);
    assert_null(rules_round_open(dl, LEVEL_DISTRICT, day("2020-03-15")));

    /* III.4: the council scores by QĐ 1048 and sends 3★-equivalent (50+) to the province */
    assert_int_equal(rules_routing_on(kn, day("2020-03-15"), LEVEL_DISTRICT, &rt), 0);
    assert_true(rt.scores);
    assert_int_equal(rt.certify_min, 0);
    assert_int_equal(rt.forward_min, 50);
    assert_int_equal(rules_routing_on(kn, day("2025-07-01"), LEVEL_DISTRICT, &rt), 0);
    assert_true(rt.abolished);
}

/* ---- calendar (III.1–III.9) ---- */

static void calendar(void **state)
{
    const struct rules_event *e;

    (void)state;
    assert_int_equal(rules_calendar(kn, 2020, &e), 7);
    event_is(0, "Hoàn thiện hệ thống chỉ đạo", "2020-02-01", "2020-02-29");
    event_is(1, "Hội nghị hướng dẫn và triển khai", "2020-02-01", "2020-02-29");
    event_is(2, "tiếp nhận hồ sơ và mẫu sản phẩm", NULL, "2020-03-20");
    event_is(3, "từ 3 sao trở lên", "2020-01-01", "2020-12-31");
    event_is(4, "Quảng Nam", "2020-01-01", "2020-12-31");
    event_is(5, "Tuyên truyền", "2020-01-01", "2020-12-31");
    event_is(6, "Hội nghị sơ kết", "2020-11-01", "2020-11-30");
    assert_string_equal(e[6].who, "Phòng Nông nghiệp và Phát triển nông thôn huyện");
    assert_int_equal(rules_calendar(dl, 2020, &e), 0);
}

/* ---- targets (II), budget (IV), reports (V) ---- */

static void targets_budget_reports(void **state)
{
    const struct rules_target *t;
    const struct rules_budget_line *b;
    const struct rules_report *r = NULL;
    int64_t total = 0, due = 0;

    (void)state;
    assert_int_equal(rules_targets(kn, 2020, &t), 2);
    target_is("products_3star", 1, 3, "huyện");
    target_is("products_proposed", 1, -1, "xã, thị trấn");
    assert_false(rules_target(kn, 2020, "products_3star")->approx);

    /* IV names the funding sources (QĐ 3696/QĐ-UBND, BC 335/BC-UBND), no figure */
    assert_int_equal(rules_budget(kn, 2020, &b, &total), 0);
    assert_int_equal(total, -1);

    /* V.1: "báo cáo thường xuyên", no deadline */
    assert_int_equal(rules_reports(kn, 2020, &r), 0);
    assert_int_equal(rules_next_report(kn, day("2020-03-01"), &r, &due), -1);
}

/* ---- support (II, III.5): ≥3★ rated by the province, after its decision ---- */

static void support(void **state)
{
    const enum support_category yes[] = {SUPPORT_PACKAGING, SUPPORT_CERTIFICATION,
                                         SUPPORT_QUALITY_TEST, SUPPORT_TRADE_PROMOTION};
    const enum support_category no[] = {SUPPORT_TRADEMARK, SUPPORT_CONSULTING, SUPPORT_SALES_POINT,
                                        SUPPORT_TRAINING, SUPPORT_STAR_REWARD};
    const struct rules_product p3 = product(3, LEVEL_PROVINCE, "2020-04-15");
    struct rules_verdict v;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        const char *c = support_category_names[yes[i]];
        v = pay_in(kn, "2020-05-01", p3, yes[i], 10000000);
        if (!v.ok)
            fail_msg("%s refused: %s", c, v.reason);
        assert_int_equal(v.limit, -1); /* TT 08/2019 caps not known: none stated */
        assert_true(ok("2020-04-15", p3, yes[i]));
        assert_true(ok("2020-12-31", product(4, LEVEL_PROVINCE, "2020-09-01"), yes[i]));
        /* below 3★ */
        v = pay_in(kn, "2020-05-01", product(2, LEVEL_PROVINCE, "2020-04-15"), yes[i], 1);
        assert_false(v.ok);
        assert_non_null(strstr(v.reason, "từ 3 sao"));
        /* not yet recognised, or before the decision */
        assert_false(ok("2020-05-01", product(3, LEVEL_PROVINCE, NULL), yes[i]));
        assert_false(ok("2020-04-14", p3, yes[i]));
        /* rated by another level than the province */
        assert_false(ok("2020-05-01", product(3, LEVEL_DISTRICT, "2020-04-15"), yes[i]));
        assert_false(ok("2020-05-01", product(5, LEVEL_CENTRAL, "2020-04-15"), yes[i]));
        /* the 2020 plan only: nothing in 2021, nothing at the province level */
        assert_false(ok("2021-01-01", p3, yes[i]));
        assert_false(pay_in(dl, "2020-05-01", p3, yes[i], 1).ok);
    }
    for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        v = pay_in(kn, "2020-05-01", p3, no[i], 1);
        if (v.ok)
            fail_msg("%s allowed", support_category_names[no[i]]);
        assert_non_null(strstr(v.reason, "không có quy định"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(area),
        cmocka_unit_test(dossier_check),
        cmocka_unit_test(rounds),
        cmocka_unit_test(calendar),
        cmocka_unit_test(targets_budget_reports),
        cmocka_unit_test(support),
    };

    return cmocka_run_group_tests_name("plan_krong_nang", tests, setup, teardown);
}
