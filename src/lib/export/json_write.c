#include "json_write.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chokepoint/io.h"
#include "chokepoint/materials.h"

void ckp_json_string(ckp_buf *b, const char *s)
{
    char esc[8];
    const char *run = s;
    ckp_json_char(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 32 && c != '"' && c != '\\')
            continue;
        ckp_buf_put(b, run, (size_t)(s - run));
        switch (c) {
        case '"': ckp_buf_puts(b, "\\\""); break;
        case '\\': ckp_buf_puts(b, "\\\\"); break;
        case '\b': ckp_buf_puts(b, "\\b"); break;
        case '\f': ckp_buf_puts(b, "\\f"); break;
        case '\n': ckp_buf_puts(b, "\\n"); break;
        case '\r': ckp_buf_puts(b, "\\r"); break;
        case '\t': ckp_buf_puts(b, "\\t"); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", c);
            ckp_buf_puts(b, esc);
        }
        run = s + 1;
    }
    ckp_buf_put(b, run, (size_t)(s - run));
    ckp_json_char(b, '"');
}

void ckp_json_num(ckp_buf *b, double d)
{
    char text[CKP_NUMBER_MAX];
    ckp_buf_put(b, text, (size_t)ckp_format_number(text, d));
}

void ckp_json_key(ckp_buf *b, const char *key, int first)
{
    if (!first)
        ckp_json_char(b, ',');
    ckp_json_string(b, key);
    ckp_json_char(b, ':');
}

void ckp_json_number_field(ckp_buf *b, const char *key, int first, double v)
{
    ckp_json_key(b, key, first);
    ckp_json_num(b, v);
}

void ckp_json_string_field(ckp_buf *b, const char *key, int first, const char *v)
{
    ckp_json_key(b, key, first);
    ckp_json_string(b, v);
}

void ckp_json_bool_field(ckp_buf *b, const char *key, int first, int v)
{
    ckp_json_key(b, key, first);
    ckp_buf_puts(b, v ? "true" : "false");
}

/* cJSON's text of `item` (compact or indented) between before and after; frees item */
static void print_item(ckp_buf *b, const char *before, cJSON *item, int indented,
                       const char *after)
{
    char *text = !item ? NULL : indented ? cJSON_Print(item) : cJSON_PrintUnformatted(item);
    cJSON_Delete(item);
    if (!text) {
        b->oom = 1;
        return;
    }
    ckp_buf_puts(b, before);
    ckp_buf_puts(b, text);
    ckp_buf_puts(b, after);
    free(text);
}

void ckp_json_item(ckp_buf *b, const char *before, cJSON *item, const char *after)
{
    print_item(b, before, item, 0, after);
}

void ckp_json_member(ckp_buf *b, const char *key, cJSON *value, int last)
{
    char before[128];
    snprintf(before, sizeof before, "\"%s\": ", key);
    print_item(b, before, value, 0, last ? "\n" : ",\n");
}

void ckp_json_doc(ckp_buf *b, cJSON *doc)
{
    print_item(b, "", doc, 1, "\n");
}

cJSON *ckp_json_add_number(cJSON *obj, const char *key, double v)
{
    if (!isfinite(v))
        return cJSON_AddNullToObject(obj, key);
    return cJSON_AddNumberToObject(obj, key, v == 0 ? 0.0 : v); /* no "-0" */
}

ckp_code ckp_json_write_doc(ckp_buf *out, cJSON *doc, ckp_error *err)
{
    char *text = doc ? cJSON_Print(doc) : NULL;
    cJSON_Delete(doc);
    if (!text)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    ckp_buf_puts(out, text);
    ckp_buf_puts(out, "\n");
    free(text);
    return out->oom ? ckp_error_set(err, CKP_EINTERNAL, "out of memory") : CKP_OK;
}

cJSON *ckp_json_material(const ckp_network *net, igraph_integer_t m, const char *id_key)
{
    cJSON *jm = cJSON_CreateObject();
    cJSON_AddStringToObject(jm, id_key, ckp_material_id(net, m));
    cJSON_AddStringToObject(jm, "name", ckp_material_name(net, m));
    if (ckp_material_unit(net, m))
        cJSON_AddStringToObject(jm, "unit", ckp_material_unit(net, m));
    return jm;
}
