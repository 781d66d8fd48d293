/*
 * Chart building (see chart.h): the data model of a chart, its rows, series,
 * values, labels and scale, from analysis results. No drawing here, so the
 * numbers are tested apart from the pixels (chart_draw.c draws them).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/chart.h"
#include "chokepoint/country.h"
#include "chokepoint/format.h"
#include "chokepoint/materials.h"
#include "drawdown.h"

void ckp_chart_init(ckp_chart *chart)
{
    memset(chart, 0, sizeof *chart);
}

void ckp_chart_destroy(ckp_chart *chart)
{
    if (!chart)
        return;
    free(chart->title);
    free(chart->subtitle);
    free(chart->value_label);
    free(chart->caption);
    free(chart->source);
    for (igraph_integer_t r = 0; r < chart->n_rows; r++) {
        if (chart->rows)
            free(chart->rows[r]);
        if (chart->row_notes)
            free(chart->row_notes[r]);
    }
    for (igraph_integer_t s = 0; chart->series && s < chart->n_series; s++)
        free(chart->series[s].label);
    if (chart->cells)
        for (igraph_integer_t i = 0; i < chart->n_rows * chart->n_series; i++)
            free(chart->cells[i]);
    free(chart->rows);
    free(chart->row_notes);
    free(chart->series);
    free(chart->values);
    free(chart->cells);
    free(chart->marks);
    free(chart->highs);
    free(chart->xs);
    free(chart->x_label);
    ckp_chart_init(chart);
}

void ckp_nice_scale(double lo, double hi, int max_ticks, double *min, double *max, double *step)
{
    static const double nice[] = {1, 2, 2.5, 5, 10};
    if (max_ticks < 1)
        max_ticks = 1;
    if (!isfinite(lo) || !isfinite(hi)) {
        *min = 0;
        *max = 1;
        *step = 1;
        return;
    }
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    double range = hi - lo;
    if (range <= 0) /* one value: a tenth of it either side, or 0 to 1 */
        range = fabs(hi) > 0 ? fabs(hi) / 10 : 1;
    double raw = range / max_ticks;
    double mag = pow(10, floor(log10(raw)));
    for (;;) {
        for (int i = 0; i < 5; i++) {
            double s = nice[i] * mag;
            if (s < raw * (1 - 1e-12))
                continue;
            double a = floor(lo / s + 1e-9) * s, b = ceil(hi / s - 1e-9) * s;
            if (b <= a)
                b = a + s;
            if ((b - a) / s <= max_ticks + 1e-9) {
                *min = a == 0 ? 0 : a;
                *max = b;
                *step = s;
                return;
            }
        }
        mag *= 10;
    }
}

/* ---- building ------------------------------------------------------------------------------ */

