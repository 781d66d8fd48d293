/*
 * Single points of failure by producibility (docs/analysis.md). Each node has "places": the
 * materials of its recipe, or for a node without one the distinct materials coming in; a
 * place is met while a live edge brings its material in. A first-tier node is made; a recipe
 * node once every place is met; an end user without a recipe once any place is. An edge is
 * live when its `from` node is made and makes its material (an output, a yield, an end
 * user's scrap), or when the node passes it through and has that material's place met. The
 * least fixpoint, by a worklist of edges turning live, so that a loop cannot start itself.
 *
 * Removing a node X cuts off the end users producible with X and not without it. The plain
 * way is one fixpoint per node, O(V (V + E)). The fast way, as exact (test_bom_spof.c checks
 * one against the other on random networks), does two things:
 * - a node can matter only if some node it feeds live has no other live supplier of that
 *   place, or lies on a loop (a strong component of more than one node): the least
 *   fixpoint, ordered by the components, is first lost at such a place. Other nodes cut
 *   off only themselves, with no fixpoint at all;
 * - for the rest, the fixpoint is repaired from the baseline instead of recomputed: what X
 *   fed is taken away forward, a count of live edges per place deciding off a loop, and on a
 *   loop everything fed from a lost edge going (it might have fed itself); then what still
 *   stands feeds forward again. Cost: what X reaches, not the whole network.
 */
#include <stdlib.h>
#include <string.h>

#include "bom_lp.h"
#include "chokepoint/materials.h"
#include "csr.h"
#include "materials_internal.h"
#include "network_internal.h"

enum { SOURCE, RECIPE, END_USER, PASS };

typedef struct {
    const ckp_network *net;
    ckp_csr g;
    igraph_integer_t n, m, removed;
    char *kind;              /* per node */
    char *loop;              /* per node: in a strong component of more than one node */
    igraph_integer_t *first; /* per node: its places are first[j] .. first[j + 1] - 1 */
    igraph_integer_t *slot;  /* per edge: the `to` node's place it fills, -1 for none */
    igraph_integer_t *oslot; /* per edge: the `from` node's place it passes on, -1 */
    char *made;              /* per edge: live whenever its `from` node is made */
    /* the state: the fixpoint, or one being repaired */
    char *live;              /* per edge */
    char *on;                /* per node: made */
    igraph_integer_t *have;  /* per place: live edges in */
    igraph_integer_t *met;   /* per node: places with a live edge in */
    igraph_integer_t *queue, head, tail;
} producer;

static int on_now(const producer *p, igraph_integer_t j)
{
    igraph_integer_t places = p->first[j + 1] - p->first[j];
    if (j == p->removed)
        return 0;
    return p->kind[j] == SOURCE || (p->kind[j] == RECIPE && p->met[j] == places) ||
           (p->kind[j] == END_USER && p->met[j] > 0);
}

static void push_live(producer *p, igraph_integer_t e)
{
    if (!p->live[e]) {
        p->live[e] = 1;
        p->queue[p->tail++] = e;
    }
}

/* Node j's out-edges that go live now: those it makes when it is made, and those of place
   `place` (-1: every place) that it passes through when that place is met. */
static void feed(producer *p, igraph_integer_t j, igraph_integer_t place)
{
    for (igraph_integer_t q = p->g.out_off[j]; q < p->g.out_off[j + 1]; q++) {
        igraph_integer_t o = p->g.out_edge[q];
        if (p->made[o] && p->on[j])
            push_live(p, o);
        else if (p->oslot[o] >= 0 && (place < 0 || p->oslot[o] == place) &&
                 p->have[p->first[j] + p->oslot[o]] > 0)
            push_live(p, o);
    }
}

