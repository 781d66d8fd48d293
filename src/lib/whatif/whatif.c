#include "chokepoint/whatif.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/concentration.h"
#include "chokepoint/dominators.h"
#include "chokepoint/flow.h"
#include "bom_lp.h"
#include "network_internal.h"
#include "numfmt.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

typedef struct {
    const char *id;
    igraph_integer_t node;
} id_node;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const id_node *)a)->id, ((const id_node *)b)->id);
}

/* Nodes of `net` for which keep(v) holds, sorted by id, into a fresh array. */
static igraph_integer_t *sorted_nodes(const ckp_network *net, const char *mask,
                                      igraph_integer_t *count)
{
    igraph_integer_t n = net->n_nodes, k = 0;
    id_node *tmp = malloc((size_t)(n ? n : 1) * sizeof *tmp);
    igraph_integer_t *out = malloc((size_t)(n ? n : 1) * sizeof *out);
    if (!tmp || !out) {
        free(tmp);
        free(out);
        return NULL;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        if (mask[v])
            tmp[k++] = (id_node){ckp_node_id(net, v), v};
    qsort(tmp, (size_t)k, sizeof *tmp, by_id);
    for (igraph_integer_t i = 0; i < k; i++)
        out[i] = tmp[i].node;
    free(tmp);
    *count = k;
    return out;
}

/* 1 when `m` holds `text`. */
static int has_message(const ckp_messages *m, const char *text)
{
    for (igraph_integer_t i = 0; i < m->n; i++)
        if (!strcmp(m->items[i], text))
            return 1;
    return 0;
}

/* Append src's messages to dst; with `unique`, those dst lacks. */
static int append_messages_if(ckp_messages *dst, const ckp_messages *src, int unique)
{
    for (igraph_integer_t i = 0; i < src->n; i++) {
        if (unique && has_message(dst, src->items[i]))
            continue;
        char **items = realloc(dst->items, (size_t)(dst->n + 1) * sizeof *items);
        if (!items)
            return -1;
        dst->items = items;
        if (!(dst->items[dst->n] = strdup(src->items[i])))
            return -1;
        dst->n++;
    }
    return 0;
}

static int append_messages(ckp_messages *dst, const ckp_messages *src)
{
    return append_messages_if(dst, src, 0);
}

void ckp_scenario_report_destroy(ckp_scenario_report *r)
{
    if (!r)
        return;
    free(r->end_users);
    free(r->appear);
    free(r->disappear);
    ckp_network_free(r->shocked);
    ckp_dependency_destroy(&r->baseline_origin);
    ckp_dependency_destroy(&r->scenario_origin);
    ckp_messages_destroy(&r->warnings);
    ckp_views_destroy(&r->views);
    memset(r, 0, sizeof *r);
}

/* Whether end user k (node u) gets its "most alone" figures: when the views ranged it. */
static int alone_wanted(const ckp_views *v, igraph_integer_t k, igraph_integer_t u)
{
    if (!v->ranges_partial)
        return 1;
    return k < v->n_end_users && v->end_users[k].node == u && v->end_users[k].ranged;
}

/*
 * The most each end user gets alone, f({u}) on the baseline and on the
 * shocked network: past the views' exact limit only for the end users that
 * get ranges (both lists are the last tier by id). With materials from the
 * LP's figures (`*_lp`), else by rerouting each solved flow (ckp_flow_most).
 */
static ckp_code alone_maxima(ckp_scenario_report *r, const igraph_integer_t *users,
                             const ckp_network *net, ckp_flow *base, const double *base_lp,
                             const ckp_network *sn, ckp_flow *shock, const double *shock_lp,
                             ckp_error *err)
{
    igraph_integer_t nu = r->n_end_users;
    size_t n2 = nu > 0 ? 2 * (size_t)nu : 1;
    igraph_integer_t *node = malloc(n2 * sizeof *node), *sizes = malloc(n2 * sizeof *sizes);
    const igraph_integer_t **sets = malloc(n2 * sizeof *sets);
    double *most = malloc(n2 * sizeof *most);
    ckp_code rc = node && sizes && sets && most ? CKP_OK : NOMEM(err);
    for (igraph_integer_t k = 0; !rc && k < nu; k++) {
        igraph_integer_t u = users[k], su = ckp_network_find(sn, ckp_node_id(net, u));
        int wanted = alone_wanted(&r->views, k, u);
        r->end_users[k].node = u;
        r->end_users[k].demand = ckp_node_demand(net, u);
        node[k] = u;
        node[nu + k] = su;
        sizes[k] = wanted;
        sizes[nu + k] = wanted && su >= 0;
        sets[k] = &node[k];
        sets[nu + k] = &node[nu + k];
    }
    if (rc || (!base_lp && ((rc = ckp_flow_keep_baseline(base, err)) ||
                            (rc = ckp_flow_keep_baseline(shock, err)) ||
                            (rc = ckp_flow_most(most, base, sets, sizes, nu, err)) ||
                            (rc = ckp_flow_most(most + nu, shock, sets + nu, sizes + nu, nu,
                                                err)))))
        goto done;
    for (igraph_integer_t k = 0; k < nu; k++) {
        ckp_user_impact *e = &r->end_users[k];
        igraph_integer_t su = node[nu + k];
        e->baseline_max = !sizes[k] ? NAN : base_lp ? base_lp[users[k]] : most[k];
        e->scenario_max = !sizes[k] ? NAN : su < 0 ? 0 : base_lp ? shock_lp[su] : most[nu + k];
    }
done:
    free(node);
    free(sizes);
    free(sets);
    free(most);
    return rc;
}

/* SPOF mask of a network. */
static ckp_code spof_mask(const ckp_network *net, char *mask, igraph_integer_t *count,
                          ckp_error *err)
{
    ckp_dominators dom;
    if (ckp_network_has_bom(net)) /* by producibility */
        return ckp_bom_spof_mask(mask, count, net, err);
    ckp_code rc = ckp_dominators_compute(&dom, net, err);
    if (rc)
        return rc;
    *count = ckp_dominators_spofs(&dom, net, mask);
    ckp_dominators_destroy(&dom);
    return CKP_OK;
}

ckp_code ckp_scenario_run(ckp_scenario_report *r, const ckp_network *net, const ckp_scenario *s,
                          ckp_error *err)
{
    return ckp_scenario_run_views(r, net, s, NULL, err);
}

ckp_code ckp_scenario_run_views(ckp_scenario_report *r, const ckp_network *net,
                                const ckp_scenario *s, const ckp_views_options *vopts,
                                ckp_error *err)
{
    ckp_code rc;
    ckp_flow *base = NULL, *shock = NULL;
    char *mask = NULL, *base_spof = NULL, *shock_spof = NULL;
    double *base_lp = NULL, *shock_lp = NULL;
    memset(r, 0, sizeof *r);
    if (append_messages(&r->warnings, &s->warnings) < 0) {
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_scenario_apply(&r->shocked, net, s, &r->removed_nodes, &r->removed_edges,
                                 &r->warnings, err)))
        goto done;
    const ckp_network *sn = r->shocked;
    igraph_integer_t n = net->n_nodes, last = net->tiers.count - 1;
    size_t nn = (size_t)(n ? n : 1);
    mask = malloc(nn);
    base_spof = malloc(nn);
    shock_spof = malloc((size_t)(sn->n_nodes ? sn->n_nodes : 1));
    if (!mask || !base_spof || !shock_spof) {
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_flow_new(&base, net, err)) || (rc = ckp_flow_new(&shock, sn, err)))
        goto done;
    /* with materials: the LP, and each end user alone on it */
    int bom = ckp_network_has_bom(net);
    if (bom && (!(base_lp = calloc(nn, sizeof *base_lp)) ||
                !(shock_lp = calloc((size_t)(sn->n_nodes ? sn->n_nodes : 1), sizeof *shock_lp)))) {
        rc = NOMEM(err);
        goto done;
    }
    if (bom && ((rc = ckp_bom_alone(&r->baseline_served, base_lp, net, err)) ||
                (rc = ckp_bom_alone(&r->served, shock_lp, sn, err))))
        goto done;
    if (!bom) {
        r->baseline_served = ckp_flow_solve(base, -1);
        r->served = ckp_flow_solve(shock, -1);
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        mask[v] = net->node_tier[v] == last;
        if (mask[v])
            r->demand += ckp_node_demand(net, v);
    }
    r->demand = ckp_round_flow(r->demand);
    igraph_integer_t *users = sorted_nodes(net, mask, &r->n_end_users);
    r->end_users = calloc((size_t)(r->n_end_users ? r->n_end_users : 1), sizeof *r->end_users);
    if (!users || !r->end_users) {
        free(users);
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_views_run(&r->views, net, s, vopts, err))) {
        free(users);
        goto done;
    }
    rc = alone_maxima(r, users, net, base, base_lp, sn, shock, shock_lp, err);
    free(users);
    if (rc)
        goto done;

    if ((rc = spof_mask(net, base_spof, &r->spofs_baseline, err)) ||
        (rc = spof_mask(sn, shock_spof, &r->spofs_scenario, err)))
        goto done;
    /* appear: a SPOF only under the shock; disappear: a SPOF before that survives as a non-SPOF */
    for (int pass = 0; pass < 2; pass++) {
        for (igraph_integer_t v = 0; v < n; v++) {
            igraph_integer_t sv = ckp_network_find(sn, ckp_node_id(net, v));
            int before = base_spof[v], after = sv >= 0 && shock_spof[sv];
            mask[v] = pass == 0 ? (after && !before) : (before && !after && sv >= 0);
        }
        igraph_integer_t count;
        igraph_integer_t *list = sorted_nodes(net, mask, &count);
        if (!list) {
            rc = NOMEM(err);
            goto done;
        }
        if (pass == 0) {
            r->appear = list;
            r->n_appear = count;
        } else {
            r->disappear = list;
            r->n_disappear = count;
        }
    }
    if ((rc = ckp_dependency_compute(&r->baseline_origin, net, NULL, err)) ||
        (rc = ckp_dependency_compute(&r->scenario_origin, sn, NULL, err)))
        goto done;
    /* the views repeat the scenario's warnings: one list, each once */
    if (append_messages_if(&r->warnings, &r->views.warnings, 1) < 0)
        rc = NOMEM(err);
