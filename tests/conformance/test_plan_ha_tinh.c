/*
 * test_plan_ha_tinh.c — the Hà Tĩnh rules (lua/provinces/ha-tinh.lua) against the draft OCOP
 * plan of 2019 (S3, shared/plans/003_5abe2af6181dff94.txt) and OCOP.md §7.3, through the C
 * API of rules.h: the plan is a draft ("dự thảo"); one district round in 08/2019 and one
 * provincial round in 10/2019, open exactly on those days; every dated step of the plan
 * (kick-off 02/2019, selection before 10/3, district conferences before 20/3, apparatus in
 * 03/2019, councils in 04/2019, training before 31/5, the OCOP fair in 11/2019); every
 * target (≥60 products entered, ≥25 certified of which ≥20 standardised and ≥5 new, ≥10 at
 * 3★ or more, …); no budget figure (the plan names sources only); the monthly reports due
 * on the 15th (producers → district) and the 20th (district → province); and support: the
 * categories the plan names (trademark, consulting, training, trade promotion) and the
 * 2019 star reward of OCOP.md §7.3 (30 M VND per 3★, 50 M per 4★, once, after the
 * province's recognition), each rule tried on both sides. Run from the repository root.
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
static const struct rules_area *ht;

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
    ht = rules_get(reg, "ha-tinh");
    if (ht == NULL) {
        print_error("no rules for ha-tinh: %s\n", rules_last_error(reg, "ha-tinh") ?: "");
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

/* Round i (0-based) of (year, level): its days, and whether the plan stated the opening. */
static void round_is(int year, enum rules_level lv, size_t i, const char *open, const char *close,
                     int stated)
{
    const struct rules_round *r;
    size_t n = rules_rounds(ht, year, lv, &r);

    if (i >= n)
        fail_msg("%d %s: %zu rounds, no round %zu", year, rules_level_names[lv], n, i + 1);
    assert_int_equal(r[i].year, year);
    assert_int_equal(r[i].level, lv);
    assert_int_equal(r[i].number, (int)i + 1);
    assert_int_equal(r[i].open, day(open));
    assert_int_equal(r[i].close, day(close));
    assert_int_equal(r[i].open_stated, stated);
    assert_non_null(r[i].source);
}

/* The round of the level open at that moment: its number, or 0 for none. */
static int open_round(enum rules_level lv, int64_t t)
{
    const struct rules_round *r = rules_round_open(ht, lv, t);

    return r ? r->number : 0;
}

static void target_is(const char *code, int64_t min, int64_t max, const char *per)
{
    const struct rules_target *t = rules_target(ht, 2019, code);

    if (t == NULL)
        fail_msg("no target %s in 2019", code);
    if (t->min != min || t->max != max)
        fail_msg("target %s: %lld–%lld, want %lld–%lld", code, (long long)t->min, (long long)t->max,
                 (long long)min, (long long)max);
    assert_string_equal(t->per, per);
    assert_false(t->approx);
    assert_non_null(t->label);
    assert_non_null(t->source);
}

/* Calendar step i of 2019: a word of what it is, its period (from NULL: a deadline). */
static void event_is(size_t i, const char *word, const char *from, const char *to)
{
    plan_event_at(ht, 2019, i, word, from, to);
}

/* The next report due on or after date: the day and the day of month it falls on. */
static void next_report_is(const char *date, const char *due, int dom)
{
    const struct rules_report *r = NULL;
    int64_t when = 0;

    assert_int_equal(rules_next_report(ht, day(date), &r, &when), 0);
    if (when != day(due))
        fail_msg("after %s: next report on day %lld, want %s", date, (long long)(when / 86400),
                 due);
    assert_int_equal(r->day, dom);
}

static struct rules_product product(int stars, int prev, enum rules_level by,
                                    const char *recognised)
{
    struct rules_product p = {"HT-001", "cam", "HTX Cam Vũ Quang", "1.1.1", stars, prev, by, 0};

    p.recognised = recognised ? day(recognised) : 0;
    return p;
}

static struct rules_verdict pay(const char *date, struct rules_product p, enum support_category cat,
                                int64_t amount, const struct rules_payment *h, size_t n)
{
    struct rules_verdict v;

    assert_int_equal(rules_support_allowed(ht, day(date), &p, cat, amount, h, n, &v), 0);
    return v;
}

