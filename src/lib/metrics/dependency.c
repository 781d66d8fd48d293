#include "chokepoint/dependency.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "csr.h"
#include "fetch.h"
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

/*
 * Shared by the tiers of one trace: the nodes by position (components in topological order,
 * a component's nodes in index order), each position's in-edges in the network's in-edge order
 * as (source position, weight), and what a tier needs of each node.
 */
typedef struct {
    const ckp_network *net;
    igraph_integer_t n, ncomp;
    igraph_integer_t *order, *comp_start; /* node at each position; components' first positions */
    igraph_integer_t *ie_off;             /* position p's in-edges: ie_off[p] .. ie_off[p + 1] */
    int32_t *ie_src;
    double *ie_w;
    double *inflow;      /* by position */
    unsigned char *used; /* by position: something reads it (an out-edge) or an end user */
    igraph_integer_t n_used;
    /*
     * the tier being traced, sparse: position p's countries are the bits of its mask (W words,
     * bit c for the tier's country c), its shares vals[voff[p] ..] in bit order. A country is
     * left out only where every share it would sum is an exact 0: adding 0 to a sum of
     * non-negative terms changes no bit, so each share is the sum the dense method makes.
     */
    igraph_integer_t C, W, t;
    const igraph_integer_t *col; /* a country's column in the tier */
    uint64_t *mask;
    igraph_integer_t *voff;
    double *vals, *acc;
    size_t vals_cap;
} tracer;

/* Position p's mask for tier t: its own country at tier t, else the union of its sources'. */
static void mask_node(tracer *tr, igraph_integer_t p)
{
    const ckp_network *net = tr->net;
    igraph_integer_t v = tr->order[p], W = tr->W;
    uint64_t *m = tr->mask + p * W;
    for (igraph_integer_t j = 0; j < W; j++)
        m[j] = 0;
    if (!tr->used[p])
        return;
    if (net->node_tier[v] == tr->t) {
        igraph_integer_t c = tr->col[net->node_country[v]];
        m[c >> 6] = (uint64_t)1 << (c & 63);
        return;
    }
    if (!(tr->inflow[p] > 0)) /* no inflow: every share 0 */
        return;
    for (igraph_integer_t k = tr->ie_off[p]; k < tr->ie_off[p + 1]; k++) {
        const uint64_t *s = tr->mask + (igraph_integer_t)tr->ie_src[k] * W;
        for (igraph_integer_t j = 0; j < W; j++)
            m[j] |= s[j];
    }
}

/*
 * Component [a, b)'s masks, a loop's grown until they hold (a sweep can only add bits), and
 * where their shares go: after the previous positions'.
 */
static void comp_masks(tracer *tr, igraph_integer_t a, igraph_integer_t b)
{
    igraph_integer_t W = tr->W;
    if (b - a == 1)
        mask_node(tr, a);
    else
        memset(tr->mask + a * W, 0, (size_t)((b - a) * W) * sizeof *tr->mask);
    for (int grew = b - a > 1; grew;) {
        grew = 0;
        for (igraph_integer_t p = a; p < b; p++) {
            uint64_t before = 0, after = 0;
            for (igraph_integer_t j = 0; j < W; j++)
                before += (uint64_t)__builtin_popcountll(tr->mask[p * W + j]);
            mask_node(tr, p);
            for (igraph_integer_t j = 0; j < W; j++)
                after += (uint64_t)__builtin_popcountll(tr->mask[p * W + j]);
            grew |= after != before;
        }
    }
    for (igraph_integer_t p = a; p < b; p++) {
        igraph_integer_t bits = 0;
        for (igraph_integer_t j = 0; j < W; j++)
            bits += __builtin_popcountll(tr->mask[p * W + j]);
        tr->voff[p + 1] = tr->voff[p] + bits;
    }
}

/*
 * Two lanes of doubles: each lane's product, sum and quotient are the scalar operation's, so
 * the bits are the same, two shares at a time (memcpy: the rows are not 16-byte aligned).
 */
typedef double lanes __attribute__((vector_size(16)));

/* 0: every row through the masks (test_dependency_sparse checks that path alone) */
#ifndef DENSE_ROWS
#define DENSE_ROWS 1
#endif

