/*
 * chokepoint: where a supply chain can break.
 * The command table drives both dispatch and --help.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const ckp_command commands[] = {
    {"check", ckp_cmd_check, "validate a network and summarise it, with data-gap warnings",
     ckp_check_usage},
    {"analyze", ckp_cmd_analyze,
     "served demand, single points of failure, flow at risk, concentration, origins",
     ckp_analyze_usage},
    {"scenario", ckp_cmd_scenario, "the network before and after a shock, side by side",
     ckp_scenario_usage},
    {"compare", ckp_cmd_compare, "diversification plans under the same shocks, side by side",
     ckp_compare_usage},
    {"render", ckp_cmd_render, "a diagram of the network or a chart of its concentration",
     ckp_render_usage},
    {"convert", ckp_cmd_convert, "a network in the other form: CSV pair to JSON, or back",
     ckp_convert_usage},
    {"stress", ckp_cmd_stress, "what to protect first: demand lost while each node recovers",
     ckp_stress_usage},
    {"report", ckp_cmd_report, "a report pack: an offline HTML page, figures, data, provenance",
     ckp_report_usage},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *f)
{
    fputs("usage: chokepoint COMMAND [OPTIONS] NETWORK\n"
          "       chokepoint --version [--verbose]\n"
          "\n"
          "Shows where a supply chain can break: single points of failure, flow at risk,\n"
          "concentration by country, and disruption scenarios.\n"
          "\n"
          "commands:\n",
          f);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "NETWORK is a JSON file (chokepoint-network/1; '-' reads standard input) or a\n"
          "nodes CSV and an edges CSV. See docs/format.md.\n"
          "Run 'chokepoint COMMAND --help' for a command's options.\n"
          "\n"
          "exit codes: 0 ok, 1 invalid input data, 2 usage error, 3 missing or unreadable\n"
          "input, 4 output not written, 5 resource limit reached, 6 internal error.\n",
          f);
}

static int print_version(int verbose)
{
    printf("chokepoint %s\n", ckp_version());
    if (verbose)
        printf("built with igraph %s, graphviz %s, cjson %s\n", ckp_igraph_version(),
               ckp_graphviz_version(), ckp_cjson_version());
    return 0;
}

/* A checked close of stdout: a full disk must not pass for success. */
static int finish(int rc)
{
    if (fclose(stdout) != 0 && rc == 0) {
        fprintf(stderr, "chokepoint: cannot write to standard output: %s\n", strerror(errno));
        return CKP_EIO;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return CKP_EUSAGE;
    }
    const char *first = argv[1];
    if (!strcmp(first, "--help") || !strcmp(first, "-h") || !strcmp(first, "help")) {
        if (argc > 2 && strcmp(first, "help") == 0) {
            for (size_t i = 0; i < N_COMMANDS; i++)
                if (!strcmp(argv[2], commands[i].name)) {
                    fputs(commands[i].usage, stdout);
                    return finish(0);
                }
            return ckp_cli_usage(NULL, "unknown command '%s'", argv[2]);
        }
        print_help(stdout);
        return finish(0);
    }
    if (!strcmp(first, "--version") || !strcmp(first, "-V")) {
        int verbose = argc > 2 && (!strcmp(argv[2], "--verbose") || !strcmp(argv[2], "-v"));
        return finish(print_version(verbose));
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(first, commands[i].name))
            continue;
        for (int a = 2; a < argc; a++) {
            if (!strcmp(argv[a], "--"))
                break;
            if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
                fputs(commands[i].usage, stdout);
                return finish(0);
            }
        }
        return finish(commands[i].fn(argc - 1, argv + 1));
    }
    if (first[0] == '-')
        return ckp_cli_usage(NULL, "unknown option '%s'", first);
    return ckp_cli_usage(NULL, "unknown command '%s'", first);
}
