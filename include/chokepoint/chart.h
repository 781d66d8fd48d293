/*
 * chokepoint: charts of a network's concentration, drawn with cairo as SVG,
 * PNG or PDF.
 *
 * A chart is built in two steps so that its numbers can be tested apart from
 * its pixels: a builder turns analysis results into a ckp_chart (rows,
 * series, values, labels, the value scale), and ckp_chart_render draws it.
 *
 * - Concentration: one stacked bar per tier, the country shares of its
 *   capacity or volume, the HHI written beside each bar.
 * - Origin: one stacked bar per tier before the last, the share of one end
 *   user's inflow that traces to each country at that tier (the rest is
 *   "not traced through this tier").
 * - Comparison: a heat table, one row per plan (the baseline first), one
 *   column per scenario (no shock first), each cell the served share.
 * - Views: one row per country of end users under one scenario, three bars
 *   (immediate, rerouted, reallocated) of the served share of demand, each
 *   reaching the view's least with its range drawn as an interval.
 * - Time: a scenario over its duration, per country of end users the share
 *   of its demand met since the shock began, immediate and reallocated.
 * - Stress: the TTS-against-TTR scatter of the stress ranking, with the
 *   diagonal (below it: exposed).
 *
 * Charts are sized for a slide (960 points wide, text 12 points and up);
 * PNG is drawn at twice that (1920 pixels wide).
 */
#ifndef CHOKEPOINT_CHART_H
#define CHOKEPOINT_CHART_H

#include <stddef.h>

#include "chokepoint/concentration.h"
#include "chokepoint/dependency.h"
#include "chokepoint/render.h"
#include "chokepoint/stress.h"
#include "chokepoint/whatif.h"

CKP_BEGIN_DECLS

typedef enum { CKP_CHART_BARS, CKP_CHART_HEAT, CKP_CHART_RANGES, CKP_CHART_XY } ckp_chart_kind;

typedef struct {
    char *label;     /* "CN"; for heat tables the column heading */
    char color[8];   /* bars: the fill ("#RRGGBB") */
    int other;       /* bars: drawn in CKP_COLOR_OTHER, named in the legend's "other" entry */
    int blank;       /* bars: the untraced rest, drawn as an outline */
    int dashed;      /* xy: a dashed line */
} ckp_chart_series;

typedef struct {
    ckp_chart_kind kind;
    char *title;
    char *subtitle;
    char *value_label;  /* the value axis (bars) or the colour scale (heat) */
    char *caption;      /* how to read it; may be NULL */
    char *source;       /* the source line */
    igraph_integer_t n_rows;
    char **rows;        /* bar or row labels */
    char **row_notes;   /* bars: written beside each bar ("HHI 4,508"); may hold NULLs */
    igraph_integer_t n_series;
    ckp_chart_series *series;  /* bars: stacked segments; heat: columns */
    double *values;            /* values[row * n_series + series]; NAN: no value */
    char **cells;              /* heat: the text of each cell; NULL for bars */
    char *marks;               /* heat: 1 where a cell is the best of its column */
    /*
     * ranges: values[] are the least of each bar, highs[] the most (NAN:
     * none); a bar with no value is not drawn.
     */
    double *highs;
    /* The value scale: axis (bars) or colour scale (heat) from min to max by step. */
    double scale_min, scale_max, scale_step;
    /*
     * Print, as ckp_render_options' fields of the same names: the page in
     * points (0: the chart's own size, 960 points wide) and the body text in
     * points (0: CKP_FONT_SIZE). ckp_chart_init leaves them 0.
     */
    double page_width, page_height, font_size;
    /*
     * xy: rows are points at x = xs[row]; each series is a line through its
     * values over the rows, or with `points` a dot per row labelled with the
     * row's label (a value of INFINITY sits in a band above the plot: never).
     * `diagonal` draws y = x; `percent` writes the y axis in percent.
     */
    double *xs;
    char *x_label;
    double x_min, x_max, x_step;
    int points, diagonal, percent;
} ckp_chart;

