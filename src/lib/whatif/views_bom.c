/*
 * The views of a network with materials (docs/scenarios.md, "Three views of a
 * shock"): the immediate propagation per material and the ranges on the
 * linear program of bom_lp.c.
 *
 * Immediate: a node keeps a fraction of each recorded outflow. A first-tier
 * node: min(1, capacity / throughput). A node with a recipe: the same with
 * the scarcest input's new / recorded inflow, every output scaled by it; its
 * throughput is what its recorded inputs make (min over the recipe of inflow
 * / coefficient). A pass-through node: per material, new / recorded inflow of
 * that material (of all its inflow for a material it makes, scrap), with its
 * capacity term on the sum of its inflows. Monotone, so sweeps down from 1
 * reach the greatest fixed point.
 *
 * Ranges: the LP's optimum T, then per set G two LPs from T's basis with the
 * total held at T: the most and the least G is served (fewer where a solution
 * already seen settles them).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bom_lp.h"
#include "chokepoint/materials.h"
#include "network_internal.h"
#include "views_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

/* Sweeps (each visits every node once) allowed before giving up on the tolerance (slow
   recycling loops): the single-material propagation's work budget per node. */
#define MAX_SWEEPS 20000

typedef ckp_bom_scratch per_material;

static void per_material_free(per_material *pm)
{
    free(pm->rec);
    free(pm->now);
    free(pm->out_rec);
    free(pm->out_now);
}

int ckp_bom_scratch_init(ckp_bom_scratch *pm, const ckp_network *net)
{
    igraph_integer_t nm = ckp_network_material_count(net);
    memset(pm, 0, sizeof *pm);
    pm->nm = nm > 0 ? nm : 1;
    pm->rec = malloc((size_t)pm->nm * sizeof *pm->rec);
    pm->now = malloc((size_t)pm->nm * sizeof *pm->now);
    pm->out_rec = malloc((size_t)pm->nm * sizeof *pm->out_rec);
    pm->out_now = malloc((size_t)pm->nm * sizeof *pm->out_now);
    if (pm->rec && pm->now && pm->out_rec && pm->out_now)
        return 0;
    per_material_free(pm);
    return -1;
}

void ckp_bom_scratch_destroy(ckp_bom_scratch *pm)
{
    per_material_free(pm);
    memset(pm, 0, sizeof *pm);
}

/* What a recipe node's recorded inputs make: min over its recipe of inflow / coefficient. */
static double recipe_through(const igraph_integer_t *rm, const double *rc, igraph_integer_t nr,
                             const double *in)
{
    double x = INFINITY;
    for (igraph_integer_t k = 0; k < nr; k++)
        x = fmin(x, in[rm[k]] / rc[k]);
    return x;
}

/*
 * A first-tier node's throughput from its outflows: max over its yields of outflow /
 * yield (a co-product plant makes all its yields from one throughput); the sum without.
 */
static double first_through(const ckp_network *net, igraph_integer_t v, const double *out,
                            double sum)
{
    const igraph_integer_t *ym;
    const double *yc;
    igraph_integer_t ny = ckp_node_recipe(net, v, CKP_RECIPE_YIELD, &ym, &yc);
    double x = ny ? 0 : sum;
    for (igraph_integer_t k = 0; k < ny; k++)
        x = fmax(x, out[ym[k]] / yc[k]);
    return x;
}

