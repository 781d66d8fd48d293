/* A comparison written out: the baseline and each plan, under each scenario, side by side. */
#include "chokepoint/export.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chokepoint/flow.h"
#include "chokepoint/format.h"
#include "escape.h"
#include "json_write.h"
#include "numfmt.h"

/* The plan-name column: as wide as the longest name, within reason. */
static int name_width(const ckp_comparison *c)
{
    int w = 8;
    for (igraph_integer_t p = 0; p < c->n_plans; p++)
        if ((int)strlen(c->plans[p].name) > w)
            w = (int)strlen(c->plans[p].name);
    return w > 48 ? 48 : w;
}

/* Each plan unshocked: demand, served, SPOFs, the worst end user's routes. */
static void text_plans(ckp_buf *b, const ckp_comparison *c, int w)
{
    char x[64], y[64];
    ckp_buf_printf(b, "%-*s %10s %10s %7s %6s %7s\n", w, "plan", "demand", "served", "served",
                   "SPOFs", "routes");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        const ckp_plan_result *r = &c->plans[p];
        char red[16];
        if (r->worst_redundancy < 0) /* a network with materials: not computed */
            snprintf(red, sizeof red, "-");
        else
            snprintf(red, sizeof red, "%s%lld", r->worst_redundancy_exact ? "" : ">=",
                     (long long)r->worst_redundancy);
        ckp_buf_printf(b, "%-*.*s %10s %10s %6.1f%% %6lld %7s\n", w, w, r->name,
                       ckp_fmt_amount(x, sizeof x, r->demand),
                       ckp_fmt_amount(y, sizeof y, r->served),
                       100 * ckp_served_share(r->served, r->demand), (long long)r->spof_count, red);
    }
}

/* The served total of plan r under scenario s in one view (a ckp_view bit). */
static double view_served(const ckp_plan_result *r, igraph_integer_t s, int view)
{
    return view == CKP_VIEW_IMMEDIATE  ? r->scenario_immediate[s]
           : view == CKP_VIEW_REROUTED ? r->scenario_rerouted[s]
                                       : r->scenario_served[s];
}

/* One view's matrix: a row per plan, a column per scenario. */
static void text_matrix(ckp_buf *b, const ckp_comparison *c, int w, int view)
{
    char x[64];
    ckp_buf_printf(b, "%s\n", view == CKP_VIEW_IMMEDIATE  ? "immediate (nobody adapts)"
                              : view == CKP_VIEW_REROUTED ? "rerouted (spare capacity only)"
                                                          : "reallocated (best allocation)");
    ckp_buf_printf(b, "%-*s", w, "plan");
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
        char head[16];
        snprintf(head, sizeof head, "S%lld", (long long)(s + 1));
        ckp_buf_printf(b, " %18s", head);
    }
    ckp_buf_puts(b, "\n");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        const ckp_plan_result *r = &c->plans[p];
        ckp_buf_printf(b, "%-*.*s", w, w, r->name);
        for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
            char cell[64];
            double v = view_served(r, s, view);
            if (isnan(v))
                snprintf(cell, sizeof cell, "-");
            else
                snprintf(cell, sizeof cell, "%s (%.1f%%)", ckp_fmt_amount(x, sizeof x, v),
                         100 * ckp_served_share(v, r->demand));
            ckp_buf_printf(b, " %18s", cell);
        }
        ckp_buf_puts(b, "\n");
    }
}

/* Served under each scenario (S1, S2, ...) in each view asked for, and the best plan under each. */
static void text_scenarios(ckp_buf *b, const ckp_comparison *c, int w, int views)
{
    ckp_buf_puts(b, "\nserved under each scenario (share of demand)\n");
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++)
        ckp_buf_printf(b, "  S%lld = %s\n", (long long)(s + 1), c->scenario_names[s]);
    for (int view = CKP_VIEW_IMMEDIATE; view <= CKP_VIEW_REALLOCATED; view <<= 1)
        if (views & view)
            text_matrix(b, c, w, view);
    ckp_buf_puts(b, "\nbest plan under each scenario\n");
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++)
        ckp_buf_printf(b, "  S%lld  %s\n", (long long)(s + 1),
                       c->best_per_scenario[s] ? c->plans[c->best_per_scenario[s]].name
                                               : "no plan does better than the baseline");
}

