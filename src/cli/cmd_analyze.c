/* chokepoint analyze: served demand, single points of failure, flow at risk, concentration. */
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/analysis.h"
#include "chokepoint/flow.h"
#include "chokepoint/io.h"
#include "cli.h"

const char ckp_analyze_usage[] =
    "usage: chokepoint analyze [OPTIONS] NETWORK.json\n"
    "       chokepoint analyze [OPTIONS] NODES.csv EDGES.csv\n"
    "\n"
    "Computes served demand (maximum flow), single points of failure (dominators),\n"
    "each node's and each country's flow at risk, end-user redundancy, betweenness,\n"
    "concentration per tier (HHI) and the origin of each end user's supply by tier\n"
    "and country. Definitions: docs/analysis.md.\n"
    "\n"
    "options:\n"
    "  --format text|json   output format (default text)\n"
    "  -o, --output FILE    write the output to FILE (whole or not at all)\n"
    "  --top K              rows in each ranked text table (default 10; 0: all)\n"
    "  --exact-limit N      flow at risk and betweenness exact up to N nodes (5000)\n"
    "  --risk-top N         above that, flow at risk of the N busiest nodes and of\n"
    "                       the N single points of failure with most demand (100)\n"
    "  --samples K          above that, betweenness sampled from K sources (100)\n"
    "  --seed S             seed for the sample (1)\n"
    "  --threads N          threads for flow at risk (default: processors, up to 16);\n"
    "                       results do not depend on it\n"
    CKP_CLI_NETOPTS_HELP;

static double pct(double part, double whole)
{
    return whole > 0 ? 100 * part / whole : 0;
}

static igraph_integer_t rows(igraph_integer_t n, igraph_integer_t top)
{
    return top > 0 && top < n ? top : n;
}

/* Text lists every end user up to this many; beyond, the --top largest by demand. */
#define TEXT_ALL_END_USERS 50

typedef struct {
    double demand;
    const char *id;
    igraph_integer_t node;
} by_demand_item;

