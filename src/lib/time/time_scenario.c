/*
 * A scenario over its duration (issue 19, the reallocated view): per end
 * user, country and group, the demand lost and the time to survive. See
 * ckp_time_scenario in chokepoint/stress.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/flow.h"
#include "chokepoint/stress.h"
#include "drawdown.h"
#include "horizon.h"
#include "time_common.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

#define NEVER_NOTE "tts_reallocated_days is null where the end users are never short: the " \
                   "shocked network serves, without stocks, all they receive unshocked"
#define NEVER_IMMEDIATE_NOTE "tts_immediate_days is null where the end users are never " \
                             "short in the immediate view: what arrives, or their stock, keeps " \
                             "their unshocked rate for ever"
#define NO_VOLUMES_NOTE "the network has no volumes: no immediate view, lost_immediate and " \
                        "tts_immediate_days are null"

void ckp_time_report_init(ckp_time_report *r)
{
    memset(r, 0, sizeof *r);
}

static void entries_free(ckp_time_entry *e, igraph_integer_t n)
{
    for (igraph_integer_t i = 0; e && i < n; i++)
        free(e[i].name);
    free(e);
}

void ckp_time_report_destroy(ckp_time_report *r)
{
    entries_free(r->end_users, r->n_end_users);
    entries_free(r->countries, r->n_countries);
    entries_free(r->groups, r->n_groups);
    ckp_messages_destroy(&r->notes);
    memset(r, 0, sizeof *r);
}

typedef struct {
    ckp_horizon base, shock;
    ckp_drawdown dd;
    double days;
    char *mask, *smask;   /* end users of the entry in the base and the shocked network */
} ctx;

/* The immediate view of an entry: its end users' losses added up, their earliest TTS. */
static void immediate_entry(ckp_time_entry *e, const ctx *c)
{
    double lost = 0, tts = NAN;
    for (igraph_integer_t i = 0; i < c->dd.n; i++) {
        if (!c->mask[i])
            continue;
        lost += c->dd.lost[i];
        if (!isnan(c->dd.tts[i]) && !(c->dd.tts[i] >= tts))
            tts = c->dd.tts[i];
    }
    e->lost_immediate = c->dd.has_volumes ? ckp_round_flow(lost) : NAN;
    e->tts_immediate_days = c->dd.has_volumes ? ckp_time_tts_round(tts) : NAN;
}

/*
 * One entry from its end users in c->mask: lost = the most it receives
 * unshocked minus the least it receives among the shocked network's maximum
 * flows (the "at least" rule of the views); TTS against its unshocked
 * no-stock rate.
 */
static ckp_code fill_entry(ckp_time_entry *e, ctx *c, ckp_error *err)
{
    const ckp_network *net = c->base.net, *sh = c->shock.net;
    igraph_integer_t k = 0;
    double demand = 0;
    for (igraph_integer_t i = 0; i < ckp_network_node_count(sh); i++)
        c->smask[i] = 0;
    for (igraph_integer_t i = 0; i < ckp_network_node_count(net); i++) {
        if (!c->mask[i])
            continue;
        k++;
        demand += ckp_node_demand(net, i);
        igraph_integer_t j = ckp_network_find(sh, ckp_node_id(net, i));
        if (j >= 0)
            c->smask[j] = 1;
    }
    e->n_end_users = k;
    immediate_entry(e, c);
    e->demand = ckp_round_flow(demand * c->days / 365);
    ckp_horizon_restrict(&c->base, c->mask);
    double best = ckp_horizon_served(&c->base, c->days);
    double rate = ckp_horizon_solve_scaled(&c->base, 0);
    /* the others' most, with the entry's end users served nothing */
    for (igraph_integer_t i = 0; i < ckp_network_node_count(sh); i++)
        c->smask[i] = !c->smask[i];
    ckp_horizon_restrict(&c->shock, c->smask);
    double others = ckp_horizon_served(&c->shock, c->days);
    ckp_horizon_restrict(&c->shock, NULL);
    double all = ckp_horizon_served(&c->shock, c->days);
    if (best < 0 || rate < 0 || others < 0 || all < 0)
        return ckp_error_set(err, CKP_EINTERNAL, "the maximum flow could not be computed");
    double lost = best - (all - others);
    e->lost = ckp_round_flow(lost > 0 ? lost : 0);
    for (igraph_integer_t i = 0; i < ckp_network_node_count(sh); i++)
        c->smask[i] = !c->smask[i];
    ckp_horizon_restrict(&c->shock, c->smask);
    double t;
    ckp_code rc = ckp_horizon_tts(&t, &c->shock, rate, NULL, err);
    e->tts_days = ckp_time_tts_round(t);
    return rc;
}

