/*
 * The DOT text of a network diagram (see render.h): the context of a figure
 * (analysis, scenario, plan), the view's model, titles, then the emitter.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/flow.h"
#include "numfmt.h"
#include "render_dot_internal.h"
#include "render_page.h"

void ckp_render_options_init(ckp_render_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->view = CKP_VIEW_TIERS;
    opts->color = CKP_COLOR_BY_COUNTRY;
    opts->max_nodes = CKP_RENDER_MAX_NODES;
}

static int same_number(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* What a figure owns besides its model: its own analysis, scenario run and palette. */
typedef struct {
    ckp_analysis analysis;
    ckp_scenario_report rep;
    ckp_palette pal;
    igraph_integer_t *amap;
    ckp_tier_concentration *conc;
} owned;

static void ctx_destroy(ctx *c, owned *own)
{
    ckp_analysis_destroy(&own->analysis);
    ckp_scenario_report_destroy(&own->rep);
    free(own->amap);
    if (c->net)
        ckp_concentration_free(own->conc, ckp_network_tier_count(c->net));
    free(c->node_removed);
    free(c->edge_cut);
    free(c->cap_after);
    free(c->user_short);
    free(c->user_alone);
    free(c->user_view);
    free(c->node_added);
    free(c->node_changed);
    free(c->edge_added);
    free(c->edge_changed);
    free(c->edge_folded);
    free(c->folded_out);
    free(c->node_hidden);
    free(c->cap_before);
    free(c->spof_at);
    free(c->box_of);
}

/*
 * Scenario mode: analyse the network under the scenario and map its nodes back
 * by id: what is removed or cut, capacities changed, end users' shortfalls.
 */
static ckp_code scenario_context(ctx *c, owned *own, const ckp_scenario *scenario,
                                 ckp_error *err)
{
    ckp_code rc;
    const ckp_network *net = c->net;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    if ((rc = ckp_scenario_run(&own->rep, net, scenario, err)))
        return rc;
    const ckp_network *shocked = own->rep.shocked;
    if ((rc = ckp_analyze(&own->analysis, shocked, NULL, err)))
        return rc;
    c->a = &own->analysis;
    c->anet = shocked;
    c->rep = &own->rep;
    igraph_integer_t *amap = own->amap = malloc((size_t)(n ? n : 1) * sizeof *amap);
    c->node_removed = calloc((size_t)(n ? n : 1), 1);
    c->edge_cut = calloc((size_t)(ne ? ne : 1), 1);
    c->cap_after = malloc((size_t)(n ? n : 1) * sizeof *c->cap_after);
    c->user_short = malloc((size_t)(n ? n : 1) * sizeof *c->user_short);
    c->user_alone = malloc((size_t)(n ? n : 1) * sizeof *c->user_alone);
    if (!amap || !c->node_removed || !c->edge_cut || !c->cap_after || !c->user_short ||
        !c->user_alone)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t v = 0; v < n; v++) {
        amap[v] = ckp_network_find(shocked, ckp_node_id(net, v));
        c->node_removed[v] = amap[v] < 0;
        c->cap_after[v] = NAN;
        c->user_short[v] = NAN;
        c->user_alone[v] = NAN;
        if (amap[v] >= 0) {
            double before = ckp_node_capacity(net, v);
            double after = ckp_node_capacity(shocked, amap[v]);
            if (!same_number(before, after))
                c->cap_after[v] = after;
        }
    }
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t u = amap[ckp_edge_from(net, e)], v = amap[ckp_edge_to(net, e)];
        c->edge_cut[e] = u < 0 || v < 0 || ckp_network_find_edge(shocked, u, v) < 0;
    }
    /*
     * Shortfalls from one maximum flow on the network under the scenario: the total is
     * exact; how it splits between end users that compete is one of several possible.
     * The tooltip adds the most each could get alone.
     */
    for (igraph_integer_t k = 0; k < own->analysis.n_end_users; k++) {
        const ckp_end_user *u = &own->analysis.end_users[k];
        igraph_integer_t v = ckp_network_find(net, ckp_node_id(shocked, u->node));
        double s = ckp_round_flow(u->demand - u->served);
        if (v >= 0)
            c->user_short[v] = s > 0 ? s : 0;
    }
    for (igraph_integer_t k = 0; k < own->rep.n_end_users; k++)
        c->user_alone[own->rep.end_users[k].node] = own->rep.end_users[k].scenario_max;
    /* the views by node: fill and label end users by what does not depend on a solver */
    const ckp_views *views = &own->rep.views;
    c->user_view = calloc((size_t)(n ? n : 1), sizeof *c->user_view);
    if (!c->user_view)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t k = 0; k < views->n_end_users; k++)
        if (views->end_users[k].node >= 0)
            c->user_view[views->end_users[k].node] = &views->end_users[k];
    c->has_volumes = views->has_volumes;
    c->amap = amap;
    /* shares of the drawn network, also under a scenario, so boxes and tiers agree */
    if ((rc = ckp_concentration(&own->conc, net, err)))
        return rc;
    c->conc = own->conc;
    return CKP_OK;
}

