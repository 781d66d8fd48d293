/*
 * chokepoint stress: every node and country lost alone for its time to
 * recover, ranked by the demand lost (see chokepoint/stress.h).
 */
#include "chokepoint/stress.h"

#include <stdlib.h>
#include <string.h>

#include "chokepoint/flow.h"
#include "flow_internal.h"
#include "horizon.h"
#include "network_internal.h"
#include "time_common.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

void ckp_stress_init(ckp_stress *s)
{
    memset(s, 0, sizeof *s);
}

void ckp_stress_destroy(ckp_stress *s)
{
    for (igraph_integer_t i = 0; i < s->n; i++)
        free(s->rows[i].id);
    free(s->rows);
    free(s->group);
    memset(s, 0, sizeof *s);
}

/* The node sets of the rows in the expanded network: a node, or a country's nodes. */
typedef struct {
    igraph_integer_t n;
    igraph_integer_t **sets;
    igraph_integer_t *sizes;
    igraph_integer_t scratch[3];
} row_sets;

static void row_sets_destroy(row_sets *r)
{
    for (igraph_integer_t i = 0; r->sets && i < r->n; i++)
        free(r->sets[i]);
    free(r->sets);
    free(r->sizes);
}

/* Rows for the nodes in `keep` (NULL: every node), then every country. */
static ckp_code build_rows(ckp_stress *s, row_sets *rs, const ckp_horizon *h, const char *keep,
                           ckp_error *err)
{
    const ckp_network *net = h->net;
    igraph_integer_t n = h->n, nc = ckp_network_country_count(net), nk = 0;
    for (igraph_integer_t i = 0; i < n; i++)
        nk += !keep || keep[i];
    s->n = rs->n = nk + nc;
    s->rows = calloc((size_t)(s->n ? s->n : 1), sizeof *s->rows);
    rs->sets = calloc((size_t)(s->n ? s->n : 1), sizeof *rs->sets);
    rs->sizes = calloc((size_t)(s->n ? s->n : 1), sizeof *rs->sizes);
    if (!s->rows || !rs->sets || !rs->sizes)
        return NOMEM(err);
    /* a country's set: its nodes' sets, sized by a first count */
    for (igraph_integer_t i = 0; i < n; i++)
        rs->sizes[nk + ckp_node_country_index(net, i)] += ckp_horizon_node_set(h, i, rs->scratch);
    for (igraph_integer_t c = 0; c < nc; c++) {
        ckp_stress_row *row = &s->rows[nk + c];
        row->kind = CKP_STRESS_COUNTRY;
        row->index = c;
        row->ttr_days = 0;
        size_t size = (size_t)rs->sizes[nk + c];
        rs->sizes[nk + c] = 0;
        if (!(row->id = strdup(ckp_network_country_name(net, c))) ||
            !(rs->sets[nk + c] = malloc((size ? size : 1) * sizeof **rs->sets)))
            return NOMEM(err);
    }
    for (igraph_integer_t i = 0, r = 0; i < n; i++) {
        igraph_integer_t c = nk + ckp_node_country_index(net, i);
        double ttr = ckp_node_ttr_days(net, i);
        rs->sizes[c] += ckp_horizon_node_set(h, i, rs->sets[c] + rs->sizes[c]);
        if (ttr > s->rows[c].ttr_days)
            s->rows[c].ttr_days = ttr;
        if (keep && !keep[i])
            continue;
        ckp_stress_row *row = &s->rows[r];
        row->kind = CKP_STRESS_NODE;
        row->index = i;
        row->ttr_days = ttr;
        if (!(row->id = strdup(ckp_node_id(net, i))) ||
            !(rs->sets[r] = malloc(3 * sizeof **rs->sets)))
            return NOMEM(err);
        rs->sizes[r] = ckp_horizon_node_set(h, i, rs->sets[r]);
        r++;
    }
    return CKP_OK;
}

typedef struct {
    double through;
    const char *id;
    igraph_integer_t node;
} busy_node;

static int by_busy(const void *pa, const void *pb)
{
    const busy_node *a = pa, *b = pb;
    if (a->through != b->through)
        return a->through < b->through ? 1 : -1;
    return strcmp(a->id, b->id);
}

/*
 * `keep`: the `busiest` nodes with the most throughput in the annual
 * maximum flow without stocks, ties by id.
 */
static ckp_code pick_busiest(char *keep, ckp_horizon *h, igraph_integer_t busiest,
                             ckp_error *err)
{
    igraph_integer_t n = h->n;
    busy_node *b = malloc((size_t)(n ? n : 1) * sizeof *b);
    if (!b)
        return NOMEM(err);
    ckp_horizon_restrict(h, NULL);
    if (ckp_horizon_solve_scaled(h, 0) < 0) {
        free(b);
        return ckp_error_set(err, CKP_EINTERNAL, "the maximum flow could not be computed");
    }
    for (igraph_integer_t i = 0; i < n; i++)
        b[i] = (busy_node){ckp_flow_node(h->flow, i), ckp_node_id(h->net, i), i};
    qsort(b, (size_t)n, sizeof *b, by_busy);
    memset(keep, 0, (size_t)n);
    for (igraph_integer_t i = 0; i < n && i < busiest; i++)
        keep[b[i].node] = 1;
    free(b);
    return CKP_OK;
}

