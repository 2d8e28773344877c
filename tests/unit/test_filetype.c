/*
 * test_filetype.c — unit tests of type detection: every allowed sample (made by
 * tests/data/files/generate.py) in memory and through a file descriptor, the refused
 * ones (executables, HTML, SVG, scripts, renamed files, plain, damaged and
 * macro-enabled zips, empty files), the early sniff, and hostile zip directories.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "filetype.h"
#include "util.h"

#define DATA "tests/data/files/"

static void load(const char *name, struct buf *b)
{
    char path[256];

    snprintf(path, sizeof(path), DATA "%s", name);
    buf_reset(b);
    if (buf_read_file(b, path, 1 << 20) != 0)
        fail_msg("cannot read %s (run from the repository root)", path);
}

/* Detects name both in memory and through a descriptor; both must agree. */
static int detect(const char *name, enum ft_type *type)
{
    struct buf b = BUF_INIT;
    enum ft_type t1 = FT_TYPE__MAX, t2 = FT_TYPE__MAX;
    char path[256];
    int rc1, rc2, fd;

    load(name, &b);
    rc1 = ft_detect_mem(b.data, b.len, &t1);
    snprintf(path, sizeof(path), DATA "%s", name);
    fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    rc2 = ft_detect_fd(fd, &t2);
    close(fd);
    assert_int_equal(rc1, rc2);
    if (rc1 == 0)
        assert_int_equal(t1, t2);
    *type = t1;
    buf_free(&b);
    return rc1;
}

static void accepts(const char *name, enum ft_type want, const char *mime)
{
    enum ft_type t = FT_TYPE__MAX;
    int rc = detect(name, &t);

    if (rc != 0)
        fail_msg("%s refused: %d", name, rc);
    assert_int_equal(t, want);
    assert_string_equal(ft_mime[t], mime);
}

static void refuses(const char *name, int want)
{
    enum ft_type t = FT_TYPE__MAX;
    int rc = detect(name, &t);

    if (rc != want)
        fail_msg("%s: got %d, want %d", name, rc, want);
    assert_int_equal(ft_http_status(rc), 415);
}

