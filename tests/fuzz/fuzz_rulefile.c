/*
 * fuzz_rulefile.c — libFuzzer target: arbitrary text as a province rule file, checked
 * by the whole loader (sandboxed run, schema, cascade over the test tree's national
 * rules, cache, selftest, the file:line finder). Every input must end in a clean
 * verdict; the problems must be text a log can hold.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[] = "/tmp/fuzz-rulefile-XXXXXX";
    static int fd = -1;
    struct buf out = BUF_INIT;

    if (fd < 0 && (fd = mkstemp(path)) < 0)
        abort();
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    if (rules_check_file("tests/data/rules/tree", path, &out) == 0 && out.len != 0)
        abort(); /* clean means no problems printed */
    if (out.len && !utf8_text_ok(out.data, out.len, 1))
        abort();
    buf_free(&out);
    return 0;
}
