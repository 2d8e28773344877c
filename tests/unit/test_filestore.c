/*
 * test_filestore.c — unit tests of the content-addressed file store: storing and
 * reading back, identical bytes stored once, abort and every failure leaving no temp
 * file (size cap, refused type early and at commit, RLIMIT_FSIZE, a closed descriptor),
 * strict hashes for downloads, the sweep of stale temp files, and an upload streamed
 * from a multipart body to disk under a memory bound; a large upload in uneven writes
 * (its write-back started on the way) hashed whole, and dropped mid-way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filestore.h"
#include "multipart.h"
#include "util.h"

#define DATA "tests/data/files/"

static char root[64];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path);
}

static int setup(void **state)
{
    snprintf(root, sizeof(root), "/tmp/ocop-fs-XXXXXX");
    if (mkdtemp(root) == NULL)
        return -1;
    strcat(root, "/files"); /* fs_begin creates it */
    return 0;
}

static int teardown(void **state)
{
    char *slash = strrchr(root, '/');

    *slash = '\0';
    return nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Entries under root/sub (not . and ..); -1 when it does not exist. */
static int count_in(const char *sub)
{
    char path[256];
    struct dirent *de;
    int n = 0;
    DIR *d;

    snprintf(path, sizeof(path), "%s/%s", root, sub);
    d = opendir(path);
    if (d == NULL)
        return -1;
    while ((de = readdir(d)) != NULL)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Stored files: every entry of root but tmp is a two-hex directory of stored files. */
static int count_stored(void)
{
    DIR *d = opendir(root);
    struct dirent *de;
    int n = 0;

    if (d == NULL)
        return 0;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || strcmp(de->d_name, "tmp") == 0)
            continue;
        assert_int_equal(strlen(de->d_name), 2);
        n += count_in(de->d_name);
    }
    closedir(d);
    return n;
}

static void load(const char *name, struct buf *b)
{
    char path[256];

    snprintf(path, sizeof(path), DATA "%s", name);
    buf_reset(b);
    if (buf_read_file(b, path, 1 << 20) != 0)
        fail_msg("cannot read %s (run from the repository root)", path);
}

