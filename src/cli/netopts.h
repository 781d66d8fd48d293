/*
 * The options of every command that reads a network: the CSV tier order,
 * separator and metadata, the sidecar, how many errors to list. One table,
 * one parser: a command puts CKP_CLI_NETOPTS in its getopt table, and
 * ckp_cli_next (options.h) parses them with the other shared options.
 */
#ifndef CKP_CLI_NETOPTS_H
#define CKP_CLI_NETOPTS_H

#include <getopt.h>

#include "chokepoint/load.h"

enum {
    CKP_NETOPT_TIERS = 0x1000, /* past any short option's character */
    CKP_NETOPT_NAME,
    CKP_NETOPT_UNIT,
    CKP_NETOPT_YEAR,
    CKP_NETOPT_SOURCE,
    CKP_NETOPT_DESCRIPTION,
    CKP_NETOPT_SEPARATOR,
    CKP_NETOPT_META,
    CKP_NETOPT_MAX_ERRORS,
    CKP_NETOPT_INPUT_FORMAT,
    CKP_NETOPT_END
};

#define CKP_CLI_NETOPTS                                                                   \
    {"tiers", required_argument, NULL, CKP_NETOPT_TIERS},                                 \
        {"name", required_argument, NULL, CKP_NETOPT_NAME},                               \
        {"unit", required_argument, NULL, CKP_NETOPT_UNIT},                               \
        {"year", required_argument, NULL, CKP_NETOPT_YEAR},                               \
        {"source", required_argument, NULL, CKP_NETOPT_SOURCE},                           \
        {"description", required_argument, NULL, CKP_NETOPT_DESCRIPTION},                 \
        {"separator", required_argument, NULL, CKP_NETOPT_SEPARATOR},                     \
        {"meta", required_argument, NULL, CKP_NETOPT_META},                               \
        {"max-errors", required_argument, NULL, CKP_NETOPT_MAX_ERRORS},                   \
        {"input-format", required_argument, NULL, CKP_NETOPT_INPUT_FORMAT}

/* The options' help, for check's and analyze's usage; the others point to check's. */
#define CKP_CLI_NETOPTS_HELP                                                              \
    "  --tiers LIST         CSV only: tier order, comma-separated, sources first\n"       \
    "                       (default: inferred from the edges)\n"                         \
    "  --name NAME          CSV only: the network's name\n"                               \
    "  --unit UNIT, --year YEAR, --source TEXT, --description TEXT\n"                     \
    "                       CSV only: the network's metadata\n"                           \
    "  --meta FILE          CSV only: the metadata file (default: network.json\n"         \
    "                       beside the nodes file, when there is one)\n"                  \
    "  --separator SEP      CSV only: ',', ';' or tab (default: from the header)\n"       \
    "  --max-errors N       list up to N errors of the input (default 20)\n"          \
    "  --input-format F     json, csv, graphml or gexf (default: two files are CSV,\n" \
    "                       .graphml is GraphML, .gexf GEXF, anything else JSON)\n"

typedef struct {
    ckp_load_options load;
    long long max_errors;
} ckp_cli_netopts;

void ckp_cli_netopts_init(ckp_cli_netopts *o);

/*
 * Take option `c` (getopt's value) with `arg`: 1 when it is a network option,
 * 0 when not one, -1 on a bad value (the usage error printed).
 */
int ckp_cli_netopt(ckp_cli_netopts *o, const char *command, int c, const char *arg);

#endif
