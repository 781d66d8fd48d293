/*
 * The DOT text of a network diagram (see render.h). Each view first builds a
 * small figure model (boxes grouped by tier, arrows between boxes), then one
 * emitter writes it, so the views share their styling and the legend lists
 * exactly what the figure uses.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/analysis.h"
#include "chokepoint/flow.h"
#include "chokepoint/render.h"
#include "chokepoint/whatif.h"
#include "chokepoint/buf.h"
#include "chokepoint/format.h"
#include "escape.h"

/* Styling constants: one place, so every figure looks alike. */
#define FONT "DejaVu Sans"
#define EDGE_COLOR "#5F5F5F99"   /* grey, partly transparent so crossings stay readable */
#define FADED_EDGE "#C8C8C880"
#define REMOVED_FILL "#F2F2F2"
#define REMOVED_TEXT "#8C8C8C"
#define NOTE_COLOR "#A50026"     /* captions that change how to read the figure */
#define NAME_WIDTH 24            /* characters per line of a node's name */
#define NAME_LINES 3
#define GROUPS_PER_TIER 12       /* countries view: boxes per tier before "other" */
#define EDGE_LABEL_LIMIT 24      /* arrows are labelled with their volume up to this many */

/* Risk classes: flow at risk as a share of served demand (upper bounds). */
static const double risk_bounds[] = {0, 0.01, 0.05, 0.20, INFINITY};
static const char *const risk_colors[] = {"#F7F7F7", "#FED976", "#FD8D3C", "#E31A1C", "#800026"};
static const char *const risk_names[] = {"none", "up to 1%", "1-5%", "5-20%", "over 20%"};
#define N_RISK 5

typedef struct {
    igraph_integer_t tier;
    ckp_buf label;   /* HTML-like label body */
    ckp_buf tooltip; /* plain text */
    char fill[8];
    int spof, removed, highlight, faded, short_;
    double height;    /* inches; 0: fit the label */
} box;

typedef struct {
    igraph_integer_t from, to; /* box indices */
    double volume;
    int cut, highlight, faded, against;
    ckp_buf tooltip;
} arrow;

typedef struct {
    box *boxes;
    igraph_integer_t n_boxes, cap_boxes;
    arrow *arrows;
    igraph_integer_t n_arrows, cap_arrows;
    /* what the legend must explain */
    char used_country[CKP_PALETTE_SIZE]; /* palette entries used */
    int used_other, used_removed, used_cut, used_highlight, used_spof, used_short, used_zero;
    int used_risk[N_RISK];
    char *other_mark; /* by country index: drawn in CKP_COLOR_OTHER */
} model;

/* Everything a view needs, gathered once. */
typedef struct {
    const ckp_network *net;       /* the network drawn */
    const ckp_render_options *o;
    const ckp_palette *pal;
    const ckp_analysis *a;        /* of `net`, or of the network under the scenario */
    const igraph_integer_t *amap; /* node of net -> node of the analysed network (-1: gone) */
    const ckp_network *anet;      /* the analysed network */
    char *node_removed, *edge_cut;   /* scenario */
    double *cap_after;               /* scenario: capacity after (NAN: unchanged) */
    const ckp_scenario_report *rep;  /* scenario */
    double *user_short;              /* scenario: per node, shortfall (NAN: not an end user) */
    double *user_alone;              /* scenario: the most an end user gets alone (NAN: -) */
    char *node_added, *node_changed, *edge_added, *edge_changed; /* plan */
    double *cap_before;              /* plan: capacity before (NAN: unchanged or new) */
    const char *unit;
    igraph_integer_t *spof_at;       /* analysed node -> index in a->spofs, -1: none */
    const ckp_tier_concentration *conc; /* of `net`, per tier */
} ctx;

static void model_destroy(model *m)
{
    for (igraph_integer_t i = 0; i < m->n_boxes; i++) {
        ckp_buf_destroy(&m->boxes[i].label);
        ckp_buf_destroy(&m->boxes[i].tooltip);
    }
    for (igraph_integer_t i = 0; i < m->n_arrows; i++)
        ckp_buf_destroy(&m->arrows[i].tooltip);
    free(m->boxes);
    free(m->arrows);
    free(m->other_mark);
    memset(m, 0, sizeof *m);
}

static box *add_box(model *m, igraph_integer_t tier)
{
    if (m->n_boxes == m->cap_boxes) {
        igraph_integer_t cap = m->cap_boxes ? 2 * m->cap_boxes : 64;
        box *p = realloc(m->boxes, (size_t)cap * sizeof *p);
        if (!p)
            return NULL;
        m->boxes = p;
        m->cap_boxes = cap;
    }
    box *b = &m->boxes[m->n_boxes++];
    memset(b, 0, sizeof *b);
    b->tier = tier;
    ckp_buf_init(&b->label);
    ckp_buf_init(&b->tooltip);
    return b;
}

static arrow *add_arrow(model *m, igraph_integer_t from, igraph_integer_t to, double volume)
{
    if (m->n_arrows == m->cap_arrows) {
        igraph_integer_t cap = m->cap_arrows ? 2 * m->cap_arrows : 64;
        arrow *p = realloc(m->arrows, (size_t)cap * sizeof *p);
        if (!p)
            return NULL;
        m->arrows = p;
        m->cap_arrows = cap;
    }
    arrow *a = &m->arrows[m->n_arrows++];
    memset(a, 0, sizeof *a);
    a->from = from;
    a->to = to;
    a->volume = volume;
    ckp_buf_init(&a->tooltip);
    return a;
}

/* Amounts in labels: whole numbers from 10 up, one decimal below. */
static const char *amount(char *out, size_t size, double v)
{
    return ckp_fmt_number(out, size, fabs(v) >= 10 ? round(v) : round(v * 10) / 10, 1);
}

static double share_of(double part, double whole)
{
    return whole > 0 ? part / whole : 0;
}

static int risk_class(double risk, double served)
{
    if (!(risk > 0) || !(served > 0))
        return 0;
    double s = risk / served;
    for (int k = 1; k < N_RISK; k++)
        if (s <= risk_bounds[k])
            return k;
    return N_RISK - 1;
}

/* A colour mixed with white: faded elements stay recognisable but step back. */
static void fade_color(char out[8], const char *color, double keep)
{
    unsigned r = 0xDD, g = 0xDD, b = 0xDD;
    sscanf(color, "#%2x%2x%2x", &r, &g, &b);
    r = (unsigned)lround(255 - (255 - (double)r) * keep);
    g = (unsigned)lround(255 - (255 - (double)g) * keep);
    b = (unsigned)lround(255 - (255 - (double)b) * keep);
    snprintf(out, 8, "#%02X%02X%02X", r & 255, g & 255, b & 255);
}

