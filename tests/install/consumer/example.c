/*
 * A program using libchokepoint: load a network, analyse it, print the demand served, the single
 * points of failure and the flow at risk at each node. Built by tests/install/consumers against
 * an installed chokepoint, and shown in docs/library.md.
 *   example NETWORK.json
 */
#include <stdio.h>

#include <chokepoint/chokepoint.h>

int main(int argc, char **argv)
{
    ckp_error err;
    ckp_network *net = NULL;
    ckp_analysis a;
    int status = 0;

    ckp_error_init(&err);
    ckp_analysis_init(&a); /* destroyed below whether or not the analysis ran */
    if (argc != 2) {
        fprintf(stderr, "usage: example NETWORK.json\n");
        return CKP_EUSAGE;
    }
    if (ckp_load_json(&net, argv[1], &err) != CKP_OK ||
        ckp_analyze(&a, net, NULL, &err) != CKP_OK) {
        char msg[2200];
        fprintf(stderr, "example: %s\n", ckp_error_format(msg, sizeof msg, &err));
        status = err.code;
        goto done;
    }
    printf("chokepoint %s, network %s\n", ckp_version(), ckp_network_name(net));
    printf("served %.0f of %.0f %s\n", a.served, a.demand, ckp_network_unit(net));
    for (igraph_integer_t i = 0; i < a.n_spofs; i++)
        printf("single point of failure %s: %.0f\n", ckp_node_id(net, a.spofs[i].node),
               a.spofs[i].dominated_demand);
    for (igraph_integer_t i = 0; i < a.n_nodes; i++)
        printf("flow at risk %s: %.0f\n", ckp_node_id(net, i), a.flow_at_risk[i]);
done:
    ckp_analysis_destroy(&a);
    ckp_network_free(net);
    return status;
}
