/*
 * Telling each edge's material and checking the bill of materials (docs/format.md,
 * "Materials and recipes"). An edge without `material` carries what its `from` node makes
 * (a first-tier or recipe node making one material) or passes (a node without a recipe
 * receiving one material); pass-through chains are told in order, as their inputs are.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csr.h"
#include "materials_internal.h"
#include "network_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

/* What pass_mat holds before and besides a material. */
enum { PASS_UNKNOWN = -1, PASS_SEVERAL = -2, PASS_NONE = -3 };

typedef struct {
    ckp_network *net;
    ckp_bom *bom;
    ckp_csr csr;
    igraph_integer_t last;
    igraph_integer_t *mat;      /* per edge, -1: not told yet */
    igraph_integer_t *pass_mat; /* per node */
    igraph_integer_t *pending;  /* per node: in-edges not told yet */
    char *flags;                /* per node: 1 output given, 2 yields given */
} resolver;

static igraph_integer_t n_list(const ckp_bom *bom, igraph_integer_t i, int kind)
{
    return bom->start[2 * i + kind + 1] - bom->start[2 * i + kind];
}

static int in_list(const ckp_bom *bom, igraph_integer_t i, int kind, igraph_integer_t m)
{
    for (igraph_integer_t p = bom->start[2 * i + kind]; p < bom->start[2 * i + kind + 1]; p++)
        if (bom->list_material[p] == m)
            return 1;
    return 0;
}

/* A first-tier node of a one-material network makes that material unsaid. */
static int implicit_output(const resolver *r, igraph_integer_t i)
{
    return r->net->node_tier[i] == 0 && n_list(r->bom, i, 1) == 0 && r->bom->n_materials <= 1;
}

static int makes(const resolver *r, igraph_integer_t i, igraph_integer_t m)
{
    return in_list(r->bom, i, 1, m) || (implicit_output(r, i) && m == 0);
}

/* The one material a node makes; PASS_SEVERAL or PASS_NONE otherwise. */
static igraph_integer_t single_make(const resolver *r, igraph_integer_t i)
{
    igraph_integer_t n = n_list(r->bom, i, 1);
    if (implicit_output(r, i))
        return 0;
    return n == 1 ? r->bom->list_material[r->bom->start[2 * i + 1]] : n ? PASS_SEVERAL
                                                                        : PASS_NONE;
}

/* Nodes that make what they send: first tier, recipes, and end users yielding scrap. */
static int is_maker(const resolver *r, igraph_integer_t i)
{
    return r->net->node_tier[i] == 0 || n_list(r->bom, i, 0) > 0 || n_list(r->bom, i, 1) > 0;
}

static int receives(const resolver *r, igraph_integer_t i, igraph_integer_t m)
{
    for (igraph_integer_t p = r->csr.in_off[i]; p < r->csr.in_off[i + 1]; p++)
        if (r->mat[r->csr.in_edge[p]] == m)
            return 1;
    return 0;
}

static ckp_code node_error(const resolver *r, igraph_integer_t i, const char *key,
                           igraph_integer_t *bad_node, const char **bad_key, ckp_error *err,
                           const char *msg)
{
    *bad_node = i;
    *bad_key = key;
    return ckp_error_set(err, CKP_EDATA, "node '%.200s': %s", ckp_node_id(r->net, i), msg);
}

/* The recipes by node (bom->start), and which of output and yields each node gave. */
static ckp_code index_entries(resolver *r, ckp_error *err)
{
    ckp_bom *bom = r->bom;
    igraph_integer_t n = r->net->n_nodes, k = bom->n_entries;
    bom->start = calloc(2 * (size_t)n + 2, sizeof *bom->start);
    bom->list_material = malloc(((size_t)k + 1) * sizeof *bom->list_material);
    bom->list_coef = malloc(((size_t)k + 1) * sizeof *bom->list_coef);
    igraph_integer_t *fill = malloc((2 * (size_t)n + 1) * sizeof *fill);
    if (!bom->start || !bom->list_material || !bom->list_coef || !fill) {
        free(fill);
        return NOMEM(err);
    }
    for (igraph_integer_t p = 0; p < k; p++) {
        const ckp_bom_entry *e = &bom->entries[p];
        bom->start[2 * e->node + (e->kind != CKP_RECIPE_INPUT) + 1]++;
        if (e->kind != CKP_RECIPE_INPUT)
            r->flags[e->node] |= e->kind == CKP_RECIPE_OUTPUT ? 1 : 2;
    }
    for (igraph_integer_t s = 0; s < 2 * n; s++)
        bom->start[s + 1] += bom->start[s];
    memcpy(fill, bom->start, 2 * (size_t)n * sizeof *fill);
    for (igraph_integer_t p = 0; p < k; p++) {
        const ckp_bom_entry *e = &bom->entries[p];
        igraph_integer_t at = fill[2 * e->node + (e->kind != CKP_RECIPE_INPUT)]++;
        bom->list_material[at] = e->material;
        bom->list_coef[at] = e->coef;
    }
    free(fill);
    return CKP_OK;
}

