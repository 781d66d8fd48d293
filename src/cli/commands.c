/*
 * The command table: dispatch, --help, and the man pages and completion
 * scripts made from it at build time (mangen.c), so that they cannot drift.
 */
#include "cli.h"

const ckp_command ckp_cli_commands[] = {
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
    {"convert", ckp_cmd_convert, "a network in another form: JSON, CSV pair, GraphML, GEXF",
     ckp_convert_usage},
    {"stress", ckp_cmd_stress, "what to protect first: demand lost while each node recovers",
     ckp_stress_usage},
    {"report", ckp_cmd_report, "a report pack: an offline HTML page, figures, data, provenance",
     ckp_report_usage},
};
const size_t ckp_cli_command_count = sizeof ckp_cli_commands / sizeof ckp_cli_commands[0];

const char ckp_cli_help_head[] =
    "usage: chokepoint COMMAND [OPTIONS] NETWORK\n"
    "       chokepoint --version [--verbose]\n"
    "\n"
    "Shows where a supply chain can break: single points of failure, flow at risk,\n"
    "concentration by country, and disruption scenarios.\n"
    "\n"
    "commands:\n";

const char ckp_cli_help_tail[] =
    "\n"
    "NETWORK is a JSON file (chokepoint-network/1; '-' reads standard input), a\n"
    "GraphML file or a nodes CSV and an edges CSV. See docs/format.md.\n"
    "Run 'chokepoint COMMAND --help' for a command's options; every command takes\n"
    "--quiet, which leaves the warnings and the progress out, and --progress, which\n"
    "shows the progress of long work on stderr even when it is not a terminal.\n"
    "\n"
    "exit codes: 0 ok, 1 invalid input data, 2 usage error, 3 missing or unreadable\n"
    "input, 4 output not written, 5 resource limit reached, 6 internal error.\n";
