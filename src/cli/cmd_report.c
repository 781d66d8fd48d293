/*
 * chokepoint report: a report pack in one directory. index.html opens
 * offline (every figure inline), every figure also as SVG, PNG and PDF, the
 * analysis as JSON and CSV, and a provenance note with the inputs' SHA-256
 * checksums, written by ckp_report_write (chokepoint/report.h). Here: the
 * options, the loading (the plans and scenarios compared once), the errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/report.h"
#include "cli.h"

const char ckp_report_usage[] =
    "usage: chokepoint report [OPTIONS] NETWORK [--plan P.json ...] [--scenario S.json ...]\n"
    "                         -o DIR\n"
    "\n"
    "Writes a report pack into DIR (created if missing; its files are replaced):\n"
    "  index.html        one self-contained page that opens offline: the summary\n"
    "                    (served against demand, the top single points of failure, the\n"
    "                    most concentrated tier), the network diagram, the concentration\n"
    "                    and origin charts, each scenario and plan, their comparison,\n"
    "                    and tables of the analysis\n"
    "  figures/          every figure as .svg, .png and .pdf (diagrams also as .dot)\n"
    "  data/             the analysis as JSON (as 'analyze --format json') and CSV;\n"
    "                    scenarios and the comparison as JSON (and CSV)\n"
    "  PROVENANCE.txt    inputs and outputs with their SHA-256, versions, the command\n"
    "Details: docs/render.md.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR       the report directory (its parent must exist)\n"
    "  --format text|json     json: every file written (path, bytes, SHA-256) on\n"
    "                         standard output (default text: one line on stderr)\n"
    "  --plan FILE            a diversification plan (repeatable)\n"
    "  --scenario FILE        a disruption scenario (repeatable)\n"
    "  --end-user ID          origin charts for this end user (repeatable; default:\n"
    "                         every end user, the 24 with the most demand above that)\n"
    "  --color country|risk   diagram fill (default country)\n"
    "  --max-nodes N          diagrams above N nodes (default 300, at most 3000) are\n"
    "                         drawn by country, and say so\n"
    "  --size PAGE, --font-size PT   every figure for print, as for render\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

typedef struct {
    ckp_cli_opts o; /* -o is the directory */
    char **paths;   /* the network's files */
    int npaths;
    long long max_nodes;
    ckp_render_color color;
    double print[3]; /* --size, --font-size */
} report_args;

static void note(void *ctx, const char *figure, const char *text)
{
    (void)ctx;
    fprintf(stderr, "chokepoint: note: %s: %s\n", figure, text);
}

/* Parse the command line into `ra`, its options ready. */
static int parse_args(report_args *ra, int argc, char **argv)
{
    static const struct option longopts[] = {
        CKP_CLI_OPT_OUTPUT,   CKP_CLI_OPT_PLAN,
        CKP_CLI_OPT_SCENARIO, CKP_CLI_OPT_END_USER,
        {"color", required_argument, NULL, 'c'},     {"max-nodes", required_argument, NULL, 'm'},
        CKP_CLI_OPT_PRINT,    CKP_CLI_NETOPTS,
        CKP_CLI_OPT_FORMAT,   {NULL, 0, NULL, 0},
    };
    int rc = 0, c = -1;
    while (!rc && (c = ckp_cli_next(&ra->o, argc, argv, longopts)) >= 0) {
        if (c == 'c'   ? ckp_cli_parse_color(&ra->color, "report", optarg)
            : c == 'm' ? ckp_cli_parse_max_nodes(&ra->max_nodes, "report", optarg)
                       : ckp_cli_parse_print(&ra->print[0], &ra->print[1], &ra->print[2], c,
                                             "report", optarg))
            rc = CKP_EUSAGE;
    }
    if (rc || c < -1)
        return CKP_EUSAGE;
    int npos = argc - optind;
    ra->paths = argv + optind;
    ra->npaths = ckp_cli_network_paths(ra->paths, npos);
    if (ra->npaths == 0)
        return ckp_cli_usage("report", "no network given");
    if (npos != ra->npaths)
        return ckp_cli_usage("report", "unexpected argument '%s': plans and scenarios go "
                                       "after --plan and --scenario",
                             ra->paths[ra->npaths]);
    if (!ra->o.output)
        return ckp_cli_usage("report", "no output directory given: -o DIR");
    for (int i = 0; i < ra->npaths; i++)
        if (!strcmp(ra->paths[i], "-"))
            return ckp_cli_usage("report", "the report needs the network as a file, not "
                                           "standard input: its checksum goes into the "
                                           "provenance note");
    return 0;
}

