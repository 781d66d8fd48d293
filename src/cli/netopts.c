/* The network options every command shares; see netopts.h. */
#include "netopts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void ckp_cli_netopts_init(ckp_cli_netopts *o)
{
    memset(o, 0, sizeof *o);
    ckp_load_options_init(&o->load);
    o->max_errors = 20;
}

static int parse_value(ckp_cli_netopts *o, const char *command, int c, const char *arg)
{
    ckp_load_options *l = &o->load;
    char *end;
    switch (c) {
    case CKP_NETOPT_TIERS:
        l->tiers = arg;
        return 0;
    case CKP_NETOPT_NAME:
        l->name = arg;
        return 0;
    case CKP_NETOPT_UNIT:
        l->unit = arg;
        return 0;
    case CKP_NETOPT_SOURCE:
        l->source = arg;
        return 0;
    case CKP_NETOPT_DESCRIPTION:
        l->description = arg;
        return 0;
    case CKP_NETOPT_META:
        return ckp_cli_parse_output(&l->meta, command, arg);
    case CKP_NETOPT_YEAR:
        l->year = strtod(arg, &end);
        if (end == arg || *end || !isfinite(l->year)) {
            ckp_cli_usage(command, "--year wants a number, not '%s'", arg);
            return -1;
        }
        return 0;
    case CKP_NETOPT_SEPARATOR:
        if (!strcmp(arg, ",") || !strcmp(arg, ";") || !strcmp(arg, "\t"))
            l->separator = arg[0];
        else if (!strcmp(arg, "tab"))
            l->separator = '\t';
        else {
            ckp_cli_usage(command, "--separator wants ',', ';' or tab, not '%s'", arg);
            return -1;
        }
        return 0;
    case CKP_NETOPT_INPUT_FORMAT:
        if (strcmp(arg, "json") && strcmp(arg, "csv") && strcmp(arg, "graphml") &&
            strcmp(arg, "gexf")) {
            ckp_cli_usage(command, "--input-format wants json, csv, graphml or gexf, not '%s'",
                          arg);
            return -1;
        }
        l->format = arg;
        return 0;
    default: /* CKP_NETOPT_MAX_ERRORS */
        if (ckp_cli_parse_count(&o->max_errors, command, "--max-errors", arg))
            return -1;
        if (o->max_errors < 1) {
            ckp_cli_usage(command, "--max-errors wants 1 or more");
            return -1;
        }
        return 0;
    }
}

int ckp_cli_netopt(ckp_cli_netopts *o, const char *command, int c, const char *arg)
{
    if (c < CKP_NETOPT_TIERS || c >= CKP_NETOPT_END)
        return 0;
    return parse_value(o, command, c, arg) < 0 ? -1 : 1;
}
