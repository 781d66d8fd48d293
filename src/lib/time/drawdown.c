/* The immediate view over time: see drawdown.h. */
#include "drawdown.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/materials.h"
#include "csr.h"
#include "network_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

/* A share that falls by less than this stops propagating (as in the immediate view). */
#define TOLERANCE 1e-12

typedef struct {
    const ckp_network *net;
    ckp_csr csr;
    igraph_integer_t n, last;
    double *in_rec, *out_rec;  /* recorded volumes in and out, per node */
    double *vol;               /* per edge: recorded volume, 0 where absent or gone */
    char *gone;                /* per node: lost (passes nothing, its stock included) */
    double *cap;               /* per node: capacity */
    double *stock;             /* per node: stock left */
    double *floor;             /* per node: the share it holds while it has stock */
    double *f;                 /* per node: the share of its recorded outflows it keeps */
    igraph_integer_t *queue;
    char *queued;
    igraph_integer_t head, len;
} sim;

static double vol_of(const ckp_network *net, igraph_integer_t e)
{
    double v = net->edge_volume[e];
    return v > 0 ? v : 0;
}

/* What the node's inputs and capacity allow, as a share of its recorded outflows. */
static double produced(const sim *s, igraph_integer_t v)
{
    if (s->gone[v])
        return 0;
    int first = s->net->node_tier[v] == 0;
    double through = first ? s->out_rec[v] : s->in_rec[v], p = 1;
    if (through > 0 && s->cap[v] < through)
        p = s->cap[v] / through;
    if (!first && s->in_rec[v] > 0) {
        double in = 0;
        for (igraph_integer_t k = s->csr.in_off[v]; k < s->csr.in_off[v + 1]; k++) {
            igraph_integer_t e = s->csr.in_edge[k];
            in += s->f[s->net->edge_from[e]] * s->vol[e];
        }
        if (in / s->in_rec[v] < p)
            p = in / s->in_rec[v];
    }
    return p;
}

/* A stock covers its node's recorded outflow; an end user's is of what it consumes. */
static int holds(const sim *s, igraph_integer_t v)
{
    return s->stock[v] > 0 && !s->gone[v] && s->out_rec[v] > 0 && s->net->node_tier[v] != s->last;
}

static void push(sim *s, igraph_integer_t v)
{
    if (s->queued[v])
        return;
    s->queued[v] = 1;
    s->queue[(s->head + s->len++) % s->n] = v;
}

/*
 * Shares down to the greatest fixed point below the current ones, from the
 * queued nodes (the map is monotone and only falls as stocks run out).
 */
static void settle(sim *s)
{
    while (s->len > 0) {
        igraph_integer_t v = s->queue[s->head];
        s->head = (s->head + 1) % s->n;
        s->len--;
        s->queued[v] = 0;
        double f = produced(s, v);
        if (holds(s, v) && f < s->floor[v])
            f = s->floor[v];
        double drop = s->f[v] - f;
        if (drop <= 0)
            continue;
        s->f[v] = f;
        if (drop <= TOLERANCE)
            continue;
        for (igraph_integer_t k = s->csr.out_off[v]; k < s->csr.out_off[v + 1]; k++)
            push(s, s->net->edge_to[s->csr.out_edge[k]]);
    }
}

/* Every node queued, by tier (upstream first), every share at 1. */
static void restart(sim *s)
{
    for (int32_t t = 0; t <= s->last; t++)
        for (igraph_integer_t v = 0; v < s->n; v++)
            if (s->net->node_tier[v] == t)
                push(s, v);
    for (igraph_integer_t v = 0; v < s->n; v++)
        s->f[v] = 1;
}

/* What end user u receives at the current shares, before its own stock. */
static double arriving(const sim *s, igraph_integer_t u)
{
    if (s->gone[u])
        return 0;
    double in = 0, d = ckp_node_demand(s->net, u);
    for (igraph_integer_t k = s->csr.in_off[u]; k < s->csr.in_off[u + 1]; k++) {
        igraph_integer_t e = s->csr.in_edge[k];
        in += s->f[s->net->edge_from[e]] * s->vol[e];
    }
    if (s->cap[u] < d)
        d = s->cap[u];
    return in < d ? in : d;
}

