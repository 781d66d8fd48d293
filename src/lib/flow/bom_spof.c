/*
 * Single points of failure by producibility (docs/analysis.md): an edge is live when its
 * `from` node is producible in the edge's material. A first-tier node is producible in
 * what it makes; a recipe node in its outputs once every material of its recipe has a live
 * edge in; any other node in a material once a live edge brings it in. The least fixpoint,
 * by a worklist of edges turning live, so that a recycling loop cannot start itself.
 * Removing a node X keeps X from turning on; X cuts off an end user E that is producible
 * with X and not without it. O(V + E) per removal, plus the pass-through fan-out.
 */
#include <stdlib.h>
#include <string.h>

#include "chokepoint/materials.h"
#include "csr.h"
#include "materials_internal.h"
#include "network_internal.h"

typedef struct {
    const ckp_network *net;
    ckp_csr g;
    igraph_integer_t *slot;  /* per edge: its material's place in the `to` node's recipe, -1 */
    igraph_integer_t *first; /* per node: its recipe's places in `have` start here */
    igraph_integer_t *mat;   /* per edge: its material */
    /* per run */
    char *live;              /* per edge */
    char *on;                /* per node: a recipe node or end user made */
    igraph_integer_t *have;  /* per recipe place: live edges in */
    igraph_integer_t *met;   /* per node: recipe materials with a live edge in */
    igraph_integer_t *queue; /* edges turned live */
} producer;

/* The number of materials in node j's recipe. */
#define N_INPUTS(p, j) ((p)->first[(j) + 1] - (p)->first[j])

/* Node j is made (a first tier, a recipe met, an end user served): its outputs go live. */
static void turn_on(producer *p, igraph_integer_t j, igraph_integer_t removed,
                    igraph_integer_t *tail)
{
    const ckp_network *net = p->net;
    igraph_integer_t last = net->tiers.count - 1;
    if (p->on[j] || j == removed)
        return;
    p->on[j] = 1;
    for (igraph_integer_t q = p->g.out_off[j]; q < p->g.out_off[j + 1]; q++) {
        igraph_integer_t e = p->g.out_edge[q];
        /* a recipe or first-tier node sends only what it makes; an end user made sends its
           scrap (what it passes on goes by the pass-through rule) */
        int made = N_INPUTS(p, j) > 0 || net->node_tier[j] == 0;
        if (!made && net->node_tier[j] == last) {
            const igraph_integer_t *ym;
            igraph_integer_t ny = ckp_node_recipe(net, j, CKP_RECIPE_YIELD, &ym, NULL);
            for (igraph_integer_t k = 0; k < ny && !made; k++)
                made = ym[k] == p->mat[e];
        }
        if (made && !p->live[e]) {
            p->live[e] = 1;
            p->queue[(*tail)++] = e;
        }
    }
}

/* The fixpoint with node `removed` (-1: none) out. */
static void produce(producer *p, igraph_integer_t removed)
{
    const ckp_network *net = p->net;
    igraph_integer_t n = net->n_nodes, m = net->n_edges, head = 0, tail = 0;
    igraph_integer_t last = net->tiers.count - 1;
    memset(p->live, 0, (size_t)m);
    memset(p->on, 0, (size_t)n);
    memset(p->met, 0, (size_t)n * sizeof *p->met);
    memset(p->have, 0, (size_t)p->first[n] * sizeof *p->have);
    for (igraph_integer_t j = 0; j < n; j++)
        if (net->node_tier[j] == 0)
            turn_on(p, j, removed, &tail);
    while (head < tail) {
        igraph_integer_t e = p->queue[head++], j = net->edge_to[e];
        if (j == removed)
            continue;
        if (p->slot[e] >= 0) { /* into a recipe */
            if (p->have[p->first[j] + p->slot[e]]++ == 0 && ++p->met[j] == N_INPUTS(p, j))
                turn_on(p, j, removed, &tail);
            continue;
        }
        if (net->node_tier[j] == last)
            turn_on(p, j, removed, &tail);
        /* passed through: the same material goes on */
        if (net->node_tier[j] == 0)
            continue;
        for (igraph_integer_t q = p->g.out_off[j]; q < p->g.out_off[j + 1]; q++) {
            igraph_integer_t o = p->g.out_edge[q];
            if (!p->live[o] && p->mat[o] == p->mat[e]) {
                p->live[o] = 1;
                p->queue[tail++] = o;
            }
        }
    }
}

