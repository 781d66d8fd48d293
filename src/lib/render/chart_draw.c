/*
 * Chart drawing (see chart.h): a built ckp_chart drawn with cairo as SVG,
 * PNG or PDF. Drawing runs twice: once on a recording surface to measure the
 * height the content needs, then on the real surface of that size.
 */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/chart.h"
#include "chokepoint/country.h"
#include "chokepoint/io.h"
#include "chokepoint/buf.h"
#include "figure_write.h"

#define FONT "DejaVu Sans"
#define WIDTH 960.0 /* points: a 16:9 slide at 72 points an inch is 960 x 540 */
#define MARGIN 28.0
#define PNG_SCALE 2.0
#define TEXT_RGB 0.13, 0.13, 0.13
#define MUTED_RGB 0.33, 0.33, 0.33
#define SMALLEST_TEXT 10.0 /* points, before scaling: the ranges chart's bar notes */

const char *ckp_cairo_version(void)
{
    return CAIRO_VERSION_STRING;
}

static void set_rgb(cairo_t *cr, const char *hex)
{
    unsigned r = 0, g = 0, b = 0;
    sscanf(hex, "#%2x%2x%2x", &r, &g, &b);
    cairo_set_source_rgb(cr, r / 255.0, g / 255.0, b / 255.0);
}

static void font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Text at (x, baseline y), anchored left (0), centre (0.5) or right (1). */
static void text_at(cairo_t *cr, double x, double y, const char *s, double anchor)
{
    cairo_move_to(cr, x - anchor * text_width(cr, s), y);
    cairo_show_text(cr, s);
}

#define MAX_LINES 6
typedef struct {
    int n;
    char line[MAX_LINES][512];
} lines;

/*
 * Break text into lines no wider than `width` at spaces (hard line breaks
 * kept), at most `max` lines, the last ending in "..." when text is left.
 */
static double span_width(cairo_t *cr, const char *from, const char *to)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)(to - from), from);
    return text_width(cr, buf);
}

static void wrap(cairo_t *cr, const char *text, double width, int max, lines *out)
{
    if (max > MAX_LINES)
        max = MAX_LINES;
    out->n = 0;
    const char *p = text;
    while (*p && out->n < max) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *end = p, *q = p;
        for (;;) {
            const char *we = q;
            while (*we && *we != ' ' && *we != '\n')
                we++;
            /* a word wider than the line still gets a line of its own */
            if (end != p && span_width(cr, p, we) > width)
                break;
            end = we;
            if (!*we || *we == '\n')
                break;
            q = we + 1;
        }
        char *cur = out->line[out->n++];
        size_t len = (size_t)(end - p);
        if (len > sizeof out->line[0] - 8)
            len = sizeof out->line[0] - 8;
        memcpy(cur, p, len);
        cur[len] = '\0';
        p = end;
        if (*p == '\n')
            p++;
        while (*p == ' ')
            p++;
        if (out->n == max && *p) {
            /* text is left: drop words until "..." fits */
            size_t l = strlen(cur);
            for (;;) {
                char trial[520];
                snprintf(trial, sizeof trial, "%.*s ...", (int)l, cur);
                if (l == 0 || text_width(cr, trial) <= width) {
                    snprintf(cur, sizeof out->line[0], "%s", trial);
                    break;
                }
                while (l > 0 && cur[l - 1] != ' ')
                    l--;
                while (l > 0 && cur[l - 1] == ' ')
                    l--;
            }
        }
    }
}

/* Draw wrapped text from baseline y; returns the y below it. */
static double paragraph(cairo_t *cr, double x, double y, double width, const char *text,
                        double size, int bold, double leading, int max)
{
    lines ls;
    font(cr, size, bold);
    wrap(cr, text, width, max, &ls);
    for (int i = 0; i < ls.n; i++) {
        text_at(cr, x, y + size, ls.line[i], 0);
        y += size * leading;
    }
    return y;
}

static double header(cairo_t *cr, const ckp_chart *c, double w)
{
    double y = MARGIN - 6;
    cairo_set_source_rgb(cr, TEXT_RGB);
    y = paragraph(cr, MARGIN, y, w - 2 * MARGIN, c->title, 22, 1, 1.3, 2);
    cairo_set_source_rgb(cr, MUTED_RGB);
    y = paragraph(cr, MARGIN, y + 2, w - 2 * MARGIN, c->subtitle ? c->subtitle : "", 14, 0,
                  1.35, 3);
    return y + 6;
}

