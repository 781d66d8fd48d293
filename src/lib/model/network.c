#include "network_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "country.h"
#include "materials_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

void ckp_node_spec_init(ckp_node_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->capacity = CKP_UNBOUNDED;
    spec->demand = NAN;
    spec->stock = NAN;
    spec->ttr_days = NAN;
}

void ckp_edge_spec_init(ckp_edge_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->from = -1;
    spec->to = -1;
    spec->volume = 0;
    spec->capacity = CKP_UNBOUNDED;
}

ckp_code ckp_network_new(ckp_network **out, ckp_error *err)
{
    *out = NULL;
    ckp_network *net = calloc(1, sizeof *net);
    if (!net)
        return NOMEM(err);
    net->year = NAN;
    net->ttr_days = NAN;
    ckp_strtab_init(&net->tiers);
    ckp_strtab_init(&net->ids);
    ckp_strtab_init(&net->countries);
    ckp_strtab_init(&net->owners);
    ckp_strtab_init(&net->texts);
    net->demand_stale = 1;
    *out = net;
    return CKP_OK;
}

void ckp_network_free(ckp_network *net)
{
    if (!net)
        return;
    ckp_groups_destroy(&net->groups);
    free(net->name);
    free(net->unit);
    free(net->description);
    free(net->source);
    ckp_strtab_destroy(&net->tiers);
    ckp_strtab_destroy(&net->ids);
    ckp_strtab_destroy(&net->countries);
    ckp_strtab_destroy(&net->owners);
    ckp_strtab_destroy(&net->texts);
    free(net->node_tier);
    free(net->node_country);
    free(net->node_owner);
    free(net->node_name);
    free(net->node_source);
    free(net->node_estimate);
    free(net->node_capacity);
    free(net->node_demand);
    free(net->node_stock);
    free(net->node_ttr);
    free(net->edge_from);
    free(net->edge_to);
    free(net->edge_volume);
    free(net->edge_capacity);
    free(net->edge_source);
    free(net->edge_estimate);
    free(net->edge_slots);
    free(net->demand_cache);
    ckp_bom_free(net->bom);
    free(net);
}

static int replace_string(char **dst, const char *src)
{
    char *copy = NULL;
    if (src) {
        copy = strdup(src);
        if (!copy)
            return -1;
    }
    free(*dst);
    *dst = copy;
    return 0;
}

ckp_code ckp_network_set_meta(ckp_network *net, const char *name, const char *unit,
                              double year, const char *description, const char *source,
                              ckp_error *err)
{
    if (replace_string(&net->name, name) < 0 || replace_string(&net->unit, unit) < 0 ||
        replace_string(&net->description, description) < 0 ||
        replace_string(&net->source, source) < 0)
        return NOMEM(err);
    net->year = year;
    return CKP_OK;
}

const char *ckp_network_name(const ckp_network *net)
{
    return net->name ? net->name : "";
}

const char *ckp_network_unit(const ckp_network *net)
{
    return net->unit ? net->unit : "";
}

const char *ckp_network_description(const ckp_network *net)
{
    return net->description;
}

const char *ckp_network_source(const ckp_network *net)
{
    return net->source;
}

double ckp_network_year(const ckp_network *net)
{
    return net->year;
}

ckp_code ckp_network_add_tier(ckp_network *net, const char *tier, ckp_error *err)
{
    if (!tier || !tier[0])
        return ckp_error_set(err, CKP_EDATA, "a tier name is empty");
    int64_t i = ckp_strtab_add_new(&net->tiers, tier);
    if (i == -2)
        return ckp_error_set(err, CKP_EDATA, "tier '%s' is listed twice in \"tiers\"", tier);
    if (i < 0)
        return NOMEM(err);
    return CKP_OK;
}

ckp_code ckp_network_reorder_tiers(ckp_network *net, const igraph_integer_t *order,
                                   ckp_error *err)
{
    ckp_code rc = CKP_OK;
    int64_t n = net->tiers.count;
    ckp_strtab tiers;
    ckp_strtab_init(&tiers);
    int32_t *position = malloc((size_t)(n ? n : 1) * sizeof *position);
    if (!position) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (int64_t t = 0; t < n; t++) {
        if (ckp_strtab_add_new(&tiers, net->tiers.strings[order[t]]) < 0) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        position[order[t]] = (int32_t)t;
    }
    for (igraph_integer_t i = 0; i < net->n_nodes; i++)
        net->node_tier[i] = position[net->node_tier[i]];
    ckp_strtab_destroy(&net->tiers);
    net->tiers = tiers;
    ckp_strtab_init(&tiers);
done:
    ckp_strtab_destroy(&tiers);
    free(position);
    return rc;
}

