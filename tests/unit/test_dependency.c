/*
 * Origin tracing's single pass per tier (rows only for the nodes downstream of the tier, the
 * end users' rows in the output, one read of each source row) against the plain method it
 * replaced (a dense row for every node, one pass over the in-edges per country), kept here as
 * the reference: the same bits on random networks of several shapes, acyclic and with
 * recycling loops, nodes without inflow, tiers skipped.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/dependency.h"
#include "csr.h"
#include "network_internal.h"
#include "test.h"
#include "test_net.h"
#include "xorshift.h"

/* The reference: every node's mix for one tier, the in-edges read once per country. */
static void ref_tier(const ckp_network *net, const ckp_csr *csr, const igraph_integer_t *order,
                     const igraph_integer_t *comp_start, igraph_integer_t ncomp,
                     const double *w, const double *inflow, const igraph_integer_t *col,
                     igraph_integer_t C, igraph_integer_t t, double *mix)
{
    for (igraph_integer_t v = 0; v < net->n_nodes; v++)
        if (net->node_tier[v] == t)
            mix[v * C + col[net->node_country[v]]] = 1;
    for (igraph_integer_t q = 0; q < ncomp; q++) {
        int cyclic = comp_start[q + 1] - comp_start[q] > 1;
        for (int sweep = 0; sweep < 1000000; sweep++) {
            double change = 0;
            for (igraph_integer_t i = comp_start[q]; i < comp_start[q + 1]; i++) {
                igraph_integer_t v = order[i];
                if (net->node_tier[v] == t)
                    continue;
                for (igraph_integer_t c = 0; c < C; c++) {
                    double acc = 0;
                    if (inflow[v] > 0) {
                        for (igraph_integer_t k = csr->in_off[v]; k < csr->in_off[v + 1]; k++) {
                            igraph_integer_t e = csr->in_edge[k];
                            acc += w[e] * mix[net->edge_from[e] * C + c];
                        }
                        acc /= inflow[v];
                    }
                    change = fmax(change, fabs(acc - mix[v * C + c]));
                    mix[v * C + c] = acc;
                }
            }
            if (!cyclic || change <= 1e-15)
                break;
        }
    }
}

/*
 * Every tier's shares by the reference, compared bit for bit with ckp_dependency_compute, the
 * edges weighted by w (NULL: their volumes).
 */
static void compare(const ckp_network *net, const double *w)
{
    ckp_dependency dep;
    ckp_error err;
    ckp_csr csr;
    igraph_integer_t n = net->n_nodes;
    CHECK_INT(ckp_dependency_compute(&dep, net, w, &err), CKP_OK);
    if (!w)
        w = net->edge_volume;
    CHECK_INT(ckp_csr_build(&csr, net, &err), CKP_OK);
    igraph_integer_t *comp = malloc((size_t)n * sizeof *comp);
    igraph_integer_t *order = malloc((size_t)n * sizeof *order);
    igraph_integer_t *start = calloc((size_t)n + 1, sizeof *start);
    igraph_integer_t *col = malloc((size_t)net->countries.count * sizeof *col);
    double *inflow = calloc((size_t)n, sizeof *inflow);
    igraph_integer_t ncomp = ckp_csr_components(&csr, net, comp);
    for (igraph_integer_t v = 0; v < n; v++)
        start[comp[v] + 1]++;
    for (igraph_integer_t q = 0; q < ncomp; q++)
        start[q + 1] += start[q];
    for (igraph_integer_t q = 0, i = 0; q < ncomp; q++) /* stable: nodes in index order */
        for (igraph_integer_t v = 0; v < n; v++)
            if (comp[v] == q)
                order[i++] = v;
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        inflow[net->edge_to[e]] += w[e];
    CHECK_INT(dep.n_tiers, net->tiers.count - 1);
    for (igraph_integer_t t = 0; t < dep.n_tiers; t++) {
        const ckp_tier_origin *o = &dep.tiers[t];
        igraph_integer_t C = o->n_countries;
        for (igraph_integer_t c = 0; c < C; c++)
            col[o->countries[c]] = c;
        double *mix = calloc((size_t)(n * C + 1), sizeof *mix);
        ref_tier(net, &csr, order, start, ncomp, w, inflow, col, C, t, mix);
        int same = 1;
        for (igraph_integer_t k = 0; k < dep.n_end_users; k++)
            same &= !memcmp(o->shares + k * C, mix + dep.end_users[k] * C,
                            (size_t)C * sizeof *mix);
        CHECK(same);
        free(mix);
    }
    ckp_dependency_destroy(&dep);
    ckp_csr_destroy(&csr);
    free(comp);
    free(order);
    free(start);
    free(col);
    free(inflow);
}

