/*
 * An analysis as versioned JSON. A million nodes' JSON does not fit a cJSON
 * tree in memory, so it is written as it goes: each top-level member and
 * each array element is one compact object, one per line (readable,
 * diffable); the per-node arrays are written directly (json_write.h), with
 * threads, rather than through a cJSON object each.
 */
#include <math.h>
#include <stdlib.h>

#include "chokepoint/export.h"
#include "chokepoint/flow.h"
#include "chokepoint/materials.h"
#include "json_write.h"

/* node ids, as a JSON array */
static void ids(ckp_buf *b, const ckp_network *net, const igraph_integer_t *v, igraph_integer_t n)
{
    ckp_json_char(b, '[');
    for (igraph_integer_t i = 0; i < n; i++) {
        if (i)
            ckp_json_char(b, ',');
        ckp_json_string(b, ckp_node_id(net, v[i]));
    }
    ckp_json_char(b, ']');
}

/* what the array elements are written from */
typedef struct {
    const ckp_network *net;
    const ckp_analysis *a;
    const igraph_integer_t *order; /* nodes by id */
    /*
     * Text escaped once rather than for each of the dependency section's millions of
     * elements and shares, piece j at texts.data + at[j] .. at[j + 1]: country c's key with a
     * comma before (,"name":) at j = c; then what follows an end user's id for tier t and
     * material m (,"tier":"name"[,"material":"id"],"shares":{) at j = countries + (m + 1)
     * tiers + t, m = -1 without a material.
     */
    ckp_buf texts;
    size_t *at;
    igraph_integer_t countries, tiers;
} report_ctx;

/* the pieces of report_ctx; 0, or -1 out of memory */
static int dependency_texts(report_ctx *r, const ckp_network *net, igraph_integer_t materials)
{
    igraph_integer_t nc = ckp_network_country_count(net), nt = ckp_network_tier_count(net);
    igraph_integer_t n = nc + nt * (1 + materials);
    r->countries = nc;
    r->tiers = nt;
    r->at = malloc(((size_t)n + 1) * sizeof *r->at);
    if (!r->at)
        return -1;
    for (igraph_integer_t j = 0; j < n; j++) {
        ckp_buf *b = &r->texts;
        r->at[j] = b->len;
        if (j < nc) {
            ckp_json_key(b, ckp_network_country_name(net, j), 0);
            continue;
        }
        igraph_integer_t t = (j - nc) % nt, m = (j - nc) / nt - 1;
        ckp_json_string_field(b, "tier", 0, ckp_network_tier_name(net, t));
        if (m >= 0)
            ckp_json_string_field(b, "material", 0, ckp_material_id(net, m));
        ckp_json_key(b, "shares", 0);
        ckp_json_char(b, '{');
    }
    r->at[n] = r->texts.len;
    return r->texts.oom ? -1 : 0;
}

/* piece j of the texts, without its first `skip` bytes */
static void put_text(ckp_buf *b, const report_ctx *r, igraph_integer_t j, size_t skip)
{
    ckp_buf_put(b, r->texts.data + r->at[j] + skip, r->at[j + 1] - r->at[j] - skip);
}

static void node_element(ckp_buf *b, const void *ctx, igraph_integer_t i)
{
    const report_ctx *r = ctx;
    const ckp_network *net = r->net;
    const ckp_analysis *a = r->a;
    igraph_integer_t v = r->order[i];
    ckp_json_char(b, '{');
    ckp_json_string_field(b, "id", 1, ckp_node_id(net, v));
    ckp_json_string_field(b, "tier", 0, ckp_network_tier_name(net, ckp_node_tier(net, v)));
    ckp_json_string_field(b, "country", 0, ckp_node_country(net, v));
    ckp_json_number_field(b, "throughput", 0, a->throughput[v]);
    ckp_json_number_field(b, "flow", 0, a->flow[v]);
    ckp_json_number_field(b, "flow_at_risk", 0, a->flow_at_risk[v]);
    ckp_json_number_field(b, "dominated_demand", 0, a->dominated_demand[v]);
    ckp_json_number_field(b, "betweenness", 0, a->betweenness[v]);
    ckp_json_char(b, '}');
}

static void spof_element(ckp_buf *b, const void *ctx, igraph_integer_t i)
{
    const report_ctx *r = ctx;
    const ckp_spof *s = &r->a->spofs[i];
    ckp_json_char(b, '{');
    ckp_json_string_field(b, "id", 1, ckp_node_id(r->net, s->node));
    ckp_json_key(b, "end_users", 0);
    ids(b, r->net, s->end_users, s->n_end_users);
    ckp_json_number_field(b, "dominated_demand", 0, s->dominated_demand);
    ckp_json_char(b, '}');
}

