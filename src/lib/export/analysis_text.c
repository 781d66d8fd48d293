/* An analysis as text: the tables `analyze` prints. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_write.h"
#include "chokepoint/flow.h"
#include "chokepoint/format.h"
#include "chokepoint/materials.h"
#include "node_order.h"

static double pct(double part, double whole)
{
    return whole > 0 ? 100 * part / whole : 0;
}

static igraph_integer_t rows(igraph_integer_t n, igraph_integer_t top)
{
    return top > 0 && top < n ? top : n;
}

/* Text lists every end user up to this many; beyond, the --top largest by demand. */
#define TEXT_ALL_END_USERS 50

/* Mark the end users the text shows (show[node]); returns how many, -1 out of memory. */
static igraph_integer_t pick_end_users(const ckp_network *net, const ckp_analysis *a,
                                       igraph_integer_t top, char *show)
{
    igraph_integer_t n = a->n_end_users;
    if (n <= TEXT_ALL_END_USERS || top == 0) {
        for (igraph_integer_t k = 0; k < n; k++)
            show[a->end_users[k].node] = 1;
        return n;
    }
    ckp_keyed_node *items = malloc((size_t)n * sizeof *items);
    if (!items)
        return -1;
    for (igraph_integer_t k = 0; k < n; k++)
        items[k] = (ckp_keyed_node){a->end_users[k].demand, ckp_node_id(net, a->end_users[k].node),
                                    a->end_users[k].node};
    ckp_keyed_nodes_sort(items, n); /* by demand */
    igraph_integer_t m = rows(n, top);
    for (igraph_integer_t k = 0; k < m; k++)
        show[items[k].node] = 1;
    free(items);
    return m;
}

static void text_origin(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                        const char *show)
{
    const ckp_dependency *d = &a->dependency;
    ckp_buf_puts(b, "\norigin of each end user's inflow, by tier and country\n");
    for (igraph_integer_t k = 0; k < d->n_end_users; k++) {
        if (!show[d->end_users[k]])
            continue;
        ckp_buf_printf(b, "  %s\n", ckp_node_id(net, d->end_users[k]));
        for (igraph_integer_t t = 0; t < d->n_tiers; t++) {
            ckp_buf_printf(b, "    %-14s", ckp_network_tier_name(net, t));
            ckp_origin_shares_write(b, net, d, k, t);
            ckp_buf_puts(b, "\n");
        }
        /* with materials: the origin of each material it embeds ("separation/dytb") */
        for (igraph_integer_t m = 0; m < a->n_materials; m++)
            for (igraph_integer_t t = 0; t < d->n_tiers; t++) {
                const ckp_dependency *md = &a->material_dependency[m];
                char tier[256];
                if (ckp_dependency_unattributed(md, k, t) >= 1)
                    continue; /* none of it passed through the tier: magnets at separation */
                snprintf(tier, sizeof tier, "%s/%s", ckp_network_tier_name(net, t),
                         ckp_material_id(net, m));
                ckp_buf_printf(b, "    %-22s", tier);
                ckp_origin_shares_write(b, net, md, k, t);
                ckp_buf_puts(b, "\n");
            }
    }
}

static void text_summary(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                         const char *file)
{
    char x[64], y[64], z[64];
    const char *unit = ckp_network_unit(net);
    ckp_buf_printf(b, "network    %s\n", ckp_network_name(net));
    ckp_buf_printf(b, "file       %s\n", file);
    ckp_buf_printf(b, "nodes      %lld, edges %lld\n", (long long)ckp_network_node_count(net),
                   (long long)ckp_network_edge_count(net));
    ckp_buf_printf(b, "supply     served %s of demand %s%s%s (%.1f%%), shortfall %s\n",
                   ckp_fmt_amount(x, sizeof x, a->served), ckp_fmt_amount(y, sizeof y, a->demand),
                   unit[0] ? " " : "", unit, pct(a->served, a->demand),
                   ckp_fmt_amount(z, sizeof z, ckp_round_flow(a->demand - a->served)));
    if (a->n_materials)
        ckp_buf_printf(b, "materials  %lld: served by the linear program, single points of "
                          "failure by producibility\n", (long long)a->n_materials);
    if (a->n_unreachable)
        ckp_buf_printf(b, "unreached  %lld end users that %s\n", (long long)a->n_unreachable,
                       a->n_materials ? "cannot be produced" : "no source reaches");
}

