/* A CSV network's metadata file: the JSON format's top level without nodes and edges. */
#ifndef CKP_SIDECAR_H
#define CKP_SIDECAR_H

#include <cjson/cJSON.h>

#include "chokepoint/common.h"

typedef struct {
    char *name, *unit, *description, *source;
    char *tiers; /* "a,b,c" from its "tiers" array, or NULL */
    double year; /* NAN when absent */
    double ttr_days; /* the network's time to recover, NAN when absent */
    cJSON *materials; /* its "materials" array (format 2), or NULL */
    cJSON *groups;    /* its "groups" object, or NULL */
    char *path;       /* the file read, for the materials' errors; NULL when none */
} ckp_sidecar;

void ckp_sidecar_init(ckp_sidecar *meta);
void ckp_sidecar_destroy(ckp_sidecar *meta);

/*
 * Read the sidecar `path`; when NULL, network.json beside `nodes_path`, if
 * there is one (none is no error). A network.json found beside that is a
 * whole network (over CKP_SIDECAR_MAX_BYTES, or with nodes or edges) is not
 * read: a warning goes to `warnings` (may be NULL), since the CSV pair and
 * the JSON form of one network often sit in one folder.
 */
#define CKP_SIDECAR_MAX_BYTES ((long long)1 << 20)
ckp_code ckp_sidecar_read(ckp_sidecar *meta, const char *path, const char *nodes_path,
                          ckp_error_list *warnings, ckp_error *err);

#endif
