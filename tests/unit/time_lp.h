/*
 * The time module's figures by the LP module (not public; shared by
 * tests/unit/test_time.c and tests/bench/stress_lp_bench.c): an independent
 * check of the max-flow path, and the LP-per-node baseline it is timed
 * against.
 */
#ifndef CKP_TEST_TIME_LP_H
#define CKP_TEST_TIME_LP_H

#include <math.h>
#include <stdlib.h>

#include "chokepoint/network.h"
#include "lp.h"

/*
 * The Simchi-Levi et al. program on a single-material network, by LP: per
 * node i production p_i <= c_i t/365 (inflow plus, at a source, supply),
 * stock drawn z_i <= s_i, output (edges out plus consumption q_i at an end
 * user) = p_i + z_i; edges x_e <= c_e t/365; q_E <= d_E t/365. TTR: t fixed
 * at T, maximise the consumption. TTS: every end user of the network
 * receives d_E t/365; maximise t (at most 1e6: never short). NAN when the
 * LP module fails.
 */
static inline double ckp_test_time_lp(const ckp_network *net, const char *removed, double T,
                                      int tts)
{
    igraph_integer_t n = ckp_network_node_count(net), m = ckp_network_edge_count(net);
    igraph_integer_t last = ckp_network_tier_count(net) - 1;
    int cols = (int)(m + 4 * n + 1), rows = (int)(4 * n + m), tc = cols - 1, k = 0;
    ckp_lp *lp = NULL;
    ckp_error err;
    ckp_error_init(&err);
    ckp_lp_entry *ent = calloc((size_t)(12 * n + 4 * m + 8), sizeof *ent);
    if (!ent || ckp_lp_new(&lp, rows, cols, &err) != CKP_OK) {
        free(ent);
        return NAN;
    }
#define P(i) ((int)(m + 4 * (i)))
#define Z(i) ((int)(m + 4 * (i) + 1))
#define U(i) ((int)(m + 4 * (i) + 2))
#define Q(i) ((int)(m + 4 * (i) + 3))
    for (igraph_integer_t e = 0; e < m; e++) {
        int row_cap = (int)(4 * n + e);
        ckp_lp_set_col(lp, (int)e, 0, INFINITY);
        ent[k++] = (ckp_lp_entry){(int)(4 * ckp_edge_to(net, e)), (int)e, 1};
        ent[k++] = (ckp_lp_entry){(int)(4 * ckp_edge_from(net, e) + 1), (int)e, -1};
        ent[k++] = (ckp_lp_entry){row_cap, (int)e, 1};
        double c = ckp_edge_capacity(net, e);
        if (isfinite(c))
            ent[k++] = (ckp_lp_entry){row_cap, tc, -c / 365};
        ckp_lp_set_row(lp, row_cap, -INFINITY, isfinite(c) ? 0 : INFINITY);
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        int out = removed && removed[i], r0 = (int)(4 * i);
        double s = ckp_node_stock(net, i), c = ckp_node_capacity(net, i);
        int end_user = ckp_node_tier(net, i) == last;
        double d = end_user ? ckp_node_demand(net, i) : 0;
        ckp_lp_set_col(lp, P(i), 0, out ? 0 : INFINITY);
        ckp_lp_set_col(lp, Z(i), 0, out || !(s > 0) ? 0 : s);
        ckp_lp_set_col(lp, U(i), 0, ckp_node_tier(net, i) == 0 ? INFINITY : 0);
        ckp_lp_set_col(lp, Q(i), 0, end_user ? INFINITY : 0);
        /* inflow + supply - production = 0 */
        ent[k++] = (ckp_lp_entry){r0, U(i), 1};
        ent[k++] = (ckp_lp_entry){r0, P(i), -1};
        ckp_lp_set_row(lp, r0, 0, 0);
        /* production + stock - edges out - consumption = 0 */
        ent[k++] = (ckp_lp_entry){r0 + 1, P(i), 1};
        ent[k++] = (ckp_lp_entry){r0 + 1, Z(i), 1};
        ent[k++] = (ckp_lp_entry){r0 + 1, Q(i), -1};
        ckp_lp_set_row(lp, r0 + 1, 0, 0);
        /* p - c t/365 <= 0 */
        ent[k++] = (ckp_lp_entry){r0 + 2, P(i), 1};
        if (isfinite(c))
            ent[k++] = (ckp_lp_entry){r0 + 2, tc, -c / 365};
        ckp_lp_set_row(lp, r0 + 2, -INFINITY, isfinite(c) ? 0 : INFINITY);
        /* q - d t/365: <= 0 for TTR, = 0 for TTS */
        ent[k++] = (ckp_lp_entry){r0 + 3, Q(i), 1};
        if (end_user)
            ent[k++] = (ckp_lp_entry){r0 + 3, tc, -d / 365};
        ckp_lp_set_row(lp, r0 + 3, tts && end_user ? 0 : -INFINITY, 0);
        if (!tts)
            ckp_lp_set_obj(lp, Q(i), 1);
    }
    ckp_lp_set_col(lp, tc, tts ? 0 : T, tts ? 1e6 : T);
    if (tts)
        ckp_lp_set_obj(lp, tc, 1);
    double v = NAN;
    if (ckp_lp_load(lp, k, ent, &err) != CKP_OK || ckp_lp_solve(lp, NULL, &v, &err) != CKP_OK)
        v = NAN;
    ckp_lp_free(lp);
    free(ent);
    return v;
#undef P
#undef Z
#undef U
#undef Q
}

#endif