/* Edge e has gone live: count it in, and feed on what it completes. */
static void arrive(producer *p, igraph_integer_t e)
{
    igraph_integer_t j = p->net->edge_to[e];
    if (j == p->removed || p->slot[e] < 0)
        return;
    if (p->have[p->first[j] + p->slot[e]]++ > 0)
        return;
    p->met[j]++;
    if (!p->on[j] && on_now(p, j)) {
        p->on[j] = 1;
        feed(p, j, -1);
    } else {
        feed(p, j, p->slot[e]);
    }
}

static void drain(producer *p)
{
    while (p->head < p->tail)
        arrive(p, p->queue[p->head++]);
}

/* The fixpoint from nothing, node `removed` (-1: none) out. */
static void produce(producer *p, igraph_integer_t removed)
{
    memset(p->live, 0, (size_t)p->m);
    memset(p->on, 0, (size_t)p->n);
    memset(p->met, 0, (size_t)p->n * sizeof *p->met);
    memset(p->have, 0, (size_t)p->first[p->n] * sizeof *p->have);
    p->removed = removed;
    p->head = p->tail = 0;
    for (igraph_integer_t j = 0; j < p->n; j++)
        if (p->kind[j] == SOURCE && j != removed) {
            p->on[j] = 1;
            feed(p, j, -1);
        }
    drain(p);
}

static void producer_destroy(producer *p)
{
    ckp_csr_destroy(&p->g);
    free(p->kind);
    free(p->loop);
    free(p->first);
    free(p->slot);
    free(p->oslot);
    free(p->made);
    free(p->live);
    free(p->on);
    free(p->have);
    free(p->met);
    free(p->queue);
}

/* Place of material `mat` among node j's, -1 if none. */
static igraph_integer_t place_of(const igraph_integer_t *mats, igraph_integer_t count,
                                 igraph_integer_t mat)
{
    for (igraph_integer_t k = 0; k < count; k++)
        if (mats[k] == mat)
            return k;
    return -1;
}

/* The places of node j: its recipe, or the materials of its in-edges in first-seen order. */
static igraph_integer_t places(const producer *p, igraph_integer_t j, igraph_integer_t *mats)
{
    const ckp_network *net = p->net;
    const igraph_integer_t *rm;
    igraph_integer_t count = 0;
    if (p->kind[j] == SOURCE)
        return 0;
    if (p->kind[j] == RECIPE) {
        count = ckp_node_recipe(net, j, CKP_RECIPE_INPUT, &rm, NULL);
        memcpy(mats, rm, (size_t)count * sizeof *mats);
        return count;
    }
    for (igraph_integer_t q = p->g.in_off[j]; q < p->g.in_off[j + 1]; q++) {
        igraph_integer_t mat = ckp_edge_material(net, p->g.in_edge[q]);
        if (place_of(mats, count, mat) < 0)
            mats[count++] = mat;
    }
    return count;
}

static ckp_code producer_layout(producer *p, igraph_integer_t *mats)
{
    const ckp_network *net = p->net;
    igraph_integer_t last = net->tiers.count - 1;
    p->first[0] = 0;
    for (igraph_integer_t j = 0; j < p->n; j++) {
        p->kind[j] = net->node_tier[j] == 0                                      ? SOURCE
                     : ckp_node_recipe(net, j, CKP_RECIPE_INPUT, NULL, NULL) > 0 ? RECIPE
                     : net->node_tier[j] == last                                 ? END_USER
                                                                                 : PASS;
    }
    for (igraph_integer_t j = 0; j < p->n; j++) {
        const igraph_integer_t *ym;
        igraph_integer_t count = places(p, j, mats);
        igraph_integer_t ny = ckp_node_recipe(net, j, CKP_RECIPE_YIELD, &ym, NULL);
        int passes = p->kind[j] == END_USER || p->kind[j] == PASS;
        p->first[j + 1] = p->first[j] + count;
        for (igraph_integer_t q = p->g.in_off[j]; q < p->g.in_off[j + 1]; q++) {
            igraph_integer_t e = p->g.in_edge[q];
            p->slot[e] = place_of(mats, count, ckp_edge_material(net, e));
        }
        for (igraph_integer_t q = p->g.out_off[j]; q < p->g.out_off[j + 1]; q++) {
            igraph_integer_t o = p->g.out_edge[q], mat = ckp_edge_material(net, o);
            p->oslot[o] = passes ? place_of(mats, count, mat) : -1;
            p->made[o] = p->kind[j] == SOURCE || p->kind[j] == RECIPE ||
                         (p->kind[j] == END_USER && place_of(ym, ny, mat) >= 0);
        }
    }
    p->have = malloc(((size_t)p->first[p->n] + 1) * sizeof *p->have);
    return p->have ? CKP_OK : CKP_EINTERNAL;
}

