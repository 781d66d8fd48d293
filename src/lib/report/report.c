/* ckp_report_write: the pack's parts in page order, each file written as its part is done. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/export.h"
#include "chokepoint/materials.h"
#include "chokepoint/stress.h"
#include "network_internal.h"
#include "node_order.h"
#include "report_internal.h"

void ckp_report_options_init(ckp_report_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_nodes = CKP_RENDER_MAX_NODES;
    opts->color = CKP_COLOR_BY_COUNTRY;
}

/* Origin charts: the end users asked for, else all (the largest by demand past the cap). */
static ckp_code pick_users(ckp_keyed_node **out, igraph_integer_t *n, const ckp_network *net,
                           const ckp_report_options *o, ckp_error *err)
{
    igraph_integer_t last = ckp_network_tier_count(net) - 1, m = 0;
    ckp_keyed_node *picks = malloc(((size_t)ckp_network_node_count(net) + 1) * sizeof *picks);
    *out = NULL;
    *n = 0;
    if (!picks)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (size_t i = 0; i < o->n_end_users; i++) {
        igraph_integer_t v = ckp_network_find(net, o->end_users[i]);
        if (v < 0 || ckp_node_tier(net, v) != last) {
            free(picks);
            return ckp_error_set(err, CKP_EDATA, "--end-user: '%s' is %s", o->end_users[i],
                                 v < 0 ? "not a node of the network"
                                       : "not an end user (a node of the last tier)");
        }
        picks[m++] = (ckp_keyed_node){ckp_node_demand(net, v), ckp_node_id(net, v), v};
    }
    if (!o->n_end_users) {
        for (igraph_integer_t v = 0; v < ckp_network_node_count(net); v++)
            if (ckp_node_tier(net, v) == last)
                picks[m++] = (ckp_keyed_node){ckp_node_demand(net, v), ckp_node_id(net, v), v};
        if (m > CKP_REPORT_MAX_ORIGIN_CHARTS) {
            ckp_keyed_nodes_sort(picks, m); /* by demand, largest first */
            m = CKP_REPORT_MAX_ORIGIN_CHARTS;
        }
        for (igraph_integer_t i = 0; i < m; i++) /* then by id alone */
            picks[i].key = 0;
        ckp_keyed_nodes_sort(picks, m);
    }
    *out = picks;
    *n = m;
    return CKP_OK;
}

/* One origin chart per picked end user; two ids with one slug are numbered. */
static ckp_code origins(ckp_pack *pk, const ckp_network *net, const ckp_analysis *a,
                        const ckp_keyed_node *picks, igraph_integer_t npicks,
                        const ckp_palette *pal, const char *input_name, ckp_error *err)
{
    ckp_buf *b = &pk->html;
    ckp_chart ch;
    ckp_code rc = CKP_OK;
    ckp_buf_puts(b, "<section id=\"origins\"><h2>Where each end user's supply comes from</h2>\n");
    if (!pk->opts->n_end_users && npicks == CKP_REPORT_MAX_ORIGIN_CHARTS)
        ckp_buf_printf(b, "<p class=\"note\">The %d end users with the most demand (of more); "
                          "--end-user picks others.</p>\n",
                       CKP_REPORT_MAX_ORIGIN_CHARTS);
    ckp_buf_puts(b, "<div class=\"grid\">\n");
    ckp_chart_init(&ch);
    for (igraph_integer_t i = 0; !rc && i < npicks; i++) {
        char sl[64], name[256];
        ckp_report_slug(sl, sizeof sl, picks[i].id);
        snprintf(name, sizeof name, "origin-%s", sl);
        for (igraph_integer_t j = 0; j < i; j++) {
            char other[64];
            ckp_report_slug(other, sizeof other, picks[j].id);
            if (!strcmp(other, sl))
                snprintf(name, sizeof name, "origin-%s-%lld", sl, (long long)i + 1);
        }
        if (!(rc = ckp_chart_origin(&ch, net, &a->dependency, picks[i].node, pal, input_name,
                                    err)))
            rc = ckp_report_chart(pk, name, &ch, err);
        ckp_chart_destroy(&ch);
    }
    ckp_buf_puts(b, "</div>\n</section>\n");
    return rc;
}

