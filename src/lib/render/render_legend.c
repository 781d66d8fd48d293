/* The legend of a diagram: what each colour and mark used in the figure means. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/country.h"
#include "chokepoint/materials.h"
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

/* Swatches a legend row holds on a page before the next row, so it stays narrow. */
#define PAGE_SWATCHES 4

/* One more swatch in the row; on a page, a new row every PAGE_SWATCHES. */
static void next_swatch(ckp_buf *d, const ctx *c, int *k)
{
    if (c->lay && *k && *k % PAGE_SWATCHES == 0) {
        legend_row_end(d);
        legend_row_begin(d);
    }
    (*k)++;
}

/* A palette entry: its code and, where the code is one, its ISO English short name. */
static void country_swatch(ckp_buf *d, const char *color, const char *code)
{
    const char *name = ckp_country_name(code);
    ckp_buf text;
    ckp_buf_init(&text);
    ckp_buf_printf(&text, "%s%s%s", code, name ? " " : "", name ? name : "");
    legend_swatch(d, color, text.data ? text.data : code, 0);
    ckp_buf_destroy(&text);
}

/* The fills of the figure: countries (or risk classes), losses, "other", removed. */
static void legend_fills(ckp_buf *d, const model *m, const ctx *c)
{
    int k = 0;
    legend_row_begin(d);
    if (c->o->color == CKP_COLOR_BY_RISK) {
        ckp_buf_puts(d, "<B>Fill: flow at risk, share of served demand</B>    ");
        for (int i = 0; i < N_RISK; i++)
            if (m->used_risk[i]) {
                next_swatch(d, c, &k);
                legend_swatch(d, rd_risk_colors[i], rd_risk_names[i], 0);
            }
    } else {
        /* at most CKP_PALETTE_SIZE entries */
        ckp_buf_puts(d, "<B>Fill: country</B>    ");
        for (int i = 0; i < c->pal->n; i++)
            if (m->used_country[i]) {
                next_swatch(d, c, &k);
                country_swatch(d, c->pal->color[i], c->pal->code[i]);
            }
    }
    legend_row_end(d);
    int any_loss = 0;
    for (int i = 0; i < N_RISK; i++)
        any_loss |= m->used_loss[i];
    if (any_loss) {
        legend_row_begin(d);
        ckp_buf_puts(d, "<B>End users' fill: immediate loss (nobody adapts), share of "
                        "demand</B>    ");
        for (k = 0; k < N_RISK; k++)
            if (m->used_loss[k])
                legend_swatch(d, rd_risk_colors[k], rd_loss_names[k], 0);
        legend_row_end(d);
    }
}

const char *const rd_material_colors[N_MATERIAL_COLORS] = {"#004488", "#DDAA33", "#BB5566",
                                                           "#000000"};

/* Arrows by material: each material's colour and name, in the network's order. */
static void legend_materials(ckp_buf *d, const model *m, const ctx *c)
{
    igraph_integer_t nm = ckp_network_material_count(c->net);
    int k = 0, any = 0;
    for (int i = 0; i < N_MATERIAL_COLORS; i++)
        any |= m->used_material[i];
    if (!any)
        return;
    legend_row_begin(d);
    ckp_buf_puts(d, "<B>Arrows: material</B>    ");
    for (igraph_integer_t i = 0; i < nm; i++)
        if (m->used_material[i % N_MATERIAL_COLORS]) {
            next_swatch(d, c, &k);
            legend_swatch(d, rd_material_colors[i % N_MATERIAL_COLORS],
                          ckp_material_name(c->net, i), 0);
        }
    legend_row_end(d);
}

