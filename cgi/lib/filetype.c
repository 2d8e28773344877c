/*
 * filetype.c — type detection by magic bytes and zip central directories, as declared
 * in filetype.h.
 *
 * Zips: the end-of-central-directory record must end the file exactly (its comment
 * included); multi-disk and ZIP64 archives are refused; the central directory must lie
 * before that record and every entry in it must be well formed. An OOXML document has
 * a "[Content_Types].xml" entry and entries under "word/" (DOCX) or "xl/" (XLSX), not
 * both; a "vbaProject.bin" entry means macros. An ODT starts with a stored "mimetype"
 * entry holding exactly "application/vnd.oasis.opendocument.text" and has a
 * "content.xml"; entries under "Basic/" or "Scripts/" mean macros.
 */
#include "filetype.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const char *const ft_mime[FT_TYPE__MAX] = {
    [FT_PDF] = "application/pdf",
    [FT_JPEG] = "image/jpeg",
    [FT_PNG] = "image/png",
    [FT_WEBP] = "image/webp",
    [FT_DOCX] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    [FT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    [FT_ODT] = "application/vnd.oasis.opendocument.text",
};

const char *const ft_ext[FT_TYPE__MAX] = {
    [FT_PDF] = "pdf",   [FT_JPEG] = "jpg",  [FT_PNG] = "png", [FT_WEBP] = "webp",
    [FT_DOCX] = "docx", [FT_XLSX] = "xlsx", [FT_ODT] = "odt",
};

const char *const ft_label[FT_TYPE__MAX] = {
    [FT_PDF] = "Tài liệu PDF",
    [FT_JPEG] = "Ảnh JPEG",
    [FT_PNG] = "Ảnh PNG",
    [FT_WEBP] = "Ảnh WebP",
    [FT_DOCX] = "Văn bản Word (DOCX)",
    [FT_XLSX] = "Bảng tính Excel (XLSX)",
    [FT_ODT] = "Văn bản OpenDocument (ODT)",
};

const char *const ft_error_names[FT_ERROR__MAX] = {
    [FT_OK] = "ok",
    [FT_E_EMPTY] = "empty file",
    [FT_E_UNSUPPORTED] = "type not allowed",
    [FT_E_ARCHIVE] = "archive not an allowed document",
    [FT_E_MACROS] = "macro-enabled document",
    [FT_E_IO] = "read error",
};

const char *const ft_error_messages[FT_ERROR__MAX] = {
    [FT_OK] = "Thành công.",
    [FT_E_EMPTY] = "Tệp rỗng, không có nội dung.",
    [FT_E_UNSUPPORTED] =
        "Loại tệp không được chấp nhận. Chỉ nhận PDF, JPEG, PNG, WebP, DOCX, XLSX và ODT.",
    [FT_E_ARCHIVE] = "Tệp nén không phải văn bản DOCX, XLSX hoặc ODT hợp lệ.",
    [FT_E_MACROS] = "Không nhận tài liệu có chứa macro.",
    [FT_E_IO] = "Không đọc được tệp.",
};

const int ft_error_status[FT_ERROR__MAX] = {
    [FT_OK] = 200,        [FT_E_EMPTY] = 415,  [FT_E_UNSUPPORTED] = 415,
    [FT_E_ARCHIVE] = 415, [FT_E_MACROS] = 415, [FT_E_IO] = 500,
};

#define ODT_MIME     "application/vnd.oasis.opendocument.text"
#define EOCD_LEN     22
#define CDH_LEN      46 /* central directory file header, fixed part */
#define LFH_LEN      30 /* local file header, fixed part */
#define ZIP_NAME_MAX 65535
#define PDF_TAIL     1024

static int code_index(int rc)
{
    int c = rc < 0 ? -rc : rc;

    return c < FT_ERROR__MAX ? c : FT_E_IO;
}

const char *ft_strerror(int rc)
{
    return ft_error_messages[code_index(rc)];
}