/* Count UTF-8 characters (not bytes) so that wrapping works for any script. */
static size_t utf8_chars(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/*
 * A name wrapped into at most `lines` lines of about `width` characters, as
 * HTML-like label text: long names would otherwise make boxes as wide as a
 * page. Words longer than a line are cut; what does not fit ends in "...".
 */
static void wrap_html(ckp_buf *out, const char *text, size_t width, int lines, int strike)
{
    const char *p = text;
    int line = 0;
    while (*p && line < lines) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        /* take words while they fit */
        const char *end = p, *q = p;
        size_t used = 0;
        while (*q) {
            const char *w = q;
            while (*w == ' ')
                w++;
            const char *we = w;
            while (*we && *we != ' ')
                we++;
            size_t wl = utf8_chars(w, (size_t)(we - w)) + (q == p ? 0 : 1);
            if (used + wl > width && end != p)
                break;
            if (used + wl > width && end == p) {
                /* one word longer than the line: cut it on a character boundary */
                const char *c = w;
                size_t k = 0;
                while (*c && *c != ' ' && k < width) {
                    c++;
                    while (((unsigned char)*c & 0xC0) == 0x80)
                        c++;
                    k++;
                }
                end = c;
                break;
            }
            used += wl;
            end = we;
            q = we;
        }
        if (end == p)
            break;
        char *chunk = malloc((size_t)(end - p) + 1);
        if (!chunk) {
            out->oom = 1;
            return;
        }
        memcpy(chunk, p, (size_t)(end - p));
        chunk[end - p] = '\0';
        if (line)
            ckp_buf_puts(out, "<BR/>");
        if (strike)
            ckp_buf_puts(out, "<S>");
        ckp_buf_html(out, chunk);
        p = end;
        while (*p == ' ')
            p++;
        if (*p && line == lines - 1)
            ckp_buf_puts(out, "...");
        if (strike)
            ckp_buf_puts(out, "</S>");
        free(chunk);
        line++;
    }
}

/* The legend records each palette colour or "other" country a box uses. */
static void note_country(model *m, const ckp_palette *pal, const ckp_network *net,
                         igraph_integer_t country)
{
    const char *code = ckp_network_country_name(net, country);
    for (int i = 0; i < pal->n; i++)
        if (!strcmp(pal->code[i], code)) {
            m->used_country[i] = 1;
            return;
        }
    m->used_other = 1;
    if (m->other_mark)
        m->other_mark[country] = 1;
}

static double node_risk(const ckp_analysis *a, igraph_integer_t v)
{
    if (v < 0)
        return 0;
    double r = a->flow_at_risk[v];
    return isnan(r) ? a->dominated_demand[v] : r;
}

/* Node v's SPOF record (v in the analysed network), NULL if v is not a SPOF. */
static const ckp_spof *spof_of(const ctx *c, igraph_integer_t v)
{
    return v >= 0 && c->spof_at[v] >= 0 ? &c->a->spofs[c->spof_at[v]] : NULL;
}

/* A box's fill: its country's colour, or its risk class; faded in plan mode. */
static void fill_box(model *m, const ctx *c, box *b, igraph_integer_t country, double risk,
                     int faded)
{
    const char *color;
    const char *code = country >= 0 ? ckp_network_country_name(c->net, country) : NULL;
    if (c->o->color == CKP_COLOR_BY_RISK) {
        int k = risk_class(risk, c->a->served);
        color = risk_colors[k];
        m->used_risk[k] = 1;
    } else {
        color = code ? ckp_palette_color(c->pal, code) : CKP_COLOR_OTHER;
        if (code)
            note_country(m, c->pal, c->net, country);
        else
            m->used_other = 1;
    }
    if (faded)
        fade_color(b->fill, color, 0.35);
    else
        snprintf(b->fill, sizeof b->fill, "%s", color);
}

/* ---- tiered view: one box per node ---------------------------------------------------- */

