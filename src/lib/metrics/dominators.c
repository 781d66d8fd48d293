#include "chokepoint/dominators.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "igraph_glue.h"
#include "network_internal.h"

/* deeper depth-first trees go to igraph's Lengauer-Tarjan (see below) */
#define CHK_MAX_DEPTH 4096

/*
 * Cooper, Harvey and Kennedy 2001 ("A simple, fast dominance algorithm"):
 * vertices in reverse postorder of a depth-first search from the
 * super-source, each one's immediate dominator the meeting point of its
 * processed predecessors' dominator chains, repeated until nothing changes
 * (once on an acyclic network). O(V + E) a pass on shallow networks; a walk
 * up the tree costs up to the tree's depth, so a network whose search goes
 * deeper than CHK_MAX_DEPTH (no tiered supply chain does) is left to
 * Lengauer-Tarjan. The passes work on the vertices renumbered in reverse
 * postorder, 32-bit, each one's predecessors listed together: a vertex's
 * number is then its place, and a pass reads its lists in order instead of
 * following edge indices to scattered vertices. Returns 1 when done, 0 when
 * too deep (or too large for 32 bits), -1 out of memory.
 */
typedef struct {
    int32_t *out_off, *out_to; /* the edges out of each vertex, by head */
    int32_t *rpo;              /* each vertex's number in reverse postorder, -1 unreached */
    int32_t *vertex;           /* the vertex of each number */
    int32_t *pred_off, *pred;  /* each number's predecessors' numbers */
    int32_t *dom;              /* by number */
    int32_t *stack, *cur;
} chk;

static void chk_destroy(chk *c)
{
    free(c->out_off);
    free(c->out_to);
    free(c->rpo);
    free(c->vertex);
    free(c->pred_off);
    free(c->pred);
    free(c->dom);
    free(c->stack);
    free(c->cur);
}

/* The edges out of each vertex in edge order, heads only. */
static void chk_out_edges(chk *c, const ckp_network *net)
{
    int32_t n = (int32_t)net->n_nodes;
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        c->out_off[net->edge_from[e] + 1]++;
    for (int32_t v = 0; v < n; v++)
        c->out_off[v + 1] += c->out_off[v];
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        c->out_to[c->out_off[net->edge_from[e]]++] = (int32_t)net->edge_to[e];
    for (int32_t v = n; v > 0; v--)
        c->out_off[v] = c->out_off[v - 1];
    c->out_off[0] = 0;
}

/* Postorder from the super-source (vertex n, its children the sources); count, or -1 too deep */
static int32_t chk_search(chk *c, const ckp_network *net)
{
    int32_t n = (int32_t)net->n_nodes, root = n, sp = 0, count = 0, next_source = 0;
    for (int32_t v = 0; v <= n; v++)
        c->rpo[v] = -1;
    c->stack[sp++] = root;
    c->rpo[root] = -2; /* on the stack */
    while (sp > 0) {
        int32_t v = c->stack[sp - 1], w = -1;
        if (v == root) {
            while (next_source < n &&
                   (net->node_tier[next_source] != 0 || c->rpo[next_source] != -1))
                next_source++;
            if (next_source < n)
                w = next_source;
        } else {
            while (c->cur[v] < c->out_off[v + 1]) {
                int32_t x = c->out_to[c->cur[v]++];
                if (c->rpo[x] == -1) {
                    w = x;
                    break;
                }
            }
        }
        if (w >= 0) {
            if (sp > CHK_MAX_DEPTH)
                return -1;
            c->rpo[w] = -2;
            c->cur[w] = c->out_off[w];
            c->stack[sp++] = w;
        } else {
            c->vertex[count] = v; /* postorder for now */
            c->rpo[v] = count++;
            sp--;
        }
    }
    /* postorder p becomes count - 1 - p: the root 0, every vertex after its dominators */
    for (int32_t i = 0; i < count / 2; i++) {
        int32_t t = c->vertex[i];
        c->vertex[i] = c->vertex[count - 1 - i];
        c->vertex[count - 1 - i] = t;
    }
    for (int32_t i = 0; i < count; i++)
        c->rpo[c->vertex[i]] = i;
    return count;
}

