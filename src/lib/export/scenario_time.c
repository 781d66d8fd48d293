/* A scenario over its duration in its outputs: see scenario_time.h. */
#include "scenario_time.h"

#include <stdio.h>
#include <string.h>

#include "chokepoint/format.h"
#include "json_write.h"
#include "numfmt.h"

/* The entry of `arr` named `name` by its "id", "country" or "name"; NULL if none. */
static cJSON *find_entry(cJSON *arr, const char *name)
{
    static const char *const keys[] = {"id", "country", "name"};
    cJSON *el;
    cJSON_ArrayForEach(el, arr)
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(el, keys[k]);
            if (cJSON_IsString(v) && !strcmp(v->valuestring, name))
                return el;
        }
    return NULL;
}

static void add_entries(cJSON *doc, const char *key, const char *name_key,
                        const ckp_time_entry *e, igraph_integer_t n)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(doc, key);
    if (!arr)
        arr = cJSON_AddArrayToObject(doc, key);
    for (igraph_integer_t i = 0; arr && i < n; i++) {
        cJSON *el = find_entry(arr, e[i].name);
        if (!el) {
            el = cJSON_CreateObject();
            cJSON_AddItemToArray(arr, el);
            cJSON_AddStringToObject(el, name_key, e[i].name);
        }
        ckp_json_add_number(el, "lost_reallocated", e[i].lost);
        ckp_json_add_number(el, "tts_reallocated_days", e[i].tts_days);
    }
}

void ckp_scenario_json_time(cJSON *doc, const ckp_time_report *t)
{
    if (!doc)
        return;
    ckp_json_add_number(doc, "duration_days", t->duration_days);
    cJSON *all = cJSON_AddObjectToObject(doc, "time");
    ckp_json_add_number(all, "demand", t->demand);
    ckp_json_add_number(all, "lost_reallocated", t->lost);
    ckp_json_add_number(all, "tts_reallocated_days", t->tts_days);
    add_entries(doc, "end_users", "id", t->end_users, t->n_end_users);
    add_entries(doc, "countries", "country", t->countries, t->n_countries);
    add_entries(doc, "groups", "name", t->groups, t->n_groups);
    cJSON *notes = cJSON_GetObjectItemCaseSensitive(doc, "notes");
    if (!notes)
        notes = cJSON_AddArrayToObject(doc, "notes");
    for (igraph_integer_t i = 0; notes && i < t->notes.n; i++)
        cJSON_AddItemToArray(notes, cJSON_CreateString(t->notes.items[i]));
}

static void text_rows(ckp_buf *b, const char *title, const ckp_time_entry *e, igraph_integer_t n)
{
    char d[64], l[64];
    for (igraph_integer_t i = 0; i < n; i++) {
        char tts[32];
        if (isnan(e[i].tts_days))
            snprintf(tts, sizeof tts, "never");
        else
            snprintf(tts, sizeof tts, "%.2f", e[i].tts_days);
        ckp_buf_printf(b, "  %-9s %-24.24s %14s %14s %10s\n", i ? "" : title, e[i].name,
                       ckp_fmt_amount(d, sizeof d, e[i].demand),
                       ckp_fmt_amount(l, sizeof l, e[i].lost), tts);
    }
}

void ckp_scenario_text_time(ckp_buf *b, const ckp_network *net, const ckp_time_report *t)
{
    char days[64], d[64], l[64], tts[32], unit[256];
    ckp_amount_unit(unit, sizeof unit, ckp_network_unit(net));
    if (isnan(t->tts_days))
        snprintf(tts, sizeof tts, "never");
    else
        snprintf(tts, sizeof tts, "%.2f", t->tts_days);
    ckp_buf_printf(b, "\nover %s days (reallocated view, stocks drawn; amounts in %s)\n",
                   ckp_fmt_number(days, sizeof days, t->duration_days, 2), unit);
    ckp_buf_printf(b, "  %-9s %-24s %14s %14s %10s\n", "", "", "demand", "lost", "TTS days");
    ckp_buf_printf(b, "  %-9s %-24s %14s %14s %10s\n", "total", "every end user",
                   ckp_fmt_amount(d, sizeof d, t->demand), ckp_fmt_amount(l, sizeof l, t->lost),
                   tts);
    text_rows(b, "end users", t->end_users, t->n_end_users);
    text_rows(b, "countries", t->countries, t->n_countries);
    text_rows(b, "groups", t->groups, t->n_groups);
    for (igraph_integer_t i = 0; i < t->notes.n; i++)
        ckp_buf_printf(b, "  note: %s\n", t->notes.items[i]);
}