static int by_demand(const void *pa, const void *pb)
{
    const by_demand_item *a = pa, *b = pb;
    if (a->demand != b->demand)
        return a->demand > b->demand ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Mark the end users the text shows (show[node]); returns how many. */
static igraph_integer_t pick_end_users(const ckp_network *net, const ckp_analysis *a,
                                       igraph_integer_t top, char *show)
{
    igraph_integer_t n = a->n_end_users;
    if (n <= TEXT_ALL_END_USERS || top == 0) {
        for (igraph_integer_t k = 0; k < n; k++)
            show[a->end_users[k].node] = 1;
        return n;
    }
    by_demand_item *items = malloc((size_t)n * sizeof *items);
    if (!items)
        return 0;
    for (igraph_integer_t k = 0; k < n; k++)
        items[k] = (by_demand_item){a->end_users[k].demand, ckp_node_id(net, a->end_users[k].node),
                                    a->end_users[k].node};
    qsort(items, (size_t)n, sizeof *items, by_demand);
    igraph_integer_t m = rows(n, top);
    for (igraph_integer_t k = 0; k < m; k++)
        show[items[k].node] = 1;
    free(items);
    return m;
}

static void text_origin(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                        const char *show)
{
    const ckp_dependency *d = &a->dependency;
    ckp_buf_puts(b, "\norigin of each end user's inflow, by tier and country\n");
    for (igraph_integer_t k = 0; k < d->n_end_users; k++) {
        if (!show[d->end_users[k]])
            continue;
        ckp_buf_printf(b, "  %s\n", ckp_node_id(net, d->end_users[k]));
        for (igraph_integer_t t = 0; t < d->n_tiers; t++) {
            ckp_buf_printf(b, "    %-14s", ckp_network_tier_name(net, t));
            ckp_cli_origin_shares(b, net, d, k, t);
            ckp_buf_puts(b, "\n");
        }
    }
}

static void text_report(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                        const char *file, igraph_integer_t top, const ckp_analysis_options *o)
{
    char x[64], y[64], z[64];
    const char *unit = ckp_network_unit(net);
    ckp_buf_printf(b, "network    %s\n", ckp_network_name(net));
    ckp_buf_printf(b, "file       %s\n", file);
    ckp_buf_printf(b, "nodes      %lld, edges %lld\n", (long long)ckp_network_node_count(net),
                   (long long)ckp_network_edge_count(net));
    ckp_buf_printf(b, "supply     served %s of demand %s%s%s (%.1f%%), shortfall %s\n",
                   ckp_fmt_amount(x, sizeof x, a->served), ckp_fmt_amount(y, sizeof y, a->demand),
                   unit[0] ? " " : "", unit, pct(a->served, a->demand),
                   ckp_fmt_amount(z, sizeof z, ckp_round_flow(a->demand - a->served)));
    if (a->n_unreachable)
        ckp_buf_printf(b, "unreached  %lld end users that no source reaches\n",
                       (long long)a->n_unreachable);

    ckp_buf_printf(b, "\nsingle points of failure: %lld\n", (long long)a->n_spofs);
    if (a->n_spofs)
        ckp_buf_printf(b, "  %-24s %-12s %-7s %12s  %s\n", "node", "tier", "country",
                       "dominated", "end users cut off");
    for (igraph_integer_t i = 0; i < rows(a->n_spofs, top); i++) {
        const ckp_spof *s = &a->spofs[i];
        ckp_buf_printf(b, "  %-24s %-12s %-7s %12s  ", ckp_node_id(net, s->node),
                       ckp_network_tier_name(net, ckp_node_tier(net, s->node)),
                       ckp_node_country(net, s->node),
                       ckp_fmt_amount(x, sizeof x, s->dominated_demand));
        for (igraph_integer_t k = 0; k < s->n_end_users && k < 4; k++)
            ckp_buf_printf(b, "%s%s", k ? ", " : "", ckp_node_id(net, s->end_users[k]));
        if (s->n_end_users > 4)
            ckp_buf_printf(b, " and %lld more", (long long)(s->n_end_users - 4));
        ckp_buf_puts(b, "\n");
    }
    if (rows(a->n_spofs, top) < a->n_spofs)
        ckp_buf_printf(b, "  ... %lld more (--top 0 lists all)\n",
                       (long long)(a->n_spofs - rows(a->n_spofs, top)));

    /* nodes by flow at risk */
    igraph_integer_t n = ckp_network_node_count(net), m = 0;
    igraph_integer_t *idx = ckp_cli_nodes_by_risk(net, a->flow_at_risk, &m);
    ckp_buf_printf(b, "\nflow at risk by node (%s)\n",
                   a->risk_exact_all ? "exact for every node"
                                     : "exact for the busiest nodes, the single points of "
                                       "failure with most demand and the nodes without flow; "
                                       "others not computed");
    if (!a->risk_exact_all)
        ckp_buf_printf(b, "  computed for %lld of %lld nodes (--exact-limit %lld, --risk-top %lld)\n",
                       (long long)a->risk_computed, (long long)n, (long long)o->exact_limit,
                       (long long)o->risk_top);
    ckp_buf_printf(b, "  %-24s %-12s %-7s %12s %8s %12s\n", "node", "tier", "country", "at risk",
                   "served", "throughput");
    for (igraph_integer_t i = 0; idx && i < rows(m, top); i++) {
        igraph_integer_t v = idx[i];
        ckp_buf_printf(b, "  %-24s %-12s %-7s %12s %7.1f%% %12s\n", ckp_node_id(net, v),
                       ckp_network_tier_name(net, ckp_node_tier(net, v)),
                       ckp_node_country(net, v), ckp_fmt_amount(x, sizeof x, a->flow_at_risk[v]),
                       pct(a->flow_at_risk[v], a->served),
                       ckp_fmt_amount(y, sizeof y, a->throughput[v]));
    }
    if (idx && rows(m, top) < m)
        ckp_buf_printf(b, "  ... %lld more with flow at risk\n", (long long)(m - rows(m, top)));
    free(idx);

    ckp_buf_puts(b, "\nflow at risk by country (every node of the country lost)\n");
    ckp_buf_printf(b, "  %-7s %6s %12s %8s\n", "country", "nodes", "at risk", "served");
    for (igraph_integer_t i = 0; i < rows(a->n_countries, top); i++) {
        const ckp_country_risk *c = &a->countries[i];
        ckp_buf_printf(b, "  %-7s %6lld %12s %7.1f%%\n", ckp_network_country_name(net, c->country),
                       (long long)c->nodes, ckp_fmt_amount(x, sizeof x, c->flow_at_risk),
                       pct(c->flow_at_risk, a->served));
    }

    ckp_buf_puts(b, "\nconcentration by tier (HHI 0-10000 by country)\n");
    ckp_buf_printf(b, "  %-14s %-8s %6s  %-7s %6s  %s\n", "tier", "basis", "HHI", "top", "share",
                   "owners (HHI)");
    for (igraph_integer_t t = 0; t < a->n_tiers; t++) {
        const ckp_tier_concentration *c = &a->concentration[t];
        if (c->basis == CKP_BASIS_NONE || !c->n_countries) {
            ckp_buf_printf(b, "  %-14s %-8s %6s  %-7s %6s\n", ckp_network_tier_name(net, t),
                           ckp_basis_name(c->basis), "-", "-", "-");
            continue;
        }
        ckp_buf_printf(b, "  %-14s %-8s %6.0f  %-7s %5.1f%%", ckp_network_tier_name(net, t),
                       ckp_basis_name(c->basis), c->hhi, c->countries[0].name,
                       100 * c->countries[0].share);
        if (!isnan(c->owner_hhi) && c->n_owners && c->owners[0].name)
            ckp_buf_printf(b, "  %s %.1f%% (%.0f)", c->owners[0].name, 100 * c->owners[0].share,
                           c->owner_hhi);
        ckp_buf_puts(b, "\n");
    }

    char *show = calloc((size_t)(ckp_network_node_count(net) ? ckp_network_node_count(net) : 1),
                        1);
    igraph_integer_t shown = show ? pick_end_users(net, a, top, show) : 0;
    if (shown < a->n_end_users)
        ckp_buf_printf(b, "\nend users: the %lld with the largest demand of %lld "
                          "(--top 0 lists all)\n",
                       (long long)shown, (long long)a->n_end_users);
    else
        ckp_buf_puts(b, "\nend users\n");
    ckp_buf_printf(b, "  %-24s %10s %10s %8s  %s\n", "end user", "demand", "served", "routes",
                   "single points of failure upstream");
    for (igraph_integer_t k = 0; k < a->n_end_users; k++) {
        const ckp_end_user *e = &a->end_users[k];
        if (!show || !show[e->node])
            continue;
        char red[32];
        if (!e->reachable)
            snprintf(red, sizeof red, "none");
        else
            snprintf(red, sizeof red, "%s%lld", e->redundancy_exact ? "" : ">=",
                     (long long)e->redundancy);
        ckp_buf_printf(b, "  %-24s %10s %10s %8s  ", ckp_node_id(net, e->node),
                       ckp_fmt_amount(x, sizeof x, e->demand),
                       ckp_fmt_amount(y, sizeof y, e->served), red);
        if (!e->reachable)
            ckp_buf_puts(b, "(no source reaches it)");
        for (igraph_integer_t i = 0; i < e->n_dominators; i++)
            ckp_buf_printf(b, "%s%s", i ? ", " : "", ckp_node_id(net, e->dominators[i]));
        if (e->reachable && !e->n_dominators)
            ckp_buf_puts(b, "-");
        ckp_buf_puts(b, "\n");
    }
    if (show)
        text_origin(b, net, a, show);
    free(show);
    ckp_buf_printf(b, "\nbetweenness: %s\n",
                   a->betweenness_samples ? "sampled (see --samples)" : "exact");
}

/*
 * JSON for a million nodes does not fit a cJSON tree in memory: stream it.
 * Each top-level member and each array element is one compact cJSON object,
 * one per line (readable, diffable), written out every megabyte.
 */
typedef struct {
    ckp_output *out;
    ckp_buf buf;
    ckp_error err;
    int failed;
} jstream;

static void js_flush(jstream *js, int force)
{
    if (js->failed || (!force && js->buf.len < (1u << 20)))
        return;
    if (js->buf.oom) {
        ckp_error_set(&js->err, CKP_EINTERNAL, "out of memory");
        js->failed = 1;
    } else if (ckp_output_write(js->out, js->buf.data ? js->buf.data : "", js->buf.len,
                                &js->err)) {
        js->failed = 1;
    }
    js->buf.len = 0;
}

static void js_puts(jstream *js, const char *text)
{
    ckp_buf_puts(&js->buf, text);
    js_flush(js, 0);
}

/* Write `item` compactly between `before` and `after`, then free it. */
static void js_item(jstream *js, const char *before, cJSON *item, const char *after)
{
    char *text = item ? cJSON_PrintUnformatted(item) : NULL;
    cJSON_Delete(item);
    if (!text) {
        js->buf.oom = 1;
        js_flush(js, 1);
        return;
    }
    ckp_buf_puts(&js->buf, before);
    ckp_buf_puts(&js->buf, text);
    ckp_buf_puts(&js->buf, after);
    free(text);
    js_flush(js, 0);
}

/* A top-level member: "key": value */
static void js_member(jstream *js, const char *key, cJSON *value, int last)
{
    char before[128];
    snprintf(before, sizeof before, "\"%s\": ", key);
    js_item(js, before, value, last ? "\n" : ",\n");
}

/*
 * The per-node arrays (a million elements) are written directly rather
 * than through a cJSON object each, with cJSON's own rules so that the
 * bytes are the same: strings escaped as its print_string_ptr does, numbers
 * as its print_number does (ckp_format_number).
 */
static void js_char(ckp_buf *b, char c)
{
    ckp_buf_put(b, &c, 1);
}

static void js_string(ckp_buf *b, const char *s)
{
    char esc[8];
    const char *run = s;
    js_char(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 32 && c != '"' && c != '\\')
            continue;
        ckp_buf_put(b, run, (size_t)(s - run));
        switch (c) {
        case '"': ckp_buf_puts(b, "\\\""); break;
        case '\\': ckp_buf_puts(b, "\\\\"); break;
        case '\b': ckp_buf_puts(b, "\\b"); break;
        case '\f': ckp_buf_puts(b, "\\f"); break;
        case '\n': ckp_buf_puts(b, "\\n"); break;
        case '\r': ckp_buf_puts(b, "\\r"); break;
        case '\t': ckp_buf_puts(b, "\\t"); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", c);
            ckp_buf_puts(b, esc);
        }
        run = s + 1;
    }
    ckp_buf_put(b, run, (size_t)(s - run));
    js_char(b, '"');
}

