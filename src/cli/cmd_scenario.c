/* chokepoint scenario: the network before and after a shock, side by side. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chokepoint/flow.h"
#include "chokepoint/whatif.h"
#include "cli.h"

const char ckp_scenario_usage[] =
    "usage: chokepoint scenario [OPTIONS] NETWORK [SCENARIO.json]\n"
    "\n"
    "Applies a disruption (a scenario file, command-line shocks, or both) and reports\n"
    "the baseline and the scenario side by side: demand, served, shortfall; what each\n"
    "end user can still receive at most; single points of failure that appear or\n"
    "disappear; the origin of each end user's supply after the shock.\n"
    "Scenario files: docs/scenarios.md. NETWORK may be NODES.csv EDGES.csv.\n"
    "\n"
    "options:\n"
    "  --remove NODE          take a node out (repeatable)\n"
    "  --remove-country CC    take every node of a country out (repeatable)\n"
    "  --embargo FROM:TO      cut every edge from FROM's nodes to TO's (CN:JP);\n"
    "                         TO '*' is every other country (repeatable)\n"
    "  --capacity NODE=F x    scale a node's capacity (mp_sep=0.5x) or set it\n"
    "                         (mp_sep=2000) (repeatable)\n"
    "  --format text|json     output format (default text)\n"
    "  -o, --output FILE      write the output to FILE (whole or not at all)\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

/* How many leading positional arguments name the network: two CSV files, or one. */
int ckp_cli_network_paths(char **args, int n)
{
    size_t l0 = n > 0 ? strlen(args[0]) : 0, l1 = n > 1 ? strlen(args[1]) : 0;
    if (n > 1 && l0 > 4 && l1 > 4 && !strcasecmp(args[0] + l0 - 4, ".csv") &&
        !strcasecmp(args[1] + l1 - 4, ".csv"))
        return 2;
    return n > 0 ? 1 : 0;
}

void ckp_cli_origin_shares(ckp_buf *b, const ckp_network *net, const ckp_dependency *d,
                           igraph_integer_t k, igraph_integer_t t)
{
    const ckp_tier_origin *o = &d->tiers[t];
    int printed = 0;
    char *done = calloc((size_t)(o->n_countries ? o->n_countries : 1), 1);
    for (; done;) {
        igraph_integer_t best = -1;
        for (igraph_integer_t c = 0; c < o->n_countries; c++) {
            double s = o->shares[k * o->n_countries + c];
            if (!done[c] && s >= 5e-4 && (best < 0 || s > o->shares[k * o->n_countries + best]))
                best = c;
        }
        if (best < 0)
            break;
        done[best] = 1;
        double s = o->shares[k * o->n_countries + best];
        ckp_buf_printf(b, "%s%s %.1f%%", printed++ ? ", " : "",
                       ckp_network_country_name(net, o->countries[best]), 100 * s);
    }
    free(done);
    double unattributed = ckp_dependency_unattributed(d, k, t);
    if (unattributed >= 5e-4)
        ckp_buf_printf(b, "%sunattributed %.1f%%", printed ? ", " : "", 100 * unattributed);
    else if (!printed)
        ckp_buf_puts(b, "-");
}

/* Position of node `id` among a dependency's end users, or -1. */
static igraph_integer_t dep_index(const ckp_network *net, const ckp_dependency *d, const char *id)
{
    for (igraph_integer_t k = 0; k < d->n_end_users; k++)
        if (!strcmp(ckp_node_id(net, d->end_users[k]), id))
            return k;
    return -1;
}

static double pct(double part, double whole)
{
    return whole > 0 ? 100 * part / whole : 0;
}

