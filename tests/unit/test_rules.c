/*
 * test_rules.c — the rules registry over a small tree (tests/data/rules/tree, copied to
 * a temp folder so the tests can edit it): the cascade, the typed answers, support
 * verdicts, reload on change, and every hostile file of tests/data/rules/hostile
 * refused with file:line while the last good rules keep serving.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "rules.h"
#include "util.h"

static char dir[64];
static struct rules *reg;

static int64_t day(const char *s)
{
    int64_t t = 0;

    if (parse_date(s, &t) != 0)
        fail_msg("bad date in test: %s", s);
    return t;
}

static void run(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    if (system(cmd) != 0)
        fail_msg("failed: %s", cmd);
}

static int setup(void **state)
{
    struct rules_limits lim = {.interval_ms = 1};

    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/ocop-rules-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    run("cp -R tests/data/rules/tree/. %s/", dir);
    reg = rules_open(dir, &lim);
    return reg ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rules_close(reg);
    run("rm -rf %s", dir);
    return 0;
}

static const struct rules_area *area(const char *code)
{
    const struct rules_area *a = rules_get(reg, code);

    if (a == NULL)
        fail_msg("no rules for %s: %s", code, rules_last_error(reg, "tinh-a") ?: "");
    return a;
}

static void codes(void **state)
{
    (void)state;
    assert_non_null(area("tinh-a"));
    assert_non_null(area("tinh-a/huyen-b"));
    assert_null(rules_get(reg, "tinh-x"));
    assert_null(rules_get(reg, "tinh-a/huyen-x"));
    assert_null(rules_get(reg, "../tinh-a"));
    assert_null(rules_get(reg, "Tinh-A"));
    assert_null(rules_get(reg, "tinh-a/"));
    assert_null(rules_get(reg, ""));
    assert_int_equal(rules_reload(reg, "tinh-a/huyen-b"), RULES_EAREA);
    assert_int_equal(rules_reload(reg, "tinh-x"), RULES_ENOENT);
}

static void cascade(void **state)
{
    const struct rules_area *p = area("tinh-a"), *d = area("tinh-a/huyen-b");
    const struct rules_round *r;

    (void)state;
    assert_string_equal(rules_area_name(p), "Tỉnh A");
    assert_string_equal(rules_area_name(d), "Huyện B");
    assert_true(rules_area_is_district(d));
    assert_int_equal(rules_dossier_check_days(d), 3);
    assert_int_equal(rules_dossier_check_days(p), 0);
    /* the district replaces the province's district rounds, keeps its provincial ones */
    assert_int_equal(rules_rounds(d, 2020, LEVEL_DISTRICT, &r), 1);
    assert_int_equal(r[0].open, day("2020-03-01"));
    assert_int_equal(rules_rounds(d, 2020, LEVEL_PROVINCE, &r), 1);
    assert_int_equal(r[0].close, day("2020-12-10"));
    assert_int_equal(rules_certificate_months(d), 36);
    assert_int_equal(rules_samples(d), 5);
}

static void rounds(void **state)
{
    const struct rules_area *a = area("tinh-a");
    const struct rules_round *r;

    (void)state;
    assert_int_equal(rules_rounds(a, 2020, LEVEL_DISTRICT, &r), 2);
    assert_false(r[0].open_stated);
    assert_int_equal(r[0].open, day("2020-01-01"));
    assert_int_equal(r[0].close, day("2020-06-30"));
    assert_int_equal(r[1].number, 2);
    assert_int_equal(r[1].close, day("2020-11-10"));
    assert_null(rules_round_open(a, LEVEL_DISTRICT, day("2020-07-15")));
    assert_ptr_equal(rules_round_open(a, LEVEL_DISTRICT, day("2020-09-01")), &r[1]);
    assert_ptr_equal(rules_round_open(a, LEVEL_DISTRICT, day("2020-11-10") + 86399), &r[1]);
    assert_null(rules_round_open(a, LEVEL_DISTRICT, day("2020-11-11")));
    assert_int_equal(rules_rounds(a, 2021, LEVEL_DISTRICT, &r), 0);
}

