/*
 * test_qr.c — the certificate QR code: the SVG, rendered to PNG by rsvg-convert and
 * read back by zbarimg (both Debian packages), gives exactly the verification URL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qr.h"

static void round_trip(const char *url)
{
    char svg[] = "/tmp/ocop-qr-XXXXXX", cmd[256], got[2048] = "";
    struct buf b = BUF_INIT;
    FILE *f;
    int fd = mkstemp(svg);

    assert_true(fd >= 0);
    assert_int_equal(qr_svg(url, &b), 0);
    assert_int_equal(write(fd, b.data, b.len), (ssize_t)b.len);
    close(fd);
    snprintf(
        cmd, sizeof(cmd),
        "rsvg-convert -w 400 %s -o %s.png && zbarimg --raw -q %s.png 2>/dev/null; rm -f %s %s.png",
        svg, svg, svg, svg, svg);
    f = popen(cmd, "r");
    assert_non_null(f);
    assert_non_null(fgets(got, sizeof(got), f));
    pclose(f);
    got[strcspn(got, "\n")] = '\0';
    assert_string_equal(got, url);
    buf_free(&b);
}

static void decodes_to_the_url(void **state)
{
    round_trip("https://ocop.example.vn/xac-minh/HG-2020-0001/");
    round_trip("http://127.0.0.1:8080/xac-minh/BG-2024-0123/");
}

static void refuses_absurd_input(void **state)
{
    struct buf b = BUF_INIT;
    char big[2000];

    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(qr_svg(big, &b), -1);
    assert_int_equal(qr_svg(NULL, &b), -1);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_to_the_url),
        cmocka_unit_test(refuses_absurd_input),
    };

    return cmocka_run_group_tests_name("qr", tests, NULL, NULL);
}