static void sim_destroy(sim *s)
{
    ckp_csr_destroy(&s->csr);
    free(s->in_rec);
    free(s->out_rec);
    free(s->vol);
    free(s->gone);
    free(s->cap);
    free(s->stock);
    free(s->floor);
    free(s->f);
    free(s->queue);
    free(s->queued);
}

/* The baseline's shares with no shock and no stock: each node's floor, each end user's rate. */
static ckp_code sim_init(sim *s, ckp_drawdown *d, const ckp_network *net, ckp_error *err)
{
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    size_t nn = (size_t)(n ? n : 1), nm = (size_t)(m ? m : 1);
    s->net = net;
    s->n = n;
    s->last = net->tiers.count - 1;
    ckp_code rc = ckp_csr_build(&s->csr, net, err);
    if (rc)
        return rc;
    s->in_rec = calloc(nn, sizeof *s->in_rec);
    s->out_rec = calloc(nn, sizeof *s->out_rec);
    s->vol = malloc(nm * sizeof *s->vol);
    s->gone = calloc(nn, 1);
    s->cap = malloc(nn * sizeof *s->cap);
    s->stock = calloc(nn, sizeof *s->stock);
    s->floor = calloc(nn, sizeof *s->floor);
    s->f = malloc(nn * sizeof *s->f);
    s->queue = malloc(nn * sizeof *s->queue);
    s->queued = calloc(nn, 1);
    if (!s->in_rec || !s->out_rec || !s->vol || !s->gone || !s->cap || !s->stock ||
        !s->floor || !s->f || !s->queue || !s->queued)
        return NOMEM(err);
    for (igraph_integer_t e = 0; e < m; e++) {
        s->vol[e] = vol_of(net, e);
        d->has_volumes |= s->vol[e] > 0;
        s->out_rec[net->edge_from[e]] += s->vol[e];
        s->in_rec[net->edge_to[e]] += s->vol[e];
    }
    for (igraph_integer_t v = 0; v < n; v++)
        s->cap[v] = net->node_capacity[v];
    restart(s);
    settle(s);
    memcpy(s->floor, s->f, nn * sizeof *s->f);
    for (igraph_integer_t i = 0; i < d->n_users; i++)
        d->rate[d->users[i]] = arriving(s, d->users[i]);
    return CKP_OK;
}

/* The shock read back on the baseline's indices: lost nodes and edges, capacities, stocks. */
static void sim_shock(sim *s, ckp_drawdown *d, const ckp_network *sh)
{
    const ckp_network *net = s->net;
    igraph_integer_t *map = (igraph_integer_t *)s->queue; /* free until the restart */
    for (igraph_integer_t v = 0; v < s->n; v++) {
        igraph_integer_t w = ckp_network_find(sh, ckp_node_id(net, v));
        map[v] = w;
        s->gone[v] = w < 0;
        s->cap[v] = w < 0 ? 0 : ckp_node_capacity(sh, w);
        double st = w < 0 ? 0 : ckp_node_stock(sh, w);
        s->stock[v] = st > 0 ? st : 0;
    }
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        igraph_integer_t a = map[net->edge_from[e]], b = map[net->edge_to[e]];
        if (a < 0 || b < 0 || ckp_network_find_edge(sh, a, b) < 0)
            s->vol[e] = 0;
    }
    d->idle = -1;
    for (igraph_integer_t v = 0; v < s->n; v++)
        if (s->stock[v] > 0 && !s->gone[v] && !(s->out_rec[v] > 0) &&
            net->node_tier[v] != s->last && d->n_idle++ == 0)
            d->idle = v;
    s->head = s->len = 0;
    restart(s);
    settle(s);
}

static int record_step(ckp_drawdown *d, double day, const double *served)
{
    double *dd = realloc(d->day, (size_t)(d->n_steps + 1) * sizeof *dd);
    if (!dd)
        return -1;
    d->day = dd;
    dd[d->n_steps] = day;
    size_t k = (size_t)d->n_users;
    if (d->served && (size_t)(d->n_steps + 1) * k <= CKP_DRAWDOWN_KEEP) {
        double *sv = realloc(d->served, (size_t)(d->n_steps + 1) * k * sizeof *sv);
        if (!sv)
            return -1;
        d->served = sv;
        memcpy(sv + (size_t)d->n_steps * k, served, k * sizeof *sv);
    } else {
        free(d->served);
        d->served = NULL;
    }
    d->n_steps++;
    return 0;
}