/* ---- the area and the plan ---- */

static void area_and_plan(void **state)
{
    const int *years;
    json_t *j, *plan;

    (void)state;
    assert_string_equal(rules_area_name(ht), "Hà Tĩnh");
    assert_string_equal(rules_area_code(ht), "ha-tinh");
    assert_false(rules_area_is_district(ht));
    assert_false(rules_area_is_placeholder(ht));
    assert_null(rules_district(ht, 0));
    assert_int_equal(rules_area_years(ht, &years), 1);
    assert_int_equal(years[0], 2019);
    assert_int_equal(rules_dossier_check_days(ht), 0); /* the plan sets none */

    j = rules_area_json(ht, 2019);
    assert_non_null(j);
    assert_null(json_object_get(j, "valid_to")); /* Hà Tĩnh unchanged in 2025 */
    assert_null(json_object_get(j, "merged_into"));
    plan = json_object_get(json_array_get(json_object_get(j, "years"), 0), "plan");
    assert_non_null(plan);
    assert_string_equal(json_string_value(json_object_get(plan, "status")), "dự thảo");
    assert_string_equal(json_string_value(json_object_get(plan, "issuer")),
                        "Ủy ban nhân dân tỉnh Hà Tĩnh");
    assert_non_null(strstr(json_string_value(json_object_get(plan, "implements")), "3292/QĐ-UBND"));
    assert_null(json_object_get(plan, "number")); /* a draft: no number, no date */
    assert_null(json_object_get(plan, "date"));
    json_decref(j);
}

/* ---- rounds: district 08/2019, province 10/2019 (II, Hoạt động 6.3) ---- */

static void rounds(void **state)
{
    const struct rules_round *r;

    (void)state;
    assert_int_equal(rules_rounds(ht, 2019, LEVEL_DISTRICT, &r), 1);
    round_is(2019, LEVEL_DISTRICT, 0, "2019-08-01", "2019-08-31", 1);
    assert_int_equal(rules_rounds(ht, 2019, LEVEL_PROVINCE, &r), 1);
    round_is(2019, LEVEL_PROVINCE, 0, "2019-10-01", "2019-10-31", 1);
    assert_int_equal(rules_rounds(ht, 2019, LEVEL_COMMUNE, &r), 0);
    assert_int_equal(rules_rounds(ht, 2019, LEVEL_CENTRAL, &r), 0);
    assert_int_equal(rules_rounds(ht, 2020, LEVEL_DISTRICT, &r), 0);

    assert_int_equal(open_round(LEVEL_DISTRICT, day("2019-07-31") + 86399), 0);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2019-08-01")), 1);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2019-08-31") + 86399), 1);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2019-09-01")), 0);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2019-10-15")), 0);
    assert_int_equal(open_round(LEVEL_PROVINCE, day("2019-08-15")), 0);
    assert_int_equal(open_round(LEVEL_PROVINCE, day("2019-09-30") + 86399), 0);
    assert_int_equal(open_round(LEVEL_PROVINCE, day("2019-10-01")), 1);
    assert_int_equal(open_round(LEVEL_PROVINCE, day("2019-10-31") + 86399), 1);
    assert_int_equal(open_round(LEVEL_PROVINCE, day("2019-11-01")), 0);
    assert_int_equal(open_round(LEVEL_COMMUNE, day("2019-08-15")), 0);
    assert_int_equal(open_round(LEVEL_DISTRICT, day("2020-08-15")), 0);
}

/* The district round starts before QĐ 1048 (21/8/2019); from then on the province
 * certifies 3–4★ and the district only scores and forwards 50+. */
static void regime_of_the_rounds(void **state)
{
    enum rules_regime g;
    struct rules_routing rt;

    (void)state;
    assert_int_equal(rules_regime_on(ht, day("2019-08-20"), &g), -1);
    assert_int_equal(rules_regime_on(ht, day("2019-08-21"), &g), 0);
    assert_int_equal(g, REGIME_1048);
    assert_int_equal(rules_routing_on(ht, day("2019-08-25"), LEVEL_DISTRICT, &rt), 0);
    assert_true(rt.scores);
    assert_int_equal(rt.certify_max, 0);
    assert_int_equal(rt.forward_min, 50);
    assert_int_equal(rules_routing_on(ht, day("2019-10-15"), LEVEL_PROVINCE, &rt), 0);
    assert_int_equal(rt.certify_min, 3);
    assert_int_equal(rt.certify_max, 4);
    assert_int_equal(rt.forward_min, 90);
}