static void text_report(ckp_buf *b, const ckp_network *net, const ckp_scenario *s,
                        const ckp_scenario_report *r, const char *file)
{
    char x[64], y[64], z[64];
    ckp_buf_printf(b, "scenario   %s\n", s->name);
    if (s->description)
        ckp_buf_printf(b, "           %s\n", s->description);
    if (s->source)
        ckp_buf_printf(b, "source     %s\n", s->source);
    ckp_buf_printf(b, "network    %s (%s)\n", ckp_network_name(net), file);
    ckp_buf_printf(b, "shock      %lld nodes and %lld edges taken out", (long long)r->removed_nodes,
                   (long long)r->removed_edges);
    for (igraph_integer_t i = 0; i < s->n_embargoes; i++)
        ckp_buf_printf(b, "%s embargo %s->%s", i ? "," : ";", s->embargoes[i].from,
                       s->embargoes[i].to);
    for (igraph_integer_t i = 0; i < s->n_capacity; i++) {
        if (isnan(s->capacity[i].factor))
            ckp_buf_printf(b, "%s %s capacity %s", i ? "," : ";", s->capacity[i].node,
                           ckp_fmt_amount(x, sizeof x, s->capacity[i].capacity));
        else
            ckp_buf_printf(b, "%s %s capacity x%g", i ? "," : ";", s->capacity[i].node,
                           s->capacity[i].factor);
    }
    ckp_buf_puts(b, "\n\n");
    double base_short = ckp_round_flow(r->demand - r->baseline_served);
    double short_ = ckp_round_flow(r->demand - r->served);
    ckp_buf_printf(b, "%-22s %14s %14s\n", "", "baseline", "scenario");
    ckp_buf_printf(b, "%-22s %14s %14s\n", "demand", ckp_fmt_amount(x, sizeof x, r->demand),
                   ckp_fmt_amount(y, sizeof y, r->demand));
    ckp_buf_printf(b, "%-22s %14s %14s\n", "served", ckp_fmt_amount(x, sizeof x, r->baseline_served),
                   ckp_fmt_amount(y, sizeof y, r->served));
    ckp_buf_printf(b, "%-22s %14s %14s\n", "shortfall", ckp_fmt_amount(x, sizeof x, base_short),
                   ckp_fmt_amount(y, sizeof y, short_));
    ckp_buf_printf(b, "%-22s %13.1f%% %13.1f%%\n", "shortfall share", pct(base_short, r->demand),
                   pct(short_, r->demand));
    ckp_buf_printf(b, "%-22s %14lld %14lld\n", "single points of failure",
                   (long long)r->spofs_baseline, (long long)r->spofs_scenario);

    ckp_buf_puts(b, "\nend users: the most each can receive alone\n");
    ckp_buf_printf(b, "  %-24s %10s %10s %10s %10s\n", "end user", "demand", "baseline", "scenario",
                   "change");
    for (igraph_integer_t k = 0; k < r->n_end_users; k++) {
        const ckp_user_impact *u = &r->end_users[k];
        ckp_buf_printf(b, "  %-24s %10s %10s %10s %10s\n", ckp_node_id(net, u->node),
                       ckp_fmt_amount(x, sizeof x, u->demand),
                       ckp_fmt_amount(y, sizeof y, u->baseline_max),
                       ckp_fmt_amount(z, sizeof z, u->scenario_max),
                       ckp_fmt_amount((char[64]){0}, 64,
                                      ckp_round_flow(u->scenario_max - u->baseline_max)));
    }
    ckp_buf_puts(b, "\nsingle points of failure\n  appear:    ");
    for (igraph_integer_t i = 0; i < r->n_appear; i++)
        ckp_buf_printf(b, "%s%s", i ? ", " : "", ckp_node_id(net, r->appear[i]));
    ckp_buf_puts(b, r->n_appear ? "\n  disappear: " : "-\n  disappear: ");
    for (igraph_integer_t i = 0; i < r->n_disappear; i++)
        ckp_buf_printf(b, "%s%s", i ? ", " : "", ckp_node_id(net, r->disappear[i]));
    ckp_buf_puts(b, r->n_disappear ? "\n" : "-\n");

    ckp_buf_puts(b, "\norigin of each end user's inflow, before -> after the shock\n");
    const ckp_dependency *bd = &r->baseline_origin, *sd = &r->scenario_origin;
    for (igraph_integer_t k = 0; k < bd->n_end_users; k++) {
        const char *id = ckp_node_id(net, bd->end_users[k]);
        igraph_integer_t sk = dep_index(r->shocked, sd, id);
        ckp_buf_printf(b, "  %s\n", id);
        for (igraph_integer_t t = 0; t < bd->n_tiers; t++) {
            ckp_buf_printf(b, "    %-14s ", ckp_network_tier_name(net, t));
            ckp_cli_origin_shares(b, net, bd, k, t);
            ckp_buf_puts(b, "\n    ");
            ckp_buf_printf(b, "%-14s ", "");
            ckp_buf_puts(b, "-> ");
            if (sk < 0)
                ckp_buf_puts(b, "(removed)");
            else
                ckp_cli_origin_shares(b, r->shocked, sd, sk, t);
            ckp_buf_puts(b, "\n");
        }
    }
}

