/* The origin of an end user's inflow at one tier, as text. */
#include <stdlib.h>

#include "chokepoint/export.h"

/* Shares under this are not worth a "0.0%" */
#define SHOWN_SHARE 5e-4

void ckp_origin_shares_text(ckp_buf *b, const ckp_network *net, const ckp_dependency *d,
                            igraph_integer_t k, igraph_integer_t t)
{
    const ckp_tier_origin *o = &d->tiers[t];
    const double *shares = o->shares + k * o->n_countries;
    int printed = 0;
    char *done = calloc((size_t)(o->n_countries ? o->n_countries : 1), 1);
    if (!done) {
        b->oom = 1;
        return;
    }
    for (;;) {
        igraph_integer_t best = -1;
        for (igraph_integer_t c = 0; c < o->n_countries; c++)
            if (!done[c] && shares[c] >= SHOWN_SHARE && (best < 0 || shares[c] > shares[best]))
                best = c;
        if (best < 0)
            break;
        done[best] = 1;
        ckp_buf_printf(b, "%s%s %.1f%%", printed++ ? ", " : "",
                       ckp_network_country_name(net, o->countries[best]), 100 * shares[best]);
    }
    free(done);
    double unattributed = ckp_dependency_unattributed(d, k, t);
    if (unattributed >= SHOWN_SHARE)
        ckp_buf_printf(b, "%sunattributed %.1f%%", printed ? ", " : "", 100 * unattributed);
    else if (!printed)
        ckp_buf_puts(b, "-");
}
