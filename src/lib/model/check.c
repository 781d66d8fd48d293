#include "chokepoint/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/materials.h"
#include "csr.h"
#include "network_internal.h"

/* Demand and inflow are compared with this relative slack: rounding is not a gap. */
#define SLACK 1e-9

static const char *const kind_names[CKP_WARN_KIND_COUNT] = {
    "no-supplier", "no-customer", "against-tiers", "cycle",
    "over-capacity", "short-inflow", "no-source", "tier-order", "tier-flow", "no-metadata",
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
        free(report->warnings[i].detail);
    free(report->warnings);
    free(report->text);
    free(report->tiers);
    ckp_concentration_free(report->concentration, report->n_tiers);
    ckp_check_report_init(report);
}

typedef struct {
    ckp_check_report *r;
    igraph_integer_t cap;
    int oom;
} wlist;

static void warn(wlist *w, ckp_warning_kind kind, igraph_integer_t node, igraph_integer_t edge,
                 double value, double limit, char *detail)
{
    if (w->oom) {
        free(detail);
        return;
    }
    if (w->r->n_warnings == w->cap) {
        igraph_integer_t cap = w->cap ? w->cap * 2 : 16;
        ckp_warning *p = realloc(w->r->warnings, (size_t)cap * sizeof *p);
        if (!p) {
            w->oom = 1;
            free(detail);
            return;
        }
        w->r->warnings = p;
        w->cap = cap;
    }
    w->r->warnings[w->r->n_warnings++] = (ckp_warning){kind, node, edge, value, limit, detail};
    w->r->counts[kind]++;
}

#define ID(v) ckp_node_id(net, (v))
#define TIER(v) ckp_network_tier_name(net, net->node_tier[(v)])

/*
 * One warning per strongly connected component of two or more nodes, naming
 * a shortest cycle through the component's first node (BFS inside it).
 */
