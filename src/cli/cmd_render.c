/* chokepoint render: diagrams of a network and charts of its concentration, as figures. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/render.h"
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
    "                         a scenario to compare under (repeatable); views chart: its\n"
    "                         scenario\n"
    "  --plan FILE            diagram: the plan's network, what it adds highlighted;\n"
    "                         comparison chart: a plan to compare (repeatable)\n"
    "  --chart KIND           a chart instead of the diagram:\n"
    "                           concentration  country shares of each tier, with HHI\n"
    "                           origin         where one end user's supply comes from,\n"
    "                                          by tier (needs --end-user)\n"
    "                           comparison     served share of each plan under each\n"
    "                                          scenario (--plan, --scenario)\n"
    "                           views          each country's immediate, rerouted and\n"
    "                                          reallocated served share, with ranges,\n"
    "                                          under one scenario (--scenario)\n"
    "  --end-user ID          the end user of the origin chart\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

/* The part of a path after the last '/', for captions. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* One option's value into the request (-o into `output`); usage errors print and return 2. */
static int parse_option(ckp_render_request *req, const char **output, int c, const char *arg)
{
    switch (c) {
    case 'o':
        return ckp_cli_parse_output(output, "render", arg) ? CKP_EUSAGE : 0;
    case 'f':
        if ((req->format = ckp_figure_format_from_name(arg)) < 0)
            return ckp_cli_usage("render", "unknown format '%s': svg, png, pdf or dot", arg);
        return 0;
    case 'v':
        if (!strcmp(arg, "tiers"))
            req->options.view = CKP_VIEW_TIERS;
        else if (!strcmp(arg, "countries"))
            req->options.view = CKP_VIEW_COUNTRIES;
        else
            return ckp_cli_usage("render", "unknown view '%s': tiers or countries", arg);
        return 0;
    case 'c':
        return ckp_cli_parse_color(&req->options.color, "render", arg) ? CKP_EUSAGE : 0;
    case 'm': {
        long long v;
        if (ckp_cli_parse_max_nodes(&v, "render", arg))
            return CKP_EUSAGE;
        req->options.max_nodes = (igraph_integer_t)v;
        return 0;
    }
    case 'C':
        if (!strcmp(arg, "concentration"))
            req->kind = CKP_FIGURE_CONCENTRATION;
        else if (!strcmp(arg, "origin"))
            req->kind = CKP_FIGURE_ORIGIN;
        else if (!strcmp(arg, "comparison"))
            req->kind = CKP_FIGURE_COMPARISON;
        else if (!strcmp(arg, "views"))
            req->kind = CKP_FIGURE_VIEWS;
        else
            return ckp_cli_usage("render", "unknown chart '%s': concentration, origin, "
                                           "comparison or views",
                                 arg);
        return 0;
    default: /* 'u' */
        req->end_user = arg;
        return 0;
    }
}

/* The figure, written; warnings and notes printed. The comparison chart compares first. */
static int render(const ckp_network *net, ckp_render_request *req, const char *output)
{
    ckp_render_result res;
    ckp_cli_whatif w;
    ckp_error err;
    int rc = 0;
    int compare = req->kind == CKP_FIGURE_COMPARISON;
    ckp_error_init(&err);
    ckp_render_result_init(&res);
    if (compare) {
        /* the plans and scenarios are loaded and compared here, for now */
        if ((rc = ckp_cli_whatif_run(&w, net, req->plan_paths, req->n_plans,
                                     req->scenario_paths, req->n_scenarios, 5000)))
            goto done;
        req->comparison = &w.cmp;
    }
    if (ckp_render_write(output, &res, net, req, &err)) {
        /* the library does not know its caller's options: name ours */
        if (req->kind == CKP_FIGURE_ORIGIN && err.code == CKP_EDATA)
            ckp_error_prefix(&err, "--end-user: ");
        rc = err.code ? (int)err.code : CKP_EINTERNAL;
    }
    for (igraph_integer_t i = 0; i < res.warnings.n; i++)
        fprintf(stderr, "chokepoint: warning: %s\n", res.warnings.items[i]);
    if (res.info.note[0])
        fprintf(stderr, "chokepoint: note: %s\n", res.info.note);
    if (rc)
        ckp_cli_fail(&err);
done:
    if (compare)
        ckp_cli_whatif_destroy(&w);
    ckp_render_result_destroy(&res);
    return rc;
}

int ckp_cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},   {"format", required_argument, NULL, 'f'},
        {"view", required_argument, NULL, 'v'},     {"color", required_argument, NULL, 'c'},
        {"max-nodes", required_argument, NULL, 'm'}, {"scenario", required_argument, NULL, 's'},
        {"plan", required_argument, NULL, 'p'},     {"chart", required_argument, NULL, 'C'},
        {"end-user", required_argument, NULL, 'u'}, CKP_CLI_NETOPTS, {NULL, 0, NULL, 0},
    };
    const char *output = NULL;
    int rc = 0, c, nplans = 0, nscen = 0;
    ckp_render_request req;
    ckp_cli_netopts lopts;
    int taken;
    ckp_network *net = NULL;
    ckp_error err;
    const char **plan_paths = calloc((size_t)argc + 1, sizeof *plan_paths);
    const char **scen_paths = calloc((size_t)argc + 1, sizeof *scen_paths);
    ckp_render_request_init(&req);
    ckp_cli_netopts_init(&lopts);
    ckp_error_init(&err);
    if (!plan_paths || !scen_paths) {
        rc = CKP_EINTERNAL;
        goto done;
    }
    opterr = 0;
    optind = 1;
    while (!rc && (c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        if (c == 's')
            scen_paths[nscen++] = optarg;
        else if (c == 'p')
            plan_paths[nplans++] = optarg;
        else if ((taken = ckp_cli_netopt(&lopts, "render", c, optarg)) != 0)
            rc = taken < 0 ? CKP_EUSAGE : 0;
        else if (c == '?' || c == ':')
            rc = ckp_cli_usage("render", "unknown or incomplete option '%s'", argv[optind - 1]);
        else
            rc = parse_option(&req, &output, c, optarg);
    }
    req.plan_paths = plan_paths;
    req.n_plans = nplans;
    req.scenario_paths = scen_paths;
    req.n_scenarios = nscen;
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    if (!rc) {
        if (npaths == 0)
            rc = ckp_cli_usage("render", "no network given");
        else if (npos != npaths)
            rc = ckp_cli_usage("render", "unexpected argument '%s'", argv[optind + npaths]);
        else if (!output)
            rc = ckp_cli_usage("render", "no output given: -o FILE.svg, .png, .pdf or .dot");
        else if (ckp_render_request_check(&req, output, &err))
            rc = ckp_cli_usage("render", "%s", err.message);
    }
    if (rc || (rc = ckp_cli_load(&net, argv + optind, npaths, &lopts)))
        goto done;
    req.options.input_name = base_name(argv[optind]);
    rc = render(net, &req, output);
done:
    ckp_network_free(net);
    free(plan_paths);
    free(scen_paths);
    return rc;
}
