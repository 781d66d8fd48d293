/* A what-if study: plans and scenarios loaded once against a baseline, compared once. */
#include "chokepoint/whatif.h"

#include <stdlib.h>
#include <string.h>

struct ckp_study {
    igraph_integer_t n_plans, n_scenarios;  /* loaded so far: what _free releases */
    const ckp_network **nets;               /* [0] the caller's baseline, borrowed */
    const char **names;                     /* [p] points into infos[p] */
    ckp_plan_info *infos;                   /* [0] unused */
    ckp_scenario **scenarios;
    ckp_comparison cmp;
};

ckp_code ckp_study_new(ckp_study **out, const ckp_network *baseline,
                       const char *const *plan_paths, igraph_integer_t n_plans,
                       const char *const *scenario_paths, igraph_integer_t n_scenarios,
                       igraph_integer_t exact_limit, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_study *st = calloc(1, sizeof *st);
    *out = NULL;
    if (!st || !(st->nets = calloc((size_t)n_plans + 1, sizeof *st->nets)) ||
        !(st->names = calloc((size_t)n_plans + 1, sizeof *st->names)) ||
        !(st->infos = calloc((size_t)n_plans + 1, sizeof *st->infos)) ||
        !(st->scenarios = calloc((size_t)n_scenarios + 1, sizeof *st->scenarios))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    st->nets[0] = baseline;
    st->names[0] = "baseline";
    for (igraph_integer_t p = 1; p <= n_plans; p++) {
        ckp_network *net = NULL;
        if ((rc = ckp_plan_apply_file(&net, &st->infos[p], baseline, plan_paths[p - 1], err)))
            goto done;
        st->nets[p] = net;
        st->names[p] = st->infos[p].name;
        st->n_plans = p;
    }
    for (igraph_integer_t s = 0; s < n_scenarios; s++) {
        if ((rc = ckp_scenario_load(&st->scenarios[s], baseline, scenario_paths[s], err)))
            goto done;
        st->n_scenarios = s + 1;
    }
    rc = ckp_compare(&st->cmp, st->nets, st->names, n_plans + 1,
                     (const ckp_scenario *const *)st->scenarios, n_scenarios, exact_limit, err);
done:
    if (rc)
        ckp_study_free(st);
    else
        *out = st;
    return rc;
}

void ckp_study_free(ckp_study *st)
{
    if (!st)
        return;
    ckp_comparison_destroy(&st->cmp);
    for (igraph_integer_t p = 1; p <= st->n_plans; p++) {
        ckp_network_free((ckp_network *)st->nets[p]); /* made by the study: not the baseline */
        ckp_plan_info_destroy(&st->infos[p]);
    }
    for (igraph_integer_t s = 0; s < st->n_scenarios; s++)
        ckp_scenario_free(st->scenarios[s]);
    free(st->nets);
    free(st->names);
    free(st->infos);
    free(st->scenarios);
    free(st);
}

const ckp_comparison *ckp_study_comparison(const ckp_study *st)
{
    return &st->cmp;
}

igraph_integer_t ckp_study_plan_count(const ckp_study *st)
{
    return st->n_plans;
}

const ckp_network *ckp_study_network(const ckp_study *st, igraph_integer_t p)
{
    return st->nets[p];
}

const ckp_plan_info *ckp_study_plan_info(const ckp_study *st, igraph_integer_t p)
{
    return p > 0 ? &st->infos[p] : NULL;
}

igraph_integer_t ckp_study_scenario_count(const ckp_study *st)
{
    return st->n_scenarios;
}

const ckp_scenario *ckp_study_scenario(const ckp_study *st, igraph_integer_t s)
{
    return st->scenarios[s];
}
