/* DOT emission: a diagram's figure model written as DOT text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "numfmt.h"
#include "render_dot_internal.h"

/* The graph's attributes and its label: title, subtitle, caption and legend. */
static void emit_heading(ckp_buf *d, const model *m, const ctx *c, const char *p,
                         const char *const texts[3], double maxv)
{
    const rd_layout *lay = c->lay;
    ckp_buf_puts(d, "digraph chokepoint {\n");
    ckp_buf_printf(d, "  graph [rankdir=%s, newrank=true, ranksep=\"%s\", nodesep=\"0.16\", "
                      "pad=\"%s\", bgcolor=\"white\", fontname=\"%s\", fontsize=12, "
                      "labelloc=t, labeljust=l, id=\"%sgraph\",\n",
                   lay && lay->top_down ? "TB" : "LR", lay && lay->compact ? "0.5" : "0.9",
                   lay ? "0" : "0.3", FONT, p);
    /* the baseline's order (emit_order): a second crossing minimisation would break it */
    if (c->order)
        ckp_buf_puts(d, "    remincross=false,\n");
    /* on a page: shrunk into `size`; no margin (PDF's default is half an inch) */
    if (lay)
        ckp_buf_puts(d, "    margin=0,\n");
    if (lay && lay->size_w > 0)
        ckp_buf_printf(d, "    size=\"%.4f,%.4f\",\n", lay->size_w, lay->size_h);
    ckp_buf_puts(d, "    label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                    "CELLPADDING=\"3\">\n");
    ckp_buf_puts(d, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"22\"><B>");
    ckp_buf_html(d, texts[0]);
    ckp_buf_puts(d, "</B></FONT></TD></TR>\n<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"14\">");
    /* on a page, the subtitle and caption wrapped as the legend is, not wider than it */
    if (lay) { /* the last line left-aligned too: Graphviz centres a line without a <BR> */
        rd_wrap_left(d, texts[1], PAGE_LINE - 8, 3);
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>");
    } else
        ckp_buf_html(d, texts[1]);
    ckp_buf_puts(d, "</FONT></TD></TR>\n");
    if (texts[2] && texts[2][0]) {
        ckp_buf_printf(d, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"13\" COLOR=\"%s\"><B>",
                       NOTE_COLOR);
        if (lay) {
            rd_wrap_left(d, texts[2], PAGE_LINE - 8, 4);
            ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>");
        } else
            ckp_buf_html(d, texts[2]);
        ckp_buf_puts(d, "</B></FONT></TD></TR>\n");
    }
    rd_emit_legend(d, m, c, maxv);
    ckp_buf_puts(d, "\n</TABLE>>];\n");
    ckp_buf_printf(d, "  node [shape=box, style=\"rounded,filled\", fontname=\"%s\", "
                      "fontsize=11, penwidth=0.8, color=\"#4D4D4D\", margin=\"0.10,0.05\"];\n",
                   FONT);
    ckp_buf_printf(d, "  edge [color=\"%s\", arrowsize=0.6, fontname=\"%s\", fontsize=10];\n",
                   EDGE_COLOR, FONT);
}

/* An outer frame, only to carry the source line at the bottom; left open for the tiers. */
static void emit_frame(ckp_buf *d, const ctx *c, const char *p)
{
    ckp_buf_printf(d, "  subgraph cluster_frame {\n    graph [id=\"%sframe\", color=\"white\", "
                      "labelloc=b, labeljust=l, fontsize=11, fontcolor=\"#4D4D4D\", label=<",
                   p);
    const char *src = ckp_network_source(c->net);
    if (c->lay) { /* on paper: the source over two lines at most, and nothing to hover over */
        ckp_buf_puts(d, "Source: ");
        rd_wrap_left(d, src && src[0] ? src : "not given in the network file", PAGE_LINE + 16,
                     2);
    } else {
        ckp_buf_puts(d, "Source: ");
        if (src && src[0])
            rd_clipped_html(d, src, 150);
        else
            ckp_buf_puts(d, "not given in the network file");
    }
    ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>Drawn by chokepoint");
    if (c->o->input_name && c->o->input_name[0]) {
        ckp_buf_puts(d, " from ");
        ckp_buf_html(d, c->o->input_name);
    }
    ckp_buf_printf(d, "%s<BR ALIGN=\"LEFT\"/>>];\n",
                   c->lay ? "." : "; hover over a box or an arrow (SVG) for its figures.");
}

