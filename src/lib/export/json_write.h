/*
 * JSON written straight into a ckp_buf, with cJSON's own rules so that the
 * bytes equal cJSON's: strings escaped as its print_string_ptr does, numbers
 * as its print_number does (ckp_format_number). Writers of large arrays use
 * these rather than a cJSON object per element; small parts still go
 * through cJSON, printed compactly (ckp_json_item) or whole (ckp_json_doc).
 */
#ifndef CKP_JSON_WRITE_H
#define CKP_JSON_WRITE_H

#include <cjson/cJSON.h>
#include <igraph.h>

#include "chokepoint/buf.h"
#include "chokepoint/common.h"
#include "chokepoint/network.h"

static inline void ckp_json_char(ckp_buf *b, char c)
{
    ckp_buf_put(b, &c, 1);
}

void ckp_json_string(ckp_buf *b, const char *s);
void ckp_json_num(ckp_buf *b, double d);
/* "key": with a comma before unless it is the object's first member */
void ckp_json_key(ckp_buf *b, const char *key, int first);
void ckp_json_number_field(ckp_buf *b, const char *key, int first, double v);
void ckp_json_string_field(ckp_buf *b, const char *key, int first, const char *v);
void ckp_json_bool_field(ckp_buf *b, const char *key, int first, int v);

/* `item` compactly between `before` and `after`, then freed; NULL or no memory: b->oom. */
void ckp_json_item(ckp_buf *b, const char *before, cJSON *item, const char *after);
/* A top-level member on a line of its own: "key": value, then ",\n" unless last. */
void ckp_json_member(ckp_buf *b, const char *key, cJSON *value, int last);
/* A whole document, indented as cJSON_Print does, and a newline; frees doc (NULL: b->oom). */
void ckp_json_doc(ckp_buf *b, cJSON *doc);

/* Material m of `net` (materials.h) as {id_key: id, "name", "unit" when given}. */
cJSON *ckp_json_material(const ckp_network *net, igraph_integer_t m, const char *id_key);

/* Add a number, or null when it is NaN or infinite; never "-0". */
cJSON *ckp_json_add_number(cJSON *obj, const char *key, double v);

/*
 * A new object with the network's metadata, the same in every JSON output:
 * {"name", "unit", "year", "source"}, null where absent (an empty string is
 * absent). Writers add their own keys after these. NULL when out of memory.
 */
cJSON *ckp_json_network(const ckp_network *net);

/* Element i of a large array, into b; `ctx` is the writer's state. */
typedef void (*ckp_json_element)(ckp_buf *b, const void *ctx, igraph_integer_t i);

/*
 * The n elements, in order, one a line, separated by commas, into `out`;
 * with threads > 1, formatted by that many threads (at most 16) while this
 * one appends: the same bytes. Stops early once `out` has failed.
 */
void ckp_json_array(ckp_buf *out, ckp_json_element fn, const void *ctx, igraph_integer_t n,
                    int threads);

#endif
