// The same program in C++: the public headers declare C linkage, and the network and the
// analysis are released by their owners' destructors.
#include <cstdio>
#include <iostream>
#include <memory>

#include <chokepoint/chokepoint.h>

namespace {

struct network_free {
    void operator()(ckp_network *net) const { ckp_network_free(net); }
};
using network_ptr = std::unique_ptr<ckp_network, network_free>;

struct analysis {
    ckp_analysis a;
    analysis() { ckp_analysis_init(&a); }
    ~analysis() { ckp_analysis_destroy(&a); }
    analysis(const analysis &) = delete;
    analysis &operator=(const analysis &) = delete;
};

int fail(const ckp_error &err)
{
    char msg[2200];
    std::cerr << "example: " << ckp_error_format(msg, sizeof msg, &err) << '\n';
    return err.code;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: example NETWORK.json\n";
        return CKP_EUSAGE;
    }
    ckp_error err;
    ckp_error_init(&err);
    ckp_network *raw = nullptr;
    if (ckp_load_json(&raw, argv[1], &err) != CKP_OK)
        return fail(err);
    network_ptr net(raw);
    analysis an;
    if (ckp_analyze(&an.a, net.get(), nullptr, &err) != CKP_OK)
        return fail(err);

    const ckp_analysis &a = an.a;
    std::printf("chokepoint %s, network %s\n", ckp_version(), ckp_network_name(net.get()));
    std::printf("served %.0f of %.0f %s\n", a.served, a.demand, ckp_network_unit(net.get()));
    for (igraph_integer_t i = 0; i < a.n_spofs; i++)
        std::printf("single point of failure %s: %.0f\n", ckp_node_id(net.get(), a.spofs[i].node),
                    a.spofs[i].dominated_demand);
    for (igraph_integer_t i = 0; i < a.n_nodes; i++)
        std::printf("flow at risk %s: %.0f\n", ckp_node_id(net.get(), i), a.flow_at_risk[i]);
    return 0;
}
