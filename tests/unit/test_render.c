/*
 * Diagrams: the DOT text generated for the small networks (views, colours,
 * SPOF marks, scenario and plan modes, the node-count fallback, escaping),
 * and the Graphviz step (formats, determinism, errors kept off stderr,
 * atomic writes that fail cleanly).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "chokepoint/plan.h"
#include "chokepoint/render.h"
#include "chokepoint/scenario.h"
#include "test.h"
#include "test_net.h"

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Whether one line of `text` holds both `a` and `b`. */
static int line_with(const char *text, const char *a, const char *b)
{
    for (const char *p = text; p && *p;) {
        const char *end = strchr(p, '\n'), *x = strstr(p, a), *y = strstr(p, b);
        if (!end)
            end = p + strlen(p);
        if (x && y && x < end && y < end)
            return 1;
        p = *end ? end + 1 : NULL;
    }
    return 0;
}

static char *dot_of(const ckp_network *net, const ckp_render_options *o, ckp_render_info *info)
{
    char *dot = NULL;
    size_t len = 0;
    ckp_error err;
    ckp_error_init(&err);
    ckp_code rc = ckp_render_dot(&dot, &len, info, net, o, &err);
    CHECK_INT(rc, CKP_OK);
    if (rc)
        fprintf(stderr, "ckp_render_dot: %s\n", err.message);
    else
        CHECK_INT(strlen(dot), len);
    return dot;
}

static void test_tiers_view(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_render_info info;
    CHECK(net != NULL);
    char *dot = dot_of(net, NULL, &info);
    CHECK(dot != NULL);
    if (dot) {
        CHECK_INT(info.aggregated, 0);
        CHECK_INT(info.view, CKP_VIEW_TIERS);
        CHECK_INT(info.nodes, 5);
        CHECK_INT(info.edges, 5);
        CHECK(strstr(dot, "rankdir=LR") != NULL);
        CHECK_INT(count(dot, "subgraph cluster_t"), 4);
        CHECK_INT(count(dot, "{ rank=same;"), 4);
        /* the two single points of failure (m1 and g), marked twice over */
        CHECK_INT(count(dot, "peripheries=2"), 2);
        CHECK_INT(count(dot, "⚠ SPOF · cuts off 90"), 2);
        /* China's colour on s1, Malaysia's on s2, every colour in the legend */
        CHECK(strstr(dot, "n1 [id=\"n1\", fillcolor=\"" CKP_COLOR_CHINA "\"") != NULL);
        CHECK(strstr(dot, "<FONT COLOR=\"" CKP_COLOR_CHINA "\" POINT-SIZE=\"17\">■</FONT> CN") !=
              NULL);
        CHECK(strstr(dot, "</FONT> MY") != NULL && strstr(dot, "</FONT> AU") != NULL);
        /* title, unit and year, source line; label of name and capacity */
        CHECK(strstr(dot, "<B>Diamond</B>") != NULL);
        CHECK(strstr(dot, "t/yr · 2024") != NULL);
        CHECK(strstr(dot, "Source: hand-made") != NULL);
        CHECK(strstr(dot, "<B>S1</B><BR/><FONT POINT-SIZE=\"10\">CN · cap 60</FONT>") != NULL);
        /* arrows as wide as their volume: 90 is the widest (8), 40 gives 0.8 + 7.2 * 40/90 */
        CHECK(strstr(dot, "n3 -> n4 [id=\"e4\", penwidth=\"8.00\"") != NULL);
        CHECK(strstr(dot, "n0 -> n2 [id=\"e1\", penwidth=\"4.00\"") != NULL);
        /* tooltips with the node's figures */
        CHECK(strstr(dot, "tooltip=\"S1 (s1)\\ntier: separation · country: CN · owner: CRE") !=
              NULL);
        /* the same input gives the same text */
        char *again = dot_of(net, NULL, NULL);
        CHECK(again && !strcmp(dot, again));
        free(again);
    }
    free(dot);

    /* risk colouring: the scale in the legend instead of countries */
    ckp_render_options o;
    ckp_render_options_init(&o);
    o.color = CKP_COLOR_BY_RISK;
    dot = dot_of(net, &o, NULL);
    if (dot) {
        CHECK(strstr(dot, "Fill: flow at risk, share of served demand") != NULL);
        CHECK(strstr(dot, "over 20%") != NULL);
        CHECK(strstr(dot, "Fill: country") == NULL);
    }
    free(dot);
    ckp_network_free(net);
}

