/* chokepoint compare: the baseline and each plan, under each scenario, side by side. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/flow.h"
#include "chokepoint/plan.h"
#include "chokepoint/whatif.h"
#include "cli.h"

const char ckp_compare_usage[] =
    "usage: chokepoint compare [OPTIONS] NETWORK --plan P.json ... [--scenario S.json ...]\n"
    "\n"
    "Evaluates the baseline network and each diversification plan, each under each\n"
    "scenario: served and shortfall, single points of failure, worst end-user\n"
    "redundancy, HHI per tier, and each end user's heaviest single-country\n"
    "dependence. Names the best plan under each scenario and the plan that is best\n"
    "in the worst case (the highest lowest served share). Files: docs/scenarios.md.\n"
    "\n"
    "options:\n"
    "  --plan FILE            a plan (repeatable; none: the baseline alone)\n"
    "  --scenario FILE        a scenario (repeatable)\n"
    "  --format text|json|csv output format (default text)\n"
    "  -o, --output FILE      write the output to FILE (whole or not at all)\n"
    "  --exact-limit N        exact redundancy up to N nodes (5000)\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

static double share(double served, double demand)
{
    return demand > 0 ? served / demand : 1;
}

static void text_report(ckp_buf *b, const ckp_network *net, const ckp_comparison *c)
{
    char x[64], y[64];
    int w = 8; /* the plan-name column: as wide as the longest name, within reason */
    for (igraph_integer_t p = 0; p < c->n_plans; p++)
        if ((int)strlen(c->plans[p].name) > w)
            w = (int)strlen(c->plans[p].name);
    if (w > 48)
        w = 48;
    ckp_buf_printf(b, "network    %s\n", ckp_network_name(net));
    ckp_buf_printf(b, "plans      %lld (with the baseline), scenarios %lld\n\n",
                   (long long)c->n_plans, (long long)c->n_scenarios);
    ckp_buf_printf(b, "%-*s %10s %10s %7s %6s %7s\n", w, "plan", "demand", "served", "served",
                   "SPOFs", "routes");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        const ckp_plan_result *r = &c->plans[p];
        char red[16];
        snprintf(red, sizeof red, "%s%lld", r->worst_redundancy_exact ? "" : ">=",
                 (long long)r->worst_redundancy);
        ckp_buf_printf(b, "%-*.*s %10s %10s %6.1f%% %6lld %7s\n", w, w, r->name,
                       ckp_fmt_amount(x, sizeof x, r->demand),
                       ckp_fmt_amount(y, sizeof y, r->served), 100 * share(r->served, r->demand),
                       (long long)r->spof_count, red);
    }
    if (c->n_scenarios) {
        ckp_buf_puts(b, "\nserved under each scenario (share of demand)\n");
        for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
            ckp_buf_printf(b, "  S%lld = %s\n", (long long)(s + 1), c->scenario_names[s]);
        }
        ckp_buf_printf(b, "%-*s", w, "plan");
        for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
            char head[16];
            snprintf(head, sizeof head, "S%lld", (long long)(s + 1));
            ckp_buf_printf(b, " %18s", head);
        }
        ckp_buf_puts(b, "\n");
        for (igraph_integer_t p = 0; p < c->n_plans; p++) {
            const ckp_plan_result *r = &c->plans[p];
            ckp_buf_printf(b, "%-*.*s", w, w, r->name);
            for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
                char cell[64];
                snprintf(cell, sizeof cell, "%s (%.1f%%)",
                         ckp_fmt_amount(x, sizeof x, r->scenario_served[s]),
                         100 * share(r->scenario_served[s], r->demand));
                ckp_buf_printf(b, " %18s", cell);
            }
            ckp_buf_puts(b, "\n");
        }
        ckp_buf_puts(b, "\nbest plan under each scenario\n");
        for (igraph_integer_t s = 0; s < c->n_scenarios; s++)
            ckp_buf_printf(b, "  S%lld  %s\n", (long long)(s + 1),
                           c->best_per_scenario[s] ? c->plans[c->best_per_scenario[s]].name
                                                   : "no plan does better than the baseline");
    }
    ckp_buf_printf(b, "\nbest in the worst case: %s\n",
                   c->best_worst_case ? c->plans[c->best_worst_case].name
                                      : "the baseline (no plan raises the worst case)");

    ckp_buf_puts(b, "\nHHI by tier (0-10000)\n");
    ckp_buf_printf(b, "%-*s", w, "plan");
    for (igraph_integer_t t = 0; t < ckp_network_tier_count(net); t++)
        ckp_buf_printf(b, " %11.11s", ckp_network_tier_name(net, t));
    ckp_buf_puts(b, "\n");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        const ckp_plan_result *r = &c->plans[p];
        ckp_buf_printf(b, "%-*.*s", w, w, r->name);
        for (igraph_integer_t t = 0; t < r->n_tiers; t++) {
            if (isnan(r->hhi[t]))
                ckp_buf_printf(b, " %11s", "-");
            else
                ckp_buf_printf(b, " %11.0f", r->hhi[t]);
        }
        ckp_buf_puts(b, "\n");
    }
    /* one row per end user, one column per plan (numbered as P0 = baseline, P1, ...) */
    ckp_buf_printf(b, "\nhow much of each end user's supply traces to %s (the largest share "
                      "at any tier)\n", c->dominant_country[0] ? c->dominant_country : "-");
    for (igraph_integer_t p = 0; p < c->n_plans; p++)
        ckp_buf_printf(b, "  P%lld = %s\n", (long long)p, c->plans[p].name);
    int uw = 8;
    for (igraph_integer_t k = 0; k < c->plans[0].n_end_users; k++)
        if ((int)strlen(c->plans[0].dependence[k].end_user) > uw)
            uw = (int)strlen(c->plans[0].dependence[k].end_user);
    for (int pass = 0; pass < 2; pass++) {
    if (pass)
        ckp_buf_printf(b, "\nthe most each end user could receive with every %s node lost "
                          "(share of its demand)\n", c->dominant_country);
    ckp_buf_printf(b, "  %-*s", uw, "end user");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        char head[16];
        snprintf(head, sizeof head, "P%lld", (long long)p);
        ckp_buf_printf(b, " %7s", head);
    }
    ckp_buf_puts(b, "\n");
    for (igraph_integer_t k = 0; k < c->plans[0].n_end_users; k++) {
        ckp_buf_printf(b, "  %-*s", uw, c->plans[0].dependence[k].end_user);
        for (igraph_integer_t p = 0; p < c->n_plans; p++) {
            /* plans may add or remove end users: match by id */
            const ckp_plan_result *r = &c->plans[p];
            const ckp_top_dependence *d = NULL;
            for (igraph_integer_t j = 0; j < r->n_end_users && !d; j++)
                if (!strcmp(r->dependence[j].end_user, c->plans[0].dependence[k].end_user))
                    d = &r->dependence[j];
            if (d)
                ckp_buf_printf(b, " %6.1f%%", 100 * (pass ? d->without_dominant : d->share));
            else
                ckp_buf_printf(b, " %7s", "-");
        }
        ckp_buf_puts(b, "\n");
    }
    }
}