/* ---- calendar ---- */

static void calendar(void **state)
{
    const struct rules_event *e;

    (void)state;
    assert_int_equal(rules_calendar(ht, 2019, &e), 10);
    event_is(0, "Hội nghị triển khai Đề án OCOP năm 2019 của tỉnh", "2019-02-01", "2019-02-28");
    event_is(1, "Kiện toàn Ban Chỉ đạo", "2019-03-01", "2019-03-31");
    event_is(2, "bộ máy tham mưu", "2019-03-01", "2019-03-31");
    event_is(3, "tổ giúp việc", "2019-03-01", "2019-03-31");
    event_is(4, "xét chọn", NULL, "2019-03-10");
    event_is(5, "cấp huyện, khởi đầu chu trình", NULL, "2019-03-20");
    event_is(6, "Hội đồng đánh giá và phân hạng sản phẩm cấp tỉnh", "2019-04-01", "2019-04-30");
    event_is(7, "Hội đồng đánh giá và phân hạng sản phẩm cấp huyện", "2019-04-01", "2019-04-30");
    event_is(8, "tập huấn", NULL, "2019-05-31");
    event_is(9, "Hội chợ OCOP lần thứ nhất", "2019-11-01", "2019-11-30");
    assert_string_equal(e[9].who, "Sở Công Thương chủ trì, phối hợp Văn phòng Điều phối nông "
                                  "thôn mới tỉnh");
    assert_int_equal(rules_calendar(ht, 2020, &e), 0);
}

/* ---- targets (I.3, II) ---- */

static void targets(void **state)
{
    const struct rules_target *t;

    (void)state;
    assert_int_equal(rules_targets(ht, 2019, &t), 18);
    target_is("products_entered", 60, -1, "tỉnh");
    target_is("products_certified", 25, -1, "tỉnh");
    target_is("products_standardised", 20, -1, "tỉnh");
    target_is("products_new", 5, -1, "tỉnh");
    target_is("products_3star", 10, -1, "tỉnh");
    target_is("orgs_upgraded", 30, -1, "tỉnh");
    target_is("orgs_new", 10, -1, "tỉnh");
    target_is("trained_pct", 100, 100, "tỉnh");
    target_is("sales_points", 1, 2, "tỉnh");
    target_is("partner_conferences", 1, 2, "tỉnh");
    target_is("thematic_sessions", 1, 2, "tỉnh");
    target_is("central_models_tourism", 3, 3, "tỉnh");
    target_is("central_model_centre", 1, 1, "tỉnh");
    target_is("province_models", 10, 10, "tỉnh");
    target_is("district_models", 3, 3, "huyện, thành phố");
    target_is("town_models", 2, 2, "thị xã");
    target_is("priority_projects", 1, 2, "tỉnh");
    target_is("science_topics", 1, 2, "tỉnh");
    assert_string_equal(rules_target(ht, 2019, "trained_pct")->unit, "%");
    /* the plan's arithmetic: 20 standardised + 5 new = 25 certified */
    assert_int_equal(rules_target(ht, 2019, "products_standardised")->min +
                         rules_target(ht, 2019, "products_new")->min,
                     rules_target(ht, 2019, "products_certified")->min);
    assert_null(rules_target(ht, 2019, "budget"));
    assert_null(rules_target(ht, 2020, "products_entered"));
}

/* ---- budget: III names sources, no figure ---- */

static void budget(void **state)
{
    const struct rules_budget_line *b;
    int64_t total = 0;

    (void)state;
    assert_int_equal(rules_budget(ht, 2019, &b, &total), 0);
    assert_int_equal(total, -1);
    assert_int_equal(rules_budget(ht, 2020, &b, &total), 0);
    assert_int_equal(total, -1);
}