static void test_countries_view_and_fallback(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_render_options o;
    ckp_render_info info;
    ckp_render_options_init(&o);
    o.view = CKP_VIEW_COUNTRIES;
    char *dot = dot_of(net, &o, &info);
    if (dot) {
        /* AU mine, CN and MY separation, JP magnet, JP end use */
        CHECK_INT(info.nodes, 5);
        CHECK_INT(info.edges, 5);
        CHECK_INT(info.aggregated, 0);
        CHECK(strstr(dot, "<B>CN</B> 54.5%") != NULL);
        CHECK(strstr(dot, "<B>MY</B> 45.5%") != NULL);
        /* boxes sized by share: 0.5 + 2 x share inches */
        CHECK(strstr(dot, "height=\"1.59\"") != NULL);
        CHECK(strstr(dot, "height=\"2.50\"") != NULL);
        CHECK(strstr(dot, "One box per tier and country") != NULL);
    }
    free(dot);

    /* over the node limit, the tiers view aggregates and says so */
    ckp_render_options_init(&o);
    o.max_nodes = 4;
    dot = dot_of(net, &o, &info);
    if (dot) {
        CHECK_INT(info.aggregated, 1);
        CHECK_INT(info.view, CKP_VIEW_COUNTRIES);
        CHECK(strstr(info.note, "5 nodes are over the limit of 4") != NULL);
        CHECK(strstr(dot, "Aggregated: 5 nodes are over the limit of 4") != NULL);
    }
    free(dot);
    o.max_nodes = 5;
    dot = dot_of(net, &o, &info);
    CHECK_INT(info.aggregated, 0);
    free(dot);
    ckp_network_free(net);
}

static void test_scenario_and_plan(void)
{
    ckp_network *net = test_load_small("diamond.json"), *plan = NULL;
    ckp_scenario *s = NULL;
    ckp_error err;
    ckp_render_options o;
    ckp_plan_info pinfo;
    ckp_error_init(&err);
    memset(&pinfo, 0, sizeof pinfo);
    CHECK_INT(ckp_scenario_new(&s, "lose S1", &err), CKP_OK);
    CHECK_INT(ckp_scenario_add_node(s, net, "s1", &err), CKP_OK);
    ckp_render_options_init(&o);
    o.scenario = s;
    char *dot = dot_of(net, &o, NULL);
    if (dot) {
        CHECK(strstr(dot, "<B>lose S1</B>") != NULL);
        CHECK(strstr(dot, "<S>S1</S>") != NULL);
        CHECK(strstr(dot, "removed by the scenario") != NULL);
        /* both edges of s1 cut, drawn dashed with a bar */
        CHECK_INT(count(dot, "arrowhead=tee"), 2);
        /*
         * the end user gets 40 of 90 immediately (s1's recorded 50 lost), filled
         * in the darkest loss class (over 50%), and 50 at the maximum flow
         */
        CHECK(strstr(dot, "immediately short 50 (56%)") != NULL);
        CHECK(strstr(dot, "reallocated 50</FONT>") != NULL);
        CHECK(strstr(dot, "fillcolor=\"#800026\"") != NULL);
        CHECK(strstr(dot, "served 50 of 90 (55.6%), 90 before the shock") != NULL);
        /* s2 becomes a single point of failure */
        CHECK(strstr(dot, "<B>S2</B><BR/><FONT POINT-SIZE=\"10\">MY · cap 50</FONT><BR/>"
                          "<FONT POINT-SIZE=\"10\"><B>⚠ SPOF") != NULL);
    }
    free(dot);

    static const char plan_text[] =
        "{\"name\": \"Korea\", \"add_nodes\": [{\"id\": \"s3\", \"tier\": \"separation\", "
        "\"country\": \"KR\", \"capacity\": 40}], \"add_edges\": [{\"from\": \"m1\", \"to\": "
        "\"s3\", \"volume\": 0}, {\"from\": \"s3\", \"to\": \"g\", \"volume\": 0}], "
        "\"update_nodes\": [{\"id\": \"s2\", \"capacity\": 60}]}";
    CHECK_INT(ckp_plan_apply_buffer(&plan, &pinfo, net, plan_text, strlen(plan_text), "plan.json",
                                    &err),
              CKP_OK);
    if (plan) {
        ckp_render_options_init(&o);
        o.baseline = net;
        o.plan_name = pinfo.name;
        dot = dot_of(plan, &o, NULL);
        if (dot) {
            CHECK(strstr(dot, "<B>Korea</B>") != NULL);
            CHECK(strstr(dot, "+ added by the plan") != NULL);
            CHECK(strstr(dot, "+ cap 50 → 60") != NULL);
            CHECK(strstr(dot, "The plan adds 1 node, changes 1, and adds or changes 2 edges.") !=
                  NULL);
            /* new routes in black, the rest faded */
            CHECK_INT(count(dot, "color=\"black\", penwidth=\"2.50\""), 2);
            CHECK(strstr(dot, "color=\"#C8C8C880\"") != NULL);
        }
        free(dot);
    }
    ckp_plan_info_destroy(&pinfo);
    ckp_network_free(plan);
    ckp_scenario_free(s);
    ckp_network_free(net);
}

