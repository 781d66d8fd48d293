/*
 * The three views of a scenario (chokepoint/views.h) written out: the seed's
 * question answered in a line per country the shock targets, the views side
 * by side for the total, each country, group and end user, and the same
 * figures in JSON.
 */
#include "views_write.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chokepoint/country.h"
#include "chokepoint/flow.h"
#include "chokepoint/format.h"
#include "json_write.h"
#include "numfmt.h"

int ckp_views_realloc_below(const ckp_views_entry *e)
{
    if (isnan(e->immediate_served) || isnan(e->reallocated.min))
        return 0;
    double scale = e->immediate_served > 1 ? e->immediate_served : 1;
    return e->reallocated.min < e->immediate_served - 1e-9 * scale;
}

/* "3,500 to 3,992", or one figure when the range is a point; "-" when not computed. */
static void headline_range(ckp_buf *b, ckp_range r)
{
    char x[160];
    ckp_buf_puts(b, ckp_fmt_figure_range(x, sizeof x, r.min, r.max));
}

/* "Japan: 5,010 t demand; immediately 1,882 served (38%); with spare capacity ... to ...; ..." */
static void headline(ckp_buf *b, const ckp_network *net, const ckp_views *v,
                     const ckp_views_entry *e)
{
    char x[64], unit[64] = "";
    const char *name = ckp_country_name(e->name);
    /* the unit's first word ("t/yr" of "t/yr NdPr oxide equivalent"): the line stays short */
    const char *u = ckp_network_unit(net);
    if (*u)
        snprintf(unit, sizeof unit, " %.*s", (int)strcspn(u, " "), u);
    ckp_buf_printf(b, "%s: %s%s demand; ", name ? name : e->name,
                   ckp_fmt_figure_amount(x, sizeof x, e->demand), unit);
    if (!v->has_volumes) {
        ckp_buf_puts(b, "no volumes, so no immediate or spare-capacity view; with full "
                        "reallocation ");
    } else {
        ckp_buf_printf(b, "immediately %s served (%.0f%%); with spare capacity ",
                       ckp_fmt_figure_amount(x, sizeof x, e->immediate_served),
                       ckp_pct(e->immediate_served, e->demand));
        headline_range(b, e->rerouted);
        ckp_buf_puts(b, "; with full reallocation ");
    }
    headline_range(b, e->reallocated);
    ckp_buf_puts(b, "\n");
}

/* The loss the headline ranks by: immediate, or the reallocated least without volumes. */
static double loss_share(const ckp_views *v, const ckp_views_entry *e)
{
    double got = v->has_volumes ? e->immediate_served : e->reallocated.min;
    return isnan(got) ? 0 : ckp_share_of(e->demand - got, e->demand);
}

const ckp_views_entry *ckp_views_find(const ckp_views_entry *entries, igraph_integer_t n,
                                      const char *name)
{
    for (igraph_integer_t i = 0; i < n; i++)
        if (!strcmp(entries[i].name, name))
            return &entries[i];
    return NULL;
}

/*
 * The countries an embargo targets, in the scenario's order, once each; when
 * none has end users, the country with the largest loss (ties by code).
 */
void ckp_views_write_headlines(ckp_buf *b, const ckp_network *net, const ckp_scenario *s,
                               const ckp_views *v)
{
    int any = 0;
    for (igraph_integer_t i = 0; i < s->n_embargoes; i++) {
        const ckp_views_entry *e = ckp_views_find(v->countries, v->n_countries, s->embargoes[i].to);
        int seen = 0;
        for (igraph_integer_t j = 0; j < i && !seen; j++)
            seen = !strcmp(s->embargoes[j].to, s->embargoes[i].to);
        if (e && !seen) {
            headline(b, net, v, e);
            any = 1;
        }
    }
    const ckp_views_entry *worst = NULL;
    for (igraph_integer_t c = 0; c < v->n_countries && !any; c++)
        if (!worst || loss_share(v, &v->countries[c]) > loss_share(v, worst))
            worst = &v->countries[c];
    if (worst)
        headline(b, net, v, worst);
    if (any || worst)
        ckp_buf_puts(b, "\n");
}

/* "3500-3992", one figure for a point, "-" when not computed. */
static const char *range_cell(char *out, size_t size, ckp_range r)
{
    char x[64], y[64];
    ckp_fmt_amount(x, sizeof x, r.min);
    ckp_fmt_amount(y, sizeof y, r.max);
    if (isnan(r.min) || !strcmp(x, y))
        snprintf(out, size, "%s", x);
    else
        snprintf(out, size, "%s-%s", x, y);
    return out;
}

static void table_head(ckp_buf *b, const char *what)
{
    ckp_buf_printf(b, "  %-28s %9s %9s %9s %17s %17s\n", what, "demand", "observed",
                   "immediate", "rerouted", "reallocated");
}