static void json_shares(cJSON *obj, const char *key, const ckp_network *net,
                        const ckp_dependency *d, igraph_integer_t k, igraph_integer_t t)
{
    cJSON *shares = cJSON_AddObjectToObject(obj, key);
    if (k < 0)
        return;
    const ckp_tier_origin *o = &d->tiers[t];
    for (igraph_integer_t c = 0; c < o->n_countries; c++) {
        double s = o->shares[k * o->n_countries + c];
        if (s > 0)
            ckp_json_number(shares, ckp_network_country_name(net, o->countries[c]), s);
    }
}

static cJSON *json_report(const ckp_network *net, const ckp_scenario *s,
                          const ckp_scenario_report *r)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "schema_version", 1);
    cJSON *js = cJSON_AddObjectToObject(doc, "scenario");
    cJSON_AddStringToObject(js, "name", s->name);
    if (s->description)
        cJSON_AddStringToObject(js, "description", s->description);
    if (s->source)
        cJSON_AddStringToObject(js, "source", s->source);
    cJSON_AddNumberToObject(js, "removed_nodes", (double)r->removed_nodes);
    cJSON_AddNumberToObject(js, "removed_edges", (double)r->removed_edges);
    cJSON *jn = cJSON_AddObjectToObject(doc, "network");
    cJSON_AddStringToObject(jn, "name", ckp_network_name(net));
    cJSON_AddStringToObject(jn, "unit", ckp_network_unit(net));
    cJSON *sup = cJSON_AddObjectToObject(doc, "supply");
    ckp_json_number(sup, "demand", r->demand);
    ckp_json_number(sup, "served", r->served);
    ckp_json_number(sup, "baseline_served", r->baseline_served);
    ckp_json_number(sup, "shortfall", ckp_round_flow(r->demand - r->served));
    ckp_json_number(sup, "shortfall_share",
                    r->demand > 0 ? ckp_round_flow(r->demand - r->served) / r->demand : 0);
    cJSON *users = cJSON_AddArrayToObject(doc, "end_users");
    for (igraph_integer_t k = 0; k < r->n_end_users; k++) {
        const ckp_user_impact *u = &r->end_users[k];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddItemToArray(users, j);
        cJSON_AddStringToObject(j, "id", ckp_node_id(net, u->node));
        ckp_json_number(j, "demand", u->demand);
        ckp_json_number(j, "baseline_max", u->baseline_max);
        ckp_json_number(j, "scenario_max", u->scenario_max);
    }
    cJSON *sp = cJSON_AddObjectToObject(doc, "single_points_of_failure");
    cJSON_AddNumberToObject(sp, "baseline", (double)r->spofs_baseline);
    cJSON_AddNumberToObject(sp, "scenario", (double)r->spofs_scenario);
    cJSON *ap = cJSON_AddArrayToObject(sp, "appear");
    for (igraph_integer_t i = 0; i < r->n_appear; i++)
        cJSON_AddItemToArray(ap, cJSON_CreateString(ckp_node_id(net, r->appear[i])));
    cJSON *di = cJSON_AddArrayToObject(sp, "disappear");
    for (igraph_integer_t i = 0; i < r->n_disappear; i++)
        cJSON_AddItemToArray(di, cJSON_CreateString(ckp_node_id(net, r->disappear[i])));
    cJSON *dep = cJSON_AddArrayToObject(doc, "dependency");
    const ckp_dependency *bd = &r->baseline_origin, *sd = &r->scenario_origin;
    for (igraph_integer_t k = 0; k < bd->n_end_users; k++) {
        const char *id = ckp_node_id(net, bd->end_users[k]);
        igraph_integer_t sk = dep_index(r->shocked, sd, id);
        for (igraph_integer_t t = 0; t < bd->n_tiers; t++) {
            cJSON *j = cJSON_CreateObject();
            cJSON_AddItemToArray(dep, j);
            cJSON_AddStringToObject(j, "end_user", id);
            cJSON_AddStringToObject(j, "tier", ckp_network_tier_name(net, t));
            json_shares(j, "baseline", net, bd, k, t);
            json_shares(j, "scenario", r->shocked, sd, sk, t);
        }
    }
    cJSON *w = cJSON_AddArrayToObject(doc, "warnings");
    for (igraph_integer_t i = 0; i < r->warnings.n; i++)
        cJSON_AddItemToArray(w, cJSON_CreateString(r->warnings.items[i]));
    return doc;
}

