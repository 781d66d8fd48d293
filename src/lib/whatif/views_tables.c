/*
 * The rows of the views' tables: end users by id, the countries of end users
 * by code, and the groups (the caller's, the scenario's, the built-in ones)
 * with an end user, by name; each with the end users it sums over.
 */
#include <stdlib.h>
#include <string.h>

#include "network_internal.h"
#include "views_rows.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

void ckp_views_rows_destroy(ckp_views_rows *r)
{
    if (!r)
        return;
    for (igraph_integer_t i = 0; i < r->n; i++)
        free(r->members[i]);
    free(r->members);
    free(r->sizes);
    free(r->names);
    memset(r, 0, sizeof *r);
}

static int by_name(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    return strcmp(*x, *y);
}

static int grow(ckp_views_rows *r)
{
    size_t k = (size_t)r->n + 1;
    igraph_integer_t **members = realloc(r->members, k * sizeof *members);
    if (members)
        r->members = members;
    igraph_integer_t *sizes = realloc(r->sizes, k * sizeof *sizes);
    if (sizes)
        r->sizes = sizes;
    const char **names = realloc(r->names, k * sizeof *names);
    if (names)
        r->names = names;
    if (!members || !sizes || !names)
        return -1;
    r->members[r->n] = NULL;
    r->sizes[r->n] = 0;
    r->n++;
    return 0;
}

/* Row `row` takes the end users (positions in `users`) of `group`, else of `country`. */
static int fill_members(ckp_views_rows *r, igraph_integer_t row, const ckp_network *net,
                        const igraph_integer_t *users, igraph_integer_t n_users,
                        const ckp_group *group, const char *country)
{
    igraph_integer_t *list = malloc((size_t)(n_users ? n_users : 1) * sizeof *list), k = 0;
    if (!list)
        return -1;
    for (igraph_integer_t i = 0; i < n_users; i++) {
        const char *c = ckp_node_country(net, users[i]);
        if (group ? ckp_group_has(group, c) : country && !strcmp(c, country))
            list[k++] = i;
    }
    r->members[row] = list;
    r->sizes[row] = k;
    return 0;
}

ckp_code ckp_views_countries(ckp_views_rows *r, const ckp_network *net,
                             const igraph_integer_t *users, igraph_integer_t n_users,
                             ckp_error *err)
{
    memset(r, 0, sizeof *r);
    igraph_integer_t nc = net->countries.count;
    char *seen = calloc((size_t)(nc ? nc : 1), 1);
    if (!seen)
        return NOMEM(err);
    for (igraph_integer_t i = 0; i < n_users; i++) {
        igraph_integer_t c = net->node_country[users[i]];
        if (seen[c]) /* a flag, not a count: a char count wraps at 256 end users */
            continue;
        seen[c] = 1;
        if (grow(r) < 0)
            goto nomem;
        r->names[r->n - 1] = ckp_network_country_name(net, c);
    }
    qsort(r->names, (size_t)r->n, sizeof *r->names, by_name);
    for (igraph_integer_t row = 0; row < r->n; row++)
        if (fill_members(r, row, net, users, n_users, NULL, r->names[row]) < 0)
            goto nomem;
    free(seen);
    return CKP_OK;
nomem:
    free(seen);
    ckp_views_rows_destroy(r);
    return NOMEM(err);
}

/* A group of this name already a row (an earlier list defined it)? */
static int has_row(const ckp_views_rows *r, const char *name)
{
    for (igraph_integer_t i = 0; i < r->n; i++)
        if (!strcmp(r->names[i], name))
            return 1;
    return 0;
}

ckp_code ckp_views_groups(ckp_views_rows *r, const ckp_network *net,
                          const igraph_integer_t *users, igraph_integer_t n_users,
                          const ckp_groups *const *lists, igraph_integer_t n_lists,
                          ckp_error *err)
{
    memset(r, 0, sizeof *r);
    for (igraph_integer_t l = 0; l < n_lists; l++) {
        for (igraph_integer_t g = 0; lists[l] && g < lists[l]->n; g++) {
            const ckp_group *grp = &lists[l]->items[g];
            if (has_row(r, grp->name))
                continue;
            if (grow(r) < 0 ||
                fill_members(r, r->n - 1, net, users, n_users, grp, NULL) < 0)
                goto nomem;
            r->names[r->n - 1] = grp->name;
            if (r->sizes[r->n - 1] == 0) { /* no end user: no row */
                free(r->members[--r->n]);
            }
        }
    }
    /* sort rows by name, keeping each row's members with it */
    for (igraph_integer_t i = 1; i < r->n; i++)
        for (igraph_integer_t j = i; j > 0 && strcmp(r->names[j - 1], r->names[j]) > 0; j--) {
            const char *nm = r->names[j];
            igraph_integer_t *mb = r->members[j], sz = r->sizes[j];
            r->names[j] = r->names[j - 1];
            r->members[j] = r->members[j - 1];
            r->sizes[j] = r->sizes[j - 1];
            r->names[j - 1] = nm;
            r->members[j - 1] = mb;
            r->sizes[j - 1] = sz;
        }
    return CKP_OK;
nomem:
    ckp_views_rows_destroy(r);
    return NOMEM(err);
}