static void regimes_and_stars(void **state)
{
    const struct rules_area *a = area("tinh-a");
    enum rules_regime g;
    struct rules_routing rt;

    (void)state;
    assert_int_equal(rules_regime_on(a, day("2019-08-20"), &g), -1);
    assert_int_equal(rules_regime_on(a, day("2019-08-21"), &g), 0);
    assert_int_equal(g, REGIME_1048);
    assert_int_equal(rules_regime_on(a, day("2025-07-06"), &g), 0);
    assert_int_equal(g, REGIME_148_1489);
    assert_int_equal(rules_star_band(a, 4999, 100), 2); /* 49.99 is not 50 */
    assert_int_equal(rules_star_band(a, 5000, 100), 3);
    assert_int_equal(rules_star_band(a, 270, 3), 5);
    assert_int_equal(rules_routing(a, REGIME_148, LEVEL_DISTRICT, &rt), 0);
    assert_int_equal(rt.certify_max, 3);
    assert_int_equal(rt.forward_min, 70);
    assert_int_equal(rules_routing_on(a, day("2025-07-01"), LEVEL_DISTRICT, &rt), 0);
    assert_true(rt.abolished);
    assert_int_equal(rules_certificate_until(a, day("2020-02-29")), day("2023-02-28"));
    assert_int_equal(rules_certificate_until(a, day("2020-03-15")), day("2023-03-14"));
}

static void documents_and_sheets(void **state)
{
    const struct rules_area *a = area("tinh-a");
    const struct rules_document *d[8];
    const struct rules_sheet *s;
    int best[3] = {1, 1, 1}, total = 0;

    (void)state;
    assert_int_equal(rules_documents(a, "1.1.1", REGIME_1048, LEVEL_DISTRICT, d, 8), 3);
    assert_string_equal(d[0]->code, "phieu_dang_ky");
    assert_string_equal(d[1]->code, "phuong_an");
    assert_string_equal(d[2]->code, "anh");
    assert_int_equal(rules_documents(a, "I.1", REGIME_148_1489, LEVEL_PROVINCE, d, 8), 2);
    assert_string_equal(d[1]->code, "bao_cao_xa");
    s = rules_sheet(a, REGIME_1048, "1.1.1");
    assert_non_null(s);
    assert_string_equal(s->code, "thu-tuoi");
    assert_true(s->illustrative);
    assert_int_equal(s->ncriteria, 3);
    assert_int_equal(rules_sheet_total(s, best, 3, &total), 0);
    assert_int_equal(total, 100);
    best[1] = 2;
    assert_int_equal(rules_sheet_total(s, best, 3, &total), -1);
    assert_int_equal(rules_sheet_total(s, best, 2, &total), -1);
    assert_int_equal(s->ngates, 1);
    assert_null(rules_sheet(a, REGIME_148, "I.1")); /* no sheet, no default */
}

static void plan_figures(void **state)
{
    const struct rules_area *a = area("tinh-a");
    const struct rules_budget_line *b;
    const struct rules_report *rep;
    int64_t total, due;

    (void)state;
    assert_int_equal(rules_budget(a, 2020, &b, &total), 4);
    assert_int_equal(total, 300000000);
    assert_string_equal(b[2].label, "Hai a");
    assert_int_equal(b[2].depth, 1);
    assert_int_equal(b[2].parent, 1);
    assert_int_equal(rules_target(a, 2020, "products_entered")->min, 60);
    assert_null(rules_target(a, 2020, "nothing"));
    assert_int_equal(rules_next_report(a, day("2020-03-16"), &rep, &due), 0);
    assert_int_equal(due, day("2020-04-15"));
}

