/*
 * Results as Excel workbooks: the analysis's five tables, a comparison's
 * table, a scenario's JSON as sheets, each with the metadata sheet
 * (xlsx_book.c makes the workbook).
 */
#include <math.h>
#include <stdlib.h>

#include "analysis_tables.h"
#include "chokepoint/export.h"
#include "chokepoint/io.h"
#include "escape.h"
#include "xlsx_book.h"

static void row(ckp_buf *b, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    ckp_buf_printf(b, "%s,", key);
    ckp_buf_csv(b, value);
    ckp_buf_puts(b, "\r\n");
}

ckp_code ckp_xlsx_add_metadata(ckp_xlsx *x, const ckp_network *net, const char *input,
                               const char *command, ckp_error *err)
{
    ckp_buf b;
    char year[CKP_NUMBER_MAX] = "";
    ckp_buf_init(&b);
    if (!isnan(ckp_network_year(net)))
        ckp_format_number(year, ckp_network_year(net));
    ckp_buf_puts(&b, "key,value\r\n");
    row(&b, "network", ckp_network_name(net));
    row(&b, "unit", ckp_network_unit(net));
    row(&b, "year", year);
    row(&b, "description", ckp_network_description(net));
    row(&b, "source", ckp_network_source(net));
    row(&b, "input", input);
    row(&b, "command", command);
    ckp_code rc = ckp_xlsx_add_buf(x, "metadata", &b, err);
    ckp_buf_destroy(&b);
    return rc;
}

/* Add the metadata sheet and take the bytes, unless `rc` failed already; frees `x` (NULL too). */
static ckp_code close_book(ckp_xlsx *x, ckp_code rc, ckp_buf *out, const ckp_network *net,
                           const char *input, const char *command, ckp_error *err)
{
    if (!rc && !(rc = ckp_xlsx_add_metadata(x, net, input, command, err)))
        return ckp_xlsx_finish(x, out, err);
    ckp_xlsx_free(x);
    return rc;
}

ckp_code ckp_analysis_write_xlsx(ckp_buf *out, const ckp_network *net, const ckp_analysis *a,
                                 const char *input, const char *command, ckp_error *err)
{
    ckp_xlsx *x = NULL;
    ckp_buf b;
    ckp_code rc = ckp_xlsx_new(&x, err);
    ckp_buf_init(&b);
    for (int i = 0; !rc && i < CKP_ANALYSIS_TABLES; i++) {
        ckp_buf_destroy(&b);
        if (ckp_analysis_table(&b, i, net, a))
            b.oom = 1;
        rc = ckp_xlsx_add_buf(x, ckp_analysis_table_name(i), &b, err);
    }
    ckp_buf_destroy(&b);
    return close_book(x, rc, out, net, input, command, err);
}

ckp_code ckp_comparison_write_xlsx(ckp_buf *out, const ckp_network *net,
                                   const ckp_comparison *c, const char *input,
                                   const char *command, ckp_error *err)
{
    ckp_xlsx *x = NULL;
    ckp_buf b;
    ckp_buf_init(&b);
    ckp_code rc = ckp_xlsx_new(&x, err);
    if (!rc && !(rc = ckp_comparison_write(&b, CKP_FORMAT_CSV, net, c, err)))
        rc = ckp_xlsx_add_buf(x, "comparison", &b, err);
    ckp_buf_destroy(&b);
    return close_book(x, rc, out, net, input, command, err);
}

ckp_code ckp_scenario_write_xlsx(ckp_buf *out, const ckp_network *net, const ckp_scenario *s,
                                 const ckp_scenario_report *r,
                                 const ckp_scenario_write_options *opts, const char *input,
                                 const char *command, ckp_error *err)
{
    ckp_xlsx *x = NULL;
    ckp_buf b;
    ckp_buf_init(&b);
    ckp_code rc = ckp_xlsx_new(&x, err);
    if (!rc && !(rc = ckp_scenario_write(&b, CKP_FORMAT_JSON, net, s, r, opts, err)))
        rc = b.oom ? ckp_error_set(err, CKP_EINTERNAL, "out of memory")
                   : ckp_xlsx_add_json(x, b.data, err);
    ckp_buf_destroy(&b);
    return close_book(x, rc, out, net, input, command, err);
}

ckp_code ckp_stress_write_xlsx(ckp_buf *out, const ckp_network *net, const ckp_stress *s,
                               const char *input, const char *command, ckp_error *err)
{
    ckp_xlsx *x = NULL;
    ckp_buf b;
    ckp_buf_init(&b);
    ckp_code rc = ckp_xlsx_new(&x, err);
    if (!rc && !(rc = ckp_stress_write(&b, CKP_FORMAT_CSV, net, s, NULL, err)))
        rc = ckp_xlsx_add_buf(x, "ranking", &b, err);
    ckp_buf_destroy(&b);
    return close_book(x, rc, out, net, input, command, err);
}
