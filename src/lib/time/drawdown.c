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

/* One material: a share per node. */
typedef struct {
    ckp_drawdown_model base;   /* first: the event loop's view */
    const ckp_network *net;
    ckp_csr csr;
    igraph_integer_t n, last;
    double *in_rec, *out_rec;  /* recorded volumes in and out, per node */
    double *out_live;          /* per node: its recorded outflow on the edges the shock kept */
    double *vol;               /* per edge: recorded volume, 0 where absent or gone */
    char *gone;                /* per node: lost (passes nothing, its stock included) */
    double *cap;               /* per node: capacity */
    double *stock;             /* per node: stock left */
    double *floor;             /* per node: the share it holds while it has stock */
    double *f;                 /* per node: the share of its recorded outflows it keeps */
    ckp_node_queue q;
} sim;

static double vol_of(const ckp_network *net, igraph_integer_t e)
{
    double v = net->edge_volume[e];
    return v > 0 ? v : 0;
}

int ckp_node_queue_init(ckp_node_queue *q, igraph_integer_t n)
{
    memset(q, 0, sizeof *q);
    q->n = n;
    q->item = malloc((size_t)(n ? n : 1) * sizeof *q->item);
    q->queued = calloc((size_t)(n ? n : 1), 1);
    return q->item && q->queued ? 0 : -1;
}

void ckp_node_queue_destroy(ckp_node_queue *q)
{
    free(q->item);
    free(q->queued);
    memset(q, 0, sizeof *q);
}

void ckp_node_queue_push(ckp_node_queue *q, igraph_integer_t v)
{
    if (q->queued[v])
        return;
    q->queued[v] = 1;
    q->item[(q->head + q->len++) % q->n] = v;
}