/* Plan mode: what the plan added to or changed in `baseline`, found by id. */
static ckp_code plan_context(ctx *c, const ckp_network *b, ckp_error *err)
{
    const ckp_network *net = c->net;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    c->node_added = calloc((size_t)(n ? n : 1), 1);
    c->node_changed = calloc((size_t)(n ? n : 1), 1);
    c->edge_added = calloc((size_t)(ne ? ne : 1), 1);
    c->edge_changed = calloc((size_t)(ne ? ne : 1), 1);
    c->cap_before = malloc((size_t)(n ? n : 1) * sizeof *c->cap_before);
    if (!c->node_added || !c->node_changed || !c->edge_added || !c->edge_changed ||
        !c->cap_before)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t bv = ckp_network_find(b, ckp_node_id(net, v));
        c->cap_before[v] = NAN;
        if (bv < 0) {
            c->node_added[v] = 1;
            continue;
        }
        if (!same_number(ckp_node_capacity(b, bv), ckp_node_capacity(net, v)))
            c->cap_before[v] = ckp_node_capacity(b, bv);
        c->node_changed[v] = !isnan(c->cap_before[v]) ||
                             !same_number(ckp_node_demand_given(b, bv),
                                          ckp_node_demand_given(net, v)) ||
                             !same_number(ckp_node_stock(b, bv), ckp_node_stock(net, v));
    }
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t bu = ckp_network_find(b, ckp_node_id(net, ckp_edge_from(net, e)));
        igraph_integer_t bv = ckp_network_find(b, ckp_node_id(net, ckp_edge_to(net, e)));
        igraph_integer_t be = bu >= 0 && bv >= 0 ? ckp_network_find_edge(b, bu, bv) : -1;
        if (be < 0)
            c->edge_added[e] = 1;
        else
            c->edge_changed[e] = !same_number(ckp_edge_volume(b, be), ckp_edge_volume(net, e)) ||
                                 !same_number(ckp_edge_capacity(b, be), ckp_edge_capacity(net, e));
    }
    return CKP_OK;
}

/*
 * --focus: the end user named, or every end user of the country named, and
 * every node with a path to one of them (the least fixpoint over the edges,
 * so that a recycling loop counts only when it reaches them).
 */