static void sha_hex(const void *data, size_t len, char out[FS_HEX_LEN + 1])
{
    unsigned char d[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(d, data, len);
    for (size_t i = 0; i < sizeof(d); i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* Stores data written in pieces of `step` bytes. */
static int store(const void *data, size_t len, size_t step, uint64_t max, struct fs_result *res)
{
    const char *p = data;
    struct fs_file *f;
    int rc = fs_begin(root, max, &f);

    assert_int_equal(rc, 0);
    for (size_t at = 0; at < len && rc == 0; at += step)
        rc = fs_write(f, p + at, len - at < step ? len - at : step);
    if (rc < 0) {
        fs_abort(f);
        return rc;
    }
    return fs_commit(f, res);
}

static void store_and_read(void **state)
{
    static const char *const names[] = {"sample.pdf",  "sample.jpg",  "sample.png", "sample.webp",
                                        "sample.docx", "sample.xlsx", "sample.odt"};
    static const enum ft_type types[] = {FT_PDF,  FT_JPEG, FT_PNG, FT_WEBP,
                                         FT_DOCX, FT_XLSX, FT_ODT};
    struct buf b = BUF_INIT, back = BUF_INIT;
    char want[FS_HEX_LEN + 1], path[256];
    struct fs_result res;
    struct stat st;
    uint64_t size;

    for (size_t k = 0; k < ARRAY_LEN(names); k++) {
        int fd;

        load(names[k], &b);
        assert_int_equal(store(b.data, b.len, 1 + k * 5, 1 << 20, &res), 0);
        sha_hex(b.data, b.len, want);
        assert_string_equal(res.sha256, want);
        assert_int_equal(res.size, b.len);
        assert_int_equal(res.type, types[k]);
        assert_string_equal(res.mime, ft_mime[types[k]]);
        assert_false(res.existed);
        /* In place, read-only, and readable back byte for byte. */
        snprintf(path, sizeof(path), "%s/%.2s/%s", root, want, want);
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0400);
        fd = fs_open_read(root, want, &size);
        assert_true(fd >= 0);
        assert_int_equal(size, b.len);
        buf_reset(&back);
        assert_int_equal(buf_reserve(&back, b.len), 0);
        assert_int_equal(read(fd, back.data, b.len + 1), (ssize_t)b.len);
        assert_memory_equal(back.data, b.data, b.len);
        close(fd);
    }
    assert_int_equal(count_stored(), (int)ARRAY_LEN(names));
    assert_int_equal(count_in("tmp"), 0);
    buf_free(&b);
    buf_free(&back);
}

static void identical_bytes_stored_once(void **state)
{
    struct buf b = BUF_INIT;
    struct fs_result r1, r2, r3;
    struct fs_file *f1, *f2;

    load("sample.png", &b);
    assert_int_equal(store(b.data, b.len, 7, 1 << 20, &r1), 0);
    assert_false(r1.existed);
    assert_int_equal(store(b.data, b.len, 1000, 1 << 20, &r2), 0);
    assert_true(r2.existed);
    assert_string_equal(r1.sha256, r2.sha256);
    /* Two uploads of the same new bytes under way at once. */
    load("sample.jpg", &b);
    assert_int_equal(fs_begin(root, 1 << 20, &f1), 0);
    assert_int_equal(fs_begin(root, 1 << 20, &f2), 0);
    assert_int_equal(count_in("tmp"), 2);
    assert_int_equal(fs_write(f1, b.data, b.len), 0);
    assert_int_equal(fs_write(f2, b.data, b.len), 0);
    assert_int_equal(fs_commit(f2, &r2), 0);
    assert_int_equal(fs_commit(f1, &r3), 0);
    assert_false(r2.existed);
    assert_true(r3.existed);
    assert_string_equal(r2.sha256, r3.sha256);
    assert_int_equal(count_stored(), 2);
    assert_int_equal(count_in("tmp"), 0);
    buf_free(&b);
}

static void abort_leaves_nothing(void **state)
{
    struct buf b = BUF_INIT;
    struct fs_file *f;

    load("sample.pdf", &b);
    assert_int_equal(fs_begin(root, 1 << 20, &f), 0);
    assert_int_equal(count_in("tmp"), 1);
    assert_int_equal(fs_write(f, b.data, b.len), 0);
    fs_abort(f);
    assert_int_equal(count_in("tmp"), 0);
    assert_int_equal(count_stored(), 0);
    /* Abort right after begin, and of nothing. */
    assert_int_equal(fs_begin(root, 1 << 20, &f), 0);
    fs_abort(f);
    fs_abort(NULL);
    assert_int_equal(count_in("tmp"), 0);
    buf_free(&b);
}

/* A failed write removes the temp file at once; the error sticks; commit stores
 * nothing. */
static void fails_cleanly(struct fs_file *f, int rc, int want)
{
    struct fs_result res;

    assert_int_equal(rc, want);
    assert_int_equal(count_in("tmp"), 0);
    assert_int_equal(fs_write(f, "x", 1), want);
    assert_int_equal(fs_commit(f, &res), want);
    assert_string_equal(res.sha256, "");
    assert_int_equal(count_stored(), 0);
}

static void size_cap(void **state)
{
    struct buf b = BUF_INIT;
    struct fs_result res;
    struct fs_file *f;

    load("sample.pdf", &b);
    /* One byte over the cap is refused, whatever the pieces. */
    assert_int_equal(fs_begin(root, b.len - 1, &f), 0);
    assert_int_equal(fs_write(f, b.data, b.len - 1), 0);
    fails_cleanly(f, fs_write(f, b.data + b.len - 1, 1), -FS_E_TOO_BIG);
    assert_int_equal(fs_begin(root, b.len - 1, &f), 0);
    fails_cleanly(f, fs_write(f, b.data, b.len), -FS_E_TOO_BIG);
    /* Exactly at the cap is fine. */
    assert_int_equal(store(b.data, b.len, 100, b.len, &res), 0);
    assert_int_equal(res.size, b.len);
    assert_int_equal(fs_http_status(-FS_E_TOO_BIG), 413);
    buf_free(&b);
}

static void refused_types(void **state)
{
    static const struct {
        const char *name;
        int ft;
        int early; /* refused by fs_write from the first bytes */
    } cases[] = {
        {"elf.bin", -FT_E_UNSUPPORTED, 1},    {"pe-renamed.docx", -FT_E_UNSUPPORTED, 1},
        {"page.html", -FT_E_UNSUPPORTED, 1},  {"image-renamed.png", -FT_E_UNSUPPORTED, 1},
        {"script.sh", -FT_E_UNSUPPORTED, 1},  {"fake.pdf", -FT_E_UNSUPPORTED, 0},
        {"plain.zip", -FT_E_ARCHIVE, 0},      {"macro.docm", -FT_E_MACROS, 0},
        {"macro.odt", -FT_E_MACROS, 0},       {"empty.pdf", -FT_E_EMPTY, 0},
        {"truncated.docx", -FT_E_ARCHIVE, 0},
    };
    struct buf b = BUF_INIT;
    struct fs_result res;
    struct fs_file *f;

    for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
        int rc = 0;

        load(cases[k].name, &b);
        assert_int_equal(fs_begin(root, 1 << 20, &f), 0);
        for (size_t at = 0; at < b.len && rc == 0; at += 5)
            rc = fs_write(f, b.data + at, b.len - at < 5 ? b.len - at : 5);
        if (cases[k].early) {
            assert_int_equal(rc, -FS_E_TYPE);
            assert_int_equal(fs_type_error(f), cases[k].ft);
            assert_int_equal(count_in("tmp"), 0);
        } else {
            assert_int_equal(rc, 0);
        }
        assert_int_equal(fs_commit(f, &res), -FS_E_TYPE);
        if (res.ft_error != cases[k].ft)
            fail_msg("%s: ft_error %d, want %d", cases[k].name, res.ft_error, cases[k].ft);
        assert_int_equal(fs_http_status(-FS_E_TYPE), 415);
        assert_int_equal(count_in("tmp"), 0);
        assert_int_equal(count_stored(), 0);
    }
    /* A short text file: refused at commit, from fewer bytes than a sniff needs. */
    assert_int_equal(store("hello", 5, 5, 100, &res), -FS_E_TYPE);
    assert_int_equal(res.ft_error, -FT_E_UNSUPPORTED);
    assert_int_equal(count_in("tmp"), 0);
    buf_free(&b);
}

/* A process file-size limit makes write fail with EFBIG: the error is "no space",
 * and the temp file is gone. */
static void file_size_limit(void **state)
{
    struct rlimit old, lim;
    struct fs_file *f;
    char *data = calloc(1, 200000);
    int rc = 0;

    assert_non_null(data);
    memcpy(data, "%PDF-1.4\n", 9);
    signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    assert_int_equal(fs_begin(root, 1 << 20, &f), 0);
    lim = old;
    lim.rlim_cur = 65536;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    for (size_t at = 0; at < 200000 && rc == 0; at += 10000)
        rc = fs_write(f, data + at, 10000);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    fails_cleanly(f, rc, -FS_E_NOSPACE);
    assert_int_equal(fs_http_status(-FS_E_NOSPACE), 507);
    free(data);
}

/* The temp descriptor closed under the store (as a failing disk would leave it). */
static void closed_descriptor(void **state)
{
    char link[64], target[512], tmpdir[128];
    struct fs_file *f;
    int closed = 0;

    snprintf(tmpdir, sizeof(tmpdir), "%s/tmp/", root);
    assert_int_equal(fs_begin(root, 1 << 20, &f), 0);
    assert_int_equal(fs_write(f, "%PDF-1.4\n", 9), 0);
    for (int fd = 3; fd < 1024; fd++) {
        ssize_t n;

        snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        n = readlink(link, target, sizeof(target) - 1);
        if (n <= 0)
            continue;
        target[n] = '\0';
        if (strncmp(target, tmpdir, strlen(tmpdir)) == 0) {
            close(fd);
            closed++;
        }
    }
    assert_int_equal(closed, 1);
    fails_cleanly(f, fs_write(f, "more bytes", 10), -FS_E_IO);
}

static void download_hashes(void **state)
{
    struct buf b = BUF_INIT;
    struct fs_result res;
    char bad[80];
    uint64_t size;
    int fd;

    load("sample.png", &b);
    assert_int_equal(store(b.data, b.len, 64, 1 << 20, &res), 0);
    assert_true(fs_hex_valid(res.sha256));
    fd = fs_open_read(root, res.sha256, &size);
    assert_true(fd >= 0);
    close(fd);
    /* Upper case, short, long, path tricks, non-hex: refused before any path is made. */
    snprintf(bad, sizeof(bad), "%s", res.sha256);
    bad[0] = 'A';
    assert_int_equal(fs_open_read(root, bad, &size), -FS_E_BAD_HASH);
    snprintf(bad, sizeof(bad), "%.63s", res.sha256);
    assert_int_equal(fs_open_read(root, bad, &size), -FS_E_BAD_HASH);
    snprintf(bad, sizeof(bad), "%s0", res.sha256);
    assert_int_equal(fs_open_read(root, bad, &size), -FS_E_BAD_HASH);
    snprintf(bad, sizeof(bad), "../%.61s", res.sha256);
    assert_int_equal(fs_open_read(root, bad, &size), -FS_E_BAD_HASH);
    snprintf(bad, sizeof(bad), "%.63sg", res.sha256);
    assert_int_equal(fs_open_read(root, bad, &size), -FS_E_BAD_HASH);
    assert_int_equal(fs_open_read(root, "", &size), -FS_E_BAD_HASH);
    assert_int_equal(fs_open_read(root, NULL, &size), -FS_E_BAD_HASH);
    assert_false(fs_hex_valid("tmp"));
    /* Well-formed but not stored. */
    snprintf(bad, sizeof(bad), "%s", res.sha256);
    bad[63] = bad[63] == '0' ? '1' : '0';
    assert_int_equal(fs_open_read(root, bad, &size), -FS_E_NOT_FOUND);
    assert_int_equal(fs_http_status(-FS_E_NOT_FOUND), 404);
    buf_free(&b);
}

static void age(const char *path, int64_t seconds)
{
    struct timespec ts[2];

    ts[0].tv_sec = ts[1].tv_sec = (time_t)(now_seconds() - seconds);
    ts[0].tv_nsec = ts[1].tv_nsec = 0;
    assert_int_equal(utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW), 0);
}

