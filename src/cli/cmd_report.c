/*
 * chokepoint report: a report pack in one directory. index.html opens
 * offline (every figure inline), every figure also as SVG, PNG and PDF, the
 * analysis as JSON and CSV, and a provenance note with the inputs' SHA-256
 * checksums, written by ckp_report_write (chokepoint/report.h). Here: the
 * options, the loading, and the data files the library has no writer for yet.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/plan.h"
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
    "  --plan FILE            a diversification plan (repeatable)\n"
    "  --scenario FILE        a disruption scenario (repeatable)\n"
    "  --end-user ID          origin charts for this end user (repeatable; default:\n"
    "                         every end user, the 24 with the most demand above that)\n"
    "  --color country|risk   diagram fill (default country)\n"
    "  --max-nodes N          diagrams above N nodes (default 300, at most 3000) are\n"
    "                         drawn by country, and say so\n"
    "  --tiers LIST, --name NAME   CSV input, as for check\n";

typedef struct {
    int argc;
    char **argv;
    int n_inputs;                 /* network paths, plan paths, scenario paths, in that order */
    const char **inputs;
    int npaths, nplans, nscen;
    const char **user_ids;
    int nusers;
    const char *dir;
    long long max_nodes;
    ckp_render_color color;
    ckp_load_options lopts;
} report_args;

typedef struct {
    const report_args *ra;
    const ckp_network *net;
    const ckp_analysis *a;
    const ckp_analysis_options *aopts;
    int printed; /* a callback printed its error already */
} report_ctx;

static void note(void *ctx, const char *figure, const char *text)
{
    (void)ctx;
    fprintf(stderr, "chokepoint: note: %s: %s\n", figure, text);
}

/* A callback's failure: printed by the command it ran; the library passes the code on. */
static ckp_code callback_rc(report_ctx *rc_ctx, int rc, ckp_error *err)
{
    if (!rc)
        return CKP_OK;
    rc_ctx->printed = 1;
    ckp_error_set(err, (ckp_code)rc, "data file not written");
    return (ckp_code)rc;
}

static ckp_code write_analysis(void *ctx, const char *path, ckp_error *err)
{
    report_ctx *c = ctx;
    return callback_rc(c, ckp_cli_analysis_json(path, c->net, c->a, c->aopts), err);
}

/* Run another command's JSON or CSV writer into the pack, so both outputs stay one format. */
static int run_command(int (*cmd)(int, char **), const char *path, const char **args, int nargs)
{
    const char **argv = calloc((size_t)nargs + 4, sizeof *argv);
    if (!argv)
        return CKP_EINTERNAL;
    /*
     * glibc's getopt keeps state between scans and reinitialises only when optind is 0;
     * the commands set it to 1. A scan of an empty argument list with optind 0 resets it.
     */
    char *none[] = {(char *)args[0], NULL};
    optind = 0;
    getopt(1, none, "");
    optind = 1;
    argv[0] = args[0];
    argv[1] = "-o";
    argv[2] = path;
    for (int i = 1; i < nargs; i++)
        argv[i + 2] = args[i];
    int rc = cmd(nargs + 2, (char **)argv);
    free(argv);
    return rc;
}

/* The scenario or the comparison as `chokepoint scenario` or `compare` writes it. */
static ckp_code write_data(void *ctx, const char *path, ckp_report_data what, int index,
                           ckp_error *err)
{
    report_ctx *c = ctx;
    const report_args *ra = c->ra;
    const char **args = calloc((size_t)(8 + ra->n_inputs * 2), sizeof *args);
    int na = 0, rc;
    if (!args)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    args[na++] = what == CKP_REPORT_DATA_SCENARIO ? "scenario" : "compare";
    args[na++] = "--format";
    args[na++] = what == CKP_REPORT_DATA_COMPARISON_CSV ? "csv" : "json";
    for (int i = 0; i < ra->npaths; i++)
        args[na++] = ra->inputs[i];
    if (ra->lopts.tiers) {
        args[na++] = "--tiers";
        args[na++] = ra->lopts.tiers;
    }
    if (ra->lopts.name) {
        args[na++] = "--name";
        args[na++] = ra->lopts.name;
    }
    if (what == CKP_REPORT_DATA_SCENARIO) {
        args[na++] = ra->inputs[ra->npaths + ra->nplans + index];
        rc = run_command(ckp_cmd_scenario, path, args, na);
    } else {
        for (int i = ra->npaths; i < ra->n_inputs; i++) {
            args[na++] = i < ra->npaths + ra->nplans ? "--plan" : "--scenario";
            args[na++] = ra->inputs[i];
        }
        rc = run_command(ckp_cmd_compare, path, args, na);
    }
    free(args);
    return callback_rc(c, rc, err);
}

