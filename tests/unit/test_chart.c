/*
 * Charts: the numbers they draw (shares, HHI notes, origins, served shares,
 * the best of each column), the value scale, and the drawing in each format
 * (valid files, a fixed PDF date, the same bytes every time).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/chart.h"
#include "chokepoint/load.h"
#include "chokepoint/scenario.h"
#include "chokepoint/whatif.h"
#include "test.h"
#include "test_net.h"

static igraph_integer_t series(const ckp_chart *c, const char *label)
{
    for (igraph_integer_t s = 0; s < c->n_series; s++)
        if (!strcmp(c->series[s].label, label))
            return s;
    return -1;
}

static double value(const ckp_chart *c, igraph_integer_t row, const char *label)
{
    igraph_integer_t s = series(c, label);
    return s < 0 ? -1 : c->values[row * c->n_series + s];
}

/* The scale of [min, max] in about n steps is lo to hi by step. */
static void check_scale(double min, double max, int n, double lo, double hi, double step)
{
    double l, h, st;
    ckp_nice_scale(min, max, n, &l, &h, &st);
    CHECK_NEAR(l, lo, 1e-9 * (1 + fabs(lo)));
    CHECK_NEAR(h, hi, 1e-9 * (1 + fabs(hi)));
    CHECK_NEAR(st, step, 1e-9 * step);
}

static void test_scale(void)
{
    double lo, hi, step;
    check_scale(0, 1, 5, 0, 1, 0.2);
    /* the comparison chart's range for the flagship: 87.5% to 100% by 2.5% */
    check_scale(0.895, 1, 5, 0.875, 1, 0.025);
    check_scale(0, 37800, 5, 0, 40000, 10000);
    check_scale(13, 71, 4, 0, 80, 20);
    /* one value: a scale around it, never empty */
    ckp_nice_scale(3, 3, 5, &lo, &hi, &step);
    CHECK(lo <= 3 && hi >= 3 && hi > lo && step > 0);
    /* reversed bounds are put in order */
    check_scale(1, 0, 5, 0, 1, 0.2);
}

/* Draw in every format twice: valid files, and the same bytes both times. */
static void check_drawing(const ckp_chart *c)
{
    ckp_error err;
    ckp_error_init(&err);
    for (int f = CKP_FIG_SVG; f <= CKP_FIG_PDF; f++) {
        char *a = NULL, *b = NULL;
        size_t la = 0, lb = 0;
        CHECK_INT(ckp_chart_render(c, (ckp_figure_format)f, &a, &la, &err), CKP_OK);
        CHECK_INT(ckp_chart_render(c, (ckp_figure_format)f, &b, &lb, &err), CKP_OK);
        CHECK(a && b && la == lb && !memcmp(a, b, la));
        if (a && f == CKP_FIG_SVG)
            CHECK(test_find_bytes(a, la, "<svg") && test_find_bytes(a, la, "id=\"surface1\""));
        if (a && f == CKP_FIG_PNG)
            CHECK(la > 1000 && !memcmp(a, "\x89PNG\r\n\x1a\n", 8));
        if (a && f == CKP_FIG_PDF) {
            CHECK(la > 1000 && !memcmp(a, "%PDF-", 5));
            CHECK(test_find_bytes(a, la, "/CreationDate (19700101000000Z)") != NULL);
        }
        free(a);
        free(b);
    }
    char *dot = NULL;
    size_t len = 0;
    CHECK_INT(ckp_chart_render(c, CKP_FIG_DOT, &dot, &len, &err), CKP_EUSAGE);
    CHECK_INT(ckp_chart_write(c, CKP_FIG_SVG, "/nonexistent-ckp-dir/c.svg", &err), CKP_EIO);
}

