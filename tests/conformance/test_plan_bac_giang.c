/*
 * test_plan_bac_giang.c — the Bắc Giang rules (lua/provinces/bac-giang.lua) against plan
 * 4130/KH-UBND of 19/11/2019 (S4, shared/plans/004_…) and OCOP.md §7.3, through the C API
 * of rules.h: two district rounds closing 15/7 and 10/11/2020 and two provincial rounds
 * closing 30/7 and 10/12/2020 (no opening day stated); reports before 15/6 and 15/11;
 * every line of the 5,000,000,000 VND budget; the targets; and the 2024–2025 rewards per
 * star (first, re-evaluation keeping the stars, upgrade).
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
static const struct rules_area *bg;

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
    bg = reg ? rules_get(reg, "bac-giang") : NULL;
    if (bg == NULL)
        print_error("no rules for bac-giang: %s\n", reg ? rules_last_error(reg, "bac-giang") : "");
    return bg ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rules_close(reg);
    return 0;
}

static void closes(enum rules_level lv, size_t i, const char *close)
{
    const struct rules_round *r;
    size_t n = rules_rounds(bg, 2020, lv, &r);

    if (i >= n)
        fail_msg("no round %zu at %s", i + 1, rules_level_names[lv]);
    assert_int_equal(r[i].close, day(close));
    assert_false(r[i].open_stated);
}

static void rounds(void **state)
{
    const struct rules_round *r;

    (void)state;
    assert_int_equal(rules_rounds(bg, 2020, LEVEL_DISTRICT, &r), 2);
    assert_int_equal(rules_rounds(bg, 2020, LEVEL_PROVINCE, &r), 2);
    closes(LEVEL_DISTRICT, 0, "2020-07-15");
    closes(LEVEL_DISTRICT, 1, "2020-11-10");
    closes(LEVEL_PROVINCE, 0, "2020-07-30");
    closes(LEVEL_PROVINCE, 1, "2020-12-10");
    assert_int_equal(rules_round_open(bg, LEVEL_DISTRICT, day("2020-11-10"))->number, 2);
    assert_null(rules_round_open(bg, LEVEL_DISTRICT, day("2020-11-11")));
    assert_int_equal(rules_round_open(bg, LEVEL_PROVINCE, day("2020-12-10"))->number, 2);
    assert_null(rules_round_open(bg, LEVEL_PROVINCE, day("2020-12-11")));
}

/* The plan's dated activities, 004 §II.2, §II.3, §II.4, §II.5.2, §II.7.1, §II.7.3. */
static void calendar(void **state)
{
    (void)state;
    plan_event_named(bg, 2020, "Tập huấn, bồi dưỡng", "2020-04-01", "2020-12-31");
    plan_event_named(bg, 2020, "Học tập kinh nghiệm ngoài tỉnh", "2020-04-01", "2020-09-30");
    plan_event_named(bg, 2020, "Xúc tiến thương mại", "2020-01-01", "2020-12-31");
    plan_event_named(bg, 2020, "Hỗ trợ tiêu chuẩn hóa", "2020-04-01", "2020-12-31");
    plan_event_named(bg, 2020, "Đăng ký, tiếp nhận ý tưởng", "2020-03-01", "2020-03-31");
    plan_event_named(bg, 2020, "Lễ công bố", NULL, "2020-12-30"); /* xong trước 30/12/2020 */
}

static void reports(void **state)
{
    const struct rules_report *r;
    int64_t due;

    (void)state;
    assert_int_equal(rules_next_report(bg, day("2020-06-01"), &r, &due), 0);
    assert_int_equal(due, day("2020-06-15"));
    assert_int_equal(rules_next_report(bg, day("2020-06-16"), &r, &due), 0);
    assert_int_equal(due, day("2020-11-15"));
}

