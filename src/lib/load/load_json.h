/* The JSON loader's element readers, shared with plans (add_nodes, add_edges). */
#ifndef CKP_LOAD_JSON_H
#define CKP_LOAD_JSON_H

#include "chokepoint/network.h"

/*
 * Read the node (or edge) object spanning [start, end) of `buf` into `net`,
 * with the loader's checks and messages; `index` names it when it has no id.
 */
ckp_code ckp_json_read_node(ckp_network *net, const char *buf, size_t len, const char *path,
                            size_t start, size_t end, igraph_integer_t index, ckp_error *err);
ckp_code ckp_json_read_edge(ckp_network *net, const char *buf, size_t len, const char *path,
                            size_t start, size_t end, igraph_integer_t index, ckp_error *err);

#endif
