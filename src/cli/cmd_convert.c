/* chokepoint convert: a network in another form (JSON, the CSV pair, GraphML, GEXF). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chokepoint/materials.h"
#include "cli.h"

const char ckp_convert_usage[] =
    "usage: chokepoint convert [OPTIONS] NETWORK -o OUT.json|OUT.graphml|OUT.gexf\n"
    "       chokepoint convert [OPTIONS] NETWORK -o NODES.csv,EDGES.csv[,META.json]\n"
    "\n"
    "Writes a network it can read in another form, chosen by the output's name:\n"
    "one JSON file; a nodes file and an edges file, and the metadata file (name,\n"
    "unit, year, description, source, tiers, materials) when a third path is\n"
    "given, as it must be for a network with materials; GraphML (yEd, NetworkX,\n"
    "igraph); or GEXF 1.2 for Gephi, nodes coloured by country.\n"
    "The network is a JSON file, a CSV pair (a spreadsheet export, with --unit,\n"
    "--source and the like, or a network.json beside it) or a GraphML file.\n"
    "Every field is kept; each file is written whole or not at all.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT     the file(s) to write (required)\n" CKP_CLI_NETOPTS_HELP
    "\n"
    "exit codes: 0 written, 1 invalid input, 2 usage, 3 input missing,\n"
    "4 output not written.\n";

/* Split "a.csv,b.csv[,c.json]" into paths; the count, or 0 when it is not that. */
static int csv_outputs(char *copy, char *paths[3])
{
    int n = 0;
    for (char *p = copy, *next; p && n < 3; p = next, n++) {
        next = strchr(p, ',');
        if (next)
            *next++ = '\0';
        paths[n] = p;
        if (next && n == 2)
            return 0;
    }
    size_t l0 = strlen(paths[0]), l1 = n > 1 ? strlen(paths[1]) : 0;
    if (n < 2 || l0 < 5 || l1 < 5 || strcasecmp(paths[0] + l0 - 4, ".csv") ||
        strcasecmp(paths[1] + l1 - 4, ".csv"))
        return 0;
    return n;
}

static int write_one(const char *path, void (*writer)(ckp_buf *, const ckp_network *),
                     const ckp_network *net)
{
    ckp_buf b;
    ckp_error err;
    ckp_buf_init(&b);
    ckp_error_init(&err);
    writer(&b, net);
    int rc = ckp_buf_write(&b, path, &err) ? ckp_cli_fail(&err) : 0;
    ckp_buf_destroy(&b);
    return rc;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && !strcasecmp(s + n - m, suffix);
}

/* GraphML or GEXF, whose writers can fail. */
static int write_xml(const char *path, const ckp_network *net)
{
    ckp_buf b;
    ckp_error err;
    ckp_buf_init(&b);
    ckp_error_init(&err);
    int rc = ends_with(path, ".gexf") ? ckp_network_write_gexf(&b, net, &err)
                                      : ckp_network_write_graphml(&b, net, &err);
    rc = rc ? ckp_cli_fail(&err) : ckp_cli_emit(&b, path);
    ckp_buf_destroy(&b);
    return rc;
}

static int bad_output(const char *output)
{
    return ckp_cli_usage("convert", "-o wants FILE.json or NODES.csv,EDGES.csv[,META.json], "
                                    "not '%s'",
                         output);
}

static int write_network(const ckp_network *net, const char *output)
{
    if (ends_with(output, ".graphml") || ends_with(output, ".gexf"))
        return write_xml(output, net);
    if (!strchr(output, ','))
        return write_one(output, ckp_network_write_json, net);
    char *copy = strdup(output), *paths[3] = {NULL, NULL, NULL};
    if (!copy)
        return CKP_EINTERNAL;
    int n = csv_outputs(copy, paths), rc = 0;
    if (!n)
        rc = bad_output(output);
    else if (n == 2 && ckp_network_material_count(net) > 0) /* else it would not read back */
        rc = ckp_cli_usage("convert", "the network has materials, which go in a metadata file: "
                                      "give -o NODES.csv,EDGES.csv,META.json");
    else if (!(rc = write_one(paths[0], ckp_network_write_nodes_csv, net)) &&
             !(rc = write_one(paths[1], ckp_network_write_edges_csv, net)) && n == 3)
        rc = write_one(paths[2], ckp_network_write_meta_json, net);
    free(copy);
    return rc;
}

int ckp_cmd_convert(int argc, char **argv)
{
    static const struct option longopts[] = {
        CKP_CLI_OPT_OUTPUT,
        CKP_CLI_NETOPTS,
        {NULL, 0, NULL, 0},
    };
    ckp_cli_opts o;
    ckp_network *net = NULL;
    int rc = ckp_cli_opts_init(&o, "convert", 0, argc);
    /* convert has no options of its own */
    if (rc || (rc = ckp_cli_next(&o, argc, argv, longopts) < -1 ? CKP_EUSAGE : 0) ||
        (rc = ckp_cli_network_count(&o, argc - optind)))
        goto done;
    const char *output = o.output;
    if (!output)
        rc = ckp_cli_usage("convert", "no output: give -o FILE.json or -o NODES.csv,EDGES.csv");
    else if (!strchr(output, ',') && !ends_with(output, ".json") &&
             !ends_with(output, ".graphml") && !ends_with(output, ".gexf"))
        rc = ckp_cli_usage("convert", "-o wants FILE.json or NODES.csv,EDGES.csv[,META.json], "
                                      "FILE.graphml or FILE.gexf, not '%s'",
                           output);
    if (!rc && !(rc = ckp_cli_load(&net, argv + optind, argc - optind, &o.net)))
        rc = write_network(net, output);
done:
    ckp_network_free(net);
    ckp_cli_opts_destroy(&o);
    return rc;
}
