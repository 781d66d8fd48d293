/*
 * The three views of a scenario (chokepoint/views.h): the shock as masks on
 * the baseline network, the immediate propagation, the two flow problems
 * (the shocked network with the baseline's demands; what the immediate
 * flows leave of it) and their ranges, gathered into rows.
 */
#include <stdlib.h>
#include <string.h>

#include "chokepoint/materials.h"
#include "materials_internal.h"
#include "network_internal.h"
#include "views_internal.h"
#include "views_rows.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

typedef struct {
    const ckp_network *net;        /* the baseline */
    ckp_network *shocked;          /* the scenario applied */
    ckp_network *alloc;            /* shocked, with the baseline's demands */
    ckp_network *rest;             /* alloc less what the immediate flows use */
    igraph_integer_t *node_map;    /* baseline node -> shocked node, -1 when removed */
    char *node_gone, *edge_gone;   /* by baseline index */
    double *capacity;              /* shocked capacity by baseline node */
    ckp_csr csr;
    int has_volumes;
    ckp_propagation observed, immediate;
    igraph_integer_t n_users;
    igraph_integer_t *users;       /* baseline end users, by id */
    ckp_views_rows countries, groups;
} state;

void ckp_views_options_init(ckp_views_options *opts)
{
    opts->exact_limit = CKP_VIEWS_EXACT_LIMIT;
    opts->threads = 1;
    opts->groups = NULL;
}

void ckp_views_init(ckp_views *v)
{
    memset(v, 0, sizeof *v);
}

static void entries_free(ckp_views_entry *e, igraph_integer_t n)
{
    for (igraph_integer_t i = 0; e && i < n; i++)
        free(e[i].name);
    free(e);
}

void ckp_views_destroy(ckp_views *v)
{
    if (!v)
        return;
    entries_free(v->end_users, v->n_end_users);
    entries_free(v->countries, v->n_countries);
    entries_free(v->groups, v->n_groups);
    ckp_messages_destroy(&v->warnings);
    ckp_views_init(v);
}

static void state_destroy(state *st)
{
    ckp_network_free(st->shocked);
    ckp_network_free(st->alloc);
    ckp_network_free(st->rest);
    free(st->node_map);
    free(st->node_gone);
    free(st->edge_gone);
    free(st->capacity);
    ckp_csr_destroy(&st->csr);
    ckp_propagation_destroy(&st->observed);
    ckp_propagation_destroy(&st->immediate);
    free(st->users);
    ckp_views_rows_destroy(&st->countries);
    ckp_views_rows_destroy(&st->groups);
}

/* Baseline edge e in `to` (a copy of the shocked network), by its ends and given material. */
static igraph_integer_t mapped_edge(const state *st, const ckp_network *to, igraph_integer_t e)
{
    const ckp_network *net = st->net;
    igraph_integer_t a = st->node_map[net->edge_from[e]], b = st->node_map[net->edge_to[e]];
    igraph_integer_t m = CKP_ANY_MATERIAL;
    if (a < 0 || b < 0)
        return -1;
    if (ckp_network_has_bom(net))
        m = ckp_edge_material(net, e); /* a copy has every material given */
    return ckp_network_find_edge_material(to, a, b, m);
}

/* The shocked network read back as masks and capacities on the baseline's indices. */
static ckp_code shock_masks(state *st, ckp_error *err)
{
    const ckp_network *net = st->net, *sn = st->shocked;
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    st->node_map = malloc((size_t)(n ? n : 1) * sizeof *st->node_map);
    st->node_gone = malloc((size_t)(n ? n : 1));
    st->edge_gone = malloc((size_t)(m ? m : 1));
    st->capacity = malloc((size_t)(n ? n : 1) * sizeof *st->capacity);
    if (!st->node_map || !st->node_gone || !st->edge_gone || !st->capacity)
        return NOMEM(err);
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t w = ckp_network_find(sn, ckp_node_id(net, v));
        st->node_map[v] = w;
        st->node_gone[v] = w < 0;
        st->capacity[v] = w < 0 ? 0 : ckp_node_capacity(sn, w);
    }
    for (igraph_integer_t e = 0; e < m; e++)
        st->edge_gone[e] = mapped_edge(st, sn, e) < 0;
    return CKP_OK;
}

