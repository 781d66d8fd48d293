/* chokepoint scenario: the network before and after a shock, side by side. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/stress.h"
#include "chokepoint/whatif.h"
#include "cli.h"

const char ckp_scenario_usage[] =
    "usage: chokepoint scenario [OPTIONS] NETWORK [SCENARIO.json]\n"
    "\n"
    "Applies a disruption (a scenario file, command-line shocks, or both) and reports\n"
    "the baseline and the scenario side by side: demand, served, shortfall; what each\n"
    "end user can still receive at most; the three views of who goes short (immediate,\n"
    "rerouted through spare capacity, reallocated) per country, group and end user,\n"
    "with exact ranges; single points of failure that appear or disappear; the origin\n"
    "of each end user's supply after the shock.\n"
    "Scenario files: docs/scenarios.md. NETWORK may be NODES.csv EDGES.csv.\n"
    "\n"
    "options:\n"
    "  --remove NODE          take a node out (repeatable)\n"
    "  --remove-country CC    take every node of a country out (repeatable)\n"
    "  --embargo FROM:TO      cut every edge from FROM's nodes to TO's (CN:JP);\n"
    "                         TO '*' is every other country (repeatable)\n"
    "  --capacity NODE=F x    scale a node's capacity (mp_sep=0.5x) or set it\n"
    "                         (mp_sep=2000) (repeatable)\n"
    "  --duration DAYS        the shock lasts DAYS days (else the file's duration_days):\n"
    "                         adds demand lost and time to survive per end user,\n"
    "                         country and group, stocks drawn\n"
    "  --exact-limit N        end-user ranges for every end user up to N of them, above\n"
    "                         it for the N with the largest immediate losses (200)\n"
    "  --format text|json|xlsx output format (default text; xlsx: an Excel\n"
    "                         workbook with -o FILE.xlsx)\n"
    "  -o, --output FILE      write the output to FILE (whole or not at all)\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

typedef struct {
    int kind;
    const char *value;
} shock_arg;

/* The scenario file (or an empty scenario), then the command-line shocks in their order. */
static int build_scenario(ckp_scenario **out, const ckp_network *net, const char *path,
                          const shock_arg *shocks, int nshocks)
{
    ckp_error err;
    ckp_error_init(&err);
    if (path ? ckp_scenario_load(out, net, path, &err)
             : ckp_scenario_new(out, "command line", &err))
        return ckp_cli_fail(&err);
    for (int i = 0; i < nshocks; i++) {
        const char *v = shocks[i].value;
        ckp_code cr = shocks[i].kind == 'r'   ? ckp_scenario_add_node(*out, net, v, &err)
                      : shocks[i].kind == 'c' ? ckp_scenario_add_country(*out, net, v, &err)
                      : shocks[i].kind == 'e' ? ckp_scenario_add_embargo(*out, net, v, &err)
                                              : ckp_scenario_add_capacity(*out, net, v, &err);
        if (cr == CKP_EUSAGE)
            return ckp_cli_usage("scenario", "%s", err.message);
        if (cr) {
            ckp_error_prefix(&err, "%s: ", shocks[i].kind == 'r'   ? "--remove"
                                           : shocks[i].kind == 'c' ? "--remove-country"
                                           : shocks[i].kind == 'e' ? "--embargo"
                                                                   : "--capacity");
            return ckp_cli_fail(&err);
        }
    }
    return 0;
}

int ckp_cmd_scenario(int argc, char **argv)
{
    static const struct option longopts[] = {
        CKP_CLI_OPT_FORMAT,
        CKP_CLI_OPT_OUTPUT,
        {"remove", required_argument, NULL, 'r'},
        {"remove-country", required_argument, NULL, 'c'},
        {"embargo", required_argument, NULL, 'e'},
        {"capacity", required_argument, NULL, 'k'},
        {"duration", required_argument, NULL, 'd'},
        {"exact-limit", required_argument, NULL, 'x'},
        CKP_CLI_NETOPTS,
        {NULL, 0, NULL, 0},
    };
    int rc, c = -1, nshocks = 0;
    double duration = NAN;
    long long exact_limit = CKP_VIEWS_EXACT_LIMIT;
    shock_arg *shocks = calloc((size_t)argc, sizeof *shocks);
    char input[2048], command[4096]; /* the command as typed: getopt reorders argv */
    ckp_cli_command_line(command, sizeof command, "scenario", argc, argv);
    ckp_cli_opts o;
    ckp_network *net = NULL;
    ckp_scenario *s = NULL;
    ckp_scenario_report r;
    ckp_scenario_write_options wopts;
    ckp_time_report tr;
    ckp_error err;
    ckp_buf b;
    ckp_error_init(&err);
    ckp_buf_init(&b);
    memset(&r, 0, sizeof r);
    ckp_time_report_init(&tr);
    ckp_scenario_write_options_init(&wopts);
    rc = ckp_cli_opts_init(&o, "scenario",
                           1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON | CKP_CLI_XLSX, argc);
    if (rc || !shocks) {
        rc = CKP_EINTERNAL;
        goto done;
    }
    while ((c = ckp_cli_next(&o, argc, argv, longopts)) >= 0) {
        if (c == 'x') {
            if (ckp_cli_parse_count(&exact_limit, "scenario", "--exact-limit", optarg))
                c = -2;
        } else if (c != 'd') {
            shocks[nshocks++] = (shock_arg){c, optarg};
        } else if (ckp_cli_parse_duration(&duration, "scenario", optarg)) {
            c = -2;
        }
        if (c == -2)
            break;
    }
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    int nscen = npos - npaths;
    if (c < -1) {
        rc = CKP_EUSAGE;
        goto done;
    }
    if (npaths == 0 || nscen > 1 || (nscen == 0 && nshocks == 0)) {
        rc = ckp_cli_usage("scenario", npaths == 0 ? "no network given"
                                       : nscen > 1 ? "give one scenario file at most"
                                                   : "no shock given: a scenario file or "
                                                     "--remove, --remove-country, --embargo, "
                                                     "--capacity");
        goto done;
    }
    if ((rc = ckp_cli_load(&net, argv + optind, npaths, &o.net)))
        goto done;
    if ((rc = build_scenario(&s, net, nscen ? argv[optind + npaths] : NULL, shocks, nshocks)))
        goto done;
    ckp_views_options vopts;
    ckp_views_options_init(&vopts);
    vopts.exact_limit = (igraph_integer_t)exact_limit;
    if (ckp_scenario_run_views(&r, net, s, &vopts, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    ckp_cli_warn(&r.warnings);
    wopts.network_path = argv[optind];
    if (isnan(duration))
        duration = s->duration_days;
    if (!isnan(duration)) {
        if (ckp_time_scenario(&tr, net, s, duration, &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
        wopts.time = &tr;
    }
    ckp_cli_input_name(input, sizeof input, argv + optind, npaths);
    if ((o.format == CKP_CLI_FORMAT_XLSX
             ? ckp_scenario_write_xlsx(&b, net, s, &r, &wopts, input, command, &err)
             : ckp_scenario_write(&b, (ckp_format)o.format, net, s, &r, &wopts, &err)) ||
        ckp_buf_write(&b, o.output, &err))
        rc = ckp_cli_fail(&err);
done:
    free(shocks);
    ckp_cli_opts_destroy(&o);
    ckp_buf_destroy(&b);
    ckp_scenario_report_destroy(&r);
    ckp_time_report_destroy(&tr);
    ckp_scenario_free(s);
    ckp_network_free(net);
    return rc;
}
