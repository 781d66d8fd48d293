#include "json_write.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chokepoint/io.h"
#include "chokepoint/materials.h"
#include "chokepoint/network.h"

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
    /* straight into the buffer when it has room (a number and its NUL) */
    if (b->data && b->len + CKP_NUMBER_MAX <= b->cap) {
        b->len += (size_t)ckp_format_number(b->data + b->len, d);
        return;
    }
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

/* a string, or null when it is absent or empty */
static void add_text(cJSON *obj, const char *key, const char *s)
{
    if (s && s[0])
        cJSON_AddStringToObject(obj, key, s);
    else
        cJSON_AddNullToObject(obj, key);
}

cJSON *ckp_json_network(const ckp_network *net)
{
    cJSON *jn = cJSON_CreateObject();
    add_text(jn, "name", ckp_network_name(net));
    add_text(jn, "unit", ckp_network_unit(net));
    ckp_json_add_number(jn, "year", ckp_network_year(net));
    add_text(jn, "source", ckp_network_source(net));
    return jn;
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
