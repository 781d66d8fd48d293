/* Private to render/ and report/: fitting figures to a page (render_page.c). */
#ifndef CKP_RENDER_PAGE_H
#define CKP_RENDER_PAGE_H

#include <stddef.h>

#include "chokepoint/buf.h"
#include "chokepoint/common.h"
#include "chokepoint/network.h"
#include "chokepoint/render.h"

/*
 * `dot` with every font size (`fontsize=N`, `POINT-SIZE="N"`) times `f`,
 * appended to `out`; `*min_pt` the smallest size written (INFINITY: none).
 */
void rd_scale_fonts(ckp_buf *out, const char *dot, double f, double *min_pt);

/* The size in points of `dot` laid out by Graphviz at its natural size. */
ckp_code rd_measure(double *w, double *h, const char *dot, size_t len, ckp_error *err);

/*
 * The scale at which a w x h drawing is printed on a page_w x page_h page:
 * shrunk to fit, never enlarged (Graphviz's ratio=fill spreads the layout
 * over a larger page instead, at full size).
 */
double rd_page_scale(double w, double h, double page_w, double page_h);

/*
 * A diagram rendered by Graphviz (shrunk into the page less its margins)
 * centred on a pw x ph page (points): SVG by its size and viewBox, PDF by its
 * MediaBox. Other formats, or no page (0), are left as they are.
 */
ckp_code rd_page_fit(char **data, size_t *len, ckp_figure_format fmt, double pw, double ph,
                     ckp_error *err);

/*
 * Where Graphviz puts the boxes of `dot` (n boxes, ids PREFIXn0 ...): for
 * each, its label's first line's x (`across`: tiers as rows) or, with tiers
 * as columns, minus its y (SVG's y grows downwards; Graphviz orders a rank
 * of rankdir=LR from the bottom), in pos[]; NAN for a box not found.
 */
ckp_code rd_box_positions(double *pos, igraph_integer_t n, const char *dot, size_t len,
                          const char *prefix, int across, ckp_error *err);

#endif
