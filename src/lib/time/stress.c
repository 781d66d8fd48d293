/*
 * chokepoint stress: every node and country lost alone for its time to
 * recover, ranked by the demand lost (see chokepoint/stress.h).
 */
#include "chokepoint/stress.h"

#include <pthread.h>
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

/* The rows whose TTS is searched, shared by the workers of tts_search. */
typedef struct {
    pthread_mutex_t lock;
    igraph_integer_t n_todo, next;
    const igraph_integer_t *todo; /* row indices */
    ckp_stress *s;
    const row_sets *rs;
    const ckp_network *net;
    const char *mask;
    double rate;
} tts_queue;

typedef struct {
    tts_queue *q;
    ckp_horizon *h;  /* the caller's, or NULL: the worker builds its own */
    ckp_error err;
    ckp_code rc;
} tts_worker;

static igraph_integer_t tts_take(tts_queue *q)
{
    pthread_mutex_lock(&q->lock);
    igraph_integer_t k = q->next < q->n_todo ? q->next++ : -1;
    if (k >= 0)
        ckp_progress("stress: time to survive", (long long)k, (long long)q->n_todo);
    pthread_mutex_unlock(&q->lock);
    return k < 0 ? -1 : q->todo[k];
}

/*
 * A horizon of the worker's own with the same baseline as the caller's: the
 * same network restricted to the same end users, solved from scratch at
 * sigma 0 (deterministic, so the very flow), kept for the repairs.
 */
static ckp_code own_horizon(ckp_horizon *h, tts_queue *q, ckp_error *err)
{
    ckp_code rc = ckp_horizon_init(h, q->net, err);
    if (rc)
        return rc;
    ckp_horizon_restrict(h, q->mask);
    if (ckp_horizon_solve_scaled(h, 0) < 0)
        rc = ckp_error_set(err, CKP_EINTERNAL, "the maximum flow could not be computed");
    else
        rc = ckp_flow_keep_baseline(h->flow, err);
    if (rc)
        ckp_horizon_destroy(h);
    return rc;
}

/*
 * Each search starts from the baseline (ckp_horizon_tts_without copies it
 * in), so a row's TTS does not depend on which worker runs it, nor after
 * which rows: the figures are the same on any number of threads.
 */
static void *tts_work(void *arg)
{
    tts_worker *w = arg;
    tts_queue *q = w->q;
    ckp_horizon own;
    ckp_horizon *h = w->h;
    if (!h && !(w->rc = own_horizon(&own, q, &w->err)))
        h = &own;
    for (igraph_integer_t i; !w->rc && (i = tts_take(q)) >= 0;) {
        const igraph_integer_t *set = q->rs->sets[i];
        igraph_integer_t size = q->rs->sizes[i];
        double t;
        ckp_horizon_remove_set(h, set, size, 1);
        w->rc = ckp_horizon_tts_without(&t, h, q->rate, set, size, &w->err);
        ckp_horizon_remove_set(h, set, size, 0);
        if (!w->rc)
            q->s->rows[i].tts_days = ckp_time_tts_round(t);
    }
    if (h && h != w->h)
        ckp_horizon_destroy(&own);
    return NULL;
}

/*
 * The Newton searches of the rows in `todo` on up to `threads` threads, each
 * with at least 8 rows (a worker beyond the first builds its own horizon and
 * baseline first, about one row's search); the LP horizon runs on one.
 */
static ckp_code tts_search(tts_queue *q, ckp_horizon *h, int threads, ckp_error *err)
{
    tts_worker w[16];
    pthread_t tids[16];
    int started[16] = {0}, n = threads < 16 ? threads : 16;
    if (n > q->n_todo / 8)
        n = (int)(q->n_todo / 8);
    if (n < 1 || h->bom)
        n = 1;
    pthread_mutex_init(&q->lock, NULL);
    for (int k = 0; k < n; k++) {
        w[k] = (tts_worker){q, k ? NULL : h, {0}, CKP_OK};
        ckp_error_init(&w[k].err);
        if (k > 0)
            started[k] = pthread_create(&tids[k], NULL, tts_work, &w[k]) == 0;
    }
    tts_work(&w[0]); /* also takes the share of any thread that did not start */
    ckp_code rc = CKP_OK;
    for (int k = 0; k < n; k++) {
        if (k > 0 && started[k])
            pthread_join(tids[k], NULL);
        if (w[k].rc && !rc) {
            rc = w[k].rc;
            *err = w[k].err;
        }
    }
    pthread_mutex_destroy(&q->lock);
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
    igraph_integer_t *todo = malloc((size_t)(s->n ? s->n : 1) * sizeof *todo), n_todo = 0;
    if (!loss || !todo) {
        rc = NOMEM(err);
        goto done;
    }
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
        row->tts_days = NAN;
        if (!(loss[i] > ckp_horizon_eps(h)))
            continue;
        if (!stocked) /* no stock anywhere: short at once */
            row->tts_days = 0;
        else
            todo[n_todo++] = i;
    }
    ckp_progress("stress: time to survive", 0, (long long)s->n);
    tts_queue q = {.net = h->net, .s = s, .rs = rs, .todo = todo, .n_todo = n_todo,
                   .rate = rate, .mask = mask};
    if (n_todo && (rc = tts_search(&q, h, threads, err)))
        goto done;
    ckp_progress("stress: time to survive", (long long)s->n, (long long)s->n);
done:
    free(loss);
    free(todo);
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
