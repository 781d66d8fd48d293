#include "chokepoint/concentration.h"

#include <stdlib.h>
#include <string.h>

#include "chokepoint/materials.h"
#include "network_internal.h"

const char *ckp_basis_name(ckp_basis basis)
{
    switch (basis) {
    case CKP_BASIS_CAPACITY:
        return "capacity";
    case CKP_BASIS_VOLUME:
        return "volume";
    default:
        return "none";
    }
}

static int by_amount(const void *a, const void *b)
{
    const ckp_share *x = a, *y = b;
    if (x->amount != y->amount)
        return x->amount > y->amount ? -1 : 1;
    if (!x->name || !y->name) /* "no owner" last among equals */
        return !x->name ? (!y->name ? 0 : 1) : -1;
    return strcmp(x->name, y->name);
}

/*
 * Group amounts by key (country or owner), compute shares and return the
 * HHI over keys >= 0. `keys` has one entry per node of the tier.
 */
static double group(ckp_share **out, igraph_integer_t *n_out, const igraph_integer_t *members,
                    igraph_integer_t n, const double *amount, const int32_t *key_of,
                    const ckp_strtab *names, double total, int *oom)
{
    igraph_integer_t nkeys = names->count + 1; /* slot 0: key -1 */
    ckp_share *acc = calloc((size_t)nkeys, sizeof *acc);
    *out = NULL;
    *n_out = 0;
    if (!acc) {
        *oom = 1;
        return 0;
    }
    for (igraph_integer_t k = 0; k < nkeys; k++) {
        acc[k].key = k - 1;
        acc[k].name = ckp_strtab_get(names, k - 1);
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t v = members[i];
        ckp_share *s = &acc[key_of[v] + 1];
        s->nodes++;
        s->amount += amount[v];
    }
    igraph_integer_t used = 0;
    for (igraph_integer_t k = 0; k < nkeys; k++)
        if (acc[k].nodes)
            acc[used++] = acc[k];
    double hhi = 0;
    int any_key = 0;
    for (igraph_integer_t k = 0; k < used; k++) {
        acc[k].share = total > 0 ? acc[k].amount / total : 0;
        if (acc[k].key >= 0) {
            hhi += (100 * acc[k].share) * (100 * acc[k].share);
            any_key = 1;
        }
    }
    qsort(acc, (size_t)used, sizeof *acc, by_amount);
    *out = acc;
    *n_out = used;
    return any_key ? hhi : NAN;
}

/* By capacity or volume (material < 0), or by the volume of one material. */
static ckp_code concentrate(ckp_tier_concentration **out, const ckp_network *net,
                            igraph_integer_t material, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t nt = net->tiers.count, n = net->n_nodes;
    ckp_tier_concentration *tiers = calloc((size_t)(nt ? nt : 1), sizeof *tiers);
    double *in = calloc((size_t)(n ? n : 1), sizeof *in);
    double *outv = calloc((size_t)(n ? n : 1), sizeof *outv);
    double *amount = calloc((size_t)(n ? n : 1), sizeof *amount);
    igraph_integer_t *order = malloc((size_t)(n ? n : 1) * sizeof *order);
    igraph_integer_t *start = calloc((size_t)nt + 1, sizeof *start);
    int oom = 0;
    *out = NULL;
    if (!tiers || !in || !outv || !amount || !order || !start) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        if (material >= 0 && ckp_edge_material(net, e) != material)
            continue;
        outv[net->edge_from[e]] += net->edge_volume[e];
        in[net->edge_to[e]] += net->edge_volume[e];
    }
    /* bucket nodes by tier, keeping index order */
    for (igraph_integer_t v = 0; v < n; v++)
        start[net->node_tier[v] + 1]++;
    for (igraph_integer_t t = 0; t < nt; t++)
        start[t + 1] += start[t];
    {
        igraph_integer_t *fill = malloc((size_t)(nt ? nt : 1) * sizeof *fill);
        if (!fill) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        memcpy(fill, start, (size_t)nt * sizeof *fill);
        for (igraph_integer_t v = 0; v < n; v++)
            order[fill[net->node_tier[v]]++] = v;
        free(fill);
    }
    for (igraph_integer_t t = 0; t < nt; t++) {
        ckp_tier_concentration *c = &tiers[t];
        const igraph_integer_t *members = order + start[t];
        igraph_integer_t m = start[t + 1] - start[t];
        int all_capacity = m > 0 && material < 0;
        for (igraph_integer_t i = 0; i < m; i++)
            all_capacity &= isfinite(net->node_capacity[members[i]]);
        double total = 0;
        for (igraph_integer_t i = 0; i < m; i++) {
            igraph_integer_t v = members[i];
            amount[v] = all_capacity ? net->node_capacity[v] : t == nt - 1 ? in[v] : outv[v];
            total += amount[v];
        }
        c->tier = t;
        c->nodes = m;
        c->total = total;
        c->basis = all_capacity ? CKP_BASIS_CAPACITY : total > 0 ? CKP_BASIS_VOLUME
                                                                 : CKP_BASIS_NONE;
        c->hhi = group(&c->countries, &c->n_countries, members, m, amount, net->node_country,
                       &net->countries, total, &oom);
        if (isnan(c->hhi))
            c->hhi = 0;
        c->owner_hhi = group(&c->owners, &c->n_owners, members, m, amount, net->node_owner,
                             &net->owners, total, &oom);
        if (oom) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    }
    *out = tiers;
    tiers = NULL;
done:
    ckp_concentration_free(tiers, nt);
    free(in);
    free(outv);
    free(amount);
    free(order);
    free(start);
    return rc;
}

ckp_code ckp_concentration(ckp_tier_concentration **out, const ckp_network *net,
                           ckp_error *err)
{
    return concentrate(out, net, -1, err);
}

ckp_code ckp_concentration_material(ckp_tier_concentration **out, const ckp_network *net,
                                    igraph_integer_t material, ckp_error *err)
{
    return concentrate(out, net, material, err);
}

void ckp_concentration_free(ckp_tier_concentration *tiers, igraph_integer_t n)
{
    if (!tiers)
        return;
    for (igraph_integer_t t = 0; t < n; t++) {
        free(tiers[t].countries);
        free(tiers[t].owners);
    }
    free(tiers);
}

