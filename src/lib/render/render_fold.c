/*
 * --min-share (issue 20): a node's flows under P% of its total outflow are
 * folded, per tier of their customers, into one dashed "other" box of that
 * tier, one dashed arrow per supplier summing them. A customer left with no
 * drawn edge at all is folded in whole: its box is left out, its tier's
 * "other" counts it and stands for it as a supplier. Every material
 * together: the share is of the node's outflow of all materials.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/materials.h"
#include "numfmt.h"
#include "render_dot_internal.h"

/* Flows or nodes a tooltip lists before "and N more". */
#define FOLD_LIST 8

/* Whether an edge u -> v is in the figure at all (both ends on a focus's paths). */
static int in_scope(const ctx *c, igraph_integer_t u, igraph_integer_t v)
{
    return !c->box_of || (c->box_of[u] >= 0 && c->box_of[v] >= 0);
}

/* Nodes folded in whole out of the boxes: box_of made (or renumbered) without them. */
static ckp_code hide_nodes(ctx *c, ckp_error *err)
{
    igraph_integer_t n = ckp_network_node_count(c->net), k = 0;
    if (!c->box_of) {
        c->box_of = malloc((size_t)(n ? n : 1) * sizeof *c->box_of);
        if (!c->box_of)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        for (igraph_integer_t v = 0; v < n; v++)
            c->box_of[v] = v;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        c->box_of[v] = c->box_of[v] >= 0 && !c->node_hidden[v] ? k++ : -1;
    return CKP_OK;
}

ckp_code rd_fold_context(ctx *c, ckp_error *err)
{
    const ckp_network *net = c->net;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    double *out = calloc((size_t)(n ? n : 1), sizeof *out);
    igraph_integer_t *drawn = calloc((size_t)(n ? n : 1), sizeof *drawn);
    char *fed = calloc((size_t)(n ? n : 1), 1); /* a folded flow comes in */
    int any_hidden = 0;
    ckp_code rc = CKP_OK;
    c->edge_folded = calloc((size_t)(ne ? ne : 1), 1);
    c->folded_out = calloc((size_t)(n ? n : 1), sizeof *c->folded_out);
    c->node_hidden = calloc((size_t)(n ? n : 1), 1);
    if (!out || !drawn || !fed || !c->edge_folded || !c->folded_out || !c->node_hidden) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t e = 0; e < ne; e++)
        out[ckp_edge_from(net, e)] += ckp_edge_volume(net, e);
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t u = ckp_edge_from(net, e), v = ckp_edge_to(net, e);
        if (!in_scope(c, u, v))
            continue;
        if (ckp_edge_volume(net, e) < c->o->min_share / 100 * out[u]) {
            c->edge_folded[e] = 1;
            c->folded_out[u]++;
            c->n_folded++;
            fed[v] = 1;
        } else {
            drawn[u]++;
            drawn[v]++;
        }
    }
    for (igraph_integer_t v = 0; v < n; v++)
        any_hidden |= c->node_hidden[v] = fed[v] && !drawn[v];
    if (any_hidden)
        rc = hide_nodes(c, err);
done:
    free(out);
    free(drawn);
    free(fed);
    return rc;
}

/* A folded edge: the box its flow is drawn from, and its customer's tier. */
typedef struct {
    igraph_integer_t from, tier, edge;
    const char *id; /* the customer's */
} folded;

static int by_arrow(const void *pa, const void *pb)
{
    const folded *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->tier != b->tier)
        return a->tier < b->tier ? -1 : 1;
    int k = strcmp(a->id, b->id);
    return k ? k : (a->edge > b->edge) - (a->edge < b->edge);
}

