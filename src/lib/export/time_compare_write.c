/* Plans ranked over a duration (compare --duration): see ckp_time_comparison_write. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chokepoint/export.h"
#include "chokepoint/format.h"
#include "chokepoint/io.h"
#include "escape.h"
#include "json_write.h"
#include "numfmt.h"
#include "scenario_time.h"

static void write_json(ckp_buf *b, const ckp_time_comparison *c)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "schema_version", CKP_SCHEMA_VERSION);
    ckp_json_add_number(doc, "duration_days", c->duration_days);
    if (c->group)
        cJSON_AddStringToObject(doc, "group", c->group);
    else
        cJSON_AddNullToObject(doc, "group");
    cJSON *scens = cJSON_AddArrayToObject(doc, "scenarios");
    for (igraph_integer_t s = 0; scens && s < c->n_scenarios; s++) {
        cJSON *sc = cJSON_CreateObject();
        cJSON_AddItemToArray(scens, sc);
        cJSON_AddStringToObject(sc, "name", c->scenario_names[s]);
        cJSON *ranking = cJSON_AddArrayToObject(sc, "ranking");
        for (igraph_integer_t k = 0; ranking && k < c->n_plans; k++) {
            const ckp_time_entry *e = &c->rows[s * c->n_plans + k];
            cJSON *el = cJSON_CreateObject();
            cJSON_AddItemToArray(ranking, el);
            cJSON_AddStringToObject(el, "plan", e->name);
            ckp_json_add_number(el, "demand", e->demand);
            ckp_time_json_entry(el, e);
        }
    }
    cJSON *notes = cJSON_AddArrayToObject(doc, "notes");
    for (igraph_integer_t i = 0; notes && i < c->notes.n; i++)
        cJSON_AddItemToArray(notes, cJSON_CreateString(c->notes.items[i]));
    ckp_json_doc(b, doc);
}

static void csv_number(ckp_buf *b, double v)
{
    char num[CKP_NUMBER_MAX];
    ckp_buf_puts(b, ",");
    if (!isnan(v)) {
        ckp_format_number(num, v);
        ckp_buf_puts(b, num);
    }
}

static void write_csv(ckp_buf *b, const ckp_time_comparison *c)
{
    ckp_buf_puts(b, "scenario,rank,plan,demand,lost_immediate,tts_immediate_days,"
                    "lost_reallocated,tts_reallocated_days\r\n");
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++)
        for (igraph_integer_t k = 0; k < c->n_plans; k++) {
            const ckp_time_entry *e = &c->rows[s * c->n_plans + k];
            ckp_buf_csv(b, c->scenario_names[s]);
            ckp_buf_printf(b, ",%lld,", (long long)k + 1);
            ckp_buf_csv(b, e->name);
            csv_number(b, e->demand);
            csv_number(b, e->lost_immediate);
            csv_number(b, e->tts_immediate_days);
            csv_number(b, e->lost);
            csv_number(b, e->tts_days);
            ckp_buf_puts(b, "\r\n");
        }
}

static void write_text(ckp_buf *b, const ckp_network *net, const ckp_time_comparison *c)
{
    char days[64], unit[256], rank[32];
    int width = 24;
    for (igraph_integer_t p = 0; p < c->n_plans; p++)
        if ((int)strlen(c->plan_names[p]) > width)
            width = (int)strlen(c->plan_names[p]);
    if (width > 60)
        width = 60;
    ckp_amount_unit(unit, sizeof unit, ckp_network_unit(net));
    ckp_buf_printf(b, "compare over %s days: %s\n",
                   ckp_fmt_number(days, sizeof days, c->duration_days, 2), ckp_network_name(net));
    ckp_buf_printf(b, "plans ranked by the demand %s loses over the duration, stocks drawn\n"
                      "(reallocated view first, then immediate; amounts in %s)\n",
                   c->group ? c->group : "every end user", unit);
    for (igraph_integer_t s = 0; s < c->n_scenarios; s++) {
        ckp_buf_printf(b, "\nscenario: %s\n", c->scenario_names[s]);
        ckp_time_text_head(b, "rank", width, "plan");
        for (igraph_integer_t k = 0; k < c->n_plans; k++) {
            snprintf(rank, sizeof rank, "%lld", (long long)k + 1);
            ckp_time_text_row(b, rank, width, c->rows[s * c->n_plans + k].name,
                              &c->rows[s * c->n_plans + k]);
        }
    }
    if (c->notes.n)
        ckp_buf_puts(b, "\n");
    for (igraph_integer_t i = 0; i < c->notes.n; i++)
        ckp_buf_printf(b, "note: %s\n", c->notes.items[i]);
}

ckp_code ckp_time_comparison_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                                   const ckp_time_comparison *c, ckp_error *err)
{
    if (format == CKP_FORMAT_JSON)
        write_json(out, c);
    else if (format == CKP_FORMAT_CSV)
        write_csv(out, c);
    else
        write_text(out, net, c);
    if (out->oom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}
