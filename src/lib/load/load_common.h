/* What every loader does once a network is read. */
#ifndef CKP_LOAD_COMMON_H
#define CKP_LOAD_COMMON_H

#include <stddef.h>

#include "chokepoint/load.h"

/* A network needs sources and end users: at least one node in the first and last tiers. */
ckp_code ckp_load_check_complete(const ckp_network *net, ckp_error *err);

/*
 * Warn (into `warnings`, at `path`) of node ids and of owners that differ
 * only by ASCII case: likely one facility or owner typed two ways.
 */
ckp_code ckp_load_near_duplicates(const ckp_network *net, const char *path,
                                  ckp_error_list *warnings, ckp_error *err);

/*
 * Add the tiers of a comma-separated list ("mine, separation, ..."), in
 * order; `what` names the list in errors ("--tiers").
 */
ckp_code ckp_load_tier_list(ckp_network *net, const char *tiers, const char *what,
                            ckp_error *err);

/* Read the file at `path` whole ("-": standard input) and load it with `load`. */
typedef ckp_code (*ckp_buffer_loader)(ckp_network **out, const char *buf, size_t len,
                                      const char *path, const ckp_load_options *opts,
                                      ckp_error *err);
ckp_code ckp_load_file(ckp_network **out, const char *path, const ckp_load_options *opts,
                       ckp_buffer_loader load, ckp_error *err);

/*
 * A plain decimal of n bytes ("-12.5", "3e4") read exactly, for the cases
 * ckp_decimal_exact covers: 1 with *out, 0 for strtod to read.
 */
int ckp_load_decimal(const char *s, size_t n, double *out);

/* *buf grown (doubling from `first`) to hold `need` bytes; -1 when out of memory. */
int ckp_load_room(char **buf, size_t *cap, size_t need, size_t first);

/* ckp_utf8_invalid, quicker on text that is mostly ASCII. */
size_t ckp_load_utf8_invalid(const char *buf, size_t len);

#endif