typedef struct {
    int kind;
    const char *value;
} shock_arg;

int ckp_cmd_scenario(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
        {"remove", required_argument, NULL, 'r'},   {"remove-country", required_argument, NULL, 'c'},
        {"embargo", required_argument, NULL, 'e'},  {"capacity", required_argument, NULL, 'k'},
        CKP_CLI_NETOPTS, {NULL, 0, NULL, 0},
    };
    ckp_format format = CKP_FORMAT_TEXT;
    const char *output = NULL;
    int rc, c, nshocks = 0;
    shock_arg *shocks = calloc((size_t)argc, sizeof *shocks);
    ckp_cli_netopts lopts;
    int taken;
    ckp_cli_netopts_init(&lopts);
    if (!shocks)
        return CKP_EINTERNAL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (ckp_cli_parse_format(&format, "scenario", optarg,
                                     1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON)) {
                free(shocks);
                return CKP_EUSAGE;
            }
            break;
        case 'o':
            if (ckp_cli_parse_output(&output, "scenario", optarg)) {
                free(shocks);
                return CKP_EUSAGE;
            }
            break;
        case 'r':
        case 'c':
        case 'e':
        case 'k':
            shocks[nshocks++] = (shock_arg){c, optarg};
            break;
        default:
            if ((taken = ckp_cli_netopt(&lopts, "scenario", c, optarg)) != 0) {
                if (taken < 0)
                    return CKP_EUSAGE;
                break;
            }
            free(shocks);
            return ckp_cli_usage("scenario", "unknown or incomplete option '%s'",
                                 argv[optind - 1]);
        }
    }
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    int nscen = npos - npaths;
    if (npaths == 0 || nscen > 1 || (nscen == 0 && nshocks == 0)) {
        free(shocks);
        return ckp_cli_usage("scenario", npaths == 0 ? "no network given"
                                         : nscen > 1 ? "give one scenario file at most"
                                                     : "no shock given: a scenario file or "
                                                       "--remove, --remove-country, --embargo, "
                                                       "--capacity");
    }
    ckp_network *net = NULL;
    ckp_scenario *s = NULL;
    ckp_scenario_report r;
    ckp_error err;
    ckp_error_init(&err);
    memset(&r, 0, sizeof r);
    if ((rc = ckp_cli_load(&net, argv + optind, npaths, &lopts)))
        goto done;
    const char *scen_path = nscen ? argv[optind + npaths] : NULL;
    if (scen_path ? ckp_scenario_load(&s, net, scen_path, &err)
                  : ckp_scenario_new(&s, "command line", &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    for (int i = 0; i < nshocks; i++) {
        const char *v = shocks[i].value;
        ckp_code cr = shocks[i].kind == 'r'   ? ckp_scenario_add_node(s, net, v, &err)
                      : shocks[i].kind == 'c' ? ckp_scenario_add_country(s, net, v, &err)
                      : shocks[i].kind == 'e' ? ckp_scenario_add_embargo(s, net, v, &err)
                                              : ckp_scenario_add_capacity(s, net, v, &err);
        if (cr) {
            if (cr == CKP_EUSAGE) {
                rc = ckp_cli_usage("scenario", "%s", err.message);
            } else {
                ckp_error_prefix(&err, "%s: ", shocks[i].kind == 'r'   ? "--remove"
                                               : shocks[i].kind == 'c' ? "--remove-country"
                                               : shocks[i].kind == 'e' ? "--embargo"
                                                                       : "--capacity");
                rc = ckp_cli_fail(&err);
            }
            goto done;
        }
    }
    if (ckp_scenario_run(&r, net, s, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    for (igraph_integer_t i = 0; i < r.warnings.n; i++)
        fprintf(stderr, "chokepoint: warning: %s\n", r.warnings.items[i]);
    if (format == CKP_FORMAT_JSON) {
        rc = ckp_cli_emit_json(json_report(net, s, &r), output);
    } else {
        ckp_buf b;
        ckp_buf_init(&b);
        text_report(&b, net, s, &r, argv[optind]);
        rc = ckp_cli_emit(&b, output);
        ckp_buf_destroy(&b);
    }
done:
    free(shocks);
    ckp_scenario_report_destroy(&r);
    ckp_scenario_free(s);
    ckp_network_free(net);
    return rc;
}
