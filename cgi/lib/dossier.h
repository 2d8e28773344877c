/*
 * dossier.h — what the programs share about producers, products and dossiers: who may
 * act in an area, the dossier's states and their Vietnamese names, the regime names
 * the database stores, working days for check periods, and loading one dossier with
 * its product and producer.
 *
 * Ownership: struct dossier is a plain value filled by dossier_load().
 */
#ifndef OCOP_DOSSIER_H
#define OCOP_DOSSIER_H

#include "auth.h"
#include "db.h"
#include "rules.h"

#include <jansson.h>
#include <stdint.h>

/* Does an official of area scope act on area? "ha-giang" covers "ha-giang" and
 * "ha-giang/dong-van/lung-cu", not "ha-giang-2". */
int area_covers(const char *scope, const char *area);

enum dossier_status {
    DS_DRAFT,
    DS_SUBMITTED,
    DS_RETURNED,
    DS_ACCEPTED,
    DS_SCORED,
    DS_DECIDED,
    DS__MAX
};
extern const char *const dossier_status_names[DS__MAX + 1]; /* db values, NULL-terminated */
extern const char *const dossier_status_labels[DS__MAX];    /* Vietnamese */
int dossier_status_from(const char *name);                  /* enum or -1 */
const char *dossier_status_label(const char *name);         /* "" when none */
/* Puts status_label and level_label beside each row's status and level (rows of a
 * list of dossiers or councils, as db_rows_json makes them). */
void dossier_rows_label(json_t *rows);

extern const char *const subject_kind_names[]; /* db values, NULL-terminated */
extern const char *const subject_kind_labels[];
const char *subject_kind_label(const char *name);

/* The regime as the database writes it: "1048", "148", "1489". */
const char *regime_db_name(enum rules_regime g);
int regime_from_db(const char *s, enum rules_regime *out);

/* The rules that govern an area: its district's file when it has one, else its
 * province's. NULL when neither is loaded. */
const struct rules_area *dossier_rules(struct rules *r, const char *area);

/* The level an official of this role receives dossiers at, or -1. */
int role_level(enum role r);

/* The day n working days (Monday–Friday) after day (midnight UTC). */
int64_t add_working_days(int64_t day, int n);

struct dossier {
    int64_t id, product_id, subject_id, previous_id;
    char province[64], area_code[128], level[16], regime[8], status[16];
    int year, round;
    char product_name[304], group_code[20], group_regime[8], subject_name[304];
    char return_reason[2048];
    int64_t created_at, submitted_at, checked_at;
};
/* 1 with d filled, 0 when there is no such dossier, -1 on a database error. */
int dossier_load(struct db *db, int64_t id, struct dossier *d);

#endif
