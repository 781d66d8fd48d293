/*
 * Figures for print: page sizes, the font scale of a diagram's DOT text, a
 * diagram fitted to a page, the page set on SVG output, and the palette's
 * colours told apart with colour-vision deficiencies (tests/print/print-check
 * measures the figures themselves).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/load.h"
#include "chokepoint/render.h"
#include "render_page.h"
#include "test.h"
#include "test_net.h"

#define MM (72 / 25.4)

static void test_page_sizes(void)
{
    ckp_error err;
    double w, h;
    ckp_error_init(&err);
    CHECK_INT(ckp_page_size_parse(&w, &h, "a4", &err), CKP_OK);
    CHECK_NEAR(w, 595.2756, 1e-3);
    CHECK_NEAR(h, 841.8898, 1e-3);
    CHECK_INT(ckp_page_size_parse(&w, &h, "A5", &err), CKP_OK);
    CHECK_NEAR(w, 148 * MM, 1e-9);
    CHECK_NEAR(h, 210 * MM, 1e-9);
    CHECK_INT(ckp_page_size_parse(&w, &h, "letter", &err), CKP_OK);
    CHECK_NEAR(w, 612, 1e-9);
    CHECK_NEAR(h, 792, 1e-9);
    CHECK_INT(ckp_page_size_parse(&w, &h, "180x120mm", &err), CKP_OK);
    CHECK_NEAR(w, 510.2362, 1e-3);
    CHECK_NEAR(h, 340.1575, 1e-3);
    CHECK_INT(ckp_page_size_parse(&w, &h, "8.5x11in", &err), CKP_OK);
    CHECK_NEAR(w, 612, 1e-9);
    CHECK_INT(ckp_page_size_parse(&w, &h, "400x300pt", &err), CKP_OK);
    CHECK_NEAR(h, 300, 1e-9);
    CHECK_INT(ckp_page_size_parse(&w, &h, "a6", &err), CKP_EUSAGE);
    CHECK(strstr(err.message, "unknown page size 'a6'") != NULL);
    CHECK_INT(ckp_page_size_parse(&w, &h, "180x120", &err), CKP_EUSAGE);
    CHECK_INT(ckp_page_size_parse(&w, &h, "18x12cm", &err), CKP_EUSAGE);
    CHECK_INT(ckp_page_size_parse(&w, &h, "0.5x3in", &err), CKP_EUSAGE);
    CHECK(strstr(err.message, "out of range") != NULL);
    CHECK_NEAR(w, 0, 0);
}

static void test_font_scale(void)
{
    /* a tooltip that looks like an attribute and a label with nested tags */
    const char *dot = "digraph { graph [fontsize=12]; n [tooltip=\"x \\\" fontsize=10\", "
                      "label=<<B>a</B><FONT POINT-SIZE=\"10\">b<I>c</I></FONT>>, fontsize=11]; }";
    ckp_buf out;
    double min_pt;
    ckp_buf_init(&out);
    rd_scale_fonts(&out, dot, 0.5, &min_pt);
    CHECK_STR(out.data, "digraph { graph [fontsize=6.00]; n [tooltip=\"x \\\" fontsize=10\", "
                        "label=<<B>a</B><FONT POINT-SIZE=\"5.00\">b<I>c</I></FONT>>, "
                        "fontsize=5.50]; }");
    CHECK_NEAR(min_pt, 5, 0);
    ckp_buf_destroy(&out);

    /* the diamond at 22 pt: everything doubled, the names' 11 pt become 22 */
    ckp_network *net = test_load_small("diamond.json");
    ckp_render_options o;
    ckp_error err;
    char *big = NULL, *plain = NULL;
    ckp_error_init(&err);
    ckp_render_options_init(&o);
    CHECK_INT(ckp_render_dot(&plain, NULL, NULL, net, &o, &err), CKP_OK);
    o.font_size = 22;
    CHECK_INT(ckp_render_dot(&big, NULL, NULL, net, &o, &err), CKP_OK);
    if (big && plain) {
        CHECK(strstr(plain, "fontsize=11,") != NULL);
        CHECK(strstr(big, "fontsize=22.00,") != NULL);
        CHECK(strstr(big, "POINT-SIZE=\"44.00\"") != NULL); /* the title, 22 */
        CHECK(strstr(big, "POINT-SIZE=\"20.00\"") != NULL); /* the labels' second lines */
        CHECK(strstr(big, "POINT-SIZE=\"10\"") == NULL);
    }
    free(big);
    free(plain);
    ckp_network_free(net);
}