static ckp_code producer_init(producer *p, const ckp_network *net, ckp_error *err)
{
    igraph_integer_t n = net->n_nodes, m = net->n_edges, *mats = NULL, *comp = NULL, *size;
    memset(p, 0, sizeof *p);
    p->net = net;
    p->n = n;
    p->m = m;
    p->removed = -1;
    ckp_code rc = ckp_csr_build(&p->g, net, err);
    if (rc)
        return rc;
    rc = CKP_EINTERNAL;
    p->kind = malloc((size_t)n + 1);
    p->loop = calloc((size_t)n + 1, 1);
    p->first = malloc(((size_t)n + 1) * sizeof *p->first);
    p->slot = malloc(((size_t)m + 1) * sizeof *p->slot);
    p->oslot = malloc(((size_t)m + 1) * sizeof *p->oslot);
    p->made = malloc((size_t)m + 1);
    p->live = malloc((size_t)m + 1);
    p->on = malloc((size_t)n + 1);
    p->met = malloc(((size_t)n + 1) * sizeof *p->met);
    p->queue = malloc(((size_t)m + 1) * sizeof *p->queue);
    /* a node's places number at most its in-edges or its recipe's materials */
    mats = malloc(((size_t)m + (size_t)ckp_network_material_count(net) + 1) * sizeof *mats);
    comp = malloc(((size_t)n + 1) * sizeof *comp);
    size = calloc((size_t)n + 1, sizeof *size);
    if (!p->kind || !p->loop || !p->first || !p->slot || !p->oslot || !p->made || !p->live ||
        !p->on || !p->met || !p->queue || !mats || !comp || !size ||
        producer_layout(p, mats) || ckp_csr_components(&p->g, net, comp) < 0)
        goto done;
    for (igraph_integer_t j = 0; j < n; j++)
        size[comp[j]]++;
    for (igraph_integer_t j = 0; j < n; j++)
        p->loop[j] = size[comp[j]] > 1;
    for (igraph_integer_t e = 0; e < m; e++)
        if (net->edge_from[e] == net->edge_to[e])
            p->loop[net->edge_to[e]] = 1;
    rc = CKP_OK;
done:
    free(mats);
    free(comp);
    free(size);
    return rc ? ckp_error_set(err, rc, "out of memory") : CKP_OK;
}

/* The baseline, what a repair touched (to put back), and the repair's own lists. */
typedef struct {
    char *live, *on;
    igraph_integer_t *have, *met;
    igraph_integer_t *stamp;           /* per node: the removal that last touched it */
    igraph_integer_t *nodes, n_nodes;  /* touched nodes */
    igraph_integer_t *edges, n_edges;  /* edges gone, then come back (each at most once) */
    igraph_integer_t *doubt, n_doubt;  /* loop nodes whose outputs went without a count */
    char *doubted;                     /* per node: in `doubt` */
    igraph_integer_t *lost, n_lost;    /* end users turned off */
} baseline;

static void touch(baseline *b, igraph_integer_t j, igraph_integer_t x)
{
    if (b->stamp[j] != x) {
        b->stamp[j] = x;
        b->nodes[b->n_nodes++] = j;
    }
}

