/*
 * The report pack written by the library: the diamond (networks/small/
 * diamond.json) with a plan and a scenario, into a temporary directory. By
 * hand: m1 (AU, 100) feeds s1 (CN, 60) and s2 (MY, 50), both feed g (JP,
 * 200), which feeds e (JP, demand 90); volumes 50 via s1, 40 via s2.
 *   served 90 of 90; m1 and g dominate e: two SPOFs, each with 90 at risk;
 *   without s1, s2's 50 arrives: 40 at risk; without s2, s1's 60: 30;
 *   betweenness: g lies on the 3 paths m1-e, s1-e, s2-e, s1 and s2 on m1-g;
 *   S1 lost (the scenario): 50 of 90 served (55.6%).
 *   Files: network diagram 4 (dot, svg, png, pdf), concentration 3, one
 *   origin chart 3, scenario diagram 4, its views chart 3 and its JSON,
 *   comparison chart 3, JSON and CSV, plan diagram 4, analysis JSON, 5 CSVs,
 *   page, provenance: 35.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chokepoint/load.h"
#include "chokepoint/report.h"
#include "chokepoint/sha256.h"
#include "escape.h"
#include "test.h"

static char *read_all(const char *dir, const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    if (text)
        text[n] = '\0';
    fclose(f);
    return text;
}

static int unlink_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int notes;
static void count_note(void *ctx, const char *figure, const char *text)
{
    (void)ctx;
    (void)figure;
    (void)text;
    notes++;
}

static const char *const network_paths[] = {CKP_NETWORKS "/small/diamond.json"};
static const char *const plan_paths[] = {CKP_TEST_DATA "/diamond-plan.json"};
static const char *const scenario_paths[] = {CKP_TEST_DATA "/diamond-lose-s1.json"};

static void test_pack(const char *dir, const ckp_network *net, const ckp_analysis *a,
                      const ckp_study *study)
{
    static const char *const argv[] = {"report", "diamond.json", "-o", "/somewhere/else"};
    ckp_report_options o;
    ckp_error err;
    size_t n_files = 0;
    ckp_error_init(&err);
    ckp_report_options_init(&o);
    o.network_paths = network_paths;
    o.n_network_paths = 1;
    o.plan_paths = plan_paths;
    o.scenario_paths = scenario_paths;
    o.argv = argv;
    o.argc = 4;
    o.note = count_note;
    CHECK_INT(ckp_report_write(&n_files, dir, net, a, study, &o, &err), CKP_OK);
    if (err.code)
        fprintf(stderr, "report: %s\n", err.message);
    CHECK_INT(n_files, 36); /* data/analysis.xlsx among them */
    CHECK_INT(notes, 0); /* 5 nodes: no diagram is aggregated */

    char *nodes = read_all(dir, "data/nodes.csv");
    CHECK_STR(nodes, "id,name,tier,country,owner,capacity,demand,throughput,flow,flow_at_risk,"
                     "dominated_demand,betweenness,single_point_of_failure\r\n"
                     "e,E,end_use,JP,,,90,90,90,90,0,0,false\r\n"
                     "g,G,magnet,JP,,200,,90,90,90,90,3,true\r\n"
                     "m1,M1,mine,AU,Lynas,100,,90,90,90,90,0,true\r\n"
                     "s1,S1,separation,CN,CRE,60,,50,60,40,0,1,false\r\n"
                     "s2,S2,separation,MY,Lynas,50,,40,30,30,0,1,false\r\n");
    char *spofs = read_all(dir, "data/single_points_of_failure.csv");
    CHECK_STR(spofs, "id,tier,country,dominated_demand,flow_at_risk,end_users\r\n"
                     "g,magnet,JP,90,90,e\r\nm1,mine,AU,90,90,e\r\n");
    char *users = read_all(dir, "data/end_users.csv");
    CHECK_STR(users, "id,demand,served,reachable,redundancy,redundancy_exact,dominators\r\n"
                     "e,90,90,true,1,true,m1 g\r\n");

    char *page = read_all(dir, "index.html");
    CHECK(page && strstr(page, "<title>Diamond · chokepoint report</title>"));
    CHECK(page && strstr(page, "<p>Served <b>50</b> of 90 (55.6%), against 90 before the "
                               "shock; 1 nodes and 2 edges taken out;"));
    CHECK(page && strstr(page, "<h3 id=\"plan-1-diamond-plan\">A Korean separator</h3>"));
    CHECK(page && strstr(page, "<li><a href=\"data/scenario-1-diamond-lose-s1.json\">"));

    /* the provenance names every output with its checksum, and the command without its DIR */
    char *prov = read_all(dir, "PROVENANCE.txt");
    char sha[65], line[128];
    ckp_sha256_hex(sha, nodes ? nodes : "", nodes ? strlen(nodes) : 0);
    snprintf(line, sizeof line, "\n  %s  data/nodes.csv\n", sha);
    CHECK(prov && strstr(prov, line));
    CHECK(prov && strstr(prov, "\ncommand   chokepoint report diamond.json -o DIR\n"));
    CHECK(prov && strstr(prov, "  2109  " CKP_NETWORKS "/small/diamond.json\n"));
    free(nodes);
    free(spofs);
    free(users);
    free(page);
    free(prov);
}

