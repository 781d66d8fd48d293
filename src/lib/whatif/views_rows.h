/* The rows of the views' tables beyond the end users (views_tables.c; not public). */
#ifndef CKP_VIEWS_ROWS_H
#define CKP_VIEWS_ROWS_H

#include "chokepoint/groups.h"
#include "chokepoint/network.h"

/* Named rows, each with its end users as positions in the caller's end-user list. */
typedef struct {
    igraph_integer_t n;
    const char **names;          /* borrowed from the network or the groups */
    igraph_integer_t **members;
    igraph_integer_t *sizes;
} ckp_views_rows;

void ckp_views_rows_destroy(ckp_views_rows *r);

/* One row per country of the end users `users` (network nodes), by code. */
ckp_code ckp_views_countries(ckp_views_rows *r, const ckp_network *net,
                             const igraph_integer_t *users, igraph_integer_t n_users,
                             ckp_error *err);

/*
 * One row per group with an end user, by name; a name in an earlier list
 * hides the same name in later ones.
 */
ckp_code ckp_views_groups(ckp_views_rows *r, const ckp_network *net,
                          const igraph_integer_t *users, igraph_integer_t n_users,
                          const ckp_groups *const *lists, igraph_integer_t n_lists,
                          ckp_error *err);

#endif