static void js_number(ckp_buf *b, double d)
{
    char text[CKP_NUMBER_MAX];
    ckp_buf_put(b, text, (size_t)ckp_format_number(text, d));
}

/* ,"key": and the value's first byte follow */
static void js_key(ckp_buf *b, const char *key, int first)
{
    if (!first)
        js_char(b, ',');
    js_string(b, key);
    js_char(b, ':');
}

/* ,"key":value for a number or a string; the first member of an object has no comma */
static void js_number_field(ckp_buf *b, const char *key, int first, double v)
{
    js_key(b, key, first);
    js_number(b, v);
}

static void js_string_field(ckp_buf *b, const char *key, int first, const char *v)
{
    js_key(b, key, first);
    js_string(b, v);
}

static void js_ids(ckp_buf *b, const ckp_network *net, const igraph_integer_t *v,
                   igraph_integer_t n)
{
    js_char(b, '[');
    for (igraph_integer_t i = 0; i < n; i++) {
        if (i)
            js_char(b, ',');
        js_string(b, ckp_node_id(net, v[i]));
    }
    js_char(b, ']');
}

/* One element of a large array, index i, into b; `ctx` is the report's state. */
typedef void (*js_element)(ckp_buf *b, const void *ctx, igraph_integer_t i);

typedef struct {
    const ckp_network *net;
    const ckp_analysis *a;
    const igraph_integer_t *order; /* nodes by id */
} report_ctx;

