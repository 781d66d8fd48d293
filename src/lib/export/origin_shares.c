#include "chokepoint/export.h"

#include <stdlib.h>

void ckp_origin_shares_write(ckp_buf *out, const ckp_network *net, const ckp_dependency *d,
                             igraph_integer_t k, igraph_integer_t t)
{
    const ckp_tier_origin *o = &d->tiers[t];
    const double *shares = o->shares + k * o->n_countries;
    int printed = 0;
    char *done = calloc((size_t)(o->n_countries ? o->n_countries : 1), 1);
    if (!done) {
        out->oom = 1; /* sticky: the writer reports it */
        return;
    }
    /* selection, not a sort: a tier has a handful of countries */
    for (;;) {
        igraph_integer_t best = -1;
        for (igraph_integer_t c = 0; c < o->n_countries; c++)
            if (!done[c] && shares[c] >= 5e-4 && (best < 0 || shares[c] > shares[best]))
                best = c;
        if (best < 0)
            break;
        done[best] = 1;
        ckp_buf_printf(out, "%s%s %.1f%%", printed++ ? ", " : "",
                       ckp_network_country_name(net, o->countries[best]), 100 * shares[best]);
    }
    free(done);
    double unattributed = ckp_dependency_unattributed(d, k, t);
    if (unattributed >= 5e-4)
        ckp_buf_printf(out, "%sunattributed %.1f%%", printed ? ", " : "", 100 * unattributed);
    else if (!printed)
        ckp_buf_puts(out, "-");
}