/* The network diagram and the concentration chart. */
static ckp_code overview(ckp_pack *pk, const ckp_network *net, const ckp_analysis *a,
                         const ckp_palette *pal, const char *input_name, ckp_error *err)
{
    ckp_render_options ro;
    ckp_chart ch;
    ckp_code rc;
    ckp_report_render_options(&ro, pk, pal, input_name, "net-");
    ro.analysis = a;
    ckp_buf_puts(&pk->html, "<section id=\"network\"><h2>The network</h2>\n<p>Tiers from sources "
                            "(left) to end users (right), at full size: scroll to see all of it, "
                            "or open the SVG. Hover over a box or an arrow for its figures.</p>\n");
    if ((rc = ckp_report_diagram(pk, "network", net, &ro, err)))
        return rc;
    ckp_buf_puts(&pk->html, "</section>\n");
    ckp_chart_init(&ch);
    if (!(rc = ckp_chart_concentration(&ch, net, a->concentration, pal, input_name, err))) {
        ckp_buf_puts(&pk->html, "<section id=\"concentration\"><h2>Concentration by tier</h2>\n");
        rc = ckp_report_chart(pk, "concentration", &ch, err);
        ckp_buf_puts(&pk->html, "</section>\n");
    }
    ckp_chart_destroy(&ch);
    return rc;
}

/* The files of the pack, as JSON: their paths relative to the directory. */
static ckp_code files_json(ckp_buf *out, const ckp_pack *pk, ckp_error *err)
{
    const char **paths = malloc((pk->n ? pk->n : 1) * sizeof *paths);
    if (!paths)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (size_t i = 0; i < pk->n; i++)
        paths[i] = pk->files[i].path;
    ckp_code rc = ckp_files_write_json(out, "report", pk->dir, (const char *const *)paths,
                                       pk->n, err);
    free(paths);
    return rc;
}

/*
 * On a network with stocks (and no materials): the stress ranking's TTS
 * against TTR chart, what to protect first.
 */
static ckp_code stress(ckp_pack *pk, const ckp_network *net, const char *input_name,
                       ckp_error *err)
{
    if (!ckp_network_has_stock(net) || ckp_network_has_bom(net))
        return CKP_OK;
    ckp_stress st;
    ckp_chart ch;
    ckp_stress_init(&st);
    ckp_chart_init(&ch);
    ckp_code rc = ckp_stress_run(&st, net, NULL, 1, err);
    if (!rc && !(rc = ckp_chart_stress(&ch, net, &st, 20, input_name, err))) {
        ckp_buf_puts(&pk->html, "<section id=\"stress\"><h2>What to protect first</h2>\n<p>Each "
                                "node and country lost alone for its time to recover, as "
                                "<code>chokepoint stress</code> ranks them.</p>\n");
        rc = ckp_report_chart(pk, "stress", &ch, err);
        ckp_buf_puts(&pk->html, "</section>\n");
    }
    ckp_chart_destroy(&ch);
    ckp_stress_destroy(&st);
    return rc;
}

ckp_code ckp_report_write(size_t *n_files, const char *dir, const ckp_network *net,
                          const ckp_analysis *a, const ckp_study *study,
                          const ckp_report_options *opts, ckp_error *err)
{
    ckp_report_options defaults;
    ckp_pack pk;
    ckp_palette pal;
    ckp_keyed_node *picks = NULL;
    igraph_integer_t npicks = 0;
    ckp_code rc;
    if (!opts) {
        ckp_report_options_init(&defaults);
        opts = &defaults;
    }
    ckp_pack_init(&pk, dir, study, opts);
    const char *input = opts->n_network_paths ? opts->network_paths[0] : ckp_network_name(net);
    const char *input_name = strrchr(input, '/') ? strrchr(input, '/') + 1 : input;
    /* inputs first: a bad input must not leave a half-made directory */
    if ((rc = ckp_report_inputs(&pk, err)) || (rc = pick_users(&picks, &npicks, net, opts, err)) ||
        (rc = ckp_pack_make_dirs(&pk, err)) || (rc = ckp_palette_for_network(&pal, net, err)))
        goto done;
    ckp_report_head(&pk.html, net, input_name, pk.n_plans, pk.n_scenarios);
    ckp_report_summary(&pk.html, net, a);
    if ((rc = overview(&pk, net, a, &pal, input_name, err)) ||
        (rc = origins(&pk, net, a, picks, npicks, &pal, input_name, err)) ||
        (rc = stress(&pk, net, input_name, err)) ||
        (rc = ckp_report_scenarios(&pk, net, &pal, input_name, err)) ||
        (rc = ckp_report_comparison(&pk, net, input_name, err)) ||
        (rc = ckp_report_plans(&pk, net, &pal, input_name, err)))
        goto done;
    ckp_report_tables(&pk.html, net, a);
    if ((rc = ckp_report_data(&pk, net, a, err)) || (rc = ckp_report_provenance(&pk, err)))
        goto done;
    if (n_files)
        *n_files = pk.n;
    if (opts->files_json)
        rc = files_json(opts->files_json, &pk, err);
done:
    free(picks);
    ckp_pack_destroy(&pk);
    return rc;
}
