#include "chokepoint/scenario.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/io.h"
#include "chokepoint/materials.h"
#include "country.h"
#include "groups_json.h"
#include "jdoc.h"
#include "network_internal.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

void ckp_messages_destroy(ckp_messages *m)
{
    if (!m)
        return;
    for (igraph_integer_t i = 0; i < m->n; i++)
        free(m->items[i]);
    free(m->items);
    m->n = 0;
    m->items = NULL;
}

int ckp_messages_add(ckp_messages *m, const char *fmt, ...)
{
    if (!m)
        return 0;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **items = realloc(m->items, (size_t)(m->n + 1) * sizeof *items);
    if (!items)
        return -1;
    m->items = items;
    if (!(m->items[m->n] = strdup(buf)))
        return -1;
    m->n++;
    return 0;
}

ckp_code ckp_scenario_new(ckp_scenario **out, const char *name, ckp_error *err)
{
    ckp_scenario *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s || !(s->name = strdup(name ? name : "scenario"))) {
        free(s);
        return NOMEM(err);
    }
    s->duration_days = NAN;
    *out = s;
    return CKP_OK;
}

void ckp_scenario_free(ckp_scenario *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->description);
    free(s->source);
    for (igraph_integer_t i = 0; i < s->n_remove_nodes; i++)
        free(s->remove_nodes[i]);
    free(s->remove_nodes);
    free(s->remove_countries);
    for (igraph_integer_t i = 0; i < s->n_embargoes; i++) {
        for (igraph_integer_t k = 0; k < s->embargoes[i].n_materials; k++)
            free(s->embargoes[i].materials[k]);
        free(s->embargoes[i].materials);
    }
    free(s->embargoes);
    for (igraph_integer_t i = 0; i < s->n_capacity; i++)
        free(s->capacity[i].node);
    free(s->capacity);
    ckp_messages_destroy(&s->warnings);
    ckp_groups_destroy(&s->groups);
    free(s);
}

static int country_has_nodes(const ckp_network *net, const char *code)
{
    return ckp_strtab_find(&net->countries, code) >= 0;
}

/* The checks shared by files and command-line flags; messages without position. */
static ckp_code push_node(ckp_scenario *s, const ckp_network *net, const char *id,
                          ckp_error *err)
{
    if (ckp_network_find(net, id) < 0)
        return ckp_error_set(err, CKP_EDATA, "unknown node '%s': the network has no such node",
                             id);
    char **p = realloc(s->remove_nodes, (size_t)(s->n_remove_nodes + 1) * sizeof *p);
    if (!p)
        return NOMEM(err);
    s->remove_nodes = p;
    if (!(p[s->n_remove_nodes] = strdup(id)))
        return NOMEM(err);
    s->n_remove_nodes++;
    return CKP_OK;
}

static ckp_code check_country(const char *code, const char *what, ckp_error *err)
{
    if (!ckp_country_valid(code))
        return ckp_error_set(err, CKP_EDATA,
                             "%s '%s' is not an ISO 3166-1 alpha-2 country code", what, code);
    return CKP_OK;
}

static ckp_code push_country(ckp_scenario *s, const ckp_network *net, const char *code,
                             ckp_error *err)
{
    ckp_code rc;
    if ((rc = check_country(code, "country", err)))
        return rc;
    char(*p)[3] = realloc(s->remove_countries, (size_t)(s->n_remove_countries + 1) * sizeof *p);
    if (!p)
        return NOMEM(err);
    s->remove_countries = p;
    memcpy(p[s->n_remove_countries++], code, 3);
    if (!country_has_nodes(net, code) &&
        ckp_messages_add(&s->warnings,
                         "country '%s' has no nodes in the network: nothing to remove", code) < 0)
        return NOMEM(err);
    return CKP_OK;
}

/* The materials an embargo names, checked against the network's: NULL and 0 for all. */
typedef struct {
    const char *const *ids;
    igraph_integer_t n;
} material_list;

