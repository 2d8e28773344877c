/*
 * test_plan_ha_giang.c — the Hà Giang rules (lua/provinces/ha-giang.lua) against the 2020
 * plan (S0, shared/plans/000_…), through the C API of rules.h: district rounds in 5/2020
 * and 9/2020, provincial rounds in 6/2020 and 10/2020; every line of the 23,690 million
 * VND budget (province 2,900, districts 20,790); and the support rule of §II.9.1 —
 * packaging and quality testing only after the province recognised 3★ or more, at most 2
 * product codes per product type per economic organisation.
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
static const struct rules_area *hg;

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
    hg = reg ? rules_get(reg, "ha-giang") : NULL;
    if (hg == NULL)
        print_error("no rules for ha-giang: %s\n", reg ? rules_last_error(reg, "ha-giang") : "");
    return hg ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rules_close(reg);
    return 0;
}

static void round_is(enum rules_level lv, size_t i, const char *open, const char *close)
{
    const struct rules_round *r;
    size_t n = rules_rounds(hg, 2020, lv, &r);

    if (i >= n)
        fail_msg("no round %zu at %s", i + 1, rules_level_names[lv]);
    assert_int_equal(r[i].open, day(open));
    assert_int_equal(r[i].close, day(close));
}

static void rounds(void **state)
{
    (void)state;
    round_is(LEVEL_DISTRICT, 0, "2020-05-01", "2020-05-31");
    round_is(LEVEL_DISTRICT, 1, "2020-09-01", "2020-09-30");
    round_is(LEVEL_PROVINCE, 0, "2020-06-01", "2020-06-30");
    round_is(LEVEL_PROVINCE, 1, "2020-10-01", "2020-10-31");
    assert_null(rules_round_open(hg, LEVEL_DISTRICT, day("2020-06-15")));
    assert_int_equal(rules_round_open(hg, LEVEL_PROVINCE, day("2020-06-15"))->number, 1);
    assert_int_equal(rules_round_open(hg, LEVEL_DISTRICT, day("2020-09-30"))->number, 2);
    assert_null(rules_round_open(hg, LEVEL_PROVINCE, day("2020-11-01")));
}

static int64_t line(const char *code)
{
    const struct rules_budget_line *b;
    int64_t total;
    size_t n = rules_budget(hg, 2020, &b, &total);

    for (size_t i = 0; i < n; i++)
        if (b[i].code && !strcmp(b[i].code, code))
            return b[i].amount;
    fail_msg("no budget line %s", code);
    return -1;
}

static void budget(void **state)
{
    static const struct {
        const char *code;
        int64_t million;
    } lines[] = {{"I", 2900},     {"I.1", 150},     {"I.2", 250},   {"I.3", 1000},
                 {"I.4", 250},    {"I.5", 200},     {"I.6", 100},   {"I.7", 250},
                 {"I.8", 200},    {"I.9", 150},     {"I.10", 100},  {"I.11", 50},
                 {"I.12", 200},   {"II", 20790},    {"II.1", 7150}, {"II.1.a", 5500},
                 {"II.1.b", 550}, {"II.1.c", 1100}, {"II.2", 13640}};
    const struct rules_budget_line *b;
    int64_t total;

    (void)state;
    assert_int_equal(rules_budget(hg, 2020, &b, &total), sizeof(lines) / sizeof(lines[0]));
    assert_int_equal(total, 23690000000LL);
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
        if (line(lines[i].code) != lines[i].million * 1000000)
            fail_msg("line %s: %lld", lines[i].code, (long long)line(lines[i].code));
}

static struct rules_verdict pay(enum support_category cat, int stars, enum rules_level by,
                                const char *date, const struct rules_payment *h, size_t n)
{
    const struct rules_product p = {"MO-1", "mật ong", "HTX-1", "I.2.b",
                                    stars,  0,         by,      day("2020-10-15")};
    struct rules_verdict v;

    assert_int_equal(rules_support_allowed(hg, day(date), &p, cat, 5000000, h, n, &v), 0);
    return v;
}

static void support(void **state)
{
    const struct rules_payment two[] = {
        {"MO-2", "mật ong", "HTX-1", SUPPORT_PACKAGING, 5000000, day("2020-11-01")},
        {"MO-3", "mật ong", "HTX-1", SUPPORT_QUALITY_TEST, 5000000, day("2020-11-01")},
        {"CHE-1", "chè", "HTX-1", SUPPORT_PACKAGING, 5000000, day("2020-11-01")},
        {"MO-9", "mật ong", "HTX-2", SUPPORT_PACKAGING, 5000000, day("2020-11-01")},
    };
    struct rules_verdict v;

    (void)state;
    assert_true(pay(SUPPORT_PACKAGING, 3, LEVEL_PROVINCE, "2020-11-01", NULL, 0).ok);
    assert_true(pay(SUPPORT_QUALITY_TEST, 4, LEVEL_PROVINCE, "2020-11-01", NULL, 0).ok);
    v = pay(SUPPORT_PACKAGING, 2, LEVEL_PROVINCE, "2020-11-01", NULL, 0);
    assert_false(v.ok);
    assert_non_null(strstr(v.reason, "từ 3 sao"));
    assert_false(pay(SUPPORT_PACKAGING, 3, LEVEL_DISTRICT, "2020-11-01", NULL, 0).ok);
    assert_false(pay(SUPPORT_PACKAGING, 3, LEVEL_PROVINCE, "2020-10-14", NULL, 0).ok);
    assert_true(pay(SUPPORT_PACKAGING, 3, LEVEL_PROVINCE, "2020-11-01", two, 1).ok);
    v = pay(SUPPORT_PACKAGING, 3, LEVEL_PROVINCE, "2020-11-01", two, 2);
    assert_false(v.ok);
    assert_non_null(strstr(v.reason, "tối đa 2 mã"));
    /* other types and other organisations do not count */
    assert_true(pay(SUPPORT_PACKAGING, 3, LEVEL_PROVINCE, "2020-11-01", two + 2, 2).ok);
    assert_false(pay(SUPPORT_TRADE_PROMOTION, 3, LEVEL_PROVINCE, "2020-11-01", NULL, 0).ok);
}

