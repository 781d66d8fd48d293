#include "edge_runs.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chokepoint/materials.h"

void ckp_edge_run_init(ckp_edge_run *r, ckp_network *net)
{
    memset(r, 0, sizeof *r);
    r->net = net;
    ckp_strtab_init(&r->texts);
}

void ckp_edge_run_destroy(ckp_edge_run *r)
{
    free(r->material);
    ckp_strtab_destroy(&r->texts);
    r->material = NULL;
}

int ckp_edge_runs_place(ckp_network *net, ckp_edge_run *const *runs, int n_runs, ckp_error *err)
{
    igraph_integer_t room = net->n_edges;
    for (int k = 0; k < n_runs; k++) {
        runs[k]->at = room;
        room += runs[k]->cap;
    }
    if (room >= (igraph_integer_t)UINT32_MAX - 1 || ckp_network_reserve(net, 0, room, err))
        return -1;
    return 0;
}

/* The edge's material kept (-1 for none); -1 when out of memory. */
static int run_material(ckp_edge_run *r, igraph_integer_t i, igraph_integer_t material)
{
    if (!r->material && material >= 0) {
        if (!(r->material = malloc((size_t)r->cap * sizeof *r->material)))
            return -1;
        for (igraph_integer_t j = 0; j < i; j++)
            r->material[j] = -1;
    }
    if (r->material)
        r->material[i] = (int32_t)material;
    return 0;
}

int ckp_edge_run_put(ckp_edge_run *r, const ckp_edge_spec *spec, igraph_integer_t material)
{
    ckp_network *net = r->net;
    if (r->n == r->cap || !ckp_network_edge_fits(net, spec) ||
        run_material(r, r->n, material) < 0) {
        r->failed = 1;
        return -1;
    }
    int64_t source = spec->source ? ckp_strtab_intern(&r->texts, spec->source) : -1,
            estimate = spec->estimate ? ckp_strtab_intern(&r->texts, spec->estimate) : -1;
    if (source < -1 || estimate < -1) {
        r->failed = 1;
        return -1;
    }
    igraph_integer_t e = r->at + r->n++;
    net->edge_from[e] = spec->from;
    net->edge_to[e] = spec->to;
    net->edge_volume[e] = spec->volume;
    net->edge_capacity[e] = spec->capacity;
    net->edge_source[e] = (int32_t)source;
    net->edge_estimate[e] = (int32_t)estimate;
    return 0;
}

/* The run's local text index at edge e as the network's; -1 stays. */
static void global_texts(int32_t *field, igraph_integer_t e, igraph_integer_t n,
                         const int32_t *global)
{
    for (igraph_integer_t i = e; i < e + n; i++)
        if (field[i] >= 0)
            field[i] = global[field[i]];
}

int ckp_edge_runs_add(ckp_network *net, ckp_edge_run *const *runs, int n_runs, ckp_error *err)
{
    igraph_integer_t m = net->n_edges;
    for (int k = 0; k < n_runs; k++) {
        ckp_edge_run *p = runs[k];
        int32_t *global = malloc((size_t)(p->texts.count ? p->texts.count : 1) * sizeof *global);
        if (!global)
            return -1;
        for (int64_t i = 0; i < p->texts.count; i++) {
            int64_t g = ckp_network_intern_text(net, p->texts.strings[i]);
            if (g < 0) {
                free(global);
                return -1;
            }
            global[i] = (int32_t)g;
        }
        global_texts(net->edge_source, p->at, p->n, global);
        global_texts(net->edge_estimate, p->at, p->n, global);
        free(global);
        if (p->at != m) { /* an earlier run had room to spare: its edges move down */
#define MOVE(field) memmove(net->field + m, net->field + p->at, (size_t)p->n * sizeof *net->field)
            MOVE(edge_from);
            MOVE(edge_to);
            MOVE(edge_volume);
            MOVE(edge_capacity);
            MOVE(edge_source);
            MOVE(edge_estimate);
#undef MOVE
        }
        ckp_network_set_edge_count(net, m + p->n);
        for (igraph_integer_t i = 0; p->material && i < p->n; i++)
            if (p->material[i] >= 0 &&
                ckp_network_set_edge_material(net, m + i, p->material[i], err))
                return -1;
        m += p->n;
    }
    return 0;
}

int ckp_edge_run_count(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 2 ? 1 : cpus > CKP_MAX_RUNS ? CKP_MAX_RUNS : (int)cpus;
}

int ckp_on_threads(void *items, size_t size, int n, void *(*fn)(void *))
{
    pthread_t tid[CKP_MAX_RUNS];
    int started = 0;
    while (started < n && started < CKP_MAX_RUNS &&
           pthread_create(&tid[started], NULL, fn, (char *)items + (size_t)started * size) == 0)
        started++;
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    return started == n ? 0 : -1;
}