done:
    ckp_flow_free(base);
    ckp_flow_free(shock);
    free(base_lp);
    free(shock_lp);
    free(mask);
    free(base_spof);
    free(shock_spof);
    if (rc)
        ckp_scenario_report_destroy(r);
    return rc;
}

void ckp_comparison_destroy(ckp_comparison *c)
{
    if (!c)
        return;
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        free(c->plans[p].name);
        free(c->plans[p].hhi);
        free(c->plans[p].dependence);
        free(c->plans[p].scenario_served);
        free(c->plans[p].scenario_immediate);
        free(c->plans[p].scenario_rerouted);
    }
    free(c->plans);
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++)
        free(c->scenario_names[s]);
    free(c->scenario_names);
    free(c->best_per_scenario);
    ckp_messages_destroy(&c->warnings);
    memset(c, 0, sizeof *c);
}

/* Each end user's most, alone on the LP, with country dc's nodes lost (-1: none). */
static ckp_code without_country_bom(ckp_plan_result *p, const ckp_network *net,
                                    const igraph_integer_t *users, igraph_integer_t dc,
                                    ckp_error *err)
{
    ckp_code rc;
    igraph_integer_t n = net->n_nodes;
    char *drop = calloc((size_t)n + 1, 1);
    double *alone = calloc((size_t)n + 1, sizeof *alone);
    ckp_network *rest = NULL;
    if (!drop || !alone) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        drop[v] = net->node_country[v] == dc;
    if ((rc = ckp_network_copy(&rest, net, drop, NULL, err)) ||
        (rc = ckp_bom_alone(NULL, alone, rest, err)))
        goto done;
    for (igraph_integer_t k = 0; k < p->n_end_users; k++) {
        igraph_integer_t u = ckp_network_find(rest, ckp_node_id(net, users[k]));
        double d = ckp_node_demand(net, users[k]);
        p->dependence[k].without_dominant =
            d > 0 ? ckp_round_flow((u < 0 ? 0 : alone[u]) / d) : 1;
    }
done:
    ckp_network_free(rest);
    free(drop);
    free(alone);
    return rc;
}

