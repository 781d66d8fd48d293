/*
 * The floor for the benchmark (tests/bench/run): the same computations as
 * `chokepoint analyze` done with plain library calls and nothing else, no
 * validation, no output. What a careful C programmer gets from cJSON and
 * igraph 0.10 directly.
 *
 *   igraph_floor NETWORK.json [SAMPLES [SEED]]
 *
 * Prints one line per step, as soon as it is done:
 *   step NAME SECONDS [VALUE]
 * Steps: load (read the file, cJSON_ParseWithLength on the whole document,
 * ids to indices through a hash table, igraph_create), maxflow (node-split
 * graph with super source and sink, igraph_maxflow with the flow), dominators
 * (super source, igraph_dominator_tree, single points of failure counted),
 * articulation (igraph_articulation_points), betweenness
 * (igraph_betweenness_subset from SAMPLES sources drawn with SEED).
 * The definitions are those of docs/analysis.md.
 */
#include <cjson/cJSON.h>
#include <igraph.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void die(const char *what)
{
    fprintf(stderr, "igraph_floor: %s\n", what);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void check(igraph_error_t rc, const char *what)
{
    if (rc != IGRAPH_SUCCESS) {
        fprintf(stderr, "igraph_floor: %s: %s\n", what, igraph_strerror(rc));
        exit(1);
    }
}

/* ---- id -> index, open addressing ---- */
typedef struct {
    const char **key;
    int64_t *val;
    size_t mask;
} idmap;

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void map_init(idmap *m, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap <<= 1;
    m->key = calloc(cap, sizeof *m->key);
    m->val = xmalloc(cap * sizeof *m->val);
    if (!m->key)
        die("out of memory");
    m->mask = cap - 1;
}

static void map_put(idmap *m, const char *k, int64_t v)
{
    for (size_t i = hash(k) & m->mask;; i = (i + 1) & m->mask)
        if (!m->key[i]) {
            m->key[i] = k;
            m->val[i] = v;
            return;
        } else if (!strcmp(m->key[i], k)) {
            die("duplicate node id");
        }
}

static int64_t map_get(const idmap *m, const char *k)
{
    for (size_t i = hash(k) & m->mask; m->key[i]; i = (i + 1) & m->mask)
        if (!strcmp(m->key[i], k))
            return m->val[i];
    return -1;
}

static double num_or(const cJSON *o, const char *key, double absent)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(x) ? x->valuedouble : absent;
}