static ckp_code find_cycles(wlist *w, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, ncomp;
    igraph_integer_t *comp = NULL, *size = NULL, *first = NULL, *queue = NULL, *parent = NULL,
                     *path = NULL;
    ckp_csr csr;
    if ((rc = ckp_csr_build(&csr, net, err)))
        return rc;
    size_t nn = (size_t)(n ? n : 1);
    comp = malloc(nn * sizeof *comp);
    queue = malloc(nn * sizeof *queue);
    parent = malloc(nn * sizeof *parent);
    path = malloc(nn * sizeof *path);
    if (!comp || !queue || !parent || !path || (ncomp = ckp_csr_components(&csr, net, comp)) < 0 ||
        !(size = calloc((size_t)(ncomp ? ncomp : 1), sizeof *size)) ||
        !(first = malloc((size_t)(ncomp ? ncomp : 1) * sizeof *first))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t c = 0; c < ncomp; c++)
        first[c] = -1;
    for (igraph_integer_t v = 0; v < n; v++) {
        size[comp[v]]++;
        if (first[comp[v]] < 0)
            first[comp[v]] = v;
        parent[v] = -1;
    }
    for (igraph_integer_t c = 0; c < ncomp && !w->oom; c++) {
        if (size[c] < 2)
            continue;
        /* BFS from the component's first node back to itself, inside the component */
        igraph_integer_t root = first[c], head = 0, tail = 0, last = -1;
        queue[tail++] = root;
        while (head < tail && last < 0) {
            igraph_integer_t u = queue[head++];
            for (igraph_integer_t k = csr.out_off[u]; k < csr.out_off[u + 1]; k++) {
                igraph_integer_t x = net->edge_to[csr.out_edge[k]];
                if (comp[x] != c)
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
            path[len++] = v;
        size_t need = 2 * strlen(ID(root)) + 128;
        for (igraph_integer_t i = 0; i < len; i++)
            need += strlen(ID(path[i])) + 8;
        char *detail = malloc(need);
        if (!detail) {
            w->oom = 1;
            break;
        }
        size_t used = (size_t)snprintf(detail, need, "cycle '%s'", ID(root));
        for (igraph_integer_t i = len - 1; i >= 0; i--)
            used += (size_t)snprintf(detail + used, need - used, " -> '%s'", ID(path[i]));
        used += (size_t)snprintf(detail + used, need - used, " -> '%s'", ID(root));
        if (size[c] > len + 1)
            snprintf(detail + used, need - used, " (one of the cycles among %lld nodes)",
                     (long long)size[c]);
        warn(w, CKP_WARN_CYCLE, root, -1, 0, 0, detail);
        /* parents were set only inside this component: reset them for the next */
        for (igraph_integer_t i = 0; i < tail; i++)
            parent[queue[i]] = -1;
    }
done:
    ckp_csr_destroy(&csr);
    free(comp);
    free(size);
    free(first);
    free(queue);
    free(parent);
    free(path);
    return rc;
}

/*
 * A node's recorded throughput: the larger of its in- and outflow, but in a network with a
 * bill of materials, where flows of different materials do not add up, a recipe node's is
 * its largest inflow of a recipe material over that material's coefficient, and a node with
 * yields (no recipe) its largest outflow of a yield over the yield. `mat_in` and `mat_out`
 * hold each node's flows per material (n_mat a node), NULL without materials.
 */
static double node_throughput(const ckp_network *net, igraph_integer_t v, const double *in,
                              const double *out, const double *mat_in, const double *mat_out,
                              igraph_integer_t n_mat)
{
    const igraph_integer_t *mats;
    const double *coefs;
    double through = in[v] > out[v] ? in[v] : out[v];
    if (!mat_in)
        return through;
    int yields = 0;
    igraph_integer_t k = ckp_node_recipe(net, v, CKP_RECIPE_INPUT, &mats, &coefs);
    if (!k) {
        k = ckp_node_recipe(net, v, CKP_RECIPE_YIELD, &mats, &coefs);
        yields = 1;
    }
    if (!k)
        return through;
    through = 0;
    for (igraph_integer_t i = 0; i < k; i++) {
        double f = (yields ? mat_out : mat_in)[v * n_mat + mats[i]] / coefs[i];
        if (f > through)
            through = f;
    }
    return through;
}

/* A network's warning: its words formatted now (NULL when out of memory, which warn notes). */
static void warn_network(wlist *w, ckp_warning_kind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void warn_network(wlist *w, ckp_warning_kind kind, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char *detail = strdup(text);
    if (!detail) {
        w->oom = 1;
        return;
    }
    warn(w, kind, -1, -1, 0, 0, detail);
}

/*
 * What is said of the network as a whole: how its tier order was found, a
 * first tier that sends nothing or end users that receive nothing (a wrong
 * tier order looks like that), no unit or source for its figures.
 */
static void network_warnings(wlist *w, const ckp_network *net, const double *in,
                             const double *out, const igraph_integer_t *indeg)
{
    igraph_integer_t nt = net->tiers.count;
    if (net->tiers_inferred) {
        char order[1536] = "";
        for (igraph_integer_t t = 0; t < nt; t++) {
            size_t used = strlen(order);
            snprintf(order + used, sizeof order - used, "%s%s", t ? ", " : "",
                     ckp_network_tier_name(net, t));
        }
        warn_network(w, CKP_WARN_TIER_ORDER,
                     "the tier order was inferred from the edges: %s (--tiers sets it)", order);
    }
    int volumes = 0;
    for (igraph_integer_t e = 0; e < net->n_edges && !volumes; e++)
        volumes = net->edge_volume[e] > 0;
    double sent = 0, received = 0;
    igraph_integer_t edges_in = 0;
    for (igraph_integer_t v = 0; v < net->n_nodes; v++) {
        if (net->node_tier[v] == 0)
            sent += out[v];
        if (net->node_tier[v] == nt - 1) {
            received += in[v];
            edges_in += indeg[v];
        }
    }
    /* by volume; by the edges alone when no edge has one */
    if (volumes ? sent <= 0 : !w->r->tiers[0].edges_out)
        warn_network(w, CKP_WARN_TIER_FLOW,
                     "the first tier '%s' sends nothing on: is the tier order right?",
                     ckp_network_tier_name(net, 0));
    if (volumes ? received <= 0 : !edges_in)
        warn_network(w, CKP_WARN_TIER_FLOW,
                     "the end users (tier '%s') receive nothing: is the tier order right?",
                     ckp_network_tier_name(net, nt - 1));
    if (!ckp_network_unit(net)[0])
        warn_network(w, CKP_WARN_NO_METADATA,
                     "the network has no unit: give one (\"unit\", or --unit for CSV)");
    if (!ckp_network_source(net))
        warn_network(w, CKP_WARN_NO_METADATA,
                     "the network has no source: give one (\"source\", or --source for CSV)");
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
    double *mat_in = NULL, *mat_out = NULL;
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
            warn(&w, CKP_WARN_NO_SUPPLIER, v, -1, 0, 0, NULL);
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] < nt - 1 && !outdeg[v])
            warn(&w, CKP_WARN_NO_CUSTOMER, v, -1, 0, 0, NULL);
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = net->edge_from[e], b = net->edge_to[e];
        if (net->node_tier[a] > net->node_tier[b])
            warn(&w, CKP_WARN_AGAINST_TIERS, -1, e, 0, 0, NULL);
    }
    if ((rc = find_cycles(&w, net, err)))
        goto done;
    igraph_integer_t n_mat = ckp_network_has_bom(net) ? ckp_network_material_count(net) : 0;
    if (n_mat) {
        mat_in = calloc((size_t)n * (size_t)n_mat, sizeof *mat_in);
        mat_out = calloc((size_t)n * (size_t)n_mat, sizeof *mat_out);
        if (!mat_in || !mat_out) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        for (igraph_integer_t e = 0; e < m; e++) {
            igraph_integer_t k = ckp_edge_material(net, e);
            mat_out[net->edge_from[e] * n_mat + k] += net->edge_volume[e];
            mat_in[net->edge_to[e] * n_mat + k] += net->edge_volume[e];
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        double cap = net->node_capacity[v];
        double through = node_throughput(net, v, in, out, mat_in, mat_out, n_mat);
        if (through > cap * (1 + SLACK))
            warn(&w, CKP_WARN_OVER_CAPACITY, v, -1, through, cap, NULL);
    }
    for (igraph_integer_t e = 0; e < m; e++)
        if (net->edge_volume[e] > net->edge_capacity[e] * (1 + SLACK))
            warn(&w, CKP_WARN_OVER_CAPACITY, -1, e, net->edge_volume[e], net->edge_capacity[e],
                 NULL);
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == nt - 1 && !isnan(net->node_demand[v]) &&
            in[v] < net->node_demand[v] * (1 - SLACK))
            warn(&w, CKP_WARN_SHORT_INFLOW, v, -1, in[v], net->node_demand[v], NULL);
    for (igraph_integer_t v = 0; v < n; v++) {
        int has_figure = isfinite(net->node_capacity[v]) || !isnan(net->node_demand[v]) ||
                         !isnan(net->node_stock[v]);
        if (has_figure && !has_figure_source(net, net->node_source[v], net->node_estimate[v]))
            warn(&w, CKP_WARN_NO_SOURCE, v, -1, 0, 0, NULL);
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        int has_figure = net->edge_volume[e] > 0 || isfinite(net->edge_capacity[e]);
        if (has_figure && !has_figure_source(net, net->edge_source[e], net->edge_estimate[e]))
            warn(&w, CKP_WARN_NO_SOURCE, -1, e, 0, 0, NULL);
    }
    network_warnings(&w, net, in, out, indeg);
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
    free(mat_in);
    free(mat_out);
    return rc;
}