static ckp_code build_tiers(model *m, const ctx *c, ckp_error *err)
{
    const ckp_network *net = c->net;
    const ckp_analysis *a = c->a;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    char x[64], y[64];
    const char *unit = c->unit;
    for (igraph_integer_t v = 0; v < n; v++) {
        box *b = add_box(m, ckp_node_tier(net, v));
        if (!b)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        igraph_integer_t av = c->amap ? c->amap[v] : v;
        const char *country = ckp_node_country(net, v);
        const ckp_spof *sp = av >= 0 ? spof_of(c, av) : NULL;
        int removed = c->node_removed && c->node_removed[v];
        int added = c->node_added && c->node_added[v];
        int changed = c->node_changed && c->node_changed[v];
        int faded = removed || (c->node_added && !added && !changed);
        double cap = ckp_node_capacity(net, v);
        int is_user = ckp_node_tier(net, v) == last;
        b->removed = removed;
        b->spof = sp != NULL && !removed;
        b->highlight = added || changed;
        b->faded = faded;
        if (removed) {
            snprintf(b->fill, sizeof b->fill, "%s", REMOVED_FILL);
            m->used_removed = 1;
        } else {
            fill_box(m, c, b, ckp_node_country_index(net, v), node_risk(a, av), faded);
        }
        if (b->highlight)
            m->used_highlight = 1;
        if (b->spof)
            m->used_spof = 1;

        /* label: name, then country and capacity (or demand), then what is special */
        ckp_buf *l = &b->label;
        ckp_buf_puts(l, "<B>");
        wrap_html(l, ckp_node_name(net, v), NAME_WIDTH, NAME_LINES, removed);
        ckp_buf_puts(l, "</B><BR/><FONT POINT-SIZE=\"10\">");
        ckp_buf_html(l, country);
        if (is_user)
            ckp_buf_printf(l, " · demand %s", amount(x, sizeof x, ckp_node_demand(net, v)));
        else if (isinf(cap))
            ckp_buf_puts(l, " · uncapped");
        else
            ckp_buf_printf(l, " · cap %s", amount(x, sizeof x, cap));
        ckp_buf_puts(l, "</FONT>");
        if (removed)
            ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\">removed by the scenario</FONT>");
        else if (c->cap_after && !isnan(c->cap_after[v]))
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>cap %s to %s</B></FONT>",
                            c->cap_after[v] < cap ? "cut" : "raised",
                            isinf(c->cap_after[v]) ? "uncapped"
                                                   : amount(x, sizeof x, c->cap_after[v]));
        if (added)
            ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ added by the plan</B></FONT>");
        else if (changed && c->cap_before && !isnan(c->cap_before[v]))
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ cap %s → %s</B></FONT>",
                            isinf(c->cap_before[v]) ? "uncapped"
                                                    : amount(x, sizeof x, c->cap_before[v]),
                            isinf(cap) ? "uncapped" : amount(y, sizeof y, cap));
        else if (changed)
            ckp_buf_puts(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ changed by the plan</B></FONT>");
        if (b->spof)
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>⚠ SPOF · cuts off %s</B></FONT>",
                            amount(x, sizeof x, sp->dominated_demand));
        if (c->user_short && !isnan(c->user_short[v]) && c->user_short[v] > 0 && !removed) {
            double d = ckp_node_demand(net, v);
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>short %s (%.0f%%)</B></FONT>",
                            amount(x, sizeof x, c->user_short[v]),
                            100 * share_of(c->user_short[v], d));
            b->short_ = 1;
            m->used_short = 1;
        }

        /* tooltip: the node's figures */
        ckp_buf *t = &b->tooltip;
        ckp_buf_printf(t, "%s (%s)\n", ckp_node_name(net, v), ckp_node_id(net, v));
        ckp_buf_printf(t, "tier: %s · country: %s", ckp_network_tier_name(net, b->tier),
                        country);
        if (ckp_node_owner(net, v))
            ckp_buf_printf(t, " · owner: %s", ckp_node_owner(net, v));
        ckp_buf_printf(t, "\ncapacity: %s", isinf(cap) ? "none given (uncapped)"
                                                        : amount(x, sizeof x, cap));
        if (is_user)
            ckp_buf_printf(t, "\ndemand: %s", amount(x, sizeof x, ckp_node_demand(net, v)));
        if (unit[0])
            ckp_buf_printf(t, "\nunit: %s", unit);
        if (removed) {
            ckp_buf_puts(t, "\nremoved by the scenario");
        } else if (av >= 0) {
            ckp_buf_printf(t, "\nthroughput: %s · flow: %s",
                            amount(x, sizeof x, a->throughput[av]),
                            amount(y, sizeof y, a->flow[av]));
            if (!isnan(a->flow_at_risk[av]))
                ckp_buf_printf(t, "\nflow at risk: %s (%.1f%% of served)",
                                amount(x, sizeof x, a->flow_at_risk[av]),
                                100 * share_of(a->flow_at_risk[av], a->served));
            if (sp)
                ckp_buf_printf(t, "\nsingle point of failure: cuts off %lld end user%s, "
                                   "demand %s",
                                (long long)sp->n_end_users, sp->n_end_users == 1 ? "" : "s",
                                amount(x, sizeof x, sp->dominated_demand));
        }
        if (c->user_short && !isnan(c->user_short[v]) && !removed)
            ckp_buf_printf(t, "\nunder the scenario: receives %s of %s in one maximum flow",
                            amount(x, sizeof x, ckp_node_demand(net, v) - c->user_short[v]),
                            amount(y, sizeof y, ckp_node_demand(net, v)));
        if (c->user_alone && !isnan(c->user_alone[v]) && !removed)
            ckp_buf_printf(t, "\nthe most it could get alone: %s",
                            amount(x, sizeof x, c->user_alone[v]));
    }
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t u = ckp_edge_from(net, e), v = ckp_edge_to(net, e);
        arrow *ar = add_arrow(m, u, v, ckp_edge_volume(net, e));
        if (!ar)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        ar->cut = c->edge_cut && c->edge_cut[e];
        ar->highlight = (c->edge_added && c->edge_added[e]) ||
                        (c->edge_changed && c->edge_changed[e]);
        ar->faded = c->edge_added && !ar->highlight;
        ar->against = ckp_node_tier(net, v) <= ckp_node_tier(net, u);
        if (ar->cut)
            m->used_cut = 1;
        if (ar->highlight)
            m->used_highlight = 1;
        if (!(ar->volume > 0) && !ar->cut)
            m->used_zero = 1;
        double ecap = ckp_edge_capacity(net, e);
        ckp_buf_printf(&ar->tooltip, "%s → %s\nvolume: %s", ckp_node_name(net, u),
                        ckp_node_name(net, v), amount(x, sizeof x, ar->volume));
        if (!isinf(ecap))
            ckp_buf_printf(&ar->tooltip, " · capacity: %s", amount(y, sizeof y, ecap));
        if (ar->cut)
            ckp_buf_puts(&ar->tooltip, "\ncut by the scenario");
        if (c->edge_added && c->edge_added[e])
            ckp_buf_puts(&ar->tooltip, "\nadded by the plan");
        else if (c->edge_changed && c->edge_changed[e])
            ckp_buf_puts(&ar->tooltip, "\nchanged by the plan");
    }
    return CKP_OK;
}

/* ---- countries view: one box per (tier, country) ---------------------------------------- */

typedef struct {
    igraph_integer_t tier;
    igraph_integer_t country; /* -1: "other" */
    double amount, share;
    igraph_integer_t nodes, spofs, removed, added, changed;
    double risk, shortfall, demand;
    int has_share;
} group;

typedef struct {
    igraph_integer_t from, to;
    double volume, cut_volume;
    igraph_integer_t edges, cut, added;
} group_edge;

static int by_group_pair(const void *pa, const void *pb)
{
    const group_edge *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return 0;
}

typedef struct {
    igraph_integer_t country;
    double amount;
    igraph_integer_t nodes;
    const char *code;
} tier_country;

static int by_amount_code(const void *pa, const void *pb)
{
    const tier_country *a = pa, *b = pb;
    if (a->amount != b->amount)
        return a->amount > b->amount ? -1 : 1;
    if (a->nodes != b->nodes)
        return a->nodes > b->nodes ? -1 : 1;
    return strcmp(a->code, b->code);
}