static int is_short(double got, double rate)
{
    return got < rate - 1e-9 * (rate > 1 ? rate : 1);
}

/*
 * The events: between two, every rate is constant. Each step draws the stocks
 * that fill a gap until the first runs out; end users' losses accrue up to
 * `days`, their first shortfall is their TTS. Ends when nothing draws.
 */
static ckp_code simulate(sim *s, ckp_drawdown *d, double days, ckp_error *err)
{
    size_t nn = (size_t)(s->n ? s->n : 1);
    double *draw = calloc(nn, sizeof *draw);
    double *served = calloc((size_t)d->n_users + 1, sizeof *served);
    ckp_code rc = CKP_OK;
    if (!draw || !served || !(d->served = malloc(sizeof *d->served))) {
        rc = NOMEM(err);
        goto done;
    }
    for (double t = 0;;) {
        double dt = INFINITY; /* days to the next stock running out */
        for (igraph_integer_t v = 0; v < s->n; v++) {
            draw[v] = holds(s, v) ? (s->f[v] - produced(s, v)) * s->out_rec[v] : 0;
            if (draw[v] > 0 && s->stock[v] / draw[v] * 365 < dt)
                dt = s->stock[v] / draw[v] * 365;
        }
        for (igraph_integer_t i = 0; i < d->n_users; i++) {
            igraph_integer_t u = d->users[i];
            double got = arriving(s, u), rate = d->rate[u];
            draw[u] = s->stock[u] > 0 && !s->gone[u] && got < rate ? rate - got : 0;
            if (draw[u] > 0) {
                got = rate;
                if (s->stock[u] / draw[u] * 365 < dt)
                    dt = s->stock[u] / draw[u] * 365;
            }
            served[i] = got;
            if (is_short(got, rate)) {
                if (isnan(d->tts[u]))
                    d->tts[u] = t;
                double to = t + dt < days ? t + dt : days;
                if (to > t)
                    d->lost[u] += (rate - got) * (to - t) / 365;
            }
        }
        if (record_step(d, t, served) < 0) {
            rc = NOMEM(err);
            goto done;
        }
        if (isinf(dt))
            break;
        /* the stocks that run out now stop; the rest draw on */
        for (igraph_integer_t v = 0; v < s->n; v++) {
            if (!(draw[v] > 0))
                continue;
            s->stock[v] -= draw[v] * dt / 365;
            if (s->stock[v] <= 1e-12 * draw[v] * (1 + dt) / 365) {
                s->stock[v] = 0;
                push(s, v);
            }
        }
        settle(s);
        t += dt;
    }
done:
    free(draw);
    free(served);
    return rc;
}

void ckp_drawdown_destroy(ckp_drawdown *d)
{
    free(d->rate);
    free(d->lost);
    free(d->tts);
    free(d->users);
    free(d->day);
    free(d->served);
    memset(d, 0, sizeof *d);
}

ckp_code ckp_drawdown_run(ckp_drawdown *d, const ckp_network *net, const ckp_network *shocked,
                          double days, ckp_error *err)
{
    sim s = {0};
    igraph_integer_t n = net->n_nodes;
    size_t nn = (size_t)(n ? n : 1);
    ckp_code rc = CKP_OK;
    memset(d, 0, sizeof *d);
    d->n = n;
    d->rate = calloc(nn, sizeof *d->rate);
    d->lost = calloc(nn, sizeof *d->lost);
    d->tts = malloc(nn * sizeof *d->tts);
    d->users = malloc(nn * sizeof *d->users);
    if (!d->rate || !d->lost || !d->tts || !d->users) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        d->tts[v] = NAN;
        if (net->node_tier[v] == net->tiers.count - 1)
            d->users[d->n_users++] = v;
    }
    /* the propagation passes one material: with recipes it would pretend NdPr stands in for Dy/Tb */
    if ((d->with_materials = ckp_network_has_bom(net)))
        goto done;
    if ((rc = sim_init(&s, d, net, err)) || !d->has_volumes)
        goto done;
    sim_shock(&s, d, shocked);
    rc = simulate(&s, d, days, err);
done:
    sim_destroy(&s);
    if (rc)
        ckp_drawdown_destroy(d);
    return rc;
}