static ckp_code check_nodes(const resolver *r, igraph_integer_t *bad_node,
                            const char **bad_key, ckp_error *err)
{
    const ckp_network *net = r->net;
    for (igraph_integer_t i = 0; i < net->n_nodes; i++) {
        igraph_integer_t n_in = n_list(r->bom, i, 0), n_out = n_list(r->bom, i, 1);
        int first = net->node_tier[i] == 0, end = net->node_tier[i] == r->last;
        const char *out_key = r->flags[i] & 1 ? "output" : "yields";
        if (first && n_in)
            return node_error(r, i, "recipe", bad_node, bad_key, err,
                              "a first-tier node makes its output from nothing: it cannot "
                              "have a \"recipe\"");
        if (r->flags[i] == 3)
            return node_error(r, i, "output", bad_node, bad_key, err,
                              "give \"output\" or \"yields\", not both");
        if (!first && !end && !n_in && n_out)
            return node_error(r, i, out_key, bad_node, bad_key, err,
                              "\"output\" or \"yields\" without a \"recipe\": only first-tier "
                              "nodes make material from nothing; give it a recipe");
        if (!end && n_in && !n_out)
            return node_error(r, i, "recipe", bad_node, bad_key, err,
                              "its output cannot be told: give \"output\" or \"yields\"");
        if (first && !n_out && r->bom->n_materials > 1)
            return node_error(r, i, "id", bad_node, bad_key, err,
                              "its output cannot be told: in a network of several materials "
                              "a first-tier node needs \"output\" or \"yields\"");
        if (end && n_in && isnan(net->node_demand[i]))
            return node_error(r, i, "recipe", bad_node, bad_key, err,
                              "an end user with a recipe needs a \"demand\" (units of what it "
                              "makes)");
    }
    return CKP_OK;
}

/* A pass-through node's material, once every edge into it is told. */
static igraph_integer_t pass_material(const resolver *r, igraph_integer_t i)
{
    igraph_integer_t m = PASS_NONE;
    for (igraph_integer_t p = r->csr.in_off[i]; p < r->csr.in_off[i + 1]; p++) {
        igraph_integer_t em = r->mat[r->csr.in_edge[p]];
        if (m == PASS_NONE)
            m = em;
        else if (em != m)
            return PASS_SEVERAL;
    }
    return m;
}

/* Tell the edges a worklist at a time: a pass-through node is ready once its inputs are. */
static ckp_code tell_edges(resolver *r, ckp_error *err)
{
    const ckp_network *net = r->net;
    igraph_integer_t n = net->n_nodes, m = net->n_edges, head = 0, tail = 0;
    igraph_integer_t *queue = malloc(((size_t)n + 1) * sizeof *queue);
    if (!queue)
        return NOMEM(err);
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t from = net->edge_from[e];
        r->mat[e] = e < r->bom->n_given ? r->bom->edge_given[e] : -1;
        if (r->mat[e] < 0 && is_maker(r, from))
            r->mat[e] = single_make(r, from) >= 0 ? single_make(r, from) : -1;
    }
    for (igraph_integer_t e = 0; e < m; e++)
        r->pending[net->edge_to[e]] += r->mat[e] < 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        r->pass_mat[i] = PASS_UNKNOWN;
        if (!r->pending[i] && !is_maker(r, i))
            queue[tail++] = i;
    }
    while (head < tail) {
        igraph_integer_t i = queue[head++];
        r->pass_mat[i] = pass_material(r, i);
        if (r->pass_mat[i] < 0)
            continue;
        for (igraph_integer_t p = r->csr.out_off[i]; p < r->csr.out_off[i + 1]; p++) {
            igraph_integer_t e = r->csr.out_edge[p], to = net->edge_to[e];
            if (r->mat[e] >= 0)
                continue;
            r->mat[e] = r->pass_mat[i];
            if (--r->pending[to] == 0 && !is_maker(r, to))
                queue[tail++] = to;
        }
    }
    free(queue);
    return CKP_OK;
}

static ckp_code edge_error(const resolver *r, igraph_integer_t e, const char *key,
                           igraph_integer_t *bad_edge, const char **bad_key, ckp_error *err,
                           const char *fmt, const char *a, const char *b)
{
    char msg[768];
    snprintf(msg, sizeof msg, fmt, a, b);
    *bad_edge = e;
    *bad_key = key;
    (void)r;
    return ckp_error_set(err, CKP_EDATA, "edge %lld: %s", (long long)e, msg);
}