static int by_id(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* "12 flows, 340 t/yr" */
static void flows_text(ckp_buf *b, const ctx *c, igraph_integer_t count, double volume)
{
    char x[64];
    ckp_buf_printf(b, "%lld flow%s, %s%s%s", (long long)count, count == 1 ? "" : "s",
                   ckp_fmt_figure_amount(x, sizeof x, volume), c->unit[0] ? " " : "", c->unit);
}

/* Tier t's "other" box: its flows and tonnes, the nodes folded in whole by id. */
static ckp_code other_box(model *m, const ctx *c, igraph_integer_t t, igraph_integer_t count,
                          double volume, ckp_error *err)
{
    const ckp_network *net = c->net;
    igraph_integer_t n = ckp_network_node_count(net), k = 0;
    char x[64];
    box *b = rd_add_box(m, t);
    const char **ids = malloc((size_t)(n ? n : 1) * sizeof *ids);
    ckp_buf text;
    ckp_buf_init(&text);
    if (!b || !ids) {
        free(ids);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    b->node = -1 - t;
    b->fold = 1;
    snprintf(b->fill, sizeof b->fill, "%s", FOLD_FILL);
    for (igraph_integer_t v = 0; v < n; v++)
        if (c->node_hidden[v] && ckp_node_tier(net, v) == t)
            ids[k++] = ckp_node_id(net, v);
    qsort(ids, (size_t)k, sizeof *ids, by_id);
    ckp_buf_puts(&text, "other: ");
    flows_text(&text, c, count, volume);
    /* a long unit on lines of its own, about as wide as the nodes' names */
    rd_wrap_html(&b->label, text.data ? text.data : "", NAME_WIDTH + 4, NAME_LINES, 0);
    ckp_buf_destroy(&text);
    if (k)
        ckp_buf_printf(&b->label, "<BR/>+%lld node%s", (long long)k, k == 1 ? "" : "s");
    ckp_buf_printf(&b->tooltip, "other (%s)\n%lld flow%s under %g%% of %s supplier's outflow: "
                                "%s%s%s",
                   ckp_network_tier_name(net, t), (long long)count, count == 1 ? "" : "s",
                   c->o->min_share, count == 1 ? "its" : "their",
                   ckp_fmt_figure_amount(x, sizeof x, volume), c->unit[0] ? " " : "", c->unit);
    if (k)
        ckp_buf_printf(&b->tooltip, "\n%lld node%s with every flow folded:", (long long)k,
                       k == 1 ? "" : "s");
    for (igraph_integer_t i = 0; i < k && i < FOLD_LIST; i++) {
        igraph_integer_t v = ckp_network_find(net, ids[i]);
        ckp_buf_printf(&b->tooltip, "\n%s (%s)", ckp_node_name(net, v), ids[i]);
    }
    if (k > FOLD_LIST)
        ckp_buf_printf(&b->tooltip, "\nand %lld more", (long long)(k - FOLD_LIST));
    free(ids);
    if (m->used_fold < 1 + (k > 0)) /* 2: the legend explains "+N nodes" too */
        m->used_fold = 1 + (k > 0);
    return CKP_OK;
}

/* One dashed arrow for the folded edges f[0..k-1], from one box into one tier's "other". */
static ckp_code fold_arrow(model *m, const ctx *c, const folded *f, igraph_integer_t k,
                           igraph_integer_t to, ckp_error *err)
{
    const ckp_network *net = c->net;
    char x[64];
    double volume = 0;
    int all_cut = 1, marked = 0;
    for (igraph_integer_t i = 0; i < k; i++) {
        igraph_integer_t e = f[i].edge;
        volume += ckp_edge_volume(net, e);
        all_cut &= c->edge_cut && c->edge_cut[e];
        marked |= (c->edge_added && c->edge_added[e]) || (c->edge_changed && c->edge_changed[e]);
    }
    igraph_integer_t u = ckp_edge_from(net, f[0].edge);
    arrow *ar = rd_add_arrow(m, f[0].from, to, volume);
    if (!ar)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    ar->fold = 1;
    ar->cut = all_cut;
    ar->highlight = marked;
    ar->against = f[0].tier <= ckp_node_tier(net, u);
    rd_mark_arrow(m, c, ar);
    if (c->node_hidden[u]) /* the flows of nodes folded in whole */
        ckp_buf_printf(&ar->tooltip, "other (%s)",
                       ckp_network_tier_name(net, ckp_node_tier(net, u)));
    else
        ckp_buf_puts(&ar->tooltip, ckp_node_name(net, u));
    ckp_buf_printf(&ar->tooltip, " → other (%s)\n", ckp_network_tier_name(net, f[0].tier));
    flows_text(&ar->tooltip, c, k, volume);
    ckp_buf_puts(&ar->tooltip, " folded:");
    for (igraph_integer_t i = 0; i < k && i < FOLD_LIST; i++) {
        igraph_integer_t e = f[i].edge;
        ckp_buf_printf(&ar->tooltip, "\n%s → %s: %s", ckp_node_name(net, ckp_edge_from(net, e)),
                       ckp_node_name(net, ckp_edge_to(net, e)),
                       ckp_fmt_figure_amount(x, sizeof x, ckp_edge_volume(net, e)));
        if (ckp_network_material_count(net) > 1)
            ckp_buf_printf(&ar->tooltip, " (%s)",
                           ckp_material_name(net, ckp_edge_material(net, e)));
        if (c->edge_cut && c->edge_cut[e])
            ckp_buf_puts(&ar->tooltip, ", cut by the scenario");
    }
    if (k > FOLD_LIST)
        ckp_buf_printf(&ar->tooltip, "\nand %lld more", (long long)(k - FOLD_LIST));
    return CKP_OK;
}

ckp_code rd_build_folds(model *m, const ctx *c, ckp_error *err)
{
    const ckp_network *net = c->net;
    igraph_integer_t ne = ckp_network_edge_count(net), nt = ckp_network_tier_count(net), k = 0;
    if (!c->n_folded)
        return CKP_OK;
    igraph_integer_t *other = malloc((size_t)nt * sizeof *other);
    igraph_integer_t *count = calloc((size_t)nt, sizeof *count);
    double *volume = calloc((size_t)nt, sizeof *volume);
    folded *f = malloc((size_t)c->n_folded * sizeof *f);
    ckp_code rc = CKP_OK;
    if (!other || !count || !volume || !f) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t e = 0; e < ne; e++)
        if (c->edge_folded[e]) {
            igraph_integer_t t = ckp_node_tier(net, ckp_edge_to(net, e));
            count[t]++;
            volume[t] += ckp_edge_volume(net, e);
        }
    for (igraph_integer_t t = 0; t < nt; t++) {
        other[t] = count[t] ? m->n_boxes : -1;
        if (count[t] && (rc = other_box(m, c, t, count[t], volume[t], err)))
            goto done;
    }
    for (igraph_integer_t e = 0; e < ne; e++) {
        if (!c->edge_folded[e])
            continue;
        igraph_integer_t u = ckp_edge_from(net, e), v = ckp_edge_to(net, e);
        /* a node folded in whole has a folded inflow: its tier has an "other" box */
        f[k].from = c->node_hidden[u] ? other[ckp_node_tier(net, u)]
                                       : c->box_of ? c->box_of[u] : u;
        f[k].tier = ckp_node_tier(net, v);
        f[k].edge = e;
        f[k++].id = ckp_node_id(net, v);
    }
    qsort(f, (size_t)k, sizeof *f, by_arrow);
    for (igraph_integer_t i = 0, j; i < k && !rc; i = j) {
        for (j = i + 1; j < k && f[j].from == f[i].from && f[j].tier == f[i].tier; j++)
            ;
        rc = fold_arrow(m, c, f + i, j - i, other[f[i].tier], err);
    }
done:
    free(other);
    free(count);
    free(volume);
    free(f);
    return rc;
}
