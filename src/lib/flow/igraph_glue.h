/*
 * igraph's default error handler aborts the process; the library must not.
 * ckp_igraph_init() installs handlers that free igraph's temporaries and
 * return, recording the reason, which ckp_igraph_error() turns into a
 * chokepoint error. igraph is built without thread safety here, so its
 * handlers are process-wide by necessity, as is the one-slot reason below.
 */
#ifndef CKP_IGRAPH_GLUE_H
#define CKP_IGRAPH_GLUE_H

#include <igraph.h>
#include "chokepoint/common.h"

void ckp_igraph_init(void);

/* Convert an igraph error code (and the recorded reason) into err. */
ckp_code ckp_igraph_error(igraph_error_t code, const char *what, ckp_error *err);

/* Run an igraph call; on failure jump to `done` with rc set. */
#define CKP_IGRAPH(call, what)                                  \
    do {                                                        \
        igraph_error_t ckp_ie_ = (call);                        \
        if (ckp_ie_ != IGRAPH_SUCCESS) {                        \
            rc = ckp_igraph_error(ckp_ie_, (what), err);        \
            goto done;                                          \
        }                                                       \
    } while (0)

#endif