igraph_integer_t ckp_network_tier_count(const ckp_network *net)
{
    return net->tiers.count;
}

const char *ckp_network_tier_name(const ckp_network *net, igraph_integer_t tier)
{
    return ckp_strtab_get(&net->tiers, tier);
}

igraph_integer_t ckp_network_tier_find(const ckp_network *net, const char *tier)
{
    return ckp_strtab_find(&net->tiers, tier);
}

/* Validate a number field: finite (or unbounded where allowed), not negative, not huge. */
static ckp_code check_number(double v, const char *what, int unbounded_ok, int absent_ok,
                             ckp_error *err)
{
    if (absent_ok && isnan(v))
        return CKP_OK;
    if (unbounded_ok && v == CKP_UNBOUNDED)
        return CKP_OK;
    if (!isfinite(v))
        return ckp_error_set(err, CKP_EDATA, "\"%s\" must be a finite number", what);
    if (v < 0)
        return ckp_error_set(err, CKP_EDATA, "\"%s\" is negative (%g): it must be 0 or more",
                             what, v);
    if (v > CKP_MAX_FIGURE)
        return ckp_error_set(err, CKP_EDATA,
                             "\"%s\" is too large (%g): figures must be at most 1e15; give them "
                             "in a larger unit",
                             what, v);
    return CKP_OK;
}

static int grow_nodes_to(ckp_network *net, igraph_integer_t cap)
{
#define GROW(field)                                                                  \
    do {                                                                             \
        void *p = realloc(net->field, (size_t)cap * sizeof *net->field);             \
        if (!p)                                                                      \
            return -1;                                                               \
        net->field = p;                                                              \
    } while (0)
    GROW(node_tier);
    GROW(node_country);
    GROW(node_owner);
    GROW(node_name);
    GROW(node_source);
    GROW(node_estimate);
    GROW(node_capacity);
    GROW(node_demand);
    GROW(node_stock);
    GROW(node_ttr);
    net->cap_nodes = cap;
    return 0;
}

static int grow_nodes(ckp_network *net)
{
    if (net->n_nodes < net->cap_nodes)
        return 0;
    return grow_nodes_to(net, net->cap_nodes ? net->cap_nodes * 2 : 64);
}

static int grow_edges_to(ckp_network *net, igraph_integer_t cap)
{
    GROW(edge_from);
    GROW(edge_to);
    GROW(edge_volume);
    GROW(edge_capacity);
    GROW(edge_source);
    GROW(edge_estimate);
#undef GROW
    net->cap_edges = cap;
    return 0;
}

static int grow_edges(ckp_network *net)
{
    if (net->n_edges < net->cap_edges)
        return 0;
    return grow_edges_to(net, net->cap_edges ? net->cap_edges * 2 : 64);
}

static int rehash_edges(ckp_network *net, igraph_integer_t nslots);

/* Intern an optional text; -1 for NULL. Returns -2 on out of memory. */
static int64_t intern_text(ckp_strtab *t, const char *s)
{
    if (!s)
        return -1;
    int64_t i = ckp_strtab_intern(t, s);
    return i < 0 ? -2 : i;
}

static ckp_code set_bad(const char **bad_field, const char *field, ckp_code code)
{
    if (bad_field)
        *bad_field = field;
    return code;
}