static void sweep(void **state)
{
    char path[512], other[256], link[256];
    struct fs_file *stale, *fresh;
    size_t removed = 99;
    DIR *d;
    struct dirent *de;

    assert_int_equal(fs_sweep(root, 3600, &removed), 0); /* no tmp dir yet */
    assert_int_equal(removed, 0);
    assert_int_equal(fs_begin(root, 1 << 20, &stale), 0);
    d = opendir(strcat(strcpy(path, root), "/tmp"));
    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] != '.')
            snprintf(path, sizeof(path), "%s/tmp/%s", root, de->d_name);
    closedir(d);
    age(path, 7200);
    assert_int_equal(fs_begin(root, 1 << 20, &fresh), 0);
    /* Not ours, even when old: another name, and a symlink named like a temp file. */
    snprintf(other, sizeof(other), "%s/tmp/keep.txt", root);
    fclose(fopen(other, "w"));
    age(other, 7200);
    snprintf(link, sizeof(link), "%s/tmp/up-0123456789abcdef0123456789abcdef.part", root);
    assert_int_equal(symlink("/etc/passwd", link), 0);
    age(link, 7200);
    assert_int_equal(count_in("tmp"), 4);
    assert_int_equal(fs_sweep(root, 3600, &removed), 0);
    assert_int_equal(removed, 1);
    assert_int_equal(count_in("tmp"), 3);
    assert_int_equal(access(path, F_OK), -1);
    fs_abort(stale); /* its temp is already gone: no harm */
    fs_abort(fresh);
    assert_int_equal(count_in("tmp"), 2);
}

