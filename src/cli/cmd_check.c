/* chokepoint check: validate a network, summarise it, and point at data gaps. */
#include <getopt.h>

#include "chokepoint/check.h"
#include "chokepoint/export.h"
#include "cli.h"

const char ckp_check_usage[] =
    "usage: chokepoint check [OPTIONS] NETWORK.json\n"
    "       chokepoint check [OPTIONS] NODES.csv EDGES.csv\n"
    "\n"
    "Validates a network and prints a summary: nodes, edges and countries per tier,\n"
    "sources, end users and total demand, each tier's concentration by country, and\n"
    "warnings that point at data gaps (nodes with no supplier or no customer, edges\n"
    "against tier order, cycles, volume over capacity, end users short of demand,\n"
    "figures without a source). Warnings do not make a network invalid.\n"
    "\n"
    "options:\n"
    "  --format text|json   output format (default text)\n"
    "  -o, --output FILE    write the output to FILE (whole or not at all)\n"
    "  --all                list every warning (text lists 10 of each kind, JSON\n"
    "                       1000 of each kind; \"warning_counts\" counts them all)\n"
    CKP_CLI_NETOPTS_HELP
    "\n"
    "exit codes: 0 valid (with or without warnings), 1 invalid, 2 usage,\n"
    "3 input missing, 4 output not written.\n";

int ckp_cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"all", no_argument, NULL, 'a'},          CKP_CLI_NETOPTS, {NULL, 0, NULL, 0},
    };
    ckp_format format = CKP_FORMAT_TEXT;
    const char *output = NULL;
    int rc, c;
    ckp_cli_netopts opts;
    int taken;
    ckp_write_options wopts;
    ckp_cli_netopts_init(&opts);
    ckp_write_options_init(&wopts);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (ckp_cli_parse_format(&format, "check", optarg, 1 << CKP_FORMAT_TEXT |
                                                                   1 << CKP_FORMAT_JSON))
                return CKP_EUSAGE;
            break;
        case 'o':
            if (ckp_cli_parse_output(&output, "check", optarg))
                return CKP_EUSAGE;
            break;
        case 'a':
            wopts.all = 1;
            break;
        default:
            if ((taken = ckp_cli_netopt(&opts, "check", c, optarg)) != 0) {
                if (taken < 0)
                    return CKP_EUSAGE;
                break;
            }
            return ckp_cli_usage("check", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    int npaths = argc - optind;
    if (ckp_cli_network_count("check", npaths))
        return CKP_EUSAGE;
    ckp_network *net = NULL;
    ckp_check_report report;
    ckp_error err;
    ckp_error_init(&err);
    ckp_check_report_init(&report);
    if ((rc = ckp_cli_load(&net, argv + optind, npaths, &opts)))
        goto done;
    if (ckp_check(&report, net, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    ckp_buf b;
    ckp_buf_init(&b);
    char file[2048];
    wopts.file = ckp_cli_input_name(file, sizeof file, argv + optind, npaths);
    if (ckp_check_write(&b, format, net, &report, &wopts, &err) ||
        ckp_buf_write(&b, output, &err))
        rc = ckp_cli_fail(&err);
    ckp_buf_destroy(&b);
done:
    ckp_check_report_destroy(&report);
    ckp_network_free(net);
    return rc;
}
