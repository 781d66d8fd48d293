/*
 * chokepoint: concentration of each tier by country and by owner.
 *
 * A tier's shares are of its capacity when every node of the tier has a
 * capacity, else of its volume: a node's outgoing volume, or for the last
 * tier its incoming volume. The Herfindahl-Hirschman index (HHI) is the sum
 * over countries of (100 x share)^2, from 0 to 10,000 (Herfindahl 1950;
 * Hirschman 1945; the US DoJ/FTC merger guidelines' 0-10,000 scale).
 * Time: O(nodes + edges + k log k) for k countries or owners.
 */
#ifndef CHOKEPOINT_CONCENTRATION_H
#define CHOKEPOINT_CONCENTRATION_H

#include "chokepoint/network.h"

CKP_BEGIN_DECLS

typedef enum {
    CKP_BASIS_CAPACITY,
    CKP_BASIS_VOLUME,
    CKP_BASIS_NONE /* the tier has no capacity and no volume: shares undefined */
} ckp_basis;

const char *ckp_basis_name(ckp_basis basis);

typedef struct {
    igraph_integer_t key; /* country or owner index; -1: nodes with no owner */
    const char *name;     /* the country code or owner; NULL for no owner */
    igraph_integer_t nodes;
    double amount;
    double share; /* amount / tier total; 0 when the total is 0 */
} ckp_share;

typedef struct {
    igraph_integer_t tier;
    igraph_integer_t nodes;
    ckp_basis basis;
    double total;
    double hhi;                /* by country */
    ckp_share *countries;      /* by amount, largest first, ties by code */
    igraph_integer_t n_countries;
    double owner_hhi;          /* over nodes with an owner; NAN when none has one */
    ckp_share *owners;         /* largest first; key -1 collects nodes without owner */
    igraph_integer_t n_owners;
} ckp_tier_concentration;

/* One entry per tier, in tier order. Free with ckp_concentration_free. */
ckp_code ckp_concentration(ckp_tier_concentration **out, const ckp_network *net,
                           ckp_error *err);
/*
 * The same per tier by the volume of one material (materials.h): a node's outgoing volume
 * in it, the last tier's incoming; a tier that moves none of it has basis "none".
 */
ckp_code ckp_concentration_material(ckp_tier_concentration **out, const ckp_network *net,
                                    igraph_integer_t material, ckp_error *err);
void ckp_concentration_free(ckp_tier_concentration *tiers, igraph_integer_t n);

CKP_END_DECLS

#endif