/* The only temp file in tmp/, its path in path. */
static void only_temp(char *path, size_t size)
{
    struct dirent *de;
    DIR *d;
    int n = 0;

    snprintf(path, size, "%s/tmp", root);
    d = opendir(path);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] != '.' && ++n)
            snprintf(path, size, "%s/tmp/%s", root, de->d_name);
    closedir(d);
    assert_int_equal(n, 1);
}

/* A temp file younger than max_age but not brand new: kept while its writer lives
 * (holds its lock), removed once nobody holds it (the writer was killed). */
static void sweep_young(void **state)
{
    char path[512];
    struct fs_file *live;
    size_t removed = 99;
    int fd;

    (void)state;
    assert_int_equal(fs_begin(root, 1 << 20, &live), 0);
    only_temp(path, sizeof(path));
    age(path, 10);
    assert_int_equal(fs_sweep(root, 3600, &removed), 0);
    assert_int_equal(removed, 0);
    assert_int_equal(access(path, F_OK), 0);
    /* the writer's lock is taken and held, not merely tried */
    fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), -1);
    close(fd);
    fs_abort(live);
    assert_int_equal(count_in("tmp"), 0);
    /* what a killed writer leaves: the same name, nobody holding it */
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    assert_true(fd >= 0);
    close(fd);
    age(path, 10);
    assert_int_equal(fs_sweep(root, 3600, &removed), 0);
    assert_int_equal(removed, 1);
    assert_int_equal(count_in("tmp"), 0);
}