static void node_element(ckp_buf *b, const void *ctx, igraph_integer_t i)
{
    const report_ctx *r = ctx;
    const ckp_network *net = r->net;
    const ckp_analysis *a = r->a;
    igraph_integer_t v = r->order[i];
    js_char(b, '{');
    js_string_field(b, "id", 1, ckp_node_id(net, v));
    js_string_field(b, "tier", 0, ckp_network_tier_name(net, ckp_node_tier(net, v)));
    js_string_field(b, "country", 0, ckp_node_country(net, v));
    js_number_field(b, "throughput", 0, a->throughput[v]);
    js_number_field(b, "flow", 0, a->flow[v]);
    js_number_field(b, "flow_at_risk", 0, a->flow_at_risk[v]);
    js_number_field(b, "dominated_demand", 0, a->dominated_demand[v]);
    js_number_field(b, "betweenness", 0, a->betweenness[v]);
    js_char(b, '}');
}

static void spof_element(ckp_buf *b, const void *ctx, igraph_integer_t i)
{
    const report_ctx *r = ctx;
    const ckp_spof *s = &r->a->spofs[i];
    js_char(b, '{');
    js_string_field(b, "id", 1, ckp_node_id(r->net, s->node));
    js_key(b, "end_users", 0);
    js_ids(b, r->net, s->end_users, s->n_end_users);
    js_number_field(b, "dominated_demand", 0, s->dominated_demand);
    js_char(b, '}');
}

