/*
 * chokepoint: network diagrams (`chokepoint render`), drawn by Graphviz.
 *
 * Two steps, so that what is tested is what is drawn: ckp_render_dot writes
 * the DOT text of a figure (deterministic; golden tests compare it), and
 * ckp_figure lays that text out with Graphviz's dot engine and renders it
 * as SVG, PNG or PDF, in memory, for an atomic write.
 *
 * Views. The tiered view draws every node, tiers as ranks from left to
 * right. The countries view draws one box per (tier, country), sized by the
 * country's share of the tier, with the flows between boxes summed. Graphviz's
 * dot layout grows much faster than linearly (1,000 nodes about 1 s, 3,000
 * about 13 s, 10,000 over 150 s), so a tiered view of more than `max_nodes`
 * nodes is drawn as the countries view instead, and the figure says so.
 *
 * Colours. Countries get colours from Paul Tol's "muted" scheme, which stays
 * distinguishable with the common colour-vision deficiencies; China is
 * always CKP_COLOR_CHINA, the other countries take the next colours by their
 * weight in the network, and the rest share CKP_COLOR_OTHER. Every colour
 * used appears in the figure's legend, and country codes are written in the
 * labels so that no reading depends on colour alone.
 */
#ifndef CHOKEPOINT_RENDER_H
#define CHOKEPOINT_RENDER_H

#include <stddef.h>

#include "chokepoint/analysis.h"
#include "chokepoint/format.h"
#include "chokepoint/network.h"
#include "chokepoint/scenario.h"
#include "chokepoint/whatif.h"

CKP_BEGIN_DECLS

#define CKP_COLOR_CHINA "#CC6677"
#define CKP_COLOR_OTHER "#DDDDDD"
/* Countries with a colour of their own, China included. */
#define CKP_PALETTE_SIZE 9

typedef struct {
    int n;
    char code[CKP_PALETTE_SIZE][3];
    char color[CKP_PALETTE_SIZE][8]; /* "#RRGGBB" */
} ckp_palette;

/*
 * The palette of a network: China first (when present), then the countries
 * with the largest shares summed over the tiers (ties by code), until the
 * colours run out. Build it once from the baseline and pass it to every
 * figure of a report so that a country keeps its colour from figure to figure.
 */
ckp_code ckp_palette_for_network(ckp_palette *pal, const ckp_network *net, ckp_error *err);

/* The fill of a country: its own colour, else CKP_COLOR_OTHER. */
const char *ckp_palette_color(const ckp_palette *pal, const char *country);


/* 1 when black text is more readable than white on `color` ("#RRGGBB"). */
int ckp_color_is_light(const char *color);

typedef enum { CKP_VIEW_TIERS, CKP_VIEW_COUNTRIES } ckp_render_view;
typedef enum { CKP_COLOR_BY_COUNTRY, CKP_COLOR_BY_RISK } ckp_render_color;

/* The default node limit of the tiered view (documented in docs/render.md). */
#define CKP_RENDER_MAX_NODES 300

typedef struct {
    ckp_render_view view;   /* default CKP_VIEW_TIERS */
    ckp_render_color color; /* default CKP_COLOR_BY_COUNTRY */
    /* Above this many nodes the tiered view falls back to the countries view. */
    igraph_integer_t max_nodes;
    /* The input's name for the source line (e.g. the file's base name); may be NULL. */
    const char *input_name;
    /* Prefix of the SVG element ids, so that several figures can share one page. */
    const char *id_prefix;
    /* Country colours; NULL: the palette of the network drawn. */
    const ckp_palette *palette;
    /*
     * The analysis of `net` (as ckp_analyze makes it), to skip computing it
     * again; NULL: computed. Ignored with a scenario, which analyses the
     * network under the scenario itself.
     */
    const ckp_analysis *analysis;
    /*
     * Plan mode: `net` is a plan applied to `baseline`; the nodes and edges
     * it adds or changes are highlighted and the rest faded. `plan_name`
     * titles the figure.
     */
    const ckp_network *baseline;
    const char *plan_name;
    /*
     * Scenario mode: draw `net` under this scenario. Removed nodes are
     * struck through and faded, cut edges dashed and faded, and the end
     * users that would go short are labelled with their shortfall.
     */
    const ckp_scenario *scenario;
    /*
     * Print (docs/render.md, "Figures for print"): a page in points (0: the
     * figure's own size) that the figure fills exactly, scaled down to fit
     * but never so far that any text falls under CKP_PAGE_MIN_TEXT points
     * (a tiered diagram then falls back to the countries view; a figure that
     * cannot fit at all is CKP_EDATA). `font_size`: the body text in points
     * before any scaling (0: the default, 11; other texts in proportion).
     */
    double page_width, page_height;
    double font_size;
    /*
     * Tiers view: only the nodes on the supply paths of one end user (by id)
     * or of the end users of one country (by code); NULL: every node. Neither
     * is CKP_EDATA.
     */
    const char *focus;
    /*
     * Tiers view: a node's outgoing edges carrying under `min_share` percent
     * of its total outflow (every material together) are folded into one
     * dashed "other" box per tier of their customers, one arrow per supplier
     * summing them; a customer left with no drawn edge is folded in whole
     * (docs/render.md). 0: every edge; otherwise in (0, 100), else CKP_EUSAGE.
     */
    double min_share;
} ckp_render_options;