const char *ckp_check_message(ckp_check_report *r, const ckp_network *net, igraph_integer_t i)
{
    const ckp_warning *w = &r->warnings[i];
    if (w->detail)
        return w->detail;
    const char *a = w->node >= 0 ? ID(w->node) : ID(net->edge_from[w->edge]);
    const char *b = w->edge >= 0 ? ID(net->edge_to[w->edge]) : "";
    size_t need = strlen(a) + strlen(b) + 256;
    if (need > r->text_size) {
        char *text = realloc(r->text, need);
        if (!text)
            return NULL;
        r->text = text;
        r->text_size = need;
    }
    char *t = r->text;
    switch (w->kind) {
    case CKP_WARN_NO_SUPPLIER:
        snprintf(t, need, "node '%s' (%s) has no supplier", a, TIER(w->node));
        break;
    case CKP_WARN_NO_CUSTOMER:
        snprintf(t, need, "node '%s' (%s) has no customer", a, TIER(w->node));
        break;
    case CKP_WARN_AGAINST_TIERS:
        snprintf(t, need, "edge '%s' -> '%s' runs against tier order (%s -> %s)", a, b,
                 TIER(net->edge_from[w->edge]), TIER(net->edge_to[w->edge]));
        break;
    case CKP_WARN_OVER_CAPACITY:
        if (w->node >= 0)
            snprintf(t, need, "node '%s' moves %.10g, over its capacity of %.10g", a, w->value,
                     w->limit);
        else
            snprintf(t, need, "edge '%s' -> '%s' carries %.10g, over its capacity of %.10g", a,
                     b, w->value, w->limit);
        break;
    case CKP_WARN_SHORT_INFLOW:
        snprintf(t, need, "end user '%s' receives %.10g, short of its demand of %.10g", a,
                 w->value, w->limit);
        break;
    case CKP_WARN_NO_SOURCE:
        if (w->node >= 0)
            snprintf(t, need, "node '%s' has figures but no \"source\" or \"estimate\"", a);
        else
            snprintf(t, need, "edge '%s' -> '%s' has figures but no \"source\" or \"estimate\"",
                     a, b);
        break;
    default:
        snprintf(t, need, "unknown warning");
    }
    return t;
}
