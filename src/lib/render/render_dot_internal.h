/*
 * Private to the diagram writer (render_dot.c and the render_*.c files it
 * uses): each view builds a small figure model (boxes grouped by tier, arrows
 * between boxes) from a context gathered once, then one emitter writes it,
 * so the views share their styling and the legend lists exactly what the
 * figure uses. Functions shared between these files carry the prefix rd_.
 */
#ifndef CKP_RENDER_DOT_INTERNAL_H
#define CKP_RENDER_DOT_INTERNAL_H

#include "chokepoint/analysis.h"
#include "chokepoint/buf.h"
#include "chokepoint/render.h"
#include "chokepoint/whatif.h"

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
#define COMPACT_GROUPS 8         /* the same, compact (a small page) */
#define COMPACT_TEXT "8"         /* COMPACT_GROUPS in notes */
#define EDGE_LABEL_LIMIT 24      /* arrows are labelled with their volume up to this many */
#define FOLD_FILL "#EBEBEB"      /* --min-share: a tier's "other" box, dashed */
#define FOLD_LINE "#7F7F7F"

/*
 * Arrows of a network of materials (chokepoint-network/2), coloured by the
 * material they carry: Paul Tol's high-contrast scheme and black, dark
 * colours that read as lines beside the country fills; from the fifth
 * material on they repeat, and the legend names them.
 */
#define N_MATERIAL_COLORS 4
extern const char *const rd_material_colors[N_MATERIAL_COLORS];

#define N_RISK 5
/* Risk classes' fills and legend names, from no flow at risk to over 20% of served demand. */
extern const char *const rd_risk_colors[N_RISK];
extern const char *const rd_risk_names[N_RISK];
/* Immediate-loss classes of end users under a scenario, in the risk classes' colours. */
extern const char *const rd_loss_names[N_RISK];
/* The class of losing `loss` of `demand`: none, up to 5%, 5-20%, 20-50%, over 50%. */
int rd_loss_class(double loss, double demand);

typedef struct {
    igraph_integer_t tier;
    ckp_buf label;   /* HTML-like label body */
    ckp_buf tooltip; /* plain text */
    char fill[8];
    int spof, removed, highlight, faded, short_;
    double height;    /* inches; 0: fit the label */
    igraph_integer_t node; /* tiers view: the node drawn; -1 - tier: that tier's "other" */
    int fold;              /* --min-share: a tier's "other" box */
} box;

typedef struct {
    igraph_integer_t from, to; /* box indices */
    double volume;
    int cut, highlight, faded, against;
    int fold; /* --min-share: a node's small flows into a tier's "other" box, summed */
    igraph_integer_t material; /* tiers view of a network of materials; -1: not coloured */
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
    int used_loss[N_RISK]; /* end users filled by their immediate loss (scenario) */
    char *other_mark; /* by country index: drawn in CKP_COLOR_OTHER */
    char used_material[N_MATERIAL_COLORS]; /* arrows coloured by material */
    int used_fold; /* 1: "other" boxes of --min-share; 2: and nodes folded in whole */
} model;

/*
 * A figure for a page (render_dot.c's fit_page): no padding or margin, tiers
 * as rows or columns, and once measured the size in inches it is shrunk
 * into (0: not yet measured); rd_page_fit then centres it on the page.
 */
typedef struct {
    int top_down;
    int compact; /* countries view: COMPACT_GROUPS boxes a tier, shorter boxes, closer tiers */
    double size_w, size_h;
} rd_layout;

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
    const ckp_views_entry **user_view; /* scenario: an end user's three views (NULL: none) */
    int has_volumes;                 /* scenario: the views have an immediate figure */
    char *node_added, *node_changed, *edge_added, *edge_changed; /* plan */
    double *cap_before;              /* plan: capacity before (NAN: unchanged or new) */
    const char *unit;
    igraph_integer_t *spof_at;       /* analysed node -> index in a->spofs, -1: none */
    const ckp_tier_concentration *conc; /* of `net`, per tier */
    const rd_layout *lay; /* how a figure for a page is laid out; NULL: as on screen */
    /*
     * Tiers view of a plan or scenario: a key per node of `net`, then one per
     * tier for its "other" box, that orders the boxes of a tier as the
     * baseline's diagram does; NULL: Graphviz's order.
     */
    const double *order;
    /*
     * --focus and --min-share: per node of `net`, its box (-1: not drawn);
     * NULL: every node, box v
     */
    igraph_integer_t *box_of;
    igraph_integer_t n_focus; /* nodes drawn with a focus */
    /*
     * --min-share: edges folded into "other", per node how many of its own,
     * and in all; nodes folded in whole (no edge left drawn); NULL: none
     */
    char *edge_folded;
    igraph_integer_t *folded_out;
    igraph_integer_t n_folded;
    char *node_hidden;
} ctx;

void rd_model_destroy(model *m);
/* A new box or arrow at the end of the model; NULL when out of memory. */
box *rd_add_box(model *m, igraph_integer_t tier);
arrow *rd_add_arrow(model *m, igraph_integer_t from, igraph_integer_t to, double volume);
/* The risk class (index into rd_risk_colors) of a flow at risk out of `served`. */
int rd_risk_class(double risk, double served);
/* The legend records each palette colour or "other" country a box uses. */
void rd_note_country(model *m, const ckp_palette *pal, const ckp_network *net,
                  igraph_integer_t country);
/* Flow at risk of node v of the analysed network (its dominated demand when not computed). */
double rd_node_risk(const ckp_analysis *a, igraph_integer_t v);
/* Node v's SPOF record (v in the analysed network), NULL if v is not a SPOF. */
const ckp_spof *rd_spof_of(const ctx *c, igraph_integer_t v);
/* The legend records a box's highlight and SPOF marks. */
void rd_note_box(model *m, const box *b);
/* An arrow faded in plan mode unless highlighted; the legend records its marks. */
void rd_mark_arrow(model *m, const ctx *c, arrow *ar);
/* A box's fill: its country's colour, or its risk class; faded in plan mode. */
void rd_fill_box(model *m, const ctx *c, box *b, igraph_integer_t country, double risk, int faded);

/* A name wrapped into at most `lines` lines of about `width` characters (render_text.c). */
void rd_wrap_html(ckp_buf *out, const char *text, size_t width, int lines, int strike);
/* The same, left-aligned lines (legends and notes of figures for a page). */
void rd_wrap_left(ckp_buf *out, const char *text, size_t width, int lines);
/* Characters a line of a legend's or a note's text on a page (at 12 pt, about 400 pt). */
#define PAGE_LINE 64
/* A long text cut at a word boundary after at most `max` characters, as HTML. */
void rd_clipped_html(ckp_buf *d, const char *s, size_t max);

/*
 * --min-share (render_fold.c): the edges to fold and the nodes folded in
 * whole, after --focus; then, in the model, each tier's "other" box and the
 * arrows into it.
 */
ckp_code rd_fold_context(ctx *c, ckp_error *err);
ckp_code rd_build_folds(model *m, const ctx *c, ckp_error *err);

/* The views: the model of every node (tiers) or of every (tier, country) (countries). */
ckp_code rd_build_tiers(model *m, const ctx *c, ckp_error *err);
ckp_code rd_build_countries(model *m, const ctx *c, ckp_error *err);

/* The legend rows of the figure's label table; `max_volume` is the widest arrow's. */
void rd_emit_legend(ckp_buf *d, const model *m, const ctx *c, double max_volume);
/* The whole DOT text of the model. */
void rd_emit(ckp_buf *d, const model *m, const ctx *c, const char *title, const char *subtitle,
          const char *caption);

#endif
