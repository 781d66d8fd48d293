#include "chokepoint/dependency.h"

#include <stdlib.h>
#include <string.h>

#include "csr.h"
#include "network_internal.h"

#define SWEEP_TOLERANCE 1e-15
#define MAX_SWEEPS 1000000

void ckp_dependency_destroy(ckp_dependency *dep)
{
    if (!dep)
        return;
    for (igraph_integer_t t = 0; t < dep->n_tiers; t++) {
        free(dep->tiers[t].countries);
        free(dep->tiers[t].shares);
    }
    free(dep->tiers);
    free(dep->end_users);
    memset(dep, 0, sizeof *dep);
}

double ckp_dependency_share(const ckp_dependency *dep, igraph_integer_t k, igraph_integer_t tier,
                            igraph_integer_t country)
{
    const ckp_tier_origin *o = &dep->tiers[tier];
    for (igraph_integer_t c = 0; c < o->n_countries; c++)
        if (o->countries[c] == country)
            return o->shares[k * o->n_countries + c];
    return 0;
}

/* rounding of a sum of shares, each exact to about 1e-16: no flow is this small a share */
#define UNATTRIBUTED_NOISE 1e-12

double ckp_dependency_unattributed(const ckp_dependency *dep, igraph_integer_t k,
                                   igraph_integer_t tier)
{
    const ckp_tier_origin *o = &dep->tiers[tier];
    double sum = 0;
    for (igraph_integer_t c = 0; c < o->n_countries; c++)
        if (o->shares[k * o->n_countries + c] > 0)
            sum += o->shares[k * o->n_countries + c];
    return 1 - sum > UNATTRIBUTED_NOISE ? 1 - sum : 0;
}

