/* chokepoint render: diagrams of a network and charts of its concentration, as figures. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/analysis.h"
#include "chokepoint/chart.h"
#include "chokepoint/io.h"
#include "chokepoint/plan.h"
#include "chokepoint/render.h"
#include "chokepoint/scenario.h"
#include "chokepoint/whatif.h"
#include "cli.h"

const char ckp_render_usage[] =
    "usage: chokepoint render [OPTIONS] NETWORK -o FILE\n"
    "\n"
    "Draws the network as a diagram (Graphviz) or one of its charts (cairo). The\n"
    "format follows FILE's extension: .svg, .png, .pdf, or .dot (the diagram's DOT\n"
    "text, as chokepoint generates it). Details: docs/render.md.\n"
    "\n"
    "Diagram (default): tiers as columns from left to right, a box per node filled by\n"
    "country, arrows as wide as their volume, single points of failure marked.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE      the figure to write (whole or not at all); '-' with --format\n"
    "                         writes to standard output\n"
    "  --format svg|png|pdf|dot   the format, when FILE's extension does not say\n"
    "  --view tiers|countries diagram: every node (default), or one box per tier and\n"
    "                         country, sized by its share of the tier\n"
    "  --color country|risk   diagram: fill by country (default) or by flow at risk\n"
    "  --max-nodes N          diagram: above N nodes (default 300, at most 3000) the\n"
    "                         tiers view is drawn as the countries view, and says so\n"
    "  --scenario FILE        diagram: the network under this scenario; comparison chart:\n"
    "                         a scenario to compare under (repeatable)\n"
    "  --plan FILE            diagram: the plan's network, what it adds highlighted;\n"
    "                         comparison chart: a plan to compare (repeatable)\n"
    "  --chart KIND           a chart instead of the diagram:\n"
    "                           concentration  country shares of each tier, with HHI\n"
    "                           origin         where one end user's supply comes from,\n"
    "                                          by tier (needs --end-user)\n"
    "                           comparison     served share of each plan under each\n"
    "                                          scenario (--plan, --scenario)\n"
    "  --end-user ID          the end user of the origin chart\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

/* The part of a path after the last '/', for captions. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Write a rendered chart or diagram to `output` in `fmt`. */
static int write_diagram(const char *dot, size_t len, ckp_figure_format fmt, const char *output)
{
    ckp_error err;
    ckp_figure *fig = NULL;
    ckp_error_init(&err);
    if (fmt == CKP_FIG_DOT) {
        if (ckp_write_file_atomic(output, dot, len, &err))
            return ckp_cli_fail(&err);
        return 0;
    }
    int rc = 0;
    if (ckp_figure_new(&fig, dot, len, CKP_FIG_MASK(fmt), &err) ||
        ckp_figure_write(fig, fmt, output, &err))
        rc = ckp_cli_fail(&err);
    ckp_figure_free(fig);
    return rc;
}

/* The comparison chart: the baseline and each plan under each scenario (ckp_compare). */
static int compare_chart(ckp_chart *ch, const ckp_network *net,
                                 const char *const *plan_paths, int nplans,
                                 const char *const *scen_paths, int nscen, const char *input_name)
{
    ckp_cli_whatif w;
    ckp_error err;
    ckp_error_init(&err);
    int rc = ckp_cli_whatif_run(&w, net, plan_paths, nplans, scen_paths, nscen, 5000);
    if (!rc && ckp_chart_comparison(ch, net, &w.cmp, input_name, &err))
        rc = ckp_cli_fail(&err);
    ckp_cli_whatif_destroy(&w);
    return rc;
}

typedef enum { CHART_NONE, CHART_CONCENTRATION, CHART_ORIGIN, CHART_COMPARISON } chart_kind;