static int64_t line(const char *code)
{
    const struct rules_budget_line *b;
    int64_t total;
    size_t n = rules_budget(bg, 2020, &b, &total);

    for (size_t i = 0; i < n; i++)
        if (b[i].code && !strcmp(b[i].code, code))
            return b[i].amount;
    fail_msg("no budget line %s", code);
    return -1;
}

static void budget(void **state)
{
    const struct rules_budget_line *b;
    int64_t total;

    (void)state;
    assert_int_equal(rules_budget(bg, 2020, &b, &total), 16);
    assert_int_equal(total, 5000000000LL);
    assert_int_equal(line("I"), 4000000000LL);
    assert_int_equal(line("I.1"), 330000000);
    assert_int_equal(line("I.2"), 523000000);
    assert_int_equal(line("I.2.1"), 208300000);
    assert_int_equal(line("I.2.2"), 208300000);
    assert_int_equal(line("I.2.3"), 106400000);
    assert_int_equal(line("I.3"), 123500000);
    assert_int_equal(line("I.4"), 400000000);
    assert_int_equal(line("I.5"), 807000000);
    assert_int_equal(line("I.6"), 1200000000);
    assert_int_equal(line("I.7"), 295000000);
    assert_int_equal(line("I.8"), 55000000);
    assert_int_equal(line("I.9"), 52000000);
    assert_int_equal(line("I.10"), 44500000);
    assert_int_equal(line("I.11"), 170000000);
    assert_int_equal(line("II"), 1000000000);
}

static void targets(void **state)
{
    (void)state;
    assert_int_equal(rules_target(bg, 2020, "ideas_per_district")->min, 3);
    assert_int_equal(rules_target(bg, 2020, "ideas_per_district")->max, 4);
    assert_int_equal(rules_target(bg, 2020, "products_consulted")->max, 30);
    assert_true(rules_target(bg, 2020, "products_standardised")->approx);
    assert_int_equal(rules_target(bg, 2020, "officials_trained")->min, 90);
    assert_int_equal(rules_target(bg, 2020, "producers_trained")->max, 200);
    assert_int_equal(rules_target(bg, 2020, "fairs_outside")->min, 3);
    assert_int_equal(rules_target(bg, 2020, "fairs_outside")->max, 4);
}

static struct rules_verdict reward(const char *date, int stars, int prev, int64_t amount)
{
    const struct rules_product p = {"SP",  "vải", "HTX",          "I.1.a",
                                    stars, prev,  LEVEL_PROVINCE, day("2024-03-01")};
    struct rules_verdict v;

    assert_int_equal(
        rules_support_allowed(bg, day(date), &p, SUPPORT_STAR_REWARD, amount, NULL, 0, &v), 0);
    return v;
}

static void rewards_2024_2025(void **state)
{
    (void)state;
    assert_true(reward("2024-06-01", 3, 0, 50000000).ok);
    assert_false(reward("2024-06-01", 3, 0, 50000001).ok);
    assert_true(reward("2024-06-01", 4, 0, 150000000).ok);
    assert_true(reward("2025-06-01", 5, 0, 300000000).ok);
    assert_true(reward("2024-06-01", 3, 3, 20000000).ok); /* keeping 3★ */
    assert_false(reward("2024-06-01", 3, 3, 20000001).ok);
    assert_true(reward("2024-06-01", 4, 4, 60000000).ok);  /* keeping 4★ */
    assert_true(reward("2024-06-01", 4, 3, 150000000).ok); /* upgrade to 4★ */
    assert_true(reward("2025-06-01", 5, 4, 300000000).ok); /* upgrade to 5★ */
    assert_false(reward("2024-02-01", 4, 0, 1).ok);        /* before the decision */
    assert_false(reward("2020-06-01", 4, 0, 1).ok);        /* no reward in 2020 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rounds), cmocka_unit_test(calendar), cmocka_unit_test(reports),
        cmocka_unit_test(budget), cmocka_unit_test(targets),  cmocka_unit_test(rewards_2024_2025),
    };

    return cmocka_run_group_tests_name("plan_bac_giang", tests, setup, teardown);
}