/* Take live edge o away (it is queued to be counted out). */
static void take(producer *p, baseline *b, igraph_integer_t o)
{
    if (p->live[o]) {
        p->live[o] = 0;
        p->queue[p->tail++] = o;
        b->edges[b->n_edges++] = o;
    }
}

/* Node j is no longer made (or, on a loop, may not be): its made edges go, and those of
   place `place` (-1: none) that it passes through. */
static void starve(producer *p, baseline *b, igraph_integer_t j, igraph_integer_t place,
                   int off)
{
    if (off && p->on[j]) {
        p->on[j] = 0;
        if (p->net->node_tier[j] == p->net->tiers.count - 1)
            b->lost[b->n_lost++] = j;
    }
    for (igraph_integer_t q = p->g.out_off[j]; q < p->g.out_off[j + 1]; q++) {
        igraph_integer_t o = p->g.out_edge[q];
        if ((off && p->made[o]) || (place >= 0 && p->oslot[o] == place))
            take(p, b, o);
    }
}

/* Edge e has gone: count it out, and take away what it alone kept. */
static void depart(producer *p, baseline *b, igraph_integer_t e, igraph_integer_t x)
{
    igraph_integer_t j = p->net->edge_to[e], s = p->slot[e];
    if (j == x || s < 0)
        return;
    touch(b, j, x);
    int empty = --p->have[p->first[j] + s] == 0;
    p->met[j] -= empty;
    if (p->loop[j]) {
        /* it may have fed itself round the loop: everything it fed goes, for now */
        if (!b->doubted[j]) {
            b->doubted[j] = 1;
            b->doubt[b->n_doubt++] = j;
        }
        starve(p, b, j, s, 1);
        return;
    }
    starve(p, b, j, empty ? s : -1, p->on[j] && !on_now(p, j));
}

/* The fixpoint without x, repaired from the baseline held in p. */
static void repair(producer *p, baseline *b, igraph_integer_t x)
{
    p->removed = x;
    p->head = p->tail = 0;
    b->n_nodes = b->n_edges = b->n_doubt = b->n_lost = 0;
    touch(b, x, x);
    starve(p, b, x, -1, 1);
    for (igraph_integer_t q = p->g.out_off[x]; q < p->g.out_off[x + 1]; q++)
        take(p, b, p->g.out_edge[q]);
    while (p->head < p->tail)
        depart(p, b, p->queue[p->head++], x);
    /* what still stands feeds forward again, from the loop nodes taken away in doubt */
    p->head = p->tail = 0;
    for (igraph_integer_t k = 0; k < b->n_doubt; k++) {
        igraph_integer_t j = b->doubt[k];
        b->doubted[j] = 0;
        p->on[j] = on_now(p, j);
        feed(p, j, -1);
    }
    while (p->head < p->tail) {
        igraph_integer_t e = p->queue[p->head++];
        b->edges[b->n_edges++] = e;
        touch(b, p->net->edge_to[e], x);
        arrive(p, e);
    }
}

/* Put the baseline back where the last repair touched it. */
static void restore(producer *p, baseline *b)
{
    for (igraph_integer_t k = 0; k < b->n_edges; k++)
        p->live[b->edges[k]] = b->live[b->edges[k]];
    for (igraph_integer_t k = 0; k < b->n_nodes; k++) {
        igraph_integer_t j = b->nodes[k];
        p->on[j] = b->on[j];
        p->met[j] = b->met[j];
        for (igraph_integer_t s = p->first[j]; s < p->first[j + 1]; s++)
            p->have[s] = b->have[s];
    }
    p->removed = -1;
}

static void baseline_destroy(baseline *b)
{
    free(b->live);
    free(b->on);
    free(b->have);
    free(b->met);
    free(b->stamp);
    free(b->nodes);
    free(b->edges);
    free(b->doubt);
    free(b->doubted);
    free(b->lost);
}

