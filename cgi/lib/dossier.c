/*
 * dossier.c — shared dossier facts (dossier.h).
 */
#include "dossier.h"

#include <string.h>

int area_covers(const char *scope, const char *area)
{
    size_t n = strlen(scope);

    return n > 0 && strncmp(scope, area, n) == 0 && (area[n] == '\0' || area[n] == '/');
}

const char *const dossier_status_names[DS__MAX + 1] = {
    "draft", "submitted", "returned", "accepted", "scored", "decided", NULL};
const char *const dossier_status_labels[DS__MAX] = {"Đang soạn",    "Đã nộp, chờ kiểm tra",
                                                    "Bị trả lại",   "Đã tiếp nhận",
                                                    "Đã chấm điểm", "Đã có kết quả"};

int dossier_status_from(const char *name)
{
    for (int i = 0; name && i < DS__MAX; i++)
        if (strcmp(name, dossier_status_names[i]) == 0)
            return i;
    return -1;
}

const char *dossier_status_label(const char *name)
{
    return code_label(dossier_status_names, dossier_status_labels, name, "");
}

void dossier_rows_label(json_t *rows)
{
    db_rows_label(rows, "status", dossier_status_names, dossier_status_labels);
    db_rows_label(rows, "level", rules_level_names, rules_level_labels);
}

const char *const subject_kind_names[] = {"cooperative", "coop_group", "household",
                                          "enterprise",  "farm",       NULL};
const char *const subject_kind_labels[] = {
    "Hợp tác xã", "Tổ hợp tác", "Hộ sản xuất có đăng ký kinh doanh", "Doanh nghiệp", "Trang trại"};

const char *subject_kind_label(const char *name)
{
    for (int i = 0; subject_kind_names[i]; i++)
        if (strcmp(name, subject_kind_names[i]) == 0)
            return subject_kind_labels[i];
    return name;
}

static const char *const regime_db[REGIME__MAX] = {"1048", "148", "1489"};

const char *regime_db_name(enum rules_regime g)
{
    return (unsigned)g < REGIME__MAX ? regime_db[g] : "?";
}

int regime_from_db(const char *s, enum rules_regime *out)
{
    for (int g = 0; s && g < REGIME__MAX; g++)
        if (strcmp(s, regime_db[g]) == 0) {
            *out = (enum rules_regime)g;
            return 0;
        }
    return -1;
}

const struct rules_area *dossier_rules(struct rules *r, const char *area)
{
    char code[160];
    size_t p = strcspn(area, "/"), d;
    const struct rules_area *a = NULL;

    if (area[p] == '/') {
        d = p + 1 + strcspn(area + p + 1, "/");
        if (d < sizeof(code)) {
            memcpy(code, area, d);
            code[d] = '\0';
            a = rules_get(r, code);
        }
    }
    if (a == NULL && p < sizeof(code)) {
        memcpy(code, area, p);
        code[p] = '\0';
        a = rules_get(r, code);
    }
    return a;
}

int role_level(enum role r)
{
    switch (r) {
    case ROLE_COMMUNE:
        return LEVEL_COMMUNE;
    case ROLE_DISTRICT:
        return LEVEL_DISTRICT;
    case ROLE_PROVINCE:
        return LEVEL_PROVINCE;
    default:
        return -1;
    }
}

int64_t add_working_days(int64_t day, int n)
{
    while (n > 0) {
        day += 86400;
        int wd = (int)((day / 86400 + 4) % 7); /* 1970-01-01 was a Thursday: 0 = Sunday */
        if (wd != 0 && wd != 6)
            n--;
    }
    return day;
}

static const char SQL_LOAD[] =
    "SELECT d.id, d.product_id, p.subject_id, coalesce(d.previous_id, 0), d.province, "
    "d.area_code, d.level, d.regime, d.status, d.year, d.round, p.name, p.group_code, "
    "p.group_regime, s.name, coalesce(d.return_reason, ''), d.created_at, "
    "coalesce(d.submitted_at, 0), coalesce(d.checked_at, 0) "
    "FROM dossier d JOIN product p ON p.id = d.product_id JOIN subject s ON s.id = p.subject_id "
    "WHERE d.id = ?";

int dossier_load(struct db *db, int64_t id, struct dossier *d)
{
    sqlite3_stmt *st = db_stmt(db, SQL_LOAD);
    int rc;

    memset(d, 0, sizeof(*d));
    if (st == NULL || db_bind_int(st, 1, id) != 0)
        return -1;
    rc = db_step_row(db, st);
    if (rc == 1) {
        d->id = sqlite3_column_int64(st, 0);
        d->product_id = sqlite3_column_int64(st, 1);
        d->subject_id = sqlite3_column_int64(st, 2);
        d->previous_id = sqlite3_column_int64(st, 3);
        db_col_text(st, 4, d->province, sizeof(d->province));
        db_col_text(st, 5, d->area_code, sizeof(d->area_code));
        db_col_text(st, 6, d->level, sizeof(d->level));
        db_col_text(st, 7, d->regime, sizeof(d->regime));
        db_col_text(st, 8, d->status, sizeof(d->status));
        d->year = sqlite3_column_int(st, 9);
        d->round = sqlite3_column_int(st, 10);
        db_col_text(st, 11, d->product_name, sizeof(d->product_name));
        db_col_text(st, 12, d->group_code, sizeof(d->group_code));
        db_col_text(st, 13, d->group_regime, sizeof(d->group_regime));
        db_col_text(st, 14, d->subject_name, sizeof(d->subject_name));
        db_col_text(st, 15, d->return_reason, sizeof(d->return_reason));
        d->created_at = sqlite3_column_int64(st, 16);
        d->submitted_at = sqlite3_column_int64(st, 17);
        d->checked_at = sqlite3_column_int64(st, 18);
    }
    sqlite3_reset(st);
    return rc;
}