/* Parse the command line into `ra`; the inputs list has room for every argument. */
static int parse_args(report_args *ra, int argc, char **argv, const char **plans,
                      const char **scens)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},    {"plan", required_argument, NULL, 'p'},
        {"scenario", required_argument, NULL, 's'},  {"end-user", required_argument, NULL, 'u'},
        {"color", required_argument, NULL, 'c'},     {"max-nodes", required_argument, NULL, 'm'},
        {"tiers", required_argument, NULL, 't'},     {"name", required_argument, NULL, 'n'},
        {NULL, 0, NULL, 0},
    };
    int rc = 0, c;
    opterr = 0;
    optind = 1;
    while (!rc && (c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (ckp_cli_parse_output(&ra->dir, "report", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'p':
            plans[ra->nplans++] = optarg;
            break;
        case 's':
            scens[ra->nscen++] = optarg;
            break;
        case 'u':
            ra->user_ids[ra->nusers++] = optarg;
            break;
        case 'c':
            if (ckp_cli_parse_color(&ra->color, "report", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'm':
            if (ckp_cli_parse_max_nodes(&ra->max_nodes, "report", optarg))
                rc = CKP_EUSAGE;
            break;
        case 't':
            ra->lopts.tiers = optarg;
            break;
        case 'n':
            ra->lopts.name = optarg;
            break;
        default:
            rc = ckp_cli_usage("report", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (rc)
        return rc;
    char **paths = argv + optind;
    int npos = argc - optind;
    ra->npaths = ckp_cli_network_paths(paths, npos);
    if (ra->npaths == 0)
        return ckp_cli_usage("report", "no network given");
    if (npos != ra->npaths)
        return ckp_cli_usage("report", "unexpected argument '%s': plans and scenarios go "
                                       "after --plan and --scenario",
                             paths[ra->npaths]);
    if (!ra->dir)
        return ckp_cli_usage("report", "no output directory given: -o DIR");
    for (int i = 0; i < ra->npaths; i++)
        if (!strcmp(paths[i], "-"))
            return ckp_cli_usage("report", "the report needs the network as a file, not "
                                           "standard input: its checksum goes into the "
                                           "provenance note");
    /* the inputs in provenance order: network files, plans, scenarios */
    ra->n_inputs = 0;
    for (int i = 0; i < ra->npaths; i++)
        ra->inputs[ra->n_inputs++] = paths[i];
    for (int i = 0; i < ra->nplans; i++)
        ra->inputs[ra->n_inputs++] = plans[i];
    for (int i = 0; i < ra->nscen; i++)
        ra->inputs[ra->n_inputs++] = scens[i];
    return 0;
}

/* The plans and scenarios, loaded against the network, and their comparison. */
typedef struct {
    ckp_network **nets;
    ckp_plan_info *info;
    ckp_scenario **scens;
    int nplans, nscen; /* loaded so far */
    ckp_comparison cmp;
} loaded_whatif;

static int load_whatif(loaded_whatif *lw, ckp_report_whatif *w, const ckp_network *net,
                       const report_args *ra)
{
    ckp_error err;
    ckp_error_init(&err);
    memset(lw, 0, sizeof *lw);
    memset(w, 0, sizeof *w);
    lw->nets = calloc((size_t)ra->nplans + 1, sizeof *lw->nets);
    lw->info = calloc((size_t)ra->nplans + 1, sizeof *lw->info);
    lw->scens = calloc((size_t)ra->nscen + 1, sizeof *lw->scens);
    if (!lw->nets || !lw->info || !lw->scens) {
        ckp_error_set(&err, CKP_EINTERNAL, "out of memory");
        return ckp_cli_fail(&err);
    }
    const char **plan_paths = ra->inputs + ra->npaths, **scen_paths = plan_paths + ra->nplans;
    lw->nets[0] = (ckp_network *)net; /* borrowed */
    for (int p = 0; p < ra->nplans; p++) {
        if (ckp_plan_apply_file(&lw->nets[p + 1], &lw->info[p], net, plan_paths[p], &err))
            return ckp_cli_fail(&err);
        lw->nplans = p + 1;
    }
    for (int s = 0; s < ra->nscen; s++) {
        if (ckp_scenario_load(&lw->scens[s], net, scen_paths[s], &err))
            return ckp_cli_fail(&err);
        lw->nscen = s + 1;
        for (igraph_integer_t i = 0; i < lw->scens[s]->warnings.n; i++)
            fprintf(stderr, "chokepoint: warning: %s\n", lw->scens[s]->warnings.items[i]);
    }
    *w = (ckp_report_whatif){ra->nplans, plan_paths, (const ckp_network *const *)lw->nets + 1,
                             lw->info, ra->nscen, scen_paths,
                             (const ckp_scenario *const *)lw->scens, NULL};
    return 0;
}

/* Compare the baseline and the plans under the scenarios (after the analysis, as before). */
static int compare_whatif(loaded_whatif *lw, ckp_report_whatif *w)
{
    ckp_error err;
    const char **names = calloc((size_t)lw->nplans + 1, sizeof *names);
    ckp_error_init(&err);
    if (!lw->nplans && !lw->nscen) {
        free(names);
        return 0;
    }
    if (!names) {
        ckp_error_set(&err, CKP_EINTERNAL, "out of memory");
        return ckp_cli_fail(&err);
    }
    names[0] = "baseline";
    for (int p = 0; p < lw->nplans; p++)
        names[p + 1] = lw->info[p].name;
    ckp_code rc = ckp_compare(&lw->cmp, (const ckp_network *const *)lw->nets, names,
                              lw->nplans + 1, (const ckp_scenario *const *)lw->scens, lw->nscen,
                              5000, &err);
    free(names);
    if (rc)
        return ckp_cli_fail(&err);
    w->comparison = &lw->cmp;
    return 0;
}

static void loaded_whatif_destroy(loaded_whatif *lw)
{
    ckp_comparison_destroy(&lw->cmp);
    for (int p = 0; p < lw->nplans; p++) {
        ckp_network_free(lw->nets[p + 1]);
        ckp_plan_info_destroy(&lw->info[p]);
    }
    for (int s = 0; s < lw->nscen; s++)
        ckp_scenario_free(lw->scens[s]);
    free(lw->nets);
    free(lw->info);
    free(lw->scens);
}

int ckp_cmd_report(int argc, char **argv)
{
    report_args ra;
    /* the command as typed, for the provenance note: getopt reorders argv */
    char **typed = calloc((size_t)argc + 1, sizeof *typed);
    const char **plans = calloc((size_t)argc + 1, sizeof *plans);
    const char **scens = calloc((size_t)argc + 1, sizeof *scens);
    ckp_network *net = NULL;
    ckp_analysis a;
    ckp_analysis_options aopts; /* analyze's defaults: data/analysis.json records them */
    loaded_whatif lw;
    ckp_report_whatif w;
    ckp_report_options ro;
    ckp_error err;
    size_t n_files = 0;
    int rc = 0;
    memset(&ra, 0, sizeof ra);
    memset(&lw, 0, sizeof lw);
    ckp_analysis_init(&a);
    ckp_analysis_options_init(&aopts);
    ckp_error_init(&err);
    ckp_load_options_init(&ra.lopts);
    ra.max_nodes = CKP_RENDER_MAX_NODES;
    ra.color = CKP_COLOR_BY_COUNTRY;
    ra.user_ids = calloc((size_t)argc + 1, sizeof *ra.user_ids);
    ra.inputs = calloc((size_t)argc + 1, sizeof *ra.inputs);
    if (!typed || !plans || !scens || !ra.user_ids || !ra.inputs) {
        rc = CKP_EINTERNAL;
        goto done;
    }
    memcpy(typed, argv, (size_t)argc * sizeof *typed);
    if ((rc = parse_args(&ra, argc, argv, plans, scens)) ||
        (rc = ckp_cli_load(&net, (char **)ra.inputs, ra.npaths, &ra.lopts)) ||
        (rc = load_whatif(&lw, &w, net, &ra)))
        goto done;
    if (ckp_analyze(&a, net, &aopts, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    if ((rc = compare_whatif(&lw, &w)))
        goto done;
    report_ctx ctx = {&ra, net, &a, &aopts, 0};
    ckp_report_options_init(&ro);
    ro.max_nodes = (igraph_integer_t)ra.max_nodes;
    ro.color = ra.color;
    ro.end_users = ra.user_ids;
    ro.n_end_users = (size_t)ra.nusers;
    ro.inputs = ra.inputs;
    ro.n_inputs = (size_t)ra.n_inputs;
    ro.argv = (const char *const *)typed;
    ro.argc = argc;
    ro.analysis_options = &aopts;
    ro.note = note;
    ro.write_analysis = write_analysis;
    ro.write_data = write_data;
    ro.ctx = &ctx;
    if (ckp_report_write(&n_files, ra.dir, net, &a, &w, &ro, &err)) {
        rc = ctx.printed ? (int)err.code : ckp_cli_fail(&err);
        goto done;
    }
    fprintf(stderr, "chokepoint: report written to %s/index.html (%zu files)\n", ra.dir, n_files);
done:
    loaded_whatif_destroy(&lw);
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
    free(ra.user_ids);
    free(ra.inputs);
    free(typed);
    free(plans);
    free(scens);
    return rc;
}
