/*
 * Synthetic tiered supply network for the benchmark (tests/bench/run).
 *
 *   gen [OPTIONS] N SEED OUTDIR   writes OUTDIR/network.json, OUTDIR/nodes.csv, OUTDIR/edges.csv
 *
 * Options (a preset first, then any option changes it; a wrong one prints them):
 *   --shape NAME          current (default), sparse-sources, flat or deep
 *   --tiers K             tiers, 3 to 10 (names: mine ... end_use)
 *   --sources F           share of the nodes in the first tier (mines)
 *   --end-users F         share of the nodes in the last tier (the middle tiers share the rest
 *                         in the preset's proportions)
 *   --idle-sources F      share of the mines no customer picked that stay without customers
 *                         (0: every supplier gets one)
 *   --countries K         countries, 2 to 60 (CN first): each tier draws from them
 *   --dominant LO:HI      CN's share of the middle tiers' nodes, from HI in the second tier to LO
 *                         in the last but one; the first and last tiers get min(LO, 0.3)
 *   --suppliers MEAN      mean suppliers per node outside the first tier (the draw scaled)
 *   --slack S             capacities are throughput x (1.001 to 1.001 + S) outside the first two
 *                         tiers (most nodes near the bottom of that range)
 *   --volumes consistent|noisy
 *                         noisy: each edge's volume times 0.5 to 1.5 at random, so a node's
 *                         outflow no longer equals its inflow (capacities keep the throughput)
 *
 * `current` is the historical generator: the same N and SEED give the same bytes as before the
 * shapes existed (the benchmark's cached networks and results depend on it). Its countries come
 * from fixed weighted lists per tier; any option but --shape current switches to the generated
 * lists of --countries and --dominant. The other presets:
 *   sparse-sources  like a user's network of issue 21: 10% mines, half of those no customer
 *                   picked stay idle, 40% end users, about 4.5 edges a node, 18 countries, CN
 *                   60 to 90% of the middle tiers
 *   flat            3 tiers (mine, separation, end_use: 5, 35, 60%), 60 countries, CN 25%
 *   deep            10 tiers (the middle ones growing 1.8 times a tier), 34 countries, CN 50
 *                   to 80% of the middle tiers
 *
 * JSON is written one node or edge a line, without spaces (as an export would be).
 *
 * The same N and SEED give the same bytes (own PRNG, no libc random, numbers
 * printed with a fixed format; log, exp and cos come from the C library).
 *
 * The current shape (rare-earth magnets, the project's flagship case, scaled up); the other
 * shapes change the figures named by the options and keep the rest:
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
#define MAXT 10
#define MAXC 60

typedef struct {
    const char *code;
    int weight;
} cw;

/* the historical tiers and country lists (shape current) */
static const char *tier6_name[6] = {"mine",   "separation", "metal",
                                    "magnet", "component",  "end_use"};
static const char *plant6_word[6] = {"mine", "separation plant", "metal works", "magnet plant",
                                     "component plant", "assembly"};
static const double tier6_frac[6] = {0.02, 0.03, 0.05, 0.15, 0.45, 0.30};

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
static const cw *tier6_countries[6] = {c_mine, c_sep, c_metal, c_magnet, c_comp, c_end};

/* the other shapes: tiers from this list (the last one always end_use), countries from this */
static const char *tierx_name[MAXT - 1] = {"mine",  "separation", "oxide",  "metal", "alloy",
                                           "magnet", "rotor",     "motor",  "component"};
static const char *plantx_word[MAXT] = {"mine",         "separation plant", "oxide plant",
                                        "metal works",  "alloy works",      "magnet plant",
                                        "rotor plant",  "motor plant",      "component plant",
                                        "assembly"};
