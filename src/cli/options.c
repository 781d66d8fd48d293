/* The options several commands share; see options.h. */
#include "options.h"

#include <stdlib.h>
#include <string.h>

#include "chokepoint/render.h"
#include "cli.h"

int ckp_cli_opts_init(ckp_cli_opts *o, const char *command, int formats, int argc)
{
    memset(o, 0, sizeof *o);
    o->command = command;
    o->formats = formats;
    o->format = formats & CKP_CLI_FIGURE_FORMATS ? -1 : CKP_FORMAT_TEXT;
    o->exact_limit = 5000;
    ckp_cli_netopts_init(&o->net);
    o->plans = calloc((size_t)argc + 1, sizeof *o->plans);
    o->scenarios = calloc((size_t)argc + 1, sizeof *o->scenarios);
    o->end_users = calloc((size_t)argc + 1, sizeof *o->end_users);
    opterr = 0;
    optind = 1;
    return o->plans && o->scenarios && o->end_users ? 0 : CKP_EINTERNAL;
}

void ckp_cli_opts_destroy(ckp_cli_opts *o)
{
    free(o->plans);
    free(o->scenarios);
    free(o->end_users);
    memset(o, 0, sizeof *o);
}

static int parse_format(ckp_cli_opts *o, const char *arg)
{
    if ((o->formats & CKP_CLI_XLSX) && !strcmp(arg, "xlsx")) {
        o->format = CKP_CLI_FORMAT_XLSX;
        return 0;
    }
    if (!(o->formats & CKP_CLI_FIGURE_FORMATS)) {
        ckp_format f;
        if (ckp_cli_parse_format(&f, o->command, arg, o->formats))
            return -1;
        o->format = (int)f;
        return 0;
    }
    if (!strcmp(arg, "json")) /* the figure's format stays its file's extension */
        return !(o->describe = 1);
    if ((o->format = ckp_figure_format_from_name(arg)) < 0) {
        ckp_cli_usage(o->command, "unknown format '%s': svg, png, pdf, dot or json", arg);
        return -1;
    }
    return 0;
}

/* Option `c` when it is a shared one: 1 taken, 0 not a shared option, -1 a bad value. */
static int shared_option(ckp_cli_opts *o, int c, const char *arg)
{
    switch (c) {
    case CKP_OPT_FORMAT:
        return parse_format(o, arg) ? -1 : 1;
    case 'o':
        return ckp_cli_parse_output(&o->output, o->command, arg) ? -1 : 1;
    case CKP_OPT_PLAN:
        o->plans[o->n_plans++] = arg;
        return 1;
    case CKP_OPT_SCENARIO:
        o->scenarios[o->n_scenarios++] = arg;
        return 1;
    case CKP_OPT_EXACT_LIMIT:
        return ckp_cli_parse_count(&o->exact_limit, o->command, "--exact-limit", arg) ? -1 : 1;
    case CKP_OPT_END_USER:
        o->end_users[o->n_end_users++] = arg;
        return 1;
    default:
        return ckp_cli_netopt(&o->net, o->command, c, arg);
    }
}

int ckp_cli_next(ckp_cli_opts *o, int argc, char **argv, const struct option *longopts)
{
    int c, taken;
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        if (c == '?' || c == ':') {
            ckp_cli_usage(o->command, "unknown or incomplete option '%s'", argv[optind - 1]);
            return -2;
        }
        if ((taken = shared_option(o, c, optarg)) < 0)
            return -2;
        if (!taken)
            return c;
    }
    if (o->format == CKP_CLI_FORMAT_XLSX && ckp_cli_xlsx_output(o->command, o->output))
        return -2;
    return -1;
}

int ckp_cli_network_count(const ckp_cli_opts *o, int npaths)
{
    if (npaths >= 1 && npaths <= 2)
        return 0;
    return ckp_cli_usage(o->command, npaths < 1 ? "no network given"
                                                : "too many arguments: give one JSON file "
                                                  "or two CSV files");
}