/* Each reached vertex's reached predecessors by number, the super-source first for sources. */
static void chk_preds(chk *c, const ckp_network *net, int32_t count)
{
    int32_t n = (int32_t)net->n_nodes;
    memset(c->pred_off, 0, ((size_t)count + 1) * sizeof *c->pred_off);
    for (int32_t v = 0; v < n; v++)
        if (net->node_tier[v] == 0 && c->rpo[v] >= 0)
            c->pred_off[c->rpo[v] + 1]++;
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        if (c->rpo[net->edge_from[e]] >= 0)
            c->pred_off[c->rpo[net->edge_to[e]] + 1]++;
    for (int32_t i = 0; i < count; i++)
        c->pred_off[i + 1] += c->pred_off[i];
    for (int32_t v = 0; v < n; v++)
        if (net->node_tier[v] == 0 && c->rpo[v] >= 0)
            c->pred[c->pred_off[c->rpo[v]]++] = 0;
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        int32_t from = c->rpo[net->edge_from[e]];
        if (from >= 0)
            c->pred[c->pred_off[c->rpo[net->edge_to[e]]]++] = from;
    }
    for (int32_t i = count; i > 0; i--)
        c->pred_off[i] = c->pred_off[i - 1];
    c->pred_off[0] = 0;
}

/* The passes, by number: a dominator's number is below its vertex's. */
static void chk_passes(chk *c, int32_t count)
{
    int32_t *dom = c->dom;
    for (int32_t i = 1; i < count; i++)
        dom[i] = -1;
    dom[0] = 0;
    for (int changed = 1; changed;) {
        changed = 0;
        for (int32_t i = 1; i < count; i++) {
            int32_t nd = -1;
            for (int32_t k = c->pred_off[i]; k < c->pred_off[i + 1]; k++) {
                int32_t a = c->pred[k], b = nd;
                if (dom[a] < 0)
                    continue; /* not processed yet */
                if (nd < 0) {
                    nd = a;
                    continue;
                }
                while (a != b) {
                    while (a > b)
                        a = dom[a];
                    while (b > a)
                        b = dom[b];
                }
                nd = a;
            }
            if (dom[i] != nd) {
                dom[i] = nd;
                changed = 1;
            }
        }
    }
}

static int dominators_chk(igraph_integer_t *idom, const ckp_network *net)
{
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    if (n >= INT32_MAX - 1 || m + n >= INT32_MAX)
        return 0;
    size_t nn = (size_t)n + 1;
    chk c = {
        .out_off = calloc(nn + 1, sizeof(int32_t)),
        .out_to = malloc((size_t)(m ? m : 1) * sizeof(int32_t)),
        .rpo = malloc(nn * sizeof(int32_t)),
        .vertex = malloc(nn * sizeof(int32_t)),
        .pred_off = malloc((nn + 1) * sizeof(int32_t)),
        .pred = malloc((size_t)(m + n + 1) * sizeof(int32_t)),
        .dom = malloc(nn * sizeof(int32_t)),
        .stack = malloc(nn * sizeof(int32_t)),
        .cur = malloc(nn * sizeof(int32_t)),
    };
    int ok = -1;
    if (!c.out_off || !c.out_to || !c.rpo || !c.vertex || !c.pred_off || !c.pred || !c.dom ||
        !c.stack || !c.cur)
        goto done;
    chk_out_edges(&c, net);
    int32_t count = chk_search(&c, net);
    ok = 0;
    if (count < 0)
        goto done;
    free(c.stack); /* the search's: made room for the lists */
    free(c.cur);
    free(c.out_to);
    c.stack = c.cur = c.out_to = NULL;
    chk_preds(&c, net, count);
    chk_passes(&c, count);
    for (igraph_integer_t v = 0; v < n; v++) {
        int32_t i = c.rpo[v];
        idom[v] = i < 0 ? CKP_DOM_UNREACHABLE : c.dom[i] == 0 ? CKP_DOM_ROOT : c.vertex[c.dom[i]];
    }
    ok = 1;
done:
    chk_destroy(&c);
    return ok;
}