int ft_http_status(int rc)
{
    return ft_error_status[code_index(rc)];
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

int ft_sniff(const void *head, size_t len, enum ft_type *type)
{
    const unsigned char *h = head;

    if (len == 0)
        return -FT_E_EMPTY;
    if (len >= 8 && memcmp(h, "%PDF-", 5) == 0 && is_digit(h[5]) && h[6] == '.' && is_digit(h[7])) {
        *type = FT_PDF;
        return 0;
    }
    if (len >= 4 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff && h[3] >= 0xc0 && h[3] != 0xff) {
        *type = FT_JPEG;
        return 0;
    }
    if (len >= 16 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0 && be32(h + 8) == 13 &&
        memcmp(h + 12, "IHDR", 4) == 0) {
        *type = FT_PNG;
        return 0;
    }
    if (len >= 16 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WEBP", 4) == 0 &&
        (memcmp(h + 12, "VP8 ", 4) == 0 || memcmp(h + 12, "VP8L", 4) == 0 ||
         memcmp(h + 12, "VP8X", 4) == 0)) {
        *type = FT_WEBP;
        return 0;
    }
    if (len >= 4 && memcmp(h, "PK\x03\x04", 4) == 0)
        return 1;
    return -FT_E_UNSUPPORTED;
}

/* ---- whole-file checks of the non-zip types ---- */

/* A PDF ends with "%%EOF" within its last PDF_TAIL bytes. */
static int pdf_check(const struct ft_reader *r, unsigned char *buf)
{
    size_t n = r->size < PDF_TAIL ? (size_t)r->size : PDF_TAIL;

    if (r->read_at(r->ctx, r->size - n, buf, n) < 0)
        return -FT_E_IO;
    return memmem(buf, n, "%%EOF", 5) ? 0 : -FT_E_UNSUPPORTED;
}

/* A WebP's RIFF size covers its chunks and fits in the file. */
static int webp_check(const struct ft_reader *r, const unsigned char *head)
{
    uint64_t riff = le32(head + 4);

    return riff >= 12 && riff + 8 <= r->size ? 0 : -FT_E_UNSUPPORTED;
}

/* ---- zips ---- */

struct zip_scan {
    int content_types, word, xl, vba;        /* OOXML */
    int mimetype_first, content, odf_macros; /* ODF */
};

/* Finds the end-of-central-directory record, which must end the file. Fills its
 * position and the central directory's entry count, size and offset. */
static int zip_eocd(const struct ft_reader *r, unsigned char *buf, uint64_t *eocd,
                    uint32_t *entries, uint64_t *cd_size, uint64_t *cd_off)
{
    size_t n = r->size < EOCD_LEN + ZIP_NAME_MAX ? (size_t)r->size : EOCD_LEN + ZIP_NAME_MAX;
    uint64_t base = r->size - n;
    const unsigned char *e;

    if (n < EOCD_LEN)
        return -FT_E_ARCHIVE;
    if (r->read_at(r->ctx, base, buf, n) < 0)
        return -FT_E_IO;
    for (size_t i = n - EOCD_LEN + 1; i-- > 0;) {
        e = buf + i;
        if (memcmp(e, "PK\x05\x06", 4) != 0 || i + EOCD_LEN + le16(e + 20) != n)
            continue;
        if (le16(e + 4) != 0 || le16(e + 6) != 0 || le16(e + 8) != le16(e + 10))
            return -FT_E_ARCHIVE; /* multi-disk */
        if (le16(e + 10) == 0xffff || le32(e + 12) == 0xffffffff || le32(e + 16) == 0xffffffff)
            return -FT_E_ARCHIVE; /* ZIP64 */
        *eocd = base + i;
        *entries = le16(e + 10);
        *cd_size = le32(e + 12);
        *cd_off = le32(e + 16);
        if (*entries == 0 || *cd_off + *cd_size > *eocd)
            return -FT_E_ARCHIVE;
        return 0;
    }
    return -FT_E_ARCHIVE;
}

static int has_prefix(const char *s, size_t n, const char *pre)
{
    size_t k = strlen(pre);

    return n >= k && memcmp(s, pre, k) == 0;
}

static int is_name(const char *s, size_t n, const char *name)
{
    return n == strlen(name) && memcmp(s, name, n) == 0;
}

static int has_suffix_ci(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);

    return n >= k && strncasecmp(s + n - k, suf, k) == 0;
}

static void zip_note(struct zip_scan *z, const char *name, size_t n, uint32_t local_off)
{
    if (is_name(name, n, "[Content_Types].xml"))
        z->content_types = 1;
    if (has_prefix(name, n, "word/"))
        z->word = 1;
    if (has_prefix(name, n, "xl/"))
        z->xl = 1;
    if (has_suffix_ci(name, n, "vbaProject.bin"))
        z->vba = 1;
    if (is_name(name, n, "mimetype") && local_off == 0)
        z->mimetype_first = 1;
    if (is_name(name, n, "content.xml"))
        z->content = 1;
    if (has_prefix(name, n, "Basic/") || has_prefix(name, n, "Scripts/"))
        z->odf_macros = 1;
}

/* Walks the central directory entry by entry (one bounded read each). */
static int zip_walk(const struct ft_reader *r, unsigned char *buf, uint32_t entries,
                    uint64_t cd_off, uint64_t cd_size, struct zip_scan *z)
{
    uint64_t pos = cd_off, end = cd_off + cd_size;

    if (entries > FT_ZIP_MAX_ENTRIES)
        return -FT_E_ARCHIVE;
    for (uint32_t k = 0; k < entries; k++) {
        uint32_t nlen, rest, local;

        if (end - pos < CDH_LEN)
            return -FT_E_ARCHIVE;
        if (r->read_at(r->ctx, pos, buf, CDH_LEN) < 0)
            return -FT_E_IO;
        if (memcmp(buf, "PK\x01\x02", 4) != 0)
            return -FT_E_ARCHIVE;
        nlen = le16(buf + 28);
        rest = le16(buf + 30) + le16(buf + 32);
        local = le32(buf + 42);
        if (nlen == 0 || local >= cd_off || end - pos - CDH_LEN < (uint64_t)nlen + rest)
            return -FT_E_ARCHIVE;
        if (r->read_at(r->ctx, pos + CDH_LEN, buf, nlen) < 0)
            return -FT_E_IO;
        zip_note(z, (const char *)buf, nlen, local);
        pos += CDH_LEN + nlen + rest;
    }
    return pos == end ? 0 : -FT_E_ARCHIVE;
}