static int by_name(const void *pa, const void *pb)
{
    return strcmp(((const ckp_time_entry *)pa)->name, ((const ckp_time_entry *)pb)->name);
}

/* The end users, the countries of end users, then the groups with an end user. */
static ckp_code fill_tables(ckp_time_report *r, ctx *c, const ckp_scenario *s, ckp_error *err)
{
    const ckp_network *net = c->base.net;
    igraph_integer_t n = ckp_network_node_count(net), last = ckp_network_tier_count(net) - 1;
    igraph_integer_t nc = ckp_network_country_count(net);
    const ckp_groups *lists[3] = {ckp_network_groups(net), &s->groups, ckp_groups_builtin()};
    igraph_integer_t ng = 0;
    for (int l = 0; l < 3; l++)
        ng += lists[l]->n;
    r->end_users = calloc((size_t)(n ? n : 1), sizeof *r->end_users);
    r->countries = calloc((size_t)(nc ? nc : 1), sizeof *r->countries);
    r->groups = calloc((size_t)(ng ? ng : 1), sizeof *r->groups);
    if (!r->end_users || !r->countries || !r->groups)
        return NOMEM(err);
    ckp_code rc;
    for (igraph_integer_t u = 0; u < n; u++) {
        if (ckp_node_tier(net, u) != last)
            continue;
        memset(c->mask, 0, (size_t)n);
        c->mask[u] = 1;
        ckp_time_entry *e = &r->end_users[r->n_end_users++];
        if (!(e->name = strdup(ckp_node_id(net, u))))
            return NOMEM(err);
        if ((rc = fill_entry(e, c, err)))
            return rc;
    }
    for (igraph_integer_t k = 0; k < nc; k++) {
        const char *code = ckp_network_country_name(net, k);
        for (igraph_integer_t i = 0; i < n; i++)
            c->mask[i] = ckp_node_tier(net, i) == last && ckp_node_country_index(net, i) == k;
        if (!memchr(c->mask, 1, (size_t)n))
            continue;
        ckp_time_entry *e = &r->countries[r->n_countries++];
        if (!(e->name = strdup(code)))
            return NOMEM(err);
        if ((rc = fill_entry(e, c, err)))
            return rc;
    }
    for (int l = 0; l < 3; l++)
        for (igraph_integer_t g = 0; g < lists[l]->n; g++) {
            const ckp_group *grp = &lists[l]->items[g];
            int seen = 0;
            for (igraph_integer_t k = 0; k < r->n_groups; k++)
                seen |= !strcmp(r->groups[k].name, grp->name);
            for (igraph_integer_t i = 0; i < n; i++)
                c->mask[i] = ckp_node_tier(net, i) == last &&
                             ckp_group_has(grp, ckp_node_country(net, i));
            if (seen || !memchr(c->mask, 1, (size_t)n))
                continue;
            ckp_time_entry *e = &r->groups[r->n_groups++];
            if (!(e->name = strdup(grp->name)))
                return NOMEM(err);
            if ((rc = fill_entry(e, c, err)))
                return rc;
        }
    qsort(r->end_users, (size_t)r->n_end_users, sizeof *r->end_users, by_name);
    qsort(r->countries, (size_t)r->n_countries, sizeof *r->countries, by_name);
    qsort(r->groups, (size_t)r->n_groups, sizeof *r->groups, by_name);
    /* every end user together */
    for (igraph_integer_t i = 0; i < n; i++)
        c->mask[i] = ckp_node_tier(net, i) == last;
    ckp_time_entry all = {0};
    if ((rc = fill_entry(&all, c, err)))
        return rc;
    r->demand = all.demand;
    r->lost = all.lost;
    r->tts_days = all.tts_days;
    r->lost_immediate = all.lost_immediate;
    r->tts_immediate_days = all.tts_immediate_days;
    return CKP_OK;
}