static void bad_arguments(void **state)
{
    struct fs_file *f = (struct fs_file *)1;

    assert_int_equal(fs_begin(NULL, 10, &f), -FS_E_STATE);
    assert_null(f);
    assert_int_equal(fs_begin(root, 0, &f), -FS_E_STATE);
    assert_int_equal(fs_begin("/dev/null/files", 10, &f), -FS_E_IO);
    assert_null(f);
    for (int i = 0; i < FS_ERROR__MAX; i++)
        assert_true(fs_error_names[i] && fs_error_messages[i] && fs_error_status[i] >= 200);
    assert_string_equal(fs_strerror(-FS_E_TOO_BIG), "Tệp vượt quá dung lượng cho phép.");
}

/* ---- an upload end to end: multipart body → parser → store ---- */

struct upload {
    struct fs_file *f;
    struct fs_result res;
    int commit_rc;
    int files;
};

static int up_begin(void *ctx, const struct mp_part *p)
{
    struct upload *u = ctx;

    if (!p->is_file)
        return 0;
    u->files++;
    return fs_begin(root, (uint64_t)64 << 20, &u->f);
}

static int up_data(void *ctx, const struct mp_part *p, const char *data, size_t len)
{
    struct upload *u = ctx;

    return p->is_file ? fs_write(u->f, data, len) : 0;
}

static int up_end(void *ctx, const struct mp_part *p)
{
    struct upload *u = ctx;

    if (!p->is_file)
        return 0;
    u->commit_rc = fs_commit(u->f, &u->res);
    u->f = NULL;
    return u->commit_rc;
}

static long maxrss_kb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* A 48 MiB PDF inside a form, fed in 32 KiB reads: stored whole with the right hash,
 * and the process grows by less than 8 MiB. */
static void streamed_upload(void **state)
{
    static const char ct[] = "multipart/form-data; boundary=ocop-7f3a";
    static const char head[] = "--ocop-7f3a\r\nContent-Disposition: form-data; name=\"csrf\"\r\n"
                               "\r\nabc\r\n--ocop-7f3a\r\nContent-Disposition: form-data; "
                               "name=\"file\"; filename=\"ho so.pdf\"\r\nContent-Type: "
                               "application/pdf\r\n\r\n";
    static const char tail[] = "\r\n--ocop-7f3a--\r\n";
    const size_t chunk = 32768, blocks = 48 * 32; /* 48 MiB */
    struct mp_limits lim = {8, 4096, 1024, (uint64_t)64 << 20, (uint64_t)65 << 20};
    struct mp_callbacks cb = {up_begin, up_data, up_end};
    struct upload u = {0};
    crypto_hash_sha256_state h;
    unsigned char d[crypto_hash_sha256_BYTES];
    char want[FS_HEX_LEN + 1];
    struct mp_parser *p;
    char *buf = malloc(chunk);
    long before;

    assert_non_null(buf);
    crypto_hash_sha256_init(&h);
    before = maxrss_kb();
    assert_int_equal(mp_create(ct, &lim, &cb, &u, &p), 0);
    assert_int_equal(mp_feed(p, head, sizeof(head) - 1), 0);
    for (size_t k = 0; k < blocks; k++) {
        for (size_t i = 0; i < chunk; i++)
            buf[i] = (char)((k * 131 + i * 7) % 251);
        if (k == 0)
            memcpy(buf, "%PDF-1.7\n\r\n--ocop-7f3\r\n", 23);
        if (k == blocks - 1)
            memcpy(buf + chunk - 6, "%%EOF\n", 6);
        crypto_hash_sha256_update(&h, (unsigned char *)buf, chunk);
        assert_int_equal(mp_feed(p, buf, chunk), 0);
    }
    assert_int_equal(mp_feed(p, tail, sizeof(tail) - 1), 0);
    assert_int_equal(mp_finish(p), 0);
    mp_free(p);
    crypto_hash_sha256_final(&h, d);
    hex_encode(d, sizeof(d), want);
    assert_int_equal(u.files, 1);
    assert_int_equal(u.commit_rc, 0);
    assert_string_equal(u.res.sha256, want);
    assert_int_equal(u.res.size, (uint64_t)chunk * blocks);
    assert_int_equal(u.res.type, FT_PDF);
    assert_true(maxrss_kb() - before < 8192);
    assert_int_equal(count_in("tmp"), 0);
    assert_int_equal(count_stored(), 1);
    free(buf);
}