static void text_hhi(ckp_buf *b, const ckp_network *net, const ckp_comparison *c, int w)
{
    ckp_buf_puts(b, "\nHHI by tier (0-10000)\n");
    ckp_buf_printf(b, "%-*s", w, "plan");
    for (igraph_integer_t t = 0; t < ckp_network_tier_count(net); t++)
        ckp_buf_printf(b, " %11.11s", ckp_network_tier_name(net, t));
    ckp_buf_puts(b, "\n");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        const ckp_plan_result *r = &c->plans[p];
        ckp_buf_printf(b, "%-*.*s", w, w, r->name);
        for (igraph_integer_t t = 0; t < r->n_tiers; t++) {
            if (isnan(r->hhi[t]))
                ckp_buf_printf(b, " %11s", "-");
            else
                ckp_buf_printf(b, " %11.0f", r->hhi[t]);
        }
        ckp_buf_puts(b, "\n");
    }
}

/* Plan r's entry for end user `id`: plans may add or remove end users, so match by id. */
static const ckp_top_dependence *find_dependence(const ckp_plan_result *r, const char *id)
{
    for (igraph_integer_t j = 0; j < r->n_end_users; j++)
        if (!strcmp(r->dependence[j].end_user, id))
            return &r->dependence[j];
    return NULL;
}

/*
 * One row per baseline end user, one column per plan (P0 = the baseline, P1,
 * ...): the share traced to the dominant country, or (`without`) the most it
 * could receive with every node of that country lost.
 */
static void text_dependence_table(ckp_buf *b, const ckp_comparison *c, int without)
{
    const ckp_plan_result *base = &c->plans[0];
    int uw = 8;
    for (igraph_integer_t k = 0; k < base->n_end_users; k++)
        if ((int)strlen(base->dependence[k].end_user) > uw)
            uw = (int)strlen(base->dependence[k].end_user);
    ckp_buf_printf(b, "  %-*s", uw, "end user");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        char head[16];
        snprintf(head, sizeof head, "P%lld", (long long)p);
        ckp_buf_printf(b, " %7s", head);
    }
    ckp_buf_puts(b, "\n");
    for (igraph_integer_t k = 0; k < base->n_end_users; k++) {
        ckp_buf_printf(b, "  %-*s", uw, base->dependence[k].end_user);
        for (igraph_integer_t p = 0; p < c->n_plans; p++) {
            const ckp_top_dependence *d = find_dependence(&c->plans[p],
                                                          base->dependence[k].end_user);
            if (d)
                ckp_buf_printf(b, " %6.1f%%", 100 * (without ? d->without_dominant : d->share));
            else
                ckp_buf_printf(b, " %7s", "-");
        }
        ckp_buf_puts(b, "\n");
    }
}

static void text_report(ckp_buf *b, const ckp_network *net, const ckp_comparison *c, int views)
{
    int w = name_width(c);
    ckp_buf_printf(b, "network    %s\n", ckp_network_name(net));
    ckp_buf_printf(b, "plans      %lld (with the baseline), scenarios %lld\n\n",
                   (long long)c->n_plans, (long long)c->n_scenarios);
    text_plans(b, c, w);
    if (c->n_scenarios)
        text_scenarios(b, c, w, views);
    ckp_buf_printf(b, "\nbest in the worst case: %s\n",
                   c->best_worst_case ? c->plans[c->best_worst_case].name
                                      : "the baseline (no plan raises the worst case)");
    text_hhi(b, net, c, w);
    ckp_buf_printf(b, "\nhow much of each end user's supply traces to %s (the largest share "
                      "at any tier)\n", c->dominant_country[0] ? c->dominant_country : "-");
    for (igraph_integer_t p = 0; p < c->n_plans; p++)
        ckp_buf_printf(b, "  P%lld = %s\n", (long long)p, c->plans[p].name);
    text_dependence_table(b, c, 0);
    ckp_buf_printf(b, "\nthe most each end user could receive with every %s node lost "
                      "(share of its demand)\n", c->dominant_country);
    text_dependence_table(b, c, 1);
}