static ckp_code check_edges(const resolver *r, igraph_integer_t *bad_edge,
                            const char **bad_key, ckp_error *err)
{
    const ckp_network *net = r->net;
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        igraph_integer_t f = net->edge_from[e], t = net->edge_to[e], m = r->mat[e];
        const char *fid = ckp_node_id(net, f), *tid = ckp_node_id(net, t);
        int given = e < r->bom->n_given && r->bom->edge_given[e] >= 0;
        if (m < 0) {
            igraph_integer_t why = is_maker(r, f) ? single_make(r, f) : r->pass_mat[f];
            return edge_error(r, e, "from", bad_edge, bad_key, err,
                              why == PASS_SEVERAL
                                  ? "its material cannot be told: node '%.200s' %s several "
                                    "materials; give \"material\""
                                  : "its material cannot be told: node '%.200s' %s no "
                                    "material that can be told; give \"material\"",
                              fid, is_maker(r, f) ? "makes" : "receives");
        }
        const char *mid = ckp_material_id(net, m);
        /* a told edge may turn out to be a twin of an edge given its material */
        if (!given && ckp_network_find_edge_material(net, f, t, m) >= 0)
            return edge_error(r, e, "to", bad_edge, bad_key, err,
                              "duplicate edge '%.200s' -> '%.200s' in its material: give one "
                              "edge per pair and material and add up the volumes", fid, tid);
        int from_ok = is_maker(r, f) ? makes(r, f, m) || (net->node_tier[f] != 0 &&
                                                         !n_list(r->bom, f, 0) &&
                                                         receives(r, f, m))
                                     : receives(r, f, m) || r->bom->derived;
        if (!from_ok)
            return edge_error(r, e, given ? "material" : "from", bad_edge, bad_key, err,
                              "node '%.200s' neither makes nor receives material '%.200s'",
                              fid, mid);
        if (n_list(r->bom, t, 0) && !in_list(r->bom, t, 0, m))
            return edge_error(r, e, given ? "material" : "to", bad_edge, bad_key, err,
                              "material '%.200s' is not in the recipe of node '%.200s'", mid,
                              tid);
        if (net->node_tier[t] == 0 && !makes(r, t, m))
            return edge_error(r, e, given ? "material" : "to", bad_edge, bad_key, err,
                              "first-tier node '%.200s' takes in only what it makes, not "
                              "material '%.200s'", tid, mid);
        if (net->node_tier[t] == r->last && !n_list(r->bom, t, 0) && pass_material(r, t) < 0)
            return edge_error(r, e, "to", bad_edge, bad_key, err,
                              "end user '%.200s' receives several materials (one is "
                              "'%.200s'): give it a recipe", tid, mid);
    }
    return CKP_OK;
}

ckp_code ckp_network_resolve_materials(ckp_network *net, igraph_integer_t *bad_node,
                                       igraph_integer_t *bad_edge, const char **bad_key,
                                       ckp_error *err)
{
    ckp_code rc = CKP_OK;
    resolver r = {.net = net, .bom = net->bom};
    *bad_node = *bad_edge = -1;
    *bad_key = NULL;
    if (!r.bom)
        return CKP_OK;
    ckp_bom *bom = r.bom;
    free(bom->edge_material);
    free(bom->start);
    free(bom->list_material);
    free(bom->list_coef);
    bom->edge_material = bom->start = bom->list_material = NULL;
    bom->list_coef = NULL;
    bom->resolved = 0;
    igraph_integer_t n = net->n_nodes;
    r.last = net->tiers.count - 1;
    r.mat = malloc(((size_t)net->n_edges + 1) * sizeof *r.mat);
    r.pass_mat = malloc(((size_t)n + 1) * sizeof *r.pass_mat);
    r.pending = calloc((size_t)n + 1, sizeof *r.pending);
    r.flags = calloc((size_t)n + 1, 1);
    if (!r.mat || !r.pass_mat || !r.pending || !r.flags) {
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_csr_build(&r.csr, net, err)))
        goto done;
    if ((rc = index_entries(&r, err)) || (rc = check_nodes(&r, bad_node, bad_key, err)) ||
        (rc = tell_edges(&r, err)) || (rc = check_edges(&r, bad_edge, bad_key, err)))
        goto done;
    bom->edge_material = r.mat;
    r.mat = NULL;
    bom->resolved = 1;
done:
    ckp_csr_destroy(&r.csr);
    free(r.mat);
    free(r.pass_mat);
    free(r.pending);
    free(r.flags);
    return rc;
}