static ckp_code focus_context(ctx *c, const char *focus, ckp_error *err)
{
    const ckp_network *net = c->net;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1, users = 0;
    c->box_of = malloc((size_t)(n ? n : 1) * sizeof *c->box_of);
    if (!c->box_of)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t v = 0; v < n; v++) {
        const char *id = ckp_node_id(net, v), *country = ckp_node_country(net, v);
        int user = ckp_node_tier(net, v) == last &&
                   (!strcmp(id, focus) || (country && !strcmp(country, focus)));
        c->box_of[v] = user ? 0 : -1;
        users += user;
    }
    if (!users)
        return ckp_error_set(err, CKP_EDATA, "--focus '%s' is neither an end user nor the "
                                             "country of one", focus);
    for (int changed = 1; changed;) {
        changed = 0;
        for (igraph_integer_t e = 0; e < ne; e++) {
            igraph_integer_t u = ckp_edge_from(net, e), v = ckp_edge_to(net, e);
            if (c->box_of[v] >= 0 && c->box_of[u] < 0 && ckp_node_tier(net, u) != last) {
                c->box_of[u] = 0;
                changed = 1;
            }
        }
    }
    c->n_focus = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        if (c->box_of[v] >= 0)
            c->box_of[v] = c->n_focus++;
    return CKP_OK;
}

/* Everything the views need, gathered once: palette, analysis, scenario and plan marks. */
static ckp_code make_context(ctx *c, owned *own, model *m, const ckp_network *net,
                             const ckp_render_options *opts, ckp_error *err)
{
    ckp_code rc;
    c->net = net;
    c->o = opts;
    c->unit = ckp_network_unit(net);
    if (opts->palette) {
        c->pal = opts->palette;
    } else {
        if ((rc = ckp_palette_for_network(&own->pal, net, err)))
            return rc;
        c->pal = &own->pal;
    }
    if (opts->scenario) {
        if ((rc = scenario_context(c, own, opts->scenario, err)))
            return rc;
    } else {
        if (opts->analysis) {
            c->a = opts->analysis;
        } else {
            if ((rc = ckp_analyze(&own->analysis, net, NULL, err)))
                return rc;
            c->a = &own->analysis;
        }
        c->anet = net;
        c->conc = c->a->concentration;
    }
    igraph_integer_t na = ckp_network_node_count(c->anet);
    c->spof_at = malloc((size_t)(na ? na : 1) * sizeof *c->spof_at);
    m->other_mark = calloc((size_t)(ckp_network_country_count(net) + 1), 1);
    if (!c->spof_at || !m->other_mark)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t v = 0; v < na; v++)
        c->spof_at[v] = -1;
    for (igraph_integer_t i = 0; i < c->a->n_spofs; i++)
        c->spof_at[c->a->spofs[i].node] = i;
    if (opts->focus && (rc = focus_context(c, opts->focus, err)))
        return rc;
    if (opts->min_share > 0 && (rc = rd_fold_context(c, err)))
        return rc;
    return opts->baseline ? plan_context(c, opts->baseline, err) : CKP_OK;
}

/* The view asked for, unless a tiered view has too many nodes to lay out in time. */
static void choose_view(ckp_render_info *info, const ckp_render_options *opts,
                        igraph_integer_t n)
{
    info->view = opts->view;
    if (opts->view == CKP_VIEW_TIERS && n > opts->max_nodes) {
        info->view = CKP_VIEW_COUNTRIES;
        info->aggregated = 1;
        snprintf(info->note, sizeof info->note,
                 "%lld nodes are over the limit of %lld for a firm-level diagram "
                 "(--max-nodes): drawn as the countries view, one box per tier and country",
                 (long long)n, (long long)opts->max_nodes);
    }
}