static int by_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/*
 * Without stock anywhere, lost demand over T days is T/365 times the annual
 * loss, for every T: the T-day problem is the annual network with every
 * capacity and demand times T/365 (horizon.h), and a maximum flow scales
 * with them (a flow times k is feasible for capacities times k, a cut's
 * capacity is multiplied by k, so the maximum and the minimum cut both are),
 * with a set removed or not. Nor is it only the same in exact arithmetic:
 * with no stock node ckp_horizon_solve_scaled ignores sigma, so each distinct
 * TTR of the plain path below solves this very problem again and repairs the
 * rows with that TTR from the same baseline, and a row's repair does not
 * depend on the other rows of its batch. One baseline and one repair per row
 * give the same figures to the last bit (test_time compares the two paths).
 * `annual` gets each row's annual loss, for the TTS phase.
 */
static ckp_code losses_scaled(ckp_stress *s, const row_sets *rs, ckp_horizon *h, int threads,
                              double *annual, ckp_error *err)
{
    ckp_code rc;
    ckp_horizon_restrict(h, NULL);
    ckp_progress("stress: losses", 0, (long long)s->n);
    if (ckp_horizon_solve_scaled(h, 0) < 0)
        return ckp_error_set(err, CKP_EINTERNAL, "the maximum flow could not be computed");
    if ((rc = ckp_horizon_losses(h, (const igraph_integer_t *const *)rs->sets, rs->sizes, s->n,
                                 threads, annual, err)))
        return rc;
    for (igraph_integer_t i = 0; i < s->n; i++) {
        double T = s->rows[i].ttr_days;
        if (T > 0) /* as the plain path: a row without a positive TTR loses nothing */
            s->rows[i].lost = ckp_round_flow(T / 365.0 * annual[i]);
    }
    ckp_progress("stress: losses", (long long)s->n, (long long)s->n);
    return CKP_OK;
}

/*
 * Lost demand over each row's TTR: per distinct TTR one baseline (stocks
 * scaled for that horizon) and the repair-based losses of the rows with it.
 */
static ckp_code losses_by_ttr(ckp_stress *s, const row_sets *rs, ckp_horizon *h, int threads,
                              ckp_error *err)
{
    ckp_code rc = CKP_OK;
    double *ttrs = malloc((size_t)(s->n ? s->n : 1) * sizeof *ttrs);
    const igraph_integer_t **sets = malloc((size_t)(s->n ? s->n : 1) * sizeof *sets);
    igraph_integer_t *sizes = malloc((size_t)(s->n ? s->n : 1) * sizeof *sizes);
    igraph_integer_t *which = malloc((size_t)(s->n ? s->n : 1) * sizeof *which);
    double *loss = malloc((size_t)(s->n ? s->n : 1) * sizeof *loss);
    if (!ttrs || !sets || !sizes || !which || !loss) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t i = 0; i < s->n; i++)
        ttrs[i] = s->rows[i].ttr_days;
    qsort(ttrs, (size_t)s->n, sizeof *ttrs, by_double);
    ckp_horizon_restrict(h, NULL);
    long long done_rows = 0;
    ckp_progress("stress: losses", 0, (long long)s->n);
    for (igraph_integer_t k = 0; k < s->n; k++) {
        double T = ttrs[k];
        if ((k > 0 && T == ttrs[k - 1]) || !(T > 0))
            continue;
        igraph_integer_t m = 0;
        for (igraph_integer_t i = 0; i < s->n; i++)
            if (s->rows[i].ttr_days == T) {
                sets[m] = rs->sets[i];
                sizes[m] = rs->sizes[i];
                which[m++] = i;
            }
        if (ckp_horizon_solve_scaled(h, 365.0 / T) < 0) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "the maximum flow could not be computed");
            goto done;
        }
        if ((rc = ckp_horizon_losses(h, sets, sizes, m, threads, loss, err)))
            goto done;
        for (igraph_integer_t j = 0; j < m; j++)
            s->rows[which[j]].lost = ckp_round_flow(T / 365.0 * loss[j]);
        done_rows += m;
        ckp_progress("stress: losses", done_rows, (long long)s->n);
    }
done:
    free(ttrs);
    free(sets);
    free(sizes);
    free(which);
    free(loss);
    return rc;
}

/*
 * The group's TTS with each row lost. A row whose loss leaves the group's
 * no-stock rate whole is never short (the long run already serves it); the
 * others run Newton's method over cuts.
 */
