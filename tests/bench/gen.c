/*
 * Synthetic tiered supply network for the benchmark (tests/bench/run).
 *
 *   gen N SEED OUTDIR     writes OUTDIR/network.json, OUTDIR/nodes.csv, OUTDIR/edges.csv
 *
 * JSON is written one node or edge a line, without spaces (as an export would be).
 *
 * The same N and SEED give the same bytes (own PRNG, no libc random, numbers
 * printed with a fixed format; log, exp and cos come from the C library).
 *
 * Shape (rare-earth magnets, the project's flagship case, scaled up):
 * - six tiers mine, separation, metal, magnet, component, end_use holding
 *   2%, 3%, 5%, 15%, 45% and 30% of the nodes;
 * - every node outside the first tier buys from 1 to 8 suppliers (mean 4.5;
 *   5% single-sourced, 10% dual-sourced: the single points of failure),
 *   from the tier before except: from the metal tier on, 10% of the links
 *   skip one tier; in the component tier, 2% come from another component
 *   plant instead (sub-assemblies, always from a lower index, so no cycle)
 *   and 8% skip; suppliers are drawn by preferential attachment,
 *   probability proportional to (customers so far + 2), which gives each
 *   tier a few dominant suppliers (the supplier tier opens up as the customer
 *   tier fills, as in Barabasi-Albert growth); a supplier no customer picked
 *   gets one; about 4.7 edges a node in all;
 * - 0.1% of end users send scrap back to a separation plant (recycling: the
 *   only cycles);
 * - countries from a weighted list per tier (CN dominant in the middle tiers),
 *   owners Zipf-like from a pool per tier;
 * - volumes consistent: end-user demand is log-normal, each node's required
 *   throughput is split over its suppliers with random weights (0.5 to 1.5),
 *   so every node's outflow equals its inflow (big suppliers are big because
 *   they have many customers); capacities are throughput x (1.001 to 1.25,
 *   most nodes near full use; mines and separation, the bottlenecks, 1.001
 *   to 1.011);
 *   components lack a capacity 5% of the time and end users never have one;
 *   10% of end users need 5 to 40% more than they receive today (a shortfall
 *   for the max flow to find); 15% of end users give no demand (it defaults
 *   to their inflow);
 * - 10% of edges carry a capacity; 2% of edges have neither source nor
 *   estimate (data gaps, as `chokepoint check` warns).
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG: splitmix64 seeding xoshiro256** ---- */
static uint64_t rs[4];

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t next64(void)
{
    uint64_t r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;
    rs[2] ^= rs[0];
    rs[3] ^= rs[1];
    rs[1] ^= rs[2];
    rs[0] ^= rs[3];
    rs[2] ^= t;
    rs[3] = rotl(rs[3], 45);
    return r;
}

static double unif(void) /* [0, 1) */
{
    return (double)(next64() >> 11) * (1.0 / 9007199254740992.0);
}

static uint64_t below(uint64_t n) /* [0, n), n > 0; bias negligible for n << 2^64 */
{
    return (uint64_t)(((unsigned __int128)next64() * n) >> 64);
}

