/*
 * Building the served-demand LP (docs/analysis.md, "Materials and recipes"): per node,
 * throughput x <= capacity;
 *   a recipe node:     inflow of each recipe material k  = r_k x,
 *                      outflow of each material m made  <= y_m x;
 *   a first-tier node: production p, x = p + inflow,
 *                      outflow of m - inflow of m       <= y_m p (its output: y = 1);
 *   any other node:    x = inflow; per material, inflow = outflow (+ served at an end
 *                      user; scrap an end user yields <= y_m served);
 * end users served <= demand; maximise the total served. On one material this is the
 * maximum flow of flow.h, node capacities split as there.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bom_lp.h"
#include "csr.h"
#include "network_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

typedef struct {
    double lo, hi;
} row_bounds;

typedef struct {
    ckp_lp_entry *entries;
    int n, cap;
    row_bounds *bounds; /* per row */
    int rows, row_cap;
    int failed;
    /* per material, the node's rows: stamped with the node being built */
    igraph_integer_t *stamp;
    int *in_row, *out_row;
} triplets;

/* Room for one more element in *array (of *cap); 0 when out of memory. */
static int grow(void **array, int *cap, int used, size_t size)
{
    if (used < *cap)
        return 1;
    int want = *cap ? 2 * *cap : 1024;
    void *a = realloc(*array, (size_t)want * size);
    if (!a)
        return 0;
    *array = a;
    *cap = want;
    return 1;
}

static void put(triplets *t, int row, int col, double val)
{
    if (!grow((void **)&t->entries, &t->cap, t->n, sizeof *t->entries)) {
        t->failed = 1;
        return;
    }
    t->entries[t->n++] = (ckp_lp_entry){row, col, val};
}

static int new_row(triplets *t, double lo, double hi)
{
    if (!grow((void **)&t->bounds, &t->row_cap, t->rows, sizeof *t->bounds)) {
        t->failed = 1;
        return 0;
    }
    t->bounds[t->rows] = (row_bounds){lo, hi};
    return t->rows++;
}

/* The node's balance row (out = 0) or output row (out = 1) of material m, or -1. */
static int *slot(triplets *t, igraph_integer_t node, igraph_integer_t m, int out)
{
    if (t->stamp[m] != node) {
        t->stamp[m] = node;
        t->in_row[m] = t->out_row[m] = -1;
    }
    return out ? &t->out_row[m] : &t->in_row[m];
}

static int row_of(triplets *t, igraph_integer_t node, igraph_integer_t m, int out)
{
    int *r = slot(t, node, m, out);
    if (*r < 0)
        *r = new_row(t, out ? -INFINITY : 0, 0);
    return *r;
}

/*
 * The rows of node j. Balance rows (= 0): a recipe's inflow of k - r_k x, a pass-through
 * material's inflow - outflow (- served). Output rows (<= 0): outflow of m - y_m times what
 * makes it (x at a recipe node, production p at a first tier, served at an end user's
 * scrap), less what comes into a first-tier node in m. A throughput row x = inflow (+ p)
 * at every node without a recipe.
 */
static void build_node(triplets *t, const ckp_bom_lp *b, const ckp_network *net,
                       const ckp_csr *g, igraph_integer_t j, int p_col)
{
    const igraph_integer_t *rm, *ym;
    const double *rc, *yc;
    static const igraph_integer_t zero = 0;
    static const double one = 1;
    igraph_integer_t nr = ckp_node_recipe(net, j, CKP_RECIPE_INPUT, &rm, &rc);
    igraph_integer_t ny = ckp_node_recipe(net, j, CKP_RECIPE_YIELD, &ym, &yc);
    int first = net->node_tier[j] == 0, x = b->x_col[j], s = b->s_col[j];
    if (first && ny == 0) { /* one implicit material */
        ym = &zero;
        yc = &one;
        ny = 1;
    }
    int maker = first ? p_col : nr ? x : s;
    for (igraph_integer_t k = 0; k < nr; k++)
        put(t, row_of(t, j, rm[k], 0), x, -rc[k]);
    for (igraph_integer_t k = 0; k < ny; k++)
        put(t, row_of(t, j, ym[k], 1), maker, -yc[k]);
    if (!nr) {
        int row = new_row(t, 0, 0);
        put(t, row, x, -1);
        if (first)
            put(t, row, p_col, 1);
        for (igraph_integer_t q = g->in_off[j]; q < g->in_off[j + 1]; q++)
            put(t, row, (int)g->in_edge[q], 1);
    }
    for (igraph_integer_t q = g->in_off[j]; q < g->in_off[j + 1]; q++) {
        igraph_integer_t e = g->in_edge[q], m = ckp_edge_material(net, e);
        if (first) {
            put(t, row_of(t, j, m, 1), (int)e, -1);
            continue;
        }
        int fresh = *slot(t, j, m, 0) < 0;
        int row = row_of(t, j, m, 0);
        put(t, row, (int)e, 1);
        if (fresh && !nr && s >= 0)
            put(t, row, s, -1); /* an end user's one material: served from this balance */
    }
    for (igraph_integer_t q = g->out_off[j]; q < g->out_off[j + 1]; q++) {
        igraph_integer_t e = g->out_edge[q], m = ckp_edge_material(net, e);
        if (*slot(t, j, m, 1) >= 0)
            put(t, *slot(t, j, m, 1), (int)e, 1);
        else /* passed through */
            put(t, row_of(t, j, m, 0), (int)e, -1);
    }
}