static double footer(cairo_t *cr, const ckp_chart *c, double y, double w)
{
    if (c->caption) {
        cairo_set_source_rgb(cr, TEXT_RGB);
        y = paragraph(cr, MARGIN, y, w - 2 * MARGIN, c->caption, 12, 0, 1.4, 4);
    }
    cairo_set_source_rgb(cr, MUTED_RGB);
    y = paragraph(cr, MARGIN, y + 4, w - 2 * MARGIN, c->source ? c->source : "", 11, 0, 1.4, 3);
    return y + MARGIN - 8;
}

/* The legend of a bar chart: one swatch per colour, the "other" countries together. */
static double bar_legend(cairo_t *cr, const ckp_chart *c, double y, double w)
{
    char other[512] = "";
    size_t used = 0;
    int n_other = 0;
    double x = MARGIN, row = 22;
    font(cr, 13, 0);
    for (igraph_integer_t s = 0; s < c->n_series; s++)
        if (c->series[s].other) {
            if (n_other < 10)
                used +=
                    (size_t)snprintf(other + used, used < sizeof other ? sizeof other - used : 0,
                                     "%s%s", n_other ? ", " : "", c->series[s].label);
            n_other++;
        }
    if (n_other > 10 && used < sizeof other)
        snprintf(other + used, sizeof other - used, " and %d more", n_other - 10);
    y += 4;
    for (igraph_integer_t s = 0; s <= c->n_series; s++) {
        char label[600];
        const char *color;
        int blank = 0;
        if (s == c->n_series) { /* the grouped "other" entry, after the named ones */
            if (!n_other)
                break;
            snprintf(label, sizeof label, "other: %s", other);
            color = CKP_COLOR_OTHER;
        } else {
            if (c->series[s].other)
                continue;
            if (c->series[s].blank) {
                /* drawn after "other" below */
                continue;
            }
            /* a country's code and its ISO English short name, other series as they are */
            const char *name = ckp_country_name(c->series[s].label);
            snprintf(label, sizeof label, "%s%s%s", c->series[s].label, name ? " " : "",
                     name ? name : "");
            color = c->series[s].color;
        }
        double tw = text_width(cr, label);
        if (x > MARGIN && x + 20 + tw > w - MARGIN) {
            x = MARGIN;
            y += row;
        }
        set_rgb(cr, color);
        cairo_rectangle(cr, x, y + 2, 14, 14);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, TEXT_RGB);
        text_at(cr, x + 20, y + 14, label, 0);
        x += 20 + tw + 18;
        (void)blank;
    }
    for (igraph_integer_t s = 0; s < c->n_series; s++) {
        int used = 0; /* the untraced rest is explained only where a bar has some */
        for (igraph_integer_t r = 0; r < c->n_rows; r++)
            used |= c->values[r * c->n_series + s] > 5e-4;
        if (c->series[s].blank && used) {
            double tw = text_width(cr, c->series[s].label);
            if (x > MARGIN && x + 20 + tw > w - MARGIN) {
                x = MARGIN;
                y += row;
            }
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_rectangle(cr, x, y + 2, 14, 14);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
            double dash[] = {3, 2};
            cairo_set_dash(cr, dash, 2, 0);
            cairo_set_line_width(cr, 0.8);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
            cairo_set_source_rgb(cr, TEXT_RGB);
            text_at(cr, x + 20, y + 14, c->series[s].label, 0);
            x += 20 + tw + 18;
        }
    }
    return y + row + 8;
}

typedef struct {
    igraph_integer_t s;
    double v;
} seg;

static int by_value_desc(const void *pa, const void *pb)
{
    const seg *a = pa, *b = pb;
    if (a->v != b->v)
        return a->v > b->v ? -1 : 1;
    return a->s < b->s ? -1 : a->s > b->s;
}

/* Columns of a bar chart: row labels | bars from x0 to x1 | notes. */
static void columns(cairo_t *cr, const ckp_chart *c, double w, double *label_w, double *x0,
                    double *x1)
{
    font(cr, 14, 0);
    double lw = 0, note_w = 0;
    for (igraph_integer_t r = 0; r < c->n_rows; r++) {
        double tw = text_width(cr, c->rows[r]);
        if (tw > lw)
            lw = tw;
    }
    if (lw > 220)
        lw = 220;
    font(cr, 14, 1);
    for (igraph_integer_t r = 0; r < c->n_rows; r++)
        if (c->row_notes[r]) {
            double tw = text_width(cr, c->row_notes[r]);
            if (tw > note_w)
                note_w = tw;
        }
    *label_w = lw;
    *x0 = MARGIN + lw + 14;
    *x1 = w - MARGIN - (note_w > 0 ? note_w + 14 : 0);
}