static ckp_code push_embargo(ckp_scenario *s, const ckp_network *net, const char *from,
                             const char *to, const material_list *mats, ckp_error *err)
{
    ckp_code rc;
    if ((rc = check_country(from, "embargo \"from\"", err)))
        return rc;
    if (strcmp(to, "*") && (rc = check_country(to, "embargo \"to\"", err)))
        return rc;
    if (!strcmp(from, to))
        return ckp_error_set(err, CKP_EDATA,
                             "embargo from '%s' to itself: an embargo is between two countries",
                             from);
    ckp_embargo *p = realloc(s->embargoes, (size_t)(s->n_embargoes + 1) * sizeof *p);
    if (!p)
        return NOMEM(err);
    s->embargoes = p;
    ckp_embargo *em = &p[s->n_embargoes];
    memset(em, 0, sizeof *em);
    snprintf(em->from, 3, "%s", from);
    snprintf(em->to, 3, "%s", to);
    s->n_embargoes++;
    if (mats && mats->n) {
        if (!(em->materials = calloc((size_t)mats->n, sizeof *em->materials)))
            return NOMEM(err);
        for (; em->n_materials < mats->n; em->n_materials++)
            if (!(em->materials[em->n_materials] = strdup(mats->ids[em->n_materials])))
                return NOMEM(err);
    }
    if (!country_has_nodes(net, from) &&
        ckp_messages_add(&s->warnings,
                         "embargo from '%s': the country has no nodes in the network", from) < 0)
        return NOMEM(err);
    if (strcmp(to, "*") && !country_has_nodes(net, to) &&
        ckp_messages_add(&s->warnings,
                         "embargo to '%s': the country has no nodes in the network", to) < 0)
        return NOMEM(err);
    return CKP_OK;
}

/* A name that is not a country code but a group's: the scenario's, the network's, a built-in. */
static const ckp_group *group_named(const ckp_scenario *s, const ckp_network *net,
                                    const char *name)
{
    if (strlen(name) == 2 && ckp_country_valid(name))
        return NULL;
    const ckp_group *g = ckp_groups_find(&s->groups, name);
    return g ? g : ckp_groups_find(&net->groups, name);
}

/* Countries of `g` with nodes in `net`, for the warning when none has. */
static int group_has_nodes(const ckp_network *net, const ckp_group *g)
{
    for (igraph_integer_t k = 0; k < g->n; k++)
        if (country_has_nodes(net, g->members[k]))
            return 1;
    return 0;
}

/* A group in remove_countries: each member with nodes, one warning if none has any. */
static ckp_code push_country_or_group(ckp_scenario *s, const ckp_network *net, const char *name,
                                      ckp_error *err)
{
    const ckp_group *g = group_named(s, net, name);
    if (!g)
        return push_country(s, net, name, err);
    ckp_code rc;
    for (igraph_integer_t k = 0; k < g->n; k++)
        if (country_has_nodes(net, g->members[k]) &&
            (rc = push_country(s, net, g->members[k], err)))
            return rc;
    if (!group_has_nodes(net, g) &&
        ckp_messages_add(&s->warnings,
                         "group '%s' has no nodes in the network: nothing to remove", name) < 0)
        return NOMEM(err);
    return CKP_OK;
}

/*
 * An embargo with a group at either end: one embargo per pair of member
 * countries with nodes, none inside the group; a group to "*" cuts every
 * edge from its members to the network's countries outside it.
 */