/* ---- reports (II, Hoạt động 13.1): monthly, the 15th and the 20th ---- */

static void reports(void **state)
{
    const struct rules_report *r;
    const struct rules_report *due = NULL;
    int64_t when;

    (void)state;
    assert_int_equal(rules_reports(ht, 2019, &r), 2);
    assert_int_equal(r[0].every, PERIOD_MONTH);
    assert_int_equal(r[0].day, 15);
    assert_string_equal(r[0].from, "Các tổ chức, cá nhân sản xuất sản phẩm OCOP");
    assert_string_equal(r[0].to, "Ban Chỉ đạo Chương trình OCOP các huyện, thị xã, thành phố");
    assert_int_equal(r[1].every, PERIOD_MONTH);
    assert_int_equal(r[1].day, 20);
    assert_string_equal(r[1].from, "Ủy ban nhân dân các huyện, thị xã, thành phố");
    assert_string_equal(r[1].to, "Ban Chỉ đạo Chương trình OCOP tỉnh");

    next_report_is("2019-03-01", "2019-03-15", 15);
    next_report_is("2019-03-15", "2019-03-15", 15);
    next_report_is("2019-03-16", "2019-03-20", 20);
    next_report_is("2019-03-20", "2019-03-20", 20);
    next_report_is("2019-03-21", "2019-04-15", 15);
    next_report_is("2019-02-16", "2019-02-20", 20);
    next_report_is("2019-12-21", "2020-01-15", 15);
    assert_int_equal(rules_next_report(ht, day("2020-01-05"), &due, &when), -1); /* no 2020 */
}

/* ---- support ---- */

/* OCOP.md §7.3 (W23): 30 M VND per 3★ product, 50 M per 4★, after the province's
 * recognition, once per product; nothing stated for re-evaluation or upgrade. */
static void star_reward(void **state)
{
    const struct rules_product p3 = product(3, 0, LEVEL_PROVINCE, "2019-10-25");
    const struct rules_product p4 = product(4, 0, LEVEL_PROVINCE, "2019-10-25");
    const struct rules_payment paid[] = {
        {"HT-001", "cam", "HTX Cam Vũ Quang", SUPPORT_STAR_REWARD, 30000000, day("2019-11-20")},
    };
    const struct rules_payment other[] = {
        {"HT-002", "cam", "HTX Cam Vũ Quang", SUPPORT_STAR_REWARD, 30000000, day("2019-11-20")},
        {"HT-001", "cam", "HTX Cam Vũ Quang", SUPPORT_TRADEMARK, 5000000, day("2019-06-01")},
    };
    struct rules_verdict v;

    (void)state;
    v = pay("2019-11-20", p3, SUPPORT_STAR_REWARD, 30000000, NULL, 0);
    assert_true(v.ok);
    assert_int_equal(v.limit, 30000000);
    v = pay("2019-11-20", p3, SUPPORT_STAR_REWARD, 30000001, NULL, 0);
    assert_false(v.ok);
    assert_int_equal(v.limit, 30000000);
    assert_true(pay("2019-11-20", p4, SUPPORT_STAR_REWARD, 50000000, NULL, 0).ok);
    v = pay("2019-11-20", p4, SUPPORT_STAR_REWARD, 50000001, NULL, 0);
    assert_false(v.ok);
    assert_int_equal(v.limit, 50000000);

    /* min_stars 3 */
    v = pay("2019-11-20", product(2, 0, LEVEL_PROVINCE, "2019-10-25"), SUPPORT_STAR_REWARD, 1000000,
            NULL, 0);
    assert_false(v.ok);
    assert_non_null(strstr(v.reason, "từ 3 sao"));
    /* after the recognition decision, by the province */
    assert_false(pay("2019-11-20", product(3, 0, LEVEL_PROVINCE, NULL), SUPPORT_STAR_REWARD,
                     30000000, NULL, 0)
                     .ok);
    assert_false(pay("2019-10-24", p3, SUPPORT_STAR_REWARD, 30000000, NULL, 0).ok);
    assert_true(pay("2019-10-25", p3, SUPPORT_STAR_REWARD, 30000000, NULL, 0).ok);
    assert_false(pay("2019-11-20", product(3, 0, LEVEL_DISTRICT, "2019-10-25"), SUPPORT_STAR_REWARD,
                     30000000, NULL, 0)
                     .ok);
    /* 5★ is recognised centrally and has no amount */
    assert_false(pay("2019-12-20", product(5, 0, LEVEL_CENTRAL, "2019-12-01"), SUPPORT_STAR_REWARD,
                     1, NULL, 0)
                     .ok);
    assert_false(pay("2019-12-20", product(5, 0, LEVEL_PROVINCE, "2019-12-01"), SUPPORT_STAR_REWARD,
                     1, NULL, 0)
                     .ok);
    /* only first recognition has an amount: no re-evaluation or upgrade reward */
    assert_false(pay("2019-11-20", product(4, 3, LEVEL_PROVINCE, "2019-10-25"), SUPPORT_STAR_REWARD,
                     1, NULL, 0)
                     .ok);
    assert_false(pay("2019-11-20", product(3, 3, LEVEL_PROVINCE, "2019-10-25"), SUPPORT_STAR_REWARD,
                     1, NULL, 0)
                     .ok);
    /* once per product; another product's reward or another category does not count */
    v = pay("2019-12-01", p3, SUPPORT_STAR_REWARD, 1, paid, 1);
    assert_false(v.ok);
    assert_non_null(strstr(v.reason, "một lần"));
    assert_true(pay("2019-12-01", p3, SUPPORT_STAR_REWARD, 30000000, other, 2).ok);
    /* the rule is the 2019 one: a payment dated 2020 has no rule (no 2020 rules) */
    v = pay("2020-02-13", p3, SUPPORT_STAR_REWARD, 30000000, NULL, 0);
    assert_false(v.ok);
    assert_non_null(strstr(v.reason, "Năm 2020"));
}

