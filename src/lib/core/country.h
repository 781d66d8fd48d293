#ifndef CKP_COUNTRY_H
#define CKP_COUNTRY_H

/*
 * 1 when `code` is an ISO 3166-1 alpha-2 code: officially assigned, or
 * user-assigned (AA, QM-QZ, XA-XZ, ZZ) for aggregates and unknowns.
 */
int ckp_country_valid(const char *code);

/* The code of a country name or alias ("China", "USA", "South Korea"); NULL if unknown. */
const char *ckp_country_code_of_name(const char *name);

#endif