double ckp_bom_node_step(double *ef, double *used, ckp_bom_scratch *pm, const ckp_network *net,
                         const ckp_csr *csr, igraph_integer_t v, const char *node_gone,
                         const char *edge_gone, double cap, ckp_bom_keep *keep)
{
    const igraph_integer_t *rm;
    const double *rc;
    igraph_integer_t nr = ckp_node_recipe(net, v, CKP_RECIPE_INPUT, &rm, &rc);
    int first = net->node_tier[v] == 0, gone = node_gone && node_gone[v];
    double rec_in = 0, now_in = 0, rec_out = 0, drop = 0;
    memset(pm->rec, 0, (size_t)pm->nm * sizeof *pm->rec);
    memset(pm->now, 0, (size_t)pm->nm * sizeof *pm->now);
    memset(pm->out_rec, 0, (size_t)pm->nm * sizeof *pm->out_rec);
    for (igraph_integer_t q = csr->in_off[v]; q < csr->in_off[v + 1]; q++) {
        igraph_integer_t e = csr->in_edge[q], m = ckp_edge_material(net, e);
        double now = edge_gone && edge_gone[e] ? 0 : ef[e] * net->edge_volume[e];
        pm->rec[m] += net->edge_volume[e];
        pm->now[m] += now;
        rec_in += net->edge_volume[e];
        now_in += now;
    }
    for (igraph_integer_t q = csr->out_off[v]; q < csr->out_off[v + 1]; q++) {
        igraph_integer_t e = csr->out_edge[q];
        rec_out += net->edge_volume[e];
        pm->out_rec[ckp_edge_material(net, e)] += net->edge_volume[e];
    }
    double through = first ? first_through(net, v, pm->out_rec, rec_out)
                     : nr  ? recipe_through(rm, rc, nr, pm->rec)
                           : rec_in;
    double f = gone ? 0 : 1;
    if (through > 0 && cap < through)
        f = fmin(f, cap / through);
    for (igraph_integer_t k = 0; !first && k < nr; k++)
        if (pm->rec[rm[k]] > 0)
            f = fmin(f, pm->now[rm[k]] / pm->rec[rm[k]]);
    double f_all = !first && rec_in > 0 ? fmin(f, now_in / rec_in) : f;
    *used = nr ? f * (isfinite(through) ? through : 0) : now_in;
    double out_now = 0;
    memset(pm->out_now, 0, (size_t)pm->nm * sizeof *pm->out_now);
    for (igraph_integer_t q = csr->out_off[v]; q < csr->out_off[v + 1]; q++) {
        igraph_integer_t e = csr->out_edge[q], m = ckp_edge_material(net, e);
        double g = f;
        if (!first && !nr)
            g = pm->rec[m] > 0 ? fmin(f, pm->now[m] / pm->rec[m]) : f_all;
        double made = g;
        if (keep && m == keep->material && keep->floor[e] > g)
            g = keep->floor[e]; /* shipped from stock */
        if (g < ef[e]) {
            drop = fmax(drop, ef[e] - g);
            ef[e] = g;
        }
        if (!(edge_gone && edge_gone[e])) {
            pm->out_now[m] += ef[e] * net->edge_volume[e];
            out_now += ef[e] * net->edge_volume[e];
            if (keep && ef[e] > made)
                keep->draw += (ef[e] - made) * net->edge_volume[e];
        }
    }
    if (first)
        *used = first_through(net, v, pm->out_now, out_now);
    return drop;
}

/* Nodes by tier: most recorded flow goes from a tier to a later one, so a sweep follows it. */
igraph_integer_t *ckp_bom_tier_order(const ckp_network *net)
{
    igraph_integer_t n = net->n_nodes, k = 0;
    igraph_integer_t *order = malloc((size_t)(n ? n : 1) * sizeof *order);
    for (igraph_integer_t t = 0; order && t < net->tiers.count; t++)
        for (igraph_integer_t v = 0; v < n; v++)
            if (net->node_tier[v] == t)
                order[k++] = v;
    return order;
}

ckp_code ckp_propagate_bom(ckp_propagation *p, const ckp_network *net, const ckp_csr *csr,
                           const char *node_gone, const char *edge_gone, const double *capacity,
                           ckp_error *err)
{
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    size_t nn = (size_t)(n ? n : 1), ne = (size_t)(m ? m : 1);
    per_material pm = {0};
    igraph_integer_t *order = ckp_bom_tier_order(net);
    double *ef = malloc(ne * sizeof *ef);
    memset(p, 0, sizeof *p);
    int scratch = ckp_bom_scratch_init(&pm, net);
    p->fraction = malloc(nn * sizeof *p->fraction);
    p->inflow = calloc(nn, sizeof *p->inflow);
    p->outflow = calloc(nn, sizeof *p->outflow);
    p->edge = malloc(ne * sizeof *p->edge);
    if (!order || !ef || scratch < 0 || !p->fraction ||
        !p->inflow || !p->outflow || !p->edge) {
        ckp_propagation_destroy(p);
        free(order);
        free(ef);
        per_material_free(&pm);
        return NOMEM(err);
    }
    for (igraph_integer_t e = 0; e < m; e++)
        ef[e] = 1;
    p->converged = 0;
    for (int sweep = 0; sweep < MAX_SWEEPS && !p->converged; sweep++) {
        double drop = 0;
        for (igraph_integer_t i = 0; i < n; i++) {
            igraph_integer_t v = order[i];
            double cap = capacity ? capacity[v] : net->node_capacity[v];
            drop = fmax(drop, ckp_bom_node_step(ef, &p->inflow[v], &pm, net, csr, v, node_gone,
                                                edge_gone, cap, NULL));
        }
        p->converged = drop <= CKP_VIEWS_TOLERANCE;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        p->fraction[v] = node_gone && node_gone[v] ? 0 : 1;
    for (igraph_integer_t e = 0; e < m; e++) {
        p->edge[e] = edge_gone && edge_gone[e] ? 0 : ef[e] * net->edge_volume[e];
        p->fraction[net->edge_from[e]] = fmin(p->fraction[net->edge_from[e]], ef[e]);
    }
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == 0) /* the first tier's used capacity, in its throughput */
            p->outflow[v] = p->inflow[v];
    free(order);
    free(ef);
    per_material_free(&pm);
    return CKP_OK;
}

