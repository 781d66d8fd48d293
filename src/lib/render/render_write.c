/*
 * One call for a figure of a network (render.h): checks the request, applies
 * a diagram's plan and scenario, builds the diagram's DOT text or the chart,
 * and renders it, so that a caller only loads the network and writes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/chart.h"
#include "chokepoint/io.h"
#include "chokepoint/plan.h"
#include "chokepoint/render.h"
#include "chokepoint/whatif.h"
#include "figure_write.h"
#include "render_page.h"

void ckp_render_request_init(ckp_render_request *req)
{
    memset(req, 0, sizeof *req);
    req->kind = CKP_FIGURE_DIAGRAM;
    req->format = -1;
    req->exact_limit = 5000;
    ckp_render_options_init(&req->options);
}

void ckp_render_result_init(ckp_render_result *res)
{
    memset(res, 0, sizeof *res);
}

void ckp_render_result_destroy(ckp_render_result *res)
{
    if (!res)
        return;
    ckp_messages_destroy(&res->warnings);
    ckp_render_result_init(res);
}

/* The format asked for, else the one `path` names; -1 if neither says. */
static int format_of(const ckp_render_request *req, const char *path)
{
    if (req->format >= 0)
        return req->format;
    return path ? ckp_figure_format_from_path(path) : -1;
}

ckp_code ckp_render_request_check(const ckp_render_request *req, const char *path,
                                  ckp_error *err)
{
    int fmt = format_of(req, path);
    int chart = req->kind != CKP_FIGURE_DIAGRAM;
    if ((fmt < 0 || fmt > CKP_FIG_DOT) && !path)
        return ckp_error_set(err, CKP_EUSAGE, "no format given: svg, png, pdf or dot");
    if (fmt < 0 || fmt > CKP_FIG_DOT)
        return ckp_error_set(err, CKP_EUSAGE, "cannot tell the format of '%s': end it in .svg, "
                                              ".png, .pdf or .dot, or give --format",
                             path);
    if (chart && fmt == CKP_FIG_DOT)
        return ckp_error_set(err, CKP_EUSAGE, "charts are drawn as svg, png or pdf, not dot");
    if (!chart && (req->n_plans > 1 || req->n_scenarios > 1))
        return ckp_error_set(err, CKP_EUSAGE, "a diagram takes one --plan and one --scenario "
                                              "at most (the comparison chart takes several)");
    if (req->kind == CKP_FIGURE_ORIGIN && !req->end_user)
        return ckp_error_set(err, CKP_EUSAGE, "the origin chart needs --end-user ID");
    int one_scenario = req->kind == CKP_FIGURE_VIEWS || req->kind == CKP_FIGURE_TIME ||
                       req->kind == CKP_FIGURE_STOCKS;
    if (one_scenario && (req->n_scenarios != 1 || req->n_plans))
        return ckp_error_set(err, CKP_EUSAGE, "the %s chart needs one --scenario (and no "
                                              "--plan)",
                             req->kind == CKP_FIGURE_TIME     ? "time"
                             : req->kind == CKP_FIGURE_STOCKS ? "stocks"
                                                              : "views");
    if (chart && req->kind != CKP_FIGURE_COMPARISON && !one_scenario &&
        (req->n_plans || req->n_scenarios))
        return ckp_error_set(err, CKP_EUSAGE, "--plan and --scenario apply to the diagram and "
                                              "the comparison, views and time charts only");
    if (req->options.focus && (chart || req->options.view == CKP_VIEW_COUNTRIES))
        return ckp_error_set(err, CKP_EUSAGE, "--focus applies to the diagram's tiers view only");
    if (req->options.min_share && (chart || req->options.view == CKP_VIEW_COUNTRIES))
        return ckp_error_set(err, CKP_EUSAGE, "--min-share applies to the diagram's tiers view "
                                              "only");
    if (!(req->options.min_share >= 0 && req->options.min_share < 100))
        return ckp_error_set(err, CKP_EUSAGE, "--min-share '%g': a percentage from 0 to under "
                                              "100", req->options.min_share);
    if (req->end_user && req->kind != CKP_FIGURE_ORIGIN)
        return ckp_error_set(err, CKP_EUSAGE, "--end-user applies to the origin chart only");
    return CKP_OK;
}

