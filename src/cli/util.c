#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "chokepoint/io.h"
#include "chokepoint/progress.h"
#include "cli.h"

static ckp_progress_meter meter; /* the progress line: cleared before an error */

int ckp_cli_fail(const ckp_error *err)
{
    char msg[2200];
    fputs(ckp_progress_clear(&meter), stderr);
    fprintf(stderr, "chokepoint: %s\n", ckp_error_format(msg, sizeof msg, err));
    return err->code ? (int)err->code : CKP_EINTERNAL;
}

int ckp_cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    fputs("chokepoint: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'chokepoint %s%s--help'.\n", command ? command : "",
            command ? " " : "");
    return CKP_EUSAGE;
}

int ckp_cli_quiet;

void ckp_cli_warn(const ckp_messages *warnings)
{
    for (igraph_integer_t i = 0; i < warnings->n && !ckp_cli_quiet; i++)
        fprintf(stderr, "chokepoint: warning: %s\n", warnings->items[i]);
}

int ckp_cli_parse_format(ckp_format *out, const char *command, const char *value, int allowed)
{
    static const char *const names[] = {"text", "json", "csv"};
    for (int f = 0; f < 3; f++)
        if (!strcmp(value, names[f]) && (allowed & (1 << f))) {
            *out = (ckp_format)f;
            return 0;
        }
    char list[64] = "";
    for (int f = 0; f < 3; f++)
        if (allowed & (1 << f)) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", names[f]);
        }
    ckp_cli_usage(command, "unknown format '%s': use %s", value, list);
    return -1;
}

int ckp_cli_parse_output(const char **out, const char *command, const char *value)
{
    if (!*value) {
        ckp_cli_usage(command, "-o wants a path, not an empty one");
        return -1;
    }
    *out = value;
    return 0;
}

int ckp_cli_parse_count(long long *out, const char *command, const char *option,
                        const char *value)
{
    char *end;
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (end == value || *end || v < 0 || errno == ERANGE) {
        ckp_cli_usage(command, "%s wants a whole number of 0 or more, not '%s'", option, value);
        return -1;
    }
    *out = v;
    return 0;
}

int ckp_cli_parse_max_nodes(long long *out, const char *command, const char *value)
{
    long long v;
    if (ckp_cli_parse_count(&v, command, "--max-nodes", value))
        return -1;
    if (v > 3000) {
        ckp_cli_usage(command, "--max-nodes %lld is over 3000: Graphviz would take minutes to "
                               "lay such a diagram out",
                      v);
        return -1;
    }
    *out = v;
    return 0;
}

int ckp_cli_parse_color(ckp_render_color *out, const char *command, const char *value)
{
    if (!strcmp(value, "country"))
        *out = CKP_COLOR_BY_COUNTRY;
    else if (!strcmp(value, "risk"))
        *out = CKP_COLOR_BY_RISK;
    else {
        ckp_cli_usage(command, "unknown colouring '%s': country or risk", value);
        return -1;
    }
    return 0;
}

int ckp_cli_parse_print(double *width, double *height, double *font_size, int c,
                        const char *command, const char *value)
{
    ckp_error err;
    char *end = NULL;
    ckp_error_init(&err);
    if (c == 'Z')
        return ckp_page_size_parse(width, height, value, &err)
                   ? ckp_cli_usage(command, "--size: %s", err.message), -1
                   : 0;
    double v = strtod(value, &end);
    if (end == value || *end || !(v >= CKP_PAGE_MIN_TEXT && v <= 72))
        return ckp_cli_usage(command, "--font-size '%s': points, from 6 to 72", value), -1;
    *font_size = v;
    return 0;
}

int ckp_cli_emit(ckp_buf *b, const char *output)
{
    ckp_error err;
    ckp_error_init(&err);
    if (ckp_buf_write(b, output, &err))
        return ckp_cli_fail(&err);
    return 0;
}

const char *ckp_cli_input_name(char *out, size_t size, char **paths, int npaths)
{
    snprintf(out, size, "%s%s%s", paths[0], npaths > 1 ? " + " : "", npaths > 1 ? paths[1] : "");
    return out;
}