/* acc[c] += w * x[c] for every country. */
static void add_row(double *acc, const double *x, double w, igraph_integer_t C)
{
    lanes wv = {w, w};
    igraph_integer_t c = 0;
    for (; c + 2 <= C; c += 2) {
        lanes a, y;
        memcpy(&a, acc + c, sizeof a);
        memcpy(&y, x + c, sizeof y);
        a += wv * y;
        memcpy(acc + c, &a, sizeof a);
    }
    if (c < C)
        acc[c] += w * x[c];
}

/* out[c] = acc[c] / in for every country. */
static void divide_row(double *out, const double *acc, double in, igraph_integer_t C)
{
    lanes iv = {in, in};
    igraph_integer_t c = 0;
    for (; c + 2 <= C; c += 2) {
        lanes a;
        memcpy(&a, acc + c, sizeof a);
        a /= iv;
        memcpy(out + c, &a, sizeof a);
    }
    if (c < C)
        out[c] = acc[c] / in;
}

/*
 * Position p's shares from its sources' (not for a node of tier t), each summed over the
 * in-edges in order as the dense method does, then divided by the inflow. In a loop (sweep
 * set), the largest change; else 0.
 */
static double mix_node(tracer *tr, igraph_integer_t p, int sweep)
{
    igraph_integer_t W = tr->W, C = tr->C, cells = tr->voff[p + 1] - tr->voff[p];
    const uint64_t *m = tr->mask + p * W;
    double *acc = tr->acc, *out = tr->vals + tr->voff[p], change = 0;
    if (!cells)
        return 0;
    if (DENSE_ROWS && cells == C)
        memset(acc, 0, (size_t)C * sizeof *acc);
    else
        for (igraph_integer_t j = 0; j < W; j++)
            for (uint64_t b = m[j]; b; b &= b - 1)
                acc[j * 64 + __builtin_ctzll(b)] = 0;
    for (igraph_integer_t k = tr->ie_off[p]; k < tr->ie_off[p + 1]; k++) {
        igraph_integer_t s = tr->ie_src[k];
        double w = tr->ie_w[k];
        const double *x = tr->vals + tr->voff[s];
        if (DENSE_ROWS && tr->voff[s + 1] - tr->voff[s] == C) { /* every country: dense */
            add_row(acc, x, w, C);
            continue;
        }
        for (igraph_integer_t j = 0; j < W; j++)
            for (uint64_t b = tr->mask[s * W + j]; b; b &= b - 1)
                acc[j * 64 + __builtin_ctzll(b)] += w * *x++;
    }
    if (DENSE_ROWS && cells == C && !sweep) {
        divide_row(out, acc, tr->inflow[p], C);
        return 0;
    }
    for (igraph_integer_t j = 0; j < W; j++)
        for (uint64_t b = m[j]; b; b &= b - 1) {
            double y = acc[j * 64 + __builtin_ctzll(b)] / tr->inflow[p];
            double d = fabs(y - *out);
            if (d > change)
                change = d;
            *out++ = y;
        }
    return change;
}

/*
 * Fetch ahead: the sources' offsets and masks FAR in-edges ahead, their shares NEAR ahead. A
 * node's sources are scattered; read one at a time, each would wait for memory.
 */
#define FAR 48
#define NEAR 16

static void fetch_ahead(const tracer *tr, igraph_integer_t a, igraph_integer_t b)
{
    igraph_integer_t m = tr->ie_off[tr->n], k0 = tr->ie_off[a], k1 = tr->ie_off[b];
    for (igraph_integer_t k = k0 + FAR; k < k1 + FAR && k < m; k++) {
        CKP_FETCH(tr->voff + tr->ie_src[k]);
        CKP_FETCH(tr->mask + (igraph_integer_t)tr->ie_src[k] * tr->W);
    }
    for (igraph_integer_t k = k0 + NEAR; k < k1 + NEAR && k < m; k++) {
        if (tr->ie_src[k] >= a) /* not placed yet */
            continue;
        const igraph_integer_t *o = tr->voff + tr->ie_src[k];
        for (igraph_integer_t i = o[0]; i < o[1]; i += 8)
            CKP_FETCH(tr->vals + i);
    }
}