static ckp_code push_embargo_or_groups(ckp_scenario *s, const ckp_network *net,
                                       const char *from, const char *to,
                                       const material_list *mats, ckp_error *err)
{
    const ckp_group *gf = group_named(s, net, from);
    const ckp_group *gt = strcmp(to, "*") ? group_named(s, net, to) : NULL;
    if (!gf && !gt)
        return push_embargo(s, net, from, to, mats, err);
    if (!strcmp(from, to))
        return ckp_error_set(err, CKP_EDATA,
                             "embargo from '%s' to itself: an embargo is between two countries",
                             from);
    ckp_code rc;
    igraph_integer_t nc = net->countries.count;
    igraph_integer_t n_from = gf ? gf->n : 1;
    for (igraph_integer_t i = 0; i < n_from; i++) {
        const char *a = gf ? gf->members[i] : from;
        if (gf && !country_has_nodes(net, a))
            continue;
        /* targets: the group's members, or every country of the network outside `from` */
        igraph_integer_t n_to = gt ? gt->n : !strcmp(to, "*") ? nc : 1;
        for (igraph_integer_t j = 0; j < n_to; j++) {
            const char *b = gt ? gt->members[j] : !strcmp(to, "*") ? net->countries.strings[j] : to;
            if (!strcmp(a, b) || (gf && ckp_group_has(gf, b)) || (gt && ckp_group_has(gt, a)) ||
                ((gt || gf) && !country_has_nodes(net, b)))
                continue;
            if ((rc = push_embargo(s, net, a, b, mats, err)))
                return rc;
        }
    }
    const ckp_group *empty = gf && !group_has_nodes(net, gf) ? gf
                             : gt && !group_has_nodes(net, gt) ? gt : NULL;
    if (empty && ckp_messages_add(&s->warnings,
                                  "embargo with group '%s': the group has no nodes in the network",
                                  empty->name) < 0)
        return NOMEM(err);
    return CKP_OK;
}

/* "groups": {"allies": ["US", "AU"], ...}, read before the lists that may name them. */
static ckp_code parse_groups(ckp_scenario *s, const ckp_jdoc *doc)
{
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(doc->root, "groups");
    ckp_code rc = CKP_OK;
    if (groups && !cJSON_IsNull(groups) &&
        (rc = ckp_groups_parse(&s->groups, groups, doc->err)))
        ckp_jdoc_at(doc, ckp_jdoc_locate(doc, "groups", -1, NULL));
    return rc;
}

static ckp_code push_capacity(ckp_scenario *s, const ckp_network *net, const char *id,
                              double factor, double capacity, ckp_error *err)
{
    igraph_integer_t node = ckp_network_find(net, id);
    if (node < 0)
        return ckp_error_set(err, CKP_EDATA, "unknown node '%s': the network has no such node",
                             id);
    double v = isnan(factor) ? capacity : factor;
    if (!isfinite(v) || v < 0)
        return ckp_error_set(err, CKP_EDATA, "\"%s\" must be a finite number of 0 or more",
                             isnan(factor) ? "capacity" : "factor");
    if (isnan(factor) && v > CKP_MAX_FIGURE)
        return ckp_error_set(err, CKP_EDATA,
                             "\"capacity\" is too large (%g): figures must be at most 1e15", v);
    /* checked here too, so that a scenario read against a network applies to it */
    double scaled = ckp_node_capacity(net, node) * factor;
    if (!isnan(factor) && isfinite(scaled) && scaled > CKP_MAX_FIGURE)
        return ckp_error_set(err, CKP_EDATA,
                             "\"factor\" %g would make the capacity %g: figures must be at most "
                             "1e15",
                             factor, scaled);
    ckp_capacity_change *p = realloc(s->capacity, (size_t)(s->n_capacity + 1) * sizeof *p);
    if (!p)
        return NOMEM(err);
    s->capacity = p;
    if (!(p[s->n_capacity].node = strdup(id)))
        return NOMEM(err);
    p[s->n_capacity].factor = factor;
    p[s->n_capacity].capacity = capacity;
    s->n_capacity++;
    return CKP_OK;
}

ckp_code ckp_scenario_add_node(ckp_scenario *s, const ckp_network *net, const char *id,
                               ckp_error *err)
{
    return push_node(s, net, id, err);
}

ckp_code ckp_scenario_add_country(ckp_scenario *s, const ckp_network *net, const char *code,
                                  ckp_error *err)
{
    return push_country_or_group(s, net, code, err);
}