static void producer_destroy(producer *p)
{
    ckp_csr_destroy(&p->g);
    free(p->slot);
    free(p->first);
    free(p->mat);
    free(p->live);
    free(p->on);
    free(p->have);
    free(p->met);
    free(p->queue);
}

static ckp_code producer_init(producer *p, const ckp_network *net, ckp_error *err)
{
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    memset(p, 0, sizeof *p);
    p->net = net;
    ckp_code rc = ckp_csr_build(&p->g, net, err);
    if (rc)
        return rc;
    p->slot = malloc(((size_t)m + 1) * sizeof *p->slot);
    p->first = malloc(((size_t)n + 1) * sizeof *p->first);
    p->live = malloc((size_t)m + 1);
    p->on = malloc((size_t)n + 1);
    p->met = malloc(((size_t)n + 1) * sizeof *p->met);
    p->queue = malloc(((size_t)m + 1) * sizeof *p->queue);
    if (!p->slot || !p->first || !p->live || !p->on || !p->met || !p->queue)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    p->mat = malloc(((size_t)m + 1) * sizeof *p->mat);
    if (!p->mat)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t e = 0; e < m; e++)
        p->mat[e] = ckp_edge_material(net, e);
    p->first[0] = 0;
    for (igraph_integer_t j = 0; j < n; j++)
        p->first[j + 1] = p->first[j] + ckp_node_recipe(net, j, CKP_RECIPE_INPUT, NULL, NULL);
    p->have = malloc(((size_t)p->first[n] + 1) * sizeof *p->have);
    if (!p->have)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t e = 0; e < m; e++) {
        const igraph_integer_t *rm;
        igraph_integer_t nr = ckp_node_recipe(net, net->edge_to[e], CKP_RECIPE_INPUT, &rm, NULL);
        p->slot[e] = -1;
        for (igraph_integer_t k = 0; k < nr; k++)
            if (rm[k] == p->mat[e])
                p->slot[e] = k;
    }
    return CKP_OK;
}

ckp_code ckp_bom_spofs(char *cut, igraph_integer_t *end_users, igraph_integer_t *n_end_users,
                       const ckp_network *net, ckp_error *err)
{
    producer p;
    igraph_integer_t n = net->n_nodes, ne = 0, last = net->tiers.count - 1;
    char *base = NULL, *carries = NULL;
    *n_end_users = 0;
    if (net->bom && !net->bom->resolved)
        return ckp_error_set(err, CKP_EINTERNAL, "the network's materials are not resolved");
    ckp_code rc = producer_init(&p, net, err);
    if (rc)
        goto done;
    for (igraph_integer_t j = 0; j < n; j++)
        if (net->node_tier[j] == last)
            end_users[ne++] = j;
    memset(cut, 0, (size_t)n * (size_t)ne);
    base = malloc((size_t)n + 1);
    carries = calloc((size_t)n + 1, 1);
    if (!base || !carries) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    produce(&p, -1);
    memcpy(base, p.on, (size_t)n);
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        carries[net->edge_from[e]] |= p.live[e];
    for (igraph_integer_t x = 0; x < n; x++) {
        /* a node that sends nothing live can cut off only itself */
        if (carries[x])
            produce(&p, x);
        for (igraph_integer_t k = 0; k < ne; k++) {
            igraph_integer_t u = end_users[k];
            if (base[u] && (u == x || (carries[x] && !p.on[u])))
                cut[x * ne + k] = 1;
        }
    }
    *n_end_users = ne;
done:
    free(base);
    free(carries);
    producer_destroy(&p);
    return rc;
}

ckp_code ckp_bom_spof_mask(char *mask, igraph_integer_t *count, const ckp_network *net,
                           ckp_error *err)
{
    igraph_integer_t n = net->n_nodes, ne = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        ne += net->node_tier[v] == net->tiers.count - 1;
    char *cut = malloc((size_t)(n > 0 ? n : 1) * (size_t)(ne > 0 ? ne : 1));
    igraph_integer_t *users = malloc((size_t)(n ? n : 1) * sizeof *users);
    ckp_code rc = cut && users ? ckp_bom_spofs(cut, users, &ne, net, err)
                               : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    *count = 0;
    for (igraph_integer_t x = 0; !rc && x < n; x++) {
        mask[x] = 0;
        for (igraph_integer_t k = 0; k < ne && !mask[x]; k++)
            mask[x] = users[k] != x && cut[x * ne + k];
        *count += mask[x];
    }
    free(cut);
    free(users);
    return rc;
}
