/* The three views of a scenario (chokepoint/views.h) in the scenario's text and JSON. */
#ifndef CKP_VIEWS_WRITE_H
#define CKP_VIEWS_WRITE_H

#include <cjson/cJSON.h>

#include "chokepoint/buf.h"
#include "chokepoint/scenario.h"
#include "chokepoint/views.h"

/* The entry called `name` among n, or NULL. */
const ckp_views_entry *ckp_views_find(const ckp_views_entry *entries, igraph_integer_t n,
                                      const char *name);
/* 1 when the reallocated least is below the immediate figure (said wherever it happens). */
int ckp_views_realloc_below(const ckp_views_entry *e);
/* The seed's question answered: a line per country the shock targets. */
void ckp_views_write_headlines(ckp_buf *b, const ckp_network *net, const ckp_scenario *s,
                               const ckp_views *v);
/* The views side by side: the total, each country, group and end user. */
void ckp_views_write_text(ckp_buf *b, const ckp_views *v);
/* An entry's figures, the members of the JSON form ("demand" only if asked). */
void ckp_views_json_entry(cJSON *j, const ckp_views_entry *e, int with_demand);
/* "countries" and "groups" arrays on `doc`. */
void ckp_views_json_tables(cJSON *doc, const ckp_views *v);

#endif