static void table_row(ckp_buf *b, const char *label, const ckp_views_entry *e, int *marked)
{
    char d[64], o[64], i[64], r[64], a[64];
    int below = ckp_views_realloc_below(e);
    *marked |= below;
    ckp_buf_printf(b, "  %-28s %9s %9s %9s %17s %17s%s\n", label,
                   ckp_fmt_amount(d, sizeof d, e->demand),
                   ckp_fmt_amount(o, sizeof o, e->observed_served),
                   ckp_fmt_amount(i, sizeof i, e->immediate_served),
                   range_cell(r, sizeof r, e->rerouted), range_cell(a, sizeof a, e->reallocated),
                   below ? " *" : "");
}

void ckp_views_write_text(ckp_buf *b, const ckp_views *v)
{
    char d[64], o[64], i[64], r[64], a[64];
    int marked = 0;
    ckp_buf_puts(b, "\nthree views of the shock: immediate (nobody adapts), rerouted (spare "
                    "capacity only),\nreallocated (best allocation, from scratch); a "
                    "range is the least and the most\nover every allocation that reaches the "
                    "view's total\n");
    table_head(b, "");
    ckp_buf_printf(b, "  %-28s %9s %9s %9s %17s %17s\n", "total",
                   ckp_fmt_amount(d, sizeof d, v->demand),
                   ckp_fmt_amount(o, sizeof o, v->observed_served),
                   ckp_fmt_amount(i, sizeof i, v->immediate_served),
                   ckp_fmt_amount(r, sizeof r, v->rerouted_served),
                   ckp_fmt_amount(a, sizeof a, v->reallocated_served));
    ckp_buf_puts(b, "\n");
    table_head(b, "country");
    for (igraph_integer_t c = 0; c < v->n_countries; c++) {
        const char *name = ckp_country_name(v->countries[c].name);
        char label[96];
        snprintf(label, sizeof label, "%s %s", v->countries[c].name, name ? name : "");
        table_row(b, label, &v->countries[c], &marked);
    }
    if (v->n_groups) {
        ckp_buf_puts(b, "\n");
        table_head(b, "group");
        for (igraph_integer_t g = 0; g < v->n_groups; g++)
            table_row(b, v->groups[g].name, &v->groups[g], &marked);
    }
    ckp_buf_puts(b, "\n");
    table_head(b, "end user");
    for (igraph_integer_t k = 0; k < v->n_end_users; k++)
        table_row(b, v->end_users[k].name, &v->end_users[k], &marked);
    if (marked)
        ckp_buf_puts(b, "  * the reallocated least is below the immediate figure: full "
                        "reallocation may take\n    supply from this one to serve others (not "
                        "a bug)\n");
    /* Removed end users get exact zeros, not a range: they do not count against the limit. */
    igraph_integer_t ranged = -v->n_removed;
    for (igraph_integer_t k = 0; k < v->n_end_users; k++)
        ranged += v->end_users[k].ranged;
    if (v->ranges_partial && v->n_removed)
        ckp_buf_printf(b, "  end-user ranges only for the %lld with the largest immediate "
                          "losses (--exact-limit), zeros\n  for the %lld removed; \"-\" for "
                          "the others\n",
                       (long long)ranged, (long long)v->n_removed);
    else if (v->ranges_partial)
        ckp_buf_printf(b, "  end-user ranges only for the %lld with the largest immediate "
                          "losses (--exact-limit); \"-\" for the others\n",
                       (long long)ranged);
    if (!v->has_volumes)
        ckp_buf_puts(b, "  no volumes: no observed, immediate or rerouted figures (\"-\")\n");
}

/* The figures of one entry, after its "id", "country" or "group" member. */
void ckp_views_json_entry(cJSON *j, const ckp_views_entry *e, int with_demand)
{
    if (with_demand)
        ckp_json_add_number(j, "demand", e->demand);
    ckp_json_add_number(j, "observed_served", e->observed_served);
    ckp_json_add_number(j, "immediate_served", e->immediate_served);
    ckp_json_add_number(j, "rerouted_min", e->rerouted.min);
    ckp_json_add_number(j, "rerouted_max", e->rerouted.max);
    ckp_json_add_number(j, "reallocated_min", e->reallocated.min);
    ckp_json_add_number(j, "reallocated_max", e->reallocated.max);
    cJSON_AddBoolToObject(j, "reallocated_min_below_immediate", ckp_views_realloc_below(e));
}

void ckp_views_json_tables(cJSON *doc, const ckp_views *v)
{
    cJSON *a = cJSON_AddArrayToObject(doc, "countries");
    for (igraph_integer_t c = 0; c < v->n_countries; c++) {
        cJSON *j = cJSON_CreateObject();
        const char *name = ckp_country_name(v->countries[c].name);
        cJSON_AddItemToArray(a, j);
        cJSON_AddStringToObject(j, "country", v->countries[c].name);
        if (name)
            cJSON_AddStringToObject(j, "name", name);
        ckp_views_json_entry(j, &v->countries[c], 1);
    }
    a = cJSON_AddArrayToObject(doc, "groups");
    for (igraph_integer_t g = 0; g < v->n_groups; g++) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddItemToArray(a, j);
        cJSON_AddStringToObject(j, "group", v->groups[g].name);
        ckp_views_json_entry(j, &v->groups[g], 1);
    }
}