ckp_code ckp_network_add_node(ckp_network *net, const ckp_node_spec *spec,
                              const char **bad_field, ckp_error *err)
{
    ckp_code rc;
    if (bad_field)
        *bad_field = NULL;
    if (!spec->id || !spec->id[0])
        return set_bad(bad_field, "id",
                       ckp_error_set(err, CKP_EDATA, "\"id\" is empty: give every node an id"));
    if (ckp_strtab_find(&net->ids, spec->id) >= 0)
        return set_bad(bad_field, "id",
                       ckp_error_set(err, CKP_EDATA,
                                     "duplicate id '%s': every node needs its own id",
                                     spec->id));
    int64_t tier = spec->tier ? ckp_strtab_find(&net->tiers, spec->tier) : -1;
    if (tier < 0) {
        char list[512] = "";
        for (int64_t t = 0; t < net->tiers.count; t++) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", t ? ", " : "",
                     net->tiers.strings[t]);
        }
        const char *twin = NULL; /* "Cell" for "cell": a spreadsheet's typo, named */
        for (int64_t t = 0; spec->tier && t < net->tiers.count && !twin; t++)
            if (!strcasecmp(spec->tier, net->tiers.strings[t]))
                twin = net->tiers.strings[t];
        return set_bad(bad_field, "tier",
                       ckp_error_set(err, CKP_EDATA,
                                     "unknown tier '%s': \"tier\" must be one of %s%s%s%s",
                                     spec->tier ? spec->tier : "", list,
                                     twin ? " ('" : "", twin ? twin : "",
                                     twin ? "' differs only by case)" : ""));
    }
    if (!ckp_country_valid(spec->country)) {
        char hint[16] = "";
        const char *cc = spec->country;
        const char *named = ckp_country_code_of_name(cc);
        if (named)
            snprintf(hint, sizeof hint, " (use %s)", named);
        else if (cc && strlen(cc) == 2 && cc[0] >= 'a' && cc[0] <= 'z' && cc[1] >= 'a' &&
                 cc[1] <= 'z')
            snprintf(hint, sizeof hint, " (use %c%c)", cc[0] - 'a' + 'A', cc[1] - 'a' + 'A');
        return set_bad(bad_field, "country",
                       ckp_error_set(err, CKP_EDATA,
                                     "\"country\" '%s' is not an ISO 3166-1 alpha-2 code%s; "
                                     "use ZZ when unknown",
                                     spec->country ? spec->country : "", hint));
    }
    if ((rc = check_number(spec->capacity, "capacity", 1, 0, err)))
        return set_bad(bad_field, "capacity", rc);
    if ((rc = check_number(spec->demand, "demand", 0, 1, err)))
        return set_bad(bad_field, "demand", rc);
    if ((rc = check_number(spec->stock, "stock", 0, 1, err)))
        return set_bad(bad_field, "stock", rc);
    if ((rc = check_number(spec->ttr_days, "ttr_days", 0, 1, err)))
        return set_bad(bad_field, "ttr_days", rc);

    if (grow_nodes(net) < 0)
        return NOMEM(err);
    int64_t country = ckp_strtab_intern(&net->countries, spec->country);
    int64_t owner = spec->owner && spec->owner[0] ? ckp_strtab_intern(&net->owners, spec->owner)
                                                  : -1;
    int64_t name = intern_text(&net->texts, spec->name);
    int64_t source = intern_text(&net->texts, spec->source);
    int64_t estimate = intern_text(&net->texts, spec->estimate);
    if (country < 0 || owner < -1 || name < -1 || source < -1 || estimate < -1)
        return NOMEM(err);
    int64_t i = ckp_strtab_add_new(&net->ids, spec->id);
    if (i < 0)
        return NOMEM(err);
    net->node_tier[i] = (int32_t)tier;
    net->node_country[i] = (int32_t)country;
    net->node_owner[i] = (int32_t)owner;
    net->node_name[i] = (int32_t)name;
    net->node_source[i] = (int32_t)source;
    net->node_estimate[i] = (int32_t)estimate;
    net->node_capacity[i] = spec->capacity;
    net->node_demand[i] = spec->demand;
    net->node_stock[i] = spec->stock;
    net->node_ttr[i] = spec->ttr_days;
    net->n_nodes = i + 1;
    net->demand_stale = 1;
    return CKP_OK;
}

