/*
 * The bill of materials in the forms that are not JSON objects (docs/format.md): a
 * recipe or yields as "ndpr:1;dytb:0.07" (CSV cells, GraphML attributes), the materials
 * list as a JSON array (the CSV pair's metadata file, GraphML's "materials" attribute).
 */
#ifndef CKP_BOM_TEXT_H
#define CKP_BOM_TEXT_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "chokepoint/materials.h"

/* Add the materials of a JSON array [{"id", "name", "unit"}]; `what` names it in errors. */
ckp_code ckp_load_materials_json(ckp_network *net, const cJSON *list, const char *what,
                                 ckp_error *err);

/*
 * Where the materials are listed, for "list it in ..." (e.g. "the metadata file's
 * \"materials\""), and whether a decimal comma is the decimal point (a ';'-separated CSV).
 */
typedef struct {
    const char *listed_in;
    int decimal_comma;
} ckp_bom_text;

/*
 * Add node `node`'s recipe (`key` "recipe"), yields ("yields") or output ("output": one
 * material id) from `text`. Entries are "material:units", separated by ';', spaces around
 * either ignored; the units are a plain decimal. On an error, `*bad_at` is the offset in
 * `text` of the entry at fault; the message starts with the key.
 */
ckp_code ckp_load_bom_text(ckp_network *net, igraph_integer_t node, const char *key,
                           const char *text, const ckp_bom_text *how, size_t *bad_at,
                           ckp_error *err);

/* The material named `id` in an edge's "material"; -1 with an error when it is unknown. */
igraph_integer_t ckp_load_material_ref(const ckp_network *net, const char *id,
                                       const ckp_bom_text *how, ckp_error *err);

#endif