/* tests/data/fold.json, whose folds tests/data/README.md counts by hand. */
static ckp_network *load_fold(void)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_load_json(&net, CKP_TEST_DATA "/fold.json", &err), CKP_OK);
    return net;
}

/*
 * --min-share 40 on tests/data/fold.json: m1's 200 and 90 into the refine
 * tier fold (under 396 of its 990); r3's three 30s (under 36 of 90), then
 * g3's three 10s (under 12 of 30): r3, g3 and e3 have no edge left and are
 * folded in whole, their tier's "other" drawing their flows.
 */
static void test_min_share_fold(void)
{
    ckp_network *net = load_fold();
    ckp_scenario *s = NULL;
    ckp_render_options o;
    ckp_render_info info;
    ckp_error err;
    ckp_error_init(&err);
    ckp_render_options_init(&o);
    o.min_share = 40;
    char *dot = net ? dot_of(net, &o, &info) : NULL;
    if (dot) {
        /* m1, r1, r2, g1, g2, e1, e2 and three "other"; 5 edges drawn and 3 folds */
        CHECK_INT(info.nodes, 10);
        CHECK_INT(info.edges, 8);
        CHECK(strstr(dot, "8 flows under 40% of their supplier&#39;s outflow folded into "
                          "&#39;other&#39;.") != NULL);
        CHECK(strstr(dot, "label=<other: 2 flows, 290 t/yr<BR/>+1 node>") != NULL);
        CHECK(strstr(dot, "label=<other: 3 flows, 90 t/yr<BR/>+1 node>") != NULL);
        CHECK(strstr(dot, "label=<other: 3 flows, 30 t/yr<BR/>+1 node>") != NULL);
        CHECK_INT(count(dot, "label=<other:"), 3);
        CHECK(strstr(dot, "<B>R3</B>") == NULL && strstr(dot, "<B>G3</B>") == NULL &&
              strstr(dot, "<B>E3</B>") == NULL);
        /* a tier's header still counts the nodes folded in whole */
        CHECK(strstr(dot, "<B>refine</B><BR/><FONT POINT-SIZE=\"11\">3 nodes") != NULL);
        /* boxes n7, n8, n9 are the three "other": m1 into the first, then from one to the next */
        CHECK(strstr(dot, "n0 -> n7 [id=\"e5\", penwidth=\"3.05\", color=\"#7F7F7F\", "
                          "style=dashed, label=\"290\"") != NULL);
        CHECK(strstr(dot, "n7 -> n8 [id=\"e6\"") != NULL);
        CHECK(strstr(dot, "tooltip=\"other (magnet) → other (end_use)\\n3 flows, 30 t/yr "
                          "folded:\\nG3 → E1: 10\\nG3 → E2: 10\\nG3 → E3: 10\"") != NULL);
        CHECK(strstr(dot, "n7 [id=\"n7\", fillcolor=\"#EBEBEB\", fontcolor=\"#404040\", "
                          "color=\"#7F7F7F\", style=\"rounded,filled,dashed\"") != NULL);
        CHECK(strstr(dot, "{ rank=same; t1; n1; n2; n7; }") != NULL);
    }
    free(dot);

    /*
     * --focus e2: m1, r3, g2, g3, e2. m1 -> r3 folds (90 under 396), r3's two
     * 30s and g3 -> e2 (10 under 12); g2 -> e2 stays, so r3 and g3 fold in whole.
     */
    o.focus = "e2";
    dot = net ? dot_of(net, &o, &info) : NULL;
    if (dot) {
        CHECK_INT(info.nodes, 6);
        CHECK_INT(info.edges, 4);
        CHECK(strstr(dot, "Only the supply paths of e2: 5 of 10 nodes. 4 flows under 40%") !=
              NULL);
        CHECK(strstr(dot, "label=<other: 1 flow, 90 t/yr<BR/>+1 node>") != NULL);
        CHECK(strstr(dot, "label=<other: 2 flows, 60 t/yr<BR/>+1 node>") != NULL);
        CHECK(strstr(dot, "label=<other: 1 flow, 10 t/yr>") != NULL);
    }
    free(dot);

    /* a scenario keeps the baseline's order, its "other" boxes in it */
    o.focus = NULL;
    CHECK_INT(ckp_scenario_new(&s, "lose R2", &err), CKP_OK);
    CHECK_INT(ckp_scenario_add_node(s, net, "r2", &err), CKP_OK);
    o.scenario = s;
    dot = net ? dot_of(net, &o, &info) : NULL;
    if (dot) {
        CHECK_INT(info.nodes, 10);
        /* refine's chain of invisible edges: its two boxes left and its "other", n7 */
        CHECK(line_with(dot, "[style=invis]", "n1 ") && line_with(dot, "[style=invis]", "n2 ") &&
              line_with(dot, "[style=invis]", "n7 "));
        CHECK_INT(count(dot, "label=<other:"), 3);
    }
    free(dot);
    ckp_scenario_free(s);
    ckp_network_free(net);
}

