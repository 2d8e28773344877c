/*
 * test_plan_huyen_chua_ro.c — the rules of the unnamed district of the 2021 OCOP plan (S1,
 * shared/plans/001_324697422bc50958.txt), filed as lua/provinces/tinh-chua-ro/huyen-chua-ro.lua
 * under a stand-in province, through the C API of rules.h: both areas are placeholders, the
 * district is valid to 30/6/2025; the plan dates no evaluation round (no round at any
 * level), the district forwards 50–100 points to the province under QĐ 1048/781; its two
 * dated steps (commune plans before 15/6/2021, review conference expected in 12/2021); its
 * targets (keep the 13 products certified 3★ in 2020, 4 new products to 3★, 2 upgrades to
 * 4★, at least 2 cooperatives); no budget figure ("dự toán riêng") and no report deadline;
 * and the support it lists (brand, labels and packaging, traceability/HACCP/C/O/ISO, the
 * OCOP cycle, trade promotion, training) with no amount or star condition, and nothing
 * else, in 2021 only. Run from the repository root.
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
static const struct rules_area *hd, *tp;

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
    tp = rules_get(reg, "tinh-chua-ro");
    hd = rules_get(reg, "tinh-chua-ro/huyen-chua-ro");
    if (tp == NULL || hd == NULL) {
        print_error("no rules for tinh-chua-ro: %s\n", rules_last_error(reg, "tinh-chua-ro") ?: "");
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

static void target_is(const char *code, int64_t min, int64_t max)
{
    const struct rules_target *t = rules_target(hd, 2021, code);

    if (t == NULL)
        fail_msg("no target %s in 2021", code);
    if (t->min != min || t->max != max)
        fail_msg("target %s: %lld–%lld, want %lld–%lld", code, (long long)t->min, (long long)t->max,
                 (long long)min, (long long)max);
    assert_string_equal(t->per, "huyện");
    assert_non_null(t->source);
}

static struct rules_verdict pay_in(const struct rules_area *a, const char *date, int stars,
                                   enum support_category cat, int64_t amount)
{
    const struct rules_product p = {
        "HX-001", "mật ong", "THT Ong mật",  "1.2.2",
        stars,    0,         LEVEL_PROVINCE, stars >= 3 ? day("2020-11-01") : 0};
    struct rules_verdict v;

    assert_int_equal(rules_support_allowed(a, day(date), &p, cat, amount, NULL, 0, &v), 0);
    return v;
}

/* ---- the areas ---- */

static void areas(void **state)
{
    const int *years;
    json_t *j, *plan;

    (void)state;
    assert_true(rules_area_is_placeholder(tp));
    assert_false(rules_area_is_district(tp));
    assert_string_equal(rules_area_name(tp), "Tỉnh chưa rõ (kế hoạch 2021 không nêu tên)");
    assert_true(rules_area_is_placeholder(hd));
    assert_true(rules_area_is_district(hd));
    assert_string_equal(rules_area_name(hd), "Huyện chưa rõ (kế hoạch 2021 không nêu tên)");
    assert_string_equal(rules_area_code(rules_district(tp, 0)), "tinh-chua-ro/huyen-chua-ro");
    assert_null(rules_district(tp, 1));
    assert_int_equal(rules_area_years(tp, &years), 0);
    assert_int_equal(rules_area_years(hd, &years), 1);
    assert_int_equal(years[0], 2021);
    assert_int_equal(rules_dossier_check_days(hd), 0); /* the plan sets none */

    j = rules_area_json(hd, 2021);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "valid_to")), "2025-06-30");
    plan = json_object_get(json_array_get(json_object_get(j, "years"), 0), "plan");
    assert_non_null(plan);
    assert_null(json_object_get(plan, "number")); /* the header is lost */
    assert_null(json_object_get(plan, "date"));
    assert_non_null(
        strstr(json_string_value(json_object_get(plan, "implements")), "1565/SNNPTNT-VPNTM"));
    json_decref(j);
}

/* ---- rounds: none dated; the district forwards 50–100 (III.2.1.5) ---- */