/* The structural and supply figures of one network. */
static ckp_code evaluate(ckp_plan_result *p, const ckp_network *net, igraph_integer_t exact_limit,
                         const char *dominant, ckp_error *err)
{
    ckp_code rc;
    ckp_flow *flow = NULL;
    ckp_dominators dom;
    ckp_dependency dep;
    ckp_tier_concentration *conc = NULL;
    char *mask = NULL;
    igraph_integer_t n = net->n_nodes, last = net->tiers.count - 1;
    memset(&dom, 0, sizeof dom);
    memset(&dep, 0, sizeof dep);
    if ((rc = ckp_flow_new(&flow, net, err)))
        goto done;
    p->served = ckp_flow_solve(flow, -1);
    if (ckp_network_has_bom(net) && (rc = ckp_bom_baseline(&p->served, NULL, NULL, net, err)))
        goto done;
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == last)
            p->demand += ckp_node_demand(net, v);
    p->demand = ckp_round_flow(p->demand);
    mask = malloc((size_t)(n ? n : 1));
    if (!mask) {
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_dominators_compute(&dom, net, err)))
        goto done;
    p->spof_count = ckp_dominators_spofs(&dom, net, mask);
    if (ckp_network_has_bom(net) && (rc = spof_mask(net, mask, &p->spof_count, err)))
        goto done;
    p->worst_redundancy = -1;
    p->worst_redundancy_exact = 1;
    for (igraph_integer_t u = 0; u < n; u++) {
        if (net->node_tier[u] != last)
            continue;
        igraph_integer_t red;
        int exact = 1;
        if (dom.idom[u] == CKP_DOM_UNREACHABLE)
            red = 0;
        else if (dom.idom[u] >= 0)
            red = 1;
        else if (n <= exact_limit)
            red = ckp_flow_vertex_connectivity(flow, u);
        else
            red = 2, exact = 0;
        if (p->worst_redundancy < 0 || red < p->worst_redundancy ||
            (red == p->worst_redundancy && !exact)) {
            p->worst_redundancy = red;
            p->worst_redundancy_exact = exact;
        }
    }
    if (ckp_network_has_bom(net))
        p->worst_redundancy = -1; /* routes are no substitutes across materials */
    if ((rc = ckp_concentration(&conc, net, err)))
        goto done;
    p->n_tiers = net->tiers.count;
    p->hhi = malloc((size_t)p->n_tiers * sizeof *p->hhi);
    if (!p->hhi) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t t = 0; t < p->n_tiers; t++)
        p->hhi[t] = conc[t].basis == CKP_BASIS_NONE ? NAN : conc[t].hhi;
    if ((rc = ckp_dependency_compute(&dep, net, NULL, err)))
        goto done;
    for (igraph_integer_t v = 0; v < n; v++)
        mask[v] = net->node_tier[v] == last;
    igraph_integer_t *users = sorted_nodes(net, mask, &p->n_end_users);
    p->dependence = calloc((size_t)(p->n_end_users ? p->n_end_users : 1), sizeof *p->dependence);
    if (!users || !p->dependence) {
        free(users);
        rc = NOMEM(err);
        goto done;
    }
    /* dep lists end users in node order, and so do `users` before sorting: rank by node */
    igraph_integer_t *pos_of = malloc((size_t)(n ? n : 1) * sizeof *pos_of);
    if (!pos_of) {
        free(users);
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t k = 0; k < dep.n_end_users; k++)
        pos_of[dep.end_users[k]] = k;
    for (igraph_integer_t k = 0; k < p->n_end_users; k++) {
        ckp_top_dependence *d = &p->dependence[k];
        d->end_user = ckp_node_id(net, users[k]);
        d->tier = -1;
        igraph_integer_t pos = pos_of[users[k]];
        igraph_integer_t country = ckp_strtab_find(&net->countries, dominant);
        for (igraph_integer_t t = 0; country >= 0 && t < dep.n_tiers; t++) {
            double s = ckp_dependency_share(&dep, pos, t, country);
            if (s > d->share) {
                d->share = s;
                d->tier = t;
            }
        }
    }
    /* lose the dominant country, then ask each end user's most (with materials: the LP) */
    igraph_integer_t dc = ckp_strtab_find(&net->countries, dominant);
    if (ckp_network_has_bom(net)) {
        rc = without_country_bom(p, net, users, dc, err);
        free(pos_of);
        free(users);
        goto done;
    }
    for (igraph_integer_t v = 0; dc >= 0 && v < n; v++)
        if (net->node_country[v] == dc)
            ckp_flow_remove_node(flow, v, 1);
    for (igraph_integer_t k = 0; k < p->n_end_users; k++) {
        igraph_integer_t u = users[k];
        double d = ckp_node_demand(net, u);
        p->dependence[k].without_dominant =
            d > 0 ? ckp_round_flow(ckp_flow_solve(flow, u) / d) : 1;
    }
    free(pos_of);
    free(users);
