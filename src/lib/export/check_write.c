/* A check report as text and as versioned JSON: `check`'s outputs. */
#include <math.h>
#include <stdio.h>

#include "chokepoint/export.h"
#include "chokepoint/format.h"
#include "chokepoint/materials.h"
#include "json_write.h"

#define TEXT_WARNINGS_PER_KIND 10

/* The first k countries by share; in a material's table, only those moving it. */
static void top_countries(ckp_buf *b, const ckp_tier_concentration *c, int k, int moving)
{
    if (c->basis == CKP_BASIS_NONE) {
        ckp_buf_puts(b, "-");
        return;
    }
    for (igraph_integer_t i = 0; i < c->n_countries && i < k; i++)
        if (!moving || c->countries[i].amount > 0)
            ckp_buf_printf(b, "%s%s %.1f%%", i ? ", " : "", c->countries[i].name,
                       100 * c->countries[i].share);
}

static void tier_row(ckp_buf *b, const ckp_network *net, igraph_integer_t t,
                     igraph_integer_t nodes, igraph_integer_t edges_out,
                     igraph_integer_t countries, const ckp_tier_concentration *c)
{
    char a[64], hhi[32];
    snprintf(hhi, sizeof hhi, "%.0f", c->hhi);
    ckp_buf_printf(b, "%-14s %6lld %9lld %9lld  %-8s %12s %6s  ", ckp_network_tier_name(net, t),
                   (long long)nodes, (long long)edges_out, (long long)countries,
                   ckp_basis_name(c->basis), ckp_fmt_amount(a, sizeof a, c->total),
                   c->basis == CKP_BASIS_NONE ? "-" : hhi);
    top_countries(b, c, 3, 1);
    ckp_buf_puts(b, "\n");
}

/* Per material, the tiers that send or receive it: nodes moving it, by its volume. */
static void material_tables(ckp_buf *b, const ckp_network *net, const ckp_check_report *r)
{
    for (igraph_integer_t m = 0; m < r->n_materials; m++) {
        const char *unit = ckp_material_unit(net, m);
        ckp_buf_printf(b, "\nmaterial '%s' (%s%s%s)\n", ckp_material_id(net, m),
                       ckp_material_name(net, m), unit ? ", " : "", unit ? unit : "");
        for (igraph_integer_t t = 0; t < r->n_tiers; t++) {
            const ckp_tier_concentration *c = &r->material_concentration[m][t];
            if (c->basis == CKP_BASIS_NONE && !r->material_edges_out[m * r->n_tiers + t])
                continue;
            igraph_integer_t moving = 0, countries = 0;
            for (igraph_integer_t i = 0; i < c->n_countries; i++)
                if (c->countries[i].amount > 0) {
                    moving += c->countries[i].nodes;
                    countries++;
                }
            tier_row(b, net, t, moving, r->material_edges_out[m * r->n_tiers + t], countries,
                     c);
        }
    }
}

