#include "chokepoint/dependency.h"

#include <stdint.h>
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

#define NOT_REACHED (-2) /* a node tier t's flow never reaches: all its shares are 0 */
#define NO_ROW (-1)      /* reached, but nothing reads its shares (no out-edge) */

/*
 * Shared by the tiers of one trace: the condensation, and one segment of nodes to mix with
 * their in-edges from reached nodes (an unreached source adds an exact zero: left out).
 */
typedef struct {
    const ckp_network *net;
    ckp_csr csr;
    const double *w;
    igraph_integer_t ncomp;
    igraph_integer_t *order, *comp_start; /* nodes by component, components topologically */
    igraph_integer_t *eu_slot;            /* end user number of a node, -1 for the others */
    int32_t *rowof;                       /* a node's row in the tier's mix, or the above */
    igraph_integer_t *queue;
    double *inflow, *acc;
    igraph_integer_t *col;
    /*
     * the segment, its node i read sequentially in each country's pass: row seg_row[i],
     * inflow seg_in[i], in-edges from the rows src[seg_off[i] .. seg_off[i + 1]) with the
     * weights ew[...]
     */
    igraph_integer_t ns, ne, cap_nodes, cap_edges, *seg_off;
    int32_t *seg_row, *src;
    double *seg_in, *ew;
    /*
     * the tier being traced: its shares by column (country c: mix[c * rows + row]), the end
     * users' rows last, in their order (eu_row + k), for one sequential copy into o->shares
     */
    ckp_tier_origin *o;
    double *mix;
    size_t mix_size;
    igraph_integer_t rows, eu_row;
} tracer;

/*
 * A segment's size before it is mixed: its arrays stay in cache; a loop may need more.
 * (test_dependency_segments builds this file with tiny ones.)
 */
#ifndef SEGMENT_NODES
#define SEGMENT_NODES 16384
#endif
#ifndef SEGMENT_EDGES
#define SEGMENT_EDGES 65536
#endif

/* Room for `nodes` more nodes and `edges` more edges in the segment; -1 on out of memory. */
static int segment_reserve(tracer *tr, igraph_integer_t nodes, igraph_integer_t edges)
{
    if (tr->ns + nodes > tr->cap_nodes) {
        igraph_integer_t cap = tr->ns + nodes > SEGMENT_NODES ? tr->ns + nodes : SEGMENT_NODES;
        int32_t *row = realloc(tr->seg_row, (size_t)cap * sizeof *row);
        if (row)
            tr->seg_row = row;
        double *in = realloc(tr->seg_in, (size_t)cap * sizeof *in);
        if (in)
            tr->seg_in = in;
        igraph_integer_t *off = realloc(tr->seg_off, ((size_t)cap + 1) * sizeof *off);
        if (off)
            tr->seg_off = off;
        if (!row || !in || !off)
            return -1;
        tr->cap_nodes = cap;
    }
    if (tr->ne + edges > tr->cap_edges) {
        igraph_integer_t cap = tr->ne + edges > SEGMENT_EDGES ? tr->ne + edges : SEGMENT_EDGES;
        int32_t *src = realloc(tr->src, (size_t)cap * sizeof *src);
        if (src)
            tr->src = src;
        double *ew = realloc(tr->ew, (size_t)cap * sizeof *ew);
        if (ew)
            tr->ew = ew;
        if (!src || !ew)
            return -1;
        tr->cap_edges = cap;
    }
    return 0;
}

static void segment_add(tracer *tr, igraph_integer_t v)
{
    const ckp_csr *csr = &tr->csr;
    tr->seg_row[tr->ns] = tr->rowof[v];
    tr->seg_in[tr->ns] = tr->inflow[v];
    for (igraph_integer_t k = csr->in_off[v]; k < csr->in_off[v + 1]; k++) {
        igraph_integer_t e = csr->in_edge[k];
        int32_t r = tr->rowof[tr->net->edge_from[e]];
        if (r >= 0) {
            tr->src[tr->ne] = r;
            tr->ew[tr->ne++] = tr->w[e];
        }
    }
    tr->seg_off[++tr->ns] = tr->ne;
}

/* Segment node i's share from country c. */
static void store(tracer *tr, igraph_integer_t i, igraph_integer_t c, double x)
{
    tr->mix[c * tr->rows + tr->seg_row[i]] = x;
}

/*
 * The segment's nodes, acyclic and in topological order, one country at a time: a column
 * stays in cache where a row per node would not. Each share sums its edges in the in-edge
 * order, as the plain method does: the same bits.
 */
static void segment_flush(tracer *tr)
{
    for (igraph_integer_t c = 0; c < tr->o->n_countries; c++) {
        const double *m = tr->mix + c * tr->rows;
        for (igraph_integer_t i = 0; i < tr->ns; i++) {
            double acc = 0;
            if (tr->seg_in[i] > 0) {
                for (igraph_integer_t k = tr->seg_off[i]; k < tr->seg_off[i + 1]; k++)
                    acc += tr->ew[k] * m[tr->src[k]];
                acc /= tr->seg_in[i];
            }
            store(tr, i, c, acc);
        }
    }
    tr->ns = tr->ne = 0;
}