static void test_concentration(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_chart c;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_chart_concentration(&c, net, NULL, NULL, "diamond.json", &err), CKP_OK);
    CHECK_INT(c.kind, CKP_CHART_BARS);
    CHECK_INT(c.n_rows, 4);
    CHECK_STR(c.rows[1], "separation");
    /* China first, always in its colour; then by weight: JP (two tiers), AU, MY */
    CHECK_INT(c.n_series, 4);
    CHECK_STR(c.series[0].label, "CN");
    CHECK_STR(c.series[0].color, CKP_COLOR_CHINA);
    CHECK_STR(c.series[1].label, "JP");
    CHECK_STR(c.series[2].label, "AU");
    CHECK_STR(c.series[3].label, "MY");
    /* shares of capacity: separation 60 CN + 50 MY */
    CHECK_NEAR(value(&c, 0, "AU"), 1, 1e-12);
    CHECK_NEAR(value(&c, 1, "CN"), 60.0 / 110, 1e-12);
    CHECK_NEAR(value(&c, 1, "MY"), 50.0 / 110, 1e-12);
    CHECK_NEAR(value(&c, 1, "AU"), 0, 1e-12);
    CHECK_NEAR(value(&c, 3, "JP"), 1, 1e-12);
    CHECK_STR(c.row_notes[0], "HHI 10,000");
    CHECK_STR(c.row_notes[1], "HHI 5,041");
    for (igraph_integer_t r = 0; r < c.n_rows; r++) {
        double sum = 0;
        for (igraph_integer_t s = 0; s < c.n_series; s++)
            sum += c.values[r * c.n_series + s];
        CHECK_NEAR(sum, 1, 1e-12);
    }
    CHECK_NEAR(c.scale_min, 0, 1e-12);
    CHECK_NEAR(c.scale_max, 1, 1e-12);
    CHECK_NEAR(c.scale_step, 0.2, 1e-12);
    CHECK(strstr(c.subtitle, "Diamond · t/yr · 2024") != NULL);
    CHECK(strstr(c.source, "Source: hand-made") && strstr(c.source, "from diamond.json."));
    check_drawing(&c);
    ckp_chart_destroy(&c);
    ckp_network_free(net);
}

/* With materials: after each tier, one row per material flowing in it, shares by volume. */
static void test_concentration_materials(void)
{
    ckp_network *net = test_load_small("magnet-bom.json");
    ckp_chart c;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_chart_concentration(&c, net, NULL, NULL, "magnet-bom.json", &err), CKP_OK);
    /* separation by capacity (100 AU, 100 CN); its NdPr by volume: CN 60 + 40, AU's 60
     * (an edge without a material: told from its source, NdPr); Dy/Tb: CN 6 + 2 */
    CHECK_INT(c.n_rows, 7);
    CHECK_STR(c.rows[0], "separation");
    CHECK_STR(c.rows[1], "separation · NdPr oxide");
    CHECK_STR(c.rows[2], "separation · Dy/Tb oxide");
    CHECK_STR(c.rows[4], "magnet · NdFeB magnets");
    CHECK_STR(c.rows[6], "end_use · NdFeB magnets");
    CHECK_NEAR(value(&c, 0, "CN"), 0.5, 1e-12);
    CHECK_NEAR(value(&c, 1, "CN"), 100.0 / 160, 1e-12);
    CHECK_NEAR(value(&c, 1, "AU"), 60.0 / 160, 1e-12);
    CHECK_STR(c.row_notes[1], "HHI 5,313");
    CHECK_NEAR(value(&c, 2, "CN"), 1, 1e-12);
    CHECK_STR(c.row_notes[2], "HHI 10,000");
    /* magnets out of the magnet tier: JP 100 + 20, CN 40; into end users: JP 100, DE 60 */
    CHECK_NEAR(value(&c, 4, "JP"), 120.0 / 160, 1e-12);
    CHECK_NEAR(value(&c, 6, "DE"), 60.0 / 160, 1e-12);
    CHECK(strstr(c.caption, "one row per material") != NULL);
    check_drawing(&c);
    ckp_chart_destroy(&c);
    ckp_network_free(net);
}

static void test_origin(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_chart c;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_chart_origin(&c, net, NULL, ckp_network_find(net, "e"), NULL, NULL, &err),
              CKP_OK);
    /* mine, separation, magnet: the tiers before the last */
    CHECK_INT(c.n_rows, 3);
    CHECK(series(&c, "not traced through this tier") == c.n_series - 1);
    CHECK(c.series[c.n_series - 1].blank);
    CHECK_NEAR(value(&c, 0, "AU"), 1, 1e-12);
    CHECK_NEAR(value(&c, 1, "CN"), 50.0 / 90, 1e-12);
    CHECK_NEAR(value(&c, 1, "MY"), 40.0 / 90, 1e-12);
    CHECK_NEAR(value(&c, 2, "JP"), 1, 1e-12);
    CHECK_NEAR(value(&c, 2, "not traced through this tier"), 0, 1e-12);
    CHECK_STR(c.row_notes[1], "CN 56%");
    CHECK(strstr(c.title, "Where the supply of E comes from") != NULL);
    check_drawing(&c);
    ckp_chart_destroy(&c);

    /* not an end user */
    CHECK_INT(ckp_chart_origin(&c, net, NULL, ckp_network_find(net, "g"), NULL, NULL, &err),
              CKP_EDATA);
    ckp_network_free(net);

    /* recycling: cycles, and inflow that never passed through a tier */
    net = test_load_small("recycling.json");
    if (net) {
        igraph_integer_t last = ckp_network_tier_count(net) - 1;
        for (igraph_integer_t v = 0; v < ckp_network_node_count(net); v++) {
            if (ckp_node_tier(net, v) != last)
                continue;
            CHECK_INT(ckp_chart_origin(&c, net, NULL, v, NULL, NULL, &err), CKP_OK);
            for (igraph_integer_t r = 0; r < c.n_rows; r++) {
                double sum = 0;
                for (igraph_integer_t s = 0; s < c.n_series; s++)
                    sum += c.values[r * c.n_series + s];
                CHECK_NEAR(sum, 1, 1e-9);
            }
            ckp_chart_destroy(&c);
        }
    }
    ckp_network_free(net);
}

