/*
 * chokepoint: where a supply chain can break.
 * The command table (commands.c) drives dispatch and --help.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void print_help(FILE *f)
{
    fputs(ckp_cli_help_head, f);
    for (size_t i = 0; i < ckp_cli_command_count; i++)
        fprintf(f, "  %-10s %s\n", ckp_cli_commands[i].name, ckp_cli_commands[i].summary);
    fputs(ckp_cli_help_tail, f);
}

static int print_version(int verbose)
{
    printf("chokepoint %s\n", ckp_version());
    if (verbose)
        printf("built with igraph %s, graphviz %s, cjson %s\n", ckp_igraph_version(),
               ckp_graphviz_version(), ckp_cjson_version());
    return 0;
}

/* A checked close of stdout: a full disk must not pass for success. */
static int finish(int rc)
{
    if (fclose(stdout) != 0 && rc == 0) {
        fprintf(stderr, "chokepoint: cannot write to standard output: %s\n", strerror(errno));
        return CKP_EIO;
    }
    return rc;
}

/* Take --quiet and --progress out of the arguments (before any "--"), for every command. */
static int take_quiet(int argc, char **argv, int *progress)
{
    int n = 1;
    for (int a = 1, rest = 0; a < argc; a++) {
        rest |= !strcmp(argv[a], "--");
        if (!rest && !strcmp(argv[a], "--quiet"))
            ckp_cli_quiet = 1;
        else if (!rest && !strcmp(argv[a], "--progress"))
            *progress = 1;
        else
            argv[n++] = argv[a];
    }
    argv[n] = NULL;
    return n;
}

int main(int argc, char **argv)
{
    int progress = 0;
    argc = take_quiet(argc, argv, &progress);
    ckp_cli_progress(progress);
    if (argc < 2) {
        print_help(stderr);
        return CKP_EUSAGE;
    }
    const char *first = argv[1];
    if (!strcmp(first, "--help") || !strcmp(first, "-h") || !strcmp(first, "help")) {
        if (argc > 2 && strcmp(first, "help") == 0) {
            for (size_t i = 0; i < ckp_cli_command_count; i++)
                if (!strcmp(argv[2], ckp_cli_commands[i].name)) {
                    fputs(ckp_cli_commands[i].usage, stdout);
                    return finish(0);
                }
            return ckp_cli_usage(NULL, "unknown command '%s'", argv[2]);
        }
        print_help(stdout);
        return finish(0);
    }
    if (!strcmp(first, "--version") || !strcmp(first, "-V")) {
        int verbose = argc > 2 && (!strcmp(argv[2], "--verbose") || !strcmp(argv[2], "-v"));
        return finish(print_version(verbose));
    }
    if (!strcmp(first, "__complete")) /* hidden: the completion scripts' end-user ids */
        return finish(ckp_cli_complete(argc - 2, argv + 2));
    for (size_t i = 0; i < ckp_cli_command_count; i++) {
        if (strcmp(first, ckp_cli_commands[i].name))
            continue;
        for (int a = 2; a < argc; a++) {
            if (!strcmp(argv[a], "--"))
                break;
            if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
                fputs(ckp_cli_commands[i].usage, stdout);
                return finish(0);
            }
        }
        return finish(ckp_cli_commands[i].fn(argc - 1, argv + 1));
    }
    if (first[0] == '-')
        return ckp_cli_usage(NULL, "unknown option '%s'", first);
    return ckp_cli_usage(NULL, "unknown command '%s'", first);
}