ckp_code ckp_scenario_add_embargo(ckp_scenario *s, const ckp_network *net, const char *spec,
                                  ckp_error *err)
{
    const char *colon = strchr(spec, ':');
    char from[64] = "";
    if (colon && (size_t)(colon - spec) < sizeof from)
        memcpy(from, spec, (size_t)(colon - spec));
    /* a group at either end ("CN:EU27") has a longer name */
    int grouped = colon && *from && colon[1] &&
                  (group_named(s, net, from) || group_named(s, net, colon + 1));
    if (!grouped &&
        (!colon || colon - spec != 2 || (strlen(colon + 1) != 2 && strcmp(colon + 1, "*"))))
        return ckp_error_set(err, CKP_EUSAGE,
                             "--embargo wants FROM:TO country codes such as CN:JP or CN:*, "
                             "not '%s'",
                             spec);
    return push_embargo_or_groups(s, net, from, colon + 1, NULL, err);
}

ckp_code ckp_scenario_add_capacity(ckp_scenario *s, const ckp_network *net, const char *spec,
                                   ckp_error *err)
{
    const char *eq = strrchr(spec, '=');
    if (!eq || eq == spec || !eq[1])
        return ckp_error_set(err, CKP_EUSAGE,
                             "--capacity wants NODE=FACTORx or NODE=TONNES (mp_sep=0.5x, "
                             "mp_sep=2000), not '%s'",
                             spec);
    char *id = strndup(spec, (size_t)(eq - spec));
    if (!id)
        return NOMEM(err);
    char *end;
    double v = strtod(eq + 1, &end);
    int factor = *end == 'x' && end[1] == '\0';
    ckp_code rc;
    if (end == eq + 1 || (*end && !factor))
        rc = ckp_error_set(err, CKP_EUSAGE,
                           "--capacity wants NODE=FACTORx or NODE=TONNES, not '%s'", spec);
    else
        rc = push_capacity(s, net, id, factor ? v : NAN, factor ? NAN : v, err);
    free(id);
    return rc;
}

/* Locate an error that a push_* function set without position. */
static ckp_code located(const ckp_jdoc *doc, ckp_code rc, const char *key, long i,
                        const char *subkey)
{
    if (rc) {
        ckp_error_prefix(doc->err, "%s[%ld]: ", key, i);
        ckp_jdoc_at(doc, ckp_jdoc_locate(doc, key, i, subkey));
    }
    return rc;
}

static ckp_code element_string(const ckp_jdoc *doc, const cJSON *el, const char *key, long i,
                               const char *subkey, const char **out)
{
    const cJSON *item = subkey ? cJSON_GetObjectItemCaseSensitive(el, subkey) : el;
    if (!item)
        return ckp_jdoc_error(doc, key, i, NULL, "%s[%ld]: missing \"%s\"", key, i, subkey);
    if (!cJSON_IsString(item))
        return ckp_jdoc_error(doc, key, i, subkey, "%s[%ld]%s%s%s must be a string, not %s", key,
                              i, subkey ? ": \"" : "", subkey ? subkey : "", subkey ? "\"" : "",
                              ckp_json_type_name(item));
    *out = item->valuestring;
    return CKP_OK;
}

/* "duration_days": how long the shock lasts (issue 19); absent, the annual view. */
static ckp_code parse_duration(ckp_scenario *s, const ckp_jdoc *doc)
{
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(doc->root, "duration_days");
    if (!d || cJSON_IsNull(d))
        return CKP_OK;
    if (!cJSON_IsNumber(d) || !isfinite(d->valuedouble) || d->valuedouble <= 0 ||
        d->valuedouble > 1e6)
        return ckp_jdoc_error(doc, "duration_days", -1, NULL,
                              "\"duration_days\" must be a number of days above 0 and at most "
                              "1000000");
    s->duration_days = d->valuedouble;
    return CKP_OK;
}