/*
 * Node j's stock (time, issue 19): a column z of units of what the node puts out, past
 * its capacity. A node that makes something: z joins the output row of its first yield;
 * an end user with a recipe is served x + z <= demand (z counted by the objective); any
 * other node: z joins the balance of the material it sends (an end user: receives).
 */
static void stock_rows(triplets *t, const ckp_bom_lp *b, const ckp_network *net,
                       const ckp_csr *g, igraph_integer_t j)
{
    const igraph_integer_t *ym;
    int z = b->z_col[j], x = b->x_col[j];
    igraph_integer_t nr = ckp_node_recipe(net, j, CKP_RECIPE_INPUT, NULL, NULL);
    igraph_integer_t ny = ckp_node_recipe(net, j, CKP_RECIPE_YIELD, &ym, NULL);
    if (z < 0)
        return;
    if (net->node_tier[j] == 0 || (nr && ny)) {
        put(t, row_of(t, j, net->node_tier[j] == 0 && !ny ? 0 : ym[0], 1), z, -1);
    } else if (nr) {
        int row = new_row(t, -INFINITY, ckp_node_demand(net, j));
        put(t, row, x, 1);
        put(t, row, z, 1);
    } else {
        igraph_integer_t m = 0;
        if (g->out_off[j] < g->out_off[j + 1])
            m = ckp_edge_material(net, g->out_edge[g->out_off[j]]);
        else if (g->in_off[j] < g->in_off[j + 1])
            m = ckp_edge_material(net, g->in_edge[g->in_off[j]]);
        put(t, row_of(t, j, m, 0), z, 1);
    }
}

static void triplets_destroy(triplets *t)
{
    free(t->entries);
    free(t->bounds);
    free(t->stamp);
    free(t->in_row);
    free(t->out_row);
}

/*
 * Columns: edges, then per node its throughput, its production (first tier) and what it
 * is served (end user without a recipe), with their bounds.
 */
static int assign_columns(ckp_bom_lp *b, const ckp_network *net, const ckp_csr *g, int *p_col,
                          double *s_hi)
{
    igraph_integer_t last = net->tiers.count - 1;
    int col = (int)net->n_edges;
    for (igraph_integer_t j = 0; j < net->n_nodes; j++) {
        int recipe = ckp_node_recipe(net, j, CKP_RECIPE_INPUT, NULL, NULL) > 0;
        b->x_col[j] = col++;
        b->x_hi[j] = net->node_capacity[j];
        p_col[j] = net->node_tier[j] == 0 ? col++ : -1;
        b->s_col[j] = -1;
        if (net->node_tier[j] != last)
            continue;
        double d = ckp_node_demand(net, j);
        if (recipe) {
            b->s_col[j] = b->x_col[j];
            b->x_hi[j] = fmin(b->x_hi[j], d);
        } else {
            b->s_col[j] = col++;
            /* nothing comes in: nothing served (no balance row bounds it) */
            s_hi[j] = g->in_off[j] == g->in_off[j + 1] ? 0 : d;
        }
    }
    return col;
}

void ckp_bom_lp_destroy(ckp_bom_lp *b)
{
    ckp_lp_free(b->lp);
    free(b->x_col);
    free(b->s_col);
    free(b->x_hi);
    free(b->p_col);
    free(b->z_col);
    memset(b, 0, sizeof *b);
}