/* A bad --end-user fails before anything is written. */
static void test_bad_end_user(const char *dir, const ckp_network *net, const ckp_analysis *a)
{
    static const char *const users[] = {"g"};
    char sub[1024];
    struct stat st;
    ckp_report_options o;
    ckp_error err;
    ckp_error_init(&err);
    ckp_report_options_init(&o);
    o.end_users = users;
    o.n_end_users = 1;
    snprintf(sub, sizeof sub, "%s/bad", dir);
    CHECK_INT(ckp_report_write(NULL, sub, net, a, NULL, &o, &err), CKP_EDATA);
    CHECK_STR(err.message, "--end-user: 'g' is not an end user (a node of the last tier)");
    CHECK(stat(sub, &st) != 0);
}

/* The page's escaping keeps apostrophes and controls; the labels' escapes them. */
static void test_escaping(void)
{
    ckp_buf b;
    ckp_buf_init(&b);
    ckp_buf_html_as(&b, "Japan's <\"A&B\">\x01", CKP_HTML_PAGE);
    CHECK_STR(b.data, "Japan's &lt;&quot;A&amp;B&quot;&gt;\x01");
    ckp_buf_destroy(&b);
    ckp_buf_html_as(&b, "Japan's\x01", CKP_HTML_LABEL);
    CHECK_STR(b.data, "Japan&#39;s ");
    ckp_buf_destroy(&b);
    ckp_buf_html_as(&b, NULL, CKP_HTML_PAGE);
    CHECK(b.len == 0);
    ckp_buf_destroy(&b);
}

int main(void)
{
    char tmpl[] = "/tmp/ckp-test-report-XXXXXX";
    char *tmp = mkdtemp(tmpl);
    ckp_network *net = NULL;
    ckp_study *study = NULL;
    ckp_analysis a;
    ckp_analysis_options aopts;
    ckp_error err;
    ckp_analysis_init(&a);
    ckp_analysis_options_init(&aopts);
    ckp_error_init(&err);
    test_escaping();
    if (tmp && ckp_load_json(&net, network_paths[0], &err) == CKP_OK &&
        ckp_study_new(&study, net, plan_paths, 1, scenario_paths, 1, 5000, &err) == CKP_OK &&
        ckp_analyze(&a, net, &aopts, &err) == CKP_OK) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/pack", tmp);
        test_pack(dir, net, &a, study);
        test_bad_end_user(tmp, net, &a);
    } else {
        fprintf(stderr, "setup: %s\n", err.message);
        CHECK(!"the diamond, its plan and its scenario load and are analysed");
    }
    ckp_analysis_destroy(&a);
    ckp_study_free(study);
    ckp_network_free(net);
    if (tmp)
        nftw(tmp, unlink_one, 16, FTW_DEPTH | FTW_PHYS);
    return test_report("test_report");
}
