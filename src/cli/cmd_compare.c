/* chokepoint compare: the baseline and each plan, under each scenario, side by side. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/export.h"
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
    "reallocated (the maximum flow). Files: docs/scenarios.md.\n"
    "\n"
    "options:\n"
    "  --plan FILE            a plan (repeatable; none: the baseline alone)\n"
    "  --scenario FILE        a scenario (repeatable)\n"
    "  --view VIEW            immediate, rerouted or reallocated (repeatable; default:\n"
    "                         all three in JSON, immediate and reallocated in text)\n"
    "  --format text|json|csv output format (default text)\n"
    "  -o, --output FILE      write the output to FILE (whole or not at all)\n"
    "  --exact-limit N        exact redundancy up to N nodes (5000)\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

int ckp_cmd_compare(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
        {"plan", required_argument, NULL, 'p'},     {"scenario", required_argument, NULL, 's'},
        {"exact-limit", required_argument, NULL, 'x'}, {"view", required_argument, NULL, 'v'},
        CKP_CLI_NETOPTS,                               {NULL, 0, NULL, 0},
    };
    ckp_format format = CKP_FORMAT_TEXT;
    const char *output = NULL;
    long long exact_limit = 5000;
    int rc = 0, c, nplans = 0, nscen = 0, views = 0;
    const char **plan_paths = calloc((size_t)argc, sizeof *plan_paths);
    const char **scen_paths = calloc((size_t)argc, sizeof *scen_paths);
    ckp_cli_netopts lopts;
    int taken;
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
        case 'f':
            if (ckp_cli_parse_format(&format, "compare", optarg,
                                     1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON |
                                         1 << CKP_FORMAT_CSV))
                rc = CKP_EUSAGE;
            break;
        case 'o':
            if (ckp_cli_parse_output(&output, "compare", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'p':
            plan_paths[nplans++] = optarg;
            break;
        case 's':
            scen_paths[nscen++] = optarg;
            break;
        case 'x':
            if (ckp_cli_parse_count(&exact_limit, "compare", "--exact-limit", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'v':
            if (!strcmp(optarg, "immediate"))
                views |= CKP_VIEW_IMMEDIATE;
            else if (!strcmp(optarg, "rerouted"))
                views |= CKP_VIEW_REROUTED;
            else if (!strcmp(optarg, "reallocated"))
                views |= CKP_VIEW_REALLOCATED;
            else
                rc = ckp_cli_usage("compare", "unknown view '%s': immediate, rerouted or "
                                              "reallocated", optarg);
            break;
        default:
            if ((taken = ckp_cli_netopt(&lopts, "compare", c, optarg)) != 0) {
                if (taken < 0)
                    rc = CKP_EUSAGE;
                break;
            }
            rc = ckp_cli_usage("compare", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    if (!rc && (npaths == 0 || npos != npaths))
        rc = ckp_cli_usage("compare", npaths == 0 ? "no network given"
                                                  : "unexpected argument '%s': plans and "
                                                    "scenarios go after --plan and --scenario",
                           npaths ? argv[optind + npaths] : "");
    ckp_network *net = NULL;
    ckp_study *study = NULL;
    ckp_error err;
    ckp_buf b;
    ckp_error_init(&err);
    ckp_buf_init(&b);
    if (rc || (rc = ckp_cli_load(&net, argv + optind, npaths, &lopts)))
        goto done;
    if (ckp_study_new(&study, net, plan_paths, nplans, scen_paths, nscen,
                      (igraph_integer_t)exact_limit, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    const ckp_comparison *cmp = ckp_study_comparison(study);
    for (igraph_integer_t i = 0; i < cmp->warnings.n; i++)
        fprintf(stderr, "chokepoint: warning: %s\n", cmp->warnings.items[i]);
    if (ckp_comparison_write_views(&b, format, net, cmp, views, &err) ||
        ckp_buf_write(&b, output, &err))
        rc = ckp_cli_fail(&err);
done:
    ckp_buf_destroy(&b);
    ckp_study_free(study);
    free(plan_paths);
    free(scen_paths);
    ckp_network_free(net);
    return rc;
}