static char *dupstr(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static char *fmtstr(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static char *fmtstr(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = malloc((size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* "<unit> · <year>" for subtitles; "" when neither is known. */
static void unit_year(char *out, size_t size, const ckp_network *net)
{
    const char *unit = ckp_network_unit(net);
    double year = ckp_network_year(net);
    if (!isnan(year))
        snprintf(out, size, "%s%s%.0f", unit, unit[0] ? " · " : "", year);
    else
        snprintf(out, size, "%s", unit);
}

/* "<network> · <unit> · <year>", the subtitle's network part. NULL when out of memory. */
static char *network_line(const ckp_network *net)
{
    char uy[512];
    unit_year(uy, sizeof uy, net);
    return fmtstr("%s%s%s", ckp_network_name(net), uy[0] ? " · " : "", uy);
}

static char *source_line(const ckp_network *net, const char *input_name)
{
    const char *src = ckp_network_source(net);
    char clip[200];
    if (src && src[0]) {
        size_t n = strlen(src);
        if (n > 150) {
            size_t cut = 150;
            while (cut > 75 && src[cut] != ' ')
                cut--;
            while (cut > 0 && (src[cut - 1] == ',' || src[cut - 1] == ';' || src[cut - 1] == '.'))
                cut--;
            snprintf(clip, sizeof clip, "%.*s ...", (int)cut, src);
        } else {
            snprintf(clip, sizeof clip, "%s%s", src, src[n - 1] == '.' ? "" : ".");
        }
    } else {
        snprintf(clip, sizeof clip, "not given in the network file.");
    }
    return fmtstr("Source: %s Drawn by chokepoint%s%s.", clip, input_name ? " from " : "",
                  input_name ? input_name : "");
}

/*
 * The chart's kind and texts, which it takes over (allocated, NULL when out of
 * memory); `value_label` is copied.
 */
static ckp_code set_texts(ckp_chart *out, ckp_chart_kind kind, char *title, char *subtitle,
                          const char *value_label, char *caption, char *source, ckp_error *err)
{
    out->kind = kind;
    out->title = title;
    out->subtitle = subtitle;
    out->value_label = dupstr(value_label);
    out->caption = caption;
    out->source = source;
    if (!out->title || !out->subtitle || !out->value_label || !out->caption || !out->source)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}

/*
 * Series for the countries in `present` (by network country index): palette
 * countries first in palette order, then the others by code, so that every
 * chart stacks China first and a country keeps its place.
 */
static ckp_code country_series(ckp_chart *out, const ckp_network *net, const char *present,
                               const ckp_palette *pal, igraph_integer_t **col_of, int blank,
                               ckp_error *err)
{
    igraph_integer_t nc = ckp_network_country_count(net), k = 0;
    *col_of = malloc((size_t)(nc ? nc : 1) * sizeof **col_of);
    out->series = calloc((size_t)nc + 1, sizeof *out->series);
    if (!*col_of || !out->series)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t c = 0; c < nc; c++)
        (*col_of)[c] = -1;
    for (int i = 0; i < pal->n; i++)
        for (igraph_integer_t c = 0; c < nc; c++)
            if (present[c] && (*col_of)[c] < 0 &&
                !strcmp(ckp_network_country_name(net, c), pal->code[i])) {
                (*col_of)[c] = k;
                out->series[k].label = dupstr(pal->code[i]);
                snprintf(out->series[k].color, sizeof out->series[k].color, "%s", pal->color[i]);
                k++;
            }
    /* the rest by code: a selection sort is fine, countries are few */
    for (;;) {
        igraph_integer_t best = -1;
        for (igraph_integer_t c = 0; c < nc; c++)
            if (present[c] && (*col_of)[c] < 0 &&
                (best < 0 ||
                 strcmp(ckp_network_country_name(net, c), ckp_network_country_name(net, best)) <
                     0))
                best = c;
        if (best < 0)
            break;
        (*col_of)[best] = k;
        out->series[k].label = dupstr(ckp_network_country_name(net, best));
        snprintf(out->series[k].color, sizeof out->series[k].color, "%s", CKP_COLOR_OTHER);
        out->series[k].other = 1;
        k++;
    }
    if (blank) {
        out->series[k].label = dupstr("not traced through this tier");
        snprintf(out->series[k].color, sizeof out->series[k].color, "#FFFFFF");
        out->series[k].blank = 1;
        k++;
    }
    out->n_series = k;
    for (igraph_integer_t s = 0; s < k; s++)
        if (!out->series[s].label)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}

static ckp_code alloc_rows(ckp_chart *out, igraph_integer_t rows, ckp_error *err)
{
    out->n_rows = rows;
    out->rows = calloc((size_t)(rows ? rows : 1), sizeof *out->rows);
    out->row_notes = calloc((size_t)(rows ? rows : 1), sizeof *out->row_notes);
    if (!out->rows || !out->row_notes)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}

static ckp_code alloc_values(ckp_chart *out, ckp_error *err)
{
    size_t n = (size_t)(out->n_rows * out->n_series);
    out->values = malloc((n ? n : 1) * sizeof *out->values);
    if (!out->values)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (size_t i = 0; i < n; i++)
        out->values[i] = 0;
    return CKP_OK;
}

/* A row of the concentration chart: a tier's shares, or one material's in the tier (m >= 0). */
typedef struct {
    igraph_integer_t tier, m;
    const ckp_tier_concentration *c;
} conc_row;

static int conc_has_data(const ckp_tier_concentration *c)
{
    return c->basis != CKP_BASIS_NONE && c->n_countries > 0;
}

/*
 * The rows: each tier, and on a network of materials after it each material
 * that flows in the tier (`mconc[m][t]`). `present` marks countries with a share.
 */
static igraph_integer_t conc_rows(conc_row *rows, char *present, const ckp_network *net,
                                  const ckp_tier_concentration *conc,
                                  ckp_tier_concentration *const *mconc)
{
    igraph_integer_t nt = ckp_network_tier_count(net), nm = ckp_network_material_count(net);
    igraph_integer_t k = 0;
    for (igraph_integer_t t = 0; t < nt; t++)
        for (igraph_integer_t m = -1; m < (mconc ? nm : 0); m++) {
            const ckp_tier_concentration *c = m < 0 ? &conc[t] : &mconc[m][t];
            if (m >= 0 && !conc_has_data(c))
                continue;
            rows[k++] = (conc_row){t, m, c};
            for (igraph_integer_t i = 0; conc_has_data(c) && i < c->n_countries; i++)
                if (c->countries[i].share > 0)
                    present[c->countries[i].key] = 1;
        }
    return k;
}

ckp_code ckp_chart_concentration(ckp_chart *out, const ckp_network *net,
                                 const ckp_tier_concentration *conc, const ckp_palette *pal,
                                 const char *input_name, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_tier_concentration *own = NULL, **mconc = NULL;
    ckp_palette own_pal;
    igraph_integer_t nt = ckp_network_tier_count(net), nc = ckp_network_country_count(net);
    igraph_integer_t nm = ckp_network_material_count(net), got = 0;
    char *present = calloc((size_t)(nc ? nc : 1), 1);
    conc_row *rows = malloc((size_t)(nt * (nm + 1) + 1) * sizeof *rows);
    igraph_integer_t *col = NULL;
    char x[64];
    ckp_chart_init(out);
    if (!present || !rows || (nm && !(mconc = calloc((size_t)nm, sizeof *mconc)))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if (!conc) {
        if ((rc = ckp_concentration(&own, net, err)))
            goto done;
        conc = own;
    }
    for (; got < nm; got++)
        if ((rc = ckp_concentration_material(&mconc[got], net, got, err)))
            goto done;
    if (!pal) {
        if ((rc = ckp_palette_for_network(&own_pal, net, err)))
            goto done;
        pal = &own_pal;
    }
    igraph_integer_t nr = conc_rows(rows, present, net, conc, mconc);
    if ((rc = alloc_rows(out, nr, err)) ||
        (rc = country_series(out, net, present, pal, &col, 0, err)) ||
        (rc = alloc_values(out, err)))
        goto done;
    int capacity_tiers = 0, volume_tiers = 0;
    for (igraph_integer_t r = 0; r < nr; r++) {
        const ckp_tier_concentration *c = rows[r].c;
        const char *tier = ckp_network_tier_name(net, rows[r].tier);
        out->rows[r] = rows[r].m < 0 ? dupstr(tier)
                                     : fmtstr("%s · %s", tier, ckp_material_name(net, rows[r].m));
        if (!conc_has_data(c)) {
            for (igraph_integer_t s = 0; s < out->n_series; s++)
                out->values[r * out->n_series + s] = NAN;
            out->row_notes[r] = dupstr("no data");
        } else {
            for (igraph_integer_t i = 0; i < c->n_countries; i++)
                if (col[c->countries[i].key] >= 0)
                    out->values[r * out->n_series + col[c->countries[i].key]] +=
                        c->countries[i].share;
            out->row_notes[r] = fmtstr("HHI %s", ckp_fmt_number(x, sizeof x, round(c->hhi), 0));
            capacity_tiers += rows[r].m < 0 && c->basis == CKP_BASIS_CAPACITY;
            volume_tiers += rows[r].m < 0 && c->basis == CKP_BASIS_VOLUME;
        }
        if (!out->rows[r] || !out->row_notes[r]) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    }
    ckp_nice_scale(0, 1, 5, &out->scale_min, &out->scale_max, &out->scale_step);
    rc = set_texts(out, CKP_CHART_BARS, dupstr("Concentration by country in each tier"),
                   network_line(net), "share of the tier (%)",
                   fmtstr("Shares of capacity where every node of the tier has one, else of "
                          "volume (%d tier%s by capacity, %d by volume).%s HHI: the sum of the "
                          "squared percentage shares, from near 0 (many small countries) to "
                          "10,000 (one country).",
                          capacity_tiers, capacity_tiers == 1 ? "" : "s", volume_tiers,
                          nm ? " Under each tier, one row per material flowing in it: its "
                               "shares by volume."
                             : ""),
                   source_line(net, input_name), err);
done:
    if (rc)
        ckp_chart_destroy(out);
    ckp_concentration_free(own, nt);
    for (igraph_integer_t m = 0; m < got; m++)
        ckp_concentration_free(mconc[m], nt);
    free(mconc);
    free(rows);
    free(present);
    free(col);
    return rc;
}

ckp_code ckp_chart_origin(ckp_chart *out, const ckp_network *net, const ckp_dependency *dep,
                          igraph_integer_t end_user, const ckp_palette *pal,
                          const char *input_name, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_dependency own;
    ckp_palette own_pal;
    igraph_integer_t nc = ckp_network_country_count(net), k = -1;
    char *present = calloc((size_t)(nc ? nc : 1), 1);
    igraph_integer_t *col = NULL;
    int own_dep = 0;
    ckp_chart_init(out);
    memset(&own, 0, sizeof own);
    if (!present) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if (end_user < 0 || end_user >= ckp_network_node_count(net) ||
        ckp_node_tier(net, end_user) != ckp_network_tier_count(net) - 1) {
        rc = ckp_error_set(err, CKP_EDATA, "'%s' is not an end user (a node of the last tier)",
                           end_user >= 0 && end_user < ckp_network_node_count(net)
                               ? ckp_node_id(net, end_user)
                               : "?");
        goto done;
    }
    if (!dep) {
        if ((rc = ckp_dependency_compute(&own, net, NULL, err)))
            goto done;
        own_dep = 1;
        dep = &own;
    }
    if (!pal) {
        if ((rc = ckp_palette_for_network(&own_pal, net, err)))
            goto done;
        pal = &own_pal;
    }
    for (igraph_integer_t i = 0; i < dep->n_end_users; i++)
        if (dep->end_users[i] == end_user)
            k = i;
    if (k < 0) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "no origin traced for '%s'",
                           ckp_node_id(net, end_user));
        goto done;
    }
    for (igraph_integer_t t = 0; t < dep->n_tiers; t++) {
        const ckp_tier_origin *o = &dep->tiers[t];
        for (igraph_integer_t c = 0; c < o->n_countries; c++)
            if (o->shares[k * o->n_countries + c] > 0)
                present[o->countries[c]] = 1;
    }
    if ((rc = alloc_rows(out, dep->n_tiers, err)) ||
        (rc = country_series(out, net, present, pal, &col, 1, err)) ||
        (rc = alloc_values(out, err)))
        goto done;
    for (igraph_integer_t t = 0; t < dep->n_tiers; t++) {
        const ckp_tier_origin *o = &dep->tiers[t];
        double sum = 0, top = 0;
        igraph_integer_t top_c = -1;
        for (igraph_integer_t c = 0; c < o->n_countries; c++) {
            double s = o->shares[k * o->n_countries + c];
            if (!(s > 0))
                continue;
            out->values[t * out->n_series + col[o->countries[c]]] += s;
            sum += s;
            if (s > top) {
                top = s;
                top_c = o->countries[c];
            }
        }
        out->values[t * out->n_series + out->n_series - 1] = sum < 1 ? 1 - sum : 0;
        out->rows[t] = dupstr(ckp_network_tier_name(net, t));
        out->row_notes[t] = top_c >= 0 ? fmtstr("%s %.0f%%", ckp_network_country_name(net, top_c),
                                                100 * top)
                                       : dupstr("none traced");
        if (!out->rows[t] || !out->row_notes[t]) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    }
    char *line = network_line(net);
    char *subtitle = line ? fmtstr("%s (%s, %s) · %s", ckp_node_id(net, end_user),
                                   ckp_node_country(net, end_user),
                                   ckp_network_tier_name(net, ckp_node_tier(net, end_user)), line)
                          : NULL;
    free(line);
    ckp_nice_scale(0, 1, 5, &out->scale_min, &out->scale_max, &out->scale_step);
    rc = set_texts(out, CKP_CHART_BARS,
                   fmtstr("Where the supply of %s comes from", ckp_node_name(net, end_user)),
                   subtitle, "share of the end user's inflow that passed through the tier (%)",
                   dupstr("Traced by proportional mixing: each node passes on the "
                          "volume-weighted mix of what it receives (docs/analysis.md). Beside "
                          "each bar: the largest single-country share."),
                   source_line(net, input_name), err);
done:
    if (rc)
        ckp_chart_destroy(out);
    if (own_dep)
        ckp_dependency_destroy(&own);
    free(present);
    free(col);
    return rc;
}

static double served_share(double served, double demand)
{
    return demand > 0 ? served / demand : 1;
}

ckp_code ckp_chart_comparison(ckp_chart *out, const ckp_network *net, const ckp_comparison *cmp,
                              const char *input_name, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t np = cmp->n_plans, ns = cmp->n_scenarios + 1;
    char x[64];
    ckp_chart_init(out);
    if ((rc = alloc_rows(out, np, err)))
        goto done;
    out->n_series = ns;
    out->series = calloc((size_t)ns, sizeof *out->series);
    out->cells = calloc((size_t)(np * ns > 0 ? np * ns : 1), sizeof *out->cells);
    out->marks = calloc((size_t)(np * ns > 0 ? np * ns : 1), 1);
    if (!out->series || !out->cells || !out->marks || (rc = alloc_values(out, err))) {
        rc = rc ? rc : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    out->series[0].label = dupstr("no shock");
    for (igraph_integer_t s = 1; s < ns; s++)
        out->series[s].label = fmtstr("S%lld: %s", (long long)s, cmp->scenario_names[s - 1]);
    double lo = 1, hi = 0;
    for (igraph_integer_t p = 0; p < np; p++) {
        const ckp_plan_result *r = &cmp->plans[p];
        out->rows[p] = dupstr(r->name);
        for (igraph_integer_t s = 0; s < ns; s++) {
            double served = s == 0 ? r->served : r->scenario_served[s - 1];
            double v = served_share(served, r->demand);
            double short_ = r->demand - served;
            out->values[p * ns + s] = v;
            out->cells[p * ns + s] =
                short_ > 0.5 ? fmtstr("%.1f%%\nshort %s", 100 * v,
                                      ckp_fmt_number(x, sizeof x, round(short_), 0))
                             : fmtstr("%.1f%%", 100 * v);
            if (!out->cells[p * ns + s]) {
                rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
                goto done;
            }
            if (v < lo)
                lo = v;
            if (v > hi)
                hi = v;
        }
        if (!out->rows[p]) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    }
    /* the best of each column: the highest share, the earliest plan (the baseline) on ties */
    for (igraph_integer_t s = 0; s < ns; s++) {
        igraph_integer_t best = 0;
        if (s > 0 && cmp->best_per_scenario)
            best = cmp->best_per_scenario[s - 1];
        else
            for (igraph_integer_t p = 1; p < np; p++)
                if (out->values[p * ns + s] > out->values[best * ns + s])
                    best = p;
        out->marks[best * ns + s] = 1;
        if (!out->series[s].label) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    }
    ckp_nice_scale(lo < hi ? lo : hi - 0.1, hi > lo ? hi : hi, 5, &out->scale_min,
                   &out->scale_max, &out->scale_step);
    if (out->scale_max > 1 && hi <= 1)
        out->scale_max = 1;
    rc = set_texts(out, CKP_CHART_HEAT, dupstr("Served share of demand, by plan and scenario"),
                   network_line(net), "served / demand",
                   fmtstr("Each cell: the most the plan's network can deliver under the "
                          "scenario, as a share of its demand (flows reroute within the capacity "
                          "left: an upper bound), and the shortfall. Bold outline: the best plan "
                          "in the column (the baseline wins ties). Best in the worst case: %s.",
                          cmp->plans[cmp->best_worst_case].name),
                   source_line(net, input_name), err);
done:
    if (rc)
        ckp_chart_destroy(out);
    return rc;
}

/* The views' colours: the immediate loss dark, what adapting recovers lighter. */
static const char *const view_colors[3] = {"#B2182B", "#EF8A62", "#67A9CF"};
static const char *const view_names[3] = {"immediate (nobody adapts)",
                                          "rerouted (spare capacity only)",
                                          "reallocated (full reallocation)"};

/* Row r's three bars: served shares of the entry's demand, the least and the most. */
static void views_row(ckp_chart *out, igraph_integer_t r, const ckp_views_entry *e)
{
    double d = e->demand;
    double lo[3] = {e->immediate_served, e->rerouted.min, e->reallocated.min};
    double hi[3] = {NAN, e->rerouted.max, e->reallocated.max};
    for (int k = 0; k < 3; k++) {
        out->values[r * 3 + k] = d > 0 ? lo[k] / d : NAN;
        out->highs[r * 3 + k] = d > 0 && !isnan(hi[k]) && hi[k] > lo[k] ? hi[k] / d : NAN;
    }
}

ckp_code ckp_chart_views(ckp_chart *out, const ckp_network *net, const ckp_views *v,
                         const char *scenario_name, const char *input_name, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    char x[64];
    ckp_chart_init(out);
    if ((rc = alloc_rows(out, v->n_countries, err)))
        goto done;
    out->n_series = 3;
    out->series = calloc(3, sizeof *out->series);
    out->highs = malloc((size_t)(v->n_countries ? v->n_countries : 1) * 3 * sizeof *out->highs);
    if (!out->series || !out->highs || (rc = alloc_values(out, err))) {
        rc = rc ? rc : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (int k = 0; k < 3; k++) {
        out->series[k].label = dupstr(view_names[k]);
        snprintf(out->series[k].color, sizeof out->series[k].color, "%s", view_colors[k]);
        if (!out->series[k].label) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    }
    for (igraph_integer_t c = 0; c < v->n_countries; c++) {
        const ckp_views_entry *e = &v->countries[c];
        const char *name = ckp_country_name(e->name);
        out->rows[c] = fmtstr("%s %s", e->name, name ? name : "");
        out->row_notes[c] = fmtstr("demand %s", ckp_fmt_number(x, sizeof x, e->demand, 0));
        if (!out->rows[c] || !out->row_notes[c]) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        views_row(out, c, e);
    }
    out->scale_min = 0;
    out->scale_max = 1;
    out->scale_step = 0.2;
    rc = set_texts(out, CKP_CHART_RANGES, fmtstr("Who goes short: %s", scenario_name),
                   network_line(net), "served / demand",
                   dupstr(v->has_volumes
                              ? "Each country of end users, three views of the shock. "
                                "Immediate: the recorded flows scaled down where supply is "
                                "lost, nobody adapts. Rerouted: plus what spare capacity can "
                                "carry. Reallocated: the best allocation. A bar reaches the least "
                                "the country gets; the line beyond it, up to the most, over "
                                "every allocation that reaches the view's total."
                              : "Each country of end users under the best allocation "
                                "(reallocated): the bar reaches the least it gets, the line "
                                "the most. The network has no volumes: no immediate or "
                                "rerouted view."),
                   source_line(net, input_name), err);
done:
    if (rc)
        ckp_chart_destroy(out);
    return rc;
}

/* Lines of the time chart: one colour per country (ColorBrewer Dark2, then grey). */
static const char *const line_colors[8] = {"#1B9E77", "#D95F02", "#7570B3", "#E7298A",
                                           "#66A61E", "#E6AB02", "#A6761D", "#666666"};

static double met_share(double lost, double demand)
{
    if (isnan(lost))
        return NAN;
    return demand > 0 ? 1 - lost / demand : 1;
}

/* Rows and series of the time chart: the countries of `r`, two lines each. */
static ckp_code time_frame(ckp_chart *out, const ckp_time_report *r, int samples, double days,
                           ckp_error *err)
{
    ckp_code rc = alloc_rows(out, samples + 1, err);
    if (rc)
        return rc;
    out->n_series = 2 * r->n_countries;
    out->series = calloc((size_t)(out->n_series ? out->n_series : 1), sizeof *out->series);
    out->xs = malloc((size_t)(samples + 1) * sizeof *out->xs);
    if (!out->series || !out->xs || (rc = alloc_values(out, err)))
        return rc ? rc : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t c = 0; c < r->n_countries; c++)
        for (int v = 0; v < 2; v++) {
            ckp_chart_series *se = &out->series[2 * c + v];
            se->label = fmtstr("%s %s", r->countries[c].name, v ? "reallocated" : "immediate");
            snprintf(se->color, sizeof se->color, "%s", line_colors[c < 7 ? c : 7]);
            se->dashed = v;
            if (!se->label)
                return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        }
    for (int k = 0; k <= samples; k++) {
        out->xs[k] = days * k / samples;
        if (!(out->rows[k] = fmtstr("%g", out->xs[k])))
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    for (igraph_integer_t i = 0; i < out->n_series; i++)
        out->values[i] = 1; /* day 0: nothing is lost yet */
    return CKP_OK;
}

/* An x axis of days to `days` and the texts of a chart over a scenario's duration. */
static ckp_code days_texts(ckp_chart *out, const ckp_network *net, const char *what,
                           const ckp_scenario *s, double days, const char *value_label,
                           char *caption, const char *input_name, ckp_error *err)
{
    char d[64];
    out->percent = 1;
    ckp_nice_scale(0, days, 8, &out->x_min, &out->x_max, &out->x_step);
    if (!(out->x_label = dupstr("days since the shock began"))) {
        free(caption);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    return set_texts(out, CKP_CHART_XY,
                     fmtstr("%s: %s, %s days", what, s->name,
                            ckp_fmt_number(d, sizeof d, days, 2)),
                     network_line(net), value_label, caption, source_line(net, input_name),
                     err);
}

ckp_code ckp_chart_time(ckp_chart *out, const ckp_network *net, const ckp_scenario *s,
                        double days, int samples, const char *input_name, ckp_error *err)
{
    ckp_time_report r;
    ckp_code rc;
    ckp_chart_init(out);
    if (samples < 1)
        samples = 1;
    for (int k = samples; k >= 1; k--) {
        if ((rc = ckp_time_scenario(&r, net, s, days * k / samples, err)))
            goto done;
        if (k == samples && (rc = time_frame(out, &r, samples, days, err))) {
            ckp_time_report_destroy(&r);
            goto done;
        }
        for (igraph_integer_t c = 0; c < r.n_countries && 2 * c < out->n_series; c++) {
            const ckp_time_entry *e = &r.countries[c];
            out->values[k * out->n_series + 2 * c] = met_share(e->lost_immediate, e->demand);
            out->values[k * out->n_series + 2 * c + 1] = met_share(e->lost, e->demand);
        }
        ckp_time_report_destroy(&r);
    }
    double lo = 1; /* the axis from below the lowest share: small losses must show */
    for (igraph_integer_t i = 0; i < out->n_rows * out->n_series; i++)
        lo = out->values[i] < lo ? out->values[i] : lo;
    ckp_nice_scale(lo < 0.99 ? lo : 0.99, 1, 6, &out->scale_min, &out->scale_max,
                   &out->scale_step);
    rc = days_texts(out, net, "How long stocks last", s, days,
                    "share of demand met since the shock began",
                    dupstr("Each country of end users, stocks drawn. Solid: the immediate view "
                           "(fixed proportions; a node short of input ships from its own stock "
                           "until it runs out). Dashed: the reallocated view (flows and stocks "
                           "go where they serve most; the least the country can get). A line "
                           "leaves 100% on the day the country is first short."),
                    input_name, err);
done:
    if (rc)
        ckp_chart_destroy(out);
    return rc;
}

/* The stocks of the chart: the `top` largest at the start (ties by index), into `pick`. */
static igraph_integer_t stocks_pick(igraph_integer_t *pick, const ckp_drawdown *dd,
                                    igraph_integer_t top)
{
    igraph_integer_t k = 0;
    for (igraph_integer_t i = 0; i < dd->n_held; i++) {
        igraph_integer_t j = k < top ? k++ : top;
        if (j == top && !(dd->stock[i] > dd->stock[pick[top - 1]]))
            continue;
        if (j == top)
            j = top - 1;
        while (j > 0 && dd->stock[i] > dd->stock[pick[j - 1]]) {
            pick[j] = pick[j - 1];
            j--;
        }
        pick[j] = i;
    }
    return k;
}

/* Rows of the stocks chart: every event before `days`, then `days`; stock i's share left. */
static ckp_code stocks_rows(ckp_chart *out, const ckp_drawdown *dd, const igraph_integer_t *pick,
                            double days, ckp_error *err)
{
    igraph_integer_t steps = 0, nh = dd->n_held;
    while (steps < dd->n_steps && dd->day[steps] < days)
        steps++;
    ckp_code rc = alloc_rows(out, steps + 1, err);
    out->xs = malloc((size_t)(steps + 1) * sizeof *out->xs);
    if (rc || !out->xs || (rc = alloc_values(out, err)))
        return rc ? rc : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (igraph_integer_t k = 0; k <= steps; k++) {
        /* stocks are linear between events: the last row on `days` itself */
        igraph_integer_t a = k < steps ? k : steps - 1, b = a + 1 < dd->n_steps ? a + 1 : a;
        double x = k < steps ? dd->day[k] : days;
        double w = b > a ? (x - dd->day[a]) / (dd->day[b] - dd->day[a]) : 0;
        out->xs[k] = x;
        if (!(out->rows[k] = fmtstr("%g", x)))
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        for (igraph_integer_t i = 0; i < out->n_series; i++) {
            double s0 = dd->stock[pick[i]], sa = dd->stock[a * nh + pick[i]];
            double left = sa + w * (dd->stock[b * nh + pick[i]] - sa);
            out->values[k * out->n_series + i] = s0 > 0 ? left / s0 : 0;
        }
    }
    return CKP_OK;
}

ckp_code ckp_chart_stocks(ckp_chart *out, const ckp_network *net, const ckp_scenario *s,
                          double days, igraph_integer_t top, const char *input_name,
                          ckp_error *err)
{
    ckp_network *shocked = NULL;
    ckp_drawdown dd = {0};
    igraph_integer_t *pick = NULL;
    char t[64];
    ckp_code rc;
    ckp_chart_init(out);
    if (!(days > 0))
        return ckp_error_set(err, CKP_EUSAGE, "duration %g days: give a number of days above 0",
                             days);
    if ((rc = ckp_scenario_apply(&shocked, net, s, NULL, NULL, NULL, err)) ||
        (rc = ckp_drawdown_run(&dd, net, shocked, days, err)))
        goto done;
    if (!dd.has_volumes || !dd.n_held || !dd.stock) {
        rc = ckp_error_set(err, CKP_EDATA, "the stocks chart needs volumes and a stock the "
                                           "immediate view can draw");
        goto done;
    }
    pick = malloc((size_t)dd.n_held * sizeof *pick);
    out->n_series = pick ? stocks_pick(pick, &dd, top > 0 ? top : 8) : 0;
    out->series = calloc((size_t)(out->n_series ? out->n_series : 1), sizeof *out->series);
    if (!pick || !out->series) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    for (igraph_integer_t i = 0; i < out->n_series; i++) {
        igraph_integer_t v = dd.held[pick[i]];
        out->series[i].label = fmtstr("%s (%s)", ckp_node_id(net, v),
                                      ckp_fmt_number(t, sizeof t, dd.stock[pick[i]], 2));
        snprintf(out->series[i].color, sizeof out->series[i].color, "%s",
                 line_colors[i < 7 ? i : 7]);
        if (!out->series[i].label) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    }
    if ((rc = stocks_rows(out, &dd, pick, days, err)))
        goto done;
    out->scale_min = 0;
    out->scale_max = 1;
    out->scale_step = 0.2;
    rc = days_texts(out, net, "Stocks left", s, days,
                    "share of the stock held when the shock began",
                    fmtstr("The %lld largest stocks (held when the shock began, in brackets) "
                           "in the immediate view: a node short of input ships its recorded "
                           "outflow from its stock, an end user tops up what arrives; the "
                           "lines bend where a stock runs out and the rates change. Stocks "
                           "with no recorded outflow are not drawn on here.",
                           (long long)out->n_series),
                    input_name, err);
done:
    free(pick);
    ckp_drawdown_destroy(&dd);
    ckp_network_free(shocked);
    if (rc)
        ckp_chart_destroy(out);
    return rc;
}

ckp_code ckp_chart_stress(ckp_chart *out, const ckp_network *net, const ckp_stress *st,
                          igraph_integer_t top, const char *input_name, ckp_error *err)
{
    ckp_code rc;
    igraph_integer_t n = top > 0 && top < st->n ? top : st->n;
    double hi = 1;
    ckp_chart_init(out);
    if ((rc = alloc_rows(out, n, err)))
        goto done;
    out->n_series = 2;
    out->series = calloc(2, sizeof *out->series);
    out->xs = malloc((size_t)(n ? n : 1) * sizeof *out->xs);
    if (!out->series || !out->xs || (rc = alloc_values(out, err))) {
        rc = rc ? rc : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    out->series[0].label = dupstr("exposed: TTS < TTR");
    out->series[1].label = dupstr("safe: TTS >= TTR");
    snprintf(out->series[0].color, sizeof out->series[0].color, "#B2182B");
    snprintf(out->series[1].color, sizeof out->series[1].color, "#2166AC");
    for (igraph_integer_t i = 0; i < n; i++) {
        const ckp_stress_row *row = &st->rows[i];
        double tts = isnan(row->tts_days) ? INFINITY : row->tts_days;
        out->rows[i] = dupstr(row->id);
        out->xs[i] = row->ttr_days;
        out->values[2 * i] = row->exposed ? tts : NAN;
        out->values[2 * i + 1] = row->exposed ? NAN : tts;
        hi = row->ttr_days > hi ? row->ttr_days : hi;
        hi = isfinite(tts) && tts > hi ? tts : hi;
        if (!out->rows[i]) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
    }
    if (!out->series[0].label || !out->series[1].label ||
        !(out->x_label = dupstr("time to recover (TTR), days"))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    ckp_nice_scale(0, hi, 8, &out->x_min, &out->x_max, &out->x_step);
    out->scale_min = out->x_min;
    out->scale_max = out->x_max;
    out->scale_step = out->x_step;
    out->points = out->diagonal = 1;
    rc = set_texts(out, CKP_CHART_XY,
                   fmtstr("What to protect first: time to survive against time to recover%s%s",
                          st->group ? ", " : "", st->group ? st->group : ""),
                   network_line(net), "time to survive (TTS), days",
                   fmtstr("The %lld nodes and countries that lose the most demand, each lost "
                          "alone for its TTR, flows and stocks reallocated. Above the diagonal "
                          "the stocks outlast the recovery (safe); below it the end users go "
                          "short before it is back (exposed). Top band: never short.",
                          (long long)n),
                   source_line(net, input_name), err);
done:
    if (rc)
        ckp_chart_destroy(out);
    return rc;
}
