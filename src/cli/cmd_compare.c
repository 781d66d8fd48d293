/* chokepoint compare: the baseline and each plan, under each scenario, side by side. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/stress.h"
#include "chokepoint/whatif.h"
#include "cli.h"

const char ckp_compare_usage[] =
    "usage: chokepoint compare [OPTIONS] NETWORK --plan P.json ... [--scenario S.json ...]\n"
    "\n"
    "Evaluates the baseline network and each diversification plan, each under each\n"
    "scenario: served and shortfall, single points of failure, worst end-user\n"
    "redundancy, HHI per tier, and each end user's heaviest single-country\n"
    "dependence. Names the best plan under each scenario and the plan that is best\n"
    "in the worst case (the highest lowest served share). Served under each scenario\n"
    "comes in three views: immediate (nobody adapts), rerouted (spare capacity only),\n"
    "reallocated (best allocation). Files: docs/scenarios.md.\n"
    "\n"
    "options:\n"
    "  --plan FILE            a plan (repeatable; none: the baseline alone)\n"
    "  --scenario FILE        a scenario (repeatable)\n"
    "  --view VIEW            immediate, rerouted or reallocated (repeatable; default:\n"
    "                         all three in JSON, immediate and reallocated in text)\n"
    "  --format text|json|csv|xlsx output format (default text; xlsx: an Excel\n"
    "                         workbook with -o FILE.xlsx)\n"
    "  -o, --output FILE      write the output to FILE (whole or not at all)\n"
    "  --exact-limit N        exact redundancy up to N nodes (5000)\n"
    "  --duration DAYS        instead: plans ranked by demand lost over DAYS days of\n"
    "                         each scenario, stocks drawn (text, json, csv)\n"
    "  --group G              with --duration: a country code or group name's losses\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

int ckp_cmd_compare(int argc, char **argv)
{
    static const struct option longopts[] = {
        CKP_CLI_OPT_FORMAT,      CKP_CLI_OPT_OUTPUT, CKP_CLI_OPT_PLAN, CKP_CLI_OPT_SCENARIO,
        CKP_CLI_OPT_EXACT_LIMIT, {"view", required_argument, NULL, 'v'},
        {"duration", required_argument, NULL, 'd'}, {"group", required_argument, NULL, 'g'},
        CKP_CLI_NETOPTS,         {NULL, 0, NULL, 0},
    };
    int rc, c = -1, views = 0;
    char input[2048], command[4096]; /* the command as typed: getopt reorders argv */
    ckp_cli_command_line(command, sizeof command, "compare", argc, argv);
    ckp_cli_opts o;
    ckp_network *net = NULL;
    ckp_study *study = NULL;
    ckp_error err;
    ckp_buf b;
    ckp_error_init(&err);
    ckp_buf_init(&b);
    if ((rc = ckp_cli_opts_init(&o, "compare",
                                1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON | 1 << CKP_FORMAT_CSV |
                                    CKP_CLI_XLSX,
                                argc)))
        goto done;
    double days = NAN;
    const char *group = NULL;
    ckp_time_comparison tc;
    ckp_time_comparison_init(&tc);
    while ((c = ckp_cli_next(&o, argc, argv, longopts)) == 'v' || c == 'd' || c == 'g') {
        if (c == 'g' || c == 'd') {
            if (c == 'g')
                group = optarg;
            else if (ckp_cli_parse_duration(&days, "compare", optarg))
                c = -2;
            if (c == -2)
                break;
            continue;
        }
        int view = !strcmp(optarg, "immediate")     ? CKP_VIEW_IMMEDIATE
                   : !strcmp(optarg, "rerouted")    ? CKP_VIEW_REROUTED
                   : !strcmp(optarg, "reallocated") ? CKP_VIEW_REALLOCATED
                                                    : 0;
        if (!view) {
            ckp_cli_usage("compare", "unknown view '%s': immediate, rerouted or reallocated",
                          optarg);
            c = -2;
            break;
        }
        views |= view;
    }
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    if (c < -1)
        rc = CKP_EUSAGE;
    else if (npaths == 0 || npos != npaths)
        rc = ckp_cli_usage("compare", npaths == 0 ? "no network given"
                                                  : "unexpected argument '%s': plans and "
                                                    "scenarios go after --plan and --scenario",
                           npaths ? argv[optind + npaths] : "");
    if (rc || (rc = ckp_cli_load(&net, argv + optind, npaths, &o.net)))
        goto done;
    if (ckp_study_new(&study, net, o.plans, o.n_plans, o.scenarios, o.n_scenarios,
                      (igraph_integer_t)o.exact_limit, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    const ckp_comparison *cmp = ckp_study_comparison(study);
    ckp_cli_warn(&cmp->warnings);
    ckp_cli_input_name(input, sizeof input, argv + optind, npaths);
    if ((!isnan(days) && o.format != CKP_CLI_FORMAT_XLSX
            ? ckp_time_compare(&tc, study, days, group, &err) ||
                  ckp_time_comparison_write(&b, (ckp_format)o.format, net, &tc, &err)
        : o.format == CKP_CLI_FORMAT_XLSX
            ? ckp_comparison_write_xlsx(&b, net, cmp, input, command, &err)
            : ckp_comparison_write_views(&b, (ckp_format)o.format, net, cmp, views, &err)) ||
        ckp_buf_write(&b, o.output, &err))
        rc = ckp_cli_fail(&err);
done:
    ckp_buf_destroy(&b);
    ckp_study_free(study);
    ckp_time_comparison_destroy(&tc);
    ckp_cli_opts_destroy(&o);
    ckp_network_free(net);
    return rc;
}