/* II, Hoạt động 4, 7, 11.1: trademark registration, brand consultancy, training and trade
 * promotion, without amount or star condition; nothing else. */
static void support_categories(void **state)
{
    const struct rules_product none = product(0, 0, LEVEL_DISTRICT, NULL);
    const struct rules_product p3 = product(3, 0, LEVEL_PROVINCE, "2019-10-25");
    struct rules_verdict v;

    (void)state;
    v = pay("2019-06-01", none, SUPPORT_TRADEMARK, 5000000, NULL, 0);
    assert_true(v.ok);
    assert_int_equal(v.limit, -1); /* no cap stated */
    assert_true(pay("2019-06-01", none, SUPPORT_CONSULTING, 5000000, NULL, 0).ok);
    assert_true(pay("2019-06-01", none, SUPPORT_TRAINING, 5000000, NULL, 0).ok);
    assert_true(pay("2019-11-15", none, SUPPORT_TRADE_PROMOTION, 5000000, NULL, 0).ok);
    assert_true(pay("2019-11-15", p3, SUPPORT_TRADEMARK, 100000000, NULL, 0).ok);

    v = pay("2019-11-20", p3, SUPPORT_PACKAGING, 1, NULL, 0);
    assert_false(v.ok);
    assert_non_null(strstr(v.reason, "không có quy định"));
    assert_false(pay("2019-11-20", p3, SUPPORT_QUALITY_TEST, 1, NULL, 0).ok);
    assert_false(pay("2019-11-20", p3, SUPPORT_CERTIFICATION, 1, NULL, 0).ok);
    assert_false(pay("2019-11-20", p3, SUPPORT_SALES_POINT, 1, NULL, 0).ok);

    /* outside 2019 there are no Hà Tĩnh support rules */
    assert_false(pay("2018-12-31", none, SUPPORT_TRADEMARK, 1, NULL, 0).ok);
    assert_false(pay("2020-01-01", none, SUPPORT_TRADEMARK, 1, NULL, 0).ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(area_and_plan),
        cmocka_unit_test(rounds),
        cmocka_unit_test(regime_of_the_rounds),
        cmocka_unit_test(calendar),
        cmocka_unit_test(targets),
        cmocka_unit_test(budget),
        cmocka_unit_test(reports),
        cmocka_unit_test(star_reward),
        cmocka_unit_test(support_categories),
    };

    return cmocka_run_group_tests_name("plan_ha_tinh", tests, setup, teardown);
}