static const char *country_pool[MAXC] = {
    "CN", "JP", "US", "DE", "KR", "AU", "VN", "MY", "TH", "IN", "MM", "BR", "RU", "FR", "GB",
    "MX", "TW", "PL", "IT", "ES", "CA", "ZA", "LA", "MG", "EE", "SI", "PH", "CZ", "HU", "SE",
    "TR", "TZ", "GL", "ID", "NL", "BE", "AT", "CH", "FI", "NO", "DK", "IE", "PT", "RO", "SK",
    "UA", "KZ", "MN", "CL", "AR", "PE", "CO", "EG", "MA", "NG", "KE", "SA", "AE", "IL", "NZ"};

/* Everything the options change. */
typedef struct {
    const char *name;
    int tiers;
    double frac[MAXT];     /* share of the nodes per tier */
    double idle_sources;   /* share of the customerless mines left so */
    int countries;         /* 0: the historical lists */
    double dom_lo, dom_hi; /* CN's share of the middle tiers */
    double suppliers;      /* mean suppliers per node (the historical draw has 4.5) */
    double slack;          /* capacity slack outside the tight first two tiers */
    int noisy;             /* volumes not consistent */
} shape_t;

static shape_t sh;
static int NT;
static const char *tier_name[MAXT], *plant_word[MAXT];
static const cw *tier_countries[MAXT];
static cw gen_countries[MAXT][MAXC + 1];

/* Middle tiers' shares, growing downstream as in the historical shape. */
static void middle_shares(shape_t *p, double first, double last)
{
    double total = 0, w[MAXT];
    for (int t = 1; t < p->tiers - 1; t++)
        total += w[t] = pow(1.8, t);
    p->frac[0] = first;
    p->frac[p->tiers - 1] = last;
    for (int t = 1; t < p->tiers - 1; t++)
        p->frac[t] = (1 - first - last) * w[t] / total;
}

static int preset(shape_t *p, const char *name)
{
    memset(p, 0, sizeof *p);
    p->name = name;
    p->tiers = 6;
    memcpy(p->frac, tier6_frac, sizeof tier6_frac);
    p->suppliers = 4.5;
    p->slack = 0.25;
    if (!strcmp(name, "current"))
        return 0;
    if (!strcmp(name, "sparse-sources")) {
        double mid[4] = {0.03, 0.05, 0.15, 0.45}, sum = 0.68;
        p->frac[0] = 0.10;
        p->frac[5] = 0.40;
        for (int t = 1; t < 5; t++)
            p->frac[t] = 0.50 * mid[t - 1] / sum;
        p->idle_sources = 0.5;
        p->countries = 18;
        p->dom_lo = 0.6;
        p->dom_hi = 0.9;
        p->suppliers = 4.9;
        return 0;
    }
    if (!strcmp(name, "flat")) {
        p->tiers = 3;
        p->frac[0] = 0.05;
        p->frac[1] = 0.35;
        p->frac[2] = 0.60;
        p->countries = 60;
        p->dom_lo = p->dom_hi = 0.25;
        return 0;
    }
    if (!strcmp(name, "deep")) {
        p->tiers = 10;
        middle_shares(p, 0.02, 0.25);
        p->countries = 34;
        p->dom_lo = 0.5;
        p->dom_hi = 0.8;
        return 0;
    }
    return -1;
}

static int preset_tiers(const char *name)
{
    shape_t p;
    preset(&p, name);
    return p.tiers;
}

