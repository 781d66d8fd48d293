/*
 * The options several commands share, from one table and one parser:
 * --format, -o/--output, --plan, --scenario, --exact-limit, --end-user and
 * the network options (netopts.h). A command lists the ones it takes in its
 * getopt table (CKP_CLI_OPT_* entries) and its loop calls ckp_cli_next,
 * which parses those and hands back only the command's own options.
 * --format xlsx (CKP_CLI_XLSX) is checked for its -o FILE.xlsx at the end.
 */
#ifndef CKP_CLI_OPTIONS_H
#define CKP_CLI_OPTIONS_H

#include <getopt.h>

#include "chokepoint/export.h"
#include "netopts.h"

enum {
    CKP_OPT_FORMAT = 0x1100, /* past the network options */
    CKP_OPT_PLAN,
    CKP_OPT_SCENARIO,
    CKP_OPT_EXACT_LIMIT,
    CKP_OPT_END_USER,
    CKP_OPT_END
};

#define CKP_CLI_OPT_FORMAT {"format", required_argument, NULL, CKP_OPT_FORMAT}
#define CKP_CLI_OPT_OUTPUT {"output", required_argument, NULL, 'o'}
#define CKP_CLI_OPT_PLAN {"plan", required_argument, NULL, CKP_OPT_PLAN}
#define CKP_CLI_OPT_SCENARIO {"scenario", required_argument, NULL, CKP_OPT_SCENARIO}
#define CKP_CLI_OPT_EXACT_LIMIT {"exact-limit", required_argument, NULL, CKP_OPT_EXACT_LIMIT}
#define CKP_CLI_OPT_END_USER {"end-user", required_argument, NULL, CKP_OPT_END_USER}

/* A `formats` mask for render: --format names a figure format (svg, png, pdf, dot). */
#define CKP_CLI_FIGURE_FORMATS (1 << 8)
/* A `formats` bit: --format xlsx too, an Excel workbook, which wants -o FILE.xlsx. */
#define CKP_CLI_XLSX (1 << 9)
/* o->format for --format xlsx, past every ckp_format. */
#define CKP_CLI_FORMAT_XLSX 16

typedef struct {
    const char *command;      /* for usage errors */
    int formats;              /* --format's allowed values: a mask of 1 << ckp_format */
    int format;               /* a ckp_format (default text), or a ckp_figure_format (-1) */
    const char *output;       /* -o; NULL when not given */
    const char **plans, **scenarios, **end_users; /* as given, in order */
    int n_plans, n_scenarios, n_end_users;
    long long exact_limit;    /* default 5000 */
    int describe;             /* render --format json: what was written, as JSON on stdout */
    ckp_cli_netopts net;
} ckp_cli_opts;

/*
 * Ready `o` for a command's argv (the lists get room for every argument) and
 * reset getopt. CKP_EINTERNAL when out of memory, else 0.
 */
int ckp_cli_opts_init(ckp_cli_opts *o, const char *command, int formats, int argc);
void ckp_cli_opts_destroy(ckp_cli_opts *o);

/*
 * getopt_long over argv with the command's `longopts` (short options: -o):
 * the shared options are parsed into `o`; returns the next option of the
 * command's own, -1 at the end, or -2 on a usage error (printed).
 */
int ckp_cli_next(ckp_cli_opts *o, int argc, char **argv, const struct option *longopts);

/*
 * Whether `npaths` positional arguments name one network, for the commands
 * that take nothing else: 0 if so, else the usage error printed (CKP_EUSAGE).
 */
int ckp_cli_network_count(const ckp_cli_opts *o, int npaths);

#endif
