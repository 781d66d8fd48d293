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
#include "chokepoint/common.h"
#include "chokepoint/network.h"
#include "chokepoint/plan.h"
#include "chokepoint/render.h"
#include "chokepoint/scenario.h"
#include "chokepoint/whatif.h"

CKP_BEGIN_DECLS

/* At most this many origin charts when no end user is named: those with the most demand. */
#define CKP_REPORT_MAX_ORIGIN_CHARTS 24

/*
 * The plans and scenarios a report shows, loaded against its network, and
 * their comparison (the baseline first, then each plan). Paths name the
 * figures and data files; all borrowed.
 */
typedef struct {
    int n_plans;
    const char *const *plan_paths;
    const ckp_network *const *plan_nets; /* each plan applied to the baseline */
    const ckp_plan_info *plan_info;
    int n_scenarios;
    const char *const *scenario_paths;
    const ckp_scenario *const *scenarios;
    const ckp_comparison *comparison; /* NULL when there is neither plan nor scenario */
} ckp_report_whatif;

/* What ckp_report_write asks the caller for: a data file the library does not write. */
typedef enum {
    CKP_REPORT_DATA_SCENARIO,        /* data/scenario-*.json: scenario `index` as JSON */
    CKP_REPORT_DATA_COMPARISON_JSON, /* data/comparison.json */
    CKP_REPORT_DATA_COMPARISON_CSV   /* data/comparison.csv */
} ckp_report_data;

typedef struct {
    igraph_integer_t max_nodes; /* diagrams above it drawn by country (CKP_RENDER_MAX_NODES) */
    ckp_render_color color;
    /* origin charts for these end users; none: every end user, the largest past the cap */
    const char *const *end_users;
    size_t n_end_users;
    /* the inputs as given (network files, then plans, then scenarios): checksummed */
    const char *const *inputs;
    size_t n_inputs;
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
    /* writes data/analysis.json at `path`, as `analyze --format json` */
    ckp_code (*write_analysis)(void *ctx, const char *path, ckp_error *err);
    /* writes a what-if data file at `path`; `index` is the scenario's */
    ckp_code (*write_data)(void *ctx, const char *path, ckp_report_data what, int index,
                           ckp_error *err);
    void *ctx;
} ckp_report_options;

void ckp_report_options_init(ckp_report_options *opts);

/*
 * Write the report pack of `net` into `dir` (created if missing; its files
 * replaced): `a` is its analysis, `whatif` the plans and scenarios (NULL:
 * none). `*n_files` (when not NULL) receives how many files were written.
 */
ckp_code ckp_report_write(size_t *n_files, const char *dir, const ckp_network *net,
                          const ckp_analysis *a, const ckp_report_whatif *whatif,
                          const ckp_report_options *opts, ckp_error *err);

CKP_END_DECLS

#endif