static cJSON *json_report(const ckp_network *net, const ckp_comparison *c)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "schema_version", 1);
    cJSON_AddStringToObject(doc, "network", ckp_network_name(net));
    cJSON_AddStringToObject(doc, "dominant_country", c->dominant_country);
    cJSON *plans = cJSON_AddArrayToObject(doc, "plans");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        const ckp_plan_result *r = &c->plans[p];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddItemToArray(plans, j);
        cJSON_AddStringToObject(j, "name", r->name);
        ckp_json_number(j, "demand", r->demand);
        ckp_json_number(j, "served", r->served);
        ckp_json_number(j, "shortfall", ckp_round_flow(r->demand - r->served));
        cJSON_AddNumberToObject(j, "spof_count", (double)r->spof_count);
        cJSON_AddNumberToObject(j, "worst_redundancy", (double)r->worst_redundancy);
        cJSON_AddBoolToObject(j, "worst_redundancy_exact", r->worst_redundancy_exact);
        cJSON *hhi = cJSON_AddObjectToObject(j, "hhi");
        for (igraph_integer_t t = 0; t < r->n_tiers; t++)
            ckp_json_number(hhi, ckp_network_tier_name(net, t), r->hhi[t]);
        cJSON *dep = cJSON_AddArrayToObject(j, "dependence");
        for (igraph_integer_t k = 0; k < r->n_end_users; k++) {
            const ckp_top_dependence *d = &r->dependence[k];
            cJSON *jd = cJSON_CreateObject();
            cJSON_AddItemToArray(dep, jd);
            cJSON_AddStringToObject(jd, "end_user", d->end_user);
            if (d->tier >= 0)
                cJSON_AddStringToObject(jd, "tier", ckp_network_tier_name(net, d->tier));
            else
                cJSON_AddNullToObject(jd, "tier");
            ckp_json_number(jd, "share", d->share);
            ckp_json_number(jd, "without_dominant", d->without_dominant);
        }
        cJSON *sc = cJSON_AddArrayToObject(j, "scenarios");
        for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
            cJSON *js = cJSON_CreateObject();
            cJSON_AddItemToArray(sc, js);
            cJSON_AddStringToObject(js, "name", c->scenario_names[s]);
            ckp_json_number(js, "served", r->scenario_served[s]);
            ckp_json_number(js, "shortfall", ckp_round_flow(r->demand - r->scenario_served[s]));
            ckp_json_number(js, "served_share", share(r->scenario_served[s], r->demand));
        }
    }
    cJSON *best = cJSON_AddArrayToObject(doc, "best_per_scenario");
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddItemToArray(best, j);
        cJSON_AddStringToObject(j, "scenario", c->scenario_names[s]);
        cJSON_AddStringToObject(j, "plan", c->plans[c->best_per_scenario[s]].name);
    }
    cJSON_AddStringToObject(doc, "best_worst_case", c->plans[c->best_worst_case].name);
    cJSON *w = cJSON_AddArrayToObject(doc, "warnings");
    for (igraph_integer_t i = 0; i < c->warnings.n; i++)
        cJSON_AddItemToArray(w, cJSON_CreateString(c->warnings.items[i]));
    return doc;
}

