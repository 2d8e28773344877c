/*
 * rules_json.c — the effective rules of an area, and a score sheet, as JSON (rules.h):
 * what `ocop rules show` prints and what the /app/rules page renders. Read from the C
 * cache only; no Lua runs here.
 *
 * Ownership: each function returns a new reference; NULL on allocation failure.
 */
#include "rules_internal.h"

#include <string.h>

/* jansson's json_object_set_new ignores a NULL value; these keep the calls short. */
static void put(json_t *o, const char *key, json_t *v)
{
    if (v)
        json_object_set_new(o, key, v);
}

static void put_str(json_t *o, const char *key, const char *s)
{
    if (s)
        put(o, key, json_string(s));
}

static void put_int(json_t *o, const char *key, int64_t n)
{
    put(o, key, json_integer((json_int_t)n));
}

static void put_date(json_t *o, const char *key, int64_t t)
{
    char d[11];

    if (t) {
        format_date(t, d);
        put_str(o, key, d);
    }
}

static json_t *str_array(const char *const *s, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_string(s[i]));
    return a;
}

static json_t *refs_json(const struct rref *r, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < n; i++) {
        json_t *o = json_object();
        put_str(o, "number", r[i].number);
        put_str(o, "what", r[i].what);
        put_str(o, "source", r[i].source);
        put_date(o, "date", r[i].date);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *routing_json(const struct rules_routing *r)
{
    json_t *o = json_object();

    put(o, "scores", json_boolean(r->scores));
    put(o, "assesses", json_boolean(r->assesses));
    put(o, "abolished", json_boolean(r->abolished));
    put_int(o, "certify_min", r->certify_min);
    put_int(o, "certify_max", r->certify_max);
    put_int(o, "forward_min", r->forward_min);
    put_str(o, "issuer", r->issuer);
    put_str(o, "role", r->role);
    return o;
}

static json_t *regimes_json(const struct rules_area *a)
{
    json_t *list = json_array();

    for (int g = 0; list && g < REGIME__MAX; g++) {
        json_t *o = json_object(), *rt = json_object();
        put_str(o, "code", rules_regime_names[g]);
        put_str(o, "name", a->regime_label[g]);
        put_str(o, "decision", a->regime_decision[g]);
        put_date(o, "from", a->regime_from[g]);
        for (int lv = 0; lv < LEVEL__MAX; lv++)
            put(rt, rules_level_names[lv], routing_json(&a->routing[g][lv]));
        put(o, "routing", rt);
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *documents_json(const struct rules_area *a)
{
    json_t *list = json_array();

    for (size_t i = 0; list && i < a->ndocs; i++) {
        const struct rules_document *d = &a->docs[i];
        json_t *o = json_object(), *rg = json_array(), *lv = json_array();
        put_str(o, "code", d->code);
        put_str(o, "name", d->name);
        put_str(o, "note", d->note);
        put(o, "mandatory", json_boolean(d->mandatory));
        for (int g = 0; g < REGIME__MAX; g++)
            if (!d->regimes || (d->regimes & (1u << g)))
                json_array_append_new(rg, json_string(rules_regime_names[g]));
        for (int l = 0; l < LEVEL__MAX; l++)
            if (!d->levels || (d->levels & (1u << l)))
                json_array_append_new(lv, json_string(rules_level_names[l]));
        put(o, "regimes", rg);
        put(o, "levels", lv);
        put(o, "groups", str_array(d->groups, d->ngroups));
        put(o, "except_groups", str_array(d->except_groups, d->nexcept));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *support_json(const struct support_rule *s)
{
    json_t *all = json_object();

    for (int c = 0; all && c < SUPPORT__MAX; c++) {
        const struct support_rule *r = &s[c];
        json_t *o, *am;
        if (!r->present)
            continue;
        o = json_object();
        put_str(o, "label", support_category_labels[c]);
        if (r->min_stars)
            put_int(o, "min_stars", r->min_stars);
        put(o, "after_recognition", json_boolean(r->after_recognition));
        if (r->recognised_by >= 0)
            put_str(o, "recognised_by", rules_level_names[r->recognised_by]);
        if (r->max_codes)
            put_int(o, "max_codes_per_type_per_org", r->max_codes);
        if (r->max_amount >= 0)
            put_int(o, "max_amount", r->max_amount);
        put(o, "once", json_boolean(r->once));
        if (r->has_amounts) {
            am = json_object();
            for (int k = 0; k < SUPPORT_KIND__MAX; k++) {
                json_t *stars = json_object();
                for (int st = 1; st <= STAR_MAX; st++) {
                    char key[2] = {(char)('0' + st), 0};
                    if (r->amounts[k][st] >= 0)
                        put_int(stars, key, r->amounts[k][st]);
                }
                put(am, support_kind_names[k], stars);
            }
            put(o, "amounts", am);
        }
        put(o, "items", str_array(r->items, r->nitems));
        put_str(o, "note", r->note);
        put_str(o, "source", r->source);
        put(all, support_category_names[c], o);
    }
    return all;
}

static json_t *rounds_json(const struct ryear *y)
{
    json_t *o = json_object();

    for (int lv = 0; o && lv < LEVEL__MAX; lv++) {
        json_t *list = NULL;
        for (size_t i = 0; i < y->nrounds; i++) {
            const struct rules_round *r = &y->rounds[i];
            json_t *e;
            if (r->level != (enum rules_level)lv)
                continue;
            if (list == NULL)
                list = json_array();
            e = json_object();
            put_int(e, "number", r->number);
            put_date(e, "open", r->open);
            put(e, "open_stated", json_boolean(r->open_stated));
            put_date(e, "close", r->close);
            put_str(e, "note", r->note);
            put_str(e, "source", r->source);
            json_array_append_new(list, e);
        }
        put(o, rules_level_names[lv], list);
    }
    return o;
}

static json_t *events_json(const struct ryear *y)
{
    json_t *list = json_array();

    for (size_t i = 0; list && i < y->nevents; i++) {
        const struct rules_event *e = &y->events[i];
        json_t *o = json_object();
        put_str(o, "what", e->what);
        put_str(o, "who", e->who);
        put_date(o, "from", e->from);
        put_date(o, e->deadline ? "by" : "to", e->to);
        put_str(o, "source", e->source);
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *targets_json(const struct ryear *y)
{
    json_t *list = json_array();

    for (size_t i = 0; list && i < y->ntargets; i++) {
        const struct rules_target *t = &y->targets[i];
        json_t *o = json_object();
        put_str(o, "code", t->code);
        put_str(o, "label", t->label);
        if (t->min >= 0)
            put_int(o, "min", t->min);
        if (t->max >= 0)
            put_int(o, "max", t->max);
        put_str(o, "unit", t->unit);
        put_str(o, "per", t->per);
        put(o, "approx", json_boolean(t->approx));
        put_str(o, "source", t->source);
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *reports_json(const struct ryear *y)
{
    json_t *list = json_array();

    for (size_t i = 0; list && i < y->nreports; i++) {
        const struct rules_report *r = &y->reports[i];
        json_t *o = json_object();
        put_str(o, "what", r->what);
        put_str(o, "every", rules_period_names[r->every]);
        if (r->month)
            put_int(o, "month", r->month);
        put_int(o, "day", r->day);
        put_str(o, "from", r->from);
        put_str(o, "to", r->to);
        put_str(o, "source", r->source);
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *budget_json(const struct ryear *y)
{
    json_t *o, *lines;

    if (y->budget_total < 0)
        return NULL;
    o = json_object();
    lines = json_array();
    put_int(o, "total", y->budget_total);
    put_str(o, "source", y->budget_source);
    put_str(o, "unit_in_plan", y->budget_unit);
    put_str(o, "note", y->budget_note);
    for (size_t i = 0; lines && i < y->nbudget; i++) {
        const struct rules_budget_line *b = &y->budget[i];
        json_t *e = json_object();
        put_str(e, "code", b->code);
        put_str(e, "label", b->label);
        put_int(e, "amount", b->amount);
        put_int(e, "depth", b->depth);
        put_str(e, "owner", b->owner);
        put_str(e, "when", b->when);
        put_str(e, "note", b->note);
        json_array_append_new(lines, e);
    }
    put(o, "lines", lines);
    return o;
}

static json_t *plan_json(const struct ryear *y)
{
    json_t *o;

    if (!y->has_plan)
        return NULL;
    o = json_object();
    put_str(o, "title", y->plan.title);
    put_str(o, "number", y->plan.number);
    put_date(o, "date", y->plan.date);
    put_str(o, "date_text", y->plan.date_text);
    put_str(o, "issuer", y->plan.issuer);
    put_str(o, "signer", y->plan.signer);
    put_str(o, "status", y->plan.status);
    put_str(o, "source", y->plan.source);
    put_str(o, "implements", y->plan.implements);
    put_str(o, "note", y->plan.note);
    return o;
}

static json_t *year_json(const struct ryear *y)
{
    json_t *o = json_object();

    put_int(o, "year", y->year);
    put(o, "plan", plan_json(y));
    put(o, "rounds", rounds_json(y));
    put(o, "calendar", events_json(y));
    put(o, "targets", targets_json(y));
    put(o, "reports", reports_json(y));
    put(o, "budget", budget_json(y));
    put(o, "support", support_json(y->support));
    put(o, "references", refs_json(y->refs, y->nrefs));
    put(o, "notes", str_array(y->notes, y->nnotes));
    return o;
}

static json_t *files_json(const struct rules_area *a)
{
    json_t *list = json_array();

    for (size_t i = 0; list && i < a->nfiles; i++) {
        json_t *o = json_object();
        char ts[32];
        format_timestamp(a->mtimes[i], ts);
        put_str(o, "path", a->paths[i]);
        put_str(o, "modified", ts);
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *sheets_json(const struct pstate *ps)
{
    json_t *list = json_array();

    for (size_t i = 0; list && i < ps->nsheets; i++) {
        const struct rules_sheet *s = &ps->sheets[i];
        json_t *o = json_object();
        put_str(o, "code", s->code);
        put_str(o, "name", s->name);
        put_str(o, "regime", rules_regime_names[s->regime]);
        put(o, "illustrative", json_boolean(s->illustrative));
        put(o, "default", json_boolean(s->is_default));
        put(o, "applies_to", str_array(s->applies_to, s->napplies));
        put_int(o, "criteria", (int64_t)s->ncriteria);
        put_str(o, "file", s->file);
        json_array_append_new(list, o);
    }
    return list;
}

json_t *rules_area_json(const struct rules_area *a, int year)
{
    json_t *o = json_object(), *bands = json_object(), *years = json_array(), *c;
    char ts[32];

    if (o == NULL || bands == NULL || years == NULL) {
        json_decref(o);
        json_decref(bands);
        json_decref(years);
        return NULL;
    }
    put_str(o, "area", a->code);
    put_str(o, "name", a->name);
    put(o, "district", json_boolean(a->district));
    put(o, "placeholder", json_boolean(a->placeholder));
    put_date(o, "valid_from", a->valid_from);
    put_date(o, "valid_to", a->valid_to);
    put_str(o, "merged_into", a->merged_into);
    put(o, "merged_from", str_array(a->merged_from, a->nmerged_from));
    format_timestamp(a->ps->loaded_at, ts);
    put_str(o, "loaded_at", ts);
    put(o, "files", files_json(a));
    put(o, "notes", str_array(a->notes, a->nnotes));
    put(o, "references", refs_json(a->refs, a->nrefs));
    put(o, "regimes", regimes_json(a));
    for (int s = 1; s <= STAR_MAX; s++) {
        char key[2] = {(char)('0' + s), 0};
        put_int(bands, key, a->band_min[s]);
    }
    put(o, "star_bands", bands);
    put_date(o, "district_level_ends", a->district_ends);
    c = json_object();
    put_int(c, "validity_months", a->cert_months);
    put_int(c, "min_stars", a->cert_min_stars);
    put(o, "certificate", c);
    c = json_object();
    put_int(c, "quorum_pct", a->quorum_pct);
    put_int(c, "spread_max", a->spread_max);
    put(c, "chair_required", json_boolean(a->chair_required));
    put(o, "council", c);
    put_int(o, "samples", a->samples);
    c = json_object();
    put_int(c, "max_file_mb", (int64_t)(a->uploads.max_file_bytes >> 20));
    put_int(c, "max_files", a->uploads.max_files);
    put_int(c, "max_total_mb", (int64_t)(a->uploads.max_total_bytes >> 20));
    put(o, "uploads", c);
    if (a->check_days)
        put_int(o, "dossier_check_working_days", a->check_days);
    put(o, "documents", documents_json(a));
    put(o, "support", support_json(a->support));
    put(o, "sheets", sheets_json(a->ps));
    for (size_t i = 0; i < a->nyears; i++)
        if (year == 0 || a->years[i].year == year)
            json_array_append_new(years, year_json(&a->years[i]));
    put(o, "years", years);
    return o;
}

json_t *rules_sheet_json(const struct rules_sheet *s)
{
    json_t *o = json_object(), *parts = json_array(), *gates = json_array();

    if (o == NULL || parts == NULL || gates == NULL) {
        json_decref(o);
        json_decref(parts);
        json_decref(gates);
        return NULL;
    }
    put_str(o, "code", s->code);
    put_str(o, "name", s->name);
    put_str(o, "regime", rules_regime_names[s->regime]);
    put_str(o, "source", s->source);
    put(o, "illustrative", json_boolean(s->illustrative));
    for (size_t p = 0; p < s->nparts; p++) {
        const struct rules_part *pt = &s->parts[p];
        json_t *po = json_object(), *groups = json_array();
        put_str(po, "code", pt->code);
        put_str(po, "name", pt->name);
        put_int(po, "max", pt->max);
        for (size_t g = 0; g < pt->ngroups; g++) {
            json_t *go = json_object(), *crit = json_array();
            put_str(go, "name", pt->groups[g].name);
            for (size_t c = 0; c < pt->groups[g].ncriteria; c++) {
                const struct rules_criterion *cr = &pt->groups[g].criteria[c];
                json_t *co = json_object(), *opts = json_array();
                put_str(co, "code", cr->code);
                put_str(co, "name", cr->name);
                put_int(co, "max", cr->max);
                for (size_t k = 0; k < cr->noptions; k++) {
                    json_t *oo = json_object();
                    put_str(oo, "label", cr->options[k].label);
                    put_int(oo, "points", cr->options[k].points);
                    json_array_append_new(opts, oo);
                }
                put(co, "options", opts);
                json_array_append_new(crit, co);
            }
            put(go, "criteria", crit);
            json_array_append_new(groups, go);
        }
        put(po, "groups", groups);
        json_array_append_new(parts, po);
    }
    put(o, "parts", parts);
    for (size_t i = 0; i < s->ngates; i++) {
        json_t *go = json_object();
        put_int(go, "star", s->gates[i].star);
        put_str(go, "criterion", s->criteria[s->gates[i].criterion]->code);
        put_int(go, "min", s->gates[i].min_points);
        put_str(go, "note", s->gate_notes[i]);
        json_array_append_new(gates, go);
    }
    put(o, "gates", gates);
    return o;
}