static void end_user_element(ckp_buf *b, const void *ctx, igraph_integer_t k)
{
    const report_ctx *r = ctx;
    const ckp_end_user *e = &r->a->end_users[k];
    js_char(b, '{');
    js_string_field(b, "id", 1, ckp_node_id(r->net, e->node));
    js_number_field(b, "demand", 0, e->demand);
    js_number_field(b, "served", 0, e->served);
    js_key(b, "reachable", 0);
    ckp_buf_puts(b, e->reachable ? "true" : "false");
    js_number_field(b, "redundancy", 0, (double)e->redundancy);
    js_key(b, "redundancy_exact", 0);
    ckp_buf_puts(b, e->redundancy_exact ? "true" : "false");
    js_key(b, "dominators", 0);
    js_ids(b, r->net, e->dominators, e->n_dominators);
    js_char(b, '}');
}

/* element i of the dependency array: end user i / tiers, tier i % tiers */
static void dependency_element(ckp_buf *b, const void *ctx, igraph_integer_t i)
{
    const report_ctx *r = ctx;
    const ckp_dependency *d = &r->a->dependency;
    igraph_integer_t k = i / d->n_tiers, t = i % d->n_tiers;
    const ckp_tier_origin *o = &d->tiers[t];
    js_char(b, '{');
    js_string_field(b, "end_user", 1, ckp_node_id(r->net, d->end_users[k]));
    js_string_field(b, "tier", 0, ckp_network_tier_name(r->net, t));
    js_key(b, "shares", 0);
    js_char(b, '{');
    int first = 1;
    for (igraph_integer_t c = 0; c < o->n_countries; c++) {
        double s = o->shares[k * o->n_countries + c];
        if (s > 0) {
            js_number_field(b, ckp_network_country_name(r->net, o->countries[c]), first, s);
            first = 0;
        }
    }
    js_char(b, '}');
    js_number_field(b, "unattributed", 0, ckp_dependency_unattributed(d, k, t));
    js_char(b, '}');
}

/*
 * The elements of a large array, in order, one a line. Formatting a million
 * elements is most of the report's time, so with two threads or more,
 * blocks of them are formatted by that many threads while this one writes
 * the finished blocks in order: the same bytes, and the writing overlaps
 * the formatting. A ring of slots bounds the memory.
 */
#define JS_BLOCK 65536
#define JS_SLOTS 4

typedef struct {
    ckp_buf buf;
    int ready;
} js_slot;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    js_element fn;
    const void *ctx;
    igraph_integer_t n, n_blocks;
    igraph_integer_t next_format, next_write; /* blocks */
    int stop;
    js_slot slot[JS_SLOTS];
} js_pool;