/* RFC 4180: quote a field when it holds a comma, a quote or a line break. */
static void csv_field(ckp_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        ckp_buf_puts(b, s);
        return;
    }
    ckp_buf_puts(b, "\"");
    for (; *s; s++)
        ckp_buf_printf(b, *s == '"' ? "\"\"" : "%c", *s);
    ckp_buf_puts(b, "\"");
}

static void csv_report(ckp_buf *b, const ckp_network *net, const ckp_comparison *c)
{
    ckp_buf_puts(b, "plan,scenario,demand,served,shortfall,served_share,spof_count,"
                    "worst_redundancy");
    for (igraph_integer_t t = 0; t < ckp_network_tier_count(net); t++) {
        ckp_buf_puts(b, ",");
        char head[256];
        snprintf(head, sizeof head, "hhi_%s", ckp_network_tier_name(net, t));
        csv_field(b, head);
    }
    ckp_buf_puts(b, "\r\n");
    for (igraph_integer_t p = 0; p < c->n_plans; p++) {
        const ckp_plan_result *r = &c->plans[p];
        for (igraph_integer_t s = -1; s < c->n_scenarios; s++) {
            double served = s < 0 ? r->served : r->scenario_served[s];
            csv_field(b, r->name);
            ckp_buf_puts(b, ",");
            csv_field(b, s < 0 ? "" : c->scenario_names[s]);
            ckp_buf_printf(b, ",%.17g,%.17g,%.17g,%.17g,%lld,%lld", r->demand, served,
                           ckp_round_flow(r->demand - served), share(served, r->demand),
                           (long long)r->spof_count, (long long)r->worst_redundancy);
            for (igraph_integer_t t = 0; t < r->n_tiers; t++) {
                if (isnan(r->hhi[t]))
                    ckp_buf_puts(b, ",");
                else
                    ckp_buf_printf(b, ",%.17g", r->hhi[t]);
            }
            ckp_buf_puts(b, "\r\n");
        }
    }
}

