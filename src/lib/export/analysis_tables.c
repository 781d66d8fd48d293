/*
 * The analysis as five tables, each a CSV file (CRLF line ends, numbers with
 * 17 digits): the report's data/ files and the sheets of the workbook.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis_tables.h"
#include "chokepoint/export.h"
#include "escape.h"

static void csv_num(ckp_buf *b, double v)
{
    if (isfinite(v))
        ckp_buf_printf(b, ",%.17g", v == 0 ? 0.0 : v);
    else
        ckp_buf_puts(b, ",");
}

/* ",ID ID ...": node ids separated by spaces, as one field. */
static void ids_field(ckp_buf *b, const ckp_network *net, const igraph_integer_t *nodes,
                      igraph_integer_t n)
{
    ckp_buf tmp;
    ckp_buf_init(&tmp);
    for (igraph_integer_t i = 0; i < n; i++)
        ckp_buf_printf(&tmp, "%s%s", i ? " " : "", ckp_node_id(net, nodes[i]));
    ckp_buf_puts(b, ",");
    ckp_buf_csv(b, tmp.data ? tmp.data : "");
    if (tmp.oom)
        b->oom = 1;
    ckp_buf_destroy(&tmp);
}

/* "ID,TIER": a node's id and its tier's name. */
static void id_tier(ckp_buf *b, const ckp_network *net, igraph_integer_t v, igraph_integer_t t)
{
    ckp_buf_csv(b, ckp_node_id(net, v));
    ckp_buf_puts(b, ",");
    ckp_buf_csv(b, ckp_network_tier_name(net, t));
}

static ckp_code nodes_csv(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    igraph_integer_t n = ckp_network_node_count(net);
    char *spof = calloc((size_t)(n ? n : 1), 1);
    igraph_integer_t *order = ckp_nodes_by_id(net);
    if (!spof || !order) {
        free(spof);
        free(order);
        return CKP_EINTERNAL;
    }
    for (igraph_integer_t i = 0; i < a->n_spofs; i++)
        spof[a->spofs[i].node] = 1;
    ckp_buf_puts(b, "id,name,tier,country,owner,capacity,demand,throughput,flow,flow_at_risk,"
                    "dominated_demand,betweenness,single_point_of_failure\r\n");
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t v = order[i];
        int user = ckp_node_tier(net, v) == ckp_network_tier_count(net) - 1;
        ckp_buf_csv(b, ckp_node_id(net, v));
        ckp_buf_puts(b, ",");
        ckp_buf_csv(b, ckp_node_name(net, v));
        ckp_buf_puts(b, ",");
        ckp_buf_csv(b, ckp_network_tier_name(net, ckp_node_tier(net, v)));
        ckp_buf_printf(b, ",%s,", ckp_node_country(net, v));
        ckp_buf_csv(b, ckp_node_owner(net, v));
        csv_num(b, ckp_node_capacity(net, v));
        csv_num(b, user ? ckp_node_demand(net, v) : NAN);
        csv_num(b, a->throughput[v]);
        csv_num(b, a->flow[v]);
        csv_num(b, a->flow_at_risk[v]);
        csv_num(b, a->dominated_demand[v]);
        csv_num(b, a->betweenness[v]);
        ckp_buf_printf(b, ",%s\r\n", spof[v] ? "true" : "false");
    }
    free(spof);
    free(order);
    return CKP_OK;
}

static void concentration_csv(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    ckp_buf_puts(b, "tier,basis,total,hhi,country,nodes,amount,share\r\n");
    for (igraph_integer_t t = 0; t < a->n_tiers; t++) {
        const ckp_tier_concentration *c = &a->concentration[t];
        for (igraph_integer_t i = 0; i < c->n_countries; i++) {
            ckp_buf_csv(b, ckp_network_tier_name(net, t));
            ckp_buf_printf(b, ",%s", ckp_basis_name(c->basis));
            csv_num(b, c->total);
            csv_num(b, c->hhi);
            ckp_buf_printf(b, ",%s,%lld", c->countries[i].name, (long long)c->countries[i].nodes);
            csv_num(b, c->countries[i].amount);
            csv_num(b, c->countries[i].share);
            ckp_buf_puts(b, "\r\n");
        }
    }
}

static void origins_csv(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    const ckp_dependency *d = &a->dependency;
    ckp_buf_puts(b, "end_user,tier,country,share\r\n");
    for (igraph_integer_t k = 0; k < d->n_end_users; k++)
        for (igraph_integer_t t = 0; t < d->n_tiers; t++) {
            const ckp_tier_origin *o = &d->tiers[t];
            for (igraph_integer_t c = 0; c < o->n_countries; c++) {
                double s = o->shares[k * o->n_countries + c];
                if (!(s > 0))
                    continue;
                id_tier(b, net, d->end_users[k], t);
                ckp_buf_printf(b, ",%s", ckp_network_country_name(net, o->countries[c]));
                csv_num(b, s);
                ckp_buf_puts(b, "\r\n");
            }
            id_tier(b, net, d->end_users[k], t);
            ckp_buf_puts(b, ",unattributed");
            csv_num(b, ckp_dependency_unattributed(d, k, t));
            ckp_buf_puts(b, "\r\n");
        }
}

static void end_users_csv(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    ckp_buf_puts(b, "id,demand,served,reachable,redundancy,redundancy_exact,dominators\r\n");
    for (igraph_integer_t k = 0; k < a->n_end_users; k++) {
        const ckp_end_user *e = &a->end_users[k];
        ckp_buf_csv(b, ckp_node_id(net, e->node));
        csv_num(b, e->demand);
        csv_num(b, e->served);
        ckp_buf_printf(b, ",%s,%lld,%s", e->reachable ? "true" : "false",
                       (long long)e->redundancy, e->redundancy_exact ? "true" : "false");
        ids_field(b, net, e->dominators, e->n_dominators);
        ckp_buf_puts(b, "\r\n");
    }
}

static void spofs_csv(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    ckp_buf_puts(b, "id,tier,country,dominated_demand,flow_at_risk,end_users\r\n");
    for (igraph_integer_t i = 0; i < a->n_spofs; i++) {
        const ckp_spof *s = &a->spofs[i];
        id_tier(b, net, s->node, ckp_node_tier(net, s->node));
        ckp_buf_printf(b, ",%s", ckp_node_country(net, s->node));
        csv_num(b, s->dominated_demand);
        csv_num(b, a->flow_at_risk[s->node]);
        ids_field(b, net, s->end_users, s->n_end_users);
        ckp_buf_puts(b, "\r\n");
    }
}

static const char *const names[CKP_ANALYSIS_TABLES] = {
    "nodes", "concentration", "origins", "end_users", "single_points_of_failure",
};

const char *ckp_analysis_table_name(int which)
{
    return names[which];
}

ckp_code ckp_analysis_table(ckp_buf *b, int which, const ckp_network *net, const ckp_analysis *a)
{
    switch (which) {
    case 0:
        return nodes_csv(b, net, a);
    case 1:
        concentration_csv(b, net, a);
        break;
    case 2:
        origins_csv(b, net, a);
        break;
    case 3:
        end_users_csv(b, net, a);
        break;
    default:
        spofs_csv(b, net, a);
    }
    return b->oom ? CKP_EINTERNAL : CKP_OK;
}