static ckp_code tts_rows(ckp_stress *s, const row_sets *rs, ckp_horizon *h, const char *mask,
                         const double *annual, int threads, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    double *loss = malloc((size_t)(s->n ? s->n : 1) * sizeof *loss);
    if (!loss)
        return NOMEM(err);
    ckp_horizon_restrict(h, mask);
    double rate = ckp_horizon_solve_scaled(h, 0);
    if (rate < 0) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "the maximum flow could not be computed");
        goto done;
    }
    s->group_rate = ckp_round_flow(rate);
    /* from the network, not the horizon: the LP horizon keeps stocks in columns, not pools */
    int stocked = ckp_network_has_stock(h->net);
    /* the losses' own annual repairs when they are these: no stock and every end user */
    if (annual && !s->group)
        memcpy(loss, annual, (size_t)s->n * sizeof *loss);
    else if ((rc = ckp_horizon_losses(h, (const igraph_integer_t *const *)rs->sets, rs->sizes,
                                      s->n, threads, loss, err)))
        goto done;
    for (igraph_integer_t i = 0; i < s->n; i++) {
        ckp_stress_row *row = &s->rows[i];
        ckp_progress("stress: time to survive", (long long)i, (long long)s->n);
        row->tts_days = NAN;
        if (!(loss[i] > ckp_horizon_eps(h)))
            continue;
        if (!stocked) { /* no stock anywhere: short at once */
            row->tts_days = 0;
            continue;
        }
        ckp_horizon_remove_set(h, rs->sets[i], rs->sizes[i], 1);
        double t;
        rc = ckp_horizon_tts_without(&t, h, rate, rs->sets[i], rs->sizes[i], err);
        ckp_horizon_remove_set(h, rs->sets[i], rs->sizes[i], 0);
        if (rc)
            goto done;
        row->tts_days = ckp_time_tts_round(t);
    }
    ckp_progress("stress: time to survive", (long long)s->n, (long long)s->n);
done:
    free(loss);
    return rc;
}

static int by_lost(const void *pa, const void *pb)
{
    const ckp_stress_row *a = pa, *b = pb;
    if (a->lost != b->lost)
        return a->lost < b->lost ? 1 : -1;
    int c = strcmp(a->id, b->id);
    return c ? c : (int)a->kind - (int)b->kind;
}

ckp_code ckp_stress_run(ckp_stress *out, const ckp_network *net, const char *group,
                        int threads, ckp_error *err)
{
    return ckp_stress_run_busiest(out, net, group, threads, 0, err);
}

ckp_code ckp_stress_run_busiest(ckp_stress *out, const ckp_network *net, const char *group,
                                int threads, igraph_integer_t busiest, ckp_error *err)
{
    return ckp_stress_run_path(out, net, group, threads, busiest, 0, err);
}

ckp_code ckp_stress_run_path(ckp_stress *out, const ckp_network *net, const char *group,
                             int threads, igraph_integer_t busiest, int plain, ckp_error *err)
{
    ckp_code rc;
    ckp_horizon h;
    row_sets rs = {0};
    char *mask = NULL, *keep = NULL;
    double *annual = NULL;
    int have_h = 0;
    ckp_stress_init(out);
    mask = malloc((size_t)(ckp_network_node_count(net) + 1));
    keep = busiest > 0 ? malloc((size_t)(ckp_network_node_count(net) + 1)) : NULL;
    if (!mask || (busiest > 0 && !keep) || (group && !(out->group = strdup(group)))) {
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_time_group_mask(mask, &out->n_group_end_users, net, group, err)) ||
        (rc = ckp_horizon_init(&h, net, err)))
        goto done;
    have_h = 1;
    if ((keep && (rc = pick_busiest(keep, &h, busiest, err))) ||
        (rc = build_rows(out, &rs, &h, keep, err)))
        goto done;
    /* the LP horizon (materials) keeps the plain path: its warm starts follow its history */
    if (!plain && !h.bom && !ckp_network_has_stock(net)) {
        if (!(annual = malloc((size_t)(out->n ? out->n : 1) * sizeof *annual))) {
            rc = NOMEM(err);
            goto done;
        }
        rc = losses_scaled(out, &rs, &h, threads, annual, err);
    } else {
        rc = losses_by_ttr(out, &rs, &h, threads, err);
    }
    if (rc || (rc = tts_rows(out, &rs, &h, mask, annual, threads, err)))
        goto done;
    double most = 0;
    for (igraph_integer_t i = 0; i < out->n; i++)
        if (out->rows[i].lost > most)
            most = out->rows[i].lost;
    for (igraph_integer_t i = 0; i < out->n; i++) {
        ckp_stress_row *row = &out->rows[i];
        row->rei = most > 0 ? row->lost / most : 0;
        row->exposed = !isnan(row->tts_days) && row->tts_days < row->ttr_days;
    }
    qsort(out->rows, (size_t)out->n, sizeof *out->rows, by_lost);
done:
    if (have_h)
        ckp_horizon_destroy(&h);
    row_sets_destroy(&rs);
    free(mask);
    free(keep);
    free(annual);
    if (rc)
        ckp_stress_destroy(out);
    return rc;
}