/* Lay out the DOT text with Graphviz and render it in `fmt`; DOT as it is. */
static ckp_code lay_out(char **data, size_t *len, char *dot, size_t dot_len,
                        ckp_figure_format fmt, const ckp_render_options *o, ckp_error *err)
{
    ckp_figure *fig = NULL;
    ckp_code rc;
    if (fmt == CKP_FIG_DOT) {
        *data = dot;
        *len = dot_len;
        return CKP_OK;
    }
    rc = ckp_figure_new(&fig, dot, dot_len, CKP_FIG_MASK(fmt), err);
    if (!rc)
        rc = ckp_figure_render(fig, fmt, data, len, err);
    if (!rc)
        rc = rd_page_fit(data, len, fmt, o->page_width, o->page_height, err);
    ckp_figure_free(fig);
    free(dot);
    return rc;
}

/* The diagram: the plan's network if any, under the scenario if any. */
static ckp_code diagram(char **data, size_t *len, ckp_render_result *res,
                        const ckp_network *net, const ckp_render_request *req, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_render_options opts = req->options;
    ckp_network *plan_net = NULL;
    ckp_scenario *scen = NULL;
    ckp_plan_info info;
    char *dot = NULL;
    size_t dot_len = 0;
    const ckp_network *drawn = net;
    memset(&info, 0, sizeof info);
    if (req->n_plans) {
        if ((rc = ckp_plan_apply_file(&plan_net, &info, net, req->plan_paths[0], err)))
            goto done;
        drawn = plan_net;
        opts.baseline = net;
        opts.plan_name = info.name;
    }
    if (req->n_scenarios) {
        if ((rc = ckp_scenario_load(&scen, drawn, req->scenario_paths[0], err)))
            goto done;
        /* the caller prints them: hand them over */
        res->warnings = scen->warnings;
        memset(&scen->warnings, 0, sizeof scen->warnings);
        opts.scenario = scen;
    }
    if ((rc = ckp_render_dot(&dot, &dot_len, &res->info, drawn, &opts, err)))
        goto done;
    rc = lay_out(data, len, dot, dot_len, (ckp_figure_format)req->format, &opts, err);
done:
    ckp_plan_info_destroy(&info);
    ckp_scenario_free(scen);
    ckp_network_free(plan_net);
    return rc;
}

/* The comparison chart's model: of the comparison given, else of the plans and scenarios. */
static ckp_code comparison_chart(ckp_chart *ch, ckp_render_result *res, const ckp_network *net,
                                 const ckp_render_request *req, ckp_error *err)
{
    ckp_study *study = NULL;
    const ckp_comparison *cmp = req->comparison;
    ckp_code rc = CKP_OK;
    if (!cmp) {
        if ((rc = ckp_study_new(&study, net, req->plan_paths, req->n_plans, req->scenario_paths,
                                req->n_scenarios, req->exact_limit, err)))
            goto done;
        cmp = ckp_study_comparison(study);
        /* the caller prints them, as for a diagram's scenario */
        for (igraph_integer_t i = 0; i < cmp->warnings.n; i++)
            if (ckp_messages_add(&res->warnings, "%s", cmp->warnings.items[i])) {
                rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
                goto done;
            }
    }
    rc = ckp_chart_comparison(ch, net, cmp, req->options.input_name, err);
done:
    ckp_study_free(study);
    return rc;
}

/* The chart's one scenario, its warnings handed to `res`. */
static ckp_code chart_scenario(ckp_scenario **scen, ckp_render_result *res,
                               const ckp_network *net, const ckp_render_request *req,
                               ckp_error *err)
{
    ckp_code rc = ckp_scenario_load(scen, net, req->scenario_paths[0], err);
    if (rc)
        return rc;
    res->warnings = (*scen)->warnings;
    memset(&(*scen)->warnings, 0, sizeof (*scen)->warnings);
    return CKP_OK;
}

/* The time or stocks chart: the scenario over its duration_days, else a year. */
static ckp_code time_chart(ckp_chart *ch, ckp_render_result *res, const ckp_network *net,
                           const ckp_render_request *req, ckp_error *err)
{
    ckp_scenario *scen = NULL;
    ckp_code rc = chart_scenario(&scen, res, net, req, err);
    if (!rc)
        rc = req->kind == CKP_FIGURE_STOCKS
                 ? ckp_chart_stocks(ch, net, scen,
                                    isnan(scen->duration_days) ? 365 : scen->duration_days, 8,
                                    req->options.input_name, err)
                 : ckp_chart_time(ch, net, scen,
                                  isnan(scen->duration_days) ? 365 : scen->duration_days,
                                  CKP_CHART_TIME_SAMPLES, req->options.input_name, err);
    ckp_scenario_free(scen);
    return rc;
}