static uint64_t edge_key_hash(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static uint64_t edge_key(igraph_integer_t from, igraph_integer_t to)
{
    return (uint64_t)from << 32 | (uint64_t)(uint32_t)to;
}

/* The material an edge was given (-1: to be told, or no materials). */
static igraph_integer_t given_material(const ckp_network *net, igraph_integer_t e)
{
    const ckp_bom *bom = net->bom;
    return bom && e < bom->n_given ? bom->edge_given[e] : -1;
}

/*
 * The slot of edge (from, to, material), or the empty slot where it would go. The hash is
 * of (from, to), so that every material of a pair probes one chain; the key compared is
 * the triple, `material` CKP_ANY_MATERIAL matching the first edge of the pair.
 */
static igraph_integer_t edge_slot(const ckp_network *net, igraph_integer_t from,
                                  igraph_integer_t to, igraph_integer_t material, uint64_t hash)
{
    igraph_integer_t mask = net->n_edge_slots - 1;
    igraph_integer_t s = (igraph_integer_t)(hash & (uint64_t)mask);
    uint32_t tag = (uint32_t)(hash >> 32);
    for (uint64_t v; (v = net->edge_slots[s]); s = (s + 1) & mask) {
        if ((uint32_t)(v >> 32) != tag)
            continue;
        igraph_integer_t e = (igraph_integer_t)(v & 0xffffffffu) - 1;
        if (net->edge_from[e] == from && net->edge_to[e] == to &&
            (material == CKP_ANY_MATERIAL || given_material(net, e) == material))
            break;
    }
    return s;
}

static void put_edge(ckp_network *net, igraph_integer_t e)
{
    uint64_t hash = edge_key_hash(edge_key(net->edge_from[e], net->edge_to[e]));
    igraph_integer_t s = edge_slot(net, net->edge_from[e], net->edge_to[e],
                                   given_material(net, e), hash);
    net->edge_slots[s] = (hash >> 32) << 32 | (uint64_t)(e + 1);
}

static int rehash_edges(ckp_network *net, igraph_integer_t nslots)
{
    uint64_t *slots = calloc((size_t)nslots, sizeof *slots);
    if (!slots)
        return -1;
    free(net->edge_slots);
    net->edge_slots = slots;
    net->n_edge_slots = nslots;
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        put_edge(net, e);
    net->n_edges_indexed = net->n_edges;
    return 0;
}

/* The edge hash, brought up to date with room for one more edge; -1 when out of memory. */
static int index_edges(ckp_network *net)
{
    igraph_integer_t slots = net->n_edge_slots ? net->n_edge_slots : 128;
    while (slots < 2 * (net->n_edges + 1))
        slots *= 2;
    if (slots > net->n_edge_slots)
        return rehash_edges(net, slots);
    for (igraph_integer_t e = net->n_edges_indexed; e < net->n_edges; e++)
        put_edge(net, e);
    net->n_edges_indexed = net->n_edges;
    return 0;
}

ckp_code ckp_network_reserve(ckp_network *net, igraph_integer_t nodes, igraph_integer_t edges,
                             ckp_error *err)
{
    if ((nodes > net->cap_nodes && grow_nodes_to(net, nodes) < 0) ||
        (edges > net->cap_edges && grow_edges_to(net, edges) < 0) ||
        ckp_strtab_reserve(&net->ids, nodes) < 0)
        return NOMEM(err);
    return CKP_OK;
}

igraph_integer_t ckp_network_find_edge_material(const ckp_network *net, igraph_integer_t from,
                                                igraph_integer_t to, igraph_integer_t material)
{
    ckp_network *mut = (ckp_network *)net; /* a cache, not a change */
    if (net->n_edges_indexed < net->n_edges && index_edges(mut) < 0) {
        /* out of memory for the hash: look edge by edge rather than fail */
        for (igraph_integer_t e = 0; e < net->n_edges; e++)
            if (net->edge_from[e] == from && net->edge_to[e] == to &&
                (material == CKP_ANY_MATERIAL || given_material(net, e) == material))
                return e;
        return -1;
    }
    if (!net->n_edge_slots)
        return -1;
    uint64_t v = net->edge_slots[edge_slot(net, from, to, material,
                                           edge_key_hash(edge_key(from, to)))];
    return (igraph_integer_t)(v & 0xffffffffu) - 1;
}

igraph_integer_t ckp_network_find_edge(const ckp_network *net, igraph_integer_t from,
                                       igraph_integer_t to)
{
    return ckp_network_find_edge_material(net, from, to, CKP_ANY_MATERIAL);
}

void ckp_network_defer_duplicates(ckp_network *net)
{
    net->defer_duplicates = 1;
}

void ckp_network_drop_edges(ckp_network *net)
{
    net->n_edges = 0;
    net->n_edges_indexed = 0;
    if (net->edge_slots)
        memset(net->edge_slots, 0, (size_t)net->n_edge_slots * sizeof *net->edge_slots);
    net->demand_stale = 1;
}

/*
 * Whether an edge of by_tail[group, k) has by_tail[k]'s head and given material: two edges
 * of one pair are twins unless they were given different materials (a co-product plant may
 * send two materials to one customer; the materials told later are checked on resolving).
 */
static int earlier_twin(const ckp_network *net, const uint64_t *by_tail, igraph_integer_t group,
                        igraph_integer_t k)
{
    igraph_integer_t e = (igraph_integer_t)(by_tail[k] & 0xffffffffu);
    for (igraph_integer_t j = group; j < k; j++)
        if (by_tail[j] >> 32 == by_tail[k] >> 32 &&
            given_material(net, (igraph_integer_t)(by_tail[j] & 0xffffffffu)) ==
                given_material(net, e))
            return 1;
    return 0;
}

igraph_integer_t ckp_network_first_duplicate(ckp_network *net)
{
    net->defer_duplicates = 0;
    igraph_integer_t n = net->n_nodes, m = net->n_edges, first = -1;
    if (m < 2)
        return -1;
    /* the edges grouped by tail, in edge order within a group (a counting sort) */
    igraph_integer_t *start = calloc((size_t)n + 1, sizeof *start);
    uint64_t *by_tail = malloc((size_t)m * sizeof *by_tail); /* head << 32 | edge */
    igraph_integer_t *seen = malloc((size_t)n * sizeof *seen);
    if (!start || !by_tail || !seen) {
        first = -2;
        goto done;
    }
    for (igraph_integer_t e = 0; e < m; e++)
        start[net->edge_from[e] + 1]++;
    for (igraph_integer_t v = 0; v < n; v++)
        start[v + 1] += start[v];
    for (igraph_integer_t e = 0; e < m; e++)
        by_tail[start[net->edge_from[e]]++] = (uint64_t)net->edge_to[e] << 32 | (uint64_t)e;
    /* start[v] is now the end of v's group; seen[head] = the tail that last reached it */
    for (igraph_integer_t v = 0; v < n; v++)
        seen[v] = -1;
    for (igraph_integer_t v = 0, k = 0, group = 0; v < n; group = start[v++])
        for (; k < start[v]; k++) {
            igraph_integer_t head = (igraph_integer_t)(by_tail[k] >> 32);
            igraph_integer_t e = (igraph_integer_t)(by_tail[k] & 0xffffffffu);
            if (seen[head] != v)
                seen[head] = v;
            else if ((first < 0 || e < first) && earlier_twin(net, by_tail, group, k))
                first = e; /* a later edge of its pair: the group is in edge order */
        }
done:
    free(start);
    free(by_tail);
    free(seen);
    return first;
}

void ckp_network_set_edge_count(ckp_network *net, igraph_integer_t m)
{
    net->n_edges = m;
    net->demand_stale = 1;
}

int64_t ckp_network_intern_text(ckp_network *net, const char *text)
{
    return intern_text(&net->texts, text);
}

ckp_code ckp_network_add_edge(ckp_network *net, const ckp_edge_spec *spec,
                              const char **bad_field, ckp_error *err)
{
    int64_t source = intern_text(&net->texts, spec->source);
    int64_t estimate = intern_text(&net->texts, spec->estimate);
    if (source < -1 || estimate < -1)
        return NOMEM(err);
    return ckp_network_add_edge_interned(net, spec, (int32_t)source, (int32_t)estimate,
                                         bad_field, err);
}

ckp_code ckp_network_add_edge_interned(ckp_network *net, const ckp_edge_spec *spec,
                                       int32_t source, int32_t estimate,
                                       const char **bad_field, ckp_error *err)
{
    return ckp_network_add_edge_material(net, spec, -1, source, estimate, bad_field, err);
}

/*
 * What is wrong with edge `spec` (of `material`, -1 for none) for this network, named in err
 * and *bad_field; duplicates looked for only when asked.
 */
static ckp_code edge_problem(const ckp_network *net, const ckp_edge_spec *spec,
                             igraph_integer_t material, int duplicates, const char **bad_field,
                             ckp_error *err)
{
    ckp_code rc;
    if (bad_field)
        *bad_field = NULL;
    if (spec->from < 0 || spec->from >= net->n_nodes)
        return set_bad(bad_field, "from",
                       ckp_error_set(err, CKP_EDATA, "\"from\" is not a node of the network"));
    if (spec->to < 0 || spec->to >= net->n_nodes)
        return set_bad(bad_field, "to",
                       ckp_error_set(err, CKP_EDATA, "\"to\" is not a node of the network"));
    if (spec->from == spec->to)
        return set_bad(bad_field, "to",
                       ckp_error_set(err, CKP_EDATA,
                                     "self-loop on '%s': an edge must join two different nodes",
                                     ckp_node_id(net, spec->from)));
    if (duplicates &&
        ckp_network_find_edge_material(net, spec->from, spec->to, material) >= 0)
        return set_bad(bad_field, material >= 0 ? "material" : "to",
                       material >= 0
                           ? ckp_error_set(err, CKP_EDATA,
                                           "duplicate edge '%s' -> '%s' in material '%s': give "
                                           "one edge per pair and material and add up the "
                                           "volumes",
                                           ckp_node_id(net, spec->from),
                                           ckp_node_id(net, spec->to),
                                           ckp_material_id(net, material))
                           : ckp_error_set(err, CKP_EDATA,
                                           "duplicate edge '%s' -> '%s': give one edge per "
                                           "pair and add up the volumes",
                                           ckp_node_id(net, spec->from),
                                           ckp_node_id(net, spec->to)));
    if ((rc = check_number(spec->volume, "volume", 0, 0, err)))
        return set_bad(bad_field, "volume", rc);
    if ((rc = check_number(spec->capacity, "capacity", 1, 0, err)))
        return set_bad(bad_field, "capacity", rc);
    return CKP_OK;
}

int ckp_network_edge_fits(const ckp_network *net, const ckp_edge_spec *spec)
{
    return edge_problem(net, spec, -1, 0, NULL, NULL) == CKP_OK;
}

ckp_code ckp_network_add_edge_material(ckp_network *net, const ckp_edge_spec *spec,
                                       igraph_integer_t material, int32_t source,
                                       int32_t estimate, const char **bad_field,
                                       ckp_error *err)
{
    ckp_code rc;
    if ((rc = edge_problem(net, spec, material, !net->defer_duplicates, bad_field, err)))
        return rc;

    if (net->n_edges >= (igraph_integer_t)UINT32_MAX - 1) /* the hash slots hold 32-bit indices */
        return ckp_error_set(err, CKP_ELIMIT, "more than %lld edges: split the network",
                             (long long)UINT32_MAX - 2);
    if (grow_edges(net) < 0 || (!net->defer_duplicates && index_edges(net) < 0))
        return NOMEM(err);
    igraph_integer_t e = net->n_edges++;
    net->edge_from[e] = spec->from;
    net->edge_to[e] = spec->to;
    net->edge_volume[e] = spec->volume;
    net->edge_capacity[e] = spec->capacity;
    net->edge_source[e] = source;
    net->edge_estimate[e] = estimate;
    if (material >= 0 && (rc = ckp_network_set_edge_material(net, e, material, err))) {
        net->n_edges--;
        return rc;
    }
    if (!net->defer_duplicates) { /* index_edges made room */
        put_edge(net, e);
        net->n_edges_indexed++;
    }
    net->demand_stale = 1;
    return CKP_OK;
}

igraph_integer_t ckp_network_find(const ckp_network *net, const char *id)
{
    return ckp_strtab_find(&net->ids, id);
}

igraph_integer_t ckp_network_node_count(const ckp_network *net)
{
    return net->n_nodes;
}

igraph_integer_t ckp_network_edge_count(const ckp_network *net)
{
    return net->n_edges;
}

const char *ckp_node_id(const ckp_network *net, igraph_integer_t i)
{
    return net->ids.strings[i];
}

const char *ckp_node_name(const ckp_network *net, igraph_integer_t i)
{
    return net->node_name[i] >= 0 ? net->texts.strings[net->node_name[i]] : net->ids.strings[i];
}

igraph_integer_t ckp_node_tier(const ckp_network *net, igraph_integer_t i)
{
    return net->node_tier[i];
}

const char *ckp_node_country(const ckp_network *net, igraph_integer_t i)
{
    return net->countries.strings[net->node_country[i]];
}

igraph_integer_t ckp_node_country_index(const ckp_network *net, igraph_integer_t i)
{
    return net->node_country[i];
}

const char *ckp_node_owner(const ckp_network *net, igraph_integer_t i)
{
    return ckp_strtab_get(&net->owners, net->node_owner[i]);
}

igraph_integer_t ckp_node_owner_index(const ckp_network *net, igraph_integer_t i)
{
    return net->node_owner[i];
}

double ckp_node_capacity(const ckp_network *net, igraph_integer_t i)
{
    return net->node_capacity[i];
}

double ckp_node_demand_given(const ckp_network *net, igraph_integer_t i)
{
    return net->node_demand[i];
}

double ckp_node_stock(const ckp_network *net, igraph_integer_t i)
{
    return net->node_stock[i];
}

int ckp_network_has_stock(const ckp_network *net)
{
    for (igraph_integer_t i = 0; i < ckp_network_node_count(net); i++)
        if (ckp_node_stock(net, i) > 0)
            return 1;
    return 0;
}

double ckp_node_ttr_given(const ckp_network *net, igraph_integer_t i)
{
    return net->node_ttr[i];
}

double ckp_node_ttr_days(const ckp_network *net, igraph_integer_t i)
{
    if (!isnan(net->node_ttr[i]))
        return net->node_ttr[i];
    return isnan(net->ttr_days) ? CKP_TTR_DAYS_DEFAULT : net->ttr_days;
}

ckp_code ckp_network_set_ttr_days(ckp_network *net, double days, ckp_error *err)
{
    ckp_code rc = check_number(days, "ttr_days", 0, 1, err);
    if (!rc)
        net->ttr_days = days;
    return rc;
}

double ckp_network_ttr_days(const ckp_network *net)
{
    return net->ttr_days;
}

const char *ckp_node_source(const ckp_network *net, igraph_integer_t i)
{
    return ckp_strtab_get(&net->texts, net->node_source[i]);
}

const char *ckp_node_estimate(const ckp_network *net, igraph_integer_t i)
{
    return ckp_strtab_get(&net->texts, net->node_estimate[i]);
}

double ckp_node_demand(const ckp_network *net, igraph_integer_t i)
{
    ckp_network *mut = (ckp_network *)net; /* a cache, not a change */
    if (mut->demand_stale) {
        double *cache = realloc(mut->demand_cache, (size_t)(net->n_nodes ? net->n_nodes : 1) *
                                                       sizeof *cache);
        if (!cache) /* fall back to the slow path rather than fail */
            goto slow;
        mut->demand_cache = cache;
        for (igraph_integer_t v = 0; v < net->n_nodes; v++)
            cache[v] = 0;
        for (igraph_integer_t e = 0; e < net->n_edges; e++)
            cache[net->edge_to[e]] += net->edge_volume[e];
        for (igraph_integer_t v = 0; v < net->n_nodes; v++)
            if (!isnan(net->node_demand[v]))
                cache[v] = net->node_demand[v];
        mut->demand_stale = 0;
    }
    return net->demand_cache[i];
slow:
    if (!isnan(net->node_demand[i]))
        return net->node_demand[i];
    double sum = 0;
    for (igraph_integer_t e = 0; e < net->n_edges; e++)
        if (net->edge_to[e] == i)
            sum += net->edge_volume[e];
    return sum;
}

igraph_integer_t ckp_edge_from(const ckp_network *net, igraph_integer_t e)
{
    return net->edge_from[e];
}

igraph_integer_t ckp_edge_to(const ckp_network *net, igraph_integer_t e)
{
    return net->edge_to[e];
}

double ckp_edge_volume(const ckp_network *net, igraph_integer_t e)
{
    return net->edge_volume[e];
}

double ckp_edge_capacity(const ckp_network *net, igraph_integer_t e)
{
    return net->edge_capacity[e];
}

const char *ckp_edge_source(const ckp_network *net, igraph_integer_t e)
{
    return ckp_strtab_get(&net->texts, net->edge_source[e]);
}

const char *ckp_edge_estimate(const ckp_network *net, igraph_integer_t e)
{
    return ckp_strtab_get(&net->texts, net->edge_estimate[e]);
}

ckp_code ckp_network_set_node_number(ckp_network *net, igraph_integer_t i, const char *field,
                                     double value, ckp_error *err)
{
    ckp_code rc;
    if (!strcmp(field, "capacity")) {
        if ((rc = check_number(value, field, 1, 0, err)))
            return rc;
        net->node_capacity[i] = value;
    } else if (!strcmp(field, "demand")) {
        if ((rc = check_number(value, field, 0, 1, err)))
            return rc;
        net->node_demand[i] = value;
    } else if (!strcmp(field, "stock")) {
        if ((rc = check_number(value, field, 0, 1, err)))
            return rc;
        net->node_stock[i] = value;
    } else if (!strcmp(field, "ttr_days")) {
        if ((rc = check_number(value, field, 0, 1, err)))
            return rc;
        net->node_ttr[i] = value;
    } else {
        return ckp_error_set(err, CKP_EDATA, "\"%s\" is not a number field of a node", field);
    }
    net->demand_stale = 1;
    return CKP_OK;
}

ckp_code ckp_network_set_edge_number(ckp_network *net, igraph_integer_t e, const char *field,
                                     double value, ckp_error *err)
{
    ckp_code rc;
    if (!strcmp(field, "volume")) {
        if ((rc = check_number(value, field, 0, 0, err)))
            return rc;
        net->edge_volume[e] = value;
    } else if (!strcmp(field, "capacity")) {
        if ((rc = check_number(value, field, 1, 0, err)))
            return rc;
        net->edge_capacity[e] = value;
    } else {
        return ckp_error_set(err, CKP_EDATA, "\"%s\" is not a number field of an edge", field);
    }
    net->demand_stale = 1;
    return CKP_OK;
}

igraph_integer_t ckp_network_country_count(const ckp_network *net)
{
    return net->countries.count;
}

const char *ckp_network_country_name(const ckp_network *net, igraph_integer_t c)
{
    return ckp_strtab_get(&net->countries, c);
}

igraph_integer_t ckp_network_owner_count(const ckp_network *net)
{
    return net->owners.count;
}

const char *ckp_network_owner_name(const ckp_network *net, igraph_integer_t o)
{
    return ckp_strtab_get(&net->owners, o);
}

ckp_code ckp_network_add_group(ckp_network *net, const char *name, const char *const *members,
                               igraph_integer_t n_members, ckp_error *err)
{
    return ckp_groups_add(&net->groups, name, members, n_members, err);
}

const ckp_groups *ckp_network_groups(const ckp_network *net)
{
    return &net->groups;
}

ckp_code ckp_network_copy(ckp_network **out, const ckp_network *net, const char *drop_node,
                          const char *drop_edge, ckp_error *err)
{
    ckp_code rc;
    ckp_network *copy = NULL;
    igraph_integer_t *map = NULL;
    *out = NULL;
    if ((rc = ckp_network_new(&copy, err)))
        goto done;
    if ((rc = ckp_network_set_meta(copy, net->name, net->unit, net->year, net->description,
                                   net->source, err)))
        goto done;
    copy->ttr_days = net->ttr_days;
    for (igraph_integer_t t = 0; t < net->tiers.count; t++)
        if ((rc = ckp_network_add_tier(copy, net->tiers.strings[t], err)))
            goto done;
    map = malloc((size_t)(net->n_nodes ? net->n_nodes : 1) * sizeof *map);
    if (!map) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t i = 0; i < net->n_nodes; i++) {
        map[i] = -1;
        if (drop_node && drop_node[i])
            continue;
        ckp_node_spec spec = {
            .id = ckp_node_id(net, i),
            .name = ckp_strtab_get(&net->texts, net->node_name[i]),
            .tier = ckp_network_tier_name(net, net->node_tier[i]),
            .country = ckp_node_country(net, i),
            .owner = ckp_node_owner(net, i),
            .capacity = net->node_capacity[i],
            .demand = net->node_demand[i],
            .stock = net->node_stock[i],
            .ttr_days = net->node_ttr[i],
            .source = ckp_node_source(net, i),
            .estimate = ckp_node_estimate(net, i),
        };
        if ((rc = ckp_network_add_node(copy, &spec, NULL, err)))
            goto done;
        map[i] = copy->n_nodes - 1;
    }
    if ((rc = ckp_bom_copy(copy, net, map, err)))
        goto done;
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        igraph_integer_t from = map[net->edge_from[e]], to = map[net->edge_to[e]];
        if ((drop_edge && drop_edge[e]) || from < 0 || to < 0)
            continue;
        /* every material given: what was told stays, whatever the drops leave */
        igraph_integer_t material = !net->bom                 ? -1
                                    : net->bom->resolved      ? ckp_edge_material(net, e)
                                                              : given_material(net, e);
        ckp_edge_spec spec = {
            .from = from,
            .to = to,
            .volume = net->edge_volume[e],
            .capacity = net->edge_capacity[e],
            .source = ckp_edge_source(net, e),
            .estimate = ckp_edge_estimate(net, e),
        };
        int64_t source = intern_text(&copy->texts, spec.source);
        int64_t estimate = intern_text(&copy->texts, spec.estimate);
        if (source < -1 || estimate < -1) {
            rc = NOMEM(err);
            goto done;
        }
        if ((rc = ckp_network_add_edge_material(copy, &spec, material, (int32_t)source,
                                                (int32_t)estimate, NULL, err)))
            goto done;
    }
    if ((rc = ckp_groups_copy(&copy->groups, &net->groups, err)) ||
        (net->bom && net->bom->resolved && (rc = ckp_bom_resolve_derived(copy, NULL, err))))
        goto done;
    *out = copy;
    copy = NULL;
done:
    free(map);
    ckp_network_free(copy);
    return rc;
}