/* The fixpoint with nothing removed, kept in p and copied into b. */
static ckp_code baseline_init(baseline *b, producer *p, ckp_error *err)
{
    size_t n = (size_t)p->n + 1, m = (size_t)p->m + 1, s = (size_t)p->first[p->n] + 1;
    memset(b, 0, sizeof *b);
    b->live = malloc(m);
    b->on = malloc(n);
    b->have = malloc(s * sizeof *b->have);
    b->met = malloc(n * sizeof *b->met);
    b->stamp = malloc(n * sizeof *b->stamp);
    b->nodes = malloc(n * sizeof *b->nodes);
    b->edges = malloc(2 * m * sizeof *b->edges);
    b->doubt = malloc(n * sizeof *b->doubt);
    b->doubted = calloc(n, 1);
    b->lost = malloc(n * sizeof *b->lost);
    if (!b->live || !b->on || !b->have || !b->met || !b->stamp || !b->nodes || !b->edges ||
        !b->doubt || !b->doubted || !b->lost)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    produce(p, -1);
    memcpy(b->live, p->live, m - 1);
    memcpy(b->on, p->on, n - 1);
    memcpy(b->have, p->have, (s - 1) * sizeof *b->have);
    memcpy(b->met, p->met, (n - 1) * sizeof *b->met);
    for (igraph_integer_t j = 0; j < p->n; j++)
        b->stamp[j] = -1;
    return CKP_OK;
}

/* Whether losing x can cut off any node but x: it feeds a place no one else feeds live, or
   a loop. */
static int can_matter(const producer *p, igraph_integer_t x)
{
    for (igraph_integer_t q = p->g.out_off[x]; q < p->g.out_off[x + 1]; q++) {
        igraph_integer_t o = p->g.out_edge[q], j = p->net->edge_to[o];
        if (p->live[o] && p->slot[o] >= 0 &&
            (p->loop[j] || p->have[p->first[j] + p->slot[o]] == 1))
            return 1;
    }
    return 0;
}

void ckp_bom_cuts_init(ckp_bom_cuts *c)
{
    memset(c, 0, sizeof *c);
}

void ckp_bom_cuts_destroy(ckp_bom_cuts *c)
{
    free(c->end_users);
    free(c->start);
    free(c->cut);
    ckp_bom_cuts_init(c);
}

static int by_index(const void *a, const void *b)
{
    igraph_integer_t x = *(const igraph_integer_t *)a, y = *(const igraph_integer_t *)b;
    return (x > y) - (x < y);
}

/* Append node x's cuts: the end users in `lost` (places in end_users by `place`) that are
   off in `on` (NULL: all off) and were on in the baseline. */
static ckp_code cuts_add(ckp_bom_cuts *c, igraph_integer_t *cap, igraph_integer_t x,
                         const igraph_integer_t *lost, igraph_integer_t n_lost,
                         const char *on, const char *base, const igraph_integer_t *place)
{
    igraph_integer_t from = c->start[x];
    if (c->start[x] + n_lost > *cap) {
        igraph_integer_t want = 2 * (*cap + n_lost);
        igraph_integer_t *grown = realloc(c->cut, (size_t)want * sizeof *grown);
        if (!grown)
            return CKP_EINTERNAL;
        c->cut = grown;
        *cap = want;
    }
    c->start[x + 1] = from;
    for (igraph_integer_t k = 0; k < n_lost; k++)
        if (base[lost[k]] && !(on && on[lost[k]]))
            c->cut[c->start[x + 1]++] = place[lost[k]];
    if (c->start[x + 1] > from) /* c->cut is still NULL while every cut is empty */
        qsort(c->cut + from, (size_t)(c->start[x + 1] - from), sizeof *c->cut, by_index);
    return CKP_OK;
}