/* The stress chart: the ranking for the request's group, its first 20 drawn. */
static ckp_code stress_chart(ckp_chart *ch, const ckp_network *net,
                             const ckp_render_request *req, ckp_error *err)
{
    ckp_stress st;
    ckp_stress_init(&st);
    ckp_code rc = ckp_stress_run(&st, net, req->group, 1, err);
    if (!rc)
        rc = ckp_chart_stress(ch, net, &st, 20, req->options.input_name, err);
    ckp_stress_destroy(&st);
    return rc;
}

/* The views chart: the scenario read (its warnings handed to `res`), its views run. */
static ckp_code views_chart(ckp_chart *ch, ckp_render_result *res, const ckp_network *net,
                            const ckp_render_request *req, ckp_error *err)
{
    ckp_scenario *scen = NULL;
    ckp_views v;
    ckp_code rc;
    ckp_views_init(&v);
    if ((rc = chart_scenario(&scen, res, net, req, err)))
        goto done;
    if ((rc = ckp_views_run(&v, net, scen, NULL, err)))
        goto done;
    if (!v.available) {
        rc = ckp_error_set(err, CKP_EDATA, "the views chart is not yet drawn for networks with "
                                           "materials");
        goto done;
    }
    for (igraph_integer_t i = 0; i < v.warnings.n; i++)
        if (!v.has_volumes && ckp_messages_add(&res->warnings, "%s", v.warnings.items[i]) < 0) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    rc = ckp_chart_views(ch, net, &v, scen->name, req->options.input_name, err);
done:
    ckp_views_destroy(&v);
    ckp_scenario_free(scen);
    return rc;
}

/* The chart's data model, by kind. */
static ckp_code build_chart(ckp_chart *ch, ckp_render_result *res, const ckp_network *net,
                            const ckp_render_request *req, ckp_error *err)
{
    ckp_palette own;
    const ckp_palette *pal = req->options.palette;
    const char *name = req->options.input_name;
    ckp_code rc;
    if (req->kind == CKP_FIGURE_COMPARISON)
        return comparison_chart(ch, res, net, req, err);
    if (req->kind == CKP_FIGURE_VIEWS)
        return views_chart(ch, res, net, req, err);
    if (req->kind == CKP_FIGURE_TIME || req->kind == CKP_FIGURE_STOCKS)
        return time_chart(ch, res, net, req, err);
    if (req->kind == CKP_FIGURE_STRESS)
        return stress_chart(ch, net, req, err);
    if (!pal) {
        if ((rc = ckp_palette_for_network(&own, net, err)))
            return rc;
        pal = &own;
    }
    if (req->kind == CKP_FIGURE_CONCENTRATION)
        return ckp_chart_concentration(ch, net, NULL, pal, name, err);
    igraph_integer_t v = ckp_network_find(net, req->end_user);
    if (v < 0)
        return ckp_error_set(err, CKP_EDATA, "no node '%s' in the network", req->end_user);
    return ckp_chart_origin(ch, net, NULL, v, pal, name, err);
}

ckp_code ckp_render_figure(char **data, size_t *len, ckp_render_result *res,
                           const ckp_network *net, const ckp_render_request *req, ckp_error *err)
{
    ckp_code rc;
    ckp_render_result own;
    ckp_chart ch;
    *data = NULL;
    *len = 0;
    ckp_render_result_init(&own);
    if (!res)
        res = &own;
    /* a result used before is emptied, not overwritten: its warnings are freed */
    ckp_render_result_destroy(res);
    if ((rc = ckp_render_request_check(req, NULL, err)))
        return rc;
    if (req->kind == CKP_FIGURE_DIAGRAM) {
        rc = diagram(data, len, res, net, req, err);
    } else {
        ckp_chart_init(&ch);
        rc = build_chart(&ch, res, net, req, err);
        ch.page_width = req->options.page_width;
        ch.page_height = req->options.page_height;
        ch.font_size = req->options.font_size;
        if (!rc)
            rc = ckp_chart_render(&ch, (ckp_figure_format)req->format, data, len, err);
        ckp_chart_destroy(&ch);
    }
    if (res == &own)
        ckp_render_result_destroy(&own);
    return rc;
}

ckp_code ckp_render_write(const char *path, ckp_render_result *res, const ckp_network *net,
                          const ckp_render_request *req, ckp_error *err)
{
    ckp_render_request r = *req;
    char *data = NULL;
    size_t len = 0;
    ckp_code rc;
    if (res)
        ckp_render_result_destroy(res);
    if ((rc = ckp_render_request_check(req, path, err)))
        return rc;
    r.format = format_of(req, path);
    rc = ckp_render_figure(&data, &len, res, net, &r, err);
    return ckp_figure_data_write(path, data, len, rc, err);
}
