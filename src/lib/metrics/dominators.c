#include "chokepoint/dominators.h"

#include <stdlib.h>
#include <string.h>

#include "csr.h"
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
 * Lengauer-Tarjan. Returns 1 when done, 0 when too deep, -1 out of memory.
 */
static int dominators_chk(igraph_integer_t *idom, const ckp_network *net)
{
    int ok = -1;
    igraph_integer_t n = net->n_nodes, root = n;
    ckp_csr csr;
    ckp_error err;
    ckp_error_init(&err);
    memset(&csr, 0, sizeof csr);
    size_t nn = (size_t)n + 1;
    igraph_integer_t *po = malloc(nn * sizeof *po);      /* postorder number, -1 unseen */
    igraph_integer_t *order = malloc(nn * sizeof *order); /* vertices by postorder */
    igraph_integer_t *stack = malloc(nn * sizeof *stack), *cur = malloc(nn * sizeof *cur);
    igraph_integer_t *dom = malloc(nn * sizeof *dom);
    if (!po || !order || !stack || !cur || !dom || ckp_csr_build(&csr, net, &err))
        goto done;
    for (size_t v = 0; v < nn; v++)
        po[v] = -1, dom[v] = -1;
    /* iterative depth-first search; the root's children are the sources */
    igraph_integer_t sp = 0, count = 0, next_source = 0;
    stack[sp++] = root;
    po[root] = -2; /* on the stack */
    while (sp > 0) {
        igraph_integer_t v = stack[sp - 1], w = -1;
        if (v == root) {
            while (next_source < n && (net->node_tier[next_source] != 0 || po[next_source] != -1))
                next_source++;
            if (next_source < n)
                w = next_source;
        } else {
            while (cur[v] < csr.out_off[v + 1]) {
                igraph_integer_t x = net->edge_to[csr.out_edge[cur[v]++]];
                if (po[x] == -1) {
                    w = x;
                    break;
                }
            }
        }
        if (w >= 0) {
            if (sp > CHK_MAX_DEPTH) {
                ok = 0;
                goto done;
            }
            po[w] = -2;
            cur[w] = csr.out_off[w];
            stack[sp++] = w;
        } else {
            po[v] = count;
            order[count++] = v;
            sp--;
        }
    }
    dom[root] = root;
    for (int changed = 1; changed;) {
        changed = 0;
        for (igraph_integer_t i = count - 2; i >= 0; i--) { /* reverse postorder, root aside */
            igraph_integer_t v = order[i], nd = -1;
            if (net->node_tier[v] == 0)
                nd = root;
            for (igraph_integer_t k = csr.in_off[v]; k < csr.in_off[v + 1]; k++) {
                igraph_integer_t p = net->edge_from[csr.in_edge[k]];
                if (dom[p] < 0)
                    continue; /* unreachable, or not processed yet */
                if (nd < 0) {
                    nd = p;
                    continue;
                }
                igraph_integer_t a = p, b = nd;
                while (a != b) {
                    while (po[a] < po[b])
                        a = dom[a];
                    while (po[b] < po[a])
                        b = dom[b];
                }
                nd = a;
            }
            if (dom[v] != nd) {
                dom[v] = nd;
                changed = 1;
            }
        }
    }
    for (igraph_integer_t v = 0; v < n; v++)
        idom[v] = po[v] < 0 ? CKP_DOM_UNREACHABLE : dom[v] == root ? CKP_DOM_ROOT : dom[v];
    ok = 1;
done:
    ckp_csr_destroy(&csr);
    free(po);
    free(order);
    free(stack);
    free(cur);
    free(dom);
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