static void text_spofs(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                       igraph_integer_t top)
{
    char x[64];
    ckp_buf_printf(b, "\nsingle points of failure: %lld\n", (long long)a->n_spofs);
    if (a->n_spofs)
        ckp_buf_printf(b, "  %-24s %-12s %-7s %12s  %s\n", "node", "tier", "country",
                       "dominated", "end users cut off");
    for (igraph_integer_t i = 0; i < rows(a->n_spofs, top); i++) {
        const ckp_spof *s = &a->spofs[i];
        ckp_buf_printf(b, "  %-24s %-12s %-7s %12s  ", ckp_node_id(net, s->node),
                       ckp_network_tier_name(net, ckp_node_tier(net, s->node)),
                       ckp_node_country(net, s->node),
                       ckp_fmt_amount(x, sizeof x, s->dominated_demand));
        for (igraph_integer_t k = 0; k < s->n_end_users && k < 4; k++)
            ckp_buf_printf(b, "%s%s", k ? ", " : "", ckp_node_id(net, s->end_users[k]));
        if (s->n_end_users > 4)
            ckp_buf_printf(b, " and %lld more", (long long)(s->n_end_users - 4));
        ckp_buf_puts(b, "\n");
    }
    if (rows(a->n_spofs, top) < a->n_spofs)
        ckp_buf_printf(b, "  ... %lld more (--top 0 lists all)\n",
                       (long long)(a->n_spofs - rows(a->n_spofs, top)));
}

static void text_risk(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                      igraph_integer_t top, const ckp_analysis_options *o)
{
    char x[64], y[64];
    igraph_integer_t n = ckp_network_node_count(net), m = 0;
    igraph_integer_t *idx = ckp_nodes_by_risk(net, a->flow_at_risk, &m);
    if (!idx)
        b->oom = 1;
    ckp_buf_printf(b, "\nflow at risk by node (%s)\n",
                   a->risk_exact_all ? "exact for every node"
                                     : "exact for the busiest nodes, the single points of "
                                       "failure with most demand and the nodes without flow; "
                                       "others not computed");
    if (!a->risk_exact_all)
        ckp_buf_printf(b, "  computed for %lld of %lld nodes "
                          "(--exact-limit %lld, --risk-top %lld)\n",
                       (long long)a->risk_computed, (long long)n, (long long)o->exact_limit,
                       (long long)o->risk_top);
    ckp_buf_printf(b, "  %-24s %-12s %-7s %12s %8s %12s\n", "node", "tier", "country", "at risk",
                   "served", "throughput");
    for (igraph_integer_t i = 0; idx && i < rows(m, top); i++) {
        igraph_integer_t v = idx[i];
        ckp_buf_printf(b, "  %-24s %-12s %-7s %12s %7.1f%% %12s\n", ckp_node_id(net, v),
                       ckp_network_tier_name(net, ckp_node_tier(net, v)),
                       ckp_node_country(net, v), ckp_fmt_amount(x, sizeof x, a->flow_at_risk[v]),
                       pct(a->flow_at_risk[v], a->served),
                       ckp_fmt_amount(y, sizeof y, a->throughput[v]));
    }
    if (idx && rows(m, top) < m)
        ckp_buf_printf(b, "  ... %lld more with flow at risk\n", (long long)(m - rows(m, top)));
    free(idx);

    ckp_buf_puts(b, "\nflow at risk by country (every node of the country lost)\n");
    ckp_buf_printf(b, "  %-7s %6s %12s %8s\n", "country", "nodes", "at risk", "served");
    for (igraph_integer_t i = 0; i < rows(a->n_countries, top); i++) {
        const ckp_country_risk *c = &a->countries[i];
        ckp_buf_printf(b, "  %-7s %6lld %12s %7.1f%%\n", ckp_network_country_name(net, c->country),
                       (long long)c->nodes, ckp_fmt_amount(x, sizeof x, c->flow_at_risk),
                       pct(c->flow_at_risk, a->served));
    }
}