/* The plans and scenarios, loaded and compared once; the warnings printed. */
static int load_study(ckp_study **out, const ckp_network *net, const report_args *ra)
{
    ckp_error err;
    ckp_error_init(&err);
    *out = NULL;
    const ckp_cli_opts *o = &ra->o;
    if (!o->n_plans && !o->n_scenarios)
        return 0;
    if (ckp_study_new(out, net, o->plans, o->n_plans, o->scenarios, o->n_scenarios,
                      o->exact_limit, &err))
        return ckp_cli_fail(&err);
    /* the scenarios' own warnings are among the comparison's, once each */
    ckp_cli_warn(&ckp_study_comparison(*out)->warnings);
    return 0;
}

int ckp_cmd_report(int argc, char **argv)
{
    report_args ra;
    /* the command as typed, for the provenance note: getopt reorders argv */
    char **typed = calloc((size_t)argc + 1, sizeof *typed);
    ckp_network *net = NULL;
    ckp_study *study = NULL;
    ckp_analysis a;
    ckp_analysis_options aopts; /* analyze's defaults: data/analysis.json records them */
    ckp_report_options ro;
    ckp_error err;
    ckp_buf files; /* --format json: what was written */
    size_t n_files = 0;
    int rc = 0;
    memset(&ra, 0, sizeof ra);
    ckp_buf_init(&files);
    ckp_analysis_init(&a);
    ckp_analysis_options_init(&aopts);
    ckp_error_init(&err);
    ra.max_nodes = CKP_RENDER_MAX_NODES;
    ra.color = CKP_COLOR_BY_COUNTRY;
    if (ckp_cli_opts_init(&ra.o, "report", 1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON, argc) ||
        !typed) {
        rc = CKP_EINTERNAL;
        goto done;
    }
    memcpy(typed, argv, (size_t)argc * sizeof *typed);
    if ((rc = parse_args(&ra, argc, argv)) ||
        (rc = ckp_cli_load(&net, ra.paths, ra.npaths, &ra.o.net)) ||
        (rc = load_study(&study, net, &ra)))
        goto done;
    ckp_report_options_init(&ro);
    ro.max_nodes = (igraph_integer_t)ra.max_nodes;
    ro.color = ra.color;
    ro.page_width = ra.print[0];
    ro.page_height = ra.print[1];
    ro.font_size = ra.print[2];
    ro.end_users = ra.o.end_users;
    ro.n_end_users = (size_t)ra.o.n_end_users;
    ro.network_paths = (const char *const *)ra.paths;
    ro.n_network_paths = (size_t)ra.npaths;
    ro.plan_paths = ra.o.plans;
    ro.scenario_paths = ra.o.scenarios;
    ro.argv = (const char *const *)typed;
    ro.argc = argc;
    ro.analysis_options = &aopts;
    ro.note = note;
    ro.files_json = ra.o.format == CKP_FORMAT_JSON ? &files : NULL;
    if (ckp_analyze(&a, net, &aopts, &err) ||
        ckp_report_write(&n_files, ra.o.output, net, &a, study, &ro, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    if (ro.files_json)
        rc = ckp_cli_emit(&files, NULL);
    else
        fprintf(stderr, "chokepoint: report written to %s/index.html (%zu files)\n",
                ra.o.output, n_files);
done:
    ckp_buf_destroy(&files);
    ckp_analysis_destroy(&a);
    ckp_study_free(study);
    ckp_network_free(net);
    ckp_cli_opts_destroy(&ra.o);
    free(typed);
    return rc;
}