/* A recycling loop (the segment, one strong component): Gauss-Seidel, every country a sweep. */
static void segment_sweep(tracer *tr)
{
    igraph_integer_t C = tr->o->n_countries;
    double *acc = tr->acc;
    for (igraph_integer_t sweep = 0; sweep < MAX_SWEEPS; sweep++) {
        double change = 0;
        for (igraph_integer_t i = 0; i < tr->ns; i++) {
            for (igraph_integer_t c = 0; c < C; c++)
                acc[c] = 0;
            if (tr->seg_in[i] > 0) {
                for (igraph_integer_t k = tr->seg_off[i]; k < tr->seg_off[i + 1]; k++)
                    for (igraph_integer_t c = 0; c < C; c++)
                        acc[c] += tr->ew[k] * tr->mix[c * tr->rows + tr->src[k]];
                for (igraph_integer_t c = 0; c < C; c++)
                    acc[c] /= tr->seg_in[i];
            }
            for (igraph_integer_t c = 0; c < C; c++) {
                double d = fabs(acc[c] - tr->mix[c * tr->rows + tr->seg_row[i]]);
                if (d > change)
                    change = d;
                store(tr, i, c, acc[c]);
            }
        }
        if (change <= SWEEP_TOLERANCE)
            break;
    }
    tr->ns = tr->ne = 0;
}

/*
 * Tier t's nodes and everything downstream get a row if something reads them (an out-edge)
 * or they are end users (every end user has one, after the others); sets rows and eu_row.
 */
static void reach(tracer *tr, igraph_integer_t t, igraph_integer_t n_end_users)
{
    const ckp_network *net = tr->net;
    const ckp_csr *csr = &tr->csr;
    igraph_integer_t n = net->n_nodes, head = 0, tail = 0, rows = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        tr->rowof[v] = net->node_tier[v] == t ? NO_ROW : NOT_REACHED;
        if (net->node_tier[v] == t)
            tr->queue[tail++] = v;
    }
    while (head < tail) {
        igraph_integer_t v = tr->queue[head++];
        for (igraph_integer_t k = csr->out_off[v]; k < csr->out_off[v + 1]; k++) {
            igraph_integer_t u = net->edge_to[csr->out_edge[k]];
            if (tr->rowof[u] == NOT_REACHED) {
                tr->rowof[u] = NO_ROW;
                tr->queue[tail++] = u;
            }
        }
    }
    /* rows in topological order: a segment's pass writes its column sequentially */
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t v = tr->order[i];
        if (tr->rowof[v] == NO_ROW && tr->eu_slot[v] < 0 &&
            csr->out_off[v + 1] > csr->out_off[v])
            tr->rowof[v] = (int32_t)rows++;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        if (tr->rowof[v] == NO_ROW && tr->eu_slot[v] >= 0)
            tr->rowof[v] = (int32_t)(rows + tr->eu_slot[v]);
    tr->eu_row = rows;
    tr->rows = rows + n_end_users;
}

/*
 * Tier t's origins into o (countries and shares set): components in topological order, the
 * acyclic ones gathered into segments mixed a country at a time, each loop swept on its own.
 * Only the nodes downstream of tier t are mixed, and only those with a reader keep a row.
 */
static int trace_tier(tracer *tr, ckp_tier_origin *o, igraph_integer_t t,
                      igraph_integer_t n_end_users)
{
    const ckp_network *net = tr->net;
    igraph_integer_t C = o->n_countries;
    tr->o = o;
    reach(tr, t, n_end_users);
    size_t size = (size_t)(tr->rows ? tr->rows : 1) * (size_t)C;
    if (size > tr->mix_size) { /* one array for every tier: its pages are touched once */
        free(tr->mix);
        tr->mix_size = 0;
        if (!(tr->mix = calloc(size, sizeof *tr->mix)))
            return -1;
        tr->mix_size = size;
    } else {
        memset(tr->mix, 0, size * sizeof *tr->mix);
    }
    for (igraph_integer_t v = 0; v < net->n_nodes; v++)
        if (net->node_tier[v] == t && tr->rowof[v] >= 0)
            tr->mix[tr->col[net->node_country[v]] * tr->rows + tr->rowof[v]] = 1;
    for (igraph_integer_t q = 0; q < tr->ncomp; q++) {
        igraph_integer_t a = tr->comp_start[q], b = tr->comp_start[q + 1];
        if (tr->rowof[tr->order[a]] == NOT_REACHED) /* a component is reached whole or not */
            continue;
        const igraph_integer_t *in_off = tr->csr.in_off;
        igraph_integer_t edges = 0;
        for (igraph_integer_t i = a; i < b; i++)
            edges += in_off[tr->order[i] + 1] - in_off[tr->order[i]];
        /* a loop is swept whole: alone in its segment; an acyclic node joins the one open */
        if (b - a > 1 || tr->ns + 1 > tr->cap_nodes || tr->ne + edges > tr->cap_edges)
            segment_flush(tr);
        if (segment_reserve(tr, b - a, edges))
            return -1;
        for (igraph_integer_t i = a; i < b; i++) {
            igraph_integer_t v = tr->order[i];
            if (net->node_tier[v] != t && tr->rowof[v] >= 0)
                segment_add(tr, v);
        }
        if (b - a > 1)
            segment_sweep(tr);
    }
    segment_flush(tr);
    /* the end users' columns into rows, by blocks that stay in cache */
    for (igraph_integer_t k0 = 0; k0 < n_end_users; k0 += 256) {
        igraph_integer_t k1 = k0 + 256 < n_end_users ? k0 + 256 : n_end_users;
        for (igraph_integer_t c = 0; c < C; c++) {
            const double *m = tr->mix + c * tr->rows + tr->eu_row;
            for (igraph_integer_t k = k0; k < k1; k++)
                o->shares[k * C + c] = m[k];
        }
    }
    return 0;
}

