/*
 * The time of writing `analyze --format json` alone: loads a CSV network,
 * analyses it once (default options), then writes the JSON REPS times to
 * OUT ("-": standard output) through the streaming sink, as the CLI does,
 * on THREADS formatting threads, printing each write's wall and CPU
 * (user+sys of the whole process) seconds on stderr. With CTL set to a
 * fifo, writes "enable" to it once the analysis is done, for
 * `perf stat/record -D -1 --control fifo:CTL`.
 *
 *   cc -O2 -Iinclude -Ibuild/include tests/bench/ckp_write_json.c build/libchokepoint.a \
 *      $(pkg-config --cflags --libs igraph libcgraph libgvc libcjson clp cairo libxml-2.0 \
 *      xlsxwriter) -lglpk -lstdc++ -lm -pthread -o /tmp/ckp_write_json
 *   ckp_write_json NODES.csv EDGES.csv TIERS OUT REPS THREADS
 */
#include <stdio.h>
#include <stdlib.h>

#include "chokepoint/analysis.h"
#include "chokepoint/export.h"
#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "chokepoint/network.h"
#include "bench_clock.h"

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: ckp_write_json NODES.csv EDGES.csv TIERS OUT REPS THREADS\n");
        return 2;
    }
    ckp_error err;
    ckp_error_init(&err);
    ckp_network *net = NULL;
    ckp_load_options lo;
    ckp_load_options_init(&lo);
    lo.tiers = argv[3];
    if (ckp_load_csv(&net, argv[1], argv[2], &lo, &err)) {
        fprintf(stderr, "ckp_write_json: %s\n", err.message);
        return 1;
    }
    ckp_analysis_options ao;
    ckp_analysis_options_init(&ao);
    ckp_analysis a;
    if (ckp_analyze(&a, net, &ao, &err)) {
        fprintf(stderr, "ckp_write_json: %s\n", err.message);
        return 1;
    }
    if (getenv("CTL")) {
        FILE *f = fopen(getenv("CTL"), "w");
        if (f) {
            fputs("enable\n", f);
            fclose(f);
        }
    }
    ao.threads = atoi(argv[6]);
    ckp_write_options wo;
    ckp_write_options_init(&wo);
    for (int r = 0; r < atoi(argv[5]); r++) {
        double t0 = bench_now(), c0 = bench_cpu();
        ckp_output *o;
        ckp_buf b;
        if (ckp_output_open(&o, argv[4], &err))
            break;
        ckp_buf_init_sink(&b, ckp_output_sink, o);
        if (ckp_analysis_write(&b, CKP_FORMAT_JSON, net, &a, &ao, &wo, &err))
            ckp_output_abort(o);
        else
            ckp_output_commit_buf(o, &b, &err);
        ckp_buf_destroy(&b);
        fprintf(stderr, "write %.3f wall %.3f cpu\n", bench_now() - t0, bench_cpu() - c0);
    }
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
    if (err.code)
        fprintf(stderr, "ckp_write_json: %s\n", err.message);
    return err.code != 0;
}