/* An embargo's "materials": ids of the network's materials (at most 64). */
static ckp_code embargo_materials(const ckp_jdoc *doc, const ckp_network *net, const cJSON *el,
                                  long i, material_list *mats)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(el, "materials");
    const char **ids = (const char **)mats->ids;
    if (!arr)
        return CKP_OK;
    if (!cJSON_IsArray(arr) || !arr->child)
        return ckp_jdoc_error(doc, "embargo", i, "materials",
                              "embargo[%ld]: \"materials\" must be a non-empty array of "
                              "material ids, not %s", i, ckp_json_type_name(arr));
    for (const cJSON *m = arr->child; m; m = m->next) {
        if (!cJSON_IsString(m))
            return ckp_jdoc_error(doc, "embargo", i, "materials",
                                  "embargo[%ld]: \"materials\": a material id must be a "
                                  "string, not %s", i, ckp_json_type_name(m));
        if (ckp_network_material_find(net, m->valuestring) < 0)
            return ckp_jdoc_error(doc, "embargo", i, "materials",
                                  "embargo[%ld]: unknown material '%.200s': the network's "
                                  "\"materials\" list it%s", i, m->valuestring,
                                  ckp_network_material_count(net) ? "" : " (it has none)");
        if (mats->n == 64)
            return ckp_jdoc_error(doc, "embargo", i, "materials",
                                  "embargo[%ld]: more than 64 materials", i);
        ids[mats->n++] = m->valuestring;
    }
    return CKP_OK;
}

static ckp_code parse_doc(ckp_scenario *s, const ckp_network *net, const ckp_jdoc *doc)
{
    ckp_code rc;
    ckp_error *err = doc->err;
    const cJSON *arr;
    const char *str = NULL; /* set by element_string on success; -O3 cannot tell */
    static const char *const known[] = {"name",         "description",      "source",
                                        "remove_nodes", "remove_countries", "embargo",
                                        "capacity",     "groups",           "duration_days"};
    for (const cJSON *m = doc->root->child; m; m = m->next) {
        size_t k = 0;
        while (k < sizeof known / sizeof *known && strcmp(m->string, known[k]))
            k++;
        /* a scenario mistyped is a scenario silently not run: refuse unknown keys */
        if (k == sizeof known / sizeof *known)
            return ckp_jdoc_error(doc, m->string, -1, NULL,
                                  "unknown key \"%s\" in a scenario: expected name, "
                                  "description, source, remove_nodes, remove_countries, "
                                  "embargo, capacity, groups, duration_days",
                                  m->string);
    }
    if ((rc = parse_groups(s, doc)))
        return rc;
    if ((rc = ckp_jdoc_string(doc, "name", &s->name)) ||
        (rc = ckp_jdoc_string(doc, "description", &s->description)) ||
        (rc = ckp_jdoc_string(doc, "source", &s->source)))
        return rc;
    if ((rc = parse_duration(s, doc)))
        return rc;
    if ((rc = ckp_jdoc_array(doc, "remove_nodes", &arr)))
        return rc;
    long i = 0;
    for (const cJSON *el = arr ? arr->child : NULL; el; el = el->next, i++)
        if ((rc = element_string(doc, el, "remove_nodes", i, NULL, &str)) ||
            (rc = located(doc, push_node(s, net, str, err), "remove_nodes", i, NULL)))
            return rc;
    if ((rc = ckp_jdoc_array(doc, "remove_countries", &arr)))
        return rc;
    i = 0;
    for (const cJSON *el = arr ? arr->child : NULL; el; el = el->next, i++)
        if ((rc = element_string(doc, el, "remove_countries", i, NULL, &str)) ||
            (rc = located(doc, push_country_or_group(s, net, str, err), "remove_countries", i,
                          NULL)))
            return rc;
    if ((rc = ckp_jdoc_array(doc, "embargo", &arr)))
        return rc;
    i = 0;
    for (const cJSON *el = arr ? arr->child : NULL; el; el = el->next, i++) {
        const char *from, *to;
        if (!cJSON_IsObject(el))
            return ckp_jdoc_error(doc, "embargo", i, NULL,
                                  "embargo[%ld] must be an object {\"from\": \"CN\", \"to\": "
                                  "\"JP\"}, not %s",
                                  i, ckp_json_type_name(el));
        const char *ids[64];
        material_list mats = {ids, 0};
        if ((rc = element_string(doc, el, "embargo", i, "from", &from)) ||
            (rc = element_string(doc, el, "embargo", i, "to", &to)) ||
            (rc = embargo_materials(doc, net, el, i, &mats)) ||
            (rc = located(doc, push_embargo_or_groups(s, net, from, to, &mats, err), "embargo",
                          i, NULL)))
            return rc;
    }
    if ((rc = ckp_jdoc_array(doc, "capacity", &arr)))
        return rc;
    i = 0;
    for (const cJSON *el = arr ? arr->child : NULL; el; el = el->next, i++) {
        const char *node;
        if (!cJSON_IsObject(el))
            return ckp_jdoc_error(doc, "capacity", i, NULL,
                                  "capacity[%ld] must be an object {\"node\": ..., \"factor\": "
                                  "0.5} or {\"node\": ..., \"capacity\": 2000}, not %s",
                                  i, ckp_json_type_name(el));
        if ((rc = element_string(doc, el, "capacity", i, "node", &node)))
            return rc;
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(el, "factor");
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(el, "capacity");
        if (!f == !c)
            return ckp_jdoc_error(doc, "capacity", i, NULL,
                                  "capacity[%ld]: give either \"factor\" or \"capacity\"", i);
        const cJSON *v = f ? f : c;
        if (!cJSON_IsNumber(v))
            return ckp_jdoc_error(doc, "capacity", i, f ? "factor" : "capacity",
                                  "capacity[%ld]: \"%s\" must be a number, not %s", i,
                                  f ? "factor" : "capacity", ckp_json_type_name(v));
        if ((rc = located(doc,
                          push_capacity(s, net, node, f ? v->valuedouble : NAN,
                                        f ? NAN : v->valuedouble, err),
                          "capacity", i, "node")))
            return rc;
    }
    return CKP_OK;
}

