/*
 * plan_calendar.h — the conformance tests' check of a plan's dated steps against the
 * rules' calendar (rules_calendar): a step found by its place or by the words it starts
 * with, its period (from NULL: a deadline, "trước ngày …"), and its source. Header-only,
 * for the tests/conformance/test_plan_*.c programs (cmocka).
 */
#ifndef OCOP_PLAN_CALENDAR_H
#define OCOP_PLAN_CALENDAR_H

#include <string.h>

#include "rules.h"
#include "util.h"

static int64_t plan_day(const char *s)
{
    int64_t t = 0;

    if (parse_date(s, &t) != 0)
        fail_msg("bad date in test: %s", s);
    return t;
}

static void plan_step_is(const struct rules_event *e, const char *from, const char *to)
{
    assert_int_equal(e->from, from ? plan_day(from) : 0);
    assert_int_equal(e->to, plan_day(to));
    assert_int_equal(e->deadline, from == NULL);
    assert_non_null(e->source);
}

/* Step i of the year's calendar holds word, over that period. */
static inline void plan_event_at(const struct rules_area *a, int year, size_t i, const char *word,
                                 const char *from, const char *to)
{
    const struct rules_event *e;
    size_t n = rules_calendar(a, year, &e);

    if (i >= n)
        fail_msg("only %zu calendar steps", n);
    if (strstr(e[i].what, word) == NULL)
        fail_msg("step %zu is \"%s\", want \"%s\"", i, e[i].what, word);
    plan_step_is(&e[i], from, to);
}

/* The year's step whose text starts with starts, over that period. */
static inline void plan_event_named(const struct rules_area *a, int year, const char *starts,
                                    const char *from, const char *to)
{
    const struct rules_event *e;
    size_t n = rules_calendar(a, year, &e);

    for (size_t i = 0; i < n; i++)
        if (strncmp(e[i].what, starts, strlen(starts)) == 0) {
            plan_step_is(&e[i], from, to);
            return;
        }
    fail_msg("no %d calendar step starting \"%s\"", year, starts);
}

#endif