/* Slack for volumes that add up in decimal but not in binary. */
static int above(double a, double b)
{
    return a > b + 1e-9 * (b > 1 ? b : 1);
}

/*
 * Node v against its recorded volumes: the first material it sends more of than it
 * receives or makes (-1: none), and whether its throughput passes its capacity.
 */
static igraph_integer_t node_volumes(int *over, per_material *pm, const ckp_network *net,
                                     const ckp_csr *csr, igraph_integer_t v)
{
    const igraph_integer_t *rm, *ym;
    const double *rc, *yc;
    igraph_integer_t nr = ckp_node_recipe(net, v, CKP_RECIPE_INPUT, &rm, &rc);
    igraph_integer_t ny = ckp_node_recipe(net, v, CKP_RECIPE_YIELD, &ym, &yc);
    int first = net->node_tier[v] == 0;
    double in = 0, out = 0;
    memset(pm->rec, 0, (size_t)pm->nm * sizeof *pm->rec);
    memset(pm->out_rec, 0, (size_t)pm->nm * sizeof *pm->out_rec);
    for (igraph_integer_t q = csr->in_off[v]; q < csr->in_off[v + 1]; q++) {
        igraph_integer_t e = csr->in_edge[q];
        pm->rec[ckp_edge_material(net, e)] += net->edge_volume[e];
        in += net->edge_volume[e];
    }
    for (igraph_integer_t q = csr->out_off[v]; q < csr->out_off[v + 1]; q++) {
        igraph_integer_t e = csr->out_edge[q];
        pm->out_rec[ckp_edge_material(net, e)] += net->edge_volume[e];
        out += net->edge_volume[e];
    }
    double x = first ? first_through(net, v, pm->out_rec, out)
               : nr  ? recipe_through(rm, rc, nr, pm->rec)
                     : in;
    *over = above(x, net->node_capacity[v]);
    if (first)
        return -1;
    if (nr) /* each yield at most what the recorded inputs make */
        for (igraph_integer_t k = 0; k < ny; k++)
            if (above(pm->out_rec[ym[k]], yc[k] * x))
                return ym[k];
    for (igraph_integer_t m = 0; !nr && m < pm->nm; m++)
        if (above(pm->out_rec[m], pm->rec[m]) && !(ny && pm->rec[m] == 0))
            return m;
    return -1;
}

int ckp_views_check_volumes_bom(ckp_messages *warnings, const ckp_network *net,
                                const ckp_csr *csr)
{
    igraph_integer_t nm = ckp_network_material_count(net), n_short = 0, n_over = 0;
    igraph_integer_t short_node = -1, short_material = -1, over_node = -1;
    per_material pm = {0};
    int rc = 0;
    pm.nm = nm > 0 ? nm : 1;
    pm.rec = malloc((size_t)pm.nm * sizeof *pm.rec);
    pm.out_rec = malloc((size_t)pm.nm * sizeof *pm.out_rec);
    if (!pm.rec || !pm.out_rec) {
        per_material_free(&pm);
        return -1;
    }
    for (igraph_integer_t v = 0; v < net->n_nodes; v++) {
        int over;
        igraph_integer_t m = node_volumes(&over, &pm, net, csr, v);
        if (m >= 0 && n_short++ == 0) {
            short_node = v;
            short_material = m;
        }
        if (over && n_over++ == 0)
            over_node = v;
    }
    if (n_short && ckp_messages_add(warnings,
                                    "recorded volumes are not a feasible flow: node '%s' sends "
                                    "more %s than it receives or makes (%lld nodes do); the "
                                    "views hold, their invariants do not",
                                    ckp_node_id(net, short_node),
                                    ckp_material_id(net, short_material),
                                    (long long)n_short) < 0)
        rc = -1;
    if (n_over && ckp_messages_add(warnings,
                                   "recorded volumes are not a feasible flow: node '%s' works "
                                   "above its capacity (%lld nodes do); the views hold, their "
                                   "invariants do not",
                                   ckp_node_id(net, over_node), (long long)n_over) < 0)
        rc = -1;
    per_material_free(&pm);
    return rc;
}

/* The ranges being found: the LP with its total held, and what is known of each set. */
typedef struct {
    ckp_bom_lp *b;
    const ckp_lp_basis *basis;  /* the optimum's */
    const igraph_integer_t *const *sets;
    const igraph_integer_t *sizes;
    igraph_integer_t n_sets, n_nodes;
    double total;               /* the optimum, held */
    double *cap;                /* per set: the most its served columns allow */
    char *max_known, *min_known;
} ranging;