static ckp_code build_countries(model *m, const ctx *c, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    const ckp_network *net = c->net;
    const ckp_analysis *a = c->a;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    igraph_integer_t nt = ckp_network_tier_count(net), nc = ckp_network_country_count(net);
    igraph_integer_t last = nt - 1;
    const ckp_tier_concentration *conc = c->conc;
    igraph_integer_t *gid = malloc((size_t)(n ? n : 1) * sizeof *gid);
    /* group of (tier, country): slot[t * nc + c] */
    igraph_integer_t *slot = malloc((size_t)(nt * nc > 0 ? nt * nc : 1) * sizeof *slot);
    tier_country *tc = malloc((size_t)(nc ? nc : 1) * sizeof *tc);
    group *g = malloc((size_t)(nt * (GROUPS_PER_TIER + 1) + 1) * sizeof *g);
    group_edge *ge = malloc((size_t)(ne ? ne : 1) * sizeof *ge);
    igraph_integer_t ng = 0, nge = 0;
    char x[64], y[64];
    if (!gid || !slot || !tc || !g || !ge) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t i = 0; i < nt * nc; i++)
        slot[i] = -1;
    for (igraph_integer_t t = 0; t < nt; t++) {
        igraph_integer_t k = 0;
        for (igraph_integer_t i = 0; i < conc[t].n_countries; i++) {
            const ckp_share *s = &conc[t].countries[i];
            tc[k++] = (tier_country){s->key, conc[t].basis == CKP_BASIS_NONE ? 0 : s->amount,
                                     s->nodes, s->name};
        }
        qsort(tc, (size_t)k, sizeof *tc, by_amount_code);
        igraph_integer_t keep = k <= GROUPS_PER_TIER ? k : GROUPS_PER_TIER - 1;
        for (igraph_integer_t i = 0; i < keep; i++) {
            group *gr = &g[ng];
            memset(gr, 0, sizeof *gr);
            gr->tier = t;
            gr->country = tc[i].country;
            gr->has_share = conc[t].basis != CKP_BASIS_NONE;
            gr->amount = tc[i].amount;
            gr->share = share_of(tc[i].amount, conc[t].total);
            slot[t * nc + tc[i].country] = ng++;
        }
        if (k > keep) {
            /* the smallest countries of the tier share one "other" box */
            group *gr = &g[ng];
            memset(gr, 0, sizeof *gr);
            gr->tier = t;
            gr->country = -1;
            gr->has_share = conc[t].basis != CKP_BASIS_NONE;
            for (igraph_integer_t i = keep; i < k; i++) {
                gr->amount += tc[i].amount;
                slot[t * nc + tc[i].country] = ng;
            }
            gr->share = share_of(gr->amount, conc[t].total);
            ng++;
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t gi = slot[ckp_node_tier(net, v) * nc + ckp_node_country_index(net, v)];
        group *gr = &g[gi];
        igraph_integer_t av = c->amap ? c->amap[v] : v;
        gid[v] = gi;
        gr->nodes++;
        if (c->node_removed && c->node_removed[v])
            gr->removed++;
        else if (av >= 0 && spof_of(c, av))
            gr->spofs++;
        if (c->node_added && c->node_added[v])
            gr->added++;
        else if (c->node_changed && c->node_changed[v])
            gr->changed++;
        double r = node_risk(a, av);
        if (r > gr->risk)
            gr->risk = r;
        if (ckp_node_tier(net, v) == last) {
            gr->demand += ckp_node_demand(net, v);
            if (c->user_short && !isnan(c->user_short[v]))
                gr->shortfall += c->user_short[v];
        }
    }
    for (igraph_integer_t gi = 0; gi < ng; gi++) {
        group *gr = &g[gi];
        const char *code = gr->country >= 0 ? ckp_network_country_name(net, gr->country) : NULL;
        box *b = add_box(m, gr->tier);
        if (!b) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        int all_removed = gr->removed == gr->nodes;
        b->removed = all_removed;
        b->spof = gr->spofs > 0;
        b->highlight = gr->added || gr->changed;
        b->faded = all_removed || (c->node_added && !b->highlight);
        b->height = gr->has_share ? 0.5 + 2.0 * gr->share : 0;
        if (all_removed) {
            snprintf(b->fill, sizeof b->fill, "%s", REMOVED_FILL);
            m->used_removed = 1;
        } else {
            fill_box(m, c, b, gr->country, gr->risk, b->faded);
            /* list the countries merged into "other" in the legend */
            for (igraph_integer_t k = 0; !code && k < nc; k++)
                if (slot[gr->tier * nc + k] == gi && c->o->color == CKP_COLOR_BY_COUNTRY)
                    note_country(m, c->pal, net, k);
        }
        if (b->highlight)
            m->used_highlight = 1;
        if (b->spof)
            m->used_spof = 1;
        ckp_buf *l = &b->label;
        if (code) {
            ckp_buf_puts(l, all_removed ? "<B><S>" : "<B>");
            ckp_buf_html(l, code);
            ckp_buf_puts(l, all_removed ? "</S></B>" : "</B>");
        } else {
            igraph_integer_t k = 0;
            for (igraph_integer_t j = 0; j < nc; j++)
                k += slot[gr->tier * nc + j] == gi;
            ckp_buf_printf(l, "<B>other (%lld countries)</B>", (long long)k);
        }
        if (gr->has_share)
            ckp_buf_printf(l, " %.1f%%", 100 * gr->share);
        ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\">%s%s%lld node%s</FONT>",
                        gr->has_share ? amount(x, sizeof x, gr->amount) : "",
                        gr->has_share ? " · " : "", (long long)gr->nodes,
                        gr->nodes == 1 ? "" : "s");
        if (gr->removed)
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\">%lld removed</FONT>",
                            (long long)gr->removed);
        if (gr->added)
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ %lld added</B></FONT>",
                            (long long)gr->added);
        if (gr->changed)
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>+ %lld changed</B></FONT>",
                            (long long)gr->changed);
        if (gr->spofs)
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>⚠ %lld SPOF%s</B></FONT>",
                            (long long)gr->spofs, gr->spofs == 1 ? "" : "s");
        if (gr->shortfall > 0) {
            ckp_buf_printf(l, "<BR/><FONT POINT-SIZE=\"10\"><B>short %s (%.0f%%)</B></FONT>",
                            amount(x, sizeof x, gr->shortfall),
                            100 * share_of(gr->shortfall, gr->demand));
            b->short_ = 1;
            m->used_short = 1;
        }
        ckp_buf *t = &b->tooltip;
        ckp_buf_printf(t, "%s, %s\n", ckp_network_tier_name(net, gr->tier),
                        code ? code : "other countries");
        ckp_buf_printf(t, "%lld node%s", (long long)gr->nodes, gr->nodes == 1 ? "" : "s");
        if (gr->has_share)
            ckp_buf_printf(t, " · %s (%s) · %.1f%% of the tier",
                            amount(x, sizeof x, gr->amount),
                            ckp_basis_name(conc[gr->tier].basis), 100 * gr->share);
        if (gr->spofs)
            ckp_buf_printf(t, "\nsingle points of failure: %lld", (long long)gr->spofs);
        if (gr->risk > 0)
            ckp_buf_printf(t, "\nlargest flow at risk of one node: %s",
                            amount(x, sizeof x, gr->risk));
        if (gr->tier == last)
            ckp_buf_printf(t, "\ndemand: %s", amount(y, sizeof y, gr->demand));
    }
    for (igraph_integer_t e = 0; e < ne; e++) {
        igraph_integer_t gu = gid[ckp_edge_from(net, e)], gv = gid[ckp_edge_to(net, e)];
        if (gu == gv)
            continue;
        int cut = c->edge_cut && c->edge_cut[e];
        double vol = ckp_edge_volume(net, e);
        ge[nge++] = (group_edge){gu, gv, vol, cut ? vol : 0, 1, cut,
                                 c->edge_added && c->edge_added[e]};
    }
    qsort(ge, (size_t)nge, sizeof *ge, by_group_pair);
    for (igraph_integer_t i = 0; i < nge;) {
        group_edge s = ge[i++];
        while (i < nge && ge[i].from == s.from && ge[i].to == s.to) {
            s.volume += ge[i].volume;
            s.cut_volume += ge[i].cut_volume;
            s.edges += ge[i].edges;
            s.cut += ge[i].cut;
            s.added += ge[i].added;
            i++;
        }
        arrow *ar = add_arrow(m, s.from, s.to, s.volume);
        if (!ar) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        ar->cut = s.cut == s.edges;
        ar->highlight = s.added > 0;
        ar->faded = c->edge_added && !ar->highlight;
        ar->against = g[s.to].tier <= g[s.from].tier;
        if (ar->cut)
            m->used_cut = 1;
        if (ar->highlight)
            m->used_highlight = 1;
        if (!(ar->volume > 0) && !ar->cut)
            m->used_zero = 1;
        ckp_buf_printf(&ar->tooltip, "%lld edge%s, volume %s", (long long)s.edges,
                        s.edges == 1 ? "" : "s", amount(x, sizeof x, s.volume));
        if (s.cut)
            ckp_buf_printf(&ar->tooltip, "\n%lld cut by the scenario (volume %s)",
                            (long long)s.cut, amount(y, sizeof y, s.cut_volume));
        if (s.added)
            ckp_buf_printf(&ar->tooltip, "\n%lld added by the plan", (long long)s.added);
    }
