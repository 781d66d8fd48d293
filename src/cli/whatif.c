/* Load plans and scenarios against a network and compare them: shared by compare and render. */
#include <stdlib.h>
#include <string.h>

#include "chokepoint/plan.h"
#include "cli.h"

int ckp_cli_whatif_run(ckp_cli_whatif *w, const ckp_network *net,
                       const char *const *plan_paths, int nplans,
                       const char *const *scen_paths, int nscen, igraph_integer_t exact_limit)
{
    ckp_error err;
    ckp_error_init(&err);
    memset(w, 0, sizeof *w);
    w->nets = calloc((size_t)nplans + 1, sizeof *w->nets);
    w->names = calloc((size_t)nplans + 1, sizeof *w->names);
    w->scens = calloc((size_t)nscen + 1, sizeof *w->scens);
    if (!w->nets || !w->names || !w->scens) {
        ckp_error_set(&err, CKP_EINTERNAL, "out of memory");
        return ckp_cli_fail(&err);
    }
    w->nets[0] = (ckp_network *)net; /* borrowed: not freed by _destroy */
    w->names[0] = "baseline";
    for (int p = 0; p < nplans; p++) {
        ckp_plan_info info;
        if (ckp_plan_apply_file(&w->nets[p + 1], &info, net, plan_paths[p], &err))
            return ckp_cli_fail(&err);
        w->nplans = p + 1;
        w->names[p + 1] = info.name;
        info.name = NULL;
        ckp_plan_info_destroy(&info);
    }
    for (int s = 0; s < nscen; s++) {
        if (ckp_scenario_load(&w->scens[s], net, scen_paths[s], &err))
            return ckp_cli_fail(&err);
        w->nscen = s + 1;
    }
    if (ckp_compare(&w->cmp, (const ckp_network *const *)w->nets,
                    (const char *const *)w->names, nplans + 1,
                    (const ckp_scenario *const *)w->scens, nscen, exact_limit, &err))
        return ckp_cli_fail(&err);
    return 0;
}

void ckp_cli_whatif_destroy(ckp_cli_whatif *w)
{
    ckp_comparison_destroy(&w->cmp);
    for (int p = 1; w->nets && p <= w->nplans; p++) {
        ckp_network_free(w->nets[p]);
        free(w->names[p]);
    }
    for (int s = 0; w->scens && s < w->nscen; s++)
        ckp_scenario_free(w->scens[s]);
    free(w->nets);
    free(w->names);
    free(w->scens);
    memset(w, 0, sizeof *w);
}