ckp_code ckp_dependency_compute(ckp_dependency *out, const ckp_network *net,
                                const double *edge_weight, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, nt = net->tiers.count, last = nt - 1;
    igraph_integer_t nc = net->countries.count;
    tracer tr;
    igraph_integer_t *comp = NULL;
    memset(out, 0, sizeof *out);
    memset(&tr, 0, sizeof tr);
    tr.net = net;
    tr.w = edge_weight ? edge_weight : net->edge_volume;
    if ((rc = ckp_csr_build(&tr.csr, net, err)))
        return rc;
    size_t nn = (size_t)(n ? n : 1), ncs = (size_t)(nc ? nc : 1);
    comp = malloc(nn * sizeof *comp);
    tr.order = malloc(nn * sizeof *tr.order);
    tr.comp_start = calloc(nn + 1, sizeof *tr.comp_start);
    tr.eu_slot = malloc(nn * sizeof *tr.eu_slot);
    tr.queue = malloc(nn * sizeof *tr.queue);
    tr.rowof = malloc(nn * sizeof *tr.rowof);
    tr.seg_off = malloc(sizeof *tr.seg_off); /* grown by segment_reserve */
    tr.inflow = calloc(nn, sizeof *tr.inflow);
    tr.acc = malloc(ncs * sizeof *tr.acc);
    tr.col = malloc(ncs * sizeof *tr.col);
    out->tiers = calloc((size_t)(nt ? nt : 1), sizeof *out->tiers);
    out->end_users = malloc(nn * sizeof *out->end_users);
    if (!comp || !tr.order || !tr.comp_start || !tr.eu_slot || !tr.queue || !tr.inflow ||
        !tr.acc || !tr.rowof || !tr.seg_off || !tr.col || !out->tiers || !out->end_users)
        goto nomem;
    tr.seg_off[0] = 0;
    if (n > INT32_MAX) { /* a segment's sources are 32-bit rows: half the memory */
        rc = ckp_error_set(err, CKP_ELIMIT, "too many nodes for origin tracing (%lld)",
                           (long long)n);
        goto fail;
    }
    tr.ncomp = ckp_csr_components(&tr.csr, net, comp);
    if (tr.ncomp < 0)
        goto nomem;
    /* nodes grouped by component, components in topological order */
    for (igraph_integer_t v = 0; v < n; v++)
        tr.comp_start[comp[v] + 1]++;
    for (igraph_integer_t c = 0; c < tr.ncomp; c++)
        tr.comp_start[c + 1] += tr.comp_start[c];
    /* comp's own array becomes the fill pointers: each node is placed before it is overwritten */
    for (igraph_integer_t v = 0; v < n; v++)
        tr.queue[v] = comp[v];
    memcpy(comp, tr.comp_start, (size_t)tr.ncomp * sizeof *comp);
    for (igraph_integer_t v = 0; v < n; v++)
        tr.order[comp[tr.queue[v]]++] = v;
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        tr.inflow[net->edge_to[e]] += tr.w[e];
    for (igraph_integer_t v = 0; v < n; v++) {
        tr.eu_slot[v] = net->node_tier[v] == last ? out->n_end_users : -1;
        if (net->node_tier[v] == last)
            out->end_users[out->n_end_users++] = v;
    }
    out->n_tiers = last;

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
            tr.col[o->countries[c]] = c;
        igraph_integer_t C = o->n_countries;
        o->shares = calloc((size_t)(out->n_end_users ? out->n_end_users : 1) * (size_t)(C ? C : 1),
                           sizeof *o->shares);
        if (!o->shares)
            goto nomem;
        if (C && trace_tier(&tr, o, t, out->n_end_users))
            goto nomem;
    }
    goto done;
nomem:
    rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
fail:
    ckp_dependency_destroy(out);
done:
    ckp_csr_destroy(&tr.csr);
    free(comp);
    free(tr.order);
    free(tr.comp_start);
    free(tr.eu_slot);
    free(tr.queue);
    free(tr.inflow);
    free(tr.acc);
    free(tr.rowof);
    free(tr.seg_row);
    free(tr.mix);
    free(tr.seg_in);
    free(tr.seg_off);
    free(tr.src);
    free(tr.ew);
    free(tr.col);
    return rc;
}