done:
    ckp_flow_free(flow);
    ckp_dominators_destroy(&dom);
    ckp_dependency_destroy(&dep);
    ckp_concentration_free(conc, net->tiers.count);
    free(mask);
    return rc;
}

/* The country with the highest share summed over the tiers (ties by code). */
static ckp_code dominant_country(char out[3], const ckp_network *net, ckp_error *err)
{
    ckp_tier_concentration *conc = NULL;
    igraph_integer_t nc = net->countries.count;
    double *sum = calloc((size_t)(nc ? nc : 1), sizeof *sum);
    ckp_code rc = sum ? ckp_concentration(&conc, net, err) : NOMEM(err);
    out[0] = '\0';
    if (rc)
        goto done;
    for (igraph_integer_t t = 0; t < net->tiers.count; t++)
        for (igraph_integer_t i = 0; i < conc[t].n_countries; i++)
            sum[conc[t].countries[i].key] += conc[t].countries[i].share;
    igraph_integer_t best = -1;
    for (igraph_integer_t k = 0; k < nc; k++)
        if (best < 0 || sum[k] > sum[best] ||
            (sum[k] == sum[best] && strcmp(net->countries.strings[k],
                                           net->countries.strings[best]) < 0))
            best = k;
    if (best >= 0)
        snprintf(out, 3, "%s", net->countries.strings[best]);
done:
    ckp_concentration_free(conc, net->tiers.count);
    free(sum);
    return rc;
}

