/*
 * chokepoint: loading networks from JSON (chokepoint-network/1), from a
 * pair of CSV files or from GraphML. The format is documented in docs/format.md.
 *
 * A load either returns a whole, valid network or fails with an error that
 * names the file, the line and column, and the culprit; nothing is ever
 * half-loaded.
 */
#ifndef CHOKEPOINT_LOAD_H
#define CHOKEPOINT_LOAD_H

#include <stddef.h>
#include "chokepoint/network.h"

CKP_BEGIN_DECLS

#define CKP_FORMAT_NAME "chokepoint-network/1"
/* Version 2 adds materials and recipes (chokepoint/materials.h); every version 1 file is valid. */
#define CKP_FORMAT_NAME_2 "chokepoint-network/2"

typedef struct {
    /*
     * CSV only: tier order, comma-separated ("mine,separation,..."). When
     * NULL, the order is inferred from the edges (the tiers' own graph,
     * topologically sorted); a load where the edges cannot decide it fails.
     */
    const char *tiers;
    /*
     * CSV only: metadata. NULL (year NAN) when not given; they override the
     * sidecar's. The name defaults to the nodes file's name.
     */
    const char *name;
    const char *unit;
    double year;
    const char *source;
    const char *description;
    /*
     * CSV only: the sidecar, a JSON file with the JSON format's top level
     * (name, unit, year, description, source) and no nodes or edges. When
     * NULL, network.json beside the nodes file is read if it exists.
     */
    const char *meta;
    /* CSV only: the separator, ',' ';' or '\t'; 0 to detect it from the header line. */
    char separator;
    /*
     * When not NULL, every error of a CSV file up to errors->max (the first is
     * also in `err`); errors that only follow from an earlier one are left out.
     */
    ckp_error_list *errors;
    /* When not NULL, what a load accepts but doubts (ids or owners differing only by case). */
    ckp_error_list *warnings;
    /*
     * ckp_load_network: "json", "csv", "graphml" or "gexf"; NULL to tell
     * from the paths (two paths are CSV, ".graphml" is GraphML, ".gexf"
     * GEXF, anything else JSON).
     */
    const char *format;
} ckp_load_options;

void ckp_load_options_init(ckp_load_options *opts);

/* Load a JSON network from a file ("-" is standard input). */
ckp_code ckp_load_json(ckp_network **out, const char *path, ckp_error *err);

/* Load a JSON network from memory; `path` names it in error messages. */
ckp_code ckp_load_json_buffer(ckp_network **out, const char *buf, size_t len, const char *path,
                              ckp_error *err);

/* Load a network from a nodes CSV and an edges CSV. `opts` may be NULL. */
ckp_code ckp_load_csv(ckp_network **out, const char *nodes_path, const char *edges_path,
                      const ckp_load_options *opts, ckp_error *err);

/* Same, from memory. */
ckp_code ckp_load_csv_buffers(ckp_network **out, const char *nodes, size_t nodes_len,
                              const char *nodes_path, const char *edges, size_t edges_len,
                              const char *edges_path, const ckp_load_options *opts,
                              ckp_error *err);

/*
 * Load a GraphML network (docs/format.md, "GraphML"): every field a typed
 * node, edge or graph attribute; a node's id its "id" attribute, else its
 * GraphML id. `opts` may be NULL; its `tiers` overrides the file's "tiers"
 * attribute, and its `warnings` are filled as for the other formats.
 */
ckp_code ckp_load_graphml(ckp_network **out, const char *path, const ckp_load_options *opts,
                          ckp_error *err);

/* Same, from memory; `path` names it in error messages. */
ckp_code ckp_load_graphml_buffer(ckp_network **out, const char *buf, size_t len,
                                 const char *path, const ckp_load_options *opts, ckp_error *err);

/*
 * Load a GEXF 1.2 network (docs/format.md, "GEXF"; libxml2's reader): the
 * fields `convert -o OUT.gexf` writes, node and edge fields as attvalues
 * of attributes titled by their names, an edge's weight its volume when it
 * has none, the metadata and tier order from <ckp:network> when present
 * (else the tiers inferred). `opts` as for ckp_load_graphml.
 */
ckp_code ckp_load_gexf(ckp_network **out, const char *path, const ckp_load_options *opts,
                       ckp_error *err);
ckp_code ckp_load_gexf_buffer(ckp_network **out, const char *buf, size_t len, const char *path,
                              const ckp_load_options *opts, ckp_error *err);

/*
 * Load from the paths a user gave: one path is a JSON network, or GraphML
 * when it ends in .graphml, GEXF in .gexf; two paths are a nodes CSV and an edges CSV.
 * opts->format, when set, decides instead of the names.
 */
ckp_code ckp_load_network(ckp_network **out, const char *const *paths, size_t npaths,
                          const ckp_load_options *opts, ckp_error *err);

CKP_END_DECLS

#endif