/* The same upload cut short: the parser fails, the caller aborts, nothing remains. */
static void streamed_upload_cut_short(void **state)
{
    static const char ct[] = "multipart/form-data; boundary=b";
    static const char body[] = "--b\r\nContent-Disposition: form-data; name=\"f\"; "
                               "filename=\"a.pdf\"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--b";
    struct mp_limits lim = {8, 4096, 1024, 1 << 20, 1 << 20};
    struct mp_callbacks cb = {up_begin, up_data, up_end};
    struct upload u = {0};
    struct mp_parser *p;

    assert_int_equal(mp_create(ct, &lim, &cb, &u, &p), 0);
    assert_int_equal(mp_feed(p, body, sizeof(body) - 10), 0);
    assert_int_equal(count_in("tmp"), 1);
    assert_int_equal(mp_finish(p), -MP_E_TRUNCATED);
    mp_free(p);
    fs_abort(u.f); /* the part begun and not ended is the caller's to drop */
    assert_int_equal(count_in("tmp"), 0);
    assert_int_equal(count_stored(), 0);
}

/* Bytes that are a PDF, varied enough that a hash over the wrong range would differ
 * (the caller frees them); NULL when out of memory. */
static unsigned char *pdf_bytes(size_t len)
{
    unsigned char *b = malloc(len);

    if (b == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++)
        b[i] = (unsigned char)((i * 2654435761u) >> 13);
    memcpy(b, "%PDF-1.4\n", 9);
    memcpy(b + len - 6, "%%EOF\n", 6);
    return b;
}

/* Stores 9 MiB + 5 bytes (past one write-back step, not a multiple of anything) in
 * uneven writes: 0 when the digest is the bytes'. */
static int store_checks_hash(void)
{
    const size_t len = (9u << 20) + 5, step = 300007;
    unsigned char *b = pdf_bytes(len);
    char want[FS_HEX_LEN + 1];
    struct fs_result res;
    struct fs_file *f;
    int rc = b == NULL ? -1 : fs_begin(root, len, &f);

    if (rc != 0) {
        free(b);
        return 1;
    }
    sha_hex(b, len, want);
    for (size_t at = 0; at < len && rc == 0; at += step)
        rc = fs_write(f, b + at, len - at < step ? len - at : step);
    free(b);
    if (rc != 0) {
        fs_abort(f);
        return 2;
    }
    rc = fs_commit(f, &res);
    return rc != 0 ? 3 : strcmp(res.sha256, want) != 0 || res.size != len ? 4 : 0;
}

static void large_uneven_upload(void **state)
{
    assert_int_equal(store_checks_hash(), 0);
    assert_int_equal(count_in("tmp"), 0);
    assert_int_equal(count_stored(), 1);
}

/* A large upload dropped mid-way (its write-back started): nothing remains. */
static void abort_large_upload(void **state)
{
    const size_t len = 16u << 20;
    unsigned char *b = pdf_bytes(len);
    struct fs_file *f;

    assert_non_null(b);
    assert_int_equal(fs_begin(root, len, &f), 0);
    for (size_t at = 0; at < len; at += 1u << 20)
        assert_int_equal(fs_write(f, b + at, 1u << 20), 0);
    fs_abort(f);
    free(b);
    assert_int_equal(count_in("tmp"), 0);
    assert_int_equal(count_stored(), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(store_and_read),
        T(identical_bytes_stored_once),
        T(abort_leaves_nothing),
        T(size_cap),
        T(refused_types),
        T(file_size_limit),
        T(closed_descriptor),
        T(download_hashes),
        T(sweep),
        T(sweep_young),
        T(bad_arguments),
        T(streamed_upload),
        T(streamed_upload_cut_short),
        T(large_uneven_upload),
        T(abort_large_upload),
    };

    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests_name("filestore", tests, NULL, NULL);
}