void ckp_chart_init(ckp_chart *chart);
void ckp_chart_destroy(ckp_chart *chart);

/*
 * A scale with "nice" steps (1, 2, 2.5 or 5 times a power of ten) that
 * covers [lo, hi] in at most `max_ticks` steps: axes that people read
 * without arithmetic.
 */
void ckp_nice_scale(double lo, double hi, int max_ticks, double *min, double *max, double *step);

/*
 * Concentration by tier. `conc` is the network's (one per tier, as from
 * ckp_concentration); NULL computes it. `pal` NULL: the network's palette.
 * `input_name` names the input in the source line (may be NULL).
 */
ckp_code ckp_chart_concentration(ckp_chart *out, const ckp_network *net,
                                 const ckp_tier_concentration *conc, const ckp_palette *pal,
                                 const char *input_name, ckp_error *err);

/*
 * Origin of one end user's supply (`end_user`: a node of the last tier).
 * `dep` from ckp_dependency_compute on the network's volumes; NULL computes it.
 */
ckp_code ckp_chart_origin(ckp_chart *out, const ckp_network *net, const ckp_dependency *dep,
                          igraph_integer_t end_user, const ckp_palette *pal,
                          const char *input_name, ckp_error *err);

/* Plan comparison from ckp_compare's results (the baseline is plan 0). */
ckp_code ckp_chart_comparison(ckp_chart *out, const ckp_network *net, const ckp_comparison *cmp,
                              const char *input_name, ckp_error *err);

/*
 * Each country's three views of one scenario (ckp_views_run's result `v`),
 * as shares of its demand: `scenario_name` in the title.
 */
ckp_code ckp_chart_views(ckp_chart *out, const ckp_network *net, const ckp_views *v,
                         const char *scenario_name, const char *input_name, ckp_error *err);

/*
 * A scenario lasting `days` (ckp_time_scenario at `samples` evenly spaced
 * horizons up to `days`): per country of end users, the share of its demand
 * over the first t days that it receives, in the immediate view (a line) and
 * the reallocated one (dashed; the most it can lose, as in the tables).
 */
#define CKP_CHART_TIME_SAMPLES 40

ckp_code ckp_chart_time(ckp_chart *out, const ckp_network *net, const ckp_scenario *s,
                        double days, int samples, const char *input_name, ckp_error *err);

/*
 * The stocks under a scenario lasting `days`, in the immediate view (its exact event
 * simulation): the `top` largest stocks it can draw (0: 8), each a line of the share
 * left over time, a vertex at every event (a stock running out changes the rates).
 */
ckp_code ckp_chart_stocks(ckp_chart *out, const ckp_network *net, const ckp_scenario *s,
                          double days, igraph_integer_t top, const char *input_name,
                          ckp_error *err);

/*
 * The stress ranking's first `top` rows (0: all) as points at (TTR, TTS),
 * exposed and safe in two colours, labelled with their ids; never short in a
 * band on top.
 */
ckp_code ckp_chart_stress(ckp_chart *out, const ckp_network *net, const ckp_stress *st,
                          igraph_integer_t top, const char *input_name, ckp_error *err);

/*
 * Draw a chart in memory (the caller frees `*data`). SVG, PNG or PDF; the
 * PDF carries a fixed creation date so that the same chart gives the same
 * bytes.
 */
ckp_code ckp_chart_render(const ckp_chart *chart, ckp_figure_format fmt, char **data, size_t *len,
                          ckp_error *err);

/* Render and write `path` whole or not at all ("-" is stdout). */
ckp_code ckp_chart_write(const ckp_chart *chart, ckp_figure_format fmt, const char *path,
                         ckp_error *err);

/* The cairo version chokepoint was built against. */
const char *ckp_cairo_version(void);

CKP_END_DECLS

#endif