/* Names with markup characters end up escaped, and Graphviz reads the result. */
static void test_escaping(void)
{
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    static const char json[] =
        "{\"format\": \"chokepoint-network/1\", \"name\": \"A <b>\\\"quoted\\\"</b> & \\\\ net\", "
        "\"unit\": \"t\", \"tiers\": [\"mine <1>\", \"end\"], \"nodes\": ["
        "{\"id\": \"a\\\"b\\\\\", \"name\": \"R&D <lab> \\\"x\\\" \\\\N\", \"tier\": \"mine <1>\", "
        "\"country\": \"CN\", \"capacity\": 5},"
        "{\"id\": \"u\", \"tier\": \"end\", \"country\": \"JP\", \"demand\": 5}],"
        "\"edges\": [{\"from\": \"a\\\"b\\\\\", \"to\": \"u\", \"volume\": 5}]}";
    CHECK_INT(ckp_load_json_buffer(&net, json, strlen(json), "x.json", &err), CKP_OK);
    if (!net) {
        fprintf(stderr, "%s\n", err.message);
        return;
    }
    char *dot = dot_of(net, NULL, NULL);
    if (dot) {
        CHECK(strstr(dot, "R&amp;D &lt;lab&gt; &quot;x&quot; \\N") != NULL);
        CHECK(strstr(dot, "tooltip=\"R&D <lab> \\\"x\\\" \\\\N (a\\\"b\\\\)") != NULL);
        CHECK(strstr(dot, "<B>mine &lt;1&gt;</B>") != NULL);
        ckp_figure *fig = NULL;
        CHECK_INT(ckp_figure_new(&fig, dot, strlen(dot), CKP_FIG_MASK(CKP_FIG_SVG), &err),
                  CKP_OK);
        if (fig) {
            char *svg = NULL;
            size_t len = 0;
            CHECK_INT(ckp_figure_render(fig, CKP_FIG_SVG, &svg, &len, &err), CKP_OK);
            CHECK(svg && strstr(svg, "R&amp;D &lt;lab&gt;") != NULL);
            free(svg);
        } else {
            fprintf(stderr, "%s\n", err.message);
        }
        ckp_figure_free(fig);
    }
    free(dot);
    ckp_network_free(net);
}