/* The "other countries" entry: the codes drawn in CKP_COLOR_OTHER, sorted. */
static void legend_other(ckp_buf *d, const model *m, const ctx *c)
{
    ckp_buf other, html;
    ckp_buf_init(&other);
    ckp_buf_init(&html);
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
    const char *text = other.data ? other.data : "other countries";
    if (c->lay) { /* on a page, over lines of its own */
        rd_wrap_left(&html, text, PAGE_LINE - 8, 4);
        legend_swatch(d, CKP_COLOR_OTHER, html.data ? html.data : "", 1);
    } else {
        legend_swatch(d, CKP_COLOR_OTHER, text, 0);
    }
    ckp_buf_destroy(&other);
    ckp_buf_destroy(&html);
}

/* A sentence of the legend's notes, after a line break unless it is the first. */
static void legend_note(ckp_buf *d, const ctx *c, const char *text, int *first)
{
    if (!*first)
        ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/>");
    *first = 0;
    if (c->lay)
        rd_wrap_left(d, text, PAGE_LINE, 6);
    else
        ckp_buf_html(d, text);
}

/* What the marks mean, a sentence each. */
static void legend_notes(ckp_buf *d, const model *m, const ctx *c, double max_volume)
{
    char x[64];
    int first = 1;
    ckp_buf t;
    ckp_buf_init(&t);
    if (max_volume > 0) {
        ckp_buf_printf(&t, "Arrow width is proportional to volume (widest: %s%s%s)",
                       ckp_fmt_figure_amount(x, sizeof x, max_volume), c->unit[0] ? " " : "",
                       c->unit);
        if (m->used_zero)
            ckp_buf_puts(&t, "; dotted: no volume in the data (a possible route)");
        ckp_buf_puts(&t, ".");
    } else {
        ckp_buf_puts(&t, "Arrows dotted and thin: the network gives no volumes.");
    }
    legend_note(d, c, t.data ? t.data : "", &first);
    ckp_buf_destroy(&t);
    if (m->used_spof)
        legend_note(d, c, "⚠ SPOF, double black border: a single point of failure, whose loss "
                          "cuts off end users (the figure is their demand).",
                    &first);
    if (m->used_cut)
        legend_note(d, c, "Dashed grey arrow ending in a bar: trade cut by the scenario.", &first);
    if (m->used_fold) {
        ckp_buf_init(&t);
        ckp_buf_printf(&t, "Dashed grey box and arrows, other: a supplier's flows under %g%% of "
                           "its outflow, summed into their customers' tier%s.",
                       c->o->min_share,
                       m->used_fold > 1 ? "; +N nodes: customers with every flow folded" : "");
        legend_note(d, c, t.data ? t.data : "", &first);
        ckp_buf_destroy(&t);
    }
    if (m->used_short && c->user_view && c->has_volumes)
        legend_note(d, c, "immediately short, bold border: demand an end user loses before "
                          "anyone adapts; reallocated: the least and the most it gets over "
                          "every best allocation.",
                    &first);
    else if (m->used_short)
        legend_note(d, c, "short, bold border: demand an end user does not get in a best "
                          "allocation under the scenario (the total is exact; when end users compete, "
                          "the split between them is one of several).",
                    &first);
    if (m->used_highlight)
        legend_note(d, c, "Bold black outline and black arrows, marked +: added or changed by "
                          "the plan; the rest of the network is faded.",
                    &first);
}

void rd_emit_legend(ckp_buf *d, const model *m, const ctx *c, double max_volume)
{
    legend_fills(d, m, c);
    legend_materials(d, m, c);
    if ((m->used_other && c->o->color == CKP_COLOR_BY_COUNTRY) || m->used_removed) {
        legend_row_begin(d);
        if (m->used_other && c->o->color == CKP_COLOR_BY_COUNTRY)
            legend_other(d, m, c);
        if (m->used_removed)
            legend_swatch(d, REMOVED_FILL, "<S>removed</S> by the scenario", 1);
        legend_row_end(d);
    }
    ckp_buf_puts(d, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"12\">");
    legend_notes(d, m, c, max_volume);
    ckp_buf_puts(d, "<BR ALIGN=\"LEFT\"/></FONT></TD></TR>");
}
