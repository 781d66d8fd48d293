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

CKP_END_DECLS

#endif