static double gauss(void)
{
    double u = unif(), v = unif();
    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

/* ---- the model ---- */
#define NT 6
static const char *tier_name[NT] = {"mine", "separation", "metal", "magnet", "component", "end_use"};
static const double tier_frac[NT] = {0.02, 0.03, 0.05, 0.15, 0.45, 0.30};

typedef struct {
    const char *code;
    int weight;
} cw;

static const cw c_mine[] = {{"CN", 35}, {"AU", 12}, {"US", 10}, {"MM", 10}, {"BR", 4}, {"IN", 4},
                            {"RU", 4},  {"VN", 3},  {"TH", 3},  {"MG", 3},  {"LA", 3}, {"ZA", 3},
                            {"CA", 3},  {"TZ", 2},  {"GL", 1},  {NULL, 0}};
static const cw c_sep[] = {{"CN", 70}, {"MY", 8}, {"US", 4}, {"EE", 3}, {"JP", 3}, {"VN", 3},
                           {"IN", 3},  {"FR", 2}, {"KR", 2}, {"TH", 2}, {NULL, 0}};
static const cw c_metal[] = {{"CN", 80}, {"JP", 6}, {"VN", 5}, {"TH", 3}, {"MY", 2},
                             {"US", 2},  {"GB", 1}, {"KR", 1}, {NULL, 0}};
static const cw c_magnet[] = {{"CN", 75}, {"JP", 12}, {"DE", 4}, {"US", 3}, {"KR", 2},
                              {"VN", 2},  {"SI", 1},  {"PH", 1}, {NULL, 0}};
static const cw c_comp[] = {{"CN", 40}, {"JP", 12}, {"DE", 10}, {"KR", 8}, {"US", 7},
                            {"MX", 5},  {"TW", 4},  {"VN", 4},  {"TH", 3}, {"PL", 3},
                            {"CZ", 2},  {"HU", 2},  {"ZZ", 1},  {NULL, 0}};
static const cw c_end[] = {{"CN", 28}, {"US", 15}, {"DE", 10}, {"JP", 10}, {"KR", 6}, {"FR", 5},
                           {"IT", 4},  {"GB", 4},  {"IN", 4},  {"ES", 3},  {"MX", 3}, {"BR", 2},
                           {"SE", 2},  {"PL", 2},  {"TR", 2},  {NULL, 0}};
static const cw *tier_countries[NT] = {c_mine, c_sep, c_metal, c_magnet, c_comp, c_end};

static const char *plant_word[NT] = {"mine", "separation plant", "metal works", "magnet plant",
                                     "component plant", "assembly"};
static const char *node_sources[] = {"annual report 2024", "industry survey", "company filing",
                                     "trade database"};
static const char *node_estimates[] = {"capacity x utilisation", "share of national output",
                                       "\"interviews, 2024\" note"};
static const char *edge_sources[] = {"customs", "offtake", "trade db"};
static const char *edge_estimates[] = {"share x output", "value / price"};

#ifndef PA_OFFSET
#define PA_OFFSET 2.0 /* attractiveness = customers so far + PA_OFFSET */
#endif

static const char *pick_country(const cw *list)
{
    int total = 0;
    for (const cw *c = list; c->code; c++)
        total += c->weight;
    int x = (int)below((uint64_t)total);
    for (const cw *c = list; c->code; c++) {
        if (x < c->weight)
            return c->code;
        x -= c->weight;
    }
    return list[0].code;
}

/* ---- output helpers ---- */
static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* ,"key":"value" when there is a value. */
static void json_opt_str(FILE *f, const char *key, const char *value)
{
    if (!value)
        return;
    fprintf(f, ",\"%s\":", key);
    json_str(f, value);
}

static void csv_str(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A row's last two fields, its source and its estimate, and the line's end. */
static void csv_sources(FILE *f, const char *src, const char *estimate)
{
    csv_str(f, src);
    fputc(',', f);
    csv_str(f, estimate);
    fputc('\n', f);
}

static void num(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.6g", v);
}

static void *xcalloc(size_t n, size_t s)
{
    void *p = calloc(n ? n : 1, s);
    if (!p) {
        fprintf(stderr, "gen: out of memory\n");
        exit(1);
    }
    return p;
}

static FILE *xopen(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gen N SEED OUTDIR\n");
        return 2;
    }
    long long N = (long long)strtod(argv[1], NULL);
    uint64_t seed = strtoull(argv[2], NULL, 10);
    const char *dir = argv[3];
    if (N < 100) {
        fprintf(stderr, "gen: N must be at least 100\n");
        return 2;
    }
    for (int i = 0; i < 4; i++)
        rs[i] = splitmix(&seed);

    /* tiers: contiguous index ranges */
    long long start[NT + 1];
    start[0] = 0;
    for (int t = 0; t < NT; t++) {
        long long size = (long long)llround(tier_frac[t] * (double)N);
        if (size < 3)
            size = 3;
        start[t + 1] = start[t] + size;
    }
    start[NT] = N; /* the last tier takes the rounding */
    int *tier = xcalloc((size_t)N, sizeof *tier);
    for (int t = 0; t < NT; t++)
        for (long long v = start[t]; v < start[t + 1]; v++)
            tier[v] = t;

    /* edges: customers pick suppliers; at most 7 per node plus fix-ups and recycling */
    size_t cap_e = (size_t)N * 8 + 1024;
    int32_t *efrom = xcalloc(cap_e, sizeof *efrom), *eto = xcalloc(cap_e, sizeof *eto);
    long long m = 0;
    long long *deg = xcalloc((size_t)N, sizeof *deg);        /* customers per supplier */
    int32_t **urn = xcalloc(NT, sizeof *urn);                 /* one entry per pick */
    long long urn_n[NT] = {0};
    for (int t = 0; t < NT; t++)
        urn[t] = xcalloc(cap_e, sizeof **urn);
    static const int kdist[] = {1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 8};

    for (long long v = start[1]; v < N; v++) {
        int t = tier[v];
        int k = kdist[below(20)];
        int32_t chosen[8];
        int nc = 0;
        for (int tries = 0; nc < k && tries < 4 * k; tries++) {
            double r = unif();
            int st;
            int32_t s;
            if (t == 4 && r < 0.02 && v > start[4]) {
                s = (int32_t)(start[4] + (long long)below((uint64_t)(v - start[4])));
                st = 4;
            } else {
                st = (t >= 2 && r < 0.10) ? t - 2 : t - 1;
                long long size = start[st + 1] - start[st];
                /* growth: the supplier tier opens up as the customer tier fills, so early
                   suppliers gather customers (Barabasi-Albert with initial attractiveness) */
                double pos = (double)(v - start[t] + 1) / (double)(start[t + 1] - start[t]);
                long long open = (long long)ceil(pos * (double)size);
                if (open < 8)
                    open = 8;
                if (open > size)
                    open = size;
                double picked = (double)urn_n[st];
                /* P(s) ~ deg(s) + PA_OFFSET over the open suppliers */
                if (urn_n[st] > 0 && unif() * (picked + PA_OFFSET * (double)open) < picked)
                    s = urn[st][below((uint64_t)urn_n[st])];
                else
                    s = (int32_t)(start[st] + (long long)below((uint64_t)open));
            }
            int dup = 0;
            for (int i = 0; i < nc; i++)
                dup |= chosen[i] == s;
            if (dup)
                continue;
            chosen[nc++] = s;
            if (st < t) {
                urn[st][urn_n[st]++] = s;
            }
            deg[s]++;
            efrom[m] = s;
            eto[m] = (int32_t)v;
            m++;
        }
    }
    /* every supplier gets at least one customer (in the next tier) */
    for (long long s = 0; s < start[NT - 1]; s++) {
        if (deg[s])
            continue;
        int t = tier[s];
        long long size = start[t + 2] - start[t + 1];
        long long c = start[t + 1] + (long long)below((uint64_t)size);
        efrom[m] = (int32_t)s;
        eto[m] = (int32_t)c;
        deg[s]++;
        m++;
    }
    long long m_forward = m;
    /* recycling: 0.1% of end users (at least one) send scrap back to separation */
    long long n_end = N - start[NT - 1];
    long long n_recycle = n_end / 1000 ? n_end / 1000 : 1;
    for (long long i = 0; i < n_recycle; i++) {
        long long u = start[NT - 1] + (long long)below((uint64_t)n_end);
        long long s = urn_n[1] ? urn[1][below((uint64_t)urn_n[1])]
                               : start[1] + (long long)below((uint64_t)(start[2] - start[1]));
        int dup = 0;
        for (long long e = m_forward; e < m; e++)
            dup |= efrom[e] == u && eto[e] == s;
        if (dup)
            continue;
        efrom[m] = (int32_t)u;
        eto[m] = (int32_t)s;
        m++;
    }

    /* in-edges of each node, for splitting requirements over suppliers */
    long long *in_off = xcalloc((size_t)N + 1, sizeof *in_off);
    for (long long e = 0; e < m_forward; e++)
        in_off[eto[e] + 1]++;
    for (long long v = 0; v < N; v++)
        in_off[v + 1] += in_off[v];
    long long *in_edge = xcalloc((size_t)m_forward, sizeof *in_edge);
    {
        long long *fill = xcalloc((size_t)N, sizeof *fill);
        for (long long e = 0; e < m_forward; e++) {
            long long v = eto[e];
            in_edge[in_off[v] + fill[v]++] = e;
        }
        free(fill);
    }

    /* volumes: demand at the end users, pushed upstream in reverse order (every edge
       goes to a later tier or, within components, to a higher index) */
    double *req = xcalloc((size_t)N, sizeof *req);   /* required throughput */
    double *vol = xcalloc((size_t)m, sizeof *vol);
    for (long long u = start[NT - 1]; u < N; u++)
        req[u] = 50 * exp(gauss());
    double *w = xcalloc((size_t)m_forward, sizeof *w);
    for (long long v = N - 1; v >= start[1]; v--) {
        long long a = in_off[v], b = in_off[v + 1];
        double total = 0;
        for (long long i = a; i < b; i++) {
            w[i] = 0.5 + unif();
            total += w[i];
        }
        for (long long i = a; i < b; i++) {
            long long e = in_edge[i];
            vol[e] = req[v] * w[i] / total;
            req[efrom[e]] += vol[e];
        }
    }
    free(w);
    for (long long e = m_forward; e < m; e++)
        vol[e] = 0.05 * req[efrom[e]];
    /* volumes as written (6 significant digits); the end users' inflow from them, summed
       in file order as a loader does, so a demand can be set exactly at or below it */
    double *inflow = xcalloc((size_t)N, sizeof *inflow);
    for (long long e = 0; e < m; e++) {
        char b[32];
        num(b, sizeof b, vol[e]);
        vol[e] = strtod(b, NULL);
        inflow[eto[e]] += vol[e];
    }

    /* ---- write ---- */
    FILE *js = xopen(dir, "network.json");
    FILE *nc = xopen(dir, "nodes.csv");
    FILE *ec = xopen(dir, "edges.csv");
    fprintf(js, "{\n  \"format\": \"chokepoint-network/1\",\n"
                "  \"name\": \"Synthetic rare-earth magnet network, %lld nodes, seed %s\",\n"
                "  \"unit\": \"t/yr\",\n  \"year\": 2024,\n"
                "  \"description\": \"generated by tests/bench/gen.c for the benchmark\",\n"
                "  \"source\": \"synthetic\",\n  \"tiers\": [",
            N, argv[2]);
    for (int t = 0; t < NT; t++)
        fprintf(js, "%s\"%s\"", t ? ", " : "", tier_name[t]);
    fputs("],\n  \"nodes\": [\n", js);
    fputs("id,name,tier,country,owner,capacity,demand,stock,source,estimate\n", nc);
    fputs("from,to,volume,capacity,source,estimate\n", ec);

    char id[32], name[96], owner[48], cap[32], dem[32], stock[32];
    for (long long v = 0; v < N; v++) {
        int t = tier[v];
        long long tsize = start[t + 1] - start[t];
        const char *country = pick_country(tier_countries[t]);
        snprintf(id, sizeof id, "n%lld", v);
        int named = below(2) == 0;
        if (named)
            snprintf(name, sizeof name, "%s %s %lld", country, plant_word[t], v - start[t] + 1);
        long long pool = tsize / 8 > 3 ? tsize / 8 : 3;
        int has_owner = unif() < (t == NT - 1 ? 0.5 : 0.8);
        if (has_owner) {
            double u = unif();
            snprintf(owner, sizeof owner, "%s-co-%lld", tier_name[t],
                     (long long)((double)pool * u * u * u) + 1);
        }
        int has_cap = t < 4 || (t == 4 && unif() >= 0.05);
        if (has_cap) /* mining and separation are the tight tiers, as in rare earths */
            num(cap, sizeof cap,
                req[v] * (t <= 1 ? 1.001 + 0.01 * unif() : 1.001 + 0.25 * unif() * unif()));
        int has_dem = 0;
        if (t == NT - 1) {
            double r = unif();
            if (r < 0.85) {
                has_dem = 1;
                if (unif() < 0.10 / 0.85) {
                    num(dem, sizeof dem, inflow[v] * (1.05 + 0.35 * unif()));
                } else {
                    /* today's inflow, rounded down to 6 digits: no shortfall */
                    num(dem, sizeof dem, inflow[v]);
                    double d = strtod(dem, NULL);
                    if (d > inflow[v]) {
                        double ulp6 = pow(10, floor(log10(inflow[v])) - 5);
                        num(dem, sizeof dem, d - ulp6);
                    }
                }
            }
        }
        int has_stock = (t == 2 || t == 3) && unif() < 0.2;
        if (has_stock)
            num(stock, sizeof stock, req[v] * (0.1 + 0.2 * unif()));
        int est = unif() < 0.3;
        const char *src = est ? NULL : node_sources[below(4)];
        const char *estimate = est ? node_estimates[below(3)] : NULL;

        /* JSON */
        fputs("{\"id\":", js);
        json_str(js, id);
        if (named) {
            fputs(",\"name\":", js);
            json_str(js, name);
        }
        fprintf(js, ",\"tier\":\"%s\",\"country\":\"%s\"", tier_name[t], country);
        json_opt_str(js, "owner", has_owner ? owner : NULL);
        if (has_cap)
            fprintf(js, ",\"capacity\":%s", cap);
        if (has_dem)
            fprintf(js, ",\"demand\":%s", dem);
        if (has_stock)
            fprintf(js, ",\"stock\":%s", stock);
        json_opt_str(js, "source", src);
        json_opt_str(js, "estimate", estimate);
        fputs(v + 1 < N ? "},\n" : "}\n", js);

        /* CSV */
        fprintf(nc, "%s,", id);
        csv_str(nc, named ? name : NULL);
        fprintf(nc, ",%s,%s,", tier_name[t], country);
        csv_str(nc, has_owner ? owner : NULL);
        fprintf(nc, ",%s,%s,%s,", has_cap ? cap : "", has_dem ? dem : "", has_stock ? stock : "");
        csv_sources(nc, src, estimate);
    }
    fputs("  ],\n  \"edges\": [\n", js);
    char v_s[32], c_s[32];
    for (long long e = 0; e < m; e++) {
        num(v_s, sizeof v_s, vol[e]);
        int has_cap = unif() < 0.10;
        if (has_cap)
            num(c_s, sizeof c_s, vol[e] * (1.1 + 0.9 * unif()));
        double r = unif();
        const char *src = r < 0.6 ? edge_sources[below(3)] : NULL;
        const char *estimate = r >= 0.6 && r < 0.98 ? edge_estimates[below(2)] : NULL;
        fprintf(js, "{\"from\":\"n%" PRId32 "\",\"to\":\"n%" PRId32 "\",\"volume\":%s",
                efrom[e], eto[e], v_s);
        if (has_cap)
            fprintf(js, ",\"capacity\":%s", c_s);
        json_opt_str(js, "source", src);
        json_opt_str(js, "estimate", estimate);
        fputs(e + 1 < m ? "},\n" : "}\n", js);
        fprintf(ec, "n%" PRId32 ",n%" PRId32 ",%s,%s,", efrom[e], eto[e], v_s,
                has_cap ? c_s : "");
        csv_sources(ec, src, estimate);
    }
    fputs("  ]\n}\n", js);
    int bad = 0;
    bad |= fclose(js) != 0;
    bad |= fclose(nc) != 0;
    bad |= fclose(ec) != 0;
    if (bad) {
        fprintf(stderr, "gen: write error in %s\n", dir);
        return 1;
    }
    printf("nodes %lld edges %lld (recycling %lld)\n", N, m, m - m_forward);
    for (int t = 0; t < NT; t++)
        printf("  %-10s %lld\n", tier_name[t], start[t + 1] - start[t]);
    return 0;
}
