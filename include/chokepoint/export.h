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

#include "chokepoint/buf.h"
#include "chokepoint/common.h"
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

CKP_END_DECLS

#endif