static void step(const char *name, double seconds, const char *value)
{
    printf("step %s %.6f%s%s\n", name, seconds, value ? " " : "", value ? value : "");
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: igraph_floor NETWORK.json [SAMPLES [SEED]]\n");
        return 2;
    }
    igraph_integer_t samples = argc > 2 ? atoll(argv[2]) : 100;
    unsigned long seed = argc > 3 ? strtoul(argv[3], NULL, 10) : 1;
    igraph_set_error_handler(igraph_error_handler_printignore);
    char buf[256];

    /* ---- load ---- */
    double t0 = now();
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        die("cannot open the network");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = xmalloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size)
        die("read error");
    text[size] = 0;
    fclose(f);
    cJSON *doc = cJSON_ParseWithLength(text, (size_t)size);
    if (!doc)
        die("JSON parse error");
    free(text);
    const cJSON *tiers = cJSON_GetObjectItemCaseSensitive(doc, "tiers");
    const cJSON *jnodes = cJSON_GetObjectItemCaseSensitive(doc, "nodes");
    const cJSON *jedges = cJSON_GetObjectItemCaseSensitive(doc, "edges");
    int nt = cJSON_GetArraySize(tiers);
    const char *first_tier = cJSON_GetArrayItem(tiers, 0)->valuestring;
    const char *last_tier = cJSON_GetArrayItem(tiers, nt - 1)->valuestring;
    int64_t n = 0, m = 0;
    for (const cJSON *x = jnodes->child; x; x = x->next)
        n++;
    for (const cJSON *x = jedges->child; x; x = x->next)
        m++;
    idmap map;
    map_init(&map, (size_t)n);
    char *is_source = calloc((size_t)n + 1, 1), *is_end = calloc((size_t)n + 1, 1);
    double *ncap = xmalloc((size_t)n * sizeof *ncap), *demand = xmalloc((size_t)n * sizeof *demand);
    double *ecap = xmalloc((size_t)m * sizeof *ecap), *evol = xmalloc((size_t)m * sizeof *evol);
    if (!is_source || !is_end)
        die("out of memory");
    int64_t v = 0;
    for (const cJSON *x = jnodes->child; x; x = x->next, v++) {
        const char *id = cJSON_GetObjectItemCaseSensitive(x, "id")->valuestring;
        const char *tier = cJSON_GetObjectItemCaseSensitive(x, "tier")->valuestring;
        map_put(&map, id, v);
        is_source[v] = !strcmp(tier, first_tier);
        is_end[v] = !strcmp(tier, last_tier);
        ncap[v] = num_or(x, "capacity", INFINITY);
        demand[v] = num_or(x, "demand", NAN);
    }
    igraph_vector_int_t ev;
    check(igraph_vector_int_init(&ev, 2 * m), "edges");
    int64_t e = 0;
    for (const cJSON *x = jedges->child; x; x = x->next, e++) {
        int64_t a = map_get(&map, cJSON_GetObjectItemCaseSensitive(x, "from")->valuestring);
        int64_t b = map_get(&map, cJSON_GetObjectItemCaseSensitive(x, "to")->valuestring);
        if (a < 0 || b < 0)
            die("unknown node in an edge");
        VECTOR(ev)[2 * e] = a;
        VECTOR(ev)[2 * e + 1] = b;
        evol[e] = num_or(x, "volume", 0);
        ecap[e] = num_or(x, "capacity", INFINITY);
    }
    igraph_t g;
    check(igraph_create(&g, &ev, n, IGRAPH_DIRECTED), "igraph_create");
    double t_load = now() - t0;
    snprintf(buf, sizeof buf, "%lld/%lld", (long long)n, (long long)m);
    step("load", t_load, buf);
    cJSON_Delete(doc);
    free(map.key);
    free(map.val);

    /* demand: given, else the inflow */
    double *inflow = calloc((size_t)n, sizeof *inflow);
    if (!inflow)
        die("out of memory");
    for (e = 0; e < m; e++)
        inflow[VECTOR(ev)[2 * e + 1]] += evol[e];
    double total_demand = 0;
    for (v = 0; v < n; v++)
        if (is_end[v]) {
            if (isnan(demand[v]))
                demand[v] = inflow[v];
            total_demand += demand[v];
        }

    /* ---- served demand: max flow on the node-split graph ---- */
    t0 = now();
    {
        double big = 2 * total_demand + 1; /* no flow exceeds the total demand */
        int64_t S = 2 * n, T = 2 * n + 1, k = 0, narcs = n + m;
        for (v = 0; v < n; v++)
            narcs += is_source[v] + is_end[v];
        igraph_vector_int_t arcs;
        igraph_vector_t cap;
        check(igraph_vector_int_init(&arcs, 2 * narcs), "maxflow");
        check(igraph_vector_init(&cap, narcs), "maxflow");
        for (v = 0; v < n; v++) { /* in(v) = 2v, out(v) = 2v + 1 */
            VECTOR(arcs)[2 * k] = 2 * v;
            VECTOR(arcs)[2 * k + 1] = 2 * v + 1;
            VECTOR(cap)[k++] = isfinite(ncap[v]) ? ncap[v] : big;
        }
        for (e = 0; e < m; e++) {
            VECTOR(arcs)[2 * k] = 2 * VECTOR(ev)[2 * e] + 1;
            VECTOR(arcs)[2 * k + 1] = 2 * VECTOR(ev)[2 * e + 1];
            VECTOR(cap)[k++] = isfinite(ecap[e]) ? ecap[e] : big;
        }
        for (v = 0; v < n; v++) {
            if (is_source[v]) {
                VECTOR(arcs)[2 * k] = S;
                VECTOR(arcs)[2 * k + 1] = 2 * v;
                VECTOR(cap)[k++] = big;
            }
            if (is_end[v]) {
                VECTOR(arcs)[2 * k] = 2 * v + 1;
                VECTOR(arcs)[2 * k + 1] = T;
                VECTOR(cap)[k++] = demand[v];
            }
        }
        igraph_t split;
        check(igraph_create(&split, &arcs, 2 * n + 2, IGRAPH_DIRECTED), "maxflow");
        igraph_real_t value;
        igraph_vector_t flow;
        check(igraph_vector_init(&flow, 0), "maxflow");
        check(igraph_maxflow(&split, &value, &flow, NULL, NULL, NULL, S, T, &cap, NULL),
              "igraph_maxflow");
        snprintf(buf, sizeof buf, "%.12g", value);
        step("maxflow", now() - t0, buf);
        igraph_vector_destroy(&flow);
        igraph_destroy(&split);
        igraph_vector_destroy(&cap);
        igraph_vector_int_destroy(&arcs);
    }

    /* ---- dominators from a super source; single points of failure ---- */
    t0 = now();
    {
        int64_t root = n, nsrc = 0, k = 2 * m;
        for (v = 0; v < n; v++)
            nsrc += is_source[v];
        igraph_vector_int_t arcs;
        check(igraph_vector_int_init(&arcs, 2 * (m + nsrc)), "dominators");
        memcpy(VECTOR(arcs), VECTOR(ev), (size_t)(2 * m) * sizeof(igraph_integer_t));
        for (v = 0; v < n; v++)
            if (is_source[v]) {
                VECTOR(arcs)[k++] = root;
                VECTOR(arcs)[k++] = v;
            }
        igraph_t gd;
        check(igraph_create(&gd, &arcs, n + 1, IGRAPH_DIRECTED), "dominators");
        igraph_vector_int_t dom;
        check(igraph_vector_int_init(&dom, 0), "dominators");
        check(igraph_dominator_tree(&gd, root, &dom, NULL, NULL, IGRAPH_OUT),
              "igraph_dominator_tree");
        char *mark = calloc((size_t)n + 1, 1);
        int64_t spofs = 0;
        for (v = 0; v < n; v++) {
            if (!is_end[v])
                continue;
            for (igraph_integer_t d = VECTOR(dom)[v]; d >= 0 && d != root && !mark[d];
                 d = VECTOR(dom)[d]) {
                mark[d] = 1;
                spofs++;
            }
        }
        snprintf(buf, sizeof buf, "%lld", (long long)spofs);
        step("dominators", now() - t0, buf);
        free(mark);
        igraph_vector_int_destroy(&dom);
        igraph_destroy(&gd);
        igraph_vector_int_destroy(&arcs);
    }

    /* ---- articulation points (igraph ignores direction) ---- */
    t0 = now();
    {
        igraph_vector_int_t ap;
        check(igraph_vector_int_init(&ap, 0), "articulation");
        check(igraph_articulation_points(&g, &ap), "igraph_articulation_points");
        snprintf(buf, sizeof buf, "%lld", (long long)igraph_vector_int_size(&ap));
        step("articulation", now() - t0, buf);
        igraph_vector_int_destroy(&ap);
    }

    /* ---- betweenness from SAMPLES sources, scaled by n / SAMPLES ---- */
    t0 = now();
    {
        igraph_vector_int_t chosen;
        igraph_vector_t res;
        check(igraph_vector_int_init(&chosen, 0), "betweenness");
        check(igraph_vector_init(&res, 0), "betweenness");
        if (samples > n)
            samples = n;
        igraph_rng_seed(igraph_rng_default(), seed);
        check(igraph_random_sample(&chosen, 0, n - 1, samples), "igraph_random_sample");
        check(igraph_betweenness_subset(&g, &res, igraph_vss_all(), IGRAPH_DIRECTED,
                                        igraph_vss_vector(&chosen), igraph_vss_all(), NULL),
              "igraph_betweenness_subset");
        double mx = 0;
        for (v = 0; v < n; v++) {
            VECTOR(res)[v] *= (double)n / (double)samples;
            if (VECTOR(res)[v] > mx)
                mx = VECTOR(res)[v];
        }
        snprintf(buf, sizeof buf, "%.6g", mx);
        step("betweenness", now() - t0, buf);
        igraph_vector_destroy(&res);
        igraph_vector_int_destroy(&chosen);
    }

    igraph_destroy(&g);
    igraph_vector_int_destroy(&ev);
    free(is_source);
    free(is_end);
    free(ncap);
    free(demand);
    free(ecap);
    free(evol);
    free(inflow);
    return 0;
}