static void write_text(ckp_buf *b, const ckp_network *net, ckp_check_report *r,
                        const char *file, int all)
{
    char a[64];
    ckp_buf_printf(b, "network    %s\n", ckp_network_name(net));
    ckp_buf_printf(b, "file       %s\n", file);
    if (ckp_network_unit(net)[0])
        ckp_buf_printf(b, "unit       %s\n", ckp_network_unit(net));
    if (!isnan(ckp_network_year(net)))
        ckp_buf_printf(b, "year       %s\n", ckp_fmt_amount(a, sizeof a, ckp_network_year(net)));
    ckp_buf_printf(b, "nodes      %lld in %lld tiers, %lld countries, %lld owners\n",
                   (long long)r->nodes, (long long)r->n_tiers, (long long)r->countries,
                   (long long)r->owners);
    ckp_buf_printf(b, "edges      %lld\n", (long long)r->edges);
    ckp_buf_printf(b, "sources    %lld (tier '%s')\n", (long long)r->sources,
                   ckp_network_tier_name(net, 0));
    ckp_buf_printf(b, "end users  %lld (tier '%s'), total demand %s\n", (long long)r->end_users,
                   ckp_network_tier_name(net, r->n_tiers - 1),
                   ckp_fmt_amount(a, sizeof a, r->total_demand));
    ckp_buf_printf(b, "\n%-14s %6s %9s %9s  %-8s %12s %6s  %s\n", "tier", "nodes", "edges out",
                   "countries", "basis", "total", "HHI", "top countries by share");
    for (igraph_integer_t t = 0; t < r->n_tiers; t++) {
        const ckp_tier_concentration *c = &r->concentration[t];
        char hhi[32];
        snprintf(hhi, sizeof hhi, "%.0f", c->hhi);
        ckp_buf_printf(b, "%-14s %6lld %9lld %9lld  %-8s %12s %6s  ",
                       ckp_network_tier_name(net, t), (long long)r->tiers[t].nodes,
                       (long long)r->tiers[t].edges_out, (long long)r->tiers[t].countries,
                       ckp_basis_name(c->basis), ckp_fmt_amount(a, sizeof a, c->total),
                       c->basis == CKP_BASIS_NONE ? "-" : hhi);
        top_countries(b, c, 3, 0);
        ckp_buf_puts(b, "\n");
    }
    material_tables(b, net, r);
    ckp_buf_printf(b, "\nwarnings   %lld\n", (long long)r->n_warnings);
    igraph_integer_t shown[CKP_WARN_KIND_COUNT] = {0}, total[CKP_WARN_KIND_COUNT] = {0};
    for (igraph_integer_t i = 0; i < r->n_warnings; i++) {
        const ckp_warning *w = &r->warnings[i];
        total[w->kind]++;
        if (!all && shown[w->kind] >= TEXT_WARNINGS_PER_KIND)
            continue;
        shown[w->kind]++;
        const char *msg = ckp_check_message(r, net, i);
        ckp_buf_printf(b, "  %-14s %s\n", ckp_warning_kind_name(w->kind), msg ? msg : "?");
    }
    for (int k = 0; k < CKP_WARN_KIND_COUNT; k++)
        if (total[k] > shown[k])
            ckp_buf_printf(b, "  %-14s ... and %lld more (--all lists them)\n",
                           ckp_warning_kind_name((ckp_warning_kind)k),
                           (long long)(total[k] - shown[k]));
    ckp_buf_printf(b, "\nvalid\n");
}

#define JSON_WARNINGS_PER_KIND 1000

/* "materials": per material its id, name, unit and tiers (by volume), as "tiers" has. */
static void material_json(cJSON *doc, const ckp_network *net, const ckp_check_report *r)
{
    cJSON *mats = cJSON_AddArrayToObject(doc, "materials");
    for (igraph_integer_t m = 0; m < r->n_materials; m++) {
        cJSON *jm = ckp_json_material(net, m, "material");
        cJSON_AddItemToArray(mats, jm);
        cJSON *tiers = cJSON_AddArrayToObject(jm, "tiers");
        for (igraph_integer_t t = 0; t < r->n_tiers; t++) {
            const ckp_tier_concentration *c = &r->material_concentration[m][t];
            if (c->basis == CKP_BASIS_NONE && !r->material_edges_out[m * r->n_tiers + t])
                continue;
            cJSON *jt = cJSON_CreateObject();
            cJSON_AddItemToArray(tiers, jt);
            cJSON_AddStringToObject(jt, "tier", ckp_network_tier_name(net, t));
            cJSON_AddNumberToObject(jt, "edges_out",
                                    (double)r->material_edges_out[m * r->n_tiers + t]);
            cJSON_AddStringToObject(jt, "basis", ckp_basis_name(c->basis));
            ckp_json_add_number(jt, "total", c->total);
            ckp_json_add_number(jt, "hhi", c->hhi);
            cJSON *shares = cJSON_AddObjectToObject(jt, "shares");
            for (igraph_integer_t i = 0; i < c->n_countries; i++)
                if (c->countries[i].amount > 0)
                    ckp_json_add_number(shares, c->countries[i].name, c->countries[i].share);
        }
    }
}