/* Tier names and country lists for the shape. */
static void setup_shape(void)
{
    NT = sh.tiers;
    for (int t = 0; t < NT; t++) {
        int hist = NT == 6 && !sh.countries;
        tier_name[t] = NT == 6 ? tier6_name[t] : t == NT - 1 ? "end_use" : tierx_name[t];
        plant_word[t] = NT == 6 ? plant6_word[t] : t == NT - 1 ? "assembly" : plantx_word[t];
        if (hist) {
            tier_countries[t] = tier6_countries[t];
            continue;
        }
        /* CN's share, the others Zipf-like (weight 1/rank) in integer parts of 100,000 */
        double dom = sh.dom_lo < 0.3 ? sh.dom_lo : 0.3;
        if (t > 0 && t < NT - 1)
            dom = NT == 3 ? sh.dom_hi
                          : sh.dom_hi + (sh.dom_lo - sh.dom_hi) * (t - 1) / (double)(NT - 3);
        double zipf = 0;
        for (int c = 1; c < sh.countries; c++)
            zipf += 1.0 / c;
        cw *list = gen_countries[t];
        list[0] = (cw){country_pool[0], (int)lround(1e5 * dom)};
        for (int c = 1; c < sh.countries; c++) {
            int wgt = (int)lround(1e5 * (1 - dom) / c / zipf);
            list[c] = (cw){country_pool[c], wgt > 0 ? wgt : 1};
        }
        list[sh.countries] = (cw){NULL, 0};
        tier_countries[t] = list;
    }
}

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

static void usage(void)
{
    fprintf(stderr,
            "usage: gen [OPTIONS] N SEED OUTDIR\n"
            "  --shape current|sparse-sources|flat|deep   a preset (default current)\n"
            "  --tiers K  --sources F  --end-users F  --idle-sources F  --countries K\n"
            "  --dominant LO:HI  --suppliers MEAN  --slack S  --volumes consistent|noisy\n"
            "(see the comment at the top of tests/bench/gen.c)\n");
}

/* The options into sh; returns the index of the first positional argument, or -1. */
static int parse_options(int argc, char **argv)
{
    int i = 1, custom = 0;
    double sources = -1, end_users = -1;
    preset(&sh, "current");
    if (i + 1 < argc && !strcmp(argv[i], "--shape")) {
        if (preset(&sh, argv[i + 1]) < 0) {
            fprintf(stderr, "gen: unknown shape '%s'\n", argv[i + 1]);
            return -1;
        }
        i += 2;
    }
    for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2, custom = 1) {
        const char *o = argv[i] + 2, *v = argv[i + 1];
        double x = strtod(v, NULL);
        if (!strcmp(o, "tiers") && x >= 3 && x <= MAXT)
            sh.tiers = (int)x;
        else if (!strcmp(o, "sources") && x > 0 && x < 1)
            sources = x;
        else if (!strcmp(o, "end-users") && x > 0 && x < 1)
            end_users = x;
        else if (!strcmp(o, "idle-sources") && x >= 0 && x <= 1)
            sh.idle_sources = x;
        else if (!strcmp(o, "countries") && x >= 2 && x <= MAXC)
            sh.countries = (int)x;
        else if (!strcmp(o, "dominant") && sscanf(v, "%lf:%lf", &sh.dom_lo, &sh.dom_hi) == 2 &&
                 sh.dom_lo > 0 && sh.dom_lo <= sh.dom_hi && sh.dom_hi < 1)
            ;
        else if (!strcmp(o, "suppliers") && x >= 1 && x <= 12)
            sh.suppliers = x;
        else if (!strcmp(o, "slack") && x >= 0 && x <= 10)
            sh.slack = x;
        else if (!strcmp(o, "volumes") && (!strcmp(v, "consistent") || !strcmp(v, "noisy")))
            sh.noisy = !strcmp(v, "noisy");
        else {
            fprintf(stderr, "gen: bad option --%s %s\n", o, v);
            return -1;
        }
    }
    if (custom) { /* off the historical lists: generated countries, shares rescaled */
        if (!sh.countries) {
            sh.countries = 34;
            sh.dom_lo = sh.dom_lo ? sh.dom_lo : 0.4;
            sh.dom_hi = sh.dom_hi ? sh.dom_hi : 0.8;
        }
        int k = sh.tiers;
        double first = sources > 0 ? sources : sh.frac[0];
        double last = end_users > 0 ? end_users : sh.frac[k - 1];
        int reshaped = sh.tiers != preset_tiers(sh.name);
        sh.name = "custom";
        if (reshaped || first + last >= 0.95) {
            if (first + last >= 0.95) {
                fprintf(stderr, "gen: sources and end users leave no room for the middle\n");
                return -1;
            }
            middle_shares(&sh, first, last);
        } else {
            double mid = 1 - sh.frac[0] - sh.frac[k - 1];
            for (int t = 1; t < k - 1; t++)
                sh.frac[t] *= (1 - first - last) / mid;
            sh.frac[0] = first;
            sh.frac[k - 1] = last;
        }
    }
    return argc - i == 3 ? i : -1;
}