static struct rules_verdict verdict(const char *date, int stars, int64_t recognised,
                                    enum support_category cat, int64_t amount,
                                    const struct rules_payment *h, size_t n)
{
    const struct rules_product p = {"SP-1", "mật ong", "HTX A",        "1.1.1",
                                    stars,  0,         LEVEL_PROVINCE, recognised};
    struct rules_verdict v;

    assert_int_equal(
        rules_support_allowed(area("tinh-a/huyen-b"), day(date), &p, cat, amount, h, n, &v), 0);
    return v;
}

static void support(void **state)
{
    const int64_t rec = day("2020-05-01");
    const struct rules_payment two[] = {
        {"SP-2", "mật ong", "HTX A", SUPPORT_PACKAGING, 1000000, day("2020-02-01")},
        {"SP-3", "mật ong", "HTX A", SUPPORT_PACKAGING, 1000000, day("2020-02-01")},
        {"SP-2", "mật ong", "HTX A", SUPPORT_QUALITY_TEST, 1000000, day("2020-02-01")},
    };
    const struct rules_payment paid[] = {
        {"SP-1", "mật ong", "HTX A", SUPPORT_PACKAGING, 25000000, day("2020-06-01")},
    };
    struct rules_verdict v;

    (void)state;
    v = verdict("2020-06-01", 2, rec, SUPPORT_PACKAGING, 1000000, NULL, 0);
    assert_false(v.ok);
    assert_non_null(strstr(v.reason, "từ 3 sao"));
    assert_false(verdict("2020-06-01", 3, 0, SUPPORT_PACKAGING, 1000000, NULL, 0).ok);
    assert_false(verdict("2020-04-30", 3, rec, SUPPORT_PACKAGING, 1000000, NULL, 0).ok);
    assert_true(verdict("2020-06-01", 3, rec, SUPPORT_PACKAGING, 1000000, NULL, 0).ok);
    assert_true(verdict("2020-06-01", 3, rec, SUPPORT_PACKAGING, 1000000, two, 1).ok);
    v = verdict("2020-06-01", 3, rec, SUPPORT_PACKAGING, 1000000, two, 3);
    assert_false(v.ok);
    assert_non_null(strstr(v.reason, "tối đa 2 mã"));
    v = verdict("2020-07-01", 4, rec, SUPPORT_PACKAGING, 10000000, paid, 1);
    assert_false(v.ok);
    assert_int_equal(v.limit, 5000000);
    assert_true(verdict("2020-07-01", 4, rec, SUPPORT_PACKAGING, 5000000, paid, 1).ok);
    v = verdict("2020-06-01", 3, rec, SUPPORT_PACKAGING, 12345, NULL, 0);
    assert_false(v.ok);
    assert_string_equal(v.reason, "Số tiền thử bị từ chối"); /* the province's own rule */
    assert_true(verdict("2020-06-01", 3, rec, SUPPORT_STAR_REWARD, 10000000, NULL, 0).ok);
    v = verdict("2020-06-01", 3, rec, SUPPORT_STAR_REWARD, 10000001, NULL, 0);
    assert_false(v.ok);
    assert_int_equal(v.limit, 10000000);
    assert_false(verdict("2020-06-01", 5, rec, SUPPORT_STAR_REWARD, 1, NULL, 0).ok);
    assert_false(verdict("2020-06-01", 3, rec, SUPPORT_TRAINING, 1, NULL, 0).ok);
    /* 2021 has no year table: the top-level packaging rule holds, no star reward */
    assert_true(verdict("2021-06-01", 3, rec, SUPPORT_PACKAGING, 1000000, NULL, 0).ok);
    assert_false(verdict("2021-06-01", 3, rec, SUPPORT_STAR_REWARD, 1, NULL, 0).ok);
}

