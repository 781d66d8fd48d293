/* What every loader does once a network is read. */
#ifndef CKP_LOAD_COMMON_H
#define CKP_LOAD_COMMON_H

#include "chokepoint/network.h"

/* A network needs sources and end users: at least one node in the first and last tiers. */
ckp_code ckp_load_check_complete(const ckp_network *net, ckp_error *err);

#endif