/* Every position's shares: an acyclic node once, a loop by Gauss-Seidel sweeps. */
static void tier_mix(tracer *tr)
{
    const ckp_network *net = tr->net;
    tr->voff[0] = 0;
    for (igraph_integer_t q = 0; q < tr->ncomp; q++) {
        igraph_integer_t a = tr->comp_start[q], b = tr->comp_start[q + 1];
        fetch_ahead(tr, a, b);
        comp_masks(tr, a, b);
        for (igraph_integer_t p = a; p < b; p++) { /* tier t's own: all from its country */
            int own = net->node_tier[tr->order[p]] == tr->t && tr->voff[p + 1] > tr->voff[p];
            if (own || b - a > 1)
                for (igraph_integer_t i = tr->voff[p]; i < tr->voff[p + 1]; i++)
                    tr->vals[i] = own;
        }
        for (igraph_integer_t sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double change = 0;
            for (igraph_integer_t p = a; p < b; p++)
                if (net->node_tier[tr->order[p]] != tr->t) {
                    double d = mix_node(tr, p, b - a > 1);
                    if (d > change)
                        change = d;
                }
            if (b - a == 1 || change <= SWEEP_TOLERANCE)
                break;
        }
    }
}

/* Tier t's origins into o (countries set, shares zeroed): masks, then shares, then copied. */
static int trace_tier(tracer *tr, ckp_tier_origin *o, igraph_integer_t t,
                      const igraph_integer_t *eu_pos, igraph_integer_t n_end_users)
{
    igraph_integer_t C = o->n_countries, W = (C + 63) / 64, n = tr->n;
    tr->t = t;
    tr->C = C;
    if (W > tr->W) {
        free(tr->mask);
        tr->W = 0;
        if (!(tr->mask = ckp_big_malloc((size_t)(n ? n : 1) * (size_t)W * sizeof *tr->mask)))
            return -1;
    }
    tr->W = W;
    /* room for every used node's every country: the pages of those left out stay untouched */
    size_t size = (size_t)(tr->n_used ? tr->n_used : 1) * (size_t)C;
    if (size > tr->vals_cap) { /* one array for every tier */
        free(tr->vals);
        tr->vals_cap = 0;
        if (!(tr->vals = ckp_big_malloc(size * sizeof *tr->vals)))
            return -1;
        tr->vals_cap = size;
    }
    tier_mix(tr);
    for (igraph_integer_t k = 0; k < n_end_users; k++) {
        igraph_integer_t p = eu_pos[k];
        if (k + NEAR < n_end_users) { /* the end users' positions are scattered */
            igraph_integer_t f = eu_pos[k + NEAR];
            CKP_FETCH(tr->vals + tr->voff[f]);
            CKP_FETCH(tr->mask + f * W);
        }
        const double *x = tr->vals + tr->voff[p];
        double *row = o->shares + k * C;
        memset(row, 0, (size_t)C * sizeof *row);
        for (igraph_integer_t j = 0; j < W; j++)
            for (uint64_t b = tr->mask[p * W + j]; b; b &= b - 1)
                row[j * 64 + __builtin_ctzll(b)] = *x++;
    }
    return 0;
}

/*
 * Renumber the components by level (the longest path into them), then by their first node:
 * still a topological order, and each level's nodes in index order, the order in which their
 * suppliers are often picked, so sources read one after another are near in memory. -1 on out
 * of memory.
 */
