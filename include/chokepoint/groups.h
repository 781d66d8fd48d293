/*
 * chokepoint: groups of countries ("EU", "allies"), usable wherever a
 * scenario names a country (embargo from/to, remove_countries) and as rows
 * of the views' tables. EU27 is built in (membership and source in
 * docs/scenarios.md); a scenario may define more, or redefine "EU27".
 */
#ifndef CHOKEPOINT_GROUPS_H
#define CHOKEPOINT_GROUPS_H

#include <igraph.h>
#include "chokepoint/common.h"

CKP_BEGIN_DECLS

typedef struct {
    char *name;
    igraph_integer_t n;
    char (*members)[3];  /* ISO 3166-1 alpha-2 codes, sorted, no repeats */
} ckp_group;

typedef struct {
    igraph_integer_t n;
    ckp_group *items;    /* in the order added */
} ckp_groups;

void ckp_groups_init(ckp_groups *g);
void ckp_groups_destroy(ckp_groups *g);

/*
 * Add a group. The name must be non-empty, not "*" and not a country code
 * (it would be ambiguous), and new in `g`; members must be country codes.
 */
ckp_code ckp_groups_add(ckp_groups *g, const char *name, const char *const *members,
                        igraph_integer_t n_members, ckp_error *err);

/* Replace `dst` (initialised) with a copy of `src`. */
ckp_code ckp_groups_copy(ckp_groups *dst, const ckp_groups *src, ckp_error *err);

/* The built-in groups (EU27). */
const ckp_groups *ckp_groups_builtin(void);

/* The group called `name` in `g` (may be NULL), else a built-in one; NULL if neither. */
const ckp_group *ckp_groups_find(const ckp_groups *g, const char *name);

/* 1 when `code` is a member of `group`. */
int ckp_group_has(const ckp_group *group, const char *code);

CKP_END_DECLS

#endif
