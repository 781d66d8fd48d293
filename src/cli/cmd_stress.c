/* chokepoint stress: what to protect first, by the demand lost while it recovers. */
#include <getopt.h>

#include "chokepoint/export.h"
#include "chokepoint/stress.h"
#include "cli.h"

const char ckp_stress_usage[] =
    "usage: chokepoint stress [OPTIONS] NETWORK.json\n"
    "       chokepoint stress [OPTIONS] NODES.csv EDGES.csv\n"
    "\n"
    "Loses every node and every country alone for its time to recover (TTR: the\n"
    "node's ttr_days, else the network's, else 90 days; a country's is the longest\n"
    "of its nodes') and ranks them by the demand lost over that time, flows and\n"
    "stocks reallocated. For each: the time to survive (TTS) of the group, in days,\n"
    "and whether it is exposed (TTS < TTR). rei: lost over the largest lost.\n"
    "Networks with materials: linear programs with their recipes.\n"
    "\n"
    "options:\n"
    "  --group G            the end users whose TTS is reported: a country code or a\n"
    "                       group name (default: every end user)\n"
    "  --top N              rows printed in text (default 20, 0: all; JSON and CSV\n"
    "                       have all)\n"
    "  --format text|json|csv|xlsx   output format (default text; xlsx: an Excel\n"
    "                       workbook with -o FILE.xlsx)\n"
    "  -o, --output FILE    write the output to FILE (whole or not at all)\n"
    "  --threads N          threads for the losses and the TTS searches (default 1;\n"
    "                       results do not depend on it)\n"
    "  --busiest N          rank only the N nodes with the most throughput (and every\n"
    "                       country; default 0: every node)\n"
    CKP_CLI_NETOPTS_HELP
    "\n"
    "exit codes: 0 done, 1 invalid input, 2 usage, 3 input missing, 4 output not\n"
    "written.\n";

int ckp_cmd_stress(int argc, char **argv)
{
    static const struct option longopts[] = {
        CKP_CLI_OPT_FORMAT, CKP_CLI_OPT_OUTPUT, {"group", required_argument, NULL, 'g'},
        {"top", required_argument, NULL, 't'}, {"threads", required_argument, NULL, 'T'},
        {"busiest", required_argument, NULL, 'b'}, CKP_CLI_NETOPTS, {NULL, 0, NULL, 0},
    };
    const char *group = NULL;
    long long top = 20, threads = 1, busiest = 0;
    int rc, c = -1;
    ckp_cli_opts o;
    ckp_write_options wopts;
    ckp_network *net = NULL;
    ckp_stress s;
    ckp_error err;
    ckp_buf b;
    char file[2048], command[4096]; /* the command as typed: getopt reorders argv */
    ckp_cli_command_line(command, sizeof command, "stress", argc, argv);
    ckp_write_options_init(&wopts);
    ckp_stress_init(&s);
    ckp_error_init(&err);
    ckp_buf_init(&b);
    if ((rc = ckp_cli_opts_init(&o, "stress",
                                1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON | 1 << CKP_FORMAT_CSV |
                                    CKP_CLI_XLSX, argc)))
        goto done;
    while (!rc && (c = ckp_cli_next(&o, argc, argv, longopts)) >= 0) {
        if (c == 'g')
            group = optarg;
        else if (c == 't' && ckp_cli_parse_count(&top, "stress", "--top", optarg))
            rc = CKP_EUSAGE;
        else if (c == 'T' && ckp_cli_parse_count(&threads, "stress", "--threads", optarg))
            rc = CKP_EUSAGE;
        else if (c == 'b' && ckp_cli_parse_count(&busiest, "stress", "--busiest", optarg))
            rc = CKP_EUSAGE;
    }
    int npaths = argc - optind;
    if (rc || (rc = c < -1 ? CKP_EUSAGE : ckp_cli_network_count(&o, npaths)) ||
        (rc = ckp_cli_load(&net, argv + optind, npaths, &o.net)))
        goto done;
    int nt = threads < 1 ? 1 : threads > 16 ? 16 : (int)threads;
    if (ckp_stress_run_busiest(&s, net, group, nt, (igraph_integer_t)busiest, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    wopts.file = ckp_cli_input_name(file, sizeof file, argv + optind, npaths);
    wopts.top = (igraph_integer_t)top;
    if ((o.format == CKP_CLI_FORMAT_XLSX
             ? ckp_stress_write_xlsx(&b, net, &s, wopts.file, command, &err)
             : ckp_stress_write(&b, (ckp_format)o.format, net, &s, &wopts, &err)) ||
        ckp_buf_write(&b, o.output, &err))
        rc = ckp_cli_fail(&err);
done:
    ckp_buf_destroy(&b);
    ckp_stress_destroy(&s);
    ckp_network_free(net);
    ckp_cli_opts_destroy(&o);
    return rc;
}