static int has_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d && (e = readdir(d)))
        if (strstr(e->d_name, ".tmp."))
            found = 1;
    if (d)
        closedir(d);
    return found;
}

static void test_figures(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_figure *fig = NULL, *fig2 = NULL;
    ckp_error err;
    ckp_error_init(&err);
    char *dot = dot_of(net, NULL, NULL);
    if (!dot) {
        ckp_network_free(net);
        return;
    }
    CHECK_INT(ckp_figure_new(&fig, dot, strlen(dot), CKP_FIG_ALL, &err), CKP_OK);
    CHECK_INT(ckp_figure_new(&fig2, dot, strlen(dot), CKP_FIG_ALL, &err), CKP_OK);
    for (int f = CKP_FIG_SVG; fig && fig2 && f <= CKP_FIG_DOT; f++) {
        char *a = NULL, *b = NULL;
        size_t la = 0, lb = 0;
        CHECK_INT(ckp_figure_render(fig, (ckp_figure_format)f, &a, &la, &err), CKP_OK);
        CHECK_INT(ckp_figure_render(fig2, (ckp_figure_format)f, &b, &lb, &err), CKP_OK);
        /* two layouts in one process give the same bytes */
        CHECK(a && b && la == lb && !memcmp(a, b, la));
        if (a && f == CKP_FIG_SVG) {
            CHECK(strstr(a, "<svg") != NULL);
            CHECK(strstr(a, "xlink:title=\"S1 (s1)") != NULL); /* the tooltip */
        }
        if (a && f == CKP_FIG_PNG)
            CHECK(la > 8 && !memcmp(a, "\x89PNG\r\n\x1a\n", 8));
        if (a && f == CKP_FIG_PDF) {
            CHECK(la > 5 && !memcmp(a, "%PDF-", 5));
            const char *date = test_find_bytes(a, la, "/CreationDate (");
            CHECK(date && !memcmp(date + 15, "D:19700101000000", 16));
        }
        if (a && f == CKP_FIG_DOT)
            CHECK(la == strlen(dot) && !memcmp(a, dot, la));
        free(a);
        free(b);
    }
    ckp_figure_free(fig2);

    /* a format not rendered is an error, not a crash */
    ckp_figure *svg_only = NULL;
    char *data = NULL;
    size_t len = 0;
    CHECK_INT(ckp_figure_new(&svg_only, dot, strlen(dot), CKP_FIG_MASK(CKP_FIG_SVG), &err),
              CKP_OK);
    if (svg_only)
        CHECK_INT(ckp_figure_render(svg_only, CKP_FIG_PNG, &data, &len, &err), CKP_EINTERNAL);
    ckp_figure_free(svg_only);

    /* atomic writes: a figure appears whole, no temporary file is left behind */
    char dir[] = "/tmp/ckp_render_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[600];
    snprintf(path, sizeof path, "%s/d.png", dir);
    if (fig) {
        CHECK_INT(ckp_figure_write(fig, CKP_FIG_PNG, path, &err), CKP_OK);
        CHECK(access(path, F_OK) == 0);
        CHECK(!has_temp_files(dir));
        /* an unwritable place is an output error, and nothing is left: a missing directory, a
         * file used as a directory (root ignores permission bits, so no chmod here) */
        CHECK_INT(ckp_figure_write(fig, CKP_FIG_SVG, "/nonexistent-ckp-dir/d.svg", &err), CKP_EIO);
        CHECK(strstr(err.message, "cannot write '/nonexistent-ckp-dir/d.svg'") != NULL);
        snprintf(path, sizeof path, "%s/d.png/x.svg", dir);
        CHECK_INT(ckp_figure_write(fig, CKP_FIG_SVG, path, &err), CKP_EIO);
        CHECK(strstr(err.message, "Not a directory") != NULL);
        CHECK(!has_temp_files(dir));
        snprintf(path, sizeof path, "%s/d.png", dir);
        unlink(path);
    }
    rmdir(dir);
    ckp_figure_free(fig);
    free(dot);
    ckp_network_free(net);
}