static int rank_components(const ckp_csr *csr, const ckp_network *net, igraph_integer_t *comp,
                           igraph_integer_t ncomp)
{
    igraph_integer_t n = net->n_nodes, top = 0, rc = -1;
    size_t nq = (size_t)ncomp + 2;
    igraph_integer_t *start = calloc(nq, sizeof *start), *level = calloc(nq, sizeof *level);
    igraph_integer_t *rank = malloc(nq * sizeof *rank), *count = NULL;
    igraph_integer_t *nodes = malloc((size_t)(n ? n : 1) * sizeof *nodes);
    if (!start || !level || !rank || !nodes)
        goto done;
    for (igraph_integer_t v = 0; v < n; v++)
        start[comp[v] + 1]++;
    for (igraph_integer_t q = 0; q < ncomp; q++)
        start[q + 1] += start[q];
    memcpy(rank, start, (size_t)ncomp * sizeof *rank); /* the fill pointers for now */
    for (igraph_integer_t v = 0; v < n; v++)
        nodes[rank[comp[v]]++] = v;
    for (igraph_integer_t q = 0; q < ncomp; q++) /* components topologically: levels final */
        for (igraph_integer_t i = start[q]; i < start[q + 1]; i++)
            for (igraph_integer_t k = csr->out_off[nodes[i]]; k < csr->out_off[nodes[i] + 1]; k++) {
                igraph_integer_t r = comp[net->edge_to[csr->out_edge[k]]];
                if (r != q && level[r] < level[q] + 1)
                    level[r] = level[q] + 1;
                if (level[r] > top)
                    top = level[r];
            }
    if (!(count = calloc((size_t)top + 2, sizeof *count)))
        goto done;
    for (igraph_integer_t q = 0; q < ncomp; q++)
        count[level[q] + 1]++;
    for (igraph_integer_t l = 0; l <= top; l++)
        count[l + 1] += count[l];
    for (igraph_integer_t q = 0; q < ncomp; q++)
        rank[q] = -1;
    for (igraph_integer_t v = 0; v < n; v++)
        if (rank[comp[v]] < 0)
            rank[comp[v]] = count[level[comp[v]]]++;
    for (igraph_integer_t v = 0; v < n; v++)
        comp[v] = rank[comp[v]];
    rc = 0;
done:
    free(start);
    free(level);
    free(rank);
    free(count);
    free(nodes);
    return (int)rc;
}

/*
 * The positions (nodes by component, components in topological order) and each position's
 * in-edges, weights and inflow; sets order, comp_start, ie_*, inflow, used and eu_pos.
 */
static void lay_out(tracer *tr, const ckp_csr *csr, const double *w, const igraph_integer_t *comp,
                    igraph_integer_t *pos, igraph_integer_t *eu_pos)
{
    const ckp_network *net = tr->net;
    igraph_integer_t n = tr->n, last = net->tiers.count - 1, n_end_users = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        tr->comp_start[comp[v] + 1]++;
    for (igraph_integer_t c = 0; c < tr->ncomp; c++)
        tr->comp_start[c + 1] += tr->comp_start[c];
    /* pos is the fill pointer of each component first, then each node's position */
    memcpy(pos, tr->comp_start, (size_t)tr->ncomp * sizeof *pos);
    for (igraph_integer_t v = 0; v < n; v++)
        tr->order[pos[comp[v]]++] = v;
    for (igraph_integer_t p = 0; p < n; p++)
        pos[tr->order[p]] = p;
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == last)
            eu_pos[n_end_users++] = pos[v];
    tr->ie_off[0] = 0;
    for (igraph_integer_t p = 0; p < n; p++) {
        igraph_integer_t v = tr->order[p], k0 = tr->ie_off[p];
        double in = 0;
        for (igraph_integer_t k = csr->in_off[v]; k < csr->in_off[v + 1]; k++) {
            igraph_integer_t e = csr->in_edge[k];
            tr->ie_src[k0] = (int32_t)pos[net->edge_from[e]];
            tr->ie_w[k0++] = w[e];
            in += w[e];
        }
        tr->ie_off[p + 1] = k0;
        tr->used[p] = net->node_tier[v] == last || csr->out_off[v + 1] > csr->out_off[v];
        tr->n_used += tr->used[p];
        tr->inflow[p] = in;
    }
}

