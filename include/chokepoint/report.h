/*
 * chokepoint: the report pack. One directory holds a page that opens offline
 * (index.html, every figure inline), every figure as SVG, PNG and PDF
 * (diagrams also as DOT), the analysis and the what-if results as JSON and
 * CSV, and PROVENANCE.txt with the SHA-256 of every input and output. Each
 * file is written whole or not at all; nothing carries a timestamp, so the
 * same inputs give the same bytes.
 */
#ifndef CHOKEPOINT_REPORT_H
#define CHOKEPOINT_REPORT_H

#include <stddef.h>

#include "chokepoint/analysis.h"
#include "chokepoint/buf.h"
#include "chokepoint/common.h"
#include "chokepoint/network.h"
#include "chokepoint/plan.h"
#include "chokepoint/render.h"
#include "chokepoint/scenario.h"
#include "chokepoint/whatif.h"

CKP_BEGIN_DECLS

/* At most this many origin charts when no end user is named: those with the most demand. */
#define CKP_REPORT_MAX_ORIGIN_CHARTS 24

typedef struct {
    igraph_integer_t max_nodes; /* diagrams above it drawn by country (CKP_RENDER_MAX_NODES) */
    ckp_render_color color;
    /* origin charts for these end users; none: every end user, the largest past the cap */
    const char *const *end_users;
    size_t n_end_users;
    /*
     * The inputs as given, checksummed in the provenance: the network's
     * files; and the study's plans and scenarios, in its order (their file
     * names also name their figures and data files).
     */
    const char *const *network_paths;
    size_t n_network_paths;
    const char *const *plan_paths;
    const char *const *scenario_paths;
    /*
     * The command as typed (before getopt reorders it), for the provenance:
     * its -o value is written as DIR, so the bytes do not depend on where
     * the pack goes.
     */
    const char *const *argv;
    int argc;
    /* what the analysis was computed with: data/analysis.json records it */
    const ckp_analysis_options *analysis_options;
    /*
     * Called, when set, for each diagram drawn by country because of max_nodes
     * (figure: its name, text: why), so the caller can tell the user.
     */
    void (*note)(void *ctx, const char *figure, const char *text);
    void *note_ctx;
    /* every figure on this page (points; 0: own size) with this body text (render.h) */
    double page_width, page_height, font_size;
    /* when set: the files written, PROVENANCE.txt last, as ckp_files_write_json describes */
    ckp_buf *files_json;
} ckp_report_options;

void ckp_report_options_init(ckp_report_options *opts);

/*
 * Write the report pack of `net` into `dir` (created if missing; its files
 * replaced): `a` is its analysis (computed with opts->analysis_options),
 * `study` its plans and scenarios compared (NULL: none). `*n_files` (when
 * not NULL) receives how many files were written.
 */
ckp_code ckp_report_write(size_t *n_files, const char *dir, const ckp_network *net,
                          const ckp_analysis *a, const ckp_study *study,
                          const ckp_report_options *opts, ckp_error *err);

CKP_END_DECLS

#endif
