/* chokepoint: country names beside codes in text tables and figures. */
#ifndef CHOKEPOINT_COUNTRY_H
#define CHOKEPOINT_COUNTRY_H

#include "chokepoint/common.h"

CKP_BEGIN_DECLS

/*
 * The ISO 3166-1 English short name of an alpha-2 code ("JP": "Japan",
 * "KR": "Korea, Republic of"); NULL for a code with none (user-assigned
 * codes such as XX, or not a code).
 */
const char *ckp_country_name(const char *code);

CKP_END_DECLS

#endif
