/* Country colours shared by diagrams and charts (see render.h for the choice). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/concentration.h"
#include "chokepoint/render.h"

/*
 * Paul Tol's "muted" qualitative scheme (personal.sron.nl/~pault), minus
 * rose, which is China's, in the order that keeps the countries with the
 * largest shares the most distinct: each colour the one farthest (its
 * least CIE76 distance to those before it, in normal vision and simulated
 * protanopia and deuteranopia, Machado, Oliveira and Fernandes 2009,
 * severity 1) from the colours before it, China's first. The least
 * distance among China and the next 3 countries is then 37 (it was 16 in
 * Tol's order), among the first 5 28, among all 9 16; tests/unit/test_print.c
 * checks these.
 */
static const char *const tol_muted[CKP_PALETTE_SIZE - 1] = {
    "#332288", "#DDCC77", "#88CCEE", "#882255", "#AA4499", "#999933", "#117733", "#44AA99",
};

typedef struct {
    const char *code;
    double weight;
} weighted;

static int by_weight(const void *pa, const void *pb)
{
    const weighted *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return strcmp(a->code, b->code);
}

ckp_code ckp_palette_for_network(ckp_palette *pal, const ckp_network *net, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_tier_concentration *conc = NULL;
    igraph_integer_t nt = ckp_network_tier_count(net), nc = ckp_network_country_count(net);
    weighted *w = calloc((size_t)(nc ? nc : 1), sizeof *w);
    memset(pal, 0, sizeof *pal);
    if (!w) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if ((rc = ckp_concentration(&conc, net, err)))
        goto done;
    for (igraph_integer_t c = 0; c < nc; c++)
        w[c].code = ckp_network_country_name(net, c);
    for (igraph_integer_t t = 0; t < nt; t++)
        for (igraph_integer_t i = 0; i < conc[t].n_countries; i++)
            w[conc[t].countries[i].key].weight += conc[t].countries[i].share;
    qsort(w, (size_t)nc, sizeof *w, by_weight);
    snprintf(pal->code[0], sizeof pal->code[0], "CN");
    snprintf(pal->color[0], sizeof pal->color[0], "%s", CKP_COLOR_CHINA);
    pal->n = 1;
    for (igraph_integer_t c = 0; c < nc && pal->n < CKP_PALETTE_SIZE; c++) {
        if (!strcmp(w[c].code, "CN"))
            continue;
        snprintf(pal->code[pal->n], sizeof pal->code[0], "%s", w[c].code);
        snprintf(pal->color[pal->n], sizeof pal->color[0], "%s", tol_muted[pal->n - 1]);
        pal->n++;
    }
done:
    ckp_concentration_free(conc, nt);
    free(w);
    return rc;
}

const char *ckp_palette_color(const ckp_palette *pal, const char *country)
{
    for (int i = 0; pal && country && i < pal->n; i++)
        if (!strcmp(pal->code[i], country))
            return pal->color[i];
    if (country && !strcmp(country, "CN"))
        return CKP_COLOR_CHINA;
    return CKP_COLOR_OTHER;
}

int ckp_color_is_light(const char *color)
{
    unsigned r = 0, g = 0, b = 0;
    if (!color || sscanf(color, "#%2x%2x%2x", &r, &g, &b) != 3)
        return 1;
    /* relative luminance (sRGB, WCAG 2); black text wins above about 0.18 */
    double c[3] = {r / 255.0, g / 255.0, b / 255.0};
    for (int i = 0; i < 3; i++)
        c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow((c[i] + 0.055) / 1.055, 2.4);
    double lum = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return lum > 0.179;
}