static void end_user_element(ckp_buf *b, const void *ctx, igraph_integer_t k)
{
    const report_ctx *r = ctx;
    const ckp_end_user *e = &r->a->end_users[k];
    ckp_json_char(b, '{');
    ckp_json_string_field(b, "id", 1, ckp_node_id(r->net, e->node));
    ckp_json_number_field(b, "demand", 0, e->demand);
    ckp_json_number_field(b, "served", 0, e->served);
    ckp_json_bool_field(b, "reachable", 0, e->reachable);
    /* with materials, routes are not substitutes: no redundancy (docs/analysis.md) */
    ckp_json_number_field(b, "redundancy", 0, r->a->n_materials ? NAN : (double)e->redundancy);
    ckp_json_bool_field(b, "redundancy_exact", 0, e->redundancy_exact);
    ckp_json_key(b, "dominators", 0);
    ids(b, r->net, e->dominators, e->n_dominators);
    ckp_json_char(b, '}');
}

/*
 * element i of the dependency array: end user i / tiers, tier i % tiers; with materials,
 * then the same per material (entries with a "material" key)
 */
static void dependency_element(ckp_buf *b, const void *ctx, igraph_integer_t i)
{
    const report_ctx *r = ctx;
    const ckp_dependency *d = &r->a->dependency;
    igraph_integer_t block = d->n_end_users * d->n_tiers, m = i / block - 1;
    if (m >= 0)
        d = &r->a->material_dependency[m];
    i %= block;
    igraph_integer_t k = i / d->n_tiers, t = i % d->n_tiers;
    const ckp_tier_origin *o = &d->tiers[t];
    ckp_json_char(b, '{');
    ckp_json_string_field(b, "end_user", 1, ckp_node_id(r->net, d->end_users[k]));
    put_text(b, r, r->countries + (m + 1) * r->tiers + t, 0);
    int first = 1;
    for (igraph_integer_t c = 0; c < o->n_countries; c++) {
        double s = o->shares[k * o->n_countries + c];
        if (s > 0) {
            put_text(b, r, o->countries[c], (size_t)first);
            ckp_json_num(b, s);
            first = 0;
        }
    }
    ckp_json_char(b, '}');
    ckp_json_number_field(b, "unattributed", 0, ckp_dependency_unattributed(d, k, t));
    ckp_json_char(b, '}');
}