static void js_format_block(js_pool *p, igraph_integer_t block, ckp_buf *b)
{
    igraph_integer_t from = block * JS_BLOCK, to = from + JS_BLOCK < p->n ? from + JS_BLOCK : p->n;
    for (igraph_integer_t i = from; i < to; i++) {
        p->fn(b, p->ctx, i);
        ckp_buf_puts(b, i + 1 < p->n ? ",\n" : "\n");
    }
}

static void *js_formatter(void *arg)
{
    js_pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        /* the next block, once its slot has been written out */
        while (!p->stop && p->next_format < p->n_blocks &&
               p->next_format >= p->next_write + JS_SLOTS)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->stop || p->next_format >= p->n_blocks)
            break;
        igraph_integer_t block = p->next_format++;
        js_slot *s = &p->slot[block % JS_SLOTS];
        pthread_mutex_unlock(&p->lock);
        js_format_block(p, block, &s->buf);
        pthread_mutex_lock(&p->lock);
        s->ready = 1;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void js_write_buf(jstream *js, ckp_buf *b)
{
    js_flush(js, 1);
    if (js->failed)
        return;
    if (b->oom) {
        ckp_error_set(&js->err, CKP_EINTERNAL, "out of memory");
        js->failed = 1;
    } else if (b->len && ckp_output_write(js->out, b->data, b->len, &js->err)) {
        js->failed = 1;
    }
}

static void js_array(jstream *js, js_element fn, const void *ctx, igraph_integer_t n, int threads)
{
    js_pool p = {.fn = fn, .ctx = ctx, .n = n, .n_blocks = (n + JS_BLOCK - 1) / JS_BLOCK};
    for (int k = 0; k < JS_SLOTS; k++)
        ckp_buf_init(&p.slot[k].buf);
    pthread_t tid[16];
    int started = 0;
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);
    if (threads > 1 && p.n_blocks > 1)
        for (; started < threads && started < 16; started++)
            if (pthread_create(&tid[started], NULL, js_formatter, &p))
                break;
    for (igraph_integer_t block = 0; block < p.n_blocks && !js->failed; block++) {
        js_slot *s = &p.slot[block % JS_SLOTS];
        if (!started) {
            s->buf.len = 0;
            js_format_block(&p, block, &s->buf);
        } else {
            pthread_mutex_lock(&p.lock);
            while (!s->ready)
                pthread_cond_wait(&p.changed, &p.lock);
            pthread_mutex_unlock(&p.lock);
        }
        js_write_buf(js, &s->buf);
        pthread_mutex_lock(&p.lock);
        s->ready = 0;
        s->buf.len = 0;
        s->buf.oom = 0;
        p.next_write = block + 1;
        pthread_cond_broadcast(&p.changed);
        pthread_mutex_unlock(&p.lock);
    }
    pthread_mutex_lock(&p.lock);
    p.stop = 1; /* after a write error, the formatters stop at their next block */
    pthread_cond_broadcast(&p.changed);
    pthread_mutex_unlock(&p.lock);
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.changed);
    for (int k = 0; k < JS_SLOTS; k++)
        ckp_buf_destroy(&p.slot[k].buf);
}

