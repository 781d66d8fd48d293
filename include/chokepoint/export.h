/*
 * chokepoint: the export layer. Every result the library computes is written
 * here, in text, JSON or CSV, by appending to a ckp_buf (chokepoint/buf.h);
 * the caller writes the buffer whole with ckp_buf_write. The command line
 * only parses options and calls these.
 *
 * JSON outputs carry "schema_version": CKP_SCHEMA_VERSION; new keys may be
 * added within a version, none removed or changed.
 */
#ifndef CHOKEPOINT_EXPORT_H
#define CHOKEPOINT_EXPORT_H

#include <igraph.h>

#include "chokepoint/analysis.h"
#include "chokepoint/buf.h"
#include "chokepoint/check.h"
#include "chokepoint/common.h"
#include "chokepoint/dependency.h"
#include "chokepoint/network.h"
#include "chokepoint/scenario.h"
#include "chokepoint/stress.h"
#include "chokepoint/whatif.h"

CKP_BEGIN_DECLS

#define CKP_SCHEMA_VERSION 1

typedef enum { CKP_FORMAT_TEXT, CKP_FORMAT_JSON, CKP_FORMAT_CSV } ckp_format;

/*
 * Node orders for output, total (ids are unique), so the bytes do not depend
 * on load order. NULL when out of memory; the caller frees. By id; and the
 * nodes with a positive flow at risk (NaN: not computed), largest first,
 * ties by id, their number in *count. O(n log n).
 */
igraph_integer_t *ckp_nodes_by_id(const ckp_network *net);
igraph_integer_t *ckp_nodes_by_risk(const ckp_network *net, const double *flow_at_risk,
                                    igraph_integer_t *count);

/*
 * "CN 62.0%, MY 30.0%": where end user number k of `d` (a position in
 * d->end_users) gets its inflow from at tier t, largest share first (ties by
 * country order), shares under 0.05% left out, then what no country at that
 * tier supplied ("unattributed 3.0%"); "-" when nothing is left to show.
 */
void ckp_origin_shares_write(ckp_buf *out, const ckp_network *net, const ckp_dependency *d,
                             igraph_integer_t k, igraph_integer_t t);

/* What a scenario's text output names besides the results. */
typedef struct {
    /* the network's file, shown beside its name ("network  NAME (FILE)"); NULL: none */
    const char *network_path;
    /* the scenario over its duration (ckp_time_scenario); NULL: the annual view only */
    const ckp_time_report *time;
} ckp_scenario_write_options;

void ckp_scenario_write_options_init(ckp_scenario_write_options *opts);

/*
 * A scenario run (ckp_scenario_run of `s` on `net`) as `chokepoint scenario`
 * prints it: TEXT, the baseline and the scenario side by side; JSON, the same
 * figures with every share. There is no CSV form (CKP_EUSAGE). `opts` may be
 * NULL. Warnings are not written: they are in r->warnings for the caller.
 */
ckp_code ckp_scenario_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                            const ckp_scenario *s, const ckp_scenario_report *r,
                            const ckp_scenario_write_options *opts, ckp_error *err);

/*
 * A comparison (ckp_compare, `net` its baseline) as `chokepoint compare`
 * prints it: TEXT tables; JSON; CSV, one row per plan and scenario (the
 * scenario empty for the plan without a shock), CRLF line ends. Warnings are
 * not written: they are in c->warnings for the caller.
 */
ckp_code ckp_comparison_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                              const ckp_comparison *c, ckp_error *err);

/* The views of a scenario (chokepoint/views.h), as bits: which matrices a comparison shows. */
enum {
    CKP_VIEW_IMMEDIATE = 1,   /* nobody adapts */
    CKP_VIEW_REROUTED = 2,    /* spare capacity only */
    CKP_VIEW_REALLOCATED = 4, /* the maximum flow */
    CKP_VIEW_ALL = 7
};

/*
 * The same with the served matrix in the views `views` (CKP_VIEW_* bits; 0:
 * the default, all three in JSON, immediate and reallocated in text). JSON
 * keeps "served" (reallocated) and adds "immediate_served",
 * "rerouted_served", "reallocated_served" per view asked for; CSV has no
 * views.
 */
ckp_code ckp_comparison_write_views(ckp_buf *out, ckp_format format, const ckp_network *net,
                                    const ckp_comparison *c, int views, ckp_error *err);

/* How an analysis or a check report is written beyond its format. */
typedef struct {
    const char *file;     /* text: the "file" line, the input's path(s) ("") */
    igraph_integer_t top; /* analysis text: rows of each ranked table; 0: all (10) */
    int all;              /* check: list every warning, not 10 (text) or 1000 (JSON) a kind */
} ckp_write_options;

void ckp_write_options_init(ckp_write_options *opts);

/*
 * Append an analysis, as text or JSON (`analyze`'s outputs; CSV is
 * CKP_EUSAGE), to `out`. `opts` are the options it was computed with (the
 * method it reports; its threads also format the JSON); `wopts` may be NULL
 * for the defaults. Out of memory is CKP_EINTERNAL; a streaming buffer's
 * failed sink is left for ckp_output_commit_buf (chokepoint/io.h) to report.
 */
ckp_code ckp_analysis_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                            const ckp_analysis *a, const ckp_analysis_options *opts,
                            const ckp_write_options *wopts, ckp_error *err);