/* The first local header is a stored, uncompressed "mimetype" entry holding exactly
 * the ODT media type. */
static int odt_mimetype(const struct ft_reader *r, unsigned char *buf)
{
    const size_t mlen = sizeof(ODT_MIME) - 1;
    uint64_t data;

    if (r->size < LFH_LEN)
        return -FT_E_ARCHIVE;
    if (r->read_at(r->ctx, 0, buf, LFH_LEN) < 0)
        return -FT_E_IO;
    if (le16(buf + 8) != 0 || le32(buf + 18) != mlen || le32(buf + 22) != mlen ||
        le16(buf + 26) != 8)
        return -FT_E_ARCHIVE;
    data = LFH_LEN + 8 + (uint64_t)le16(buf + 28);
    if (data + mlen > r->size || r->read_at(r->ctx, LFH_LEN, buf, 8) < 0 ||
        memcmp(buf, "mimetype", 8) != 0)
        return -FT_E_ARCHIVE;
    if (r->read_at(r->ctx, data, buf, mlen) < 0)
        return -FT_E_IO;
    return memcmp(buf, ODT_MIME, mlen) == 0 ? 0 : -FT_E_ARCHIVE;
}

static int zip_decide(const struct ft_reader *r, unsigned char *buf, const struct zip_scan *z,
                      enum ft_type *type)
{
    int ooxml = z->content_types && (z->word != z->xl);
    int odt = z->mimetype_first && z->content;

    if (ooxml && odt)
        return -FT_E_ARCHIVE;
    if (ooxml) {
        if (z->vba)
            return -FT_E_MACROS;
        *type = z->word ? FT_DOCX : FT_XLSX;
        return 0;
    }
    if (odt) {
        int rc = odt_mimetype(r, buf);

        if (rc < 0)
            return rc;
        if (z->odf_macros || z->vba)
            return -FT_E_MACROS;
        *type = FT_ODT;
        return 0;
    }
    return -FT_E_ARCHIVE;
}

static int zip_detect(const struct ft_reader *r, enum ft_type *type)
{
    unsigned char *buf = malloc(EOCD_LEN + ZIP_NAME_MAX);
    struct zip_scan z = {0};
    uint64_t eocd, cd_size, cd_off;
    uint32_t entries;
    int rc;

    if (buf == NULL) {
        log_err("filetype: out of memory");
        return -FT_E_IO;
    }
    rc = zip_eocd(r, buf, &eocd, &entries, &cd_size, &cd_off);
    if (rc == 0)
        rc = zip_walk(r, buf, entries, cd_off, cd_size, &z);
    if (rc == 0)
        rc = zip_decide(r, buf, &z, type);
    free(buf);
    return rc;
}

int ft_detect(const struct ft_reader *r, enum ft_type *type)
{
    unsigned char head[FT_SNIFF_BYTES];
    unsigned char tail[PDF_TAIL];
    size_t n = r->size < FT_SNIFF_BYTES ? (size_t)r->size : FT_SNIFF_BYTES;
    enum ft_type t = FT_PDF;
    int rc;

    if (r->size == 0)
        return -FT_E_EMPTY;
    if (r->read_at(r->ctx, 0, head, n) < 0)
        return -FT_E_IO;
    rc = ft_sniff(head, n, &t);
    if (rc == 1)
        return zip_detect(r, type);
    if (rc < 0)
        return rc;
    if (t == FT_PDF)
        rc = pdf_check(r, tail);
    else if (t == FT_WEBP)
        rc = webp_check(r, head);
    if (rc == 0)
        *type = t;
    return rc;
}

/* ---- readers ---- */

static int fd_read_at(void *ctx, uint64_t off, void *buf, size_t len)
{
    int fd = *(const int *)ctx;
    char *p = buf;

    while (len > 0) {
        ssize_t k = pread(fd, p, len, (off_t)off);

        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k < 0)
                log_err("filetype: read: %s", strerror(errno));
            return -1;
        }
        p += k;
        off += (uint64_t)k;
        len -= (size_t)k;
    }
    return 0;
}

int ft_detect_fd(int fd, enum ft_type *type)
{
    struct stat st;
    struct ft_reader r = {0, fd_read_at, &fd};

    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        log_err("filetype: not a readable regular file");
        return -FT_E_IO;
    }
    r.size = (uint64_t)st.st_size;
    return ft_detect(&r, type);
}

struct mem {
    const unsigned char *data;
    size_t len;
};

static int mem_read_at(void *ctx, uint64_t off, void *buf, size_t len)
{
    const struct mem *m = ctx;

    if (off > m->len || len > m->len - off)
        return -1;
    memcpy(buf, m->data + off, len);
    return 0;
}

int ft_detect_mem(const void *data, size_t len, enum ft_type *type)
{
    struct mem m = {data, len};
    struct ft_reader r = {len, mem_read_at, &m};

    return ft_detect(&r, type);
}