/* Each error of a list on its own line, then how many more were found. */
static void print_list(const ckp_error_list *list, const char *kind)
{
    char msg[2200];
    if (ckp_cli_quiet && kind[0] == 'w')
        return;
    for (size_t i = 0; i < list->count; i++)
        fprintf(stderr, "chokepoint: %s%s\n", kind[0] == 'w' ? "warning: " : "",
                ckp_error_format(msg, sizeof msg, &list->items[i]));
    if (list->total > list->count)
        fprintf(stderr, "chokepoint: and %zu more %s%s\n", list->total - list->count, kind,
                kind[0] == 'e' ? " (--max-errors N lists more)" : "");
}

int ckp_cli_load(ckp_network **out, char **paths, int npaths, const ckp_cli_netopts *opts)
{
    ckp_error err;
    ckp_error_list errors, warnings;
    ckp_error_init(&err);
    ckp_error_list_init(&errors, (size_t)opts->max_errors);
    ckp_error_list_init(&warnings, 20);
    ckp_load_options lopts = opts->load;
    lopts.errors = &errors;
    lopts.warnings = &warnings;
    int rc = 0;
    if (ckp_load_network(out, (const char *const *)paths, (size_t)npaths, &lopts, &err)) {
        if (errors.count)
            print_list(&errors, "errors");
        rc = errors.count ? (int)err.code : ckp_cli_fail(&err);
    } else {
        print_list(&warnings, "warnings");
    }
    ckp_error_list_destroy(&errors);
    ckp_error_list_destroy(&warnings);
    return rc;
}

/* How many leading positional arguments name the network: two CSV files, or one. */
int ckp_cli_network_paths(char **args, int n)
{
    size_t l0 = n > 0 ? strlen(args[0]) : 0, l1 = n > 1 ? strlen(args[1]) : 0;
    if (n > 1 && l0 > 4 && l1 > 4 && !strcasecmp(args[0] + l0 - 4, ".csv") &&
        !strcasecmp(args[1] + l1 - 4, ".csv"))
        return 2;
    return n > 0 ? 1 : 0;
}

const char *ckp_cli_command_line(char *out, size_t size, const char *command, int argc,
                                 char **argv)
{
    size_t used = (size_t)snprintf(out, size, "chokepoint %s", command);
    for (int i = 1; i < argc && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, " %s", argv[i]);
    return out;
}

int ckp_cli_xlsx_output(const char *command, const char *output)
{
    size_t n = output ? strlen(output) : 0;
    if (n > 5 && !strcasecmp(output + n - 5, ".xlsx"))
        return 0;
    return ckp_cli_usage(command, "--format xlsx wants -o FILE.xlsx%s%s%s", output ? ", not '" : "",
                         output ? output : "", output ? "'" : "");
}

/* The progress (main.c starts it): drawn on a terminal after 2 s, or asked for in a log. */
static void draw(void *ctx, const char *stage, long long done, long long total)
{
    char line[256];
    if (ckp_progress_line(line, sizeof line, ctx, stage, done, total))
        fputs(line, stderr);
}

void ckp_cli_progress(int forced)
{
    ckp_progress_meter_init(&meter, isatty(STDERR_FILENO), 2);
    if (!ckp_cli_quiet && (forced || meter.tty))
        ckp_progress_set(draw, &meter);
}

int ckp_cli_complete(int npaths, char **paths)
{
    ckp_cli_netopts o;
    ckp_network *net = NULL;
    ckp_buf b;
    ckp_cli_netopts_init(&o);
    ckp_buf_init(&b);
    int rc = npaths < 1 || npaths > 2 ? CKP_EUSAGE : ckp_cli_load(&net, paths, npaths, &o);
    if (!rc) {
        ckp_network_write_end_users(&b, net);
        rc = ckp_cli_emit(&b, NULL);
    }
    ckp_buf_destroy(&b);
    ckp_network_free(net);
    return rc;
}

/* --duration's value: days above 0, at most a million. */
int ckp_cli_parse_duration(double *out, const char *command, const char *value)
{
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (end == value || *end || errno || !(v > 0) || v > 1e6)
        return ckp_cli_usage(command, "--duration '%s': give a number of days above 0 and "
                             "at most 1000000", value);
    *out = v;
    return 0;
}