/* What a diagram test starts from: a small network, default options. */
typedef struct {
    ckp_network *net;
    ckp_render_options o;
    ckp_render_info info;
    ckp_error err;
} fixture;

static void fixture_init(fixture *f, const char *file)
{
    f->net = test_load_small(file);
    ckp_render_options_init(&f->o);
    ckp_error_init(&f->err);
}

static void test_fit_page(void)
{
    fixture f;
    fixture_init(&f, "diamond.json");
    char *dot = NULL;
    CHECK_INT(ckp_page_size_parse(&f.o.page_width, &f.o.page_height, "a4", &f.err), CKP_OK);
    CHECK_INT(ckp_render_dot(&dot, NULL, &f.info, f.net, &f.o, &f.err), CKP_OK);
    if (dot) {
        /* portrait: tiers as rows; shrunk into the page less a quarter inch a side */
        CHECK(strstr(dot, "rankdir=TB") != NULL);
        CHECK(strstr(dot, "pad=\"0\"") != NULL);
        CHECK(strstr(dot, "size=\"7.7677,11.1929\"") != NULL);
        CHECK(strstr(dot, "margin=0") != NULL);
        CHECK(strstr(dot, "hover") == NULL); /* nothing to hover over on paper */
        CHECK_INT(f.info.aggregated, 0);
    }
    free(dot);
    dot = NULL;
    /* a page too small for text of 6 pt: an error, not a figure */
    CHECK_INT(ckp_page_size_parse(&f.o.page_width, &f.o.page_height, "80x60mm", &f.err), CKP_OK);
    CHECK_INT(ckp_render_dot(&dot, NULL, &f.info, f.net, &f.o, &f.err), CKP_EDATA);
    CHECK(strstr(f.err.message, "does not fit a 80 x 60 mm page") != NULL);
    CHECK(dot == NULL);
    ckp_network_free(f.net);

    /* a 100 x 50 pt drawing centred on a 200 x 100 pt page */
    char *svg = strdup("<?xml?>\n<svg width=\"100pt\" height=\"50pt\"\n viewBox=\"0.00 0.00 "
                       "100.00 50.00\" xmlns=\"x\">\n<g/></svg>\n");
    size_t len = strlen(svg);
    CHECK_INT(rd_page_fit(&svg, &len, CKP_FIG_SVG, 200, 100, &f.err), CKP_OK);
    CHECK_STR(svg, "<?xml?>\n<svg width=\"200.00pt\" height=\"100.00pt\"\n viewBox=\"-50.00 "
                   "-25.00 200.00 100.00\" xmlns=\"x\">\n<g/></svg>\n");
    CHECK_INT(len, strlen(svg));
    free(svg);
}

/* --focus on magnet-bom: ev_jp's suppliers are magnet_jp, sep_au and sep_cn, not magnet_cn */
static void test_focus(void)
{
    fixture f;
    fixture_init(&f, "magnet-bom.json");
    char *dot = NULL;
    f.o.focus = "ev_jp";
    CHECK_INT(ckp_render_dot(&dot, NULL, &f.info, f.net, &f.o, &f.err), CKP_OK);
    CHECK_INT(f.info.nodes, 4);
    CHECK_INT(f.info.edges, 4); /* sep_au and sep_cn (two materials) to magnet_jp, to ev_jp */
    if (dot) {
        CHECK(strstr(dot, "Only the supply paths of ev_jp: 4 of 6 nodes.") != NULL);
        CHECK(strstr(dot, "magnet_cn") == NULL);
        CHECK(strstr(dot, "wind_de") == NULL);
    }
    free(dot);
    dot = NULL;
    f.o.focus = "DE"; /* a country: its end users, wind_de, fed by both magnet makers */
    CHECK_INT(ckp_render_dot(&dot, NULL, &f.info, f.net, &f.o, &f.err), CKP_OK);
    CHECK_INT(f.info.nodes, 5);
    CHECK_INT(f.info.edges, 7);
    free(dot);
    dot = NULL;
    f.o.focus = "AU"; /* a country without end users */
    CHECK_INT(ckp_render_dot(&dot, NULL, &f.info, f.net, &f.o, &f.err), CKP_EDATA);
    CHECK(strstr(f.err.message, "--focus 'AU' is neither an end user nor the country of one"));
    ckp_network_free(f.net);
}