/* The percentage grid behind the bars and the value axis's label. */
static void grid(cairo_t *cr, const ckp_chart *c, double x0, double x1, double top,
                 double bottom)
{
    char pct[32];
    double span = c->scale_max - c->scale_min > 0 ? c->scale_max - c->scale_min : 1;
    cairo_set_line_width(cr, 0.8);
    for (double t = c->scale_min; t <= c->scale_max + 1e-9; t += c->scale_step) {
        double gx = x0 + (t - c->scale_min) / span * (x1 - x0);
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, gx, top - 4);
        cairo_line_to(cr, gx, bottom);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, MUTED_RGB);
        font(cr, 12, 0);
        snprintf(pct, sizeof pct, "%.0f%%", 100 * t);
        text_at(cr, gx, bottom + 16, pct, 0.5);
    }
    cairo_set_source_rgb(cr, TEXT_RGB);
    font(cr, 13, 0);
    text_at(cr, (x0 + x1) / 2, bottom + 36, c->value_label ? c->value_label : "", 0.5);
}

/* A row's label, right-aligned before x0, on two lines at most, centred on `mid`. */
static void row_label(cairo_t *cr, const char *text, double label_w, double x0, double mid)
{
    lines ls;
    cairo_set_source_rgb(cr, TEXT_RGB);
    font(cr, 14, 0);
    wrap(cr, text, label_w, 2, &ls);
    for (int i = 0; i < ls.n; i++)
        text_at(cr, x0 - 10, mid + 5 + (i - (ls.n - 1) / 2.0) * 16, ls.line[i], 1);
}

/* The body text's size in points as asked for (CKP_FONT_SIZE when not). */
static double font_size_of(const ckp_chart *c)
{
    return c->font_size > 0 ? c->font_size : CKP_FONT_SIZE;
}

/*
 * The width the chart is laid out in, before scaling: a slide's, or on a
 * page the width that fills it with body text at the size asked for.
 */
static double chart_width(const ckp_chart *c)
{
    return c->page_width > 0 ? c->page_width * CKP_FONT_SIZE / font_size_of(c) : WIDTH;
}

/* A bar chart's title, legend and columns; returns where the bars start. */
static double bar_frame(cairo_t *cr, const ckp_chart *c, double *label_w, double *x0,
                        double *x1)
{
    double w = chart_width(c);
    double y = bar_legend(cr, c, header(cr, c, w), w);
    columns(cr, c, w, label_w, x0, x1);
    return y;
}

static double draw_bars(cairo_t *cr, const ckp_chart *c)
{
    double w = chart_width(c), label_w, x0, x1;
    double y = bar_frame(cr, c, &label_w, &x0, &x1);
    char label[160];
    double bar_h = 32, pitch = 46, top = y + 6;
    double span = c->scale_max - c->scale_min > 0 ? c->scale_max - c->scale_min : 1;
    double bottom = top + c->n_rows * pitch;

    grid(cr, c, x0, x1, top, bottom);

    seg *segs = malloc((size_t)(c->n_series ? c->n_series : 1) * sizeof *segs);
    for (igraph_integer_t r = 0; segs && r < c->n_rows; r++) {
        double by = top + r * pitch + (pitch - bar_h) / 2;
        row_label(cr, c->rows[r], label_w, x0, by + bar_h / 2);
        /* segments largest first, the untraced rest last */
        igraph_integer_t k = 0;
        int empty = 1;
        for (igraph_integer_t s = 0; s < c->n_series; s++) {
            double v = c->values[r * c->n_series + s];
            if (!isnan(v))
                empty = 0;
            if (v > 0 && !c->series[s].blank)
                segs[k++] = (seg){s, v};
        }
        qsort(segs, (size_t)k, sizeof *segs, by_value_desc);
        for (igraph_integer_t s = 0; s < c->n_series; s++)
            if (c->series[s].blank && c->values[r * c->n_series + s] > 0)
                segs[k++] = (seg){s, c->values[r * c->n_series + s]};
        double x = x0;
        for (igraph_integer_t i = 0; i < k; i++) {
            const ckp_chart_series *se = &c->series[segs[i].s];
            double sw = segs[i].v / span * (x1 - x0);
            cairo_rectangle(cr, x, by, sw, bar_h);
            set_rgb(cr, se->color);
            cairo_fill_preserve(cr);
            if (se->blank) {
                double dash[] = {3, 2};
                cairo_set_dash(cr, dash, 2, 0);
                cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
            } else {
                cairo_set_source_rgb(cr, 1, 1, 1);
            }
            cairo_set_line_width(cr, 1);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
            /* the country and its share inside the segment when they fit */
            font(cr, 12, 0);
            if (ckp_color_is_light(se->color))
                cairo_set_source_rgb(cr, TEXT_RGB);
            else
                cairo_set_source_rgb(cr, 1, 1, 1);
            if (se->blank)
                snprintf(label, sizeof label, "%.0f%%", 100 * segs[i].v);
            else
                snprintf(label, sizeof label, "%s %.0f%%", se->label, 100 * segs[i].v);
            if (text_width(cr, label) + 8 > sw) {
                snprintf(label, sizeof label, "%s", se->blank ? "" : se->label);
                if (text_width(cr, label) + 6 > sw)
                    label[0] = '\0';
            }
            if (label[0])
                text_at(cr, x + sw / 2, by + bar_h / 2 + 4.5, label, 0.5);
            x += sw;
        }
        if (empty) {
            cairo_set_source_rgb(cr, MUTED_RGB);
            font(cr, 12, 0);
            text_at(cr, x0 + 6, by + bar_h / 2 + 4.5, "no capacity or volume data", 0);
        }
        if (c->row_notes[r]) {
            cairo_set_source_rgb(cr, TEXT_RGB);
            font(cr, 14, 1);
            text_at(cr, x1 + 10, by + bar_h / 2 + 5, c->row_notes[r], 0);
        }
    }
    free(segs);
    return footer(cr, c, bottom + 52, w);
}