/* Insertion sort of country indices by code: a tier has a few hundred countries at most. */
static void sort_by_code(const ckp_network *net, igraph_integer_t *c, igraph_integer_t n)
{
    for (igraph_integer_t i = 1; i < n; i++) {
        igraph_integer_t x = c[i], j = i;
        for (; j > 0 && strcmp(net->countries.strings[c[j - 1]], net->countries.strings[x]) > 0;
             j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
}

/* mix(v) from its in-edges; returns the largest change of any share. */
static double mix_node(const ckp_network *net, const ckp_csr *csr, const double *w,
                       const double *inflow, double *mix, igraph_integer_t C,
                       igraph_integer_t v)
{
    double *mv = mix + (size_t)v * (size_t)C, change = 0;
    for (igraph_integer_t c = 0; c < C; c++) {
        double acc = 0;
        if (inflow[v] > 0) {
            for (igraph_integer_t k = csr->in_off[v]; k < csr->in_off[v + 1]; k++) {
                igraph_integer_t e = csr->in_edge[k];
                acc += w[e] * mix[(size_t)net->edge_from[e] * (size_t)C + (size_t)c];
            }
            acc /= inflow[v];
        }
        double d = fabs(acc - mv[c]);
        if (d > change)
            change = d;
        mv[c] = acc;
    }
    return change;
}

ckp_code ckp_dependency_compute(ckp_dependency *out, const ckp_network *net,
                                const double *edge_weight, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, nt = net->tiers.count, last = nt - 1;
    ckp_csr csr;
    igraph_integer_t *comp = NULL, *order = NULL, *comp_start = NULL, *col = NULL;
    double *inflow = NULL, *mix = NULL;
    const double *w = edge_weight ? edge_weight : net->edge_volume;
    memset(out, 0, sizeof *out);
    memset(&csr, 0, sizeof csr);
    if ((rc = ckp_csr_build(&csr, net, err)))
        return rc;
    size_t nn = (size_t)(n ? n : 1);
    comp = malloc(nn * sizeof *comp);
    order = malloc(nn * sizeof *order);
    comp_start = calloc(nn + 1, sizeof *comp_start);
    inflow = calloc(nn, sizeof *inflow);
    col = malloc((size_t)(net->countries.count ? net->countries.count : 1) * sizeof *col);
    out->tiers = calloc((size_t)(nt ? nt : 1), sizeof *out->tiers);
    out->end_users = malloc(nn * sizeof *out->end_users);
    if (!comp || !order || !comp_start || !inflow || !col || !out->tiers || !out->end_users)
        goto nomem;
    igraph_integer_t ncomp = ckp_csr_components(&csr, net, comp);
    if (ncomp < 0)
        goto nomem;
    /* nodes grouped by component, components in topological order */
    for (igraph_integer_t v = 0; v < n; v++)
        comp_start[comp[v] + 1]++;
    for (igraph_integer_t c = 0; c < ncomp; c++)
        comp_start[c + 1] += comp_start[c];
    {
        igraph_integer_t *fill = malloc((size_t)(ncomp ? ncomp : 1) * sizeof *fill);
        if (!fill)
            goto nomem;
        memcpy(fill, comp_start, (size_t)ncomp * sizeof *fill);
        for (igraph_integer_t v = 0; v < n; v++)
            order[fill[comp[v]]++] = v;
        free(fill);
    }
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        inflow[net->edge_to[e]] += w[e];
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == last)
            out->end_users[out->n_end_users++] = v;
    out->n_tiers = last;

    for (igraph_integer_t t = 0; t < last; t++) {
        ckp_tier_origin *o = &out->tiers[t];
        o->tier = t;
        /* the countries of tier t, by code */
        char *present = calloc((size_t)(net->countries.count ? net->countries.count : 1), 1);
        if (!present)
            goto nomem;
        for (igraph_integer_t v = 0; v < n; v++)
            if (net->node_tier[v] == t)
                present[net->node_country[v]] = 1;
        o->countries = malloc((size_t)(net->countries.count ? net->countries.count : 1) *
                              sizeof *o->countries);
        if (!o->countries) {
            free(present);
            goto nomem;
        }
        for (igraph_integer_t c = 0; c < net->countries.count; c++)
            if (present[c])
                o->countries[o->n_countries++] = c;
        free(present);
        sort_by_code(net, o->countries, o->n_countries);
        for (igraph_integer_t c = 0; c < o->n_countries; c++)
            col[o->countries[c]] = c;
        igraph_integer_t C = o->n_countries;
        o->shares = calloc((size_t)(out->n_end_users ? out->n_end_users : 1) * (size_t)(C ? C : 1),
                           sizeof *o->shares);
        free(mix);
        mix = calloc(nn * (size_t)(C ? C : 1), sizeof *mix);
        if (!o->shares || !mix)
            goto nomem;
        if (!C)
            continue;
        /* seed tier t first: a sweep that met a seed late would stop early */
        for (igraph_integer_t v = 0; v < n; v++)
            if (net->node_tier[v] == t)
                mix[(size_t)v * (size_t)C + (size_t)col[net->node_country[v]]] = 1;
        for (igraph_integer_t c = 0; c < ncomp; c++) {
            igraph_integer_t a = comp_start[c], b = comp_start[c + 1];
            int cyclic = b - a > 1;
            for (igraph_integer_t sweep = 0; sweep < MAX_SWEEPS; sweep++) {
                double change = 0;
                for (igraph_integer_t i = a; i < b; i++) {
                    igraph_integer_t v = order[i];
                    if (net->node_tier[v] == t)
                        continue;
                    double d = mix_node(net, &csr, w, inflow, mix, C, v);
                    if (d > change)
                        change = d;
                }
                if (!cyclic || change <= SWEEP_TOLERANCE)
                    break;
            }
        }
        for (igraph_integer_t k = 0; k < out->n_end_users; k++)
            memcpy(o->shares + (size_t)k * (size_t)C,
                   mix + (size_t)out->end_users[k] * (size_t)C, (size_t)C * sizeof *mix);
    }
    goto done;
nomem:
    rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    ckp_dependency_destroy(out);
done:
    ckp_csr_destroy(&csr);
    free(comp);
    free(order);
    free(comp_start);
    free(inflow);
    free(mix);
    free(col);
    return rc;
}