/* Plan r's immediate and rerouted totals under scenario s (only the totals: no end-user ranges). */
static ckp_code view_totals(ckp_plan_result *r, igraph_integer_t s, const ckp_network *net,
                            const ckp_scenario *scenario, ckp_error *err)
{
    ckp_views v;
    ckp_views_options opts;
    ckp_views_init(&v);
    ckp_views_options_init(&opts);
    opts.exact_limit = 0;
    ckp_code rc = ckp_views_run(&v, net, scenario, &opts, err);
    if (!rc) {
        r->scenario_immediate[s] = v.immediate_served;
        r->scenario_rerouted[s] = v.rerouted_served;
    }
    ckp_views_destroy(&v);
    return rc;
}

ckp_code ckp_compare(ckp_comparison *c, const ckp_network *const *nets,
                     const char *const *names, igraph_integer_t n_nets,
                     const ckp_scenario *const *scenarios, igraph_integer_t n_scenarios,
                     igraph_integer_t exact_limit, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    memset(c, 0, sizeof *c);
    c->plans = calloc((size_t)(n_nets ? n_nets : 1), sizeof *c->plans);
    c->scenario_names = calloc((size_t)(n_scenarios ? n_scenarios : 1), sizeof *c->scenario_names);
    c->best_per_scenario = calloc((size_t)(n_scenarios ? n_scenarios : 1),
                                  sizeof *c->best_per_scenario);
    if (!c->plans || !c->scenario_names || !c->best_per_scenario)
        goto nomem;
    c->n_scenarios = n_scenarios;
    for (igraph_integer_t s = 0; s < n_scenarios; s++)
        if (!(c->scenario_names[s] = strdup(scenarios[s]->name)))
            goto nomem;
    /* a scenario's own warnings once, not once per plan */
    for (igraph_integer_t s = 0; s < n_scenarios; s++)
        if (append_messages(&c->warnings, &scenarios[s]->warnings) < 0)
            goto nomem;
    if ((rc = dominant_country(c->dominant_country, nets[0], err)))
        goto done;
    for (igraph_integer_t p = 0; p < n_nets; p++) {
        ckp_plan_result *r = &c->plans[p];
        c->n_plans = p + 1;
        if (!(r->name = strdup(names[p])))
            goto nomem;
        if ((rc = evaluate(r, nets[p], exact_limit, c->dominant_country, err)))
            goto done;
        r->n_scenarios = n_scenarios;
        r->scenario_served = calloc((size_t)(n_scenarios ? n_scenarios : 1),
                                    sizeof *r->scenario_served);
        r->scenario_immediate = calloc((size_t)(n_scenarios ? n_scenarios : 1),
                                       sizeof *r->scenario_immediate);
        r->scenario_rerouted = calloc((size_t)(n_scenarios ? n_scenarios : 1),
                                      sizeof *r->scenario_rerouted);
        if (!r->scenario_served || !r->scenario_immediate || !r->scenario_rerouted)
            goto nomem;
        for (igraph_integer_t s = 0; s < n_scenarios; s++) {
            ckp_network *shocked = NULL;
            ckp_flow *flow = NULL;
            if ((rc = ckp_scenario_apply(&shocked, nets[p], scenarios[s], NULL, NULL,
                                         &c->warnings, err)) ||
                (rc = ckp_flow_new(&flow, shocked, err))) {
                ckp_network_free(shocked);
                goto done;
            }
            r->scenario_served[s] = ckp_flow_solve(flow, -1);
            if (ckp_network_has_bom(shocked))
                rc = ckp_bom_baseline(&r->scenario_served[s], NULL, NULL, shocked, err);
            ckp_flow_free(flow);
            ckp_network_free(shocked);
            if (rc || (rc = view_totals(r, s, nets[p], scenarios[s], err)))
                goto done;
        }
    }
    for (igraph_integer_t s = 0; s < n_scenarios; s++) {
        igraph_integer_t best = 0;
        for (igraph_integer_t p = 1; p < n_nets; p++)
            if (ckp_served_share(c->plans[p].scenario_served[s], c->plans[p].demand) >
                ckp_served_share(c->plans[best].scenario_served[s], c->plans[best].demand))
                best = p;
        c->best_per_scenario[s] = best;
    }
    double best_worst = -1;
    for (igraph_integer_t p = 0; p < n_nets; p++) {
        const ckp_plan_result *r = &c->plans[p];
        double worst = ckp_served_share(r->served, r->demand);
        for (igraph_integer_t s = 0; s < n_scenarios; s++)
            if (ckp_served_share(r->scenario_served[s], r->demand) < worst)
                worst = ckp_served_share(r->scenario_served[s], r->demand);
        if (worst > best_worst) {
            best_worst = worst;
            c->best_worst_case = p;
        }
    }
    goto done;
nomem:
    rc = NOMEM(err);
done:
    if (rc)
        ckp_comparison_destroy(c);
    return rc;
}