typedef struct {
    const char *id;
    igraph_integer_t node;
} keyed;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const keyed *)a)->id, ((const keyed *)b)->id);
}

static ckp_code end_users(state *st, ckp_error *err)
{
    const ckp_network *net = st->net;
    igraph_integer_t n = net->n_nodes, last = net->tiers.count - 1, k = 0;
    keyed *tmp = malloc((size_t)(n ? n : 1) * sizeof *tmp);
    st->users = malloc((size_t)(n ? n : 1) * sizeof *st->users);
    if (!tmp || !st->users) {
        free(tmp);
        return NOMEM(err);
    }
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == last)
            tmp[k++] = (keyed){ckp_node_id(net, v), v};
    qsort(tmp, (size_t)k, sizeof *tmp, by_key);
    for (igraph_integer_t i = 0; i < k; i++)
        st->users[i] = tmp[i].node;
    st->n_users = k;
    free(tmp);
    return CKP_OK;
}

/* Clamp a capacity left over at 0; an unbounded one stays so. */
static double left(double capacity, double used)
{
    return !isfinite(capacity) ? capacity : capacity > used ? capacity - used : 0;
}

/*
 * The flow problems: `alloc` serves the baseline's demands (the shocked copy
 * recomputes an implicit demand from the edges it kept); `rest` has what the
 * immediate flows leave: capacity less use, each end user's demand its
 * observed less its immediate served.
 */
static ckp_code flow_networks(state *st, ckp_error *err)
{
    ckp_code rc;
    const ckp_network *net = st->net;
    igraph_integer_t last = net->tiers.count - 1;
    if ((rc = ckp_network_copy(&st->alloc, st->shocked, NULL, NULL, err)))
        return rc;
    for (igraph_integer_t k = 0; k < st->n_users; k++) {
        igraph_integer_t u = st->users[k], w = st->node_map[u];
        if (w >= 0 &&
            (rc = ckp_network_set_node_number(st->alloc, w, "demand", ckp_node_demand(net, u),
                                              err)))
            return rc;
    }
    if (!st->has_volumes)
        return CKP_OK;
    if ((rc = ckp_network_copy(&st->rest, st->alloc, NULL, NULL, err)))
        return rc;
    const ckp_propagation *im = &st->immediate, *ob = &st->observed;
    for (igraph_integer_t v = 0; v < net->n_nodes; v++) {
        igraph_integer_t w = st->node_map[v];
        if (w < 0)
            continue;
        double used = net->node_tier[v] == 0 ? im->outflow[v] : im->inflow[v];
        if ((rc = ckp_network_set_node_number(st->rest, w, "capacity",
                                              left(st->capacity[v], used), err)))
            return rc;
        if (net->node_tier[v] != last)
            continue;
        double more = ckp_propagated_served(ob, net, v, net->node_capacity[v]) -
                      ckp_propagated_served(im, net, v, st->capacity[v]);
        if ((rc = ckp_network_set_node_number(st->rest, w, "demand", more > 0 ? more : 0, err)))
            return rc;
    }
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        if (st->edge_gone[e])
            continue;
        igraph_integer_t f = mapped_edge(st, st->rest, e);
        if ((rc = ckp_network_set_edge_number(st->rest, f, "capacity",
                                              left(net->edge_capacity[e], im->edge[e]), err)))
            return rc;
    }
    return CKP_OK;
}