/* No text of a figure fitted to a page is smaller than this, in points. */
#define CKP_PAGE_MIN_TEXT 6.0
/* The body text of diagrams and charts, in points, when no font size is given. */
#define CKP_FONT_SIZE 11.0

/*
 * A page size: "a3", "a4", "a5" (ISO 216, portrait), "letter", or "WxH" with
 * a unit, mm, in or pt ("180x120mm"), into points. CKP_EUSAGE when unknown
 * or out of range (1 to 200 inches a side).
 */
ckp_code ckp_page_size_parse(double *width, double *height, const char *text, ckp_error *err);

void ckp_render_options_init(ckp_render_options *opts);

typedef struct {
    int aggregated;          /* 1: the tiered view fell back to the countries view */
    ckp_render_view view;    /* the view drawn */
    igraph_integer_t nodes;  /* boxes in the figure */
    igraph_integer_t edges;  /* arrows in the figure */
    char note[512];          /* a note for the user ("" when none), e.g. why it aggregated */
} ckp_render_info;

/*
 * The DOT text of a figure of `net`. `info` may be NULL. The text is the
 * same bytes for the same inputs: nodes and edges go in network order,
 * groups and legends in sorted order, numbers in fixed formats.
 */
ckp_code ckp_render_dot(char **dot, size_t *len, ckp_render_info *info, const ckp_network *net,
                        const ckp_render_options *opts, ckp_error *err);

typedef enum { CKP_FIG_SVG, CKP_FIG_PNG, CKP_FIG_PDF, CKP_FIG_DOT } ckp_figure_format;

/* The format named by a file's extension (".svg", ...; case-insensitive), -1 if none. */
int ckp_figure_format_from_path(const char *path);
/* The format named by a word ("svg", ...), -1 if unknown. */
int ckp_figure_format_from_name(const char *name);
const char *ckp_figure_format_name(ckp_figure_format fmt);

/* A laid-out diagram: laid out once, rendered in the formats asked for. */
typedef struct ckp_figure ckp_figure;

/* Format masks for ckp_figure_new. */
#define CKP_FIG_MASK(fmt) (1u << (fmt))
#define CKP_FIG_ALL                                                                                \
    (CKP_FIG_MASK(CKP_FIG_SVG) | CKP_FIG_MASK(CKP_FIG_PNG) | CKP_FIG_MASK(CKP_FIG_PDF))

/*
 * Lay DOT text out with dot and render it in each format of `formats` (a
 * mask of CKP_FIG_MASK bits; DOT needs none). The layout runs in a forked
 * child process so that it is the same every run however many figures a
 * process makes (render.c says why): call it while no other thread of the
 * process runs. Graphviz's messages come back in `err`, never on stderr.
 * `_free(NULL)` is a no-op.
 */
ckp_code ckp_figure_new(ckp_figure **out, const char *dot, size_t len, unsigned formats,
                        ckp_error *err);
void ckp_figure_free(ckp_figure *fig);

/*
 * The figure in one format (the caller frees `*data`). CKP_FIG_DOT gives
 * back the DOT text as given, not Graphviz's laid-out DOT, whose bytes vary.
 * PDF output has its creation date fixed (see ckp_pdf_fix_date) so that the
 * same figure gives the same bytes. A format not rendered is an error.
 */
ckp_code ckp_figure_render(const ckp_figure *fig, ckp_figure_format fmt, char **data, size_t *len,
                           ckp_error *err);

