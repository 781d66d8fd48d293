#include "chokepoint/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "chokepoint/materials.h"
#include "csr.h"
#include "network_internal.h"

/* Demand and inflow are compared with this relative slack: rounding is not a gap. */
#define SLACK 1e-9

static const char *const kind_names[CKP_WARN_KIND_COUNT] = {
    "no-supplier", "no-customer", "against-tiers", "cycle",
    "over-capacity", "short-inflow", "no-source", "tier-order", "tier-flow", "no-metadata",
    "recipe-volume",
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
    for (igraph_integer_t m = 0; m < report->n_materials; m++)
        if (report->material_concentration)
            ckp_concentration_free(report->material_concentration[m], report->n_tiers);
    free(report->material_concentration);
    free(report->material_edges_out);
    ckp_check_report_init(report);
}

void ckp_check_warn(wlist *w, ckp_warning_kind kind, igraph_integer_t node, igraph_integer_t edge,
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
        ckp_check_warn(w, CKP_WARN_CYCLE, root, -1, 0, 0, detail);
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
    ckp_check_warn(w, kind, -1, -1, 0, 0, detail);
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
    double *through = malloc((size_t)(n ? n : 1) * sizeof *through);
    char *seen = NULL;
    wlist w = {.r = r};
    ckp_check_report_init(r);
    for (igraph_integer_t v = 0; through && v < n; v++)
        through[v] = NAN;
    if (!in || !out || !indeg || !outdeg || !through) {
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
            ckp_check_warn(&w, CKP_WARN_NO_SUPPLIER, v, -1, 0, 0, NULL);
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] < nt - 1 && !outdeg[v])
            ckp_check_warn(&w, CKP_WARN_NO_CUSTOMER, v, -1, 0, 0, NULL);
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = net->edge_from[e], b = net->edge_to[e];
        if (net->node_tier[a] > net->node_tier[b])
            ckp_check_warn(&w, CKP_WARN_AGAINST_TIERS, -1, e, 0, 0, NULL);
    }
    if ((rc = find_cycles(&w, net, err)))
        goto done;
    if (ckp_network_has_bom(net) &&
        (rc = ckp_check_bom(&w, through, net, err)))
        goto done;
    for (igraph_integer_t v = 0; v < n; v++) {
        double cap = net->node_capacity[v];
        if (isnan(through[v]))
            through[v] = in[v] > out[v] ? in[v] : out[v];
        if (through[v] > cap * (1 + SLACK))
            ckp_check_warn(&w, CKP_WARN_OVER_CAPACITY, v, -1, through[v], cap, NULL);
    }
    for (igraph_integer_t e = 0; e < m; e++)
        if (net->edge_volume[e] > net->edge_capacity[e] * (1 + SLACK))
            ckp_check_warn(&w, CKP_WARN_OVER_CAPACITY, -1, e, net->edge_volume[e], net->edge_capacity[e],
                 NULL);
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == nt - 1 && !isnan(net->node_demand[v]) &&
            in[v] < net->node_demand[v] * (1 - SLACK))
            ckp_check_warn(&w, CKP_WARN_SHORT_INFLOW, v, -1, in[v], net->node_demand[v], NULL);
    for (igraph_integer_t v = 0; v < n; v++) {
        int has_figure = isfinite(net->node_capacity[v]) || !isnan(net->node_demand[v]) ||
                         !isnan(net->node_stock[v]);
        if (has_figure && !has_figure_source(net, net->node_source[v], net->node_estimate[v]))
            ckp_check_warn(&w, CKP_WARN_NO_SOURCE, v, -1, 0, 0, NULL);
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        int has_figure = net->edge_volume[e] > 0 || isfinite(net->edge_capacity[e]);
        if (has_figure && !has_figure_source(net, net->edge_source[e], net->edge_estimate[e]))
            ckp_check_warn(&w, CKP_WARN_NO_SOURCE, -1, e, 0, 0, NULL);
    }
    network_warnings(&w, net, in, out, indeg);
    if (ckp_network_has_bom(net))
        ckp_check_bom_recipes(&w, net, through);
    if (w.oom)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    if (rc)
        ckp_check_report_destroy(r);
    free(in);
    free(out);
    free(indeg);
    free(outdeg);
    free(through);
    free(seen);
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