ckp_code ckp_dependency_compute(ckp_dependency *out, const ckp_network *net,
                                const double *edge_weight, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, nt = net->tiers.count, last = nt - 1;
    igraph_integer_t nc = net->countries.count;
    tracer tr;
    ckp_csr csr;
    igraph_integer_t *comp = NULL, *col = NULL, *eu_pos = NULL;
    memset(out, 0, sizeof *out);
    memset(&tr, 0, sizeof tr);
    tr.net = net;
    tr.n = n;
    if (n > INT32_MAX) { /* sources are 32-bit positions: a third less memory */
        return ckp_error_set(err, CKP_ELIMIT, "too many nodes for origin tracing (%lld)",
                             (long long)n);
    }
    if ((rc = ckp_csr_build(&csr, net, err)))
        return rc;
    size_t nn = (size_t)(n ? n : 1), ncs = (size_t)(nc ? nc : 1);
    size_t ne = (size_t)(net->n_edges ? net->n_edges : 1);
    comp = malloc(nn * sizeof *comp);
    eu_pos = malloc(nn * sizeof *eu_pos);
    col = malloc(ncs * sizeof *col);
    tr.order = malloc(nn * sizeof *tr.order);
    tr.comp_start = calloc(nn + 1, sizeof *tr.comp_start);
    tr.ie_off = ckp_big_malloc((nn + 1) * sizeof *tr.ie_off);
    tr.ie_src = ckp_big_malloc(ne * sizeof *tr.ie_src);
    tr.ie_w = ckp_big_malloc(ne * sizeof *tr.ie_w);
    tr.inflow = ckp_big_malloc(nn * sizeof *tr.inflow);
    tr.used = malloc(nn);
    tr.voff = ckp_big_malloc((nn + 1) * sizeof *tr.voff);
    tr.acc = malloc(ncs * sizeof *tr.acc);
    out->tiers = calloc((size_t)(nt ? nt : 1), sizeof *out->tiers);
    out->end_users = malloc(nn * sizeof *out->end_users);
    if (!comp || !eu_pos || !col || !tr.order || !tr.comp_start || !tr.ie_off || !tr.ie_src ||
        !tr.ie_w || !tr.inflow || !tr.used || !tr.voff || !tr.acc || !out->tiers || !out->end_users)
        goto nomem;
    tr.ncomp = ckp_csr_components(&csr, net, comp);
    if (tr.ncomp < 0 || rank_components(&csr, net, comp, tr.ncomp))
        goto nomem;
    /* voff is free until the first tier: the positions */
    lay_out(&tr, &csr, edge_weight ? edge_weight : net->edge_volume, comp, tr.voff, eu_pos);
    ckp_csr_destroy(&csr);
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == last)
            out->end_users[out->n_end_users++] = v;
    out->n_tiers = last;
    tr.col = col;

    for (igraph_integer_t t = 0; t < last; t++) {
        ckp_tier_origin *o = &out->tiers[t];
        o->tier = t;
        /* the countries of tier t, by code */
        char *present = calloc(ncs, 1);
        o->countries = malloc(ncs * sizeof *o->countries);
        if (!present || !o->countries) {
            free(present);
            goto nomem;
        }
        for (igraph_integer_t v = 0; v < n; v++)
            if (net->node_tier[v] == t)
                present[net->node_country[v]] = 1;
        for (igraph_integer_t c = 0; c < nc; c++)
            if (present[c])
                o->countries[o->n_countries++] = c;
        free(present);
        sort_by_code(net, o->countries, o->n_countries);
        for (igraph_integer_t c = 0; c < o->n_countries; c++)
            col[o->countries[c]] = c;
        igraph_integer_t C = o->n_countries;
        /* every share written by trace_tier: not zeroed twice */
        size_t cells = (size_t)out->n_end_users * (size_t)C;
        o->shares =
            cells ? ckp_big_malloc(cells * sizeof *o->shares) : calloc(1, sizeof *o->shares);
        if (!o->shares)
            goto nomem;
        if (C && trace_tier(&tr, o, t, eu_pos, out->n_end_users))
            goto nomem;
    }
    goto done;
nomem:
    rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    ckp_dependency_destroy(out);
done:
    ckp_csr_destroy(&csr);
    free(comp);
    free(eu_pos);
    free(col);
    free(tr.order);
    free(tr.comp_start);
    free(tr.ie_off);
    free(tr.ie_src);
    free(tr.ie_w);
    free(tr.inflow);
    free(tr.used);
    free(tr.voff);
    free(tr.acc);
    free(tr.mask);
    free(tr.vals);
    return rc;
}
