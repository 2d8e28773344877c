/*
 * fuzz_json.c — libFuzzer target: a JSON request body the way a worker takes it. app.c
 * turns a JSON body into form fields (http_parse_json: one flat object of strings without
 * NUL, integers and booleans, at most HTTP_MAX_FIELDS of them); handlers then see them only
 * through the declared validators (http_validate), typed_values when a refused form is
 * shown again, and, for the score sheet, c_<code> as an option's index and n_<code> as a
 * note. Every accepted value is then checked against what its type promises.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "http.h"

static const char *const actions[] = {"draft", "submit", NULL};
static const char *const levels[] = {"commune", "district", "province", NULL};

/* The score draft's fields, and one of each other type as the programs declare them. */
static const struct field fields[] = {
    {"action", FIELD_ENUM, 1, 0, 0, actions, "Thao tác"},
    {"csrf", FIELD_TOKEN, 0, 1, 128, NULL, "Mã bảo vệ"},
    {"area_code", FIELD_SLUG, 0, 1, 127, NULL, "Địa bàn"},
    {"level", FIELD_ENUM, 0, 0, 0, levels, "Cấp"},
    {"year", FIELD_INT, 0, 2018, 2100, NULL, "Năm"},
    {"amount", FIELD_INT, 0, 1, INT64_MAX, NULL, "Số tiền"},
    {"name", FIELD_TEXT, 0, 1, 200, NULL, "Tên"},
    {"note", FIELD_MULTILINE, 0, 0, 1000, NULL, "Ghi chú"},
    {"decision_date", FIELD_DATE, 0, 0, 0, NULL, "Ngày quyết định"},
    {"public", FIELD_BOOL, 0, 0, 0, NULL, "Công khai"},
    {"password", FIELD_SECRET, 0, 1, 1024, NULL, "Mật khẩu"},
};

#define FORM_MAX_BYTES (8u << 20)

/* What a validated value of each type promises its handler. */
static int value_ok(const struct field *f, const struct field_value *v)
{
    if (!v->present)
        return 1;
    if (f->type == FIELD_BOOL)
        return v->i == 0 || v->i == 1;
    if (v->s == NULL || strlen(v->s) != v->len || v->len == 0)
        return 0;
    switch (f->type) {
    case FIELD_INT:
        return v->i >= f->min && v->i <= f->max;
    case FIELD_ENUM:
        return v->i >= 0 && strcmp(f->choices[v->i], v->s) == 0;
    case FIELD_DATE:
        return v->len == 10 && v->i % 86400 == 0;
    case FIELD_TEXT:
    case FIELD_SECRET:
    case FIELD_MULTILINE:
        return utf8_text_ok(v->s, v->len, f->type == FIELD_MULTILINE) &&
               (int64_t)v->len >= f->min && (int64_t)v->len <= f->max;
    case FIELD_SLUG:
        return v->s[0] != '/' && v->s[v->len - 1] != '/' && strstr(v->s, "//") == NULL &&
               strspn(v->s, "abcdefghijklmnopqrstuvwxyz0123456789-/") == v->len;
    case FIELD_TOKEN:
        return strspn(v->s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
               v->len;
    default:
        return 0;
    }
}

/* The score sheet's own reading (ocop-score.c, read_choices): a note is multiline text of
 * at most 500 bytes, a choice an index among at most 8 options. */
static void score_choices(const struct kvlist *form)
{
    for (size_t i = 0; i < form->n; i++) {
        const struct kv *kv = &form->v[i];
        int64_t o;
        if ((kv->key[0] != 'c' && kv->key[0] != 'n') || kv->key[1] != '_' ||
            kv_count(form, kv->key) != 1)
            continue;
        if (kv->key[0] == 'n')
            (void)(kv->vlen <= 500 && utf8_text_ok(kv->val, kv->vlen, 1));
        else if (kv->vlen && parse_int64(kv->val, kv->vlen, 0, 7, &o) == 0 && (o < 0 || o > 7))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pool pool = {.limit = FORM_MAX_BYTES};
    struct kvlist form = {0};
    struct field_value v[ARRAY_LEN(fields)];
    struct field_error e;

    if (size > HTTP_MAX_FORM_BODY) /* nginx and content_length() refuse more */
        return 0;
    if (http_parse_json(&pool, (const char *)data, size, &form) == 0) {
        if (form.n > HTTP_MAX_FIELDS)
            abort();
        if (http_validate(&pool, fields, ARRAY_LEN(fields), &form, v, &e) == 0) {
            for (size_t i = 0; i < ARRAY_LEN(fields); i++)
                if (!value_ok(&fields[i], &v[i]))
                    abort();
        } else if (e.field == NULL || e.message[0] == '\0') {
            abort(); /* a refusal always names its field, in a sentence */
        }
        json_decref(typed_values(fields, ARRAY_LEN(fields), &form));
        score_choices(&form);
    }
    pool_free(&pool);
    return 0;
}
