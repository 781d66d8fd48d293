#include "chokepoint/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "igraph_glue.h"
#include "network_internal.h"

/* Demand and inflow are compared with this relative slack: rounding is not a gap. */
#define SLACK 1e-9

static const char *const kind_names[CKP_WARN_KIND_COUNT] = {
    "no-supplier", "no-customer", "against-tiers", "cycle",
    "over-capacity", "short-inflow", "no-source",
};

const char *ckp_warning_kind_name(ckp_warning_kind kind)
{
    return kind < CKP_WARN_KIND_COUNT ? kind_names[kind] : "unknown";
}

void ckp_check_report_init(ckp_check_report *report)
{
    memset(report, 0, sizeof *report);
}

void ckp_check_report_destroy(ckp_check_report *report)
{
    if (!report)
        return;
    for (igraph_integer_t i = 0; i < report->n_warnings; i++)
        free(report->warnings[i].message);
    free(report->warnings);
    free(report->tiers);
    ckp_concentration_free(report->concentration, report->n_tiers);
    ckp_check_report_init(report);
}

typedef struct {
    ckp_check_report *r;
    igraph_integer_t cap;
    int oom;
} wlist;

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void warn(wlist *w, ckp_warning_kind kind, igraph_integer_t node, igraph_integer_t edge,
                 const char *fmt, ...)
{
    if (w->oom)
        return;
    if (w->r->n_warnings == w->cap) {
        igraph_integer_t cap = w->cap ? w->cap * 2 : 16;
        ckp_warning *p = realloc(w->r->warnings, (size_t)cap * sizeof *p);
        if (!p) {
            w->oom = 1;
            return;
        }
        w->r->warnings = p;
        w->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = malloc((size_t)len + 1);
    if (!msg) {
        w->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)len + 1, fmt, ap);
    va_end(ap);
    ckp_warning *x = &w->r->warnings[w->r->n_warnings++];
    x->kind = kind;
    x->node = node;
    x->edge = edge;
    x->message = msg;
}

#define ID(v) ckp_node_id(net, (v))
#define TIER(v) ckp_network_tier_name(net, net->node_tier[(v)])

/* One warning per strongly connected component, naming a shortest cycle in it. */
static ckp_code find_cycles(wlist *w, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_t g;
    igraph_vector_int_t membership, csize;
    int have_g = 0, have_vecs = 0;
    igraph_integer_t n = net->n_nodes, ncomp;
    igraph_integer_t *queue = NULL, *parent = NULL, *first = NULL;
    if ((rc = ckp_network_graph(&g, net, err)))
        return rc;
    have_g = 1;
    CKP_IGRAPH(igraph_vector_int_init(&membership, 0), "finding cycles");
    if (igraph_vector_int_init(&csize, 0)) {
        igraph_vector_int_destroy(&membership);
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    have_vecs = 1;
    CKP_IGRAPH(igraph_connected_components(&g, &membership, &csize, &ncomp, IGRAPH_STRONG),
               "finding cycles");
    queue = malloc((size_t)(n ? n : 1) * sizeof *queue);
    parent = malloc((size_t)(n ? n : 1) * sizeof *parent);
    first = malloc((size_t)(ncomp ? ncomp : 1) * sizeof *first);
    if (!queue || !parent || !first) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t c = 0; c < ncomp; c++)
        first[c] = -1;
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(membership)[v];
        if (first[c] < 0)
            first[c] = v;
    }
    /* out-adjacency in CSR form, for the BFS */
    igraph_integer_t *off = calloc((size_t)n + 1, sizeof *off);
    igraph_integer_t *adj = malloc((size_t)(net->n_edges ? net->n_edges : 1) * sizeof *adj);
    if (!off || !adj) {
        free(off);
        free(adj);
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        off[net->edge_from[e] + 1]++;
    for (igraph_integer_t v = 0; v < n; v++)
        off[v + 1] += off[v];
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        adj[off[net->edge_from[e]]++] = net->edge_to[e];
    for (igraph_integer_t v = n; v > 0; v--)
        off[v] = off[v - 1];
    off[0] = 0;
    for (igraph_integer_t c = 0; c < ncomp; c++) {
        if (VECTOR(csize)[c] < 2)
            continue;
        /* BFS from the component's first node back to itself, inside the component */
        igraph_integer_t root = first[c], head = 0, tail = 0, last = -1;
        for (igraph_integer_t v = 0; v < n; v++)
            parent[v] = -1;
        queue[tail++] = root;
        while (head < tail && last < 0) {
            igraph_integer_t u = queue[head++];
            for (igraph_integer_t k = off[u]; k < off[u + 1]; k++) {
                igraph_integer_t x = adj[k];
                if (VECTOR(membership)[x] != c)
                    continue;
                if (x == root) {
                    last = u;
                    break;
                }
                if (parent[x] < 0) {
                    parent[x] = u;
                    queue[tail++] = x;
                }
            }
        }
        /* walk back from `last` to the root, then print forwards */
        igraph_integer_t len = 0;
        for (igraph_integer_t v = last; v != root; v = parent[v])
            queue[len++] = v;
        size_t size = 64;
        for (igraph_integer_t i = 0; i < len; i++)
            size += strlen(ID(queue[i])) + 8;
        size += 2 * strlen(ID(root)) + 8;
        char *path = malloc(size);
        if (!path) {
            w->oom = 1;
            break;
        }
        size_t used = (size_t)snprintf(path, size, "'%s'", ID(root));
        for (igraph_integer_t i = len - 1; i >= 0; i--)
            used += (size_t)snprintf(path + used, size - used, " -> '%s'", ID(queue[i]));
        snprintf(path + used, size - used, " -> '%s'", ID(root));
        if (VECTOR(csize)[c] > len + 1)
            warn(w, CKP_WARN_CYCLE, root, -1, "cycle %s (one of the cycles among %lld nodes)",
                 path, (long long)VECTOR(csize)[c]);
        else
            warn(w, CKP_WARN_CYCLE, root, -1, "cycle %s", path);
        free(path);
    }
    free(off);
    free(adj);
done:
    if (have_vecs) {
        igraph_vector_int_destroy(&membership);
        igraph_vector_int_destroy(&csize);
    }
    if (have_g)
        igraph_destroy(&g);
    free(queue);
    free(parent);
    free(first);
    return rc;
}