/* The total row: every end user's served, summed; free until a caller bounds it. */
static void total_row(triplets *t, ckp_bom_lp *b, igraph_integer_t n)
{
    b->total_row = new_row(t, -INFINITY, INFINITY);
    for (igraph_integer_t j = 0; j < n; j++)
        if (b->s_col[j] >= 0)
            put(t, b->total_row, b->s_col[j], 1);
}

static ckp_code build(ckp_bom_lp *b, const ckp_network *net, int flags, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_csr g = {0};
    triplets t = {0};
    igraph_integer_t n = net->n_nodes, nm = ckp_network_material_count(net);
    int *p_col;
    double *s_hi = calloc((size_t)n + 1, sizeof *s_hi);
    memset(b, 0, sizeof *b);
    b->x_col = malloc(((size_t)n + 1) * sizeof *b->x_col);
    b->s_col = malloc(((size_t)n + 1) * sizeof *b->s_col);
    b->x_hi = malloc(((size_t)n + 1) * sizeof *b->x_hi);
    b->p_col = p_col = malloc(((size_t)n + 1) * sizeof *p_col);
    nm = nm > 0 ? nm : 1;
    t.stamp = malloc((size_t)nm * sizeof *t.stamp);
    t.in_row = malloc((size_t)nm * sizeof *t.in_row);
    t.out_row = malloc((size_t)nm * sizeof *t.out_row);
    if (!p_col || !s_hi || !b->x_col || !b->s_col || !b->x_hi || !t.stamp || !t.in_row ||
        !t.out_row) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t m = 0; m < nm; m++)
        t.stamp[m] = -1;
    if ((rc = ckp_csr_build(&g, net, err)))
        goto done;
    b->cols = assign_columns(b, net, &g, p_col, s_hi);
    if (!(b->z_col = malloc(((size_t)n + 1) * sizeof *b->z_col))) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t j = 0; j < n; j++) {
        double stock = ckp_node_stock(net, j);
        b->z_col[j] = flags & CKP_BOM_STOCK && stock > 0 ? b->cols++ : -1;
    }
    for (igraph_integer_t j = 0; j < n && !t.failed; j++) {
        build_node(&t, b, net, &g, j, p_col[j]);
        stock_rows(&t, b, net, &g, j);
    }
    b->total_row = -1;
    if (flags & CKP_BOM_TOTAL)
        total_row(&t, b, n);
    if (t.failed) {
        rc = NOMEM(err);
        goto done;
    }
    b->rows = t.rows;
    if ((rc = ckp_lp_new(&b->lp, t.rows, b->cols, err)))
        goto done;
    for (int r = 0; r < t.rows; r++)
        ckp_lp_set_row(b->lp, r, t.bounds[r].lo, t.bounds[r].hi);
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        ckp_lp_set_col(b->lp, (int)e, 0, net->edge_capacity[e]);
    for (igraph_integer_t j = 0; j < n; j++) {
        ckp_lp_set_col(b->lp, b->x_col[j], 0, b->x_hi[j]);
        if (p_col[j] >= 0)
            ckp_lp_set_col(b->lp, p_col[j], 0, INFINITY);
        if (b->s_col[j] >= 0 && b->s_col[j] != b->x_col[j])
            ckp_lp_set_col(b->lp, b->s_col[j], 0, s_hi[j]);
        if (b->s_col[j] >= 0)
            ckp_lp_set_obj(b->lp, b->s_col[j], 1);
        if (b->z_col[j] >= 0) { /* served at an end user with a recipe, else a supply */
            ckp_lp_set_col(b->lp, b->z_col[j], 0, ckp_node_stock(net, j));
            if (b->s_col[j] == b->x_col[j])
                ckp_lp_set_obj(b->lp, b->z_col[j], 1);
        }
    }
    rc = ckp_lp_load(b->lp, t.n, t.entries, err);
done:
    if (rc)
        ckp_bom_lp_destroy(b);
    ckp_csr_destroy(&g);
    triplets_destroy(&t);
    free(s_hi);
    return rc;
}

ckp_code ckp_bom_lp_build(ckp_bom_lp *b, const ckp_network *net, ckp_error *err)
{
    return build(b, net, 0, err);
}

ckp_code ckp_bom_lp_build_with(ckp_bom_lp *b, const ckp_network *net, int flags,
                               ckp_error *err)
{
    return build(b, net, flags, err);
}
