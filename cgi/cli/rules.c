/*
 * rules.c — `ocop rules check [FILE…]` and `ocop rules show AREA [YEAR]`: the same
 * validation the workers run before they swap rules in, offline, with every problem
 * as "file:line: message"; and the effective rules of an area after the cascade, as
 * JSON.
 */
#include "cli_common.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: ocop rules check [FILE…]\n"
    "       ocop rules show AREA [YEAR]\n\n"
    "check: loads and validates the rules of every province (or of the provinces the\n"
    "given files belong to; a file outside the rules tree is checked as a province file),\n"
    "runs their selftests, and prints one \"file:line: message\" per problem. Exit 0 when\n"
    "clean, 1 otherwise.\n"
    "show: the effective rules of AREA (\"ha-giang\", \"dak-lak/krong-nang\") after the\n"
    "cascade national → province → district, for every year or for YEAR, as JSON.\n"
    "The rules root is $OCOP_RULES, or lua/ in the share folder.\n";

static int check(int argc, char **argv)
{
    struct buf out = BUF_INIT;
    char **codes;
    size_t n, i;
    int bad = 0;

    if (argc == 0) {
        if (rules_list_provinces(cli_cfg.rules, &codes, &n) != 0 || n == 0) {
            fprintf(stderr, "ocop rules: no provinces under %s/provinces\n", cli_cfg.rules);
            return 1;
        }
        for (i = 0; i < n; i++)
            bad |= rules_check_province(cli_cfg.rules, codes[i], &out) != 0;
        while (n)
            free(codes[--n]);
        free(codes);
    }
    for (i = 0; i < (size_t)argc; i++)
        bad |= rules_check_file(cli_cfg.rules, argv[i], &out) != 0;
    if (out.len)
        fwrite(out.data, 1, out.len, stderr);
    buf_free(&out);
    if (!bad)
        printf("rules: ok\n");
    return bad ? 1 : 0;
}

static int show(const char *area, const char *year_arg)
{
    struct rules *r = rules_open(cli_cfg.rules, NULL);
    const struct rules_area *a;
    int64_t year = 0;
    json_t *j;
    char prov[64];
    int rc = 1;

    if (year_arg && parse_int64(year_arg, strlen(year_arg), 2000, 2100, &year) != 0) {
        fprintf(stderr, "ocop rules: YEAR must be between 2000 and 2100\n");
        rules_close(r);
        return 2;
    }
    if (r == NULL)
        return 1;
    a = rules_get(r, area);
    if (a == NULL) {
        snprintf(prov, sizeof(prov), "%.*s", (int)strcspn(area, "/"), area);
        const char *err = rules_last_error(r, prov);
        fprintf(stderr, "ocop rules: no rules for %s%s%s", area, err ? ":\n" : "\n",
                err ? err : "");
    } else if ((j = rules_area_json(a, (int)year)) != NULL) {
        json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
        json_decref(j);
        rc = 0;
    }
    rules_close(r);
    return rc;
}

int cli_rules(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "--help")) {
        fputs(usage, stdout);
        return 0;
    }
    if (cli_setup() != 0)
        return 1;
    if (argc >= 2 && !strcmp(argv[1], "check"))
        return check(argc - 2, argv + 2);
    if ((argc == 3 || argc == 4) && !strcmp(argv[1], "show"))
        return show(argv[2], argc == 4 ? argv[3] : NULL);
    fputs(usage, stderr);
    return 2;
}
