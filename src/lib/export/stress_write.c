/* `chokepoint stress` output: see ckp_stress_write in chokepoint/export.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chokepoint/export.h"
#include "chokepoint/flow.h"
#include "chokepoint/format.h"
#include "chokepoint/io.h"
#include "escape.h"
#include "numfmt.h"

#define NEVER_NOTE "tts_days is null where the group is never short: with the node or " \
                   "country lost, the rest of the network still serves the group's rate"

static const char *kind_name(ckp_stress_kind k)
{
    return k == CKP_STRESS_NODE ? "node" : "country";
}

static void json_num(ckp_buf *b, double v)
{
    char num[CKP_NUMBER_MAX];
    ckp_format_number(num, v);
    ckp_buf_puts(b, num);
}

/* rei to 6 decimals: a ratio of rounded figures has noise in its last digits */
static double rei6(double v)
{
    return round(v * 1e6) / 1e6;
}

static int any_never(const ckp_stress *s)
{
    for (igraph_integer_t i = 0; i < s->n; i++)
        if (isnan(s->rows[i].tts_days))
            return 1;
    return 0;
}

static void write_json(ckp_buf *b, const ckp_stress *s)
{
    ckp_buf_printf(b, "{\n  \"schema_version\": %d,\n", CKP_SCHEMA_VERSION);
    if (s->group) {
        ckp_buf_puts(b, "  \"group\": ");
        ckp_buf_json(b, s->group);
        ckp_buf_puts(b, ",\n");
    }
    ckp_buf_puts(b, "  \"ranking\": [");
    for (igraph_integer_t i = 0; i < s->n; i++) {
        const ckp_stress_row *r = &s->rows[i];
        ckp_buf_printf(b, "%s\n    {\"kind\": \"%s\", \"id\": ", i ? "," : "", kind_name(r->kind));
        ckp_buf_json(b, r->id);
        ckp_buf_puts(b, ", \"ttr_days\": ");
        json_num(b, r->ttr_days);
        ckp_buf_puts(b, ", \"lost\": ");
        json_num(b, r->lost);
        ckp_buf_puts(b, ", \"rei\": ");
        json_num(b, rei6(r->rei));
        ckp_buf_puts(b, ", \"tts_days\": ");
        json_num(b, r->tts_days);
        ckp_buf_printf(b, ", \"exposed\": %s}", r->exposed ? "true" : "false");
    }
    ckp_buf_puts(b, s->n ? "\n  ],\n" : "],\n");
    ckp_buf_puts(b, "  \"notes\": [");
    if (any_never(s))
        ckp_buf_puts(b, "\n    \"" NEVER_NOTE "\"\n  ");
    ckp_buf_puts(b, "]\n}\n");
}

static void write_csv(ckp_buf *b, const ckp_stress *s)
{
    char num[CKP_NUMBER_MAX];
    ckp_buf_puts(b, "kind,id,ttr_days,lost,rei,tts_days,exposed\r\n");
    for (igraph_integer_t i = 0; i < s->n; i++) {
        const ckp_stress_row *r = &s->rows[i];
        ckp_buf_printf(b, "%s,", kind_name(r->kind));
        ckp_buf_csv(b, r->id);
        ckp_format_number(num, r->ttr_days);
        ckp_buf_printf(b, ",%s", num);
        ckp_format_number(num, r->lost);
        ckp_buf_printf(b, ",%s", num);
        ckp_format_number(num, rei6(r->rei));
        ckp_buf_printf(b, ",%s,", num);
        if (!isnan(r->tts_days)) {
            ckp_format_number(num, r->tts_days);
            ckp_buf_puts(b, num);
        }
        ckp_buf_printf(b, ",%s\r\n", r->exposed ? "yes" : "no");
    }
}

static void write_text(ckp_buf *b, const ckp_network *net, const ckp_stress *s,
                       const ckp_write_options *w)
{
    char lost[64], ttr[64], tts[64];
    igraph_integer_t shown = w && w->top > 0 && w->top < s->n ? w->top : s->n;
    int idw = 2;
    for (igraph_integer_t i = 0; i < shown; i++)
        if ((int)strlen(s->rows[i].id) > idw)
            idw = (int)strlen(s->rows[i].id);
    if (idw > 40)
        idw = 40;
    ckp_buf_printf(b, "stress: %s\n", ckp_network_name(net));
    if (w && w->file && w->file[0])
        ckp_buf_printf(b, "file: %s\n", w->file);
    char unit[256];
    ckp_amount_unit(unit, sizeof unit, ckp_network_unit(net));
    ckp_buf_printf(b, "group: %s, %lld end user%s, served %s %s without stocks or shock\n",
                   s->group ? s->group : "every end user", (long long)s->n_group_end_users,
                   s->n_group_end_users == 1 ? "" : "s",
                   ckp_fmt_amount(lost, sizeof lost, s->group_rate), ckp_network_unit(net));
    ckp_buf_printf(b, "\n%-7s  %-*s  %8s  %14s  %5s  %8s  %s\n", "kind", idw, "id", "TTR days",
                   "lost", "rei", "TTS days", "exposed");
    for (igraph_integer_t i = 0; i < shown; i++) {
        const ckp_stress_row *r = &s->rows[i];
        ckp_buf_printf(b, "%-7s  %-*.*s  %8s  %14s  %5.3f  %8s  %s\n", kind_name(r->kind), idw,
                       idw, r->id, ckp_fmt_number(ttr, sizeof ttr, r->ttr_days, 2),
                       ckp_fmt_amount(lost, sizeof lost, r->lost), rei6(r->rei),
                       isnan(r->tts_days) ? "never" : (snprintf(tts, sizeof tts, "%.2f",
                                                                r->tts_days), tts),
                       r->exposed ? "yes" : "no");
    }
    if (shown < s->n)
        ckp_buf_printf(b, "... %lld more (--top 0 lists all)\n", (long long)(s->n - shown));
    ckp_buf_printf(b, "\nEach node and country lost alone for its time to recover (TTR), flows and\n"
                      "stocks reallocated. lost: demand not met over the TTR (%s). TTS: days the\n"
                      "group keeps its rate with it lost (never: the rest serves it for good).\n"
                      "exposed: TTS < TTR. rei: lost / the largest lost.\n",
                   unit);
}

ckp_code ckp_stress_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                          const ckp_stress *s, const ckp_write_options *wopts, ckp_error *err)
{
    if (format == CKP_FORMAT_JSON)
        write_json(out, s);
    else if (format == CKP_FORMAT_CSV)
        write_csv(out, s);
    else
        write_text(out, net, s, wopts);
    if (out->oom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}
