#include "chokepoint/analysis.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "chokepoint/centrality.h"
#include "chokepoint/dominators.h"
#include "chokepoint/flow.h"
#include "analysis_internal.h"
#include "centrality_internal.h"
#include "flow_internal.h"
#include "chokepoint/materials.h"
#include "network_internal.h"
#include "node_order.h"
#include "progress.h"

void ckp_analysis_options_init(ckp_analysis_options *opts)
{
    opts->exact_limit = 5000;
    opts->risk_top = 100;
    opts->betweenness_samples = 100;
    opts->seed = 1;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    opts->threads = cpus < 1 ? 1 : cpus > 16 ? 16 : (int)cpus;
}

void ckp_analysis_init(ckp_analysis *a)
{
    memset(a, 0, sizeof *a);
}

void ckp_analysis_destroy(ckp_analysis *a)
{
    if (!a)
        return;
    free(a->throughput);
    free(a->flow);
    free(a->flow_at_risk);
    free(a->dominated_demand);
    free(a->betweenness);
    for (igraph_integer_t i = 0; i < a->n_spofs; i++)
        free(a->spofs[i].end_users);
    free(a->spofs);
    for (igraph_integer_t i = 0; i < a->n_end_users; i++)
        free(a->end_users[i].dominators);
    free(a->end_users);
    free(a->countries);
    ckp_concentration_free(a->concentration, a->n_tiers);
    ckp_dependency_destroy(&a->dependency);
    for (igraph_integer_t m = 0; m < a->n_materials && a->material_concentration; m++)
        ckp_concentration_free(a->material_concentration[m], a->n_tiers);
    free(a->material_concentration);
    for (igraph_integer_t m = 0; m < a->n_materials && a->material_dependency; m++)
        ckp_dependency_destroy(&a->material_dependency[m]);
    free(a->material_dependency);
    ckp_analysis_init(a);
}

/* Sorting without global state: the key and the tie-breaking name travel together. */
typedef struct {
    double key;
    const char *name;
    igraph_integer_t index;
} ranked;

