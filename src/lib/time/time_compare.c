/*
 * Plans ranked by the demand they lose over a shock's duration (issue 19,
 * Outputs 5): see ckp_time_compare in chokepoint/stress.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/stress.h"

#define NOMEM(err) ckp_error_set((err), CKP_EINTERNAL, "out of memory")

void ckp_time_comparison_init(ckp_time_comparison *c)
{
    memset(c, 0, sizeof *c);
}

static void names_free(char **names, igraph_integer_t n)
{
    for (igraph_integer_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

void ckp_time_comparison_destroy(ckp_time_comparison *c)
{
    igraph_integer_t rows = c->n_plans * c->n_scenarios;
    for (igraph_integer_t i = 0; c->rows && i < rows; i++)
        free(c->rows[i].name);
    free(c->rows);
    free(c->plan);
    free(c->group);
    names_free(c->plan_names, c->n_plans);
    names_free(c->scenario_names, c->n_scenarios);
    ckp_messages_destroy(&c->notes);
    ckp_time_comparison_init(c);
}

static const ckp_time_entry *find(const ckp_time_entry *e, igraph_integer_t n, const char *name)
{
    for (igraph_integer_t i = 0; i < n; i++)
        if (!strcmp(e[i].name, name))
            return &e[i];
    return NULL;
}

/* The group's figures in a report: the whole network, a country of end users, or a group. */
static const ckp_time_entry *pick(ckp_time_entry *all, const ckp_time_report *r,
                                  const char *group)
{
    if (!group) {
        *all = (ckp_time_entry){.n_end_users = r->n_end_users,
                                .demand = r->demand,
                                .lost = r->lost,
                                .tts_days = r->tts_days,
                                .lost_immediate = r->lost_immediate,
                                .tts_immediate_days = r->tts_immediate_days};
        return all;
    }
    const ckp_time_entry *e = find(r->countries, r->n_countries, group);
    return e ? e : find(r->groups, r->n_groups, group);
}

static int add_notes(ckp_messages *to, const ckp_messages *from)
{
    for (igraph_integer_t i = 0; i < from->n; i++) {
        int seen = 0;
        for (igraph_integer_t k = 0; k < to->n && !seen; k++)
            seen = !strcmp(to->items[k], from->items[i]);
        if (!seen && ckp_messages_add(to, "%s", from->items[i]) < 0)
            return -1;
    }
    return 0;
}

/* Ascending, NAN (no immediate view; as TTS, never short) after every number. */
static int cmp_nan_last(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) - isnan(b);
    return (a > b) - (a < b);
}

typedef struct {
    ckp_time_entry e;
    igraph_integer_t plan;
} ranked;

static int by_lost(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    int c = cmp_nan_last(a->e.lost, b->e.lost);
    if (!c)
        c = cmp_nan_last(a->e.lost_immediate, b->e.lost_immediate);
    if (!c) /* the longer time to survive first, never short the longest */
        c = cmp_nan_last(b->e.tts_days, a->e.tts_days);
    if (!c)
        c = cmp_nan_last(b->e.tts_immediate_days, a->e.tts_immediate_days);
    if (!c)
        c = (a->plan > b->plan) - (a->plan < b->plan);
    return c;
}

/* Scenario `s`: every plan's figures, then ranked into out->rows. */
static ckp_code one_scenario(ckp_time_comparison *out, const ckp_study *study, igraph_integer_t s,
                             ranked *tmp, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    for (igraph_integer_t p = 0; p < out->n_plans; p++) {
        ckp_time_report r;
        ckp_time_entry all;
        if ((rc = ckp_time_scenario(&r, ckp_study_network(study, p), ckp_study_scenario(study, s),
                                    out->duration_days, err)))
            return rc;
        const ckp_time_entry *e = pick(&all, &r, out->group);
        if (!e)
            rc = ckp_error_set(err, CKP_EDATA,
                               "group '%s' has no end users: give a country code or a group "
                               "name with end users",
                               out->group);
        else if (add_notes(&out->notes, &r.notes) < 0)
            rc = NOMEM(err);
        else
            tmp[p] = (ranked){*e, p};
        tmp[p].e.name = NULL; /* the report's, freed below */
        ckp_time_report_destroy(&r);
        if (rc)
            return rc;
    }
    qsort(tmp, (size_t)out->n_plans, sizeof *tmp, by_lost);
    for (igraph_integer_t k = 0; k < out->n_plans; k++) {
        ckp_time_entry *row = &out->rows[s * out->n_plans + k];
        *row = tmp[k].e;
        out->plan[s * out->n_plans + k] = tmp[k].plan;
        if (!(row->name = strdup(out->plan_names[tmp[k].plan])))
            return NOMEM(err);
    }
    return CKP_OK;
}

ckp_code ckp_time_compare(ckp_time_comparison *out, const ckp_study *study, double duration_days,
                          const char *group, ckp_error *err)
{
    const ckp_comparison *cmp = ckp_study_comparison(study);
    igraph_integer_t np = ckp_study_plan_count(study) + 1, ns = ckp_study_scenario_count(study);
    ckp_code rc = CKP_OK;
    ranked *tmp = NULL;
    ckp_time_comparison_init(out);
    out->duration_days = duration_days;
    if (ns == 0)
        return ckp_error_set(err, CKP_EUSAGE, "no scenario: a duration needs a shock to last");
    out->plan_names = calloc((size_t)np, sizeof *out->plan_names);
    out->scenario_names = calloc((size_t)ns, sizeof *out->scenario_names);
    out->rows = calloc((size_t)(np * ns), sizeof *out->rows);
    out->plan = calloc((size_t)(np * ns), sizeof *out->plan);
    tmp = calloc((size_t)np, sizeof *tmp);
    if (!out->plan_names || !out->scenario_names || !out->rows || !out->plan || !tmp ||
        (group && !(out->group = strdup(group)))) {
        rc = NOMEM(err);
        goto done;
    }
    for (; out->n_plans < np; out->n_plans++)
        if (!(out->plan_names[out->n_plans] = strdup(cmp->plans[out->n_plans].name))) {
            rc = NOMEM(err);
            goto done;
        }
    for (; out->n_scenarios < ns; out->n_scenarios++)
        if (!(out->scenario_names[out->n_scenarios] =
                  strdup(cmp->scenario_names[out->n_scenarios]))) {
            rc = NOMEM(err);
            goto done;
        }
    for (igraph_integer_t s = 0; s < ns && !rc; s++)
        rc = one_scenario(out, study, s, tmp, err);
done:
    free(tmp);
    if (rc)
        ckp_time_comparison_destroy(out);
    return rc;
}
