/* chokepoint scenario: the network before and after a shock, side by side. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    "  --exact-limit N        end-user ranges for every end user up to N of them, above\n"
    "                         it for the N with the largest immediate losses (200)\n"
    "  --format text|json     output format (default text)\n"
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
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"remove", required_argument, NULL, 'r'},
        {"remove-country", required_argument, NULL, 'c'},
        {"embargo", required_argument, NULL, 'e'},
        {"capacity", required_argument, NULL, 'k'},
        {"exact-limit", required_argument, NULL, 'x'},
        CKP_CLI_NETOPTS,
        {NULL, 0, NULL, 0},
    };
    ckp_format format = CKP_FORMAT_TEXT;
    const char *output = NULL;
    long long exact_limit = CKP_VIEWS_EXACT_LIMIT;
    int rc, c, nshocks = 0;
    shock_arg *shocks = calloc((size_t)argc, sizeof *shocks);
    ckp_cli_netopts lopts;
    int taken;
    ckp_cli_netopts_init(&lopts);
    if (!shocks)
        return CKP_EINTERNAL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (ckp_cli_parse_format(&format, "scenario", optarg,
                                     1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON)) {
                free(shocks);
                return CKP_EUSAGE;
            }
            break;
        case 'o':
            if (ckp_cli_parse_output(&output, "scenario", optarg)) {
                free(shocks);
                return CKP_EUSAGE;
            }
            break;
        case 'x':
            if (ckp_cli_parse_count(&exact_limit, "scenario", "--exact-limit", optarg)) {
                free(shocks);
                return CKP_EUSAGE;
            }
            break;
        case 'r':
        case 'c':
        case 'e':
        case 'k':
            shocks[nshocks++] = (shock_arg){c, optarg};
            break;
        default:
            if ((taken = ckp_cli_netopt(&lopts, "scenario", c, optarg)) != 0) {
                if (taken > 0)
                    break;
                free(shocks);
                return CKP_EUSAGE;
            }
            free(shocks);
            return ckp_cli_usage("scenario", "unknown or incomplete option '%s'",
                                 argv[optind - 1]);
        }
    }
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    int nscen = npos - npaths;
    if (npaths == 0 || nscen > 1 || (nscen == 0 && nshocks == 0)) {
        free(shocks);
        return ckp_cli_usage("scenario", npaths == 0 ? "no network given"
                                         : nscen > 1 ? "give one scenario file at most"
                                                     : "no shock given: a scenario file or "
                                                       "--remove, --remove-country, --embargo, "
                                                       "--capacity");
    }
    ckp_network *net = NULL;
    ckp_scenario *s = NULL;
    ckp_scenario_report r;
    ckp_error err;
    ckp_buf b;
    ckp_error_init(&err);
    ckp_buf_init(&b);
    memset(&r, 0, sizeof r);
    if ((rc = ckp_cli_load(&net, argv + optind, npaths, &lopts)))
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
    for (igraph_integer_t i = 0; i < r.warnings.n; i++)
        fprintf(stderr, "chokepoint: warning: %s\n", r.warnings.items[i]);
    ckp_scenario_write_options wopts;
    ckp_scenario_write_options_init(&wopts);
    wopts.network_path = argv[optind];
    if (ckp_scenario_write(&b, format, net, s, &r, &wopts, &err) ||
        ckp_buf_write(&b, output, &err))
        rc = ckp_cli_fail(&err);
done:
    free(shocks);
    ckp_buf_destroy(&b);
    ckp_scenario_report_destroy(&r);
    ckp_scenario_free(s);
    ckp_network_free(net);
    return rc;
}