static void json_report(jstream *js, const ckp_network *net, const ckp_analysis *a,
                        const ckp_analysis_options *o)
{
    js_puts(js, "{\n\"schema_version\": 1,\n");
    cJSON *jn = cJSON_CreateObject();
    cJSON_AddStringToObject(jn, "name", ckp_network_name(net));
    cJSON_AddStringToObject(jn, "unit", ckp_network_unit(net));
    ckp_json_number(jn, "year", ckp_network_year(net));
    cJSON_AddNumberToObject(jn, "nodes", (double)ckp_network_node_count(net));
    cJSON_AddNumberToObject(jn, "edges", (double)ckp_network_edge_count(net));
    js_member(js, "network", jn, 0);
    cJSON *sup = cJSON_CreateObject();
    ckp_json_number(sup, "demand", a->demand);
    ckp_json_number(sup, "served", a->served);
    ckp_json_number(sup, "shortfall", ckp_round_flow(a->demand - a->served));
    js_member(js, "supply", sup, 0);

    cJSON *method = cJSON_CreateObject();
    cJSON_AddStringToObject(method, "flow_at_risk", a->risk_exact_all ? "exact" : "partial");
    cJSON_AddNumberToObject(method, "flow_at_risk_computed", (double)a->risk_computed);
    cJSON_AddStringToObject(method, "betweenness", a->betweenness_samples ? "sampled" : "exact");
    if (a->betweenness_samples) {
        cJSON_AddNumberToObject(method, "betweenness_samples", (double)a->betweenness_samples);
        cJSON_AddNumberToObject(method, "seed", (double)o->seed);
    }
    cJSON_AddStringToObject(method, "redundancy",
                            ckp_network_node_count(net) <= o->exact_limit ? "exact"
                                                                          : "lower bound where "
                                                                            "no dominator");
    js_member(js, "method", method, 0);

    igraph_integer_t n = ckp_network_node_count(net);
    igraph_integer_t *order = ckp_cli_nodes_by_id(net);
    if (!order) {
        js->buf.oom = 1;
        return;
    }
    report_ctx rc = {net, a, order};
    js_puts(js, "\"nodes\": [\n");
    js_array(js, node_element, &rc, n, o->threads);
    js_puts(js, "],\n\"single_points_of_failure\": [\n");
    js_array(js, spof_element, &rc, a->n_spofs, o->threads);
    js_puts(js, "],\n\"end_users\": [\n");
    js_array(js, end_user_element, &rc, a->n_end_users, o->threads);
    js_puts(js, "],\n\"countries\": [\n");
    for (igraph_integer_t i = 0; i < a->n_countries; i++) {
        const ckp_country_risk *c = &a->countries[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "country", ckp_network_country_name(net, c->country));
        cJSON_AddNumberToObject(j, "nodes", (double)c->nodes);
        ckp_json_number(j, "flow_at_risk", c->flow_at_risk);
        js_item(js, "", j, i + 1 < a->n_countries ? ",\n" : "\n");
    }
    js_puts(js, "],\n\"concentration\": [\n");
    for (igraph_integer_t t = 0; t < a->n_tiers; t++) {
        const ckp_tier_concentration *c = &a->concentration[t];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "tier", ckp_network_tier_name(net, t));
        cJSON_AddStringToObject(j, "basis", ckp_basis_name(c->basis));
        ckp_json_number(j, "total", c->total);
        ckp_json_number(j, "hhi", c->hhi);
        int any = c->basis != CKP_BASIS_NONE && c->n_countries;
        if (any)
            cJSON_AddStringToObject(j, "top_country", c->countries[0].name);
        else
            cJSON_AddNullToObject(j, "top_country");
        ckp_json_number(j, "top_share", any ? c->countries[0].share : NAN);
        cJSON *shares = cJSON_AddObjectToObject(j, "shares");
        for (igraph_integer_t i = 0; i < c->n_countries; i++)
            ckp_json_number(shares, c->countries[i].name, c->countries[i].share);
        cJSON *owners = cJSON_AddObjectToObject(j, "owners");
        for (igraph_integer_t i = 0; i < c->n_owners; i++)
            if (c->owners[i].name)
                ckp_json_number(owners, c->owners[i].name, c->owners[i].share);
        ckp_json_number(j, "owner_hhi", c->owner_hhi);
        js_item(js, "", j, t + 1 < a->n_tiers ? ",\n" : "\n");
    }
    js_puts(js, "],\n\"dependency\": [\n");
    const ckp_dependency *d = &a->dependency;
    js_array(js, dependency_element, &rc, d->n_end_users * d->n_tiers, o->threads);
    free(order);
    js_puts(js, "]\n}\n");
}