int main(int argc, char **argv)
{
    int pos = parse_options(argc, argv);
    if (pos < 0) {
        usage();
        return 2;
    }
    setup_shape();
    argv += pos - 1;
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
    long long start[MAXT + 1];
    start[0] = 0;
    for (int t = 0; t < NT; t++) {
        long long size = (long long)llround(sh.frac[t] * (double)N);
        if (size < 3)
            size = 3;
        start[t + 1] = start[t] + size;
    }
    start[NT] = N; /* the last tier takes the rounding */
    int *tier = xcalloc((size_t)N, sizeof *tier);
    for (int t = 0; t < NT; t++)
        for (long long v = start[t]; v < start[t + 1]; v++)
            tier[v] = t;

    /* edges: customers pick suppliers; at most kmax per node plus fix-ups and recycling */
    int kmax = (int)llround(8 * sh.suppliers / 4.5);
    size_t cap_e = (size_t)N * (size_t)(kmax + 1) + 1024;
    int32_t *efrom = xcalloc(cap_e, sizeof *efrom), *eto = xcalloc(cap_e, sizeof *eto);
    long long m = 0;
    long long *deg = xcalloc((size_t)N, sizeof *deg);        /* customers per supplier */
    int32_t **urn = xcalloc(NT, sizeof *urn);                 /* one entry per pick */
    long long urn_n[MAXT] = {0};
    for (int t = 0; t < NT; t++)
        urn[t] = xcalloc(cap_e, sizeof **urn);
    static const int kdist[] = {1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 8};

    for (long long v = start[1]; v < N; v++) {
        int t = tier[v];
        /* the historical draw, scaled to the mean (exact for 4.5) */
        int k = (int)llround(kdist[below(20)] * sh.suppliers / 4.5);
        int32_t chosen[32];
        k = k < 1 ? 1 : k;
        int nc = 0;
        for (int tries = 0; nc < k && tries < 4 * k; tries++) {
            double r = unif();
            int st;
            int32_t s;
            int sub = NT - 2; /* the tier that buys sub-assemblies from itself */
            if (t == sub && r < 0.02 && v > start[sub]) {
                s = (int32_t)(start[sub] + (long long)below((uint64_t)(v - start[sub])));
                st = sub;
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
        if (t == 0 && sh.idle_sources > 0 && unif() < sh.idle_sources)
            continue; /* an idle mine: no customer */
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
    if (sh.noisy) /* reported volumes that do not balance */
        for (long long e = 0; e < m; e++)
            vol[e] *= 0.5 + unif();
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
                "  \"name\": \"Synthetic rare-earth magnet network, %lld nodes, seed %s%s%s\",\n"
                "  \"unit\": \"t/yr\",\n  \"year\": 2024,\n"
                "  \"description\": \"generated by tests/bench/gen.c for the benchmark\",\n"
                "  \"source\": \"synthetic\",\n  \"tiers\": [",
            N, argv[2], strcmp(sh.name, "current") ? ", shape " : "",
            strcmp(sh.name, "current") ? sh.name : "");
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
        int has_cap = t < NT - 2 || (t == NT - 2 && unif() >= 0.05);
        if (has_cap) /* mining and separation are the tight tiers, as in rare earths */
            num(cap, sizeof cap,
                req[v] * (t <= 1 ? 1.001 + 0.01 * unif() : 1.001 + sh.slack * unif() * unif()));
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
        int has_stock = t >= 2 && t <= NT - 3 && unif() < 0.2;
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