ckp_code ckp_dominators_compute(ckp_dominators *out, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, root = n;
    igraph_t g;
    igraph_vector_int_t edges, dom;
    int have_edges = 0, have_g = 0, have_dom = 0;
    memset(out, 0, sizeof *out);
    out->idom = malloc((size_t)(n ? n : 1) * sizeof *out->idom);
    if (!out->idom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    out->n = n;
    int chk = dominators_chk(out->idom, net);
    if (chk < 0) {
        ckp_dominators_destroy(out);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    if (chk > 0)
        return CKP_OK;
    ckp_igraph_init();
    igraph_integer_t nsrc = 0;
    for (igraph_integer_t i = 0; i < n; i++)
        nsrc += net->node_tier[i] == 0;
    CKP_IGRAPH(igraph_vector_int_init(&edges, 2 * (net->n_edges + nsrc)), "finding dominators");
    have_edges = 1;
    igraph_integer_t k = 0;
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        VECTOR(edges)[k++] = net->edge_from[e];
        VECTOR(edges)[k++] = net->edge_to[e];
    }
    for (igraph_integer_t i = 0; i < n; i++)
        if (net->node_tier[i] == 0) {
            VECTOR(edges)[k++] = root;
            VECTOR(edges)[k++] = i;
        }
    CKP_IGRAPH(igraph_create(&g, &edges, n + 1, IGRAPH_DIRECTED), "finding dominators");
    have_g = 1;
    CKP_IGRAPH(igraph_vector_int_init(&dom, 0), "finding dominators");
    have_dom = 1;
    CKP_IGRAPH(igraph_dominator_tree(&g, root, &dom, NULL, NULL, IGRAPH_OUT),
               "finding dominators");
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t d = VECTOR(dom)[i];
        /* igraph: -1 for unreachable vertices; the root for children of the root */
        out->idom[i] = d == root ? CKP_DOM_ROOT : d < 0 ? CKP_DOM_UNREACHABLE : d;
    }
done:
    if (rc)
        ckp_dominators_destroy(out);
    if (have_dom)
        igraph_vector_int_destroy(&dom);
    if (have_g)
        igraph_destroy(&g);
    if (have_edges)
        igraph_vector_int_destroy(&edges);
    return rc;
}

void ckp_dominators_destroy(ckp_dominators *dom)
{
    if (!dom)
        return;
    free(dom->idom);
    memset(dom, 0, sizeof *dom);
}

igraph_integer_t ckp_dominators_of(const ckp_dominators *dom, igraph_integer_t node,
                                   igraph_integer_t *out, igraph_integer_t cap)
{
    igraph_integer_t count = 0;
    for (igraph_integer_t d = dom->idom[node]; d >= 0; d = dom->idom[d])
        count++;
    /* fill from the far end so the nearest-to-source comes first */
    igraph_integer_t i = count;
    for (igraph_integer_t d = dom->idom[node]; d >= 0; d = dom->idom[d]) {
        i--;
        if (i < cap)
            out[i] = d;
    }
    return count;
}

igraph_integer_t ckp_dominators_spofs(const ckp_dominators *dom, const ckp_network *net,
                                      char *mask)
{
    igraph_integer_t count = 0, last = net->tiers.count - 1;
    memset(mask, 0, (size_t)dom->n);
    for (igraph_integer_t u = 0; u < dom->n; u++) {
        if (net->node_tier[u] != last)
            continue;
        /* stop at the first node already marked: the rest of its chain is marked too */
        for (igraph_integer_t d = dom->idom[u]; d >= 0 && !mask[d]; d = dom->idom[d]) {
            mask[d] = 1;
            count++;
        }
    }
    return count;
}
