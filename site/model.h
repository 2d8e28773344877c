/*
 * model.h — what one site build knows: the database read in one transaction (a
 * consistent snapshot) into plain structs — the administrative areas with their 2025
 * successors, every product that holds or held a certificate, the certificates and
 * their events, public photos — plus the names of product groups from the rules.
 * Statuses are judged as of the build's day: a valid certificate past its validity is
 * shown as expired even before `ocop certificates expire` has run.
 *
 * Ownership: every string and array belongs to the model's pool and arrays; all of it
 * lives until model_free().
 */
#ifndef OCOP_SITE_MODEL_H
#define OCOP_SITE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "pool.h"

enum cert_status { CS_VALID, CS_EXPIRED, CS_REVOKED, CS_REDUCED, CS__MAX };
extern const char *const cert_status_names[CS__MAX];  /* "valid", … as in the database */
extern const char *const cert_status_labels[CS__MAX]; /* "CÒN HIỆU LỰC", … */

struct m_area {
    const char *code, *name, *level, *parent, *valid_to, *successor;
    /* parent and successor found once (model_load): walked per product, by code they
     * were a third of the fingerprints' work */
    const struct m_area *up, *next;
};

struct m_cert;
struct m_product;

struct m_event {
    int64_t id, at, cert_id;
    const char *kind, *note;
    struct m_cert *cert;
};

struct m_cert {
    int64_t id, product_id;
    const char *number, *slug; /* slug: the verification page's folder */
    const char *issuer_level, *issuer_area, *regime, *decision_no, *decision_date;
    const char *issued, *valid_until, *reason;
    int stars;
    enum cert_status status; /* as of the build's day */
    struct m_product *product;
    struct m_event *events; /* oldest first */
    size_t nevents;
};

struct m_photo {
    int64_t product_id;
    const char *sha256, *caption;
    const char *ext; /* "jpg", "png", "webp": set by the build once the bytes are seen */
};

struct m_product {
    int64_t id;
    const char *slug, *name, *regime, *group, *area, *description;
    const char *producer, *producer_kind;
    const char *sort_key; /* folded name, for listings */
    struct m_cert *certs; /* oldest first; the last one is the product's current state */
    size_t ncerts;
    struct m_photo *photos;
    size_t nphotos;
    /* its places when certified and today, worked out on first use by site_places() */
    const struct m_area *places_then[3], *places_now[3];
    int places_known;
};

struct m_group {
    const char *regime, *code, *name;
    size_t order; /* its place in the rules (the first of equal codes wins) */
};

struct site_model {
    struct pool pool;      /* the strings of everything but the certificates and events */
    struct pool cert_pool; /* theirs, when a second reader read them (model_load) */
    struct m_area *areas;  /* sorted by code */
    size_t nareas;
    struct m_product *products; /* by id */
    size_t nproducts;
    struct m_cert *certs; /* by product, then issue date */
    size_t ncerts;
    struct m_event *events; /* by certificate id, then time */
    size_t nevents;
    struct m_photo *photos; /* by product id */
    size_t nphotos;
    struct m_group *groups; /* every group of the national rules, by regime and code */
    size_t ngroups;
    char today[11];
};

/* Reads the snapshot (the caller holds the read transaction). db2, when not NULL, is a
 * second connection reading the same snapshot (db_twin_reader): a thread reads the
 * certificates and events through it. rules_root may be NULL (groups are then shown by
 * code). 0 or -1 (logged); on -1 the model is freed already. */
int model_load(struct site_model *m, struct db *db, struct db *db2, const char *rules_root,
               int64_t today);
void model_free(struct site_model *m);

const struct m_area *model_area(const struct site_model *m, const char *code);
/* The unit as of today: itself while it exists, else its successor (followed); NULL
 * when it ended without one (the districts, on 1 July 2025). */
const struct m_area *model_area_now(const struct site_model *m, const struct m_area *a);
/* The ancestor of a (or a itself) at level ("province", "district"), or NULL. */
const struct m_area *model_ancestor(const struct site_model *m, const struct m_area *a,
                                    const char *level);
/* The group's name in the national rules, or the code itself when unknown. */
const char *model_group_name(const struct site_model *m, const char *regime, const char *code);
/* The product's current certificate (its newest), never NULL for a product of the model. */
const struct m_cert *model_current(const struct m_product *p);

#endif