ckp_code ckp_analysis_write_json(ckp_buf *out, const ckp_network *net, const ckp_analysis *a,
                                 const ckp_analysis_options *o, ckp_error *err)
{
    ckp_buf_printf(out, "{\n\"schema_version\": %d,\n", CKP_SCHEMA_VERSION);
    cJSON *jn = ckp_json_network(net);
    cJSON_AddNumberToObject(jn, "nodes", (double)ckp_network_node_count(net));
    cJSON_AddNumberToObject(jn, "edges", (double)ckp_network_edge_count(net));
    ckp_json_member(out, "network", jn, 0);
    if (a->n_materials) {
        cJSON *mats = cJSON_CreateArray();
        for (igraph_integer_t m = 0; m < ckp_network_material_count(net); m++)
            cJSON_AddItemToArray(mats, ckp_json_material(net, m, "id"));
        ckp_json_member(out, "materials", mats, 0);
    }
    cJSON *sup = cJSON_CreateObject();
    ckp_json_add_number(sup, "demand", a->demand);
    ckp_json_add_number(sup, "served", a->served);
    ckp_json_add_number(sup, "shortfall", ckp_round_flow(a->demand - a->served));
    ckp_json_member(out, "supply", sup, 0);

    cJSON *method = cJSON_CreateObject();
    cJSON_AddStringToObject(method, "flow_at_risk", a->risk_exact_all ? "exact" : "partial");
    cJSON_AddNumberToObject(method, "flow_at_risk_computed", (double)a->risk_computed);
    cJSON_AddStringToObject(method, "betweenness", a->betweenness_samples ? "sampled" : "exact");
    if (a->betweenness_samples) {
        cJSON_AddNumberToObject(method, "betweenness_samples", (double)a->betweenness_samples);
        cJSON_AddNumberToObject(method, "seed", (double)o->seed);
    }
    if (a->n_materials) {
        cJSON_AddStringToObject(method, "served", "linear program (materials and recipes)");
        cJSON_AddStringToObject(method, "single_points_of_failure", "producibility");
        cJSON_AddStringToObject(method, "redundancy", "not computed (materials)");
    } else {
        cJSON_AddStringToObject(method, "redundancy",
                                ckp_network_node_count(net) <= o->exact_limit
                                    ? "exact"
                                    : "lower bound where no dominator");
    }
    ckp_json_member(out, "method", method, 0);

    igraph_integer_t n = ckp_network_node_count(net);
    igraph_integer_t *order = ckp_nodes_by_id(net);
    report_ctx rc = {.net = net, .a = a, .order = order};
    ckp_buf_init(&rc.texts);
    if (!order || dependency_texts(&rc, net, a->n_materials)) {
        out->oom = 1;
        goto done;
    }
    ckp_buf_puts(out, "\"nodes\": [\n");
    ckp_json_array(out, node_element, &rc, n, o->threads);
    ckp_buf_puts(out, "],\n\"single_points_of_failure\": [\n");
    ckp_json_array(out, spof_element, &rc, a->n_spofs, o->threads);
    ckp_buf_puts(out, "],\n\"end_users\": [\n");
    ckp_json_array(out, end_user_element, &rc, a->n_end_users, o->threads);
    ckp_buf_puts(out, "],\n\"countries\": [\n");
    for (igraph_integer_t i = 0; i < a->n_countries; i++) {
        const ckp_country_risk *c = &a->countries[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "country", ckp_network_country_name(net, c->country));
        cJSON_AddNumberToObject(j, "nodes", (double)c->nodes);
        ckp_json_add_number(j, "flow_at_risk", c->flow_at_risk);
        ckp_json_item(out, "", j, i + 1 < a->n_countries ? ",\n" : "\n");
    }
    ckp_buf_puts(out, "],\n\"concentration\": [\n");
    /* per tier, then per tier and material (by volume: tiers that move it) */
    igraph_integer_t rows = a->n_tiers, row = 0;
    for (igraph_integer_t m = 0; m < a->n_materials; m++)
        for (igraph_integer_t t = 0; t < a->n_tiers; t++)
            rows += a->material_concentration[m][t].basis != CKP_BASIS_NONE;
    for (igraph_integer_t i = 0; i < a->n_tiers * (1 + a->n_materials); i++) {
        igraph_integer_t t = i % a->n_tiers, m = i / a->n_tiers - 1;
        const ckp_tier_concentration *c =
            m < 0 ? &a->concentration[t] : &a->material_concentration[m][t];
        if (m >= 0 && c->basis == CKP_BASIS_NONE)
            continue;
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "tier", ckp_network_tier_name(net, t));
        if (m >= 0)
            cJSON_AddStringToObject(j, "material", ckp_material_id(net, m));
        cJSON_AddStringToObject(j, "basis", ckp_basis_name(c->basis));
        ckp_json_add_number(j, "total", c->total);
        ckp_json_add_number(j, "hhi", c->hhi);
        int any = c->basis != CKP_BASIS_NONE && c->n_countries;
        if (any)
            cJSON_AddStringToObject(j, "top_country", c->countries[0].name);
        else
            cJSON_AddNullToObject(j, "top_country");
        ckp_json_add_number(j, "top_share", any ? c->countries[0].share : NAN);
        cJSON *shares = cJSON_AddObjectToObject(j, "shares");
        for (igraph_integer_t k = 0; k < c->n_countries; k++)
            if (m < 0 || c->countries[k].amount > 0)
                ckp_json_add_number(shares, c->countries[k].name, c->countries[k].share);
        cJSON *owners = cJSON_AddObjectToObject(j, "owners");
        for (igraph_integer_t k = 0; k < c->n_owners; k++)
            if (c->owners[k].name && (m < 0 || c->owners[k].amount > 0))
                ckp_json_add_number(owners, c->owners[k].name, c->owners[k].share);
        ckp_json_add_number(j, "owner_hhi", c->owner_hhi);
        ckp_json_item(out, "", j, ++row < rows ? ",\n" : "\n");
    }
    ckp_buf_puts(out, "],\n\"dependency\": [\n");
    const ckp_dependency *d = &a->dependency;
    ckp_json_array(out, dependency_element, &rc,
                   d->n_end_users * d->n_tiers * (1 + a->n_materials), o->threads);
    ckp_buf_puts(out, "]\n}\n");
done:
    free(order);
    free(rc.at);
    ckp_buf_destroy(&rc.texts);
    if (out->oom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}