static void rounds_and_routing(void **state)
{
    const struct rules_round *r;
    struct rules_routing rt;
    int lv;

    (void)state;
    for (lv = 0; lv < LEVEL__MAX; lv++)
        assert_int_equal(rules_rounds(hd, 2021, (enum rules_level)lv, &r), 0);
    assert_null(rules_round_open(hd, LEVEL_DISTRICT, day("2021-08-01")));
    assert_null(rules_round_open(hd, LEVEL_PROVINCE, day("2021-08-01")));

    assert_int_equal(rules_routing_on(hd, day("2021-08-01"), LEVEL_DISTRICT, &rt), 0);
    assert_true(rt.scores);
    assert_int_equal(rt.forward_min, 50);
    assert_int_equal(rules_routing_on(hd, day("2021-08-01"), LEVEL_PROVINCE, &rt), 0);
    assert_int_equal(rt.certify_min, 3); /* "3 sao cấp tỉnh", "4 sao cấp tỉnh" */
    assert_int_equal(rt.certify_max, 4);
}

/* ---- calendar: V.6 and III.2.4 ---- */

static void calendar(void **state)
{
    const struct rules_event *e;

    (void)state;
    assert_int_equal(rules_calendar(hd, 2021, &e), 2);
    assert_non_null(strstr(e[0].what, "kế hoạch triển khai Chương trình OCOP năm 2021"));
    assert_string_equal(e[0].who, "UBND các xã, thị trấn");
    assert_true(e[0].deadline);
    assert_int_equal(e[0].from, 0);
    assert_int_equal(e[0].to, day("2021-06-15"));
    assert_non_null(strstr(e[1].what, "Hội nghị sơ kết"));
    assert_false(e[1].deadline);
    assert_int_equal(e[1].from, day("2021-12-01"));
    assert_int_equal(e[1].to, day("2021-12-31"));
    assert_non_null(e[0].source);
    assert_non_null(e[1].source);
}

/* ---- targets (II.1–II.4), budget (IV), reports ---- */

static void targets_budget_reports(void **state)
{
    const struct rules_target *t;
    const struct rules_budget_line *b;
    const struct rules_report *r = NULL;
    int64_t total = 0, due = 0;

    (void)state;
    assert_int_equal(rules_targets(hd, 2021, &t), 4);
    target_is("products_keep_3star", 13, 13);
    target_is("products_new_3star", 4, 4);
    target_is("products_upgrade_4star", 2, 2);
    target_is("coops_participating", 2, -1);
    assert_string_equal(rules_target(hd, 2021, "coops_participating")->unit, "hợp tác xã");
    assert_int_equal(rules_targets(tp, 2021, &t), 0);

    assert_int_equal(rules_budget(hd, 2021, &b, &total), 0); /* "sẽ có dự toán riêng" */
    assert_int_equal(total, -1);
    assert_int_equal(rules_reports(hd, 2021, &r), 0);
    assert_int_equal(rules_next_report(hd, day("2021-06-01"), &r, &due), -1);
}

/* ---- support (II.6, III.2.1.4, III.2.1.6, III.2.3) ---- */

static void support(void **state)
{
    const enum support_category yes[] = {SUPPORT_TRADEMARK,       SUPPORT_PACKAGING,
                                         SUPPORT_CERTIFICATION,   SUPPORT_CONSULTING,
                                         SUPPORT_TRADE_PROMOTION, SUPPORT_TRAINING};
    const enum support_category no[] = {SUPPORT_QUALITY_TEST, SUPPORT_SALES_POINT,
                                        SUPPORT_STAR_REWARD};
    struct rules_verdict v;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        /* no star condition and no cap: a product not yet rated, any amount */
        v = pay_in(hd, "2021-08-01", 0, yes[i], 50000000);
        if (!v.ok)
            fail_msg("%s refused: %s", support_category_names[yes[i]], v.reason);
        assert_int_equal(v.limit, -1);
        assert_true(pay_in(hd, "2021-01-01", 3, yes[i], 1).ok);
        assert_true(pay_in(hd, "2021-12-31", 4, yes[i], 1).ok);
        /* the 2021 plan only, and nothing at the stand-in province */
        assert_false(pay_in(hd, "2020-12-31", 3, yes[i], 1).ok);
        assert_false(pay_in(hd, "2022-01-01", 3, yes[i], 1).ok);
        assert_false(pay_in(tp, "2021-08-01", 3, yes[i], 1).ok);
    }
    for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        v = pay_in(hd, "2021-08-01", 3, no[i], 1);
        if (v.ok)
            fail_msg("%s allowed", support_category_names[no[i]]);
        assert_non_null(strstr(v.reason, "không có quy định"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(areas),    cmocka_unit_test(rounds_and_routing),
        cmocka_unit_test(calendar), cmocka_unit_test(targets_budget_reports),
        cmocka_unit_test(support),
    };

    return cmocka_run_group_tests_name("plan_huyen_chua_ro", tests, setup, teardown);
}
