/*
 * chokepoint: loading networks from JSON (chokepoint-network/1) or from a
 * pair of CSV files. The format is documented in docs/format.md.
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
     * NULL, tiers are ordered as they first appear in the nodes file.
     */
    const char *tiers;
    /* CSV only: network name; defaults to the nodes file's name. */
    const char *name;
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
 * Load from the paths a user gave: one path is a JSON network; two paths
 * ending in .csv are a nodes file and an edges file.
 */
ckp_code ckp_load_network(ckp_network **out, const char *const *paths, size_t npaths,
                          const ckp_load_options *opts, ckp_error *err);

CKP_END_DECLS

#endif