static int by_key_desc(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int by_name(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    return strcmp(a->name, b->name);
}

static int by_node_id(const void *pa, const void *pb, void *net)
{
    return strcmp(ckp_node_id(net, *(const igraph_integer_t *)pa),
                  ckp_node_id(net, *(const igraph_integer_t *)pb));
}

/* Sort node indices by id; n is small (the end users of one dominator). */
static void sort_ids(const ckp_network *net, igraph_integer_t *v, igraph_integer_t n)
{
    for (igraph_integer_t i = 1; i < n; i++) {
        igraph_integer_t x = v[i], j = i;
        for (; j > 0 && by_node_id(&v[j - 1], &x, (void *)net) > 0; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

#define NOMEM() (rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory"))

/*
 * Flow at risk per node (exactly where affordable, else for the nodes that
 * can matter) and per country, in one call so that the threads share one
 * queue of removals.
 */
ckp_code ckp_analysis_risks(ckp_analysis *a, ckp_flow *flow, ckp_bom_solver *bom,
                            const ckp_network *net, const ckp_analysis_options *o,
                            const ckp_loss_gate *gate, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, nc = net->countries.count;
    size_t nn = (size_t)(n ? n : 1), ncs = (size_t)(nc ? nc : 1);
    char *want = calloc(nn, 1);
    igraph_integer_t *busy = NULL;
    ranked *order = malloc(ncs * sizeof *order);
    igraph_integer_t *start = calloc(ncs + 1, sizeof *start);
    igraph_integer_t *by_country = malloc(nn * sizeof *by_country);
    igraph_integer_t *nodes = NULL, *sizes = NULL;
    const igraph_integer_t **sets = NULL;
    double *losses = NULL;
    a->countries = malloc(ncs * sizeof *a->countries);
    if (!want || !order || !start || !by_country || !a->countries) {
        NOMEM();
        goto done;
    }
    if (n <= o->exact_limit) {
        memset(want, 1, nn);
        a->risk_exact_all = 1;
    } else {
        igraph_integer_t k = o->risk_top < n ? o->risk_top : n;
        busy = malloc((size_t)(k > 0 ? k : 1) * sizeof *busy);
        if (!busy || (k = ckp_nodes_top(busy, net, a->throughput, k)) < 0) {
            NOMEM();
            goto done;
        }
        for (igraph_integer_t i = 0; i < k; i++)
            want[busy[i]] = 1;
        free(busy);
        busy = NULL;
        /* and the single points of failure that dominate the most demand */
        for (igraph_integer_t i = 0; i < a->n_spofs && i < o->risk_top; i++)
            want[a->spofs[i].node] = 1;
    }
    /* a node that carries nothing in the baseline flow loses nothing: exact, and free */
    igraph_integer_t count = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        count += a->flow[v] != 0 && want[v];
    /* the removals: the nodes wanted, then the countries (arrays of those only, not n) */
    size_t nsets = (size_t)count + ncs;
    nodes = malloc((size_t)(count ? count : 1) * sizeof *nodes);
    sets = malloc(nsets * sizeof *sets);
    sizes = malloc(nsets * sizeof *sizes);
    losses = malloc(nsets * sizeof *losses);
    if (!nodes || !sets || !sizes || !losses) {
        NOMEM();
        goto done;
    }
    count = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        a->flow_at_risk[v] = a->flow[v] == 0 ? 0 : NAN;
        if (a->flow[v] == 0)
            a->risk_computed++;
        else if (want[v]) {
            nodes[count] = v;
            sets[count] = &nodes[count];
            sizes[count++] = 1;
        }
    }
    /* each country's nodes, grouped (counting sort by country) */
    for (igraph_integer_t v = 0; v < n; v++)
        start[net->node_country[v] + 1]++;
    for (igraph_integer_t c = 0; c < nc; c++)
        start[c + 1] += start[c];
    for (igraph_integer_t c = 0; c < nc; c++) {
        sets[count + c] = by_country + start[c];
        sizes[count + c] = 0;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = net->node_country[v];
        by_country[start[c] + sizes[count + c]++] = v;
    }
    /* without a flow (a network with materials): the LP re-solved from its baseline */
    if ((rc = flow ? ckp_flow_losses_gated(flow, sets, sizes, count + nc, o->threads, losses,
                                           "flow at risk", gate, err)
                   : ckp_bom_solver_losses(bom, losses, sets, sizes, count + nc, o->threads,
                                           err)))
        goto done;
    for (igraph_integer_t i = 0; i < count; i++)
        a->flow_at_risk[nodes[i]] = losses[i];
    a->risk_computed += count;
    for (igraph_integer_t c = 0; c < nc; c++)
        order[c] = (ranked){losses[count + c], net->countries.strings[c], c};
    qsort(order, (size_t)nc, sizeof *order, by_key_desc);
    for (igraph_integer_t i = 0; i < nc; i++)
        a->countries[i] = (ckp_country_risk){order[i].index, sizes[count + order[i].index],
                                             order[i].key};
    a->n_countries = nc;
done:
    free(want);
    free(busy);
    free(order);
    free(start);
    free(by_country);
    free(nodes);
    free(sets);
    free(sizes);
    free(losses);
    return rc;
}

/* End users, their dominators and redundancy; single points of failure. */
static ckp_code domination(ckp_analysis *a, ckp_flow *flow, const ckp_network *net,
                           const ckp_dominators *dom, const ckp_analysis_options *o,
                           ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, last = net->tiers.count - 1;
    ranked *users = NULL;
    igraph_integer_t *count = NULL;
    igraph_integer_t nu = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        nu += net->node_tier[v] == last;
    users = malloc((size_t)(nu ? nu : 1) * sizeof *users);
    a->end_users = calloc((size_t)(nu ? nu : 1), sizeof *a->end_users);
    count = calloc((size_t)(n ? n : 1), sizeof *count);
    if (!users || !a->end_users || !count) {
        NOMEM();
        goto done;
    }
    nu = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == last)
            users[nu++] = (ranked){0, ckp_node_id(net, v), v};
    qsort(users, (size_t)nu, sizeof *users, by_name);
    a->n_end_users = nu;
    int exact = n <= o->exact_limit;
    /* read the baseline deliveries before connectivity solves overwrite the flow */
    for (igraph_integer_t k = 0; k < nu; k++)
        a->end_users[k].served = ckp_flow_delivered(flow, users[k].index);
    for (igraph_integer_t k = 0; k < nu; k++) {
        igraph_integer_t u = users[k].index;
        ckp_end_user *eu = &a->end_users[k];
        ckp_progress("single points of failure", (long long)k, (long long)nu);
        eu->node = u;
        eu->demand = ckp_node_demand(net, u);
        eu->reachable = dom->idom[u] != CKP_DOM_UNREACHABLE;
        if (!eu->reachable) {
            a->n_unreachable++;
            eu->redundancy = 0;
            eu->redundancy_exact = 1;
            continue;
        }
        eu->n_dominators = ckp_dominators_of(dom, u, NULL, 0);
        eu->dominators = malloc((size_t)(eu->n_dominators ? eu->n_dominators : 1) *
                                sizeof *eu->dominators);
        if (!eu->dominators) {
            NOMEM();
            goto done;
        }
        ckp_dominators_of(dom, u, eu->dominators, eu->n_dominators);
        for (igraph_integer_t i = 0; i < eu->n_dominators; i++) {
            a->dominated_demand[eu->dominators[i]] += eu->demand;
            count[eu->dominators[i]]++;
        }
        if (eu->n_dominators) {
            eu->redundancy = 1;
            eu->redundancy_exact = 1;
        } else if (exact) {
            eu->redundancy = ckp_flow_vertex_connectivity(flow, u);
            eu->redundancy_exact = 1;
        } else {
            eu->redundancy = 2; /* no dominator: at least two disjoint routes */
            eu->redundancy_exact = 0;
        }
    }
    ckp_progress("single points of failure", (long long)nu, (long long)nu);
    rc = ckp_analysis_spofs(a, net, count, err);
done:
    free(users);
    free(count);
    return rc;
}

/*
 * Single points of failure: nodes dominating at least one end user other than itself, from
 * the end users' dominators; `count[v]`: the end users v dominates (overwritten).
 */
ckp_code ckp_analysis_spofs(ckp_analysis *a, const ckp_network *net, igraph_integer_t *count,
                            ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_integer_t n = net->n_nodes, nu = a->n_end_users;
    ranked *spofs = NULL;
    igraph_integer_t ns = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        ns += count[v] > 0;
    spofs = malloc((size_t)(ns ? ns : 1) * sizeof *spofs);
    a->spofs = calloc((size_t)(ns ? ns : 1), sizeof *a->spofs);
    if (!spofs || !a->spofs) {
        NOMEM();
        goto done;
    }
    ns = 0;
    for (igraph_integer_t v = 0; v < n; v++)
        if (count[v])
            spofs[ns++] = (ranked){a->dominated_demand[v], ckp_node_id(net, v), v};
    qsort(spofs, (size_t)ns, sizeof *spofs, by_key_desc);
    a->n_spofs = ns;
    for (igraph_integer_t i = 0; i < ns; i++) {
        igraph_integer_t v = spofs[i].index;
        ckp_spof *s = &a->spofs[i];
        s->node = v;
        s->dominated_demand = a->dominated_demand[v];
        s->end_users = malloc((size_t)count[v] * sizeof *s->end_users);
        if (!s->end_users) {
            NOMEM();
            goto done;
        }
    }
    /* fill each SPOF's end users; `count` becomes the position of each node's SPOF entry */
    for (igraph_integer_t v = 0; v < n; v++)
        count[v] = -1;
    for (igraph_integer_t i = 0; i < ns; i++)
        count[a->spofs[i].node] = i;
    for (igraph_integer_t k = 0; k < nu; k++) {
        const ckp_end_user *eu = &a->end_users[k];
        for (igraph_integer_t i = 0; i < eu->n_dominators; i++) {
            ckp_spof *s = &a->spofs[count[eu->dominators[i]]];
            s->end_users[s->n_end_users++] = eu->node;
        }
    }
    for (igraph_integer_t i = 0; i < ns; i++)
        sort_ids(net, a->spofs[i].end_users, a->spofs[i].n_end_users);
done:
    free(spofs);
    return rc;
}

/*
 * What needs the network only, on a second thread while the dominators and the flow are
 * computed. igraph is not thread-safe here (library findings: built without thread-local
 * state), and the dominator tree may call it: sampled betweenness has its sources drawn
 * before the thread starts and needs no igraph after; exact betweenness (small networks)
 * waits until the main thread says it is done with igraph. Betweenness goes to whichever
 * thread is free first: the main one after its flow, or this one after the origin tracing.
 */
typedef struct {
    ckp_analysis *a;
    const ckp_network *net;
    const ckp_analysis_options *o;
    igraph_integer_t *sources; /* the sampled betweenness's, or NULL for exact */
    pthread_mutex_t lock;
    pthread_cond_t igraph_free;
    int igraph_released, betweenness_claimed;
    pthread_t thread;
    int started, joined;
    ckp_error err;
    ckp_code rc;
} side_job;

static void release_igraph(side_job *job)
{
    pthread_mutex_lock(&job->lock);
    job->igraph_released = 1;
    pthread_cond_signal(&job->igraph_free);
    pthread_mutex_unlock(&job->lock);
}

/* Betweenness, unless the other thread has taken it. */
static ckp_code side_betweenness(side_job *job, ckp_error *err)
{
    ckp_analysis *a = job->a;
    pthread_mutex_lock(&job->lock);
    int mine = !job->betweenness_claimed;
    job->betweenness_claimed = 1;
    while (mine && !job->sources && !job->igraph_released)
        pthread_cond_wait(&job->igraph_free, &job->lock);
    pthread_mutex_unlock(&job->lock);
    if (!mine)
        return CKP_OK;
    if (job->sources)
        return ckp_betweenness_from(a->betweenness, job->net, job->sources,
                                    a->betweenness_samples, err);
    return ckp_betweenness(a->betweenness, job->net, 0, job->o->seed, err);
}

static void *side_work(void *arg)
{
    side_job *job = arg;
    ckp_analysis *a = job->a;
    const ckp_network *net = job->net;
    if ((job->rc = ckp_concentration(&a->concentration, net, &job->err)) ||
        (job->rc = ckp_dependency_compute(&a->dependency, net, NULL, &job->err)))
        return NULL;
    job->rc = side_betweenness(job, &job->err);
    return NULL;
}

/*
 * What a finished step freed goes back to the system before the next makes its arrays. glibc
 * keeps it otherwise: its mmap threshold rises with each large block freed, up to 32 MB, and
 * blocks below it come from heaps it does not return while fragmented.
 */
static void give_back(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

/* The side thread joined (once, by whichever thread asks first); 0 if its work succeeded. */
static int side_join(void *arg)
{
    side_job *job = arg;
    if (job->started && !job->joined) {
        pthread_join(job->thread, NULL);
        job->joined = 1;
        give_back(); /* origin tracing's buffers, before the late loss worker's solver */
    }
    return job->rc != CKP_OK;
}

ckp_code ckp_analyze(ckp_analysis *a, const ckp_network *net, const ckp_analysis_options *opts,
                     ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_analysis_options o;
    ckp_flow *flow = NULL;
    ckp_dominators dom;
    side_job side;
    ckp_loss_gate gate = {side_join, &side};
    igraph_integer_t n = net->n_nodes;
    memset(&dom, 0, sizeof dom);
    memset(&side, 0, sizeof side);
    ckp_error_init(&side.err);
    pthread_mutex_init(&side.lock, NULL);
    pthread_cond_init(&side.igraph_free, NULL);
    if (opts)
        o = *opts;
    else
        ckp_analysis_options_init(&o);
    ckp_analysis_init(a);
    a->n_nodes = n;
    size_t nn = (size_t)(n ? n : 1);
    a->throughput = malloc(nn * sizeof *a->throughput);
    a->flow = malloc(nn * sizeof *a->flow);
    a->flow_at_risk = malloc(nn * sizeof *a->flow_at_risk);
    a->dominated_demand = calloc(nn, sizeof *a->dominated_demand);
    a->betweenness = malloc(nn * sizeof *a->betweenness);
    if (!a->throughput || !a->flow || !a->flow_at_risk || !a->dominated_demand ||
        !a->betweenness) {
        NOMEM();
        goto done;
    }
    ckp_throughput(a->throughput, net);
    for (igraph_integer_t v = 0; v < n; v++)
        if (net->node_tier[v] == net->tiers.count - 1)
            a->demand += ckp_node_demand(net, v);
    a->demand = ckp_round_flow(a->demand);
    a->betweenness_samples = n <= o.exact_limit ? 0 : o.betweenness_samples;
    a->n_tiers = net->tiers.count;

    if (ckp_network_has_bom(net)) {
        rc = ckp_analyze_bom(a, net, &o, err);
        goto done;
    }
    side.a = a;
    side.net = net;
    side.o = &o;
    if (a->betweenness_samples &&
        (rc = ckp_betweenness_sources(&side.sources, net, a->betweenness_samples, o.seed, err)))
        goto done;
    if (o.threads > 1 && pthread_create(&side.thread, NULL, side_work, &side) == 0)
        side.started = 1;
    rc = ckp_dominators_compute(&dom, net, err);
    release_igraph(&side);
    if (!side.started)
        side_work(&side); /* no second thread: the same work, here */
    if (!rc && !side.started && side.rc) {
        rc = side.rc;
        *err = side.err;
    }
    if (rc)
        goto done;

    if ((rc = ckp_flow_new(&flow, net, err)))
        goto done;
    a->served = ckp_flow_solve(flow, -1);
    for (igraph_integer_t v = 0; v < n; v++)
        a->flow[v] = ckp_flow_node(flow, v);
    if ((rc = ckp_flow_keep_baseline(flow, err)))
        goto done;
    /* domination() reads the end users' deliveries from this baseline solve: keep it next */
    if ((rc = domination(a, flow, net, &dom, &o, err)))
        goto done;
    ckp_dominators_destroy(&dom); /* read by domination() only: not kept through the losses */
    ckp_flow_drop_solver(flow); /* the losses need only the kept baseline */
    if (side.started && (rc = side_betweenness(&side, err)))
        goto done;
    give_back(); /* the dominators and the flow's solver */
    /*
     * The losses start on this thread while the side thread ends its origin tracing; their last
     * worker waits for it (ckp_flow_losses_gated), so that no core is idle and one worker's
     * memory, not two, is held with origin tracing's (issue 21: the peak, 2 GiB at 1e6 nodes).
     */
    rc = ckp_analysis_risks(a, flow, NULL, net, &o, side.started ? &gate : NULL, err);
    give_back(); /* the loss workers' solvers, before the caller formats the output */
done:
    if (side_join(&side)) { /* its error first: it stopped the losses if they were running */
        rc = side.rc;
        *err = side.err;
    }
    free(side.sources);
    pthread_mutex_destroy(&side.lock);
    pthread_cond_destroy(&side.igraph_free);
    ckp_dominators_destroy(&dom);
    ckp_flow_free(flow);
    if (rc)
        ckp_analysis_destroy(a);
    return rc;
}