/* Render and write `path` whole or not at all (ckp_write_file_atomic; "-" is stdout). */
ckp_code ckp_figure_write(const ckp_figure *fig, ckp_figure_format fmt, const char *path,
                          ckp_error *err);

/*
 * Make a PDF's creation date a fixed one (1970-01-01, the Unix epoch) in
 * place, keeping its length so the cross-reference offsets stay right.
 * Cairo 1.16, which renders PDF for Graphviz, writes the time of the run.
 * Returns 1 when a date was found.
 */
int ckp_pdf_fix_date(char *data, size_t len);

/* ---- one call: a figure of a network, as `chokepoint render` draws it ------------------- */

typedef enum {
    CKP_FIGURE_DIAGRAM,       /* the network (Graphviz), with a plan and a scenario at most */
    CKP_FIGURE_CONCENTRATION, /* chart: country shares of each tier, with HHI */
    CKP_FIGURE_ORIGIN,        /* chart: where one end user's supply comes from, by tier */
    CKP_FIGURE_COMPARISON,    /* chart: served share of each plan under each scenario */
    CKP_FIGURE_VIEWS,         /* chart: each country's three views under one scenario */
    /* chart: one scenario over its duration_days (else 365), share of demand met over time */
    CKP_FIGURE_TIME,
    CKP_FIGURE_STRESS,        /* chart: TTS against TTR of the stress ranking's first 20 */
    CKP_FIGURE_STOCKS         /* chart: one scenario's 8 largest stocks left over time */

} ckp_figure_kind;

typedef struct {
    ckp_figure_kind kind;   /* default CKP_FIGURE_DIAGRAM */
    int format;             /* a ckp_figure_format, or -1 (default): by the path's extension */
    /*
     * The diagram's options; charts use its input_name and palette. A
     * diagram's plan and scenario come from the paths below, and
     * options.baseline, plan_name and scenario are set from them.
     */
    ckp_render_options options;
    const char *end_user;   /* the origin chart's end user, by id */
    /*
     * Diagram: one of each at most. Comparison chart: those compared (see
     * `comparison`). Views and time charts: one scenario, no plan.
     */
    const char *const *plan_paths;
    int n_plans;
    const char *const *scenario_paths;
    int n_scenarios;
    /*
     * Comparison chart: the plans compared under the scenarios, when the
     * caller has compared them already (ckp_study_comparison); NULL (default):
     * loaded from the paths above and compared (ckp_study_new) by the call.
     */
    const ckp_comparison *comparison;
    igraph_integer_t exact_limit; /* the comparison's, as for ckp_compare (default 5000) */
    const char *group;      /* stress chart: whose TTS (a country code or group; NULL: all) */
} ckp_render_request;

void ckp_render_request_init(ckp_render_request *req);

/* What a figure call found for the user to read (it never prints). */
typedef struct {
    ckp_render_info info; /* diagram: what was drawn; info.note a note ("" when none) */
    ckp_messages warnings; /* the scenarios', found while reading them */
} ckp_render_result;

void ckp_render_result_init(ckp_render_result *res);
void ckp_render_result_destroy(ckp_render_result *res);

/*
 * Whether `req` makes sense before any work: a format known (from the request
 * or `path`, which may be NULL), a chart not asked as DOT, one plan and one
 * scenario at most for a diagram, an end user for the origin chart and only
 * there, plans and scenarios only for the diagram and the comparison chart,
 * one scenario (and no plan) for the views chart.
 * CKP_EUSAGE with the reason.
 */
ckp_code ckp_render_request_check(const ckp_render_request *req, const char *path,
                                  ckp_error *err);

/*
 * The figure `req` asks for, of `net`, in memory (the caller frees `*data`):
 * a diagram laid out by Graphviz (or its DOT text), or a chart drawn with
 * cairo. `req->format` must name a format. `res` may be NULL; else it must
 * have been initialised (ckp_render_result_init), and is emptied, then filled
 * also on failure (warnings read before it). An end user that is not one is
 * CKP_EDATA.
 */
ckp_code ckp_render_figure(char **data, size_t *len, ckp_render_result *res,
                           const ckp_network *net, const ckp_render_request *req, ckp_error *err);

/* ckp_render_figure written to `path` whole or not at all ("-" is stdout). */
ckp_code ckp_render_write(const char *path, ckp_render_result *res, const ckp_network *net,
                          const ckp_render_request *req, ckp_error *err);

CKP_END_DECLS

#endif
