/* The chokepoint command line: shared declarations. */
#ifndef CKP_CLI_H
#define CKP_CLI_H

#include "chokepoint/buf.h"
#include "chokepoint/format.h"
#include "chokepoint/analysis.h"
#include "chokepoint/render.h"
#include "chokepoint/common.h"
#include "chokepoint/export.h"
#include "chokepoint/load.h"
#include "chokepoint/network.h"
#include "chokepoint/scenario.h"
#include "options.h"

/* Exit codes equal ckp_code values; see docs/cli.md. */

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
    const char *usage; /* full help text of the command */
} ckp_command;

/* The commands (commands.c), and chokepoint --help around their list. */
extern const ckp_command ckp_cli_commands[];
extern const size_t ckp_cli_command_count;
extern const char ckp_cli_help_head[];
extern const char ckp_cli_help_tail[];

/* Print "chokepoint: <file:line:col: message>" to stderr; return the exit code. */
int ckp_cli_fail(const ckp_error *err);
/* Print a usage error ("chokepoint: msg" + a hint); return CKP_EUSAGE. */
int ckp_cli_usage(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Print each message as "chokepoint: warning: ..." on stderr, unless --quiet. */
void ckp_cli_warn(const ckp_messages *warnings);

/* Parse --format's value; `allowed` is a mask of 1 << ckp_format. */
int ckp_cli_parse_format(ckp_format *out, const char *command, const char *value, int allowed);

/*
 * Take -o's value: any path but the empty one, which would only fail after
 * the work, as a write error. On it, prints the usage error and returns -1.
 */
int ckp_cli_parse_output(const char **out, const char *command, const char *value);
/* Parse a non-negative integer option value. */
int ckp_cli_parse_count(long long *out, const char *command, const char *option,
                        const char *value);

/* --duration's value: days above 0, at most a million. */
int ckp_cli_parse_duration(double *out, const char *command, const char *value);

/* The diagram options render and report share: --max-nodes (at most 3000) and --color. */
int ckp_cli_parse_max_nodes(long long *out, const char *command, const char *value);
int ckp_cli_parse_color(ckp_render_color *out, const char *command, const char *value);
/* --size PAGE ('Z') into *width and *height, points; --font-size PT ('F', 6 to 72). */
#define CKP_CLI_OPT_PRINT                                                                     \
    {"size", required_argument, NULL, 'Z'}, {"font-size", required_argument, NULL, 'F'}
int ckp_cli_parse_print(double *width, double *height, double *font_size, int c,
                        const char *command, const char *value);

/* Write `b` whole to `output` (NULL: stdout); the exit code, the error printed. */
int ckp_cli_emit(ckp_buf *b, const char *output);

/* The input's name for a text output's "file" line: "A.json", or "N.csv + E.csv". */
const char *ckp_cli_input_name(char *out, size_t size, char **paths, int npaths);

/*
 * Load the network named by the positional arguments. Prints what the load
 * doubts as warnings, and on failure up to --max-errors errors of the input
 * ("and N more" after them); returns the exit code of the first.
 */
int ckp_cli_load(ckp_network **out, char **paths, int npaths, const ckp_cli_netopts *opts);

int ckp_cmd_check(int argc, char **argv);
extern const char ckp_check_usage[];
int ckp_cmd_analyze(int argc, char **argv);
extern const char ckp_analyze_usage[];
int ckp_cmd_scenario(int argc, char **argv);
extern const char ckp_scenario_usage[];
int ckp_cmd_compare(int argc, char **argv);
extern const char ckp_compare_usage[];
int ckp_cmd_render(int argc, char **argv);
extern const char ckp_render_usage[];
int ckp_cmd_report(int argc, char **argv);
int ckp_cmd_stress(int argc, char **argv);
extern const char ckp_stress_usage[];
int ckp_cmd_convert(int argc, char **argv);
extern const char ckp_convert_usage[];
extern const char ckp_report_usage[];

/* How many leading positional arguments name the network: two .csv files, or one. */
int ckp_cli_network_paths(char **args, int n);

/* "chokepoint COMMAND ARGS...", for a workbook's metadata sheet, into out. */
const char *ckp_cli_command_line(char *out, size_t size, const char *command, int argc,
                                 char **argv);
/* 0 when `output` is a FILE.xlsx, else the usage error printed and returned. */
int ckp_cli_xlsx_output(const char *command, const char *output);

/* --quiet (main.c takes it from any command's arguments): warnings are not printed. */
extern int ckp_cli_quiet;
/* --progress forced or stderr a terminal, and not --quiet: the library's progress drawn. */
void ckp_cli_progress(int forced);
/* chokepoint __complete NETWORK: its end users' ids, for the completion scripts. */
int ckp_cli_complete(int npaths, char **paths);

#endif