int ckp_cmd_compare(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
        {"plan", required_argument, NULL, 'p'},     {"scenario", required_argument, NULL, 's'},
        {"exact-limit", required_argument, NULL, 'x'}, CKP_CLI_NETOPTS, {NULL, 0, NULL, 0},
    };
    ckp_format format = CKP_FORMAT_TEXT;
    const char *output = NULL;
    long long exact_limit = 5000;
    int rc = 0, c, nplans = 0, nscen = 0;
    const char **plan_paths = calloc((size_t)argc, sizeof *plan_paths);
    const char **scen_paths = calloc((size_t)argc, sizeof *scen_paths);
    ckp_cli_netopts lopts;
    int taken;
    ckp_cli_netopts_init(&lopts);
    if (!plan_paths || !scen_paths) {
        free(plan_paths);
        free(scen_paths);
        return CKP_EINTERNAL;
    }
    opterr = 0;
    optind = 1;
    while (!rc && (c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (ckp_cli_parse_format(&format, "compare", optarg,
                                     1 << CKP_FORMAT_TEXT | 1 << CKP_FORMAT_JSON |
                                         1 << CKP_FORMAT_CSV))
                rc = CKP_EUSAGE;
            break;
        case 'o':
            if (ckp_cli_parse_output(&output, "compare", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'p':
            plan_paths[nplans++] = optarg;
            break;
        case 's':
            scen_paths[nscen++] = optarg;
            break;
        case 'x':
            if (ckp_cli_parse_count(&exact_limit, "compare", "--exact-limit", optarg))
                rc = CKP_EUSAGE;
            break;
        default:
            if ((taken = ckp_cli_netopt(&lopts, "compare", c, optarg)) != 0) {
                if (taken < 0)
                    rc = CKP_EUSAGE;
                break;
            }
            rc = ckp_cli_usage("compare", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(argv + optind, npos);
    if (!rc && (npaths == 0 || npos != npaths))
        rc = ckp_cli_usage("compare", npaths == 0 ? "no network given"
                                                  : "unexpected argument '%s': plans and "
                                                    "scenarios go after --plan and --scenario",
                           npaths ? argv[optind + npaths] : "");
    ckp_network *net = NULL;
    ckp_cli_whatif w;
    memset(&w, 0, sizeof w);
    if (rc)
        goto done;
    if ((rc = ckp_cli_load(&net, argv + optind, npaths, &lopts)) ||
        (rc = ckp_cli_whatif_run(&w, net, plan_paths, nplans, scen_paths, nscen,
                                 (igraph_integer_t)exact_limit)))
        goto done;
    const ckp_comparison *cmp = &w.cmp;
    for (igraph_integer_t i = 0; i < cmp->warnings.n; i++)
        fprintf(stderr, "chokepoint: warning: %s\n", cmp->warnings.items[i]);
    if (format == CKP_FORMAT_JSON) {
        rc = ckp_cli_emit_json(json_report(net, cmp), output);
    } else {
        ckp_buf b;
        ckp_buf_init(&b);
        if (format == CKP_FORMAT_CSV)
            csv_report(&b, net, cmp);
        else
            text_report(&b, net, cmp);
        rc = ckp_cli_emit(&b, output);
        ckp_buf_destroy(&b);
    }
done:
    ckp_cli_whatif_destroy(&w);
    free(plan_paths);
    free(scen_paths);
    ckp_network_free(net);
    return rc;
}