ckp_code ckp_scenario_parse(ckp_scenario **out, const ckp_network *net, const char *buf,
                            size_t len, const char *path, ckp_error *err)
{
    ckp_code rc;
    ckp_jdoc doc;
    ckp_scenario *s = NULL;
    *out = NULL;
    if ((rc = ckp_jdoc_parse(&doc, buf, len, path, "scenario", err)))
        goto done;
    /* the default name is the file's */
    const char *slash = strrchr(path, '/');
    if ((rc = ckp_scenario_new(&s, slash ? slash + 1 : path, err)) ||
        (rc = parse_doc(s, net, &doc)))
        goto done;
    *out = s;
    s = NULL;
done:
    ckp_jdoc_destroy(&doc);
    ckp_scenario_free(s);
    return rc;
}

ckp_code ckp_scenario_load(ckp_scenario **out, const ckp_network *net, const char *path,
                           ckp_error *err)
{
    char *buf = NULL;
    size_t len;
    ckp_code rc = ckp_read_file(&buf, &len, path, err);
    *out = NULL;
    if (!rc)
        rc = ckp_scenario_parse(out, net, buf, len, path, err);
    free(buf);
    return rc;
}

/* Whether an embargo stops edge e's material (every material when it names none). */
static int stops(const ckp_embargo *em, const ckp_network *net, igraph_integer_t e)
{
    if (!em->n_materials)
        return 1;
    if (!ckp_network_material_count(net))
        return 0;
    const char *id = ckp_material_id(net, ckp_edge_material(net, e));
    for (igraph_integer_t k = 0; k < em->n_materials; k++)
        if (!strcmp(em->materials[k], id))
            return 1;
    return 0;
}