/*
 * The analysis as versioned JSON: top-level members one a line, each array
 * element one compact line. For a million nodes, give `out` a sink
 * (ckp_buf_init_sink) to keep the memory bounded.
 */
ckp_code ckp_analysis_write_json(ckp_buf *out, const ckp_network *net, const ckp_analysis *a,
                                 const ckp_analysis_options *opts, ckp_error *err);

/* Append a check report, as text or JSON (`check`'s outputs; CSV is CKP_EUSAGE), to `out`. */
ckp_code ckp_check_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                         ckp_check_report *r, const ckp_write_options *wopts, ckp_error *err);

/*
 * A network in the JSON format (docs/format.md, chokepoint-network/1): the
 * metadata, the tiers, then a node and an edge a line, in the network's
 * order, every field it has and no others; numbers as cJSON prints them
 * (they read back exactly).
 */
void ckp_network_write_json(ckp_buf *b, const ckp_network *net);
/* The metadata file of a CSV pair: the same top level, with the tiers, no nodes or edges. */
void ckp_network_write_meta_json(ckp_buf *b, const ckp_network *net);
/* The CSV pair: every column, absent values empty, in the network's order. */
void ckp_network_write_nodes_csv(ckp_buf *b, const ckp_network *net);
void ckp_network_write_edges_csv(ckp_buf *b, const ckp_network *net);

/*
 * The network as GraphML (igraph's writer; docs/format.md, "GraphML"): every
 * field a typed attribute, metadata and tiers graph attributes. Fails on a
 * tier name with a comma, which the "tiers" list cannot hold.
 */
ckp_code ckp_network_write_graphml(ckp_buf *b, const ckp_network *net, ckp_error *err);
/* The network as GEXF 1.2draft for Gephi, nodes coloured by country as in the diagrams. */
ckp_code ckp_network_write_gexf(ckp_buf *b, const ckp_network *net, ckp_error *err);

/*
 * Results as an Excel workbook (.xlsx, libxlsxwriter), appended to `out`:
 * one sheet per table (the analysis: nodes, concentration, origins,
 * end_users, single_points_of_failure; a comparison: comparison), numbers
 * typed, the header row frozen, and a "metadata" sheet with the network's
 * name, unit, year, description and source, `input` (the network's file)
 * and `command` (the command line), either NULL to leave it out. The
 * workbook's creation date is fixed at 2000-01-01, so the bytes depend only
 * on the results.
 */
ckp_code ckp_analysis_write_xlsx(ckp_buf *out, const ckp_network *net, const ckp_analysis *a,
                                 const char *input, const char *command, ckp_error *err);
ckp_code ckp_comparison_write_xlsx(ckp_buf *out, const ckp_network *net,
                                   const ckp_comparison *c, const char *input,
                                   const char *command, ckp_error *err);
/*
 * A scenario run as a workbook: "summary" (every figure of its JSON form,
 * dotted keys), "end_users" and "dependency" (shares spread into columns
 * "baseline.CN", "scenario.CN"), then "metadata". `opts` as for
 * ckp_scenario_write (its time report: scenario --duration), may be NULL.
 */
ckp_code ckp_scenario_write_xlsx(ckp_buf *out, const ckp_network *net, const ckp_scenario *s,
                                 const ckp_scenario_report *r,
                                 const ckp_scenario_write_options *opts, const char *input,
                                 const char *command, ckp_error *err);

/*
 * A stress ranking (chokepoint/stress.h) as `chokepoint stress` prints it:
 * TEXT, a table of the first `wopts->top` rows (0: all) with a legend; JSON,
 * {"schema_version", "ranking": [every row], "notes"}; CSV, one row each,
 * CRLF line ends, tts_days empty when never short. `wopts` may be NULL.
 */
ckp_code ckp_stress_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                          const ckp_stress *s, const ckp_write_options *wopts, ckp_error *err);

/*
 * A stress ranking as a workbook: "ranking" (the CSV form's columns, every
 * row), then "metadata", as for ckp_analysis_write_xlsx.
 */
ckp_code ckp_stress_write_xlsx(ckp_buf *out, const ckp_network *net, const ckp_stress *s,
                               const char *input, const char *command, ckp_error *err);

/*
 * What a command wrote (render and report --format json): {"schema_version",
 * "command", "directory" (when `dir` is given), "files": [{"path", "bytes",
 * "sha256"}]}, each file read back from disk for its size and SHA-256, in
 * the order given. `paths` are relative to `dir` (NULL: as they are).
 */
ckp_code ckp_files_write_json(ckp_buf *out, const char *command, const char *dir,
                              const char *const *paths, size_t n, ckp_error *err);

/* The end users' ids, one a line, in the network's order (for shell completion). */
void ckp_network_write_end_users(ckp_buf *b, const ckp_network *net);

/*
 * Plans ranked over a duration (compare --duration; chokepoint/stress.h):
 * TEXT, a table per scenario; JSON, {"schema_version", "duration_days",
 * "group", "scenarios": [{"name", "ranking": [{"plan", "demand",
 * "lost_immediate", "tts_immediate_days", "lost_reallocated",
 * "tts_reallocated_days"}]}], "notes"}; CSV, a row per scenario and plan,
 * CRLF line ends, empty where null.
 */
ckp_code ckp_time_comparison_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                                   const ckp_time_comparison *c, ckp_error *err);

CKP_END_DECLS

#endif