done:
    free(gid);
    free(slot);
    free(tc);
    free(g);
    free(ge);
    return rc;
}

/* ---- emitter ------------------------------------------------------------------------------ */

/*
 * A legend entry: a coloured square glyph and its text. Glyphs rather than
 * table cells, because Graphviz stretches a nested table to the width of the
 * widest row and would spread the entries apart.
 */
static void legend_swatch(ckp_buf *d, const char *color, const char *text, int html_text)
{
    unsigned r = 0, g = 0, b = 0;
    sscanf(color, "#%2x%2x%2x", &r, &g, &b);
    if (r + g + b > 3 * 235) /* near white: an outlined square, else it would not show */
        ckp_buf_puts(d, "<FONT COLOR=\"#777777\" POINT-SIZE=\"17\">□</FONT> ");
    else
        ckp_buf_printf(d, "<FONT COLOR=\"%s\" POINT-SIZE=\"17\">■</FONT> ", color);
    if (html_text)
        ckp_buf_puts(d, text);
    else
        ckp_buf_html(d, text);
    ckp_buf_puts(d, "    ");
}

static int by_code(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static void legend_row_begin(ckp_buf *d)
{
    ckp_buf_puts(d, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"13\">");
}

static void legend_row_end(ckp_buf *d)
{
    ckp_buf_puts(d, "</FONT></TD></TR>\n");
}

static void emit_legend(ckp_buf *d, const model *m, const ctx *c, double max_volume)
{
    char x[64];
    legend_row_begin(d);
    if (c->o->color == CKP_COLOR_BY_RISK) {
        ckp_buf_puts(d, "<B>Fill: flow at risk, share of served demand</B>    ");
        for (int k = 0; k < N_RISK; k++)
            if (m->used_risk[k])
                legend_swatch(d, risk_colors[k], risk_names[k], 0);
    } else {
        /* at most CKP_PALETTE_SIZE entries: one row */
        ckp_buf_puts(d, "<B>Fill: country</B>    ");
        for (int i = 0; i < c->pal->n; i++)
            if (m->used_country[i])
                legend_swatch(d, c->pal->color[i], c->pal->code[i], 0);
    }
    legend_row_end(d);
    if ((m->used_other && c->o->color == CKP_COLOR_BY_COUNTRY) || m->used_removed) {
        legend_row_begin(d);
        if (m->used_other && c->o->color == CKP_COLOR_BY_COUNTRY) {
            ckp_buf other;
            ckp_buf_init(&other);
            ckp_buf_puts(&other, "other countries");
            igraph_integer_t nc = ckp_network_country_count(c->net), k = 0, total = 0;
            const char **codes = malloc((size_t)(nc ? nc : 1) * sizeof *codes);
            for (igraph_integer_t i = 0; codes && m->other_mark && i < nc; i++)
                if (m->other_mark[i])
                    codes[total++] = ckp_network_country_name(c->net, i);
            if (codes && total) {
                qsort(codes, (size_t)total, sizeof *codes, by_code);
                ckp_buf_puts(&other, ": ");
                for (k = 0; k < total && k < 16; k++)
                    ckp_buf_printf(&other, "%s%s", k ? ", " : "", codes[k]);
                if (total > 16)
                    ckp_buf_printf(&other, " and %lld more", (long long)(total - 16));
            }
            free(codes);
            legend_swatch(d, CKP_COLOR_OTHER, other.data ? other.data : "other countries", 0);
            ckp_buf_destroy(&other);
        }
        if (m->used_removed)
            legend_swatch(d, REMOVED_FILL, "<S>removed</S> by the scenario", 1);
        legend_row_end(d);
    }

    /* what the marks mean, one line each */
    ckp_buf_puts(d, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"12\">");
    if (max_volume > 0) {
        ckp_buf_printf(d, "Arrow width is proportional to volume (widest: %s%s",
                        amount(x, sizeof x, max_volume), c->unit[0] ? " " : "");
        ckp_buf_html(d, c->unit);
        ckp_buf_puts(d, ")");
        if (m->used_zero)
            ckp_buf_puts(d, "; dotted: no volume in the data (a possible route)");
        ckp_buf_puts(d, ".");
    } else {
        ckp_buf_puts(d, "Arrows dotted and thin: the network gives no volumes.");
    }
    if (m->used_spof)
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>⚠ SPOF, double black border: a single point of "
                         "failure, whose loss cuts off end users (the figure is their demand).");
    if (m->used_cut)
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>Dashed grey arrow ending in a bar: trade cut by "
                         "the scenario.");
    if (m->used_short)
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>short, bold border: demand an end user does not "
                         "get in a maximum flow under the scenario (the total is exact; when "
                         "end users compete, the split between them is one of several).");
    if (m->used_highlight)
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>Bold black outline and black arrows, marked +: "
                         "added or changed by the plan; the rest of the network is faded.");
    ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/></FONT></TD></TR>");
}