static cJSON *json_doc(const ckp_network *net, ckp_check_report *r, int all)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "schema_version", CKP_SCHEMA_VERSION);
    cJSON_AddBoolToObject(doc, "valid", 1);
    cJSON *jn = ckp_json_network(net);
    cJSON_AddItemToObject(doc, "network", jn);
    cJSON_AddNumberToObject(jn, "nodes", (double)r->nodes);
    cJSON_AddNumberToObject(jn, "edges", (double)r->edges);
    cJSON_AddNumberToObject(jn, "sources", (double)r->sources);
    cJSON_AddNumberToObject(jn, "end_users", (double)r->end_users);
    cJSON_AddNumberToObject(jn, "countries", (double)r->countries);
    cJSON_AddNumberToObject(jn, "owners", (double)r->owners);
    ckp_json_add_number(jn, "total_demand", r->total_demand);
    cJSON *tiers = cJSON_AddArrayToObject(doc, "tiers");
    for (igraph_integer_t t = 0; t < r->n_tiers; t++) {
        const ckp_tier_concentration *c = &r->concentration[t];
        cJSON *jt = cJSON_CreateObject();
        cJSON_AddItemToArray(tiers, jt);
        cJSON_AddStringToObject(jt, "tier", ckp_network_tier_name(net, t));
        cJSON_AddNumberToObject(jt, "nodes", (double)r->tiers[t].nodes);
        cJSON_AddNumberToObject(jt, "edges_out", (double)r->tiers[t].edges_out);
        cJSON_AddNumberToObject(jt, "countries", (double)r->tiers[t].countries);
        cJSON_AddStringToObject(jt, "basis", ckp_basis_name(c->basis));
        ckp_json_add_number(jt, "total", c->total);
        ckp_json_add_number(jt, "hhi", c->hhi);
        cJSON *shares = cJSON_AddObjectToObject(jt, "shares");
        for (igraph_integer_t i = 0; i < c->n_countries; i++)
            ckp_json_add_number(shares, c->countries[i].name, c->countries[i].share);
    }
    if (r->n_materials)
        material_json(doc, net, r);
    /* every kind counted (recipe-volume only with materials); at most JSON_WARNINGS_PER_KIND
       of each listed unless --all */
    cJSON *counts = cJSON_AddObjectToObject(doc, "warning_counts");
    for (int k = 0; k < CKP_WARN_KIND_COUNT; k++)
        if (k != CKP_WARN_RECIPE_VOLUME || r->n_materials)
            cJSON_AddNumberToObject(counts, ckp_warning_kind_name((ckp_warning_kind)k),
                                (double)r->counts[k]);
    igraph_integer_t listed[CKP_WARN_KIND_COUNT] = {0};
    cJSON *warnings = cJSON_AddArrayToObject(doc, "warnings");
    for (igraph_integer_t i = 0; i < r->n_warnings; i++) {
        const ckp_warning *w = &r->warnings[i];
        if (!all && listed[w->kind]++ >= JSON_WARNINGS_PER_KIND)
            continue;
        cJSON *jw = cJSON_CreateObject();
        cJSON_AddItemToArray(warnings, jw);
        cJSON_AddStringToObject(jw, "kind", ckp_warning_kind_name(w->kind));
        if (w->node >= 0)
            cJSON_AddStringToObject(jw, "node", ckp_node_id(net, w->node));
        if (w->edge >= 0) {
            cJSON_AddStringToObject(jw, "from", ckp_node_id(net, ckp_edge_from(net, w->edge)));
            cJSON_AddStringToObject(jw, "to", ckp_node_id(net, ckp_edge_to(net, w->edge)));
        }
        const char *msg = ckp_check_message(r, net, i);
        cJSON_AddStringToObject(jw, "message", msg ? msg : "?");
    }
    return doc;
}

ckp_code ckp_check_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                         ckp_check_report *r, const ckp_write_options *wopts, ckp_error *err)
{
    ckp_write_options defaults;
    ckp_write_options_init(&defaults);
    if (!wopts)
        wopts = &defaults;
    if (format == CKP_FORMAT_JSON)
        ckp_json_doc(out, json_doc(net, r, wopts->all));
    else if (format == CKP_FORMAT_TEXT)
        write_text(out, net, r, wopts->file, wopts->all);
    else
        return ckp_error_set(err, CKP_EUSAGE, "a check report is written as text or JSON, not CSV");
    if (out->oom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}