static int any_never(const ckp_time_report *r, int immediate)
{
    int never = isnan(immediate ? r->tts_immediate_days : r->tts_days);
    for (igraph_integer_t i = 0; i < r->n_end_users; i++)
        never |= isnan(immediate ? r->end_users[i].tts_immediate_days : r->end_users[i].tts_days);
    return never;
}

/* What the figures leave unsaid: where a TTS is null, and stocks the immediate view cannot use. */
static int add_notes(ckp_time_report *r, const ckp_network *net, const ckp_drawdown *dd)
{
    if (any_never(r, 0) && ckp_messages_add(&r->notes, NEVER_NOTE) < 0)
        return -1;
    if (!dd->has_volumes)
        return ckp_messages_add(&r->notes, NO_VOLUMES_NOTE) < 0 ? -1 : 0;
    if (any_never(r, 1) && ckp_messages_add(&r->notes, NEVER_IMMEDIATE_NOTE) < 0)
        return -1;
    if (dd->n_idle &&
        ckp_messages_add(&r->notes,
                         "node '%s' holds stock but has no recorded outflow (%lld nodes do): "
                         "in the immediate view a stock covers only its node's recorded "
                         "outflow, so theirs helps only in the reallocated view",
                         ckp_node_id(net, dd->idle), (long long)dd->n_idle) < 0)
        return -1;
    return 0;
}

ckp_code ckp_time_scenario(ckp_time_report *out, const ckp_network *net, const ckp_scenario *s,
                           double duration_days, ckp_error *err)
{
    ckp_code rc;
    ckp_network *shocked = NULL;
    ctx c = {0};
    int have = 0;
    ckp_time_report_init(out);
    out->duration_days = duration_days;
    if (!(duration_days > 0))
        return ckp_error_set(err, CKP_EUSAGE, "duration %g days: give a number of days above 0",
                             duration_days);
    if ((rc = ckp_scenario_apply(&shocked, net, s, NULL, NULL, NULL, err)))
        goto done;
    c.days = duration_days;
    c.mask = malloc((size_t)ckp_network_node_count(net) + 1);
    c.smask = malloc((size_t)ckp_network_node_count(shocked) + 1);
    if (!c.mask || !c.smask) {
        rc = NOMEM(err);
        goto done;
    }
    if ((rc = ckp_horizon_init(&c.base, net, err)))
        goto done;
    if ((rc = ckp_horizon_init(&c.shock, shocked, err))) {
        ckp_horizon_destroy(&c.base);
        goto done;
    }
    have = 1;
    if ((rc = ckp_drawdown_run(&c.dd, net, shocked, duration_days, err)))
        goto done;
    have = 2;
    if ((rc = fill_tables(out, &c, s, err)))
        goto done;
    if (add_notes(out, net, &c.dd) < 0)
        rc = NOMEM(err);
done:
    if (have) {
        ckp_horizon_destroy(&c.base);
        ckp_horizon_destroy(&c.shock);
    }
    if (have == 2)
        ckp_drawdown_destroy(&c.dd);
    free(c.mask);
    free(c.smask);
    ckp_network_free(shocked);
    if (rc)
        ckp_time_report_destroy(out);
    return rc;
}