/* Cut a long text at a word boundary, for the one-line source note. */
static void clipped_html(ckp_buf *d, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (utf8_chars(s, n) <= max) {
        ckp_buf_html(d, s);
        return;
    }
    /* find the byte offset of character `max` */
    size_t i = 0, k = 0;
    while (s[i] && k < max) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k++;
    }
    size_t cut = i;
    while (cut > 0 && s[cut] != ' ')
        cut--;
    if (cut < max / 2)
        cut = i;
    char *t = malloc(cut + 1);
    if (!t) {
        d->oom = 1;
        return;
    }
    memcpy(t, s, cut);
    t[cut] = '\0';
    while (cut && (t[cut - 1] == ',' || t[cut - 1] == ';' || t[cut - 1] == ' '))
        t[--cut] = '\0';
    ckp_buf_html(d, t);
    ckp_buf_puts(d, " ...");
    free(t);
}

static void emit(ckp_buf *d, const model *m, const ctx *c, const char *title,
                 const char *subtitle, const char *caption)
{
    const ckp_network *net = c->net;
    const char *p = c->o->id_prefix ? c->o->id_prefix : "";
    igraph_integer_t nt = ckp_network_tier_count(net);
    const ckp_tier_concentration *conc = c->conc;
    char x[64];
    double maxv = 0;
    for (igraph_integer_t i = 0; i < m->n_arrows; i++)
        if (m->arrows[i].volume > maxv)
            maxv = m->arrows[i].volume;
    int edge_labels = m->n_arrows <= EDGE_LABEL_LIMIT;

    ckp_buf_puts(d, "digraph chokepoint {\n");
    ckp_buf_printf(d, "  graph [rankdir=LR, newrank=true, ranksep=\"0.9\", nodesep=\"0.16\", "
                       "pad=\"0.3\", bgcolor=\"white\", fontname=\"%s\", fontsize=12, "
                       "labelloc=t, labeljust=l, id=\"%sgraph\",\n",
                    FONT, p);
    ckp_buf_puts(d, "    label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                     "CELLPADDING=\"3\">\n");
    ckp_buf_puts(d, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"22\"><B>");
    ckp_buf_html(d, title);
    ckp_buf_puts(d, "</B></FONT></TD></TR>\n<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"14\">");
    ckp_buf_html(d, subtitle);
    ckp_buf_puts(d, "</FONT></TD></TR>\n");
    if (caption && caption[0]) {
        ckp_buf_printf(d, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"13\" COLOR=\"%s\"><B>",
                        NOTE_COLOR);
        ckp_buf_html(d, caption);
        ckp_buf_puts(d, "</B></FONT></TD></TR>\n");
    }
    emit_legend(d, m, c, maxv);
    ckp_buf_puts(d, "\n</TABLE>>];\n");
    ckp_buf_printf(d, "  node [shape=box, style=\"rounded,filled\", fontname=\"%s\", "
                       "fontsize=11, penwidth=0.8, color=\"#4D4D4D\", margin=\"0.10,0.05\"];\n",
                    FONT);
    ckp_buf_printf(d, "  edge [color=\"%s\", arrowsize=0.6, fontname=\"%s\", fontsize=10];\n",
                    EDGE_COLOR, FONT);

    /* an outer frame only to carry the source line at the bottom */
    ckp_buf_printf(d, "  subgraph cluster_frame {\n    graph [id=\"%sframe\", color=\"white\", "
                       "labelloc=b, labeljust=l, fontsize=11, fontcolor=\"#4D4D4D\", label=<",
                    p);
    ckp_buf_puts(d, "Source: ");
    const char *src = ckp_network_source(net);
    if (src && src[0])
        clipped_html(d, src, 150);
    else
        ckp_buf_puts(d, "not given in the network file");
    ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>Drawn by chokepoint");
    if (c->o->input_name && c->o->input_name[0]) {
        ckp_buf_puts(d, " from ");
        ckp_buf_html(d, c->o->input_name);
    }
    ckp_buf_puts(d, "; hover over a box or an arrow (SVG) for its figures.<BR ALIGN=\"LEFT\"/>"
                     ">];\n");
    for (igraph_integer_t t = 0; t < nt; t++) {
        igraph_integer_t count = 0;
        for (igraph_integer_t v = 0; v < ckp_network_node_count(net); v++)
            count += ckp_node_tier(net, v) == t;
        ckp_buf_printf(d, "    subgraph cluster_t%lld {\n      graph [id=\"%stier%lld\", "
                           "style=\"rounded,filled\", fillcolor=\"#F4F4F4\", color=\"#D0D0D0\", "
                           "fontsize=13, labelloc=t, labeljust=c, label=<<B>",
                        (long long)t, p, (long long)t);
        ckp_buf_html(d, ckp_network_tier_name(net, t));
        ckp_buf_printf(d, "</B><BR/><FONT POINT-SIZE=\"11\">%lld node%s", (long long)count,
                        count == 1 ? "" : "s");
        if (conc && conc[t].basis != CKP_BASIS_NONE && conc[t].n_countries) {
            ckp_buf_printf(d, " · HHI %s · ",
                            ckp_fmt_number(x, sizeof x, round(conc[t].hhi), 0));
            ckp_buf_html(d, conc[t].countries[0].name);
            ckp_buf_printf(d, " %.0f%%", 100 * conc[t].countries[0].share);
        }
        ckp_buf_puts(d, "</FONT>>];\n");
        ckp_buf_printf(d, "      t%lld [id=\"%st%lld\", shape=point, style=invis, width=0, "
                           "height=0, label=\"\"];\n",
                        (long long)t, p, (long long)t);
        for (igraph_integer_t i = 0; i < m->n_boxes; i++) {
            const box *b = &m->boxes[i];
            if (b->tier != t)
                continue;
            int light = ckp_color_is_light(b->fill);
            ckp_buf_printf(d, "      n%lld [id=\"%sn%lld\", fillcolor=\"%s\"", (long long)i, p,
                            (long long)i, b->fill);
            if (b->removed)
                ckp_buf_printf(d, ", fontcolor=\"%s\", color=\"#A0A0A0\", "
                                   "style=\"rounded,filled,dashed\"",
                                REMOVED_TEXT);
            else if (b->faded)
                ckp_buf_puts(d, ", fontcolor=\"#595959\", color=\"#B0B0B0\"");
            else if (!light)
                ckp_buf_puts(d, ", fontcolor=\"white\"");
            if (b->spof)
                ckp_buf_puts(d, ", peripheries=2, penwidth=1.6, color=\"black\"");
            if (b->highlight)
                ckp_buf_puts(d, ", penwidth=3.5, color=\"black\"");
            if (b->short_)
                ckp_buf_puts(d, ", penwidth=2.5, color=\"black\"");
            if (b->height > 0)
                ckp_buf_printf(d, ", height=\"%.2f\"", b->height);
            ckp_buf_puts(d, ",\n        label=<");
            ckp_buf_put(d, b->label.data ? b->label.data : "", b->label.len);
            ckp_buf_puts(d, ">,\n        tooltip=\"");
            ckp_buf_dotstr(d, b->tooltip.data ? b->tooltip.data : "");
            ckp_buf_puts(d, "\"];\n");
        }
        ckp_buf_puts(d, "    }\n");
    }
    ckp_buf_puts(d, "  }\n");
    /* tiers as ranks: every box of a tier in one column, the columns in tier order */
    for (igraph_integer_t t = 0; t < nt; t++) {
        ckp_buf_printf(d, "  { rank=same; t%lld;", (long long)t);
        for (igraph_integer_t i = 0; i < m->n_boxes; i++)
            if (m->boxes[i].tier == t)
                ckp_buf_printf(d, " n%lld;", (long long)i);
        ckp_buf_puts(d, " }\n");
    }
    if (nt > 1) {
        ckp_buf_puts(d, "  t0");
        for (igraph_integer_t t = 1; t < nt; t++)
            ckp_buf_printf(d, " -> t%lld", (long long)t);
        ckp_buf_puts(d, " [style=invis];\n");
    }
    for (igraph_integer_t i = 0; i < m->n_arrows; i++) {
        const arrow *ar = &m->arrows[i];
        double w = maxv > 0 ? 0.8 + 7.2 * ar->volume / maxv : 1.0;
        ckp_buf_printf(d, "  n%lld -> n%lld [id=\"%se%lld\", penwidth=\"%.2f\"",
                        (long long)ar->from, (long long)ar->to, p, (long long)i, w);
        if (ar->cut)
            ckp_buf_puts(d, ", style=dashed, color=\"#9E9E9E\", arrowhead=tee");
        else if (ar->highlight)
            ckp_buf_printf(d, ", color=\"black\", penwidth=\"%.2f\"", w < 2.5 ? 2.5 : w);
        else if (ar->faded)
            ckp_buf_printf(d, ", color=\"%s\"", FADED_EDGE);
        if (!(ar->volume > 0) && !ar->cut)
            ckp_buf_puts(d, ", style=dotted");
        if (ar->against)
            ckp_buf_puts(d, ", constraint=false");
        if (edge_labels)
            ckp_buf_printf(d, ", label=\"%s\"", amount(x, sizeof x, ar->volume));
        ckp_buf_puts(d, ", tooltip=\"");
        ckp_buf_dotstr(d, ar->tooltip.data ? ar->tooltip.data : "");
        ckp_buf_puts(d, "\"];\n");
    }
    ckp_buf_puts(d, "}\n");
}