static void json_plan(cJSON *j, const ckp_network *net, const ckp_comparison *c,
                      const ckp_plan_result *r, int views)
{
    cJSON_AddStringToObject(j, "name", r->name);
    ckp_json_add_number(j, "demand", r->demand);
    ckp_json_add_number(j, "served", r->served);
    ckp_json_add_number(j, "shortfall", ckp_round_flow(r->demand - r->served));
    cJSON_AddNumberToObject(j, "spof_count", (double)r->spof_count);
    ckp_json_add_number(j, "worst_redundancy",
                        r->worst_redundancy < 0 ? NAN : (double)r->worst_redundancy);
    cJSON_AddBoolToObject(j, "worst_redundancy_exact", r->worst_redundancy_exact);
    cJSON *hhi = cJSON_AddObjectToObject(j, "hhi");
    for (igraph_integer_t t = 0; t < r->n_tiers; t++)
        ckp_json_add_number(hhi, ckp_network_tier_name(net, t), r->hhi[t]);
    cJSON *dep = cJSON_AddArrayToObject(j, "dependence");
    for (igraph_integer_t k = 0; k < r->n_end_users; k++) {
        const ckp_top_dependence *d = &r->dependence[k];
        cJSON *jd = cJSON_CreateObject();
        cJSON_AddItemToArray(dep, jd);
        cJSON_AddStringToObject(jd, "end_user", d->end_user);
        if (d->tier >= 0)
            cJSON_AddStringToObject(jd, "tier", ckp_network_tier_name(net, d->tier));
        else
            cJSON_AddNullToObject(jd, "tier");
        ckp_json_add_number(jd, "share", d->share);
        ckp_json_add_number(jd, "without_dominant", d->without_dominant);
    }
    cJSON *sc = cJSON_AddArrayToObject(j, "scenarios");
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
        cJSON *js = cJSON_CreateObject();
        cJSON_AddItemToArray(sc, js);
        cJSON_AddStringToObject(js, "name", c->scenario_names[s]);
        ckp_json_add_number(js, "served", r->scenario_served[s]);
        ckp_json_add_number(js, "shortfall", ckp_round_flow(r->demand - r->scenario_served[s]));
        ckp_json_add_number(js, "served_share", ckp_served_share(r->scenario_served[s], r->demand));
        if (views & CKP_VIEW_IMMEDIATE)
            ckp_json_add_number(js, "immediate_served", r->scenario_immediate[s]);
        if (views & CKP_VIEW_REROUTED)
            ckp_json_add_number(js, "rerouted_served", r->scenario_rerouted[s]);
        if (views & CKP_VIEW_REALLOCATED)
            ckp_json_add_number(js, "reallocated_served", r->scenario_served[s]);
    }
}

static cJSON *json_report(const ckp_network *net, const ckp_comparison *c, int views)
{
    cJSON *doc = cJSON_CreateObject();
    if (!doc)
        return NULL;
    cJSON_AddNumberToObject(doc, "schema_version", CKP_SCHEMA_VERSION);
    /* "network" has been the name since 0.1.0: schema 1 keeps it, the object is beside it */
    cJSON_AddStringToObject(doc, "network", ckp_network_name(net));
    cJSON_AddItemToObject(doc, "network_meta", ckp_json_network(net));
    cJSON_AddStringToObject(doc, "dominant_country", c->dominant_country);
    cJSON *plans = cJSON_AddArrayToObject(doc, "plans");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddItemToArray(plans, j);
        json_plan(j, net, c, &c->plans[p], views);
    }
    cJSON *best = cJSON_AddArrayToObject(doc, "best_per_scenario");
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddItemToArray(best, j);
        cJSON_AddStringToObject(j, "scenario", c->scenario_names[s]);
        cJSON_AddStringToObject(j, "plan", c->plans[c->best_per_scenario[s]].name);
    }
    cJSON_AddStringToObject(doc, "best_worst_case", c->plans[c->best_worst_case].name);
    cJSON *w = cJSON_AddArrayToObject(doc, "warnings");
    for (igraph_integer_t i = 0; i < c->warnings.n; i++)
        cJSON_AddItemToArray(w, cJSON_CreateString(c->warnings.items[i]));
    return doc;
}

