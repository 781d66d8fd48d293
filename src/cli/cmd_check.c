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
        CKP_CLI_OPT_FORMAT, CKP_CLI_OPT_OUTPUT, {"all", no_argument, NULL, 'a'},
        CKP_CLI_NETOPTS,    {NULL, 0, NULL, 0},
    };
    int rc, c = -1;
    ckp_cli_opts o;
    ckp_write_options wopts;
    ckp_network *net = NULL;
    ckp_check_report report;
    ckp_error err;
    ckp_buf b;
    char file[2048];
    ckp_write_options_init(&wopts);
    ckp_check_report_init(&report);
    ckp_error_init(&err);
    ckp_buf_init(&b);
    if ((rc = ckp_cli_opts_init(&o, "check", 1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON, argc)))
        goto done;
    while ((c = ckp_cli_next(&o, argc, argv, longopts)) == 'a')
        wopts.all = 1;
    int npaths = argc - optind;
    if ((rc = c < -1 ? CKP_EUSAGE : ckp_cli_network_count(&o, npaths)) ||
        (rc = ckp_cli_load(&net, argv + optind, npaths, &o.net)))
        goto done;
    wopts.file = ckp_cli_input_name(file, sizeof file, argv + optind, npaths);
    if (ckp_check(&report, net, &err) ||
        ckp_check_write(&b, (ckp_format)o.format, net, &report, &wopts, &err) ||
        ckp_buf_write(&b, o.output, &err))
        rc = ckp_cli_fail(&err);
done:
    ckp_buf_destroy(&b);
    ckp_check_report_destroy(&report);
    ckp_network_free(net);
    ckp_cli_opts_destroy(&o);
    return rc;
}
