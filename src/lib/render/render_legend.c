/* The legend of a diagram: what each colour and mark used in the figure means. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "numfmt.h"
#include "render_dot_internal.h"

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

void rd_emit_legend(ckp_buf *d, const model *m, const ctx *c, double max_volume)
{
    char x[64];
    legend_row_begin(d);
    if (c->o->color == CKP_COLOR_BY_RISK) {
        ckp_buf_puts(d, "<B>Fill: flow at risk, share of served demand</B>    ");
        for (int k = 0; k < N_RISK; k++)
            if (m->used_risk[k])
                legend_swatch(d, rd_risk_colors[k], rd_risk_names[k], 0);
    } else {
        /* at most CKP_PALETTE_SIZE entries: one row */
        ckp_buf_puts(d, "<B>Fill: country</B>    ");
        for (int i = 0; i < c->pal->n; i++)
            if (m->used_country[i])
                legend_swatch(d, c->pal->color[i], c->pal->code[i], 0);
    }
    legend_row_end(d);
    int any_loss = 0;
    for (int k = 0; k < N_RISK; k++)
        any_loss |= m->used_loss[k];
    if (any_loss) {
        legend_row_begin(d);
        ckp_buf_puts(d, "<B>End users' fill: immediate loss (nobody adapts), share of "
                        "demand</B>    ");
        for (int k = 0; k < N_RISK; k++)
            if (m->used_loss[k])
                legend_swatch(d, rd_risk_colors[k], rd_loss_names[k], 0);
        legend_row_end(d);
    }
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
                       ckp_fmt_figure_amount(x, sizeof x, max_volume), c->unit[0] ? " " : "");
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
    if (m->used_short && c->user_view && c->has_volumes)
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>immediately short, bold border: demand an end "
                        "user loses before anyone adapts; reallocated: the least and the most "
                        "it gets at the maximum flow (over every allocation).");
    else if (m->used_short)
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>short, bold border: demand an end user does not "
                        "get in a maximum flow under the scenario (the total is exact; when "
                        "end users compete, the split between them is one of several).");
    if (m->used_highlight)
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>Bold black outline and black arrows, marked +: "
                        "added or changed by the plan; the rest of the network is faded.");
    ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/></FONT></TD></TR>");
}
