/*
 * libFuzzer target: the CSV network loader (load_csv.c). The input is the
 * nodes file, a NUL byte, the edges file, and optionally another NUL byte and
 * a --tiers list (empty: none), and optionally another NUL byte and the metadata
 * file (its "materials" let the recipe, yields, output and material columns
 * name materials); without a NUL the whole input is the nodes file and the edges
 * file is a bare header. The loader refuses NUL bytes in a file, so nothing it
 * could accept is lost by the split.
 */
#include <stdint.h>
#include <unistd.h>

#include "fuzz_common.h"

static char path[64];

static void remove_meta(void)
{
    unlink(path);
}

/* The metadata part in a file of this process's own, for --meta; NULL when it cannot be. */
static const char *meta_file(const char *text, size_t len)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz-csv-meta-%ld.json", (long)getpid());
        atexit(remove_meta);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fwrite(text, 1, len, f);
    return fclose(f) ? NULL : path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nodes = (const char *)data, *edges = "from,to\n", *tiers = NULL, *meta = NULL;
    size_t nodes_len = size, edges_len = strlen(edges);
    char *tiers_copy = NULL;
    const char *nul = memchr(nodes, '\0', size);
    if (nul) {
        nodes_len = (size_t)(nul - nodes);
        edges = nul + 1;
        edges_len = size - nodes_len - 1;
        const char *nul2 = memchr(edges, '\0', edges_len);
        if (nul2) {
            size_t tl = edges_len - (size_t)(nul2 - edges) - 1;
            edges_len = (size_t)(nul2 - edges);
            const char *nul3 = memchr(nul2 + 1, '\0', tl);
            if (nul3) {
                meta = meta_file(nul3 + 1, tl - (size_t)(nul3 - nul2));
                tl = (size_t)(nul3 - nul2) - 1;
            }
            tiers_copy = malloc(tl + 1);
            memcpy(tiers_copy, nul2 + 1, tl);
            tiers_copy[tl] = '\0';
            tiers = tl || !meta ? tiers_copy : NULL;
        }
    }
    /* exact-size copies, so that ASan sees any read past the end */
    char *n = malloc(nodes_len ? nodes_len : 1), *e = malloc(edges_len ? edges_len : 1);
    memcpy(n, nodes, nodes_len);
    memcpy(e, edges, edges_len);
    ckp_load_options opts;
    ckp_load_options_init(&opts);
    opts.tiers = tiers;
    opts.meta = meta;
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    ckp_code rc = ckp_load_csv_buffers(&net, n, nodes_len, "nodes.csv", e, edges_len, "edges.csv",
                                       &opts, &err);
    if (rc == CKP_EUSAGE && tiers) {
        if (net || !err.message[0])
            abort();
    } else {
        fuzz_check_error(rc, &err, net);
    }
    if (net) {
        fuzz_walk_network(net);
        ckp_network_free(net);
    }
    free(n);
    free(e);
    free(tiers_copy);
    return 0;
}