static void bad_support_input(void **state)
{
    struct rules_product p = {"SP-1", "mật ong", "HTX A", "1.1.1", 9, 0, LEVEL_PROVINCE, 0};
    struct rules_verdict v;

    (void)state;
    assert_int_equal(rules_support_allowed(area("tinh-a"), day("2020-06-01"), &p, SUPPORT_PACKAGING,
                                           1, NULL, 0, &v),
                     -1);
    p.stars = 3;
    p.org = "HTX\x01";
    assert_int_equal(rules_support_allowed(area("tinh-a"), day("2020-06-01"), &p, SUPPORT_PACKAGING,
                                           1, NULL, 0, &v),
                     -1);
    p.org = "HTX A";
    assert_int_equal(rules_support_allowed(area("tinh-a"), day("2020-06-01"), &p, SUPPORT_PACKAGING,
                                           -1, NULL, 0, &v),
                     -1);
    assert_int_equal(rules_support_allowed(area("tinh-a"), day("2020-06-01"), &p,
                                           (enum support_category)99, 1, NULL, 0, &v),
                     -1);
}

/* req.rule: the category's declared fields, a fresh copy in each call (the rule of
 * tests/data/rules/tree/provinces/tinh-a.lua changes it and checks it). */
static void support_rule_copy(void **state)
{
    struct rules_product p = {"KIEM-TRA-RULE", "mật ong", "HTX A", "1.1.1", 3, 0,
                              LEVEL_PROVINCE,  0};
    struct rules_verdict v;

    (void)state;
    p.recognised = day("2020-05-01");
    for (int i = 0; i < 2; i++) {
        assert_int_equal(rules_support_allowed(area("tinh-a"), day("2020-06-01"), &p,
                                               SUPPORT_STAR_REWARD, 10000000, NULL, 0, &v),
                         0);
        if (!v.ok)
            fail_msg("call %d refused: %s", i + 1, v.reason);
    }
}

static void target_is(int64_t want)
{
    const struct rules_target *t = rules_target(area("tinh-a"), 2020, "products_entered");

    assert_non_null(t);
    assert_int_equal(t->min, want);
}

static void edit_province(const char *from, const char *to)
{
    run("sed -i 's/%s/%s/' %s/provinces/tinh-a.lua", from, to, dir);
}

static void reload(void **state)
{
    (void)state;
    target_is(60);
    edit_province("min = 60", "min = 70");
    usleep(2000);
    target_is(70); /* in force on the next request */
    edit_province("min = 70", "min = \"bảy mươi\"");
    usleep(2000);
    target_is(70); /* a broken edit: the old rules keep serving */
    assert_non_null(rules_last_error(reg, "tinh-a"));
    assert_non_null(strstr(rules_last_error(reg, "tinh-a"), "provinces/tinh-a.lua:13: "
                                                            "years[2020].targets[1].min"));
    edit_province("min = \"bảy mươi\"", "min = 80");
    usleep(2000);
    target_is(80);
    assert_null(rules_last_error(reg, "tinh-a"));
}

static const struct {
    const char *file, *want;
} hostile[] = {
    {"exec", "tinh-a.lua:2: attempt to call a nil value (field 'execute')"},
    {"io", "tinh-a.lua:2: attempt to index a nil value (global 'io')"},
    {"require", "tinh-a.lua:2: attempt to call a nil value (global 'require')"},
    {"bytecode", "tinh-a.lua:2: attempt to call a nil value (global 'load')"},
    {"dump", "tinh-a.lua:2: attempt to call a nil value (field 'dump')"},
    {"loop", "tinh-a.lua:2: instruction budget exceeded"},
    {"pcall_loop", "tinh-a.lua:2: instruction budget exceeded"},
    {"rep_bomb", "tinh-a.lua:2: resulting string too large"},
    {"recursion", "tinh-a.lua:2: not enough memory"},
    {"setmeta_env", "tinh-a.lua:2: cannot change a protected metatable"},
    {"string_meta", "tinh-a.lua:2: attempt to index a boolean value"},
    {"syntax", "tinh-a.lua:2: unexpected symbol near ','"},
    {"pattern", "tinh-a.lua:2: pattern too costly"},
    {"gc", "tinh-a.lua:2: __gc metamethods are not allowed"},
    {"wrong_type", "tinh-a.lua:4: samples: expected a whole number, got string"},
    {"missing_field", "tinh-a.lua:6: years[2020].rounds.district[1]: missing field 'close'"},
    {"unknown_field", "tinh-a.lua:4: thresholds: unknown field"},
    {"national_field", "tinh-a.lua:4: star_bands: only national.lua may set this"},
    {"bad_date", "tinh-a.lua:5: years[2020].rounds.province[1].open: expected a date"},
    {"selftest_fails", "tinh-a.lua:5: ngân sách không khớp"},
};