/*
 * Grouped bars with intervals: per row one thin bar per series from 0 to the
 * least (values[]) and a line with end ticks on to the most (highs[]).
 */
static double draw_ranges(cairo_t *cr, const ckp_chart *c)
{
    double w = chart_width(c), label_w, x0, x1;
    double y = bar_frame(cr, c, &label_w, &x0, &x1);
    char label[64];
    /* room after the bars for their "77-99%" */
    double note_x = x1 + 10;
    x1 -= 64;
    double bar_h = 12, gap = 3, pitch = c->n_series * (bar_h + gap) + 16, top = y + 6;
    double span = c->scale_max - c->scale_min > 0 ? c->scale_max - c->scale_min : 1;
    double bottom = top + c->n_rows * pitch;
    grid(cr, c, x0, x1, top, bottom);
    for (igraph_integer_t r = 0; r < c->n_rows; r++) {
        double ry = top + r * pitch + 8, mid = ry + c->n_series * (bar_h + gap) / 2;
        row_label(cr, c->rows[r], label_w, x0, mid);
        for (igraph_integer_t s = 0; s < c->n_series; s++) {
            double v = c->values[r * c->n_series + s], hi = c->highs[r * c->n_series + s];
            double by = ry + s * (bar_h + gap), bx = x0 + (v - c->scale_min) / span * (x1 - x0);
            if (isnan(v))
                continue;
            set_rgb(cr, c->series[s].color);
            cairo_rectangle(cr, x0, by, bx - x0, bar_h);
            cairo_fill(cr);
            double end = bx;
            if (!isnan(hi)) {
                end = x0 + (hi - c->scale_min) / span * (x1 - x0);
                cairo_set_line_width(cr, 1.6);
                cairo_move_to(cr, bx, by + bar_h / 2);
                cairo_line_to(cr, end, by + bar_h / 2);
                cairo_move_to(cr, end, by + 1);
                cairo_line_to(cr, end, by + bar_h - 1);
                cairo_stroke(cr);
            }
            cairo_set_source_rgb(cr, TEXT_RGB);
            font(cr, 10, 0);
            if (isnan(hi))
                snprintf(label, sizeof label, "%.0f%%", 100 * v);
            else
                snprintf(label, sizeof label, "%.0f-%.0f%%", 100 * v, 100 * hi);
            text_at(cr, end + 4, by + bar_h - 2, label, 0);
        }
        if (c->row_notes[r]) {
            cairo_set_source_rgb(cr, TEXT_RGB);
            font(cr, 14, 1);
            text_at(cr, note_x, mid + 5, c->row_notes[r], 0);
        }
    }
    return footer(cr, c, bottom + 52, w);
}

/* Colour of a share on the heat scale: light for the best, dark for the worst. */
static void heat_color(double t, double rgb[3])
{
    /* ColorBrewer YlOrBr, reversed in meaning: readable for colour-blind viewers */
    static const double stops[7][3] = {
        {0xFF, 0xF7, 0xBC}, {0xFE, 0xE3, 0x91}, {0xFE, 0xC4, 0x4F}, {0xFB, 0x9A, 0x29},
        {0xEC, 0x70, 0x14}, {0xCC, 0x4C, 0x02}, {0x8C, 0x2D, 0x04}};
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    double f = t * 6;
    int i = (int)floor(f);
    if (i >= 6)
        i = 5;
    f -= i;
    for (int k = 0; k < 3; k++)
        rgb[k] = (stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f) / 255;
}

static double heat_t(const ckp_chart *c, double v)
{
    double span = c->scale_max - c->scale_min;
    return span > 0 ? (c->scale_max - v) / span : 0;
}