static void text_concentration(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    ckp_buf_puts(b, "\nconcentration by tier (HHI 0-10000 by country)\n");
    ckp_buf_printf(b, "  %-14s %-8s %6s  %-7s %6s  %s\n", "tier", "basis", "HHI", "top", "share",
                   "owners (HHI)");
    for (igraph_integer_t i = 0; i < a->n_tiers * (1 + a->n_materials); i++) {
        igraph_integer_t t = i % a->n_tiers, m = i / a->n_tiers - 1;
        const ckp_tier_concentration *c =
            m < 0 ? &a->concentration[t] : &a->material_concentration[m][t];
        char tier[256];
        /* then each material a tier moves, by volume: "separation/dytb" */
        if (m >= 0 && c->basis == CKP_BASIS_NONE)
            continue;
        /* by tier, then per tier and material ("separation/dytb") in wider rows */
        int w = m < 0 ? 14 : 22;
        if (i == a->n_tiers)
            ckp_buf_printf(b, "\nconcentration by tier and material (by volume)\n"
                              "  %-22s %-8s %6s  %-7s %6s  %s\n",
                           "tier/material", "basis", "HHI", "top", "share", "owners (HHI)");
        snprintf(tier, sizeof tier, "%s%s%s", ckp_network_tier_name(net, t), m < 0 ? "" : "/",
                 m < 0 ? "" : ckp_material_id(net, m));
        if (c->basis == CKP_BASIS_NONE || !c->n_countries) {
            ckp_buf_printf(b, "  %-*s %-8s %6s  %-7s %6s\n", w, tier, ckp_basis_name(c->basis),
                           "-", "-", "-");
            continue;
        }
        ckp_buf_printf(b, "  %-*s %-8s %6.0f  %-7s %5.1f%%", w, tier, ckp_basis_name(c->basis),
                       c->hhi, c->countries[0].name, 100 * c->countries[0].share);
        if (!isnan(c->owner_hhi) && c->n_owners && c->owners[0].name)
            ckp_buf_printf(b, "  %s %.1f%% (%.0f)", c->owners[0].name, 100 * c->owners[0].share,
                           c->owner_hhi);
        ckp_buf_puts(b, "\n");
    }
}

static void text_end_user(ckp_buf *b, const ckp_network *net, const ckp_end_user *e,
                          int a_materials)
{
    char x[64], y[64], red[32];
    if (!e->reachable)
        snprintf(red, sizeof red, "none");
    else if (a_materials)
        snprintf(red, sizeof red, "-");
    else
        snprintf(red, sizeof red, "%s%lld", e->redundancy_exact ? "" : ">=",
                 (long long)e->redundancy);
    ckp_buf_printf(b, "  %-24s %10s %10s %8s  ", ckp_node_id(net, e->node),
                   ckp_fmt_amount(x, sizeof x, e->demand), ckp_fmt_amount(y, sizeof y, e->served),
                   red);
    if (!e->reachable)
        ckp_buf_puts(b, a_materials ? "(cannot be produced)" : "(no source reaches it)");
    for (igraph_integer_t i = 0; i < e->n_dominators; i++)
        ckp_buf_printf(b, "%s%s", i ? ", " : "", ckp_node_id(net, e->dominators[i]));
    if (e->reachable && !e->n_dominators)
        ckp_buf_puts(b, "-");
    ckp_buf_puts(b, "\n");
}

/* The end users shown (all, or the --top largest beyond TEXT_ALL_END_USERS) and their origin. */
static void text_end_users(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                           igraph_integer_t top)
{
    igraph_integer_t n = ckp_network_node_count(net);
    char *show = calloc((size_t)(n ? n : 1), 1);
    igraph_integer_t shown = show ? pick_end_users(net, a, top, show) : -1;
    if (shown < 0) {
        b->oom = 1;
        goto done;
    }
    if (shown < a->n_end_users)
        ckp_buf_printf(b, "\nend users: the %lld with the largest demand of %lld "
                          "(--top 0 lists all)\n",
                       (long long)shown, (long long)a->n_end_users);
    else
        ckp_buf_puts(b, "\nend users\n");
    ckp_buf_printf(b, "  %-24s %10s %10s %8s  %s\n", "end user", "demand", "served", "routes",
                   "single points of failure upstream");
    for (igraph_integer_t k = 0; k < a->n_end_users; k++)
        if (show[a->end_users[k].node])
            text_end_user(b, net, &a->end_users[k], a->n_materials > 0);
    text_origin(b, net, a, show);
done:
    free(show);
}

void ckp_analysis_write_text(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                             const char *file, igraph_integer_t top,
                             const ckp_analysis_options *o)
{
    text_summary(b, net, a, file);
    text_spofs(b, net, a, top);
    text_risk(b, net, a, top, o);
    text_concentration(b, net, a);
    text_end_users(b, net, a, top);
    ckp_buf_printf(b, "\nbetweenness: %s\n",
                   a->betweenness_samples ? "sampled (see --samples)" : "exact");
}
