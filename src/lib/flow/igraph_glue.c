#include "igraph_glue.h"

#include <stdio.h>
#include <string.h>

#include "network_internal.h"

static char last_reason[256];

static void on_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    (void)file;
    (void)line;
    (void)code;
    snprintf(last_reason, sizeof last_reason, "%s", reason ? reason : "");
    IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line; /* the library never prints */
}

void ckp_igraph_init(void)
{
    static int done;
    if (done)
        return;
    igraph_set_error_handler(on_error);
    igraph_set_warning_handler(on_warning);
    done = 1;
}

ckp_code ckp_igraph_error(igraph_error_t code, const char *what, ckp_error *err)
{
    ckp_code rc = CKP_EINTERNAL;
    if (last_reason[0])
        ckp_error_set(err, rc, "%s failed in igraph: %s (%s)", what, igraph_strerror(code),
                      last_reason);
    else
        ckp_error_set(err, rc, "%s failed in igraph: %s", what, igraph_strerror(code));
    last_reason[0] = '\0';
    return rc;
}

ckp_code ckp_network_graph(igraph_t *graph, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    igraph_vector_int_t edges;
    int have_edges = 0;
    ckp_igraph_init();
    CKP_IGRAPH(igraph_vector_int_init(&edges, 2 * net->n_edges), "building the graph");
    have_edges = 1;
    for (igraph_integer_t e = 0; e < net->n_edges; e++) {
        VECTOR(edges)[2 * e] = net->edge_from[e];
        VECTOR(edges)[2 * e + 1] = net->edge_to[e];
    }
    CKP_IGRAPH(igraph_create(graph, &edges, net->n_nodes, IGRAPH_DIRECTED), "building the graph");
done:
    if (have_edges)
        igraph_vector_int_destroy(&edges);
    return rc;
}