static double set_served(const ranging *r, igraph_integer_t i)
{
    double got = 0;
    for (igraph_integer_t k = 0; k < r->sizes[i]; k++)
        got += ckp_lp_value(r->b->lp, r->b->s_col[r->sets[i][k]]);
    return got;
}

/* Every end user's served in the last solution. */
static double served_total(const ranging *r)
{
    double got = 0;
    for (igraph_integer_t j = 0; j < r->n_nodes; j++)
        if (r->b->s_col[j] >= 0)
            got += ckp_lp_value(r->b->lp, r->b->s_col[j]);
    return got;
}

/*
 * Each set's share in the last solution, an allocation reaching the optimum: a set served
 * its cap there has that as its most, a set served nothing has 0 as its least. Saves the
 * LPs that would find them again (most sets on a shocked network are one or the other).
 */
static void record(ranging *r, ckp_range *out)
{
    for (igraph_integer_t i = 0; i < r->n_sets; i++) {
        double got = set_served(r, i);
        if (!r->max_known[i] && got >= r->cap[i] - 1e-9 * fmax(1, r->cap[i])) {
            r->max_known[i] = 1;
            out[i].max = ckp_round_flow(r->cap[i]);
        }
        if (!r->min_known[i] && got <= 1e-9 * fmax(1, r->total)) {
            r->min_known[i] = 1;
            out[i].min = 0;
        }
    }
}

/* The sets' most (sign 1) or least (sign -1) not known yet, one warm-started LP each. */
static ckp_code extremes(ranging *r, ckp_range *out, int sign, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_lp *lp = r->b->lp;
    const int *s_col = r->b->s_col;
    double z;
    for (igraph_integer_t i = 0; i < r->n_sets && !rc; i++) {
        if ((sign > 0 ? r->max_known : r->min_known)[i])
            continue;
        for (igraph_integer_t k = 0; k < r->sizes[i]; k++)
            ckp_lp_set_obj(lp, s_col[r->sets[i][k]], sign);
        rc = ckp_lp_solve(lp, r->basis, &z, err);
        for (igraph_integer_t k = 0; k < r->sizes[i]; k++)
            ckp_lp_set_obj(lp, s_col[r->sets[i][k]], 0);
        if (rc)
            break;
        if (sign > 0) {
            out[i].max = ckp_round_flow(z);
            r->max_known[i] = 1;
        } else {
            /* a total the solver left short of the optimum within its tolerance: G's share */
            out[i].min = ckp_round_flow(fmax(0, -z + fmax(0, r->total - served_total(r))));
            r->min_known[i] = 1;
        }
        record(r, out);
    }
    return rc;
}

ckp_code ckp_views_ranges_bom(double *total, ckp_range *out, const ckp_network *fnet,
                              const igraph_integer_t *const *sets, const igraph_integer_t *sizes,
                              igraph_integer_t n_sets, ckp_error *err)
{
    ckp_code rc;
    ckp_bom_lp b = {0};
    ckp_lp_basis *basis = NULL;
    size_t ns = (size_t)(n_sets ? n_sets : 1);
    ranging r = {&b, NULL, sets, sizes, n_sets, fnet->n_nodes, 0, malloc(ns * sizeof(double)),
                 calloc(ns, 1), calloc(ns, 1)};
    *total = 0;
    for (igraph_integer_t i = 0; i < n_sets; i++)
        out[i] = (ckp_range){0, 0};
    if (!r.cap || !r.max_known || !r.min_known) {
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_bom_lp_build_with(&b, fnet, CKP_BOM_TOTAL, err)) ||
        (rc = ckp_lp_solve(b.lp, NULL, &r.total, err)) ||
        (rc = ckp_lp_basis_save(&basis, b.lp, err)))
        goto done;
    *total = ckp_round_flow(r.total);
    r.basis = basis;
    for (igraph_integer_t i = 0; i < n_sets; i++) {
        r.cap[i] = 0;
        for (igraph_integer_t k = 0; k < sizes[i]; k++)
            r.cap[i] += ckp_lp_col_hi(b.lp, b.s_col[sets[i][k]]);
    }
    /* every allocation reaching the optimum; the objective from scratch per set */
    ckp_lp_set_row(b.lp, b.total_row, r.total, INFINITY);
    for (igraph_integer_t j = 0; j < fnet->n_nodes; j++)
        if (b.s_col[j] >= 0)
            ckp_lp_set_obj(b.lp, b.s_col[j], 0);
    record(&r, out);
    if ((rc = extremes(&r, out, 1, err)) || (rc = extremes(&r, out, -1, err)))
        goto done;
    for (igraph_integer_t i = 0; i < n_sets; i++)
        out[i].min = fmin(out[i].min, out[i].max);
done:
    free(r.cap);
    free(r.max_known);
    free(r.min_known);
    ckp_lp_basis_free(basis);
    ckp_bom_lp_destroy(&b);
    return rc;
}