/* Graphviz's complaints come back in the error, not on stderr. */
static void test_graphviz_errors(void)
{
    ckp_figure *fig = NULL;
    ckp_error err;
    ckp_error_init(&err);
    char log[] = "/tmp/ckp_stderr_XXXXXX";
    int fd = mkstemp(log);
    int saved = dup(2);
    CHECK(fd >= 0 && saved >= 0);
    fflush(stderr);
    dup2(fd, 2);
    static const char bad[] = "digraph { a -> ; }";
    ckp_code rc = ckp_figure_new(&fig, bad, strlen(bad), CKP_FIG_ALL, &err);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    CHECK_INT(rc, CKP_EINTERNAL);
    CHECK(fig == NULL);
    CHECK(strstr(err.message, "Graphviz cannot read the diagram") != NULL);
    CHECK(strstr(err.message, "syntax error") != NULL);
    CHECK(lseek(fd, 0, SEEK_END) == 0); /* nothing printed */
    close(fd);
    unlink(log);
}

static void test_helpers(void)
{
    CHECK_INT(ckp_figure_format_from_path("a/b.SVG"), CKP_FIG_SVG);
    CHECK_INT(ckp_figure_format_from_path("x.png"), CKP_FIG_PNG);
    CHECK_INT(ckp_figure_format_from_path("x.pdf"), CKP_FIG_PDF);
    CHECK_INT(ckp_figure_format_from_path("x.dot"), CKP_FIG_DOT);
    CHECK_INT(ckp_figure_format_from_path("x.txt"), -1);
    CHECK_INT(ckp_figure_format_from_path("dir.svg/x"), -1);
    CHECK_INT(ckp_figure_format_from_path("-"), -1);

    char pdf[] = "x /CreationDate (D:20261128135639+09'00') y";
    CHECK_INT(ckp_pdf_fix_date(pdf, strlen(pdf)), 1);
    CHECK_STR(pdf, "x /CreationDate (D:19700101000000+00'00') y");
    char none[] = "no date here";
    CHECK_INT(ckp_pdf_fix_date(none, strlen(none)), 0);

    char buf[64];
    CHECK_STR(ckp_fmt_number(buf, sizeof buf, 41600, 1), "41,600");
    CHECK_STR(ckp_fmt_number(buf, sizeof buf, 1234567.25, 2), "1,234,567.25");
    CHECK_STR(ckp_fmt_number(buf, sizeof buf, -999, 0), "-999");
    CHECK_STR(ckp_fmt_number(buf, sizeof buf, -0.04, 1), "0.0");
    CHECK_STR(ckp_fmt_number(buf, sizeof buf, NAN, 1), "-");

    CHECK(ckp_color_is_light("#FFFFFF"));
    CHECK(ckp_color_is_light(CKP_COLOR_CHINA));
    CHECK(!ckp_color_is_light("#332288"));

    /* China keeps its colour whatever the network */
    ckp_network *net = test_load_small("transshipment.json");
    ckp_palette pal;
    ckp_error err;
    ckp_error_init(&err);
    if (net) {
        CHECK_INT(ckp_palette_for_network(&pal, net, &err), CKP_OK);
        CHECK_STR(pal.code[0], "CN");
        CHECK_STR(ckp_palette_color(&pal, "CN"), CKP_COLOR_CHINA);
        CHECK_STR(ckp_palette_color(&pal, "ZZ"), CKP_COLOR_OTHER);
        for (int i = 1; i < pal.n; i++)
            CHECK(strcmp(pal.color[i], CKP_COLOR_CHINA) != 0);
    }
    CHECK_STR(ckp_palette_color(NULL, "CN"), CKP_COLOR_CHINA);
    ckp_network_free(net);
}

