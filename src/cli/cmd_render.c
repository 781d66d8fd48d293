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
    "  --format json          the figure as FILE's extension says, and on standard output\n"
    "                         what was written: path, bytes, SHA-256\n"
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
    "                           time           share of demand met over the scenario's\n"
    "                                          duration_days, stocks drawn (--scenario)\n"
    "                           stocks         the largest stocks left over the\n"
    "                                          scenario's duration_days (--scenario)\n"
    "                           stress[:G]     TTS (of every end user, or of G: a\n"
    "                                          country or group) against TTR of the\n"
    "                                          stress ranking's 20 largest losses\n"
    "  --end-user ID          the end user of the origin chart\n"
    "  --size PAGE            a3|a4|a5|letter|WxH (mm, in, pt): fill the page, no text < 6pt\n"
    "  --font-size PT         the body text in points (default 11), others in proportion\n"
    "  --focus ID|COUNTRY     diagram: only the supply paths of an end user or a country's\n"
    "  --min-share P          diagram: fold flows under P% of a node's outflow into 'other'\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

/* The part of a path after the last '/', for captions. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* One of render's own options into the request; usage errors print and return 2. */
static int parse_option(ckp_render_request *req, int c, const char *arg)
{
    switch (c) {
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
    case 'y':
        req->options.focus = arg;
        return 0;
    case 'M': {
        char *end;
        double p = req->options.min_share = strtod(arg, &end);
        if (end == arg || *end || !(p > 0 && p < 100))
            return ckp_cli_usage("render", "--min-share '%s': a percentage over 0, under 100", arg);
        return 0;
    }
    case 'Z':
    case 'F':
        return ckp_cli_parse_print(&req->options.page_width, &req->options.page_height,
                                   &req->options.font_size, c, "render", arg) ? CKP_EUSAGE : 0;
    default: /* 'C'; stress:G names the group whose TTS the stress chart draws */
        req->kind = !strcmp(arg, "concentration") ? CKP_FIGURE_CONCENTRATION
                    : !strcmp(arg, "origin")      ? CKP_FIGURE_ORIGIN
                    : !strcmp(arg, "comparison")  ? CKP_FIGURE_COMPARISON
                    : !strcmp(arg, "views")       ? CKP_FIGURE_VIEWS
                    : !strcmp(arg, "time")        ? CKP_FIGURE_TIME
                    : !strcmp(arg, "stocks")      ? CKP_FIGURE_STOCKS
                    : !strcmp(arg, "stress") || !strncmp(arg, "stress:", 7) ? CKP_FIGURE_STRESS
                                                  : CKP_FIGURE_DIAGRAM;
        req->group = !strncmp(arg, "stress:", 7) ? arg + 7 : NULL;
        if (req->kind == CKP_FIGURE_DIAGRAM)
            return ckp_cli_usage("render", "unknown chart '%s': concentration, origin, "
                                           "comparison, views, time, stocks or stress[:G]",
                                 arg);
        return 0;
    }
}

/* The figure, written (the comparison chart compares first); warnings and notes printed. */
static int render(const ckp_network *net, const ckp_render_request *req, const char *output)
{
    ckp_render_result res;
    ckp_error err;
    int rc = 0;
    ckp_error_init(&err);
    ckp_render_result_init(&res);
    if (ckp_render_write(output, &res, net, req, &err)) {
        /* the library does not know its caller's options: name ours */
        if (req->kind == CKP_FIGURE_ORIGIN && err.code == CKP_EDATA)
            ckp_error_prefix(&err, "--end-user: ");
        rc = err.code ? (int)err.code : CKP_EINTERNAL;
    }
    ckp_cli_warn(&res.warnings);
    if (res.info.note[0])
        fprintf(stderr, "chokepoint: note: %s\n", res.info.note);
    if (rc)
        ckp_cli_fail(&err);
    ckp_render_result_destroy(&res);
    return rc;
}

int ckp_cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        CKP_CLI_OPT_OUTPUT,    CKP_CLI_OPT_FORMAT,
        {"view", required_argument, NULL, 'v'},     {"color", required_argument, NULL, 'c'},
        {"max-nodes", required_argument, NULL, 'm'}, CKP_CLI_OPT_SCENARIO,
        CKP_CLI_OPT_PLAN,      {"chart", required_argument, NULL, 'C'},
        CKP_CLI_OPT_END_USER,  CKP_CLI_OPT_PRINT,   CKP_CLI_NETOPTS,
        {"focus", required_argument, NULL, 'y'},     {"min-share", required_argument, NULL, 'M'},
        {NULL, 0, NULL, 0},
    };
    int rc, c = -1;
    ckp_render_request req;
    ckp_cli_opts o;
    ckp_network *net = NULL;
    ckp_error err;
    ckp_buf b;
    ckp_render_request_init(&req);
    ckp_error_init(&err);
    if ((rc = ckp_cli_opts_init(&o, "render", CKP_CLI_FIGURE_FORMATS, argc)))
        goto done;
    while (!rc && (c = ckp_cli_next(&o, argc, argv, longopts)) >= 0)
        rc = parse_option(&req, c, optarg);
    if (c < -1)
        rc = CKP_EUSAGE;
    req.format = o.format;
    req.plan_paths = o.plans;
    req.n_plans = o.n_plans;
    req.scenario_paths = o.scenarios;
    req.n_scenarios = o.n_scenarios;
    req.end_user = o.n_end_users ? o.end_users[o.n_end_users - 1] : NULL;
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    if (!rc) {
        if (npaths == 0)
            rc = ckp_cli_usage("render", "no network given");
        else if (npos != npaths)
            rc = ckp_cli_usage("render", "unexpected argument '%s'", argv[optind + npaths]);
        else if (!o.output)
            rc = ckp_cli_usage("render", "no output given: -o FILE.svg, .png, .pdf or .dot");
        else if (o.describe && !strcmp(o.output, "-"))
            rc = ckp_cli_usage("render", "--format json writes its JSON to standard output: "
                                         "the figure needs a file, -o FILE.svg");
        else if (ckp_render_request_check(&req, o.output, &err))
            rc = ckp_cli_usage("render", "%s", err.message);
    }
    if (rc || (rc = ckp_cli_load(&net, argv + optind, npaths, &o.net)))
        goto done;
    req.options.input_name = base_name(argv[optind]);
    if (!(rc = render(net, &req, o.output)) && o.describe) {
        ckp_buf_init(&b);
        rc = ckp_files_write_json(&b, "render", NULL, &o.output, 1, &err)
                 ? ckp_cli_fail(&err)
                 : ckp_cli_emit(&b, NULL);
        ckp_buf_destroy(&b);
    }
done:
    ckp_network_free(net);
    ckp_cli_opts_destroy(&o);
    return rc;
}