/*
 * The three views' served totals of a scenario row (views.h: each total is
 * unique, only its split has a range); empty on a baseline row and where a
 * view is not defined (no volumes, materials).
 */
static void csv_views(ckp_buf *b, const ckp_plan_result *r, igraph_integer_t s)
{
    static const int views[] = {CKP_VIEW_IMMEDIATE, CKP_VIEW_REROUTED, CKP_VIEW_REALLOCATED};
    for (int k = 0; k < 3; k++) {
        double v = s < 0 ? NAN : view_served(r, s, views[k]);
        if (isnan(v))
            ckp_buf_puts(b, ",");
        else
            ckp_buf_printf(b, ",%.17g", v);
    }
}

/* Full precision (%.17g) for the machine reader; an HHI that is not defined is empty. */
static void csv_report(ckp_buf *b, const ckp_network *net, const ckp_comparison *c)
{
    ckp_buf_puts(b, "plan,scenario,demand,served,shortfall,served_share,spof_count,"
                    "worst_redundancy");
    for (igraph_integer_t t = 0; t < ckp_network_tier_count(net); t++) {
        char head[256];
        snprintf(head, sizeof head, "hhi_%s", ckp_network_tier_name(net, t));
        ckp_buf_puts(b, ",");
        ckp_buf_csv(b, head);
    }
    ckp_buf_puts(b, ",immediate_served,rerouted_served,reallocated_served\r\n");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        const ckp_plan_result *r = &c->plans[p];
        for (igraph_integer_t s = -1; s < c->n_scenarios; s++) {
            double served = s < 0 ? r->served : r->scenario_served[s];
            ckp_buf_csv(b, r->name);
            ckp_buf_puts(b, ",");
            ckp_buf_csv(b, s < 0 ? "" : c->scenario_names[s]);
            ckp_buf_printf(b, ",%.17g,%.17g,%.17g,%.17g,%lld,", r->demand, served,
                           ckp_round_flow(r->demand - served), ckp_served_share(served, r->demand),
                           (long long)r->spof_count);
            if (r->worst_redundancy >= 0) /* empty with materials: not computed */
                ckp_buf_printf(b, "%lld", (long long)r->worst_redundancy);
            for (igraph_integer_t t = 0; t < r->n_tiers; t++) {
                if (isnan(r->hhi[t]))
                    ckp_buf_puts(b, ",");
                else
                    ckp_buf_printf(b, ",%.17g", r->hhi[t]);
            }
            csv_views(b, r, s);
            ckp_buf_puts(b, "\r\n");
        }
    }
}

ckp_code ckp_comparison_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                              const ckp_comparison *c, ckp_error *err)
{
    return ckp_comparison_write_views(out, format, net, c, 0, err);
}

ckp_code ckp_comparison_write_views(ckp_buf *out, ckp_format format, const ckp_network *net,
                                    const ckp_comparison *c, int views, ckp_error *err)
{
    if (!views)
        views = format == CKP_FORMAT_JSON ? CKP_VIEW_ALL
                                          : CKP_VIEW_IMMEDIATE | CKP_VIEW_REALLOCATED;
    if (format == CKP_FORMAT_JSON)
        ckp_json_doc(out, json_report(net, c, views));
    else if (format == CKP_FORMAT_CSV)
        csv_report(out, net, c);
    else
        text_report(out, net, c, views);
    return out->oom ? ckp_error_set(err, CKP_EINTERNAL, "out of memory") : CKP_OK;
}