/* Write `text` to a new file in `dir` and return its path in `path`. */
static void write_text(char *path, size_t size, const char *dir, const char *name,
                       const char *text)
{
    ckp_error err;
    ckp_error_init(&err);
    snprintf(path, size, "%s/%s", dir, name);
    CHECK_INT(ckp_write_file_atomic(path, text, strlen(text), &err), CKP_OK);
}

/* ckp_render_write: the request checked, the same DOT as ckp_render_dot, warnings handed back. */
static void test_render_request(void)
{
    ckp_network *net = test_load_small("diamond.json");
    ckp_render_request req;
    ckp_render_result res;
    ckp_error err;
    char dir[] = "/tmp/ckp-render-req-XXXXXX", scen[600], out[600];
    const char *scens[1] = {scen}, *plans[2] = {"a.json", "b.json"};
    char *data = NULL;
    size_t len = 0;
    ckp_error_init(&err);
    ckp_render_result_init(&res);
    if (!mkdtemp(dir))
        return;

    /* checks, in the order the CLI reports them */
    ckp_render_request_init(&req);
    CHECK_INT(ckp_render_request_check(&req, "figure.txt", &err), CKP_EUSAGE);
    CHECK_STR(err.message, "cannot tell the format of 'figure.txt': end it in .svg, .png, .pdf "
                           "or .dot, or give --format");
    CHECK_INT(ckp_render_figure(&data, &len, NULL, net, &req, &err), CKP_EUSAGE);
    CHECK_STR(err.message, "no format given: svg, png, pdf or dot");
    req.kind = CKP_FIGURE_CONCENTRATION;
    CHECK_INT(ckp_render_request_check(&req, "c.DOT", &err), CKP_EUSAGE);
    CHECK_STR(err.message, "charts are drawn as svg, png or pdf, not dot");
    req.format = CKP_FIG_SVG;
    CHECK_INT(ckp_render_request_check(&req, "c.dot", &err), CKP_OK);
    req.plan_paths = plans;
    req.n_plans = 1;
    CHECK_INT(ckp_render_request_check(&req, "c.svg", &err), CKP_EUSAGE);
    CHECK_STR(err.message, "--plan and --scenario apply to the diagram and the comparison, "
                           "views and time charts only");
    req.kind = CKP_FIGURE_COMPARISON;
    req.n_plans = 2;
    CHECK_INT(ckp_render_request_check(&req, "c.svg", &err), CKP_OK);
    req.kind = CKP_FIGURE_DIAGRAM;
    CHECK_INT(ckp_render_request_check(&req, "c.svg", &err), CKP_EUSAGE);
    CHECK_STR(err.message, "a diagram takes one --plan and one --scenario at most (the "
                           "comparison chart takes several)");
    req.n_plans = 0;
    req.end_user = "g";
    CHECK_INT(ckp_render_request_check(&req, "c.svg", &err), CKP_EUSAGE);
    CHECK_STR(err.message, "--end-user applies to the origin chart only");
    req.kind = CKP_FIGURE_ORIGIN;
    req.end_user = NULL;
    CHECK_INT(ckp_render_request_check(&req, "c.svg", &err), CKP_EUSAGE);
    CHECK_STR(err.message, "the origin chart needs --end-user ID");
    /* the library names no node the caller's way: the CLI adds "--end-user: " */
    req.end_user = "nobody";
    CHECK_INT(ckp_render_figure(&data, &len, &res, net, &req, &err), CKP_EDATA);
    CHECK_STR(err.message, "no node 'nobody' in the network");
    CHECK(data == NULL);
    /* the comparison chart loads and compares its plans itself: the baseline alone, or fails */
    req.kind = CKP_FIGURE_COMPARISON;
    req.end_user = NULL;
    CHECK_INT(ckp_render_figure(&data, &len, &res, net, &req, &err), CKP_OK);
    CHECK(data != NULL && len > 5 && !memcmp(data, "<?xml", 5));
    free(data);
    data = NULL;
    req.n_plans = 1;
    CHECK_INT(ckp_render_figure(&data, &len, &res, net, &req, &err), CKP_ENOINPUT);
    CHECK_STR(err.message, "cannot open 'a.json': No such file or directory");
    CHECK(data == NULL);

    /* a diagram under a scenario file: the DOT of ckp_render_dot, the warning handed back */
    write_text(scen, sizeof scen, dir, "s.json",
               "{\"name\": \"lose S1\", \"remove_nodes\": [\"s1\"], "
               "\"remove_countries\": [\"FR\"]}");
    ckp_render_request_init(&req);
    req.scenario_paths = scens;
    req.n_scenarios = 1;
    snprintf(out, sizeof out, "%s/d.dot", dir);
    CHECK_INT(ckp_render_write(out, &res, net, &req, &err), CKP_OK);
    CHECK_INT(res.warnings.n, 1);
    if (res.warnings.n == 1)
        CHECK_STR(res.warnings.items[0],
                  "country 'FR' has no nodes in the network: nothing to remove");
    CHECK_INT(res.info.nodes, 5);
    CHECK_STR(res.info.note, "");
    ckp_scenario *s = NULL;
    ckp_render_options o;
    CHECK_INT(ckp_scenario_load(&s, net, scen, &err), CKP_OK);
    ckp_render_options_init(&o);
    o.scenario = s;
    char *want = s ? dot_of(net, &o, NULL) : NULL;
    CHECK_INT(ckp_read_file(&data, &len, out, &err), CKP_OK);
    if (want && data)
        CHECK_STR(data, want);
    CHECK(data && strstr(data, "immediately short 50 (56%)") != NULL);
    free(data);
    free(want);
    ckp_scenario_free(s);

    /* the node limit's note comes back in the result, not on stderr */
    ckp_render_request_init(&req);
    req.format = CKP_FIG_DOT;
    req.options.max_nodes = 4;
    CHECK_INT(ckp_render_figure(&data, &len, &res, net, &req, &err), CKP_OK);
    CHECK_INT(res.info.aggregated, 1);
    CHECK(strstr(res.info.note, "5 nodes are over the limit of 4") == res.info.note);
    CHECK_INT(res.warnings.n, 0);
    free(data);

    /* a chart, in memory */
    req.kind = CKP_FIGURE_CONCENTRATION;
    req.format = CKP_FIG_SVG;
    CHECK_INT(ckp_render_figure(&data, &len, NULL, net, &req, &err), CKP_OK);
    CHECK(data && len > 5 && !memcmp(data, "<?xml", 5));
    free(data);

    ckp_render_result_destroy(&res);
    unlink(out);
    unlink(scen);
    rmdir(dir);
    ckp_network_free(net);
}

int main(void)
{
    test_tiers_view();
    test_countries_view_and_fallback();
    test_scenario_and_plan();
    test_min_share_fold();
    test_escaping();
    test_figures();
    test_graphviz_errors();
    test_helpers();
    test_render_request();
    return test_report("test_render");
}
