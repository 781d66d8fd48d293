#include "csr.h"

#include <stdlib.h>
#include <string.h>

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

igraph_integer_t ckp_csr_components(const ckp_csr *c, const ckp_network *net,
                                    igraph_integer_t *comp)
{
    igraph_integer_t n = c->n, ncomp = 0, counter = 0, sp = 0, cs = 0;
    size_t nn = (size_t)(n ? n : 1);
    igraph_integer_t *index = malloc(nn * sizeof *index);
    igraph_integer_t *low = malloc(nn * sizeof *low);
    igraph_integer_t *stack = malloc(nn * sizeof *stack);  /* Tarjan's stack */
    igraph_integer_t *call = malloc(nn * sizeof *call);    /* DFS call stack: vertices */
    igraph_integer_t *next = malloc(nn * sizeof *next);    /* next out-edge position */
    char *on_stack = calloc(nn, 1);
    if (!index || !low || !stack || !call || !next || !on_stack) {
        ncomp = -1;
        goto done;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        index[v] = -1;
    for (igraph_integer_t root = 0; root < n; root++) {
        if (index[root] >= 0)
            continue;
        call[cs++] = root;
        index[root] = low[root] = counter++;
        next[root] = c->out_off[root];
        stack[sp++] = root;
        on_stack[root] = 1;
        while (cs) {
            igraph_integer_t v = call[cs - 1];
            if (next[v] < c->out_off[v + 1]) {
                igraph_integer_t w = net->edge_to[c->out_edge[next[v]++]];
                if (index[w] < 0) {
                    index[w] = low[w] = counter++;
                    next[w] = c->out_off[w];
                    stack[sp++] = w;
                    on_stack[w] = 1;
                    call[cs++] = w;
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            cs--;
            if (cs && low[v] < low[call[cs - 1]])
                low[call[cs - 1]] = low[v];
            if (low[v] == index[v]) {
                igraph_integer_t w;
                do {
                    w = stack[--sp];
                    on_stack[w] = 0;
                    comp[w] = ncomp;
                } while (w != v);
                ncomp++;
            }
        }
    }
    /* Tarjan emits components sinks first; renumber so edges go forward */
    for (igraph_integer_t v = 0; v < n; v++)
        comp[v] = ncomp - 1 - comp[v];
done:
    free(index);
    free(low);
    free(stack);
    free(call);
    free(next);
    free(on_stack);
    return ncomp;
}
