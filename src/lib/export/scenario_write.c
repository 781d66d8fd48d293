/* A scenario run written out: the baseline and the network under the shock, side by side. */
#include "chokepoint/export.h"

#include <math.h>
#include <string.h>

#include "chokepoint/flow.h"
#include "chokepoint/format.h"
#include "json_write.h"
#include "scenario_time.h"
#include "numfmt.h"
#include "views_write.h"

void ckp_scenario_write_options_init(ckp_scenario_write_options *opts)
{
    memset(opts, 0, sizeof *opts);
}

/* Position of node `id` among a dependency's end users, or -1 (the scenario removed it). */
static igraph_integer_t dep_index(const ckp_network *net, const ckp_dependency *d, const char *id)
{
    /* end_users are in node order: a binary search, not a scan per end user (quadratic) */
    igraph_integer_t v = ckp_network_find(net, id), lo = 0, hi = d->n_end_users;
    while (lo < hi) {
        igraph_integer_t mid = lo + (hi - lo) / 2;
        if (d->end_users[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return v >= 0 && lo < d->n_end_users && d->end_users[lo] == v ? lo : -1;
}

/* "shock  2 nodes and 5 edges taken out; embargo CN->JP; mp_sep capacity x0.5" */
static void text_shock(ckp_buf *b, const ckp_scenario *s, const ckp_scenario_report *r)
{
    char x[64];
    ckp_buf_printf(b, "shock      %lld nodes and %lld edges taken out", (long long)r->removed_nodes,
                   (long long)r->removed_edges);
    for (igraph_integer_t i = 0; i < s->n_embargoes; i++) {
        const ckp_embargo *em = &s->embargoes[i];
        ckp_buf_printf(b, "%s embargo %s->%s", i ? "," : ";", em->from, em->to);
        for (igraph_integer_t k = 0; k < em->n_materials; k++) /* "CN->* (dytb)" */
            ckp_buf_printf(b, "%s%s%s", k ? ", " : " (", em->materials[k],
                           k + 1 < em->n_materials ? "" : ")");
    }
    for (igraph_integer_t i = 0; i < s->n_capacity; i++) {
        if (isnan(s->capacity[i].factor))
            ckp_buf_printf(b, "%s %s capacity %s", i ? "," : ";", s->capacity[i].node,
                           ckp_fmt_amount(x, sizeof x, s->capacity[i].capacity));
        else
            ckp_buf_printf(b, "%s %s capacity x%g", i ? "," : ";", s->capacity[i].node,
                           s->capacity[i].factor);
    }
    ckp_buf_puts(b, "\n\n");
}

/* One line of the side-by-side table: tonnes before and after. */
static void amount_row(ckp_buf *b, const char *label, double baseline, double scenario)
{
    char x[64], y[64];
    ckp_buf_printf(b, "%-22s %14s %14s\n", label, ckp_fmt_amount(x, sizeof x, baseline),
                   ckp_fmt_amount(y, sizeof y, scenario));
}

/* Demand, served, shortfall and SPOF counts, then the most each end user can receive. */
static void text_supply(ckp_buf *b, const ckp_network *net, const ckp_scenario_report *r)
{
    char x[64], y[64], z[64], w[64];
    double base_short = ckp_round_flow(r->demand - r->baseline_served);
    double short_ = ckp_round_flow(r->demand - r->served);
    ckp_buf_printf(b, "%-22s %14s %14s\n", "", "baseline", "scenario");
    amount_row(b, "demand", r->demand, r->demand);
    amount_row(b, "served", r->baseline_served, r->served);
    amount_row(b, "shortfall", base_short, short_);
    ckp_buf_printf(b, "%-22s %13.1f%% %13.1f%%\n", "shortfall share",
                   ckp_pct(base_short, r->demand), ckp_pct(short_, r->demand));
    ckp_buf_printf(b, "%-22s %14lld %14lld\n", "single points of failure",
                   (long long)r->spofs_baseline, (long long)r->spofs_scenario);

    ckp_buf_puts(b, "\nend users: the most each can receive alone\n");
    ckp_buf_printf(b, "  %-24s %10s %10s %10s %10s\n", "end user", "demand", "baseline", "scenario",
                   "change");
    for (igraph_integer_t k = 0; k < r->n_end_users; k++) {
        const ckp_user_impact *u = &r->end_users[k];
        ckp_buf_printf(b, "  %-24s %10s %10s %10s %10s\n", ckp_node_id(net, u->node),
                       ckp_fmt_amount(x, sizeof x, u->demand),
                       ckp_fmt_amount(y, sizeof y, u->baseline_max),
                       ckp_fmt_amount(z, sizeof z, u->scenario_max),
                       ckp_fmt_amount(w, sizeof w,
                                      ckp_round_flow(u->scenario_max - u->baseline_max)));
    }
    if (r->views.ranges_partial)
        ckp_buf_puts(b, "  (a best allocation each: only for the end users that get ranges below, "
                        "\"-\" for the others)\n");
}

/* "a, b" or "-" */
static void text_nodes(ckp_buf *b, const ckp_network *net, const igraph_integer_t *nodes,
                       igraph_integer_t n)
{
    for (igraph_integer_t i = 0; i < n; i++)
        ckp_buf_printf(b, "%s%s", i ? ", " : "", ckp_node_id(net, nodes[i]));
    ckp_buf_puts(b, n ? "\n" : "-\n");
}

/* Each end user's origin at each tier, before and after the shock. */
static void text_origin(ckp_buf *b, const ckp_network *net, const ckp_scenario_report *r)
{
    ckp_buf_puts(b, "\norigin of each end user's inflow, before -> after the shock\n");
    const ckp_dependency *bd = &r->baseline_origin, *sd = &r->scenario_origin;
    for (igraph_integer_t k = 0; k < bd->n_end_users; k++) {
        const char *id = ckp_node_id(net, bd->end_users[k]);
        igraph_integer_t sk = dep_index(r->shocked, sd, id);
        ckp_buf_printf(b, "  %s\n", id);
        for (igraph_integer_t t = 0; t < bd->n_tiers; t++) {
            ckp_buf_printf(b, "    %-14s ", ckp_network_tier_name(net, t));
            ckp_origin_shares_write(b, net, bd, k, t);
            ckp_buf_printf(b, "\n    %-14s -> ", "");
            if (sk < 0)
                ckp_buf_puts(b, "(removed)");
            else
                ckp_origin_shares_write(b, r->shocked, sd, sk, t);
            ckp_buf_puts(b, "\n");
        }
    }
}

static void text_report(ckp_buf *b, const ckp_network *net, const ckp_scenario *s,
                        const ckp_scenario_report *r, const ckp_scenario_write_options *opts)
{
    ckp_buf_printf(b, "scenario   %s\n", s->name);
    if (s->description)
        ckp_buf_printf(b, "           %s\n", s->description);
    if (s->source)
        ckp_buf_printf(b, "source     %s\n", s->source);
    if (opts->network_path)
        ckp_buf_printf(b, "network    %s (%s)\n", ckp_network_name(net), opts->network_path);
    else
        ckp_buf_printf(b, "network    %s\n", ckp_network_name(net));
    text_shock(b, s, r);
    if (r->views.available)
        ckp_views_write_headlines(b, net, s, &r->views);
    text_supply(b, net, r);
    if (r->views.available)
        ckp_views_write_text(b, &r->views);
    ckp_buf_puts(b, "\nsingle points of failure\n  appear:    ");
    text_nodes(b, net, r->appear, r->n_appear);
    ckp_buf_puts(b, "  disappear: ");
    text_nodes(b, net, r->disappear, r->n_disappear);
    text_origin(b, net, r);
}

/* Every country's share of end user k at tier t; an empty object when k < 0 (removed). */
static void json_shares(cJSON *obj, const char *key, const ckp_network *net,
                        const ckp_dependency *d, igraph_integer_t k, igraph_integer_t t)
{
    cJSON *shares = cJSON_AddObjectToObject(obj, key);
    if (k < 0)
        return;
    const ckp_tier_origin *o = &d->tiers[t];
    for (igraph_integer_t c = 0; c < o->n_countries; c++) {
        double s = o->shares[k * o->n_countries + c];
        if (s > 0)
            ckp_json_add_number(shares, ckp_network_country_name(net, o->countries[c]), s);
    }
}

static void json_node_ids(cJSON *obj, const char *key, const ckp_network *net,
                          const igraph_integer_t *nodes, igraph_integer_t n)
{
    cJSON *a = cJSON_AddArrayToObject(obj, key);
    for (igraph_integer_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(ckp_node_id(net, nodes[i])));
}

static void json_head(cJSON *doc, const ckp_network *net, const ckp_scenario *s,
                      const ckp_scenario_report *r)
{
    cJSON_AddNumberToObject(doc, "schema_version", CKP_SCHEMA_VERSION);
    cJSON *js = cJSON_AddObjectToObject(doc, "scenario");
    cJSON_AddStringToObject(js, "name", s->name);
    if (s->description)
        cJSON_AddStringToObject(js, "description", s->description);
    if (s->source)
        cJSON_AddStringToObject(js, "source", s->source);
    cJSON_AddNumberToObject(js, "removed_nodes", (double)r->removed_nodes);
    cJSON_AddNumberToObject(js, "removed_edges", (double)r->removed_edges);
    cJSON_AddItemToObject(doc, "network", ckp_json_network(net));
    cJSON *sup = cJSON_AddObjectToObject(doc, "supply");
    double shortfall = ckp_round_flow(r->demand - r->served);
    ckp_json_add_number(sup, "demand", r->demand);
    ckp_json_add_number(sup, "served", r->served);
    ckp_json_add_number(sup, "baseline_served", r->baseline_served);
    ckp_json_add_number(sup, "shortfall", shortfall);
    ckp_json_add_number(sup, "shortfall_share", ckp_share_of(shortfall, r->demand));
    ckp_json_add_number(sup, "immediate_served", r->views.immediate_served);
    ckp_json_add_number(sup, "rerouted_served", r->views.rerouted_served);
    ckp_json_add_number(sup, "observed_served", r->views.observed_served);
    cJSON_AddBoolToObject(sup, "ranges_partial", r->views.ranges_partial);
}

static cJSON *json_report(const ckp_network *net, const ckp_scenario *s,
                          const ckp_scenario_report *r)
{
    cJSON *doc = cJSON_CreateObject();
    if (!doc)
        return NULL;
    json_head(doc, net, s, r);
    cJSON *users = cJSON_AddArrayToObject(doc, "end_users");
    for (igraph_integer_t k = 0; k < r->n_end_users; k++) {
        const ckp_user_impact *u = &r->end_users[k];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddItemToArray(users, j);
        cJSON_AddStringToObject(j, "id", ckp_node_id(net, u->node));
        ckp_json_add_number(j, "demand", u->demand);
        ckp_json_add_number(j, "baseline_max", u->baseline_max);
        ckp_json_add_number(j, "scenario_max", u->scenario_max);
        const ckp_views_entry *e = ckp_views_find(r->views.end_users, r->views.n_end_users,
                                                  ckp_node_id(net, u->node));
        if (e)
            ckp_views_json_entry(j, e, 0);
    }
    if (r->views.available)
        ckp_views_json_tables(doc, &r->views);
    cJSON *sp = cJSON_AddObjectToObject(doc, "single_points_of_failure");
    cJSON_AddNumberToObject(sp, "baseline", (double)r->spofs_baseline);
    cJSON_AddNumberToObject(sp, "scenario", (double)r->spofs_scenario);
    json_node_ids(sp, "appear", net, r->appear, r->n_appear);
    json_node_ids(sp, "disappear", net, r->disappear, r->n_disappear);
    cJSON *dep = cJSON_AddArrayToObject(doc, "dependency");
    const ckp_dependency *bd = &r->baseline_origin, *sd = &r->scenario_origin;
    for (igraph_integer_t k = 0; k < bd->n_end_users; k++) {
        const char *id = ckp_node_id(net, bd->end_users[k]);
        igraph_integer_t sk = dep_index(r->shocked, sd, id);
        for (igraph_integer_t t = 0; t < bd->n_tiers; t++) {
            cJSON *j = cJSON_CreateObject();
            cJSON_AddItemToArray(dep, j);
            cJSON_AddStringToObject(j, "end_user", id);
            cJSON_AddStringToObject(j, "tier", ckp_network_tier_name(net, t));
            json_shares(j, "baseline", net, bd, k, t);
            json_shares(j, "scenario", r->shocked, sd, sk, t);
        }
    }
    cJSON *w = cJSON_AddArrayToObject(doc, "warnings");
    for (igraph_integer_t i = 0; i < r->warnings.n; i++)
        cJSON_AddItemToArray(w, cJSON_CreateString(r->warnings.items[i]));
    return doc;
}

ckp_code ckp_scenario_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                            const ckp_scenario *s, const ckp_scenario_report *r,
                            const ckp_scenario_write_options *opts, ckp_error *err)
{
    ckp_scenario_write_options defaults;
    if (!opts) {
        ckp_scenario_write_options_init(&defaults);
        opts = &defaults;
    }
    if (format == CKP_FORMAT_JSON) {
        cJSON *doc = json_report(net, s, r);
        if (doc && opts->time)
            ckp_scenario_json_time(doc, opts->time);
        ckp_json_doc(out, doc);
    } else if (format != CKP_FORMAT_TEXT) {
        return ckp_error_set(err, CKP_EUSAGE, "a scenario is written as text or json, not csv");
    } else {
        text_report(out, net, s, r, opts);
        if (opts->time)
            ckp_scenario_text_time(out, net, opts->time);
    }
    return out->oom ? ckp_error_set(err, CKP_EINTERNAL, "out of memory") : CKP_OK;
}
