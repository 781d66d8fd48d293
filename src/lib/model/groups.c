#include "chokepoint/groups.h"

#include <stdlib.h>
#include <string.h>

#include "country.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

/* The 27 member states since 1 February 2020, ISO codes (Greece is GR, not the EU's EL). */
static char eu27_members[][3] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                 "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                 "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
static ckp_group builtin_items[] = {{"EU27", 27, eu27_members}};
static const ckp_groups builtin = {1, builtin_items};

const ckp_groups *ckp_groups_builtin(void)
{
    return &builtin;
}

void ckp_groups_init(ckp_groups *g)
{
    g->n = 0;
    g->items = NULL;
}

void ckp_groups_destroy(ckp_groups *g)
{
    if (!g)
        return;
    for (igraph_integer_t i = 0; i < g->n; i++) {
        free(g->items[i].name);
        free(g->items[i].members);
    }
    free(g->items);
    ckp_groups_init(g);
}

static int by_code(const void *a, const void *b)
{
    return strcmp(a, b);
}

static const ckp_group *find_in(const ckp_groups *g, const char *name)
{
    for (igraph_integer_t i = 0; g && i < g->n; i++)
        if (!strcmp(g->items[i].name, name))
            return &g->items[i];
    return NULL;
}

const ckp_group *ckp_groups_find(const ckp_groups *g, const char *name)
{
    const ckp_group *found = find_in(g, name);
    return found ? found : find_in(&builtin, name);
}

int ckp_group_has(const ckp_group *group, const char *code)
{
    return bsearch(code, group->members, (size_t)group->n, 3, by_code) != NULL;
}

ckp_code ckp_groups_add(ckp_groups *g, const char *name, const char *const *members,
                        igraph_integer_t n_members, ckp_error *err)
{
    if (!*name || !strcmp(name, "*"))
        return ckp_error_set(err, CKP_EDATA, "group name '%s' is not allowed: give it a name",
                             name);
    if (strlen(name) == 2 && ckp_country_valid(name))
        return ckp_error_set(err, CKP_EDATA,
                             "group '%s' has the name of a country: call it something else",
                             name);
    if (find_in(g, name))
        return ckp_error_set(err, CKP_EDATA, "group '%s' is defined twice", name);
    for (igraph_integer_t k = 0; k < n_members; k++)
        if (strlen(members[k]) != 2 || !ckp_country_valid(members[k]))
            return ckp_error_set(err, CKP_EDATA,
                                 "group '%s': member '%s' is not an ISO 3166-1 alpha-2 country "
                                 "code",
                                 name, members[k]);
    ckp_group *items = realloc(g->items, (size_t)(g->n + 1) * sizeof *items);
    if (!items)
        return NOMEM(err);
    g->items = items;
    ckp_group *grp = &items[g->n];
    grp->name = strdup(name);
    grp->members = malloc((size_t)(n_members ? n_members : 1) * sizeof *grp->members);
    if (!grp->name || !grp->members) {
        free(grp->name);
        free(grp->members);
        return NOMEM(err);
    }
    for (igraph_integer_t k = 0; k < n_members; k++)
        memcpy(grp->members[k], members[k], 3);
    qsort(grp->members, (size_t)n_members, sizeof *grp->members, by_code);
    igraph_integer_t kept = 0;
    for (igraph_integer_t k = 0; k < n_members; k++)
        if (!kept || strcmp(grp->members[k], grp->members[kept - 1]))
            memcpy(grp->members[kept++], grp->members[k], 3);
    grp->n = kept;
    g->n++;
    return CKP_OK;
}

ckp_code ckp_groups_copy(ckp_groups *dst, const ckp_groups *src, ckp_error *err)
{
    ckp_groups_destroy(dst);
    dst->items = calloc((size_t)(src->n ? src->n : 1), sizeof *dst->items);
    if (!dst->items)
        return NOMEM(err);
    for (igraph_integer_t i = 0; i < src->n; i++) {
        const ckp_group *g = &src->items[i];
        ckp_group *c = &dst->items[i];
        dst->n = i + 1;
        c->name = strdup(g->name);
        c->members = malloc((size_t)(g->n ? g->n : 1) * sizeof *c->members);
        if (!c->name || !c->members) {
            ckp_groups_destroy(dst);
            return NOMEM(err);
        }
        memcpy(c->members, g->members, (size_t)g->n * sizeof *c->members);
        c->n = g->n;
    }
    return CKP_OK;
}