static ckp_code volumes(state *st, ckp_views *out, ckp_error *err)
{
    ckp_code rc;
    const ckp_network *net = st->net;
    for (igraph_integer_t e = 0; e < net->n_edges && !st->has_volumes; e++)
        st->has_volumes = net->edge_volume[e] > 0;
    out->has_volumes = st->has_volumes;
    if (!st->has_volumes)
        return ckp_messages_add(&out->warnings,
                              "the network has no volumes: no immediate or rerouted view, only "
                              "the reallocated one") < 0
                   ? NOMEM(err)
                   : CKP_OK;
    /* with materials: per material, recipes keeping their scarcest input's fraction */
    ckp_code (*propagate)(ckp_propagation *, const ckp_network *, const ckp_csr *, const char *,
                          const char *, const double *, ckp_error *) =
        ckp_network_has_bom(net) ? ckp_propagate_bom : ckp_propagate;
    if ((rc = propagate(&st->observed, net, &st->csr, NULL, NULL, NULL, err)) ||
        (rc = propagate(&st->immediate, net, &st->csr, st->node_gone, st->edge_gone,
                        st->capacity, err)))
        return rc;
    if ((ckp_network_has_bom(net) ? ckp_views_check_volumes_bom
                                  : ckp_views_check_volumes)(&out->warnings, net, &st->csr) < 0)
        return NOMEM(err);
    if ((!st->observed.converged || !st->immediate.converged) &&
        ckp_messages_add(&out->warnings, "the immediate view's recycling loops did not settle to "
                                       "1e-12 within the work budget: its figures are upper "
                                       "bounds") < 0)
        return NOMEM(err);
    return CKP_OK;
}

typedef struct {
    igraph_integer_t n;
    igraph_integer_t **sets;   /* shocked node indices */
    igraph_integer_t *sizes;
    ckp_views_entry **entry;   /* the row each set fills */
} range_sets;

static void range_sets_destroy(range_sets *r)
{
    for (igraph_integer_t i = 0; r->sets && i < r->n; i++)
        free(r->sets[i]);
    free(r->sets);
    free(r->sizes);
    free(r->entry);
}

/* Add a set: the end users at `members` (positions in st->users; NULL: position `one`). */
static int add_set(range_sets *r, const state *st, const igraph_integer_t *members,
                   igraph_integer_t count, igraph_integer_t one, ckp_views_entry *entry)
{
    igraph_integer_t *set = malloc((size_t)(count ? count : 1) * sizeof *set), k = 0;
    if (!set)
        return -1;
    for (igraph_integer_t i = 0; i < count; i++) {
        igraph_integer_t w = st->node_map[st->users[members ? members[i] : one]];
        if (w >= 0)
            set[k++] = w;
    }
    r->sets[r->n] = set;
    r->sizes[r->n] = k;
    r->entry[r->n++] = entry;
    return 0;
}

typedef struct {
    double loss;
    igraph_integer_t k;
} by_loss;