static int has_figure_source(const ckp_network *net, int32_t source, int32_t estimate)
{
    (void)net;
    return source >= 0 || estimate >= 0;
}

ckp_code ckp_check(ckp_check_report *r, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, m = net->n_edges, nt = net->tiers.count;
    double *in = calloc((size_t)(n ? n : 1), sizeof *in);
    double *out = calloc((size_t)(n ? n : 1), sizeof *out);
    igraph_integer_t *indeg = calloc((size_t)(n ? n : 1), sizeof *indeg);
    igraph_integer_t *outdeg = calloc((size_t)(n ? n : 1), sizeof *outdeg);
    char *seen = NULL;
    wlist w = {.r = r};
    ckp_check_report_init(r);
    if (!in || !out || !indeg || !outdeg) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    r->nodes = n;
    r->edges = m;
    r->countries = net->countries.count;
    r->owners = net->owners.count;
    r->n_tiers = nt;
    r->tiers = calloc((size_t)nt, sizeof *r->tiers);
    seen = calloc((size_t)nt * (size_t)(net->countries.count ? net->countries.count : 1), 1);
    if (!r->tiers || !seen) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = net->edge_from[e], b = net->edge_to[e];
        out[a] += net->edge_volume[e];
        in[b] += net->edge_volume[e];
        outdeg[a]++;
        indeg[b]++;
        r->tiers[net->node_tier[a]].edges_out++;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t t = net->node_tier[v];
        r->tiers[t].nodes++;
        char *s = &seen[(size_t)t * (size_t)net->countries.count + (size_t)net->node_country[v]];
        if (!*s) {
            *s = 1;
            r->tiers[t].countries++;
        }
        if (t == 0)
            r->sources++;
        if (t == nt - 1) {
            r->end_users++;
            r->total_demand += ckp_node_demand(net, v);
        }
    }
    if ((rc = ckp_concentration(&r->concentration, net, err)))
        goto done;

    /* warnings, grouped by kind */
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] > 0 && !indeg[v])
            warn(&w, CKP_WARN_NO_SUPPLIER, v, -1, "node '%s' (%s) has no supplier", ID(v),
                 TIER(v));
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] < nt - 1 && !outdeg[v])
            warn(&w, CKP_WARN_NO_CUSTOMER, v, -1, "node '%s' (%s) has no customer", ID(v),
                 TIER(v));
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = net->edge_from[e], b = net->edge_to[e];
        if (net->node_tier[a] > net->node_tier[b])
            warn(&w, CKP_WARN_AGAINST_TIERS, -1, e,
                 "edge '%s' -> '%s' runs against tier order (%s -> %s)", ID(a), ID(b),
                 TIER(a), TIER(b));
    }
    if ((rc = find_cycles(&w, net, err)))
        goto done;
    for (igraph_integer_t v = 0; v < n; v++) {
        double cap = net->node_capacity[v];
        double through = in[v] > out[v] ? in[v] : out[v];
        if (through > cap * (1 + SLACK))
            warn(&w, CKP_WARN_OVER_CAPACITY, v, -1,
                 "node '%s' moves %.10g, over its capacity of %.10g", ID(v), through, cap);
    }
    for (igraph_integer_t e = 0; e < m; e++)
        if (net->edge_volume[e] > net->edge_capacity[e] * (1 + SLACK))
            warn(&w, CKP_WARN_OVER_CAPACITY, -1, e,
                 "edge '%s' -> '%s' carries %.10g, over its capacity of %.10g",
                 ID(net->edge_from[e]), ID(net->edge_to[e]), net->edge_volume[e],
                 net->edge_capacity[e]);
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == nt - 1 && !isnan(net->node_demand[v]) &&
            in[v] < net->node_demand[v] * (1 - SLACK))
            warn(&w, CKP_WARN_SHORT_INFLOW, v, -1,
                 "end user '%s' receives %.10g, short of its demand of %.10g", ID(v), in[v],
                 net->node_demand[v]);
    for (igraph_integer_t v = 0; v < n; v++) {
        int has_figure = isfinite(net->node_capacity[v]) || !isnan(net->node_demand[v]) ||
                         !isnan(net->node_stock[v]);
        if (has_figure && !has_figure_source(net, net->node_source[v], net->node_estimate[v]))
            warn(&w, CKP_WARN_NO_SOURCE, v, -1,
                 "node '%s' has figures but no \"source\" or \"estimate\"", ID(v));
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        int has_figure = net->edge_volume[e] > 0 || isfinite(net->edge_capacity[e]);
        if (has_figure && !has_figure_source(net, net->edge_source[e], net->edge_estimate[e]))
            warn(&w, CKP_WARN_NO_SOURCE, -1, e,
                 "edge '%s' -> '%s' has figures but no \"source\" or \"estimate\"",
                 ID(net->edge_from[e]), ID(net->edge_to[e]));
    }
    if (w.oom)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    if (rc)
        ckp_check_report_destroy(r);
    free(in);
    free(out);
    free(indeg);
    free(outdeg);
    free(seen);
    return rc;
}
