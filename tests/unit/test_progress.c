/*
 * Progress reports (chokepoint/progress.h) from loading, analysis and stress on the diamond
 * (networks/small/diamond.json: m1 -> s1, s2 -> g -> e). Its flow at risk is computed for
 * 9 sets: the 5 nodes, each carrying flow, and the 4 countries AU, CN, MY and JP; its one
 * end user e is the single-points-of-failure stage's one step; stress ranks the same 9.
 */
#include <stdio.h>
#include <string.h>

#include "chokepoint/analysis.h"
#include "chokepoint/load.h"
#include "chokepoint/progress.h"
#include "chokepoint/stress.h"
#include "test.h"

typedef struct {
    char stage[64];
    long long done, total;
} call;

static call calls[4096];
static int n_calls;

static void record(void *ctx, const char *stage, long long done, long long total)
{
    CHECK(ctx == &n_calls);
    if (n_calls < 4096) {
        snprintf(calls[n_calls].stage, sizeof calls[n_calls].stage, "%s", stage);
        calls[n_calls].done = done;
        calls[n_calls++].total = total;
    }
}

/* The calls of `stage`: the first (0, total) and the last (total, total), never going down. */
static void check_stage(const char *stage, long long total)
{
    int first = -1, last = -1;
    for (int i = 0; i < n_calls; i++) {
        if (strcmp(calls[i].stage, stage))
            continue;
        if (first >= 0) /* loading counts bytes between its (0, 1) and (1, 1) */
            CHECK(calls[i].done * 100 / calls[i].total >=
                  calls[last].done * 100 / calls[last].total);
        if (first < 0)
            first = i;
        last = i;
    }
    CHECK(first >= 0);
    if (first < 0)
        return;
    CHECK_INT(calls[first].done, 0);
    CHECK_INT(calls[first].total, total);
    CHECK_INT(calls[last].done, total);
    CHECK_INT(calls[last].total, total);
}

/* The lines a caller writes: a log's at each stage's start and end; a terminal's redrawn. */
static void test_meter(void)
{
    ckp_progress_meter m;
    char out[128];
    ckp_progress_meter_init(&m, 0, 2);
    CHECK_INT(ckp_progress_line(out, sizeof out, &m, "stress: losses", 0, 9), 1);
    CHECK_STR(out, "chokepoint: stress: losses 0%\n");
    CHECK_INT(ckp_progress_line(out, sizeof out, &m, "stress: losses", 4, 9), 0);
    CHECK_INT(ckp_progress_line(out, sizeof out, &m, "stress: losses", 9, 9), 1);
    CHECK_STR(out, "chokepoint: stress: losses 100%\n");
    /* a terminal, shown at once (no delay): 4 of 9 is 44%, then cleared at the end */
    ckp_progress_meter_init(&m, 1, 0);
    CHECK_STR(ckp_progress_clear(&m), "");
    CHECK_INT(ckp_progress_line(out, sizeof out, &m, "flow at risk", 4, 9), 1);
    CHECK_STR(out, "\rchokepoint: flow at risk  44%\033[K");
    CHECK_INT(ckp_progress_line(out, sizeof out, &m, "flow at risk", 9, 9), 1);
    CHECK_STR(out, "\r\033[K");
    CHECK_INT(ckp_progress_line(out, sizeof out, &m, "loading", 1, 1), 0); /* nothing shown */
    /* a terminal before the delay: nothing */
    ckp_progress_meter_init(&m, 1, 3600);
    CHECK_INT(ckp_progress_line(out, sizeof out, &m, "flow at risk", 4, 9), 0);
}

int main(void)
{
    test_meter();
    const char *paths[] = {CKP_NETWORKS "/small/diamond.json"};
    ckp_network *net = NULL;
    ckp_analysis a;
    ckp_stress s;
    ckp_error err;
    ckp_analysis_init(&a);
    ckp_stress_init(&s);
    ckp_progress_set(record, &n_calls);
    CHECK(!ckp_load_network(&net, paths, 1, NULL, &err));
    CHECK(net && !ckp_analyze(&a, net, NULL, &err));
    check_stage("loading", 1);
    check_stage("single points of failure", 1);
    check_stage("flow at risk", 9);
    CHECK(net && !ckp_stress_run(&s, net, NULL, 2, &err));
    check_stage("stress: losses", 9);
    check_stage("stress: time to survive", 9);
    /* unset: nothing more is reported */
    ckp_progress_set(NULL, NULL);
    int before = n_calls;
    ckp_analysis_destroy(&a);
    CHECK(net && !ckp_analyze(&a, net, NULL, &err));
    CHECK_INT(n_calls, before);
    ckp_analysis_destroy(&a);
    ckp_stress_destroy(&s);
    ckp_network_free(net);
    return test_report("test_progress");
}