static void test_comparison(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_scenario *s = NULL;
    ckp_comparison cmp;
    ckp_chart c;
    ckp_error err;
    ckp_error_init(&err);
    memset(&cmp, 0, sizeof cmp);
    if (!net)
        return;
    CHECK_INT(ckp_scenario_new(&s, "lose S1", &err), CKP_OK);
    CHECK_INT(ckp_scenario_add_node(s, net, "s1", &err), CKP_OK);
    const ckp_network *nets[] = {net};
    const char *names[] = {"baseline"};
    const ckp_scenario *scens[] = {s};
    CHECK_INT(ckp_compare(&cmp, nets, names, 1, scens, 1, 5000, &err), CKP_OK);
    CHECK_INT(ckp_chart_comparison(&c, net, &cmp, NULL, &err), CKP_OK);
    CHECK_INT(c.kind, CKP_CHART_HEAT);
    CHECK_INT(c.n_rows, 1);
    CHECK_INT(c.n_series, 2);
    CHECK_STR(c.series[0].label, "no shock");
    CHECK_STR(c.series[1].label, "S1: lose S1");
    CHECK_NEAR(c.values[0], 1, 1e-12);
    CHECK_NEAR(c.values[1], 50.0 / 90, 1e-12);
    CHECK_STR(c.cells[0], "100.0%");
    CHECK_STR(c.cells[1], "55.6%\nshort 40");
    CHECK(c.marks[0] && c.marks[1]);
    /* the colour scale covers 55.6% to 100% with nice steps */
    CHECK(c.scale_min <= 50.0 / 90 && c.scale_max >= 1 && c.scale_step > 0);
    CHECK_NEAR(c.scale_max, 1, 1e-12);
    check_drawing(&c);
    ckp_chart_destroy(&c);
    ckp_comparison_destroy(&cmp);
    ckp_scenario_free(s);
    ckp_network_free(net);
}

/*
 * single-magnet.json with sb lost: mag receives 70 of its recorded 100, so the
 * immediate view serves 70 of Japan's 110 (e1 42, e2 28); spare capacity adds
 * sa's 10 (80); the maximum flow is 80 too (ma -> sa at sa's 80). One country,
 * its totals unique: every bar a point, no interval.
 */
static void test_views(void)
{
    ckp_network *net = test_load_small("single-magnet.json");
    ckp_scenario *s = NULL;
    ckp_views v;
    ckp_chart c;
    ckp_error err;
    ckp_views_init(&v);
    ckp_chart_init(&c);
    CHECK_INT(ckp_scenario_new(&s, "lose sb", &err), CKP_OK);
    CHECK_INT(ckp_scenario_add_node(s, net, "sb", &err), CKP_OK);
    CHECK_INT(ckp_views_run(&v, net, s, NULL, &err), CKP_OK);
    CHECK_INT(ckp_chart_views(&c, net, &v, s->name, "single-magnet.json", &err), CKP_OK);
    CHECK_INT(c.kind, CKP_CHART_RANGES);
    CHECK_STR(c.title, "Who goes short: lose sb");
    CHECK_INT(c.n_rows, 1);
    CHECK_STR(c.rows[0], "JP Japan");
    CHECK_STR(c.row_notes[0], "demand 110");
    CHECK_INT(c.n_series, 3);
    CHECK_STR(c.series[0].label, "immediate (nobody adapts)");
    CHECK_NEAR(c.values[0], 70.0 / 110, 1e-12);
    CHECK_NEAR(c.values[1], 80.0 / 110, 1e-12);
    CHECK_NEAR(c.values[2], 80.0 / 110, 1e-12);
    CHECK(isnan(c.highs[0]) && isnan(c.highs[1]) && isnan(c.highs[2]));
    CHECK_NEAR(c.scale_max, 1, 1e-12);
    check_drawing(&c);
    ckp_chart_destroy(&c);
    ckp_views_destroy(&v);
    ckp_scenario_free(s);
    ckp_network_free(net);
}