igraph_integer_t ckp_node_queue_pop(ckp_node_queue *q)
{
    if (q->len == 0)
        return -1;
    igraph_integer_t v = q->item[q->head];
    q->head = (q->head + 1) % q->n;
    q->len--;
    q->queued[v] = 0;
    return v;
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
static int holds(const ckp_drawdown_model *m, igraph_integer_t v)
{
    const sim *s = (const sim *)m;
    return s->stock[v] > 0 && !s->gone[v] && s->out_rec[v] > 0 && s->net->node_tier[v] != s->last;
}

/*
 * Shares down to the greatest fixed point below the current ones, from the
 * queued nodes (the map is monotone and only falls as stocks run out).
 */
static void settle(sim *s)
{
    for (igraph_integer_t v; (v = ckp_node_queue_pop(&s->q)) >= 0;) {
        double f = produced(s, v);
        if (holds(&s->base, v) && f < s->floor[v])
            f = s->floor[v];
        double drop = s->f[v] - f;
        if (drop <= 0)
            continue;
        s->f[v] = f;
        if (drop <= TOLERANCE)
            continue;
        for (igraph_integer_t k = s->csr.out_off[v]; k < s->csr.out_off[v + 1]; k++)
            ckp_node_queue_push(&s->q, s->net->edge_to[s->csr.out_edge[k]]);
    }
}

/* Every node queued, by tier (upstream first), every share at 1. */
static void restart(sim *s)
{
    for (int32_t t = 0; t <= s->last; t++)
        for (igraph_integer_t v = 0; v < s->n; v++)
            if (s->net->node_tier[v] == t)
                ckp_node_queue_push(&s->q, v);
    for (igraph_integer_t v = 0; v < s->n; v++)
        s->f[v] = 1;
}

/* What end user u receives at the current shares, before its own stock. */
static double arriving(ckp_drawdown_model *m, igraph_integer_t u)
{
    const sim *s = (const sim *)m;
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

static void sim_free(ckp_drawdown_model *m)
{
    sim *s = (sim *)m;
    if (!s)
        return;
    ckp_csr_destroy(&s->csr);
    free(s->in_rec);
    free(s->out_rec);
    free(s->out_live);
    free(s->vol);
    free(s->gone);
    free(s->cap);
    free(s->stock);
    free(s->floor);
    free(s->f);
    ckp_node_queue_destroy(&s->q);
    free(s);
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
    s->out_live = calloc(nn, sizeof *s->out_live);
    s->vol = malloc(nm * sizeof *s->vol);
    s->gone = calloc(nn, 1);
    s->cap = malloc(nn * sizeof *s->cap);
    s->stock = calloc(nn, sizeof *s->stock);
    s->floor = calloc(nn, sizeof *s->floor);
    s->f = malloc(nn * sizeof *s->f);
    int queue = ckp_node_queue_init(&s->q, net->n_nodes);
    if (!s->in_rec || !s->out_rec || !s->out_live || !s->vol || !s->gone || !s->cap || !s->stock ||
        !s->floor || !s->f || queue < 0)
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
        d->rate[d->users[i]] = arriving(&s->base, d->users[i]);
    return CKP_OK;
}

/* The shock read back on the baseline's indices: lost nodes and edges, capacities, stocks. */
static void sim_shock(sim *s, const ckp_network *sh)
{
    const ckp_network *net = s->net;
    igraph_integer_t *map = s->q.item; /* free until the restart */
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
        s->out_live[net->edge_from[e]] += s->vol[e];
    }
    restart(s);
    settle(s);
}

static double draw(ckp_drawdown_model *m, igraph_integer_t v)
{
    sim *s = (sim *)m;
    /* what its edges still carry: no stock goes to a customer the shock cut off */
    return holds(m, v) ? (s->f[v] - produced(s, v)) * s->out_live[v] : 0;
}

static void ran_out(ckp_drawdown_model *m, igraph_integer_t v)
{
    ckp_node_queue_push(&((sim *)m)->q, v);
}

static void settle_model(ckp_drawdown_model *m)
{
    settle((sim *)m);
}

/* The one-material model: the baseline's rates, then the shock settled. */
static ckp_code sim_model(ckp_drawdown_model **out, ckp_drawdown *d, const ckp_network *net,
                          const ckp_network *shocked, ckp_error *err)
{
    sim *s = calloc(1, sizeof *s);
    ckp_code rc;
    *out = NULL;
    if (!s)
        return NOMEM(err);
    s->base = (ckp_drawdown_model){NULL, NULL, holds, draw, arriving, ran_out, settle_model,
                                   sim_free};
    if ((rc = sim_init(s, d, net, err))) {
        sim_free(&s->base);
        return rc;
    }
    s->base.stock = s->stock;
    s->base.gone = s->gone;
    if (d->has_volumes)
        sim_shock(s, shocked);
    *out = &s->base;
    return CKP_OK;
}

/* One more step of the figures: its day, the end users' served rates, the stocks left. */
static int record_step(ckp_drawdown *d, double day, const double *served, const double *stock)
{
    double *dd = realloc(d->day, (size_t)(d->n_steps + 1) * sizeof *dd);
    if (!dd)
        return -1;
    d->day = dd;
    dd[d->n_steps] = day;
    double **keep[2] = {&d->served, &d->stock};
    size_t k[2] = {(size_t)d->n_users, (size_t)d->n_held};
    for (int j = 0; j < 2; j++) {
        size_t want = (size_t)(d->n_steps + 1) * k[j];
        if (*keep[j] && want <= CKP_DRAWDOWN_KEEP) {
            double *sv = realloc(*keep[j], (want ? want : 1) * sizeof *sv);
            if (!sv)
                return -1;
            *keep[j] = sv;
            for (size_t i = 0; i < k[j]; i++)
                sv[(size_t)d->n_steps * k[j] + i] =
                    j ? stock[d->held[i]] : served[i];
        } else {
            free(*keep[j]);
            *keep[j] = NULL;
        }
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
static ckp_code simulate(ckp_drawdown_model *m, ckp_drawdown *d, double days, ckp_error *err)
{
    size_t nn = (size_t)(d->n ? d->n : 1);
    double *draw = calloc(nn, sizeof *draw);
    double *served = calloc((size_t)d->n_users + 1, sizeof *served);
    ckp_code rc = CKP_OK;
    if (!draw || !served || !(d->served = malloc(sizeof *d->served)) ||
        !(d->stock = malloc(sizeof *d->stock))) {
        rc = NOMEM(err);
        goto done;
    }
    for (double t = 0;;) {
        double dt = INFINITY; /* days to the next stock running out */
        for (igraph_integer_t v = 0; v < d->n; v++) {
            draw[v] = m->draw(m, v);
            if (draw[v] > 0 && m->stock[v] / draw[v] * 365 < dt)
                dt = m->stock[v] / draw[v] * 365;
        }
        for (igraph_integer_t i = 0; i < d->n_users; i++) {
            igraph_integer_t u = d->users[i];
            double got = m->arriving(m, u), rate = d->rate[u];
            draw[u] = m->stock[u] > 0 && !m->gone[u] && got < rate ? rate - got : 0;
            if (draw[u] > 0) {
                got = rate;
                if (m->stock[u] / draw[u] * 365 < dt)
                    dt = m->stock[u] / draw[u] * 365;
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
        if (record_step(d, t, served, m->stock) < 0) {
            rc = NOMEM(err);
            goto done;
        }
        if (isinf(dt))
            break;
        /* the stocks that run out now stop; the rest draw on */
        for (igraph_integer_t v = 0; v < d->n; v++) {
            if (!(draw[v] > 0))
                continue;
            m->stock[v] -= draw[v] * dt / 365;
            if (m->stock[v] <= 1e-12 * draw[v] * (1 + dt) / 365) {
                m->stock[v] = 0;
                m->ran_out(m, v);
            }
        }
        m->settle(m);
        t += dt;
    }
done:
    free(draw);
    free(served);
    return rc;
}

/* The stocks the immediate view can draw, and those it cannot (no recorded outflow). */
static ckp_code find_held(ckp_drawdown *d, const ckp_drawdown_model *m, const ckp_network *net,
                          ckp_error *err)
{
    igraph_integer_t last = net->tiers.count - 1;
    if (!(d->held = malloc((size_t)(d->n ? d->n : 1) * sizeof *d->held)))
        return NOMEM(err);
    d->idle = -1;
    for (igraph_integer_t v = 0; v < d->n; v++) {
        if (!(m->stock[v] > 0) || m->gone[v])
            continue;
        if (net->node_tier[v] == last || m->holds(m, v))
            d->held[d->n_held++] = v;
        else if (d->n_idle++ == 0)
            d->idle = v;
    }
    return CKP_OK;
}

void ckp_drawdown_destroy(ckp_drawdown *d)
{
    free(d->rate);
    free(d->lost);
    free(d->tts);
    free(d->users);
    free(d->day);
    free(d->served);
    free(d->held);
    free(d->stock);
    memset(d, 0, sizeof *d);
}

ckp_code ckp_drawdown_run(ckp_drawdown *d, const ckp_network *net, const ckp_network *shocked,
                          double days, ckp_error *err)
{
    ckp_drawdown_model *m = NULL;
    igraph_integer_t n = net->n_nodes;
    size_t nn = (size_t)(n ? n : 1);
    ckp_code rc = CKP_OK;
    memset(d, 0, sizeof *d);
    d->n = n;
    d->idle = -1;
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
    /* with recipes the shares are per material: a node keeps its scarcest input's */
    rc = (ckp_network_has_bom(net) ? ckp_drawdown_bom_model : sim_model)(&m, d, net, shocked,
                                                                         err);
    if (rc || !d->has_volumes)
        goto done;
    if (!(rc = find_held(d, m, net, err)))
        rc = simulate(m, d, days, err);
done:
    if (m)
        m->free(m);
    if (rc)
        ckp_drawdown_destroy(d);
    return rc;
}