static void hostile_files(void **state)
{
    const struct rules_product p = {"SP-1", "mật ong", "HTX A",        "1.1.1",
                                    3,      0,         LEVEL_PROVINCE, day("2020-01-01")};
    struct rules_verdict v;
    size_t i;

    (void)state;
    run("cp %s/provinces/tinh-a.lua %s/good.lua", dir, dir);
    target_is(60);
    for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
        run("cp tests/data/rules/hostile/%s.lua %s/provinces/tinh-a.lua", hostile[i].file, dir);
        if (rules_reload(reg, "tinh-a") != RULES_EINVALID)
            fail_msg("%s was accepted", hostile[i].file);
        if (strstr(rules_last_error(reg, "tinh-a"), hostile[i].want) == NULL)
            fail_msg("%s:\n  got: %s  want: %s", hostile[i].file, rules_last_error(reg, "tinh-a"),
                     hostile[i].want);
        target_is(60); /* still the good rules, still answering */
        assert_int_equal(rules_support_allowed(area("tinh-a"), day("2020-06-01"), &p,
                                               SUPPORT_PACKAGING, 1000, NULL, 0, &v),
                         0);
        assert_true(v.ok);
    }
    assert_int_equal(access("/tmp/ocop-pwned", F_OK), -1);
    run("cp %s/good.lua %s/provinces/tinh-a.lua", dir, dir);
    assert_int_equal(rules_reload(reg, "tinh-a"), 0);
}

static void check_outside_file(void **state)
{
    struct buf out = BUF_INIT;

    (void)state;
    assert_int_not_equal(rules_check_file(dir, "tests/data/rules/hostile/syntax.lua", &out), 0);
    assert_non_null(strstr(out.data, "tests/data/rules/hostile/syntax.lua:2: unexpected symbol"));
    buf_reset(&out);
    assert_int_equal(rules_check_file(dir, "tests/data/rules/tree/provinces/tinh-a.lua", &out), 0);
    assert_int_equal(out.len, 0);
    buf_free(&out);
}

static void json(void **state)
{
    json_t *j = rules_area_json(area("tinh-a/huyen-b"), 2020), *y;

    (void)state;
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "area")), "tinh-a/huyen-b");
    y = json_array_get(json_object_get(j, "years"), 0);
    assert_int_equal(json_integer_value(json_object_get(y, "year")), 2020);
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(json_object_get(y, "rounds"), "district"), 0), "close")),
        "2020-05-31");
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes),
        cmocka_unit_test(cascade),
        cmocka_unit_test(rounds),
        cmocka_unit_test(regimes_and_stars),
        cmocka_unit_test(documents_and_sheets),
        cmocka_unit_test(plan_figures),
        cmocka_unit_test(support),
        cmocka_unit_test(support_rule_copy),
        cmocka_unit_test(bad_support_input),
        cmocka_unit_test(json),
        cmocka_unit_test(check_outside_file),
        cmocka_unit_test(hostile_files),
        cmocka_unit_test(reload),
    };

    return cmocka_run_group_tests_name("rules", tests, setup, teardown);
}
