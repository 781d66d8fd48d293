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
        ckp_time_json_entry(el, &e[i]);
    }
}

void ckp_time_json_entry(cJSON *el, const ckp_time_entry *e)
{
    ckp_json_add_number(el, "lost_immediate", e->lost_immediate);
    ckp_json_add_number(el, "tts_immediate_days", e->tts_immediate_days);
    ckp_json_add_number(el, "lost_reallocated", e->lost);
    ckp_json_add_number(el, "tts_reallocated_days", e->tts_days);
}

void ckp_scenario_json_time(cJSON *doc, const ckp_time_report *t)
{
    if (!doc)
        return;
    ckp_json_add_number(doc, "duration_days", t->duration_days);
    cJSON *all = cJSON_AddObjectToObject(doc, "time");
    ckp_json_add_number(all, "demand", t->demand);
    ckp_time_entry e = {.lost = t->lost, .tts_days = t->tts_days,
                        .lost_immediate = t->lost_immediate,
                        .tts_immediate_days = t->tts_immediate_days};
    ckp_time_json_entry(all, &e);
    add_entries(doc, "end_users", "id", t->end_users, t->n_end_users);
    add_entries(doc, "countries", "country", t->countries, t->n_countries);
    add_entries(doc, "groups", "name", t->groups, t->n_groups);
    cJSON *notes = cJSON_GetObjectItemCaseSensitive(doc, "notes");
    if (!notes)
        notes = cJSON_AddArrayToObject(doc, "notes");
    for (igraph_integer_t i = 0; notes && i < t->notes.n; i++)
        cJSON_AddItemToArray(notes, cJSON_CreateString(t->notes.items[i]));
}

/* A TTS for the text: "never" when null, else to 0.01 day. */
static const char *tts_text(char *buf, size_t size, double days)
{
    if (isnan(days))
        snprintf(buf, size, "never");
    else
        snprintf(buf, size, "%.2f", days);
    return buf;
}

/* One row: demand, then lost and TTS in the immediate and the reallocated views. */
void ckp_time_text_row(ckp_buf *b, const char *title, int width, const char *name,
                       const ckp_time_entry *e)
{
    char d[64], li[64], lr[64], ti[32], tr[32];
    if (isnan(e->lost_immediate))
        snprintf(li, sizeof li, "-");
    else
        ckp_fmt_amount(li, sizeof li, e->lost_immediate);
    ckp_buf_printf(b, "  %-9s %-*.*s %12s %12s %9s %12s %9s\n", title, width, width, name,
                   ckp_fmt_amount(d, sizeof d, e->demand), li,
                   isnan(e->lost_immediate) ? "-" : tts_text(ti, sizeof ti, e->tts_immediate_days),
                   ckp_fmt_amount(lr, sizeof lr, e->lost), tts_text(tr, sizeof tr, e->tts_days));
}

void ckp_time_text_head(ckp_buf *b, const char *title, int width, const char *name)
{
    ckp_buf_printf(b, "  %-9s %-*s %12s %22s %22s\n", "", width, "", "", "immediate",
                   "reallocated");
    ckp_buf_printf(b, "  %-9s %-*s %12s %12s %9s %12s %9s\n", title, width, name, "demand", "lost",
                   "TTS days", "lost", "TTS days");
}

static void text_rows(ckp_buf *b, const char *title, const ckp_time_entry *e, igraph_integer_t n)
{
    for (igraph_integer_t i = 0; i < n; i++)
        ckp_time_text_row(b, i ? "" : title, 24, e[i].name, &e[i]);
}

void ckp_scenario_text_time(ckp_buf *b, const ckp_network *net, const ckp_time_report *t)
{
    char days[64], unit[256];
    ckp_amount_unit(unit, sizeof unit, ckp_network_unit(net));
    ckp_buf_printf(b, "\nover %s days (stocks drawn; amounts in %s): the immediate and the "
                      "reallocated views\n",
                   ckp_fmt_number(days, sizeof days, t->duration_days, 2), unit);
    ckp_time_text_head(b, "", 24, "");
    ckp_time_entry all = {.demand = t->demand, .lost = t->lost, .tts_days = t->tts_days,
                          .lost_immediate = t->lost_immediate,
                          .tts_immediate_days = t->tts_immediate_days};
    ckp_time_text_row(b, "total", 24, "every end user", &all);
    text_rows(b, "end users", t->end_users, t->n_end_users);
    text_rows(b, "countries", t->countries, t->n_countries);
    text_rows(b, "groups", t->groups, t->n_groups);
    for (igraph_integer_t i = 0; i < t->notes.n; i++)
        ckp_buf_printf(b, "  note: %s\n", t->notes.items[i]);
}