static ckp_code cuts(ckp_bom_cuts *out, const ckp_network *net, int plain, ckp_error *err)
{
    producer p;
    baseline b;
    igraph_integer_t n = net->n_nodes, last = net->tiers.count - 1, cap = 0;
    igraph_integer_t *place = malloc(((size_t)n + 1) * sizeof *place);
    ckp_bom_cuts_destroy(out);
    memset(&b, 0, sizeof b);
    if (net->bom && !net->bom->resolved) {
        memset(&p, 0, sizeof p);
        free(place);
        return ckp_error_set(err, CKP_EINTERNAL, "the network's materials are not resolved");
    }
    ckp_code rc = producer_init(&p, net, err);
    if (!rc)
        rc = baseline_init(&b, &p, err);
    out->end_users = malloc(((size_t)n + 1) * sizeof *out->end_users);
    out->start = calloc((size_t)n + 1, sizeof *out->start);
    if (rc || !place || !out->end_users || !out->start) {
        rc = rc ? rc : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t j = 0; j < n; j++)
        if (net->node_tier[j] == last) {
            place[j] = out->n_end_users;
            out->end_users[out->n_end_users++] = j;
        }
    for (igraph_integer_t x = 0; x < n && !rc; x++) {
        if (plain) {
            /* every fixpoint from nothing: what the fast way is tested against */
            produce(&p, x);
            rc = cuts_add(out, &cap, x, out->end_users, out->n_end_users, p.on, b.on, place);
        } else if (can_matter(&p, x)) {
            repair(&p, &b, x);
            rc = cuts_add(out, &cap, x, b.lost, b.n_lost, p.on, b.on, place);
            restore(&p, &b);
        } else {
            igraph_integer_t self = net->node_tier[x] == last;
            rc = cuts_add(out, &cap, x, &x, self, NULL, b.on, place); /* only itself */
        }
    }
    if (rc)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    if (rc)
        ckp_bom_cuts_destroy(out);
    free(place);
    baseline_destroy(&b);
    producer_destroy(&p);
    return rc;
}

ckp_code ckp_bom_spof_cuts(ckp_bom_cuts *out, const ckp_network *net, ckp_error *err)
{
    return cuts(out, net, 0, err);
}

ckp_code ckp_bom_spof_cuts_plain(ckp_bom_cuts *out, const ckp_network *net, ckp_error *err)
{
    return cuts(out, net, 1, err);
}

ckp_code ckp_bom_spofs(char *cut, igraph_integer_t *end_users, igraph_integer_t *n_end_users,
                       const ckp_network *net, ckp_error *err)
{
    ckp_bom_cuts c;
    ckp_bom_cuts_init(&c);
    *n_end_users = 0;
    ckp_code rc = ckp_bom_spof_cuts(&c, net, err);
    if (rc)
        return rc;
    igraph_integer_t n = net->n_nodes, ne = c.n_end_users;
    memcpy(end_users, c.end_users, (size_t)ne * sizeof *end_users);
    memset(cut, 0, (size_t)n * (size_t)ne);
    for (igraph_integer_t x = 0; x < n; x++)
        for (igraph_integer_t k = c.start[x]; k < c.start[x + 1]; k++)
            cut[x * ne + c.cut[k]] = 1;
    *n_end_users = ne;
    ckp_bom_cuts_destroy(&c);
    return CKP_OK;
}

ckp_code ckp_bom_spof_mask(char *mask, igraph_integer_t *count, const ckp_network *net,
                           ckp_error *err)
{
    ckp_bom_cuts c;
    ckp_bom_cuts_init(&c);
    *count = 0;
    ckp_code rc = ckp_bom_spof_cuts(&c, net, err);
    for (igraph_integer_t x = 0; !rc && x < net->n_nodes; x++) {
        mask[x] = 0;
        for (igraph_integer_t k = c.start[x]; k < c.start[x + 1]; k++)
            mask[x] |= c.end_users[c.cut[k]] != x;
        *count += mask[x];
    }
    ckp_bom_cuts_destroy(&c);
    return rc;
}