static int loss_desc(const void *pa, const void *pb)
{
    const by_loss *a = pa, *b = pb;
    if (a->loss != b->loss)
        return a->loss > b->loss ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

/* End users past the exact limit keep NAN ranges: those losing least immediately. */
static int choose_ranged(ckp_views *out, const state *st, igraph_integer_t limit)
{
    igraph_integer_t present = 0;
    out->n_removed = 0;
    by_loss *order = malloc((size_t)(st->n_users ? st->n_users : 1) * sizeof *order);
    if (!order)
        return -1;
    for (igraph_integer_t k = 0; k < st->n_users; k++) {
        ckp_views_entry *e = &out->end_users[k];
        e->ranged = st->node_map[st->users[k]] < 0; /* removed: zeros, exact */
        if (e->ranged) {
            out->n_removed++;
            continue;
        }
        double loss = st->has_volumes ? e->observed_served - e->immediate_served : e->demand;
        order[present++] = (by_loss){loss, k};
    }
    qsort(order, (size_t)present, sizeof *order, loss_desc);
    for (igraph_integer_t i = 0; i < present; i++)
        out->end_users[order[i].k].ranged = i < limit;
    out->ranges_partial = present > limit;
    free(order);
    return 0;
}

/* Sums over a row's end users of the figures that do not need a flow. */
static void sum_row(ckp_views_entry *row, const ckp_views *out, const igraph_integer_t *members,
                    igraph_integer_t count)
{
    row->node = -1;
    row->n_end_users = count;
    row->ranged = 1;
    for (igraph_integer_t i = 0; i < count; i++) {
        const ckp_views_entry *u = &out->end_users[members[i]];
        row->demand += u->demand;
        row->observed_served += u->observed_served;
        row->immediate_served += u->immediate_served;
    }
    row->demand = ckp_round_flow(row->demand);
    row->observed_served = ckp_round_flow(row->observed_served);
    row->immediate_served = ckp_round_flow(row->immediate_served);
}

static ckp_code make_rows(ckp_views_entry **dst, igraph_integer_t *n_dst,
                          const ckp_views_rows *rows, const ckp_views *out, ckp_error *err)
{
    *dst = calloc((size_t)(rows->n ? rows->n : 1), sizeof **dst);
    if (!*dst)
        return NOMEM(err);
    *n_dst = rows->n;
    for (igraph_integer_t i = 0; i < rows->n; i++) {
        if (!((*dst)[i].name = strdup(rows->names[i])))
            return NOMEM(err);
        sum_row(&(*dst)[i], out, rows->members[i], rows->sizes[i]);
    }
    return CKP_OK;
}

/* The per-end-user figures that need no flow, and the rows' sums of them. */
static ckp_code fill_rows(ckp_views *out, const state *st, ckp_error *err)
{
    ckp_code rc;
    const ckp_network *net = st->net;
    out->end_users = calloc((size_t)(st->n_users ? st->n_users : 1), sizeof *out->end_users);
    if (!out->end_users)
        return NOMEM(err);
    out->n_end_users = st->n_users;
    for (igraph_integer_t k = 0; k < st->n_users; k++) {
        ckp_views_entry *e = &out->end_users[k];
        igraph_integer_t u = st->users[k];
        if (!(e->name = strdup(ckp_node_id(net, u))))
            return NOMEM(err);
        e->node = u;
        e->n_end_users = 1;
        e->demand = ckp_node_demand(net, u);
        e->observed_served = e->immediate_served = NAN;
        if (st->has_volumes) {
            e->observed_served =
                ckp_propagated_served(&st->observed, net, u, net->node_capacity[u]);
            e->immediate_served = st->node_gone[u] ? 0
                                  : ckp_propagated_served(&st->immediate, net, u,
                                                          st->capacity[u]);
        }
        e->rerouted = e->reallocated = (ckp_range){NAN, NAN};
        if (st->node_gone[u]) {
            e->reallocated = (ckp_range){0, 0};
            if (st->has_volumes)
                e->rerouted = (ckp_range){0, 0};
        }
    }
    if ((rc = make_rows(&out->countries, &out->n_countries, &st->countries, out, err)) ||
        (rc = make_rows(&out->groups, &out->n_groups, &st->groups, out, err)))
        return rc;
    ckp_views_entry total = {0};
    igraph_integer_t *all = malloc((size_t)(st->n_users ? st->n_users : 1) * sizeof *all);
    if (!all)
        return NOMEM(err);
    for (igraph_integer_t k = 0; k < st->n_users; k++)
        all[k] = k;
    sum_row(&total, out, all, st->n_users);
    free(all);
    out->demand = total.demand;
    out->observed_served = total.observed_served;
    out->immediate_served = total.immediate_served;
    return CKP_OK;
}

/* One view's ranges on `fnet` into the rows; the rerouted ones on top of each row's immediate. */
static ckp_code view_ranges(double *total, const range_sets *rs, const ckp_network *fnet,
                            int rerouted, int threads, ckp_error *err)
{
    ckp_flow *flow = NULL;
    ckp_range *ranges = malloc((size_t)(rs->n ? rs->n : 1) * sizeof *ranges);
    const igraph_integer_t *const *sets = (const igraph_integer_t *const *)rs->sets;
    ckp_code rc = ranges ? CKP_OK : NOMEM(err);
    if (!rc && ckp_network_has_bom(fnet)) /* the LP, two solves per set */
        rc = ckp_views_ranges_bom(total, ranges, fnet, sets, rs->sizes, rs->n, err);
    else if (!rc && !(rc = ckp_flow_new(&flow, fnet, err)))
        rc = ckp_views_ranges(total, ranges, flow, fnet, sets, rs->sizes, rs->n, threads, err);
    if (rc)
        goto done;
    for (igraph_integer_t i = 0; i < rs->n; i++) {
        ckp_views_entry *e = rs->entry[i];
        if (rerouted) {
            double base = e->immediate_served;
            e->rerouted = (ckp_range){ckp_round_flow(base + ranges[i].min),
                                      ckp_round_flow(base + ranges[i].max)};
        } else {
            e->reallocated = ranges[i];
        }
    }
done:
    ckp_flow_free(flow);
    free(ranges);
    return rc;
}

static ckp_code all_ranges(ckp_views *out, const state *st, int threads, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    range_sets rs = {0};
    igraph_integer_t cap = st->n_users + st->countries.n + st->groups.n;
    size_t nc = (size_t)(cap ? cap : 1);
    rs.sets = calloc(nc, sizeof *rs.sets);
    rs.sizes = malloc(nc * sizeof *rs.sizes);
    rs.entry = malloc(nc * sizeof *rs.entry);
    if (!rs.sets || !rs.sizes || !rs.entry)
        goto nomem;
    for (igraph_integer_t k = 0; k < st->n_users; k++)
        if (out->end_users[k].ranged && !st->node_gone[st->users[k]] &&
            add_set(&rs, st, NULL, 1, k, &out->end_users[k]) < 0)
            goto nomem;
    for (igraph_integer_t i = 0; i < st->countries.n; i++)
        if (add_set(&rs, st, st->countries.members[i], st->countries.sizes[i], 0,
                    &out->countries[i]) < 0)
            goto nomem;
    for (igraph_integer_t i = 0; i < st->groups.n; i++)
        if (add_set(&rs, st, st->groups.members[i], st->groups.sizes[i], 0, &out->groups[i]) < 0)
            goto nomem;
    double total;
    if ((rc = view_ranges(&total, &rs, st->alloc, 0, threads, err)))
        goto done;
    out->reallocated_served = total;
    out->rerouted_served = NAN;
    if (st->has_volumes) {
        if ((rc = view_ranges(&total, &rs, st->rest, 1, threads, err)))
            goto done;
        out->rerouted_served = ckp_round_flow(out->immediate_served + total);
    }
    goto done;
nomem:
    rc = NOMEM(err);
done:
    range_sets_destroy(&rs);
    return rc;
}

ckp_code ckp_views_run(ckp_views *out, const ckp_network *net, const ckp_scenario *s,
                       const ckp_views_options *opts, ckp_error *err)
{
    ckp_code rc;
    ckp_views_options defaults;
    state st;
    memset(&st, 0, sizeof st);
    ckp_views_init(out);
    if (!opts) {
        ckp_views_options_init(&defaults);
        opts = &defaults;
    }
    st.net = net;
    for (igraph_integer_t i = 0; i < s->warnings.n; i++)
        if (ckp_messages_add(&out->warnings, "%s", s->warnings.items[i]) < 0) {
            rc = NOMEM(err);
            goto done;
        }
    const ckp_groups *lists[] = {opts->groups, &s->groups, ckp_network_groups(net),
                                 ckp_groups_builtin()};
    if ((rc = ckp_scenario_apply(&st.shocked, net, s, NULL, NULL, &out->warnings, err)) ||
        (rc = shock_masks(&st, err)) || (rc = ckp_csr_build(&st.csr, net, err)) ||
        (rc = end_users(&st, err)) ||
        (rc = ckp_views_countries(&st.countries, net, st.users, st.n_users, err)) ||
        (rc = ckp_views_groups(&st.groups, net, st.users, st.n_users, lists, 4, err)) ||
        (rc = volumes(&st, out, err)) || (rc = flow_networks(&st, err)) ||
        (rc = fill_rows(out, &st, err)))
        goto done;
    if (choose_ranged(out, &st, opts->exact_limit) < 0) {
        rc = NOMEM(err);
        goto done;
    }
    rc = all_ranges(out, &st, opts->threads, err);
    out->available = !rc;
done:
    state_destroy(&st);
    if (rc)
        ckp_views_destroy(out);
    return rc;
}
