#include "csr.h"

#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "network_internal.h"

void ckp_csr_destroy(ckp_csr *c)
{
    if (!c)
        return;
    free(c->out_off);
    free(c->out_edge);
    free(c->in_off);
    free(c->in_edge);
    memset(c, 0, sizeof *c);
}

ckp_code ckp_csr_build(ckp_csr *c, const ckp_network *net, ckp_error *err)
{
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    memset(c, 0, sizeof *c);
    c->n = n;
    c->out_off = calloc((size_t)n + 1, sizeof *c->out_off);
    c->in_off = calloc((size_t)n + 1, sizeof *c->in_off);
    c->out_edge = malloc((size_t)(m ? m : 1) * sizeof *c->out_edge);
    c->in_edge = malloc((size_t)(m ? m : 1) * sizeof *c->in_edge);
    if (!c->out_off || !c->in_off || !c->out_edge || !c->in_edge) {
        ckp_csr_destroy(c);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        c->out_off[net->edge_from[e] + 1]++;
        c->in_off[net->edge_to[e] + 1]++;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        c->out_off[v + 1] += c->out_off[v];
        c->in_off[v + 1] += c->in_off[v];
    }
    /* fill in edge order, so adjacency lists are sorted by edge index */
    for (igraph_integer_t e = 0; e < m; e++) {
        c->out_edge[c->out_off[net->edge_from[e]]++] = e;
        c->in_edge[c->in_off[net->edge_to[e]]++] = e;
    }
    for (igraph_integer_t v = n; v > 0; v--) {
        c->out_off[v] = c->out_off[v - 1];
        c->in_off[v] = c->in_off[v - 1];
    }
    c->out_off[0] = c->in_off[0] = 0;
    return CKP_OK;
}

/*
 * Tarjan's components by Pearce's variant (2016, "A space-efficient algorithm for finding
 * strongly connected components"): one number a vertex, written in comp, is its visiting
 * index, then the lowest index it reaches, then its component's, counted down from n - 1 as
 * components complete; no low, index and on-stack arrays to read at every edge. The search
 * is Tarjan's, so components complete in the same order and get the same numbers.
 */
igraph_integer_t ckp_csr_components(const ckp_csr *c, const ckp_network *net,
                                    igraph_integer_t *comp)
{
    igraph_integer_t n = c->n, done = n - 1, counter = 0, sp = 0, cs = 0;
    size_t nn = (size_t)(n ? n : 1);
    igraph_integer_t *stack = malloc(nn * sizeof *stack);  /* visited, component open */
    igraph_integer_t *call = malloc(nn * sizeof *call);    /* DFS call stack: vertices */
    igraph_integer_t *next = malloc(nn * sizeof *next);    /* next out-edge position */
    char *root = malloc(nn);                               /* no lower index reached yet */
    igraph_integer_t ncomp = -1;
    if (!stack || !call || !next || !root)
        goto done;
    for (igraph_integer_t v = 0; v < n; v++)
        comp[v] = -1;
    for (igraph_integer_t r = 0; r < n; r++) {
        if (comp[r] >= 0)
            continue;
        call[cs++] = r;
        comp[r] = counter++;
        root[r] = 1;
        next[r] = c->out_off[r];
        while (cs) {
            igraph_integer_t v = call[cs - 1];
            if (next[v] == c->out_off[v]) /* entered: its heads are read one by one, fetch them */
                for (igraph_integer_t k = next[v]; k < c->out_off[v + 1]; k++) {
                    igraph_integer_t w = net->edge_to[c->out_edge[k]];
                    CKP_FETCH(&comp[w]);
                    CKP_FETCH(&c->out_off[w]);
                }
            if (next[v] < c->out_off[v + 1]) {
                igraph_integer_t w = net->edge_to[c->out_edge[next[v]++]];
                if (comp[w] < 0) {
                    comp[w] = counter++;
                    root[w] = 1;
                    next[w] = c->out_off[w];
                    call[cs++] = w;
                } else if (comp[w] < comp[v]) { /* a completed one's number is above all */
                    comp[v] = comp[w];
                    root[v] = 0;
                }
                continue;
            }
            cs--;
            if (root[v]) {
                counter--;
                while (sp && comp[v] <= comp[stack[sp - 1]]) {
                    comp[stack[--sp]] = done;
                    counter--;
                }
                comp[v] = done--;
            } else {
                stack[sp++] = v;
            }
            if (cs && comp[v] < comp[call[cs - 1]]) {
                comp[call[cs - 1]] = comp[v];
                root[call[cs - 1]] = 0;
            }
        }
    }
    /* components numbered down from n - 1 in completion order, sinks first: renumbered up
       from 0 the other way, so edges go forward */
    ncomp = n - 1 - done;
    for (igraph_integer_t v = 0; v < n; v++)
        comp[v] -= done + 1;
done:
    free(stack);
    free(call);
    free(next);
    free(root);
    return ncomp;
}