static double heat_width(const ckp_chart *c)
{
    double w = 2 * MARGIN + 300 + (double)c->n_series * 120;
    return w > chart_width(c) ? w : chart_width(c);
}

static double draw_heat(cairo_t *cr, const ckp_chart *c)
{
    double w = heat_width(c), y = header(cr, c, w);
    double label_w = 300;
    double cell_w = (w - 2 * MARGIN - label_w) / (double)(c->n_series ? c->n_series : 1);
    if (cell_w > 200)
        cell_w = 200;
    double x0 = MARGIN + label_w, cell_h = 50;
    /* column headings, wrapped to the column */
    lines heads[64];
    int head_lines = 1;
    font(cr, 12, 1);
    for (igraph_integer_t s = 0; s < c->n_series && s < 64; s++) {
        wrap(cr, c->series[s].label, cell_w - 10, 4, &heads[s]);
        if (heads[s].n > head_lines)
            head_lines = heads[s].n;
    }
    y += 8;
    cairo_set_source_rgb(cr, TEXT_RGB);
    for (igraph_integer_t s = 0; s < c->n_series && s < 64; s++)
        for (int i = 0; i < heads[s].n; i++)
            text_at(cr, x0 + (s + 0.5) * cell_w, y + 12 + (head_lines - heads[s].n + i) * 15,
                    heads[s].line[i], 0.5);
    y += head_lines * 15 + 10;
    for (igraph_integer_t r = 0; r < c->n_rows; r++) {
        double cy = y + r * cell_h;
        lines ls;
        cairo_set_source_rgb(cr, TEXT_RGB);
        font(cr, 13, r == 0);
        wrap(cr, c->rows[r], label_w - 14, 2, &ls);
        for (int i = 0; i < ls.n; i++)
            text_at(cr, MARGIN, cy + cell_h / 2 + 5 + (i - (ls.n - 1) / 2.0) * 16, ls.line[i], 0);
        for (igraph_integer_t s = 0; s < c->n_series; s++) {
            double v = c->values[r * c->n_series + s], rgb[3];
            double cx = x0 + s * cell_w;
            heat_color(heat_t(c, v), rgb);
            cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
            cairo_rectangle(cr, cx + 1, cy + 1, cell_w - 2, cell_h - 2);
            cairo_fill(cr);
            double lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
            if (lum > 0.45)
                cairo_set_source_rgb(cr, TEXT_RGB);
            else
                cairo_set_source_rgb(cr, 1, 1, 1);
            const char *cell = c->cells ? c->cells[r * c->n_series + s] : NULL;
            char first[128] = "", second[128] = "";
            if (cell) {
                const char *nl = strchr(cell, '\n');
                snprintf(first, sizeof first, "%.*s", nl ? (int)(nl - cell) : (int)strlen(cell),
                         cell);
                if (nl)
                    snprintf(second, sizeof second, "%s", nl + 1);
            }
            font(cr, 15, 1);
            text_at(cr, cx + cell_w / 2, cy + (second[0] ? 22 : 30), first, 0.5);
            if (second[0]) {
                font(cr, 12, 0);
                text_at(cr, cx + cell_w / 2, cy + 39, second, 0.5);
            }
            if (c->marks && c->marks[r * c->n_series + s]) {
                cairo_set_source_rgb(cr, 0, 0, 0);
                cairo_set_line_width(cr, 3);
                cairo_rectangle(cr, cx + 2.5, cy + 2.5, cell_w - 5, cell_h - 5);
                cairo_stroke(cr);
            }
        }
    }
    y += c->n_rows * cell_h + 22;

    /* the colour scale */
    double sx = x0, sw = 320, sh = 14;
    cairo_set_source_rgb(cr, TEXT_RGB);
    font(cr, 13, 0);
    text_at(cr, sx - 12, y + sh - 2, c->value_label ? c->value_label : "", 1);
    for (int i = 0; i < 64; i++) {
        double rgb[3];
        double v = c->scale_min + (c->scale_max - c->scale_min) * (i + 0.5) / 64;
        heat_color(heat_t(c, v), rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle(cr, sx + sw * i / 64, y, sw / 64 + 0.5, sh);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, sx, y, sw, sh);
    cairo_stroke(cr);
    font(cr, 12, 0);
    double span = c->scale_max - c->scale_min;
    for (double t = c->scale_min; span > 0 && t <= c->scale_max + 1e-9; t += c->scale_step) {
        char pct[32];
        double tx = sx + (t - c->scale_min) / span * sw;
        cairo_move_to(cr, tx, y + sh);
        cairo_line_to(cr, tx, y + sh + 4);
        cairo_stroke(cr);
        double p = 100 * t;
        snprintf(pct, sizeof pct, fabs(p - round(p)) < 1e-6 ? "%.0f%%" : "%.1f%%", p);
        text_at(cr, tx, y + sh + 17, pct, 0.5);
    }
    return footer(cr, c, y + sh + 30, w);
}

/* The legend of an xy chart: a line sample or a dot per series, flowing left to right. */
static double xy_legend(cairo_t *cr, const ckp_chart *c, double y, double w)
{
    double x = MARGIN;
    font(cr, 12, 0);
    for (igraph_integer_t s = 0; s < c->n_series; s++) {
        double tw = text_width(cr, c->series[s].label) + 40;
        if (x + tw > w - MARGIN && x > MARGIN) {
            x = MARGIN;
            y += 18;
        }
        set_rgb(cr, c->series[s].color);
        if (c->points) {
            cairo_arc(cr, x + 10, y + 8, 4.5, 0, 2 * M_PI);
            cairo_fill(cr);
        } else {
            double dash[] = {5, 3};
            cairo_set_dash(cr, dash, c->series[s].dashed ? 2 : 0, 0);
            cairo_set_line_width(cr, 2.2);
            cairo_move_to(cr, x, y + 8);
            cairo_line_to(cr, x + 24, y + 8);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
        }
        cairo_set_source_rgb(cr, TEXT_RGB);
        text_at(cr, x + 30, y + 12, c->series[s].label, 0);
        x += tw;
    }
    return y + 28;
}

/* Both axes' grid lines and tick labels, and the axis titles. */
static void xy_axes(cairo_t *cr, const ckp_chart *c, double x0, double x1, double top,
                    double bottom)
{
    char tick[64];
    double xs = c->x_max - c->x_min > 0 ? c->x_max - c->x_min : 1;
    double ys = c->scale_max - c->scale_min > 0 ? c->scale_max - c->scale_min : 1;
    cairo_set_line_width(cr, 0.8);
    font(cr, 12, 0);
    for (double t = c->scale_min; c->scale_step > 0 && t <= c->scale_max + 1e-9;
         t += c->scale_step) {
        double gy = bottom - (t - c->scale_min) / ys * (bottom - top);
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, x0, gy);
        cairo_line_to(cr, x1, gy);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, MUTED_RGB);
        snprintf(tick, sizeof tick, c->percent ? "%.0f%%" : "%g", c->percent ? 100 * t : t);
        text_at(cr, x0 - 6, gy + 4, tick, 1);
    }
    for (double t = c->x_min; c->x_step > 0 && t <= c->x_max + 1e-9; t += c->x_step) {
        double gx = x0 + (t - c->x_min) / xs * (x1 - x0);
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, gx, top);
        cairo_line_to(cr, gx, bottom);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, MUTED_RGB);
        snprintf(tick, sizeof tick, "%g", t);
        text_at(cr, gx, bottom + 16, tick, 0.5);
    }
    cairo_set_source_rgb(cr, TEXT_RGB);
    font(cr, 13, 0);
    text_at(cr, (x0 + x1) / 2, bottom + 36, c->x_label ? c->x_label : "", 0.5);
    text_at(cr, x0 - 40, top - (c->points ? 130 : 12), c->value_label ? c->value_label : "", 0);
}