ckp_code ckp_scenario_apply(ckp_network **out, const ckp_network *net, const ckp_scenario *s,
                            igraph_integer_t *removed_nodes, igraph_integer_t *removed_edges,
                            ckp_messages *warnings, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, m = net->n_edges;
    char *drop_node = calloc((size_t)(n ? n : 1), 1);
    char *drop_edge = calloc((size_t)(m ? m : 1), 1);
    ckp_network *copy = NULL;
    *out = NULL;
    if (!drop_node || !drop_edge) {
        rc = NOMEM(err);
        goto done;
    }
    for (igraph_integer_t i = 0; i < s->n_remove_nodes; i++) {
        igraph_integer_t v = ckp_network_find(net, s->remove_nodes[i]);
        if (v >= 0)
            drop_node[v] = 1;
        else if (ckp_messages_add(warnings,
                                  "scenario '%s': node '%s' is not in this network: skipped",
                                  s->name, s->remove_nodes[i]) < 0)
            goto nomem;
    }
    for (igraph_integer_t i = 0; i < s->n_remove_countries; i++) {
        igraph_integer_t c = ckp_strtab_find(&net->countries, s->remove_countries[i]);
        for (igraph_integer_t v = 0; c >= 0 && v < n; v++)
            if (net->node_country[v] == c)
                drop_node[v] = 1;
    }
    for (igraph_integer_t k = 0; k < s->n_embargoes; k++) {
        const ckp_embargo *em = &s->embargoes[k];
        igraph_integer_t a = ckp_strtab_find(&net->countries, em->from);
        igraph_integer_t b = strcmp(em->to, "*") ? ckp_strtab_find(&net->countries, em->to) : -2;
        if (a < 0 || b == -1)
            continue;
        for (igraph_integer_t e = 0; e < m; e++) {
            int32_t ca = net->node_country[net->edge_from[e]];
            int32_t cb = net->node_country[net->edge_to[e]];
            if (ca == a && (b == -2 ? cb != a : cb == b) && stops(em, net, e))
                drop_edge[e] = 1;
        }
    }
    igraph_integer_t gone_nodes = 0, gone_edges = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        gone_nodes += drop_node[v];
    for (igraph_integer_t e = 0; e < m; e++)
        gone_edges += drop_edge[e] || drop_node[net->edge_from[e]] || drop_node[net->edge_to[e]];
    if ((rc = ckp_network_copy(&copy, net, drop_node, drop_edge, err)))
        goto done;
    for (igraph_integer_t i = 0; i < s->n_capacity; i++) {
        const ckp_capacity_change *c = &s->capacity[i];
        igraph_integer_t v = ckp_network_find(copy, c->node);
        if (v < 0) {
            if (ckp_network_find(net, c->node) < 0 &&
                ckp_messages_add(warnings,
                                 "scenario '%s': node '%s' is not in this network: skipped",
                                 s->name, c->node) < 0)
                goto nomem;
            continue; /* removed by this scenario: nothing to scale */
        }
        double cap = ckp_node_capacity(copy, v);
        double value = c->capacity;
        if (!isnan(c->factor)) {
            if (isinf(cap) && c->factor != 0) {
                if (ckp_messages_add(warnings,
                                     "scenario '%s': node '%s' has no capacity to scale: it "
                                     "stays unbounded",
                                     s->name, c->node) < 0)
                    goto nomem;
                continue;
            }
            value = c->factor == 0 ? 0 : cap * c->factor;
        }
        if ((rc = ckp_network_set_node_number(copy, v, "capacity", value, err))) {
            ckp_error_prefix(err, "scenario '%s': node '%s': ", s->name, c->node);
            goto done;
        }
    }
    if (removed_nodes)
        *removed_nodes = gone_nodes;
    if (removed_edges)
        *removed_edges = gone_edges;
    *out = copy;
    copy = NULL;
    goto done;
nomem:
    rc = NOMEM(err);
done:
    free(drop_node);
    free(drop_edge);
    ckp_network_free(copy);
    return rc;
}