/* The subtitle: network, unit, year, what is served, the size of the network. */
static void subtitle(ckp_buf *sub, const ctx *c)
{
    const ckp_network *net = c->net;
    const ckp_render_options *opts = c->o;
    char x[64], y[64], z[64];
    /* a separator only after something: a CSV network may have no unit or year */
    const char *sep = "";
    if ((opts->scenario || opts->baseline) && ckp_network_name(net)[0]) {
        ckp_buf_puts(sub, ckp_network_name(net));
        sep = " · ";
    }
    if (c->unit[0]) {
        ckp_buf_printf(sub, "%s%s", sep, c->unit);
        sep = " · ";
    }
    if (!isnan(ckp_network_year(net))) {
        ckp_buf_printf(sub, "%s%.0f", sep, ckp_network_year(net));
        sep = " · ";
    }
    if (opts->scenario)
        ckp_buf_printf(sub, "%sserved %s of %s (%.1f%%), %s before the shock", sep,
                       ckp_fmt_figure_amount(x, sizeof x, c->rep->served),
                       ckp_fmt_figure_amount(y, sizeof y, c->rep->demand),
                       100 * ckp_share_of(c->rep->served, c->rep->demand),
                       ckp_fmt_figure_amount(z, sizeof z, c->rep->baseline_served));
    else
        ckp_buf_printf(sub, "%sserved %s of demand %s (%.1f%%)", sep,
                       ckp_fmt_figure_amount(x, sizeof x, c->a->served),
                       ckp_fmt_figure_amount(y, sizeof y, c->a->demand),
                       100 * ckp_share_of(c->a->served, c->a->demand));
    ckp_buf_printf(sub, " · %lld nodes, %lld edges", (long long)ckp_network_node_count(net),
                   (long long)ckp_network_edge_count(net));
}

/* The caption: why the figure is aggregated or how to read the countries view; the plan. */
static void caption(ckp_buf *cap, const ctx *c, const ckp_render_info *info)
{
    igraph_integer_t n = ckp_network_node_count(c->net), ne = ckp_network_edge_count(c->net);
    if (info->aggregated)
        ckp_buf_printf(cap, "Aggregated: %s.", info->note);
    else if (info->view == CKP_VIEW_COUNTRIES)
        ckp_buf_puts(cap, "One box per tier and country, its height in proportion to the "
                          "country's share of the tier; arrows sum the flows between them.");
    if (c->o->focus)
        ckp_buf_printf(cap, "%sOnly the supply paths of %s: %lld of %lld nodes.",
                       cap->len ? " " : "", c->o->focus, (long long)c->n_focus, (long long)n);
    if (c->edge_folded && info->view == CKP_VIEW_TIERS)
        ckp_buf_printf(cap, "%s%lld flow%s under %g%% of their supplier's outflow folded "
                            "into 'other'.",
                       cap->len ? " " : "", (long long)c->n_folded, c->n_folded == 1 ? "" : "s",
                       c->o->min_share);
    if (c->o->baseline) {
        igraph_integer_t na = 0, nch = 0, ea = 0;
        for (igraph_integer_t v = 0; v < n; v++) {
            na += c->node_added[v];
            nch += c->node_changed[v];
        }
        for (igraph_integer_t e = 0; e < ne; e++)
            ea += c->edge_added[e] || c->edge_changed[e];
        ckp_buf_printf(cap, "%sThe plan adds %lld node%s, changes %lld, and adds or changes "
                            "%lld edge%s.",
                       cap->len ? " " : "", (long long)na, na == 1 ? "" : "s", (long long)nch,
                       (long long)ea, ea == 1 ? "" : "s");
    }
}

static const char *title_of(const ckp_network *net, const ckp_render_options *opts)
{
    if (opts->scenario)
        return opts->scenario->name;
    if (opts->baseline && opts->plan_name)
        return opts->plan_name;
    return ckp_network_name(net);
}

/*
 * The DOT text of the figure, laid out as `lay` says (NULL: for a screen);
 * with `box_nodes`, what each box draws (a node, or -1 - tier for its "other").
 */