/* How many points before row r's (in any series) sit where it does: its label stacks above. */
static int same_place(const ckp_chart *c, igraph_integer_t r, igraph_integer_t s)
{
    double v = c->values[r * c->n_series + s];
    int k = 0;
    for (igraph_integer_t q = 0; q < r; q++)
        for (igraph_integer_t t = 0; t < c->n_series; t++) {
            double u = c->values[q * c->n_series + t];
            k += c->xs[q] == c->xs[r] && (u == v || (isinf(u) && isinf(v)));
        }
    return k < 9 ? k : 9; /* the band above the plot holds nine */
}

/* Lines through each series' values, or labelled dots (never: in the band above `top`). */
static void xy_marks(cairo_t *cr, const ckp_chart *c, double x0, double x1, double top,
                     double bottom)
{
    double xs = c->x_max - c->x_min > 0 ? c->x_max - c->x_min : 1;
    double ys = c->scale_max - c->scale_min > 0 ? c->scale_max - c->scale_min : 1;
    double dash[] = {6, 4};
    for (igraph_integer_t s = 0; s < c->n_series; s++) {
        int pen = 0;
        set_rgb(cr, c->series[s].color);
        cairo_set_line_width(cr, 2.2);
        cairo_set_dash(cr, dash, c->series[s].dashed ? 2 : 0, 0);
        for (igraph_integer_t r = 0; r < c->n_rows; r++) {
            double v = c->values[r * c->n_series + s];
            double px = x0 + (c->xs[r] - c->x_min) / xs * (x1 - x0);
            double py = isinf(v) ? top - 22 : bottom - (v - c->scale_min) / ys * (bottom - top);
            if (isnan(v)) {
                pen = 0;
                continue;
            }
            if (!c->points) {
                pen ? cairo_line_to(cr, px, py) : cairo_move_to(cr, px, py);
                pen = 1;
                continue;
            }
            set_rgb(cr, c->series[s].color);
            cairo_arc(cr, px, py, 4.5, 0, 2 * M_PI);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, TEXT_RGB);
            font(cr, 10, 0);
            text_at(cr, px + 7, py - 5 - 11 * same_place(c, r, s), c->rows[r], 0);
        }
        if (!c->points)
            cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
}