static void allowed_samples(void **state)
{
    accepts("sample.pdf", FT_PDF, "application/pdf");
    accepts("sample.jpg", FT_JPEG, "image/jpeg");
    accepts("sample.png", FT_PNG, "image/png");
    accepts("sample.webp", FT_WEBP, "image/webp");
    accepts("sample.docx", FT_DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    accepts("sample.xlsx", FT_XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    accepts("sample.odt", FT_ODT, "application/vnd.oasis.opendocument.text");
    accepts("commented.docx", FT_DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

static void executables_and_markup(void **state)
{
    refuses("elf.bin", -FT_E_UNSUPPORTED);
    refuses("elf-renamed.pdf", -FT_E_UNSUPPORTED);
    refuses("pe.exe", -FT_E_UNSUPPORTED);
    refuses("pe-renamed.docx", -FT_E_UNSUPPORTED);
    refuses("page.html", -FT_E_UNSUPPORTED);
    refuses("page-renamed.jpg", -FT_E_UNSUPPORTED);
    refuses("image.svg", -FT_E_UNSUPPORTED);
    refuses("image-renamed.png", -FT_E_UNSUPPORTED);
    refuses("script.sh", -FT_E_UNSUPPORTED);
    refuses("fake.pdf", -FT_E_UNSUPPORTED); /* "%PDF-" then HTML, no %%EOF */
    refuses("webp-short.webp", -FT_E_UNSUPPORTED);
    refuses("empty.pdf", -FT_E_EMPTY);
}

static void archives(void **state)
{
    refuses("plain.zip", -FT_E_ARCHIVE);
    refuses("sheet.ods", -FT_E_ARCHIVE);
    refuses("both.docx", -FT_E_ARCHIVE);
    refuses("nocontenttypes.docx", -FT_E_ARCHIVE);
    refuses("truncated.docx", -FT_E_ARCHIVE);
    refuses("trailing.docx", -FT_E_ARCHIVE);
    refuses("mimetype-deflated.odt", -FT_E_ARCHIVE);
    refuses("macro.docm", -FT_E_MACROS);
    refuses("macro.odt", -FT_E_MACROS);
}

static void sniffing(void **state)
{
    struct buf b = BUF_INIT;
    enum ft_type t = FT_TYPE__MAX;

    load("sample.png", &b);
    assert_int_equal(ft_sniff(b.data, FT_SNIFF_BYTES, &t), 0);
    assert_int_equal(t, FT_PNG);
    load("sample.jpg", &b);
    assert_int_equal(ft_sniff(b.data, FT_SNIFF_BYTES, &t), 0);
    assert_int_equal(t, FT_JPEG);
    load("sample.docx", &b);
    assert_int_equal(ft_sniff(b.data, FT_SNIFF_BYTES, &t), 1); /* needs the whole file */
    load("elf.bin", &b);
    assert_int_equal(ft_sniff(b.data, FT_SNIFF_BYTES, &t), -FT_E_UNSUPPORTED);
    load("page.html", &b);
    assert_int_equal(ft_sniff(b.data, FT_SNIFF_BYTES, &t), -FT_E_UNSUPPORTED);
    assert_int_equal(ft_sniff("", 0, &t), -FT_E_EMPTY);
    /* A PNG signature alone (no IHDR) is not a PNG. */
    assert_int_equal(ft_sniff("\x89PNG\r\n\x1a\n", 8, &t), -FT_E_UNSUPPORTED);
    buf_free(&b);
}

/* Every prefix of a valid document is refused or, for the few types judged by their
 * head, recognised as that same type: never another type, never a crash. */
static void prefixes(void **state)
{
    static const char *const names[] = {"sample.pdf",  "sample.docx", "sample.odt",
                                        "sample.xlsx", "sample.webp", "sample.png"};
    struct buf b = BUF_INIT;

    for (size_t k = 0; k < ARRAY_LEN(names); k++) {
        enum ft_type full, t;

        load(names[k], &b);
        assert_int_equal(ft_detect_mem(b.data, b.len, &full), 0);
        for (size_t n = 0; n < b.len; n++) {
            int rc = ft_detect_mem(b.data, n, &t);

            if (rc == 0 && t != full)
                fail_msg("%s cut at %zu detected as %s", names[k], n, ft_ext[t]);
            /* A zip needs its end record, a WebP its RIFF size, a PDF its %%EOF. */
            if (rc == 0 && full != FT_PNG &&
                !(full == FT_PDF && memmem(b.data, n, "%%EOF", 5) != NULL))
                fail_msg("%s cut at %zu still accepted", names[k], n);
        }
    }
    buf_free(&b);
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xffff);
    put16(p + 2, v >> 16);
}

/* Central directories that lie: entry counts, sizes and offsets out of range. */
static void hostile_zips(void **state)
{
    struct buf b = BUF_INIT;
    unsigned char *eocd;
    enum ft_type t;
    char *copy;

    load("sample.docx", &b);
    copy = malloc(b.len);
    assert_non_null(copy);
    eocd = (unsigned char *)b.data + b.len - 22;
    assert_memory_equal(eocd, "PK\x05\x06", 4);
    /* Each case rewrites one field of the end record (width 2 or 4 bytes; 0 = both
     * entry counts at 8 and 10). */
    struct {
        size_t off;
        uint32_t val;
        int width;
    } cases[] = {
        {10, 0, 0},          {10, 0xffff, 0},     {10, 200, 0},        {10, 2, 0},
        {8, 1, 2},           {4, 1, 2},           {6, 1, 2},           {20, 1, 2},
        {12, 0xffffffff, 4}, {16, 0xffffffff, 4}, {16, 0x7fffffff, 4}, {12, 1, 4},
        {16, 1, 4},
    };
    for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
        unsigned char *e;

        memcpy(copy, b.data, b.len);
        e = (unsigned char *)copy + b.len - 22;
        if (cases[k].width == 4) {
            put32(e + cases[k].off, cases[k].val);
        } else {
            put16(e + cases[k].off, cases[k].val);
            if (cases[k].width == 0)
                put16(e + 8, cases[k].val);
        }
        if (ft_detect_mem(copy, b.len, &t) != -FT_E_ARCHIVE)
            fail_msg("EOCD case %zu accepted", k);
    }
    /* A central directory entry whose name length runs past the directory. */
    memcpy(copy, b.data, b.len);
    {
        uint32_t cd = (uint32_t)eocd[16] | (uint32_t)eocd[17] << 8 | (uint32_t)eocd[18] << 16 |
                      (uint32_t)eocd[19] << 24;

        put16((unsigned char *)copy + cd + 28, 0xffff);
        assert_int_equal(ft_detect_mem(copy, b.len, &t), -FT_E_ARCHIVE);
        memcpy(copy, b.data, b.len);
        put32((unsigned char *)copy + cd + 42, cd + 5); /* local header past the directory */
        assert_int_equal(ft_detect_mem(copy, b.len, &t), -FT_E_ARCHIVE);
        memcpy(copy, b.data, b.len);
        copy[cd] = 'X'; /* bad signature */
        assert_int_equal(ft_detect_mem(copy, b.len, &t), -FT_E_ARCHIVE);
    }
    free(copy);
    buf_free(&b);
}

/* A descriptor that is not a regular file, and one that cannot be read. */
static void bad_descriptors(void **state)
{
    enum ft_type t;
    int fds[2];

    assert_int_equal(pipe(fds), 0);
    assert_int_equal(ft_detect_fd(fds[0], &t), -FT_E_IO);
    close(fds[0]);
    close(fds[1]);
    assert_int_equal(ft_detect_fd(fds[0], &t), -FT_E_IO);
    assert_int_equal(ft_http_status(-FT_E_IO), 500);
}

/* A spreadsheet written by a real writer (libxlsxwriter, what ocop exports with). */
static void xlsx_from_libxlsxwriter(void **state)
{
    char path[] = "/tmp/ocop-ft-XXXXXX.xlsx";
    lxw_workbook *wb;
    lxw_worksheet *ws;
    enum ft_type t = FT_TYPE__MAX;
    int fd = mkstemps(path, 5);

    assert_true(fd >= 0);
    close(fd);
    wb = workbook_new(path);
    assert_non_null(wb);
    ws = workbook_add_worksheet(wb, "Sản phẩm");
    assert_non_null(ws);
    worksheet_write_string(ws, 0, 0, "Mật ong bạc hà", NULL);
    worksheet_write_number(ws, 0, 1, 4, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(ft_detect_fd(fd, &t), 0);
    assert_int_equal(t, FT_XLSX);
    close(fd);
    unlink(path);
}

static void tables(void **state)
{
    for (int i = 0; i < FT_ERROR__MAX; i++) {
        assert_non_null(ft_error_names[i]);
        assert_non_null(ft_error_messages[i]);
        assert_true(ft_error_status[i] >= 200);
    }
    for (int i = 0; i < FT_TYPE__MAX; i++)
        assert_true(ft_mime[i] && ft_ext[i] && ft_label[i]);
    assert_string_equal(ft_strerror(-FT_E_MACROS), "Không nhận tài liệu có chứa macro.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allowed_samples), cmocka_unit_test(executables_and_markup),
        cmocka_unit_test(archives),        cmocka_unit_test(sniffing),
        cmocka_unit_test(prefixes),        cmocka_unit_test(hostile_zips),
        cmocka_unit_test(bad_descriptors), cmocka_unit_test(xlsx_from_libxlsxwriter),
        cmocka_unit_test(tables),
    };

    return cmocka_run_group_tests_name("filetype", tests, NULL, NULL);
}