static ckp_code render_once(char **dot, size_t *len, ckp_render_info *info,
                            const ckp_network *net, const ckp_render_options *opts,
                            const rd_layout *lay, const double *order,
                            igraph_integer_t **box_nodes, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    owned own;
    model m;
    ckp_buf d, sub, cap;
    ctx c;
    memset(info, 0, sizeof *info);
    memset(&own, 0, sizeof own);
    ckp_analysis_init(&own.analysis);
    memset(&m, 0, sizeof m);
    memset(&c, 0, sizeof c);
    ckp_buf_init(&d);
    ckp_buf_init(&sub);
    ckp_buf_init(&cap);
    if ((rc = make_context(&c, &own, &m, net, opts, err)))
        goto done;
    c.lay = lay;
    choose_view(info, opts, opts->focus ? c.n_focus : ckp_network_node_count(net));
    if (opts->focus && info->view != CKP_VIEW_TIERS) {
        rc = ckp_error_set(err, CKP_EDATA, "--focus draws the tiers view, and %lld nodes are "
                                           "over the limit of %lld (--max-nodes)",
                           (long long)c.n_focus, (long long)opts->max_nodes);
        goto done;
    }
    c.order = info->view == CKP_VIEW_TIERS ? order : NULL;
    if (info->view == CKP_VIEW_TIERS)
        rc = rd_build_tiers(&m, &c, err);
    else
        rc = rd_build_countries(&m, &c, err);
    if (rc)
        goto done;
    info->nodes = m.n_boxes;
    info->edges = m.n_arrows;
    if (box_nodes && !(*box_nodes = malloc((size_t)(m.n_boxes + 1) * sizeof **box_nodes))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t i = 0; box_nodes && i < m.n_boxes; i++)
        (*box_nodes)[i] = m.boxes[i].node;
    subtitle(&sub, &c);
    caption(&cap, &c, info);
    if (sub.oom || cap.oom) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    rd_emit(&d, &m, &c, title_of(net, opts), sub.data ? sub.data : "", cap.data);
    *dot = ckp_buf_take(&d, len);
    if (!*dot)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    rd_model_destroy(&m);
    ckp_buf_destroy(&d);
    ckp_buf_destroy(&sub);
    ckp_buf_destroy(&cap);
    ctx_destroy(&c, &own);
    return rc;
}

/* The DOT text with its fonts at the options' size; `*min_pt` its smallest text. */
static ckp_code scaled_dot(char **dot, size_t *len, double *min_pt, ckp_render_info *info,
                           const ckp_network *net, const ckp_render_options *opts,
                           const rd_layout *lay, const double *order,
                           igraph_integer_t **box_nodes, ckp_error *err)
{
    ckp_code rc;
    ckp_buf out;
    double f = opts->font_size > 0 ? opts->font_size / CKP_FONT_SIZE : 1;
    if ((rc = render_once(dot, len, info, net, opts, lay, order, box_nodes, err)))
        return rc;
    ckp_buf_init(&out);
    rd_scale_fonts(&out, *dot, f, min_pt);
    if (f == 1) { /* the text as written: only its smallest size was wanted */
        ckp_buf_destroy(&out);
        return CKP_OK;
    }
    free(*dot);
    *dot = ckp_buf_take(&out, len);
    return *dot ? CKP_OK : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
}

/* Keys of nodes new to a plan: the mean of their neighbours' (else after every other). */
static void place_new_nodes(double *key, const double *known, const ckp_network *net)
{
    igraph_integer_t n = ckp_network_node_count(net);
    for (igraph_integer_t v = 0; v < n; v++) {
        if (!isnan(known[v]))
            continue;
        double sum = 0;
        int count = 0;
        for (igraph_integer_t e = 0; e < ckp_network_edge_count(net); e++) {
            igraph_integer_t u = ckp_edge_from(net, e), w = ckp_edge_to(net, e);
            igraph_integer_t other = u == v ? w : w == v ? u : -1;
            if (other >= 0 && !isnan(known[other])) {
                sum += known[other];
                count++;
            }
        }
        key[v] = count ? sum / count : HUGE_VAL;
    }
}

