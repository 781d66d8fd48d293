/*
 * The figure model of a diagram (render_dot_internal.h): boxes and arrows,
 * and the styling both views share (fills, risk classes, what the legend
 * must list).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_dot_internal.h"

/* Risk classes: flow at risk as a share of served demand (upper bounds). */
static const double risk_bounds[] = {0, 0.01, 0.05, 0.20, INFINITY};
const char *const rd_risk_colors[N_RISK] = {"#F7F7F7", "#FED976", "#FD8D3C", "#E31A1C", "#800026"};
const char *const rd_risk_names[N_RISK] = {"none", "up to 1%", "1-5%", "5-20%", "over 20%"};
const char *const rd_loss_names[N_RISK] = {"none", "up to 5%", "5-20%", "20-50%", "over 50%"};

int rd_loss_class(double loss, double demand)
{
    static const double bounds[N_RISK] = {0, 0.05, 0.20, 0.50, 1};
    if (!(loss > 1e-9 * (demand > 1 ? demand : 1)) || !(demand > 0))
        return 0;
    double s = loss / demand;
    for (int k = 1; k < N_RISK; k++)
        if (s <= bounds[k])
            return k;
    return N_RISK - 1;
}

void rd_model_destroy(model *m)
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

box *rd_add_box(model *m, igraph_integer_t tier)
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

arrow *rd_add_arrow(model *m, igraph_integer_t from, igraph_integer_t to, double volume)
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
    a->material = -1;
    ckp_buf_init(&a->tooltip);
    return a;
}

int rd_risk_class(double risk, double served)
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

/* The legend records each palette colour or "other" country a box uses. */
void rd_note_country(model *m, const ckp_palette *pal, const ckp_network *net,
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

double rd_node_risk(const ckp_analysis *a, igraph_integer_t v)
{
    if (v < 0)
        return 0;
    double r = a->flow_at_risk[v];
    return isnan(r) ? a->dominated_demand[v] : r;
}

/* Node v's SPOF record (v in the analysed network), NULL if v is not a SPOF. */
const ckp_spof *rd_spof_of(const ctx *c, igraph_integer_t v)
{
    return v >= 0 && c->spof_at[v] >= 0 ? &c->a->spofs[c->spof_at[v]] : NULL;
}

/* A box's fill: its country's colour, or its risk class; faded in plan mode. */
void rd_fill_box(model *m, const ctx *c, box *b, igraph_integer_t country, double risk,
                     int faded)
{
    const char *color;
    const char *code = country >= 0 ? ckp_network_country_name(c->net, country) : NULL;
    if (c->o->color == CKP_COLOR_BY_RISK) {
        int k = rd_risk_class(risk, c->a->served);
        color = rd_risk_colors[k];
        m->used_risk[k] = 1;
    } else {
        color = code ? ckp_palette_color(c->pal, code) : CKP_COLOR_OTHER;
        if (code)
            rd_note_country(m, c->pal, c->net, country);
        else
            m->used_other = 1;
    }
    if (faded)
        fade_color(b->fill, color, 0.35);
    else
        snprintf(b->fill, sizeof b->fill, "%s", color);
}

void rd_note_box(model *m, const box *b)
{
    if (b->highlight)
        m->used_highlight = 1;
    if (b->spof)
        m->used_spof = 1;
}

void rd_mark_arrow(model *m, const ctx *c, arrow *ar)
{
    ar->faded = c->edge_added && !ar->highlight;
    if (ar->cut)
        m->used_cut = 1;
    if (ar->highlight)
        m->used_highlight = 1;
    if (!(ar->volume > 0) && !ar->cut)
        m->used_zero = 1;
}
