/* Until render loads through ckp_study itself: the comparison its chart draws. */
#include <string.h>

#include "cli.h"

int ckp_cli_whatif_run(ckp_cli_whatif *w, const ckp_network *net,
                       const char *const *plan_paths, int nplans,
                       const char *const *scen_paths, int nscen, igraph_integer_t exact_limit)
{
    ckp_error err;
    ckp_error_init(&err);
    memset(w, 0, sizeof *w);
    if (ckp_study_new(&w->study, net, plan_paths, nplans, scen_paths, nscen, exact_limit, &err))
        return ckp_cli_fail(&err);
    w->cmp = *ckp_study_comparison(w->study);
    return 0;
}

void ckp_cli_whatif_destroy(ckp_cli_whatif *w)
{
    ckp_study_free(w->study); /* owns what w->cmp points to */
    memset(w, 0, sizeof *w);
}
