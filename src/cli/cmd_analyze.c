/* chokepoint analyze: served demand, single points of failure, flow at risk, concentration. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "chokepoint/analysis.h"
#include "chokepoint/export.h"
#include "chokepoint/io.h"
#include "cli.h"

const char ckp_analyze_usage[] =
    "usage: chokepoint analyze [OPTIONS] NETWORK.json\n"
    "       chokepoint analyze [OPTIONS] NODES.csv EDGES.csv\n"
    "\n"
    "Computes served demand (maximum flow), single points of failure (dominators),\n"
    "each node's and each country's flow at risk, end-user redundancy, betweenness,\n"
    "concentration per tier (HHI) and the origin of each end user's supply by tier\n"
    "and country. Definitions: docs/analysis.md.\n"
    "\n"
    "options:\n"
    "  --format text|json|xlsx  output format (default text; xlsx: an Excel\n"
    "                       workbook, one sheet per table, with -o FILE.xlsx)\n"
    "  -o, --output FILE    write the output to FILE (whole or not at all)\n"
    "  --top K              rows in each ranked text table (default 10; 0: all)\n"
    "  --exact-limit N      flow at risk and betweenness exact up to N nodes (5000)\n"
    "  --risk-top N         above that, flow at risk of the N busiest nodes and of\n"
    "                       the N single points of failure with most demand (100)\n"
    "  --samples K          above that, betweenness sampled from K sources (100)\n"
    "  --seed S             seed for the sample (1)\n"
    "  --threads N          threads for flow at risk (default: processors, up to 16);\n"
    "                       results do not depend on it\n"
    CKP_CLI_NETOPTS_HELP;

/* Streamed: a million nodes' JSON is written as it is made, not held whole. */
static int write_analysis(const char *output, ckp_format format, const ckp_network *net,
                          const ckp_analysis *a, const ckp_analysis_options *opts,
                          const ckp_write_options *wopts)
{
    ckp_output *o;
    ckp_buf b;
    ckp_error err;
    ckp_error_init(&err);
    if (ckp_output_open(&o, output ? output : "-", &err))
        return ckp_cli_fail(&err);
    ckp_buf_init_sink(&b, ckp_output_sink, o);
    if (ckp_analysis_write(&b, format, net, a, opts, wopts, &err))
        ckp_output_abort(o);
    else
        ckp_output_commit_buf(o, &b, &err);
    ckp_buf_destroy(&b);
    return err.code ? ckp_cli_fail(&err) : 0;
}

static int write_xlsx(const char *output, const ckp_network *net, const ckp_analysis *a,
                      const char *input, const char *command)
{
    ckp_buf b;
    ckp_error err;
    ckp_buf_init(&b);
    ckp_error_init(&err);
    int rc = ckp_analysis_write_xlsx(&b, net, a, input, command, &err) ? ckp_cli_fail(&err)
                                                                        : ckp_cli_emit(&b, output);
    ckp_buf_destroy(&b);
    return rc;
}

/* One of analyze's own options into the options; a usage error printed and returned. */
static int own_option(ckp_analysis_options *aopts, ckp_write_options *wopts, int c,
                      const char *arg)
{
    const char *name = c == 'k' ? "--top" : c == 'r' ? "--risk-top" : c == 's' ? "--samples"
                       : c == 'S' ? "--seed" : "--threads";
    long long value;
    if (ckp_cli_parse_count(&value, "analyze", name, arg))
        return CKP_EUSAGE;
    if (c == 'k')
        wopts->top = (igraph_integer_t)value;
    else if (c == 'r')
        aopts->risk_top = value;
    else if (c == 's')
        aopts->betweenness_samples = value;
    else if (c == 'S')
        aopts->seed = (unsigned long)value;
    else
        aopts->threads = value < 1 ? 1 : value > 16 ? 16 : (int)value;
    return 0;
}

int ckp_cmd_analyze(int argc, char **argv)
{
    static const struct option longopts[] = {
        CKP_CLI_OPT_FORMAT,                         CKP_CLI_OPT_OUTPUT,
        {"top", required_argument, NULL, 'k'},      CKP_CLI_OPT_EXACT_LIMIT,
        {"risk-top", required_argument, NULL, 'r'}, {"samples", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},     {"threads", required_argument, NULL, 'T'},
        CKP_CLI_NETOPTS,                            {NULL, 0, NULL, 0},
    };
    int rc, c = -1;
    char command[4096]; /* as typed: getopt reorders argv */
    ckp_cli_command_line(command, sizeof command, "analyze", argc, argv);
    ckp_cli_opts o;
    ckp_analysis_options aopts;
    ckp_write_options wopts;
    ckp_network *net = NULL;
    ckp_analysis a;
    ckp_error err;
    char file[2048];
    ckp_write_options_init(&wopts);
    ckp_analysis_options_init(&aopts);
    ckp_analysis_init(&a);
    ckp_error_init(&err);
    if ((rc = ckp_cli_opts_init(&o, "analyze",
                                1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON | CKP_CLI_XLSX, argc)))
        goto done;
    while (!rc && (c = ckp_cli_next(&o, argc, argv, longopts)) >= 0)
        rc = own_option(&aopts, &wopts, c, optarg);
    aopts.exact_limit = o.exact_limit;
    int npaths = argc - optind;
    if (rc || (rc = c < -1 ? CKP_EUSAGE : ckp_cli_network_count(&o, npaths)) ||
        (rc = ckp_cli_load(&net, argv + optind, npaths, &o.net)))
        goto done;
    if (ckp_analyze(&a, net, &aopts, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    wopts.file = ckp_cli_input_name(file, sizeof file, argv + optind, npaths);
    rc = o.format == CKP_CLI_FORMAT_XLSX
             ? write_xlsx(o.output, net, &a, wopts.file, command)
             : write_analysis(o.output, (ckp_format)o.format, net, &a, &aopts, &wopts);
done:
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
    ckp_cli_opts_destroy(&o);
    return rc;
}