/*
 * Lines over x, or labelled points with the diagonal y = x and a band on top
 * for points that never come down (never short).
 */
static double draw_xy(cairo_t *cr, const ckp_chart *c)
{
    double w = WIDTH, x0 = MARGIN + 56, x1 = w - MARGIN - 90;
    double top = xy_legend(cr, c, header(cr, c, WIDTH), w) + 24 + (c->points ? 120 : 0);
    double bottom = top + 340;
    xy_axes(cr, c, x0, x1, top, bottom);
    if (c->points) {
        cairo_set_source_rgb(cr, MUTED_RGB);
        font(cr, 11, 0);
        text_at(cr, x0 - 6, top - 18, "never", 1);
    }
    if (c->diagonal) {
        double lo = c->x_min > c->scale_min ? c->x_min : c->scale_min;
        double hi = c->x_max < c->scale_max ? c->x_max : c->scale_max;
        double xs = c->x_max - c->x_min > 0 ? c->x_max - c->x_min : 1;
        double ys = c->scale_max - c->scale_min > 0 ? c->scale_max - c->scale_min : 1;
        double dash[] = {3, 3};
        cairo_set_source_rgb(cr, MUTED_RGB);
        cairo_set_line_width(cr, 1.2);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, x0 + (lo - c->x_min) / xs * (x1 - x0),
                      bottom - (lo - c->scale_min) / ys * (bottom - top));
        double ex = x0 + (hi - c->x_min) / xs * (x1 - x0);
        double ey = bottom - (hi - c->scale_min) / ys * (bottom - top);
        cairo_line_to(cr, ex, ey);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        font(cr, 11, 0);
        text_at(cr, ex + 4, ey + 12, "TTS = TTR", 0);
    }
    xy_marks(cr, c, x0, x1, top, bottom);
    return footer(cr, c, bottom + 52, w);
}