/*
 * A plan's or scenario's diagram keeps the baseline's order of the boxes in
 * each tier, so that the figures can be set side by side: the baseline (the
 * network before the plan, without the scenario) is laid out as it would be
 * drawn, and each node's position along its tier becomes its key. `*key`
 * stays NULL when the baseline is not drawn node by node.
 */
static ckp_code baseline_order(double **key, const ckp_network *net,
                               const ckp_render_options *opts, const rd_layout *lay,
                               ckp_error *err)
{
    const ckp_network *base = opts->baseline ? opts->baseline : net;
    igraph_integer_t n = ckp_network_node_count(net), nt = ckp_network_tier_count(net);
    ckp_render_options o = *opts;
    ckp_render_info info;
    char *dot = NULL;
    size_t len = 0;
    igraph_integer_t *box_nodes = NULL;
    double min_pt, *pos = NULL, *known = malloc((size_t)(n ? n : 1) * sizeof *known);
    ckp_code rc = CKP_OK;
    memset(&info, 0, sizeof info);
    *key = malloc((size_t)(n + nt) * sizeof **key); /* then one per tier: its "other" box */
    if (!known || !*key) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    o.baseline = NULL;
    o.plan_name = NULL;
    o.scenario = NULL;
    if (opts->baseline) /* the analysis given is the plan's */
        o.analysis = NULL;
    if ((rc = scaled_dot(&dot, &len, &min_pt, &info, base, &o, lay, NULL, &box_nodes, err)) ||
        info.view != CKP_VIEW_TIERS)
        goto done;
    if (!(pos = malloc((size_t)(info.nodes + 1) * sizeof *pos))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if ((rc = rd_box_positions(pos, info.nodes, dot, len, o.id_prefix, lay && lay->top_down,
                               err)))
        goto done;
    for (igraph_integer_t v = 0; v < n; v++)
        known[v] = NAN;
    for (igraph_integer_t t = 0; t < nt; t++)
        (*key)[n + t] = HUGE_VAL; /* a tier's "other" new to the figure: last */
    /* by id: a box of the baseline's (--focus, --min-share) is not its node's index */
    for (igraph_integer_t i = 0; i < info.nodes; i++) {
        igraph_integer_t bv = box_nodes[i];
        igraph_integer_t v = bv >= 0 ? ckp_network_find(net, ckp_node_id(base, bv)) : -1;
        if (v >= 0)
            known[v] = pos[i];
        else if (bv < 0 && -1 - bv < nt && !isnan(pos[i]))
            (*key)[n - 1 - bv] = pos[i];
    }
    memcpy(*key, known, (size_t)n * sizeof *known);
    place_new_nodes(*key, known, net);
done:
    if (rc || info.view != CKP_VIEW_TIERS) {
        free(*key);
        *key = NULL;
    }
    free(box_nodes);
    free(dot);
    free(pos);
    free(known);
    return rc;
}

/* The figure's DOT text; a plan's or scenario's in the baseline's order. */
static ckp_code drawn_dot(char **dot, size_t *len, double *min_pt, ckp_render_info *info,
                          const ckp_network *net, const ckp_render_options *opts,
                          const rd_layout *lay, ckp_error *err)
{
    double *order = NULL;
    ckp_code rc = CKP_OK;
    if ((opts->baseline || opts->scenario) && opts->view == CKP_VIEW_TIERS &&
        ckp_network_node_count(net) <= opts->max_nodes)
        rc = baseline_order(&order, net, opts, lay, err);
    if (!rc)
        rc = scaled_dot(dot, len, min_pt, info, net, opts, lay, order, NULL, err);
    free(order);
    return rc;
}

/* White space kept around a figure on a page, in points (a quarter inch a side). */
#define PAGE_MARGIN 18.0

/*
 * A figure for a page: laid out at its natural size to measure it, then
 * shrunk into the page (never enlarged; rd_page_fit centres it). The tiers
 * as columns or as rows, the one that suits the page's shape tried first;
 * if neither keeps its text at CKP_PAGE_MIN_TEXT or more, a tiered view
 * falls back to the countries view, and a figure that still does not fit
 * is an error.
 */
static ckp_code fit_page(char **dot, size_t *len, ckp_render_info *info, const ckp_network *net,
                         const ckp_render_options *opts, ckp_error *err)
{
    ckp_render_options o = *opts;
    double pw = o.page_width, ph = o.page_height, w, h, min_pt, s, best = 0;
    rd_layout lay = {0};
    int fell_back = 0;
    ckp_code rc;
    for (int attempt = 0; attempt < 6; attempt++) {
        lay.top_down = (ph > pw) ^ (attempt & 1);
        lay.compact = attempt >= 4;
        o.view = attempt < 2 ? opts->view : CKP_VIEW_COUNTRIES;
        if (attempt == 2 && (info->view != CKP_VIEW_TIERS || opts->focus)) {
            attempt = 3; /* no firm-level diagram to fall back from: on to the compact one */
            continue;
        }
        if (attempt == 2)
            fell_back = 1;
        if (attempt == 4 && info->view != CKP_VIEW_COUNTRIES)
            break;
        if ((rc = drawn_dot(dot, len, &min_pt, info, net, &o, &lay, err)))
            return rc;
        rc = rd_measure(&w, &h, *dot, *len, err);
        free(*dot);
        *dot = NULL;
        if (rc)
            return rc;
        s = rd_page_scale(w, h, pw - 2 * PAGE_MARGIN, ph - 2 * PAGE_MARGIN);
        if (min_pt * s > best)
            best = min_pt * s;
        if (min_pt * s < CKP_PAGE_MIN_TEXT - 1e-9)
            continue;
        lay.size_w = (pw - 2 * PAGE_MARGIN) / 72;
        lay.size_h = (ph - 2 * PAGE_MARGIN) / 72;
        if ((rc = drawn_dot(dot, len, &min_pt, info, net, &o, &lay, err)))
            return rc;
        if (fell_back) {
            info->aggregated = 1;
            snprintf(info->note, sizeof info->note,
                     "on a %.0f x %.0f mm page the firm-level diagram's text would be under "
                     "%.0f pt: drawn as the countries view, one box per tier and country%s",
                     pw * 25.4 / 72, ph * 25.4 / 72, CKP_PAGE_MIN_TEXT,
                     lay.compact ? " (compact: at most " COMPACT_TEXT " boxes a tier)" : "");
        } else if (lay.compact && !info->note[0]) {
            snprintf(info->note, sizeof info->note,
                     "on a %.0f x %.0f mm page the countries view is drawn compact: at most "
                     COMPACT_TEXT " boxes a tier", pw * 25.4 / 72, ph * 25.4 / 72);
        }
        return CKP_OK;
    }
    return ckp_error_set(err, CKP_EDATA, "the diagram does not fit a %.0f x %.0f mm page with "
                                         "text of %.0f pt or more (its smallest would be %.1f "
                                         "pt): give a larger --size",
                         pw * 25.4 / 72, ph * 25.4 / 72, CKP_PAGE_MIN_TEXT, best);
}

ckp_code ckp_render_dot(char **dot, size_t *len, ckp_render_info *info, const ckp_network *net,
                        const ckp_render_options *opts, ckp_error *err)
{
    ckp_render_options defaults;
    ckp_render_info own_info;
    size_t own_len;
    double min_pt;
    *dot = NULL;
    if (!len)
        len = &own_len;
    *len = 0;
    if (!info)
        info = &own_info;
    if (!opts) {
        ckp_render_options_init(&defaults);
        opts = &defaults;
    }
    if (opts->page_width > 0 && opts->page_height > 0)
        return fit_page(dot, len, info, net, opts, err);
    return drawn_dot(dot, len, &min_pt, info, net, opts, NULL, err);
}