/* 130 codes: a tier of more than 64 countries takes more than one word of its country mask */
static const char *const codes[] = {
    "AU", "CN", "MY", "US", "JP", "DE", "FR", "IN", "BR", "VN", "AD", "AE", "AF", "AG", "AI",
    "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF",
    "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BS", "BT", "BV", "BW", "BY", "BZ",
    "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CO", "CR", "CU", "CV", "CW",
    "CX", "CY", "CZ", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET",
    "FI", "FJ", "FK", "FM", "FO", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM",
    "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU",
    "ID", "IE", "IL", "IM", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "KE", "KG", "KH",
    "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB"};

/*
 * A random tiered network: `per_tier` nodes a tier, `ncountries` countries, edges mostly to
 * the next tier, some skipping tiers, a share `back` going up a tier or more (recycling).
 */
static ckp_network *random_network(unsigned long long *rng, int tiers, int per_tier,
                                   int ncountries, int back_pct)
{
    int n = tiers * per_tier;
    test_text t;
    test_text_init(&t, n, 4096 + (size_t)n * 200);
    test_text_add(&t, "{'format': 'chokepoint-network/1', 'tiers': [");
    for (int tier = 0; tier < tiers; tier++)
        test_text_add(&t, "%s'T%d'", tier ? ", " : "", tier);
    test_text_add(&t, "], 'nodes': [");
    for (int v = 0; v < n; v++)
        test_text_add(&t, "%s{'id': 'n%d', 'tier': 'T%d', 'country': '%s', 'capacity': 1000}",
                      v ? ", " : "", v, v / per_tier, codes[xorshift(rng, (unsigned)ncountries)]);
    test_text_add(&t, "], 'edges': [");
    for (int v = per_tier; v < n; v++) {
        int tier = v / per_tier, k = (int)xorshift(rng, 4); /* 0 to 3 suppliers: some none */
        for (int i = 0; i < k; i++) {
            int up = xorshift(rng, 5) ? 1 : 1 + (int)xorshift(rng, (unsigned)tier);
            int u = (tier - up) * per_tier + (int)xorshift(rng, (unsigned)per_tier);
            if ((int)xorshift(rng, 100) < back_pct && tier + 1 < tiers) /* a later tier: a loop */
                u = (tier + 1 + (int)xorshift(rng, (unsigned)(tiers - tier - 1))) * per_tier +
                    (int)xorshift(rng, (unsigned)per_tier);
            if (test_text_pair(&t, u, v))
                test_text_edge(&t, "n", u, v, 1 + xorshift(rng, 100));
        }
    }
    return test_text_load(&t);
}

int main(void)
{
    static const int shapes[][4] = {
        /* tiers, nodes a tier, countries, % of edges going to a later tier */
        {3, 40, 10, 0}, {6, 25, 5, 0}, {6, 25, 5, 8}, {10, 15, 8, 3}, {4, 20, 1, 15}, {2, 30, 3, 0},
        {3, 300, 130, 0}, {4, 200, 70, 10}, {5, 60, 64, 5},
    };
    unsigned long long rng = 88172645463325252ULL;
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
        for (int rep = 0; rep < 8; rep++) {
            ckp_network *net =
                random_network(&rng, shapes[s][0], shapes[s][1], shapes[s][2], shapes[s][3]);
            compare(net, NULL);
            /* a scenario's flows: some edges carry nothing, some nodes receive nothing */
            double *w = malloc((size_t)(ckp_network_edge_count(net) + 1) * sizeof *w);
            for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++)
                w[e] = xorshift(&rng, 3) ? net->edge_volume[e] * 0.37 : 0;
            compare(net, w);
            free(w);
            ckp_network_free(net);
        }
    ckp_network *net = test_load_small("diamond.json");
    compare(net, NULL);
    ckp_network_free(net);
    return test_report("test_dependency");
}