static double draw(cairo_t *cr, const ckp_chart *c)
{
    /* unhinted metrics: the same text widths on every surface, so layouts agree */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    return c->kind == CKP_CHART_HEAT     ? draw_heat(cr, c)
           : c->kind == CKP_CHART_RANGES ? draw_ranges(cr, c)
           : c->kind == CKP_CHART_XY     ? draw_xy(cr, c)
                                         : draw_bars(cr, c);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    ckp_buf *b = closure;
    ckp_buf_put(b, data, length);
    return b->oom ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/*
 * Cairo numbers the surfaces of its SVG documents with a counter global to
 * the process ("surface1", then "surface11" for the next chart), so the same
 * chart would give other bytes after other charts. Renumber them in order of
 * first appearance. The word occurs only in ids and references: text is
 * drawn as glyph outlines.
 */
static int renumber_surfaces(ckp_buf *out, const char *svg, size_t len)
{
    static const char word[] = "surface";
    const size_t wl = sizeof word - 1;
    unsigned long seen[64];
    int nseen = 0;
    size_t i = 0;
    while (i < len) {
        if (i + wl < len && !memcmp(svg + i, word, wl) && svg[i + wl] >= '0' &&
            svg[i + wl] <= '9') {
            size_t j = i + wl;
            unsigned long v = 0;
            while (j < len && svg[j] >= '0' && svg[j] <= '9')
                v = v * 10 + (unsigned long)(svg[j++] - '0');
            int k = 0;
            while (k < nseen && seen[k] != v)
                k++;
            if (k == nseen) {
                if (nseen == 64)
                    return -1;
                seen[nseen++] = v;
            }
            ckp_buf_printf(out, "%s%d", word, k + 1);
            i = j;
            continue;
        }
        ckp_buf_put(out, svg + i, 1);
        i++;
    }
    return out->oom ? -1 : 0;
}

/* Where a chart laid out w x h goes: the surface's size, the scale, the left offset. */
typedef struct {
    double w, h, k, dx;
} page;

/*
 * The chart at its font size, on its page when it has one: shrunk to fit the
 * page, but an error rather than text under CKP_PAGE_MIN_TEXT points.
 */
static ckp_code fit_page(page *p, const ckp_chart *c, double w, double h, ckp_error *err)
{
    double k = font_size_of(c) / CKP_FONT_SIZE;
    p->dx = 0;
    if (!(c->page_width > 0 && c->page_height > 0)) {
        p->k = k;
        p->w = ceil(w * k);
        p->h = ceil(h * k);
        return CKP_OK;
    }
    if (c->page_width / w < k)
        k = c->page_width / w;
    if (c->page_height / h < k)
        k = c->page_height / h;
    if (SMALLEST_TEXT * k < CKP_PAGE_MIN_TEXT - 1e-9)
        return ckp_error_set(err, CKP_EDATA, "the chart does not fit a %.0f x %.0f mm page with "
                                             "text of %.0f pt or more: give a larger --size",
                             c->page_width * 25.4 / 72, c->page_height * 25.4 / 72,
                             CKP_PAGE_MIN_TEXT);
    p->k = k;
    p->w = c->page_width;
    p->h = c->page_height;
    p->dx = (c->page_width - w * k) / 2;
    return CKP_OK;
}

ckp_code ckp_chart_render(const ckp_chart *chart, ckp_figure_format fmt, char **data, size_t *len,
                          ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_buf out;
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    page p = {0, 0, 1, 0};
    *data = NULL;
    *len = 0;
    ckp_buf_init(&out);
    if (fmt == CKP_FIG_DOT)
        return ckp_error_set(err, CKP_EUSAGE, "charts are drawn as svg, png or pdf, not dot");

    /* measure: draw once where nothing is kept */
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *mcr = cairo_create(rec);
    double h = ceil(draw(mcr, chart));
    double w = chart->kind == CKP_CHART_HEAT ? heat_width(chart) : chart_width(chart);
    cairo_status_t st = cairo_status(mcr);
    cairo_destroy(mcr);
    cairo_surface_destroy(rec);
    if (st != CAIRO_STATUS_SUCCESS) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "cairo cannot draw the chart: %s",
                           cairo_status_to_string(st));
        goto done;
    }
    if ((rc = fit_page(&p, chart, w, h, err)))
        goto done;
    w = p.w;
    h = p.h;

    if (fmt == CKP_FIG_SVG) {
        surface = cairo_svg_surface_create_for_stream(to_buf, &out, w, h);
    } else if (fmt == CKP_FIG_PDF) {
        surface = cairo_pdf_surface_create_for_stream(to_buf, &out, w, h);
        /* cairo 1.16 stamps the time of the run; a fixed date keeps the bytes the same */
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                       "1970-01-01T00:00:00Z");
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                       chart->title ? chart->title : "");
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "chokepoint");
    } else {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w * PNG_SCALE),
                                             (int)ceil(h * PNG_SCALE));
    }
    cr = cairo_create(surface);
    if (fmt == CKP_FIG_PNG)
        cairo_scale(cr, PNG_SCALE, PNG_SCALE);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    if (p.dx > 0)
        cairo_translate(cr, p.dx, 0);
    if (p.k != 1)
        cairo_scale(cr, p.k, p.k);
    draw(cr, chart);
    st = cairo_status(cr);
    cairo_destroy(cr);
    cr = NULL;
    if (st == CAIRO_STATUS_SUCCESS && fmt == CKP_FIG_PNG)
        st = cairo_surface_write_to_png_stream(surface, to_buf, &out);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surface);
    if (st != CAIRO_STATUS_SUCCESS || out.oom) {
        rc = out.oom ? ckp_error_set(err, CKP_EINTERNAL, "out of memory")
                     : ckp_error_set(err, CKP_EINTERNAL, "cairo cannot draw the chart: %s",
                                     cairo_status_to_string(st));
        goto done;
    }
    if (fmt == CKP_FIG_PDF)
        ckp_pdf_fix_date(out.data, out.len); /* in case the metadata call was ignored */
    if (fmt == CKP_FIG_SVG) {
        ckp_buf fixed;
        ckp_buf_init(&fixed);
        if (renumber_surfaces(&fixed, out.data, out.len)) {
            ckp_buf_destroy(&fixed);
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        ckp_buf_destroy(&out);
        out = fixed;
    }
    *data = ckp_buf_take(&out, len);
    if (!*data)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
    ckp_buf_destroy(&out);
    return rc;
}

ckp_code ckp_chart_write(const ckp_chart *chart, ckp_figure_format fmt, const char *path,
                         ckp_error *err)
{
    char *data = NULL;
    size_t len = 0;
    ckp_code rc = ckp_chart_render(chart, fmt, &data, &len, err);
    return ckp_figure_data_write(path, data, len, rc, err);
}