/* Box i: its style from its marks, its label and tooltip. */
static void emit_box(ckp_buf *d, const box *b, igraph_integer_t i, const char *p)
{
    int light = ckp_color_is_light(b->fill);
    ckp_buf_printf(d, "      n%lld [id=\"%sn%lld\", fillcolor=\"%s\"", (long long)i, p,
                   (long long)i, b->fill);
    if (b->removed)
        ckp_buf_printf(d, ", fontcolor=\"%s\", color=\"#A0A0A0\", "
                          "style=\"rounded,filled,dashed\"",
                       REMOVED_TEXT);
    else if (b->fold)
        ckp_buf_printf(d, ", fontcolor=\"#404040\", color=\"%s\", "
                          "style=\"rounded,filled,dashed\"",
                       FOLD_LINE);
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

/* Tier t as a cluster: its name, nodes and concentration, an anchor point, its boxes. */
static void emit_tier(ckp_buf *d, const model *m, const ctx *c, const char *p,
                      igraph_integer_t t)
{
    const ckp_network *net = c->net;
    const ckp_tier_concentration *conc = c->conc;
    char x[64];
    igraph_integer_t count = 0;
    for (igraph_integer_t v = 0; v < ckp_network_node_count(net); v++)
        count += ckp_node_tier(net, v) == t &&
                 (!c->box_of || c->box_of[v] >= 0 || (c->node_hidden && c->node_hidden[v]));
    ckp_buf_printf(d, "    subgraph cluster_t%lld {\n      graph [id=\"%stier%lld\", "
                      "style=\"rounded,filled\", fillcolor=\"#F4F4F4\", color=\"#D0D0D0\", "
                      "fontsize=13, labelloc=t, labeljust=c, label=<<B>",
                   (long long)t, p, (long long)t);
    ckp_buf_html(d, ckp_network_tier_name(net, t));
    ckp_buf_printf(d, "</B><BR/><FONT POINT-SIZE=\"11\">%lld node%s", (long long)count,
                   count == 1 ? "" : "s");
    if (conc && conc[t].basis != CKP_BASIS_NONE && conc[t].n_countries) {
        ckp_buf_printf(d, " · HHI %s · ", ckp_fmt_number(x, sizeof x, round(conc[t].hhi), 0));
        ckp_buf_html(d, conc[t].countries[0].name);
        ckp_buf_printf(d, " %.0f%%", 100 * conc[t].countries[0].share);
    }
    ckp_buf_puts(d, "</FONT>>];\n");
    ckp_buf_printf(d, "      t%lld [id=\"%st%lld\", shape=point, style=invis, width=0, "
                      "height=0, label=\"\"];\n",
                   (long long)t, p, (long long)t);
    for (igraph_integer_t i = 0; i < m->n_boxes; i++)
        if (m->boxes[i].tier == t)
            emit_box(d, &m->boxes[i], i, p);
    ckp_buf_puts(d, "    }\n");
}

typedef struct {
    double key;
    igraph_integer_t box;
} keyed_box;

static int by_order(const void *pa, const void *pb)
{
    const keyed_box *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->box < b->box ? -1 : a->box > b->box;
}

/*
 * The baseline's order of each tier's boxes, kept by a chain of invisible
 * edges within the rank: Graphviz places the tail of such a flat edge
 * before its head, so the boxes cannot be reordered.
 */
static void emit_order(ckp_buf *d, const model *m, const ctx *c, igraph_integer_t nt)
{
    keyed_box *in_tier = malloc((size_t)(m->n_boxes ? m->n_boxes : 1) * sizeof *in_tier);
    if (!in_tier) {
        d->oom = 1;
        return;
    }
    igraph_integer_t n = ckp_network_node_count(c->net);
    for (igraph_integer_t t = 0; t < nt; t++) {
        igraph_integer_t k = 0;
        for (igraph_integer_t i = 0; i < m->n_boxes; i++)
            if (m->boxes[i].tier == t) /* an "other" box: its tier's key after the nodes' */
                in_tier[k++] = (keyed_box){m->boxes[i].node >= 0 ? c->order[m->boxes[i].node]
                                                                 : c->order[n + t], i};
        if (k < 2)
            continue;
        qsort(in_tier, (size_t)k, sizeof *in_tier, by_order);
        ckp_buf_printf(d, "  n%lld", (long long)in_tier[0].box);
        for (igraph_integer_t i = 1; i < k; i++)
            ckp_buf_printf(d, " -> n%lld", (long long)in_tier[i].box);
        ckp_buf_puts(d, " [style=invis];\n");
    }
    free(in_tier);
}

/* Tiers as ranks: every box of a tier in one column, the columns in tier order. */
static void emit_ranks(ckp_buf *d, const model *m, igraph_integer_t nt)
{
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
}

/* The arrows, as wide as their volume against the widest, `maxv`. */
static void emit_arrows(ckp_buf *d, const model *m, const char *p, double maxv)
{
    int edge_labels = m->n_arrows <= EDGE_LABEL_LIMIT;
    char x[64];
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
        else if (ar->fold)
            ckp_buf_printf(d, ", color=\"%s\"", FOLD_LINE);
        else if (ar->material >= 0) /* partly transparent, as the grey arrows */
            ckp_buf_printf(d, ", color=\"%sB3\"",
                           rd_material_colors[ar->material % N_MATERIAL_COLORS]);
        if (ar->fold && !ar->cut)
            ckp_buf_puts(d, ", style=dashed");
        else if (!(ar->volume > 0) && !ar->cut)
            ckp_buf_puts(d, ", style=dotted");
        if (ar->against)
            ckp_buf_puts(d, ", constraint=false");
        if (edge_labels)
            ckp_buf_printf(d, ", label=\"%s\"", ckp_fmt_figure_amount(x, sizeof x, ar->volume));
        ckp_buf_puts(d, ", tooltip=\"");
        ckp_buf_dotstr(d, ar->tooltip.data ? ar->tooltip.data : "");
        ckp_buf_puts(d, "\"];\n");
    }
}

void rd_emit(ckp_buf *d, const model *m, const ctx *c, const char *title, const char *subtitle,
             const char *caption)
{
    const char *p = c->o->id_prefix ? c->o->id_prefix : "";
    const char *const texts[3] = {title, subtitle, caption};
    igraph_integer_t nt = ckp_network_tier_count(c->net);
    double maxv = 0;
    for (igraph_integer_t i = 0; i < m->n_arrows; i++)
        if (m->arrows[i].volume > maxv)
            maxv = m->arrows[i].volume;
    emit_heading(d, m, c, p, texts, maxv);
    emit_frame(d, c, p);
    for (igraph_integer_t t = 0; t < nt; t++)
        emit_tier(d, m, c, p, t);
    ckp_buf_puts(d, "  }\n");
    emit_ranks(d, m, nt);
    if (c->order)
        emit_order(d, m, c, nt);
    emit_arrows(d, m, p, maxv);
    ckp_buf_puts(d, "}\n");
}