int ckp_cli_analysis_json(const char *output, const ckp_network *net, const ckp_analysis *a,
                          const ckp_analysis_options *opts)
{
    int rc = 0;
    jstream js = {0};
    ckp_buf_init(&js.buf);
    ckp_error_init(&js.err);
    if (ckp_output_open(&js.out, output ? output : "-", &js.err)) {
        rc = ckp_cli_fail(&js.err);
        goto done;
    }
    json_report(&js, net, a, opts);
    js_flush(&js, 1);
    if (js.failed) {
        ckp_output_abort(js.out);
        rc = ckp_cli_fail(&js.err);
    } else if (ckp_output_commit(js.out, &js.err)) {
        rc = ckp_cli_fail(&js.err);
    }
done:
    ckp_buf_destroy(&js.buf);
    return rc;
}

int ckp_cmd_analyze(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},      {"output", required_argument, NULL, 'o'},
        {"top", required_argument, NULL, 'k'},         {"exact-limit", required_argument, NULL, 'x'},
        {"risk-top", required_argument, NULL, 'r'},    {"samples", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},        {"threads", required_argument, NULL, 'T'},
        CKP_CLI_NETOPTS, {NULL, 0, NULL, 0},
    };
    ckp_format format = CKP_FORMAT_TEXT;
    const char *output = NULL;
    long long top = 10;
    int rc, c;
    ckp_cli_netopts lopts;
    int taken;
    ckp_analysis_options aopts;
    ckp_cli_netopts_init(&lopts);
    ckp_analysis_options_init(&aopts);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        long long value = 0;
        if (c == 'k' || c == 'x' || c == 'r' || c == 's' || c == 'S' || c == 'T') {
            const char *name = c == 'k' ? "--top" : c == 'x' ? "--exact-limit"
                               : c == 'r' ? "--risk-top" : c == 's' ? "--samples"
                               : c == 'S' ? "--seed" : "--threads";
            if (ckp_cli_parse_count(&value, "analyze", name, optarg))
                return CKP_EUSAGE;
        }
        switch (c) {
        case 'f':
            if (ckp_cli_parse_format(&format, "analyze", optarg,
                                     1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON))
                return CKP_EUSAGE;
            break;
        case 'o':
            if (ckp_cli_parse_output(&output, "analyze", optarg))
                return CKP_EUSAGE;
            break;
        case 'k':
            top = value;
            break;
        case 'x':
            aopts.exact_limit = value;
            break;
        case 'r':
            aopts.risk_top = value;
            break;
        case 's':
            aopts.betweenness_samples = value;
            break;
        case 'S':
            aopts.seed = (unsigned long)value;
            break;
        case 'T':
            aopts.threads = value < 1 ? 1 : value > 16 ? 16 : (int)value;
            break;
        default:
            if ((taken = ckp_cli_netopt(&lopts, "analyze", c, optarg)) != 0) {
                if (taken < 0)
                    return CKP_EUSAGE;
                break;
            }
            return ckp_cli_usage("analyze", "unknown or incomplete option '%s'",
                                 argv[optind - 1]);
        }
    }
    int npaths = argc - optind;
    if (npaths < 1 || npaths > 2)
        return ckp_cli_usage("analyze", npaths < 1 ? "no network given"
                                                   : "too many arguments: give one JSON file "
                                                     "or two CSV files");
    ckp_network *net = NULL;
    ckp_analysis a;
    ckp_error err;
    ckp_error_init(&err);
    ckp_analysis_init(&a);
    if ((rc = ckp_cli_load(&net, argv + optind, npaths, &lopts)))
        goto done;
    if (ckp_analyze(&a, net, &aopts, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    if (format == CKP_FORMAT_JSON) {
        rc = ckp_cli_analysis_json(output, net, &a, &aopts);
    } else {
        ckp_buf b;
        ckp_buf_init(&b);
        char file[2048];
        snprintf(file, sizeof file, "%s%s%s", argv[optind], npaths > 1 ? " + " : "",
                 npaths > 1 ? argv[optind + 1] : "");
        text_report(&b, net, &a, file, (igraph_integer_t)top, &aopts);
        rc = ckp_cli_emit(&b, output);
        ckp_buf_destroy(&b);
    }
done:
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
    return rc;
}