/* ---- colour-vision deficiency -------------------------------------------------------- */

static double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* CIELAB (D65) of linear sRGB. */
static void lab(const double rgb[3], double out[3])
{
    double x = (0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2]) / 0.95047;
    double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
    double z = (0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2]) / 1.08883;
    double t[3] = {x, y, z};
    for (int i = 0; i < 3; i++)
        t[i] = t[i] > 216.0 / 24389 ? cbrt(t[i]) : t[i] * 841.0 / 108 + 4.0 / 29;
    out[0] = 116 * t[1] - 16;
    out[1] = 500 * (t[0] - t[1]);
    out[2] = 200 * (t[1] - t[2]);
}

/*
 * Simulated dichromacy: Machado, Oliveira and Fernandes, "A Physiologically-
 * based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6),
 * 2009, severity 1.0 matrices, applied to linear sRGB. NULL: normal vision.
 */
static const double protan[3][3] = {{0.152286, 1.052583, -0.204868},
                                    {0.114503, 0.786281, 0.099216},
                                    {-0.003882, -0.048116, 1.051998}};
static const double deutan[3][3] = {{0.367322, 0.860646, -0.227968},
                                    {0.280085, 0.672501, 0.047413},
                                    {-0.011820, 0.042940, 0.968881}};

static void seen(const char *hex, const double (*m)[3], double out[3])
{
    unsigned r = 0, g = 0, b = 0;
    sscanf(hex, "#%2x%2x%2x", &r, &g, &b);
    double c[3] = {linear(r / 255.0), linear(g / 255.0), linear(b / 255.0)}, s[3];
    for (int i = 0; i < 3; i++) {
        s[i] = m ? m[i][0] * c[0] + m[i][1] * c[1] + m[i][2] * c[2] : c[i];
        s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
    }
    lab(s, out);
}

/* The least CIE76 distance between any two of the first n colours, over the three visions. */
static double least_distance(const ckp_palette *pal, int n)
{
    const double (*const vision[3])[3] = {NULL, protan, deutan};
    double least = INFINITY;
    for (int v = 0; v < 3; v++)
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                double a[3], b[3];
                seen(pal->color[i], vision[v], a);
                seen(pal->color[j], vision[v], b);
                double d = sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                                (a[2] - b[2]) * (a[2] - b[2]));
                least = d < least ? d : least;
            }
    return least;
}

static void test_palette_cvd(void)
{
    char path[512];
    ckp_network *net = NULL;
    ckp_palette pal;
    ckp_error err;
    ckp_error_init(&err);
    snprintf(path, sizeof path, "%s/rare-earths-japan.json", CKP_NETWORKS);
    CHECK_INT(ckp_load_json(&net, path, &err), CKP_OK);
    CHECK_INT(ckp_palette_for_network(&pal, net, &err), CKP_OK);
    CHECK_INT(pal.n, CKP_PALETTE_SIZE);
    /* by share summed over the tiers: China, then Japan, the US, Germany */
    CHECK_STR(pal.code[0], "CN");
    CHECK_STR(pal.code[1], "JP");
    CHECK_STR(pal.code[2], "US");
    CHECK_STR(pal.code[3], "DE");
    CHECK_STR(pal.color[0], CKP_COLOR_CHINA);
    CHECK_STR(pal.color[1], "#332288");
    /* worked out with the same formulas: 37.4, 27.9 and 15.6 */
    CHECK(least_distance(&pal, 4) > 37);
    CHECK(least_distance(&pal, 5) > 27.5);
    CHECK(least_distance(&pal, CKP_PALETTE_SIZE) > 15.5);
    ckp_network_free(net);
}

int main(void)
{
    test_page_sizes();
    test_font_scale();
    test_fit_page();
    test_focus();
    test_palette_cvd();
    return test_report("test_print");
}