/* ---- modes ------------------------------------------------------------------------------- */

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

ckp_code ckp_render_dot(char **dot, size_t *len, ckp_render_info *info, const ckp_network *net,
                        const ckp_render_options *opts, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_render_options defaults;
    ckp_render_info own_info;
    ckp_analysis own;
    ckp_scenario_report rep;
    ckp_palette pal;
    model m;
    ckp_buf d, sub, cap;
    ctx c;
    igraph_integer_t n = ckp_network_node_count(net), ne = ckp_network_edge_count(net);
    igraph_integer_t *amap = NULL;
    ckp_tier_concentration *conc = NULL;
    char x[64], y[64], z[64];
    *dot = NULL;
    if (len)
        *len = 0;
    if (!info)
        info = &own_info;
    memset(info, 0, sizeof *info);
    if (!opts) {
        ckp_render_options_init(&defaults);
        opts = &defaults;
    }
    ckp_analysis_init(&own);
    memset(&rep, 0, sizeof rep);
    memset(&m, 0, sizeof m);
    memset(&c, 0, sizeof c);
    ckp_buf_init(&d);
    ckp_buf_init(&sub);
    ckp_buf_init(&cap);
    c.net = net;
    c.o = opts;
    c.unit = ckp_network_unit(net);

    if (opts->palette) {
        c.pal = opts->palette;
    } else {
        if ((rc = ckp_palette_for_network(&pal, net, err)))
            goto done;
        c.pal = &pal;
    }

    if (opts->scenario) {
        /* analyse the network under the scenario; map nodes back by id */
        if ((rc = ckp_scenario_run(&rep, net, opts->scenario, err)))
            goto done;
        if ((rc = ckp_analyze(&own, rep.shocked, NULL, err)))
            goto done;
        c.a = &own;
        c.anet = rep.shocked;
        c.rep = &rep;
        amap = malloc((size_t)(n ? n : 1) * sizeof *amap);
        c.node_removed = calloc((size_t)(n ? n : 1), 1);
        c.edge_cut = calloc((size_t)(ne ? ne : 1), 1);
        c.cap_after = malloc((size_t)(n ? n : 1) * sizeof *c.cap_after);
        c.user_short = malloc((size_t)(n ? n : 1) * sizeof *c.user_short);
        c.user_alone = malloc((size_t)(n ? n : 1) * sizeof *c.user_alone);
        if (!amap || !c.node_removed || !c.edge_cut || !c.cap_after || !c.user_short ||
            !c.user_alone) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            amap[v] = ckp_network_find(rep.shocked, ckp_node_id(net, v));
            c.node_removed[v] = amap[v] < 0;
            c.cap_after[v] = NAN;
            c.user_short[v] = NAN;
            c.user_alone[v] = NAN;
            if (amap[v] >= 0) {
                double before = ckp_node_capacity(net, v);
                double after = ckp_node_capacity(rep.shocked, amap[v]);
                if (!same_number(before, after))
                    c.cap_after[v] = after;
            }
        }
        for (igraph_integer_t e = 0; e < ne; e++) {
            igraph_integer_t u = amap[ckp_edge_from(net, e)], v = amap[ckp_edge_to(net, e)];
            c.edge_cut[e] = u < 0 || v < 0 || ckp_network_find_edge(rep.shocked, u, v) < 0;
        }
        /*
         * Shortfalls from one maximum flow on the network under the scenario: the total is
         * exact; how it splits between end users that compete is one of several possible.
         * The tooltip adds the most each could get alone.
         */
        for (igraph_integer_t k = 0; k < own.n_end_users; k++) {
            const ckp_end_user *u = &own.end_users[k];
            igraph_integer_t v = ckp_network_find(net, ckp_node_id(rep.shocked, u->node));
            double s = ckp_round_flow(u->demand - u->served);
            if (v >= 0)
                c.user_short[v] = s > 0 ? s : 0;
        }
        for (igraph_integer_t k = 0; k < rep.n_end_users; k++)
            c.user_alone[rep.end_users[k].node] = rep.end_users[k].scenario_max;
        c.amap = amap;
    } else {
        if (opts->analysis) {
            c.a = opts->analysis;
        } else {
            if ((rc = ckp_analyze(&own, net, NULL, err)))
                goto done;
            c.a = &own;
        }
        c.anet = net;
    }

    /* shares of the drawn network, also under a scenario, so boxes and tiers agree */
    if (opts->scenario) {
        if ((rc = ckp_concentration(&conc, net, err)))
            goto done;
        c.conc = conc;
    } else {
        c.conc = c.a->concentration;
    }
    {
        igraph_integer_t na = ckp_network_node_count(c.anet);
        c.spof_at = malloc((size_t)(na ? na : 1) * sizeof *c.spof_at);
        m.other_mark = calloc((size_t)(ckp_network_country_count(net) + 1), 1);
        if (!c.spof_at || !m.other_mark) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        for (igraph_integer_t v = 0; v < na; v++)
            c.spof_at[v] = -1;
        for (igraph_integer_t i = 0; i < c.a->n_spofs; i++)
            c.spof_at[c.a->spofs[i].node] = i;
    }

    if (opts->baseline) {
        /* plan mode: what the plan added or changed, found by id */
        const ckp_network *b = opts->baseline;
        c.node_added = calloc((size_t)(n ? n : 1), 1);
        c.node_changed = calloc((size_t)(n ? n : 1), 1);
        c.edge_added = calloc((size_t)(ne ? ne : 1), 1);
        c.edge_changed = calloc((size_t)(ne ? ne : 1), 1);
        c.cap_before = malloc((size_t)(n ? n : 1) * sizeof *c.cap_before);
        if (!c.node_added || !c.node_changed || !c.edge_added || !c.edge_changed ||
            !c.cap_before) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            igraph_integer_t bv = ckp_network_find(b, ckp_node_id(net, v));
            c.cap_before[v] = NAN;
            if (bv < 0) {
                c.node_added[v] = 1;
                continue;
            }
            if (!same_number(ckp_node_capacity(b, bv), ckp_node_capacity(net, v)))
                c.cap_before[v] = ckp_node_capacity(b, bv);
            c.node_changed[v] = !isnan(c.cap_before[v]) ||
                                !same_number(ckp_node_demand_given(b, bv),
                                             ckp_node_demand_given(net, v)) ||
                                !same_number(ckp_node_stock(b, bv), ckp_node_stock(net, v));
        }
        for (igraph_integer_t e = 0; e < ne; e++) {
            igraph_integer_t bu = ckp_network_find(b, ckp_node_id(net, ckp_edge_from(net, e)));
            igraph_integer_t bv = ckp_network_find(b, ckp_node_id(net, ckp_edge_to(net, e)));
            igraph_integer_t be = bu >= 0 && bv >= 0 ? ckp_network_find_edge(b, bu, bv) : -1;
            if (be < 0)
                c.edge_added[e] = 1;
            else
                c.edge_changed[e] =
                    !same_number(ckp_edge_volume(b, be), ckp_edge_volume(net, e)) ||
                    !same_number(ckp_edge_capacity(b, be), ckp_edge_capacity(net, e));
        }
    }

    info->view = opts->view;
    if (opts->view == CKP_VIEW_TIERS && n > opts->max_nodes) {
        info->view = CKP_VIEW_COUNTRIES;
        info->aggregated = 1;
        snprintf(info->note, sizeof info->note,
                 "%lld nodes are over the limit of %lld for a firm-level diagram "
                 "(--max-nodes): drawn as the countries view, one box per tier and country",
                 (long long)n, (long long)opts->max_nodes);
    }
    if (info->view == CKP_VIEW_TIERS)
        rc = build_tiers(&m, &c, err);
    else
        rc = build_countries(&m, &c, err);
    if (rc)
        goto done;
    info->nodes = m.n_boxes;
    info->edges = m.n_arrows;

    /* title and subtitle */
    const char *title = ckp_network_name(net);
    if (opts->scenario)
        title = opts->scenario->name;
    else if (opts->baseline && opts->plan_name)
        title = opts->plan_name;
    if (opts->scenario || opts->baseline) {
        ckp_buf_puts(&sub, ckp_network_name(net));
        ckp_buf_puts(&sub, " · ");
    }
    if (c.unit[0])
        ckp_buf_printf(&sub, "%s", c.unit);
    if (!isnan(ckp_network_year(net)))
        ckp_buf_printf(&sub, "%s%.0f", c.unit[0] ? " · " : "", ckp_network_year(net));
    if (opts->scenario)
        ckp_buf_printf(&sub, " · served %s of %s (%.1f%%), %s before the shock",
                        amount(x, sizeof x, rep.served), amount(y, sizeof y, rep.demand),
                        100 * share_of(rep.served, rep.demand),
                        amount(z, sizeof z, rep.baseline_served));
    else
        ckp_buf_printf(&sub, " · served %s of demand %s (%.1f%%)",
                        amount(x, sizeof x, c.a->served), amount(y, sizeof y, c.a->demand),
                        100 * share_of(c.a->served, c.a->demand));
    ckp_buf_printf(&sub, " · %lld nodes, %lld edges", (long long)n, (long long)ne);
    if (info->aggregated)
        ckp_buf_printf(&cap, "Aggregated: %s.", info->note);
    else if (info->view == CKP_VIEW_COUNTRIES)
        ckp_buf_puts(&cap, "One box per tier and country, its height in proportion to the "
                            "country's share of the tier; arrows sum the flows between them.");
    if (opts->baseline) {
        igraph_integer_t na = 0, nch = 0, ea = 0;
        for (igraph_integer_t v = 0; v < n; v++) {
            na += c.node_added[v];
            nch += c.node_changed[v];
        }
        for (igraph_integer_t e = 0; e < ne; e++)
            ea += c.edge_added[e] || c.edge_changed[e];
        ckp_buf_printf(&cap, "%sThe plan adds %lld node%s, changes %lld, and adds or changes "
                              "%lld edge%s.",
                        cap.len ? " " : "", (long long)na, na == 1 ? "" : "s", (long long)nch,
                        (long long)ea, ea == 1 ? "" : "s");
    }
    if (sub.oom || cap.oom) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    emit(&d, &m, &c, title, sub.data ? sub.data : "", cap.data);
    *dot = ckp_buf_take(&d, len);
    if (!*dot)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    model_destroy(&m);
    ckp_buf_destroy(&d);
    ckp_buf_destroy(&sub);
    ckp_buf_destroy(&cap);
    ckp_analysis_destroy(&own);
    ckp_scenario_report_destroy(&rep);
    free(amap);
    free(c.node_removed);
    free(c.edge_cut);
    free(c.cap_after);
    free(c.user_short);
    free(c.user_alone);
    free(c.node_added);
    free(c.node_changed);
    free(c.edge_added);
    free(c.edge_changed);
    free(c.cap_before);
    free(c.spof_at);
    ckp_concentration_free(conc, ckp_network_tier_count(net));
    return rc;
}
