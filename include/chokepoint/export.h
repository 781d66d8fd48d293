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
 * "CN 62.0%, MY 30.0%" for end user k of a dependency at tier t: the shares
 * of 0.05% or more, largest first, then the unattributed share; "-" if none.
 */
void ckp_origin_shares_text(ckp_buf *b, const ckp_network *net, const ckp_dependency *d,
                            igraph_integer_t k, igraph_integer_t t);

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

CKP_END_DECLS

#endif