/*
 * The time chart on stockpile.json, m1 lost for 40 days in 4 samples: e1
 * (JP, 1 t a day) runs on its 30 t of stock, so Japan has all its demand up to
 * day 30 and 30 of 40 t by day 40 (75%) in both views; Korea never goes short.
 */
static void test_time_chart(void)
{
    ckp_network *net = test_load_small("stockpile.json");
    ckp_scenario *s = NULL;
    ckp_chart c;
    ckp_error err;
    ckp_error_init(&err);
    if (!net)
        return;
    CHECK_INT(ckp_scenario_new(&s, "lose m1", &err), CKP_OK);
    CHECK_INT(ckp_scenario_add_node(s, net, "m1", &err), CKP_OK);
    CHECK_INT(ckp_chart_time(&c, net, s, 40, 4, "stockpile.json", &err), CKP_OK);
    CHECK_INT(c.kind, CKP_CHART_XY);
    CHECK_STR(c.title, "How long stocks last: lose m1, 40 days");
    CHECK_INT(c.n_rows, 5);
    CHECK_INT(c.n_series, 4);
    CHECK(!c.series[0].dashed && c.series[1].dashed);
    CHECK_NEAR(c.xs[3], 30, 1e-12);
    CHECK_NEAR(value(&c, 3, "JP immediate"), 1, 1e-12);
    CHECK_NEAR(value(&c, 4, "JP immediate"), 0.75, 1e-12);
    CHECK_NEAR(value(&c, 4, "JP reallocated"), 0.75, 1e-12);
    CHECK_NEAR(value(&c, 4, "KR immediate"), 1, 1e-12);
    CHECK_NEAR(value(&c, 0, "JP immediate"), 1, 1e-12);
    CHECK(c.scale_min <= 0.75 && c.scale_max == 1 && c.percent);
    check_drawing(&c);
    ckp_chart_destroy(&c);
    ckp_scenario_free(s);
    ckp_network_free(net);
}

/*
 * The stress chart on stockpile.json: m1 (TTR 20 days) lost leaves e1 on its
 * 30 days of stock: a safe point at (20, 30); e1 lost: exposed at (40, 0).
 */
static void test_stress_chart(void)
{
    ckp_network *net = test_load_small("stockpile.json");
    ckp_stress st;
    ckp_chart c;
    ckp_error err;
    ckp_error_init(&err);
    if (!net)
        return;
    CHECK_INT(ckp_stress_run(&st, net, NULL, 1, &err), CKP_OK);
    CHECK_INT(ckp_chart_stress(&c, net, &st, 0, "stockpile.json", &err), CKP_OK);
    CHECK_INT(c.kind, CKP_CHART_XY);
    CHECK_INT(c.n_rows, 8);
    CHECK(c.points && c.diagonal);
    for (igraph_integer_t r = 0; r < c.n_rows; r++) {
        if (!strcmp(c.rows[r], "m1")) {
            CHECK_NEAR(c.xs[r], 20, 1e-12);
            CHECK_NEAR(value(&c, r, "safe: TTS >= TTR"), 30, 1e-9);
            CHECK(isnan(value(&c, r, "exposed: TTS < TTR")));
        }
        if (!strcmp(c.rows[r], "e1")) {
            CHECK_NEAR(c.xs[r], 40, 1e-12);
            CHECK_NEAR(value(&c, r, "exposed: TTS < TTR"), 0, 1e-12);
        }
    }
    check_drawing(&c);
    ckp_chart_destroy(&c);
    /* the first 2 only */
    CHECK_INT(ckp_chart_stress(&c, net, &st, 2, NULL, &err), CKP_OK);
    CHECK_INT(c.n_rows, 2);
    ckp_chart_destroy(&c);
    ckp_stress_destroy(&st);
    ckp_network_free(net);
}

int main(void)
{
    test_scale();
    test_concentration();
    test_concentration_materials();
    test_origin();
    test_views();
    test_comparison();
    test_time_chart();
    test_stress_chart();
    return test_report("test_chart");
}
