/*
 * test_text.c — unit tests of Vietnamese folding and slugs: every tone mark and
 * vowel shape, đ/Đ, upper case, invalid UTF-8, length caps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "text.h"

static void fold_is(const char *in, const char *want)
{
    struct buf b = BUF_INIT;

    assert_int_equal(text_fold(in, strlen(in), &b), 0);
    assert_string_equal(b.data ? b.data : "", want);
    buf_free(&b);
}

static void slug_is(const char *in, size_t max, const char *want)
{
    struct buf b = BUF_INIT;

    assert_int_equal(text_slug(in, strlen(in), max, &b), 0);
    assert_string_equal(b.data, want);
    buf_free(&b);
}

static void folding(void **state)
{
    fold_is("Mật ong", "mat ong");
    fold_is("ĐẮK LẮK", "dak lak");
    fold_is("đường Đông", "duong dong");
    fold_is("Hà Giang · Hà Tĩnh", "ha giang · ha tinh");
    fold_is("àáảãạ ăằắẳẵặ âầấẩẫậ", "aaaaa aaaaaa aaaaaa");
    fold_is("èéẻẽẹ êềếểễệ ìíỉĩị", "eeeee eeeeee iiiii");
    fold_is("òóỏõọ ôồốổỗộ ơờớởỡợ", "ooooo oooooo oooooo");
    fold_is("ùúủũụ ưừứửữự ỳýỷỹỵ", "uuuuu uuuuuu yyyyy");
    fold_is("", "");
}

static void fold_rejects_bad_utf8(void **state)
{
    struct buf b = BUF_INIT;

    assert_int_equal(text_fold("a\xc3\x28", 3, &b), -1);
    assert_int_equal(text_fold("\xed\xa0\x80", 3, &b), -1);
    buf_free(&b);
}

/* text_fold and the full mapping give the same bytes (or both fail). */
static void same_as_slow(const char *s, size_t n)
{
    struct buf a = BUF_INIT, b = BUF_INIT;
    int ra = text_fold(s, n, &a), rb = text_fold_slow(s, n, &b);

    if (ra != rb || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0))
        fail_msg("fold of %zu bytes \"%.*s\": fast %d \"%.*s\", slow %d \"%.*s\"", n, (int)n, s, ra,
                 (int)a.len, a.data ? a.data : "", rb, (int)b.len, b.data ? b.data : "");
    buf_free(&a);
    buf_free(&b);
}

/* The table of precomposed letters agrees with utf8proc on each of its code points,
 * alone and within words; texts outside it, and broken ones, are handled the same. */
static void fold_table_agrees(void **state)
{
    static const char *const texts[] = {
        "Mật ong bạc hà Mèo Vạc",
        "ĐẮK LẮK · Krông Năng",
        "Ǆemal ŉ ẞtraße",
        "Chè Shan tuyết 茶",
        "Trà α-ω",
        "e\xcc\x81 (e + dấu sắc rời)",
        "a\xc3\x28",
        "\xe1\xb8",
        "\xc9",
        "\xed\xa0\x80",
        "ạ\xf0\x9f\x8d\xaf mật",
    };
    char s[16];

    for (unsigned cp = 0x80; cp <= 0x24f; cp++) {
        s[0] = (char)(0xc0 | cp >> 6);
        s[1] = (char)(0x80 | (cp & 0x3f));
        same_as_slow(s, 2);
        memcpy(s + 2, "Xy", 2);
        same_as_slow(s, 4);
    }
    for (unsigned cp = 0x1e00; cp <= 0x1eff; cp++) {
        s[0] = (char)(0xe0 | cp >> 12);
        s[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        s[2] = (char)(0x80 | (cp & 0x3f));
        same_as_slow(s, 3);
    }
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        same_as_slow(texts[i], strlen(texts[i]));
}

static void slugs(void **state)
{
    struct buf b = BUF_INIT;

    slug_is("Mật ong bạc hà Mèo Vạc", 64, "mat-ong-bac-ha-meo-vac");
    slug_is("  Vải thiều -- Lục Ngạn!! ", 64, "vai-thieu-luc-ngan");
    slug_is("Cà phê Krông Năng 2020", 64, "ca-phe-krong-nang-2020");
    slug_is("Cam Vũ Quang", 8, "cam-vu");
    slug_is("abcdefghij", 4, "abcd");
    assert_int_equal(text_slug("!!! ---", 7, 64, &b), -1);
    assert_int_equal(text_slug("", 0, 64, &b), -1);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding),
        cmocka_unit_test(fold_rejects_bad_utf8),
        cmocka_unit_test(fold_table_agrees),
        cmocka_unit_test(slugs),
    };

    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