int ckp_cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},   {"format", required_argument, NULL, 'f'},
        {"view", required_argument, NULL, 'v'},     {"color", required_argument, NULL, 'c'},
        {"max-nodes", required_argument, NULL, 'm'}, {"scenario", required_argument, NULL, 's'},
        {"plan", required_argument, NULL, 'p'},     {"chart", required_argument, NULL, 'C'},
        {"end-user", required_argument, NULL, 'u'}, CKP_CLI_NETOPTS, {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *format = NULL, *end_user = NULL;
    chart_kind chart = CHART_NONE;
    int rc = 0, c, nplans = 0, nscen = 0;
    ckp_render_options ropts;
    ckp_cli_netopts lopts;
    int taken;
    const char **plan_paths = calloc((size_t)argc + 1, sizeof *plan_paths);
    const char **scen_paths = calloc((size_t)argc + 1, sizeof *scen_paths);
    ckp_render_options_init(&ropts);
    ckp_cli_netopts_init(&lopts);
    if (!plan_paths || !scen_paths) {
        free(plan_paths);
        free(scen_paths);
        return CKP_EINTERNAL;
    }
    opterr = 0;
    optind = 1;
    while (!rc && (c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (ckp_cli_parse_output(&output, "render", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'f':
            if (ckp_figure_format_from_name(optarg) < 0)
                rc = ckp_cli_usage("render", "unknown format '%s': svg, png, pdf or dot", optarg);
            format = optarg;
            break;
        case 'v':
            if (!strcmp(optarg, "tiers"))
                ropts.view = CKP_VIEW_TIERS;
            else if (!strcmp(optarg, "countries"))
                ropts.view = CKP_VIEW_COUNTRIES;
            else
                rc = ckp_cli_usage("render", "unknown view '%s': tiers or countries", optarg);
            break;
        case 'c':
            if (ckp_cli_parse_color(&ropts.color, "render", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'm': {
            long long v;
            if (ckp_cli_parse_max_nodes(&v, "render", optarg))
                rc = CKP_EUSAGE;
            else
                ropts.max_nodes = (igraph_integer_t)v;
            break;
        }
        case 's':
            scen_paths[nscen++] = optarg;
            break;
        case 'p':
            plan_paths[nplans++] = optarg;
            break;
        case 'C':
            if (!strcmp(optarg, "concentration"))
                chart = CHART_CONCENTRATION;
            else if (!strcmp(optarg, "origin"))
                chart = CHART_ORIGIN;
            else if (!strcmp(optarg, "comparison"))
                chart = CHART_COMPARISON;
            else
                rc = ckp_cli_usage("render", "unknown chart '%s': concentration, origin or "
                                             "comparison",
                                   optarg);
            break;
        case 'u':
            end_user = optarg;
            break;
        default:
            if ((taken = ckp_cli_netopt(&lopts, "render", c, optarg)) != 0) {
                if (taken < 0)
                    rc = CKP_EUSAGE;
                break;
            }
            rc = ckp_cli_usage("render", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    int fmt = -1;
    if (!rc) {
        if (npaths == 0)
            rc = ckp_cli_usage("render", "no network given");
        else if (npos != npaths)
            rc = ckp_cli_usage("render", "unexpected argument '%s'", argv[optind + npaths]);
        else if (!output)
            rc = ckp_cli_usage("render", "no output given: -o FILE.svg, .png, .pdf or .dot");
    }
    if (!rc) {
        fmt = format ? ckp_figure_format_from_name(format) : ckp_figure_format_from_path(output);
        if (fmt < 0)
            rc = ckp_cli_usage("render", "cannot tell the format of '%s': end it in .svg, "
                                         ".png, .pdf or .dot, or give --format",
                               output);
        else if (chart != CHART_NONE && fmt == CKP_FIG_DOT)
            rc = ckp_cli_usage("render", "charts are drawn as svg, png or pdf, not dot");
        else if (chart == CHART_NONE && (nplans > 1 || nscen > 1))
            rc = ckp_cli_usage("render", "a diagram takes one --plan and one --scenario at "
                                         "most (the comparison chart takes several)");
        else if (chart == CHART_ORIGIN && !end_user)
            rc = ckp_cli_usage("render", "the origin chart needs --end-user ID");
        else if (chart != CHART_NONE && chart != CHART_COMPARISON && (nplans || nscen))
            rc = ckp_cli_usage("render", "--plan and --scenario apply to the diagram and the "
                                         "comparison chart only");
        else if (end_user && chart != CHART_ORIGIN)
            rc = ckp_cli_usage("render", "--end-user applies to the origin chart only");
    }
    ckp_network *net = NULL, *plan_net = NULL;
    ckp_scenario *scen = NULL;
    ckp_plan_info info;
    ckp_chart ch;
    ckp_error err;
    char *dot = NULL;
    size_t dot_len = 0;
    memset(&info, 0, sizeof info);
    ckp_chart_init(&ch);
    ckp_error_init(&err);
    if (rc)
        goto done;
    if ((rc = ckp_cli_load(&net, argv + optind, npaths, &lopts)))
        goto done;
    ropts.input_name = base_name(argv[optind]);

    if (chart == CHART_NONE) {
        const ckp_network *drawn = net;
        if (nplans) {
            if (ckp_plan_apply_file(&plan_net, &info, net, plan_paths[0], &err)) {
                rc = ckp_cli_fail(&err);
                goto done;
            }
            drawn = plan_net;
            ropts.baseline = net;
            ropts.plan_name = info.name;
        }
        if (nscen) {
            if (ckp_scenario_load(&scen, drawn, scen_paths[0], &err)) {
                rc = ckp_cli_fail(&err);
                goto done;
            }
            for (igraph_integer_t i = 0; i < scen->warnings.n; i++)
                fprintf(stderr, "chokepoint: warning: %s\n", scen->warnings.items[i]);
            ropts.scenario = scen;
        }
        ckp_render_info rinfo;
        if (ckp_render_dot(&dot, &dot_len, &rinfo, drawn, &ropts, &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
        if (rinfo.note[0])
            fprintf(stderr, "chokepoint: note: %s\n", rinfo.note);
        rc = write_diagram(dot, dot_len, (ckp_figure_format)fmt, output);
        goto done;
    }

    ckp_palette pal;
    if (ckp_palette_for_network(&pal, net, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    if (chart == CHART_CONCENTRATION) {
        if (ckp_chart_concentration(&ch, net, NULL, &pal, ropts.input_name, &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
    } else if (chart == CHART_ORIGIN) {
        igraph_integer_t v = ckp_network_find(net, end_user);
        if (v < 0) {
            ckp_error_set(&err, CKP_EDATA, "--end-user: no node '%s' in the network", end_user);
            rc = ckp_cli_fail(&err);
            goto done;
        }
        if (ckp_chart_origin(&ch, net, NULL, v, &pal, ropts.input_name, &err)) {
            if (err.code == CKP_EDATA)
                ckp_error_prefix(&err, "--end-user: ");
            rc = ckp_cli_fail(&err);
            goto done;
        }
    } else {
        rc = compare_chart(&ch, net, plan_paths, nplans, scen_paths, nscen,
                                   ropts.input_name);
        if (rc)
            goto done;
    }
    if (ckp_chart_write(&ch, (ckp_figure_format)fmt, output, &err))
        rc = ckp_cli_fail(&err);
done:
    free(dot);
    ckp_chart_destroy(&ch);
    ckp_plan_info_destroy(&info);
    ckp_scenario_free(scen);
    ckp_network_free(plan_net);
    ckp_network_free(net);
    free(plan_paths);
    free(scen_paths);
    return rc;
}