/* The plan's dated steps, 000 §II.1, §II.3, §II.5.1, §II.7, §II.8, §IV (districts). */
static void calendar(void **state)
{
    (void)state;
    plan_event_named(hg, 2020, "Kiện toàn bộ máy chỉ đạo OCOP", "2020-01-01", "2020-06-30");
    plan_event_named(hg, 2020, "Đoàn công tác học tập kinh nghiệm", "2020-03-01", "2020-03-31");
    plan_event_named(hg, 2020, "Hội nghị triển khai Chương trình OCOP từ cấp huyện", "2020-01-01",
                     "2020-03-31");
    plan_event_named(hg, 2020, "Hoàn thiện hồ sơ đề nghị Hội đồng đánh giá cấp tỉnh", NULL,
                     "2020-05-30"); /* trước ngày 30/5/2020 */
    plan_event_named(hg, 2020, "Tổ chức đăng ký, tiếp nhận phiếu ý tưởng", "2020-03-01",
                     "2020-03-31");
    plan_event_named(hg, 2020, "Xúc tiến thương mại", "2020-10-01", "2020-12-31");
    plan_event_named(hg, 2020, "Hội nghị sơ kết", "2020-12-01", "2020-12-31");
}

/* Hà Giang joined Tuyên Quang on 1/7/2025 (OCOP.md §1). */
static void merged(void **state)
{
    json_t *j = rules_area_json(hg, 0);

    (void)state;
    assert_string_equal(json_string_value(json_object_get(j, "merged_into")), "tuyen-quang");
    assert_string_equal(json_string_value(json_object_get(j, "valid_to")), "2025-06-30");
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rounds),   cmocka_unit_test(budget), cmocka_unit_test(support),
        cmocka_unit_test(calendar), cmocka_unit_test(merged),
    };

    return cmocka_run_group_tests_name("plan_ha_giang", tests, setup, teardown);
}
