/*
 * The analysis in data/: as JSON, as CSV tables (one row per node, per tier
 * and country, per end user and tier and country, per end user, per SPOF;
 * export/analysis_tables.c) and as one workbook of the same tables.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chokepoint/export.h"
#include "chokepoint/io.h"
#include "analysis_tables.h"
#include "report_internal.h"

/*
 * data/analysis.json as `analyze --format json` writes it (the same analysis,
 * not run again), streamed as analyze streams it: a million nodes' JSON is not
 * held whole. Its checksum is read back.
 */
static ckp_code analysis_json(ckp_pack *pk, const ckp_network *net, const ckp_analysis *a,
                              ckp_error *err)
{
    ckp_analysis_options defaults;
    const ckp_analysis_options *aopts = pk->opts->analysis_options;
    char *path = ckp_pack_path(pk, "data/analysis.json");
    ckp_output *o = NULL;
    ckp_buf b;
    ckp_code rc;
    if (!aopts) {
        ckp_analysis_options_init(&defaults);
        aopts = &defaults;
    }
    if (!path)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    rc = ckp_output_open(&o, path, err);
    free(path);
    if (rc)
        return rc;
    ckp_buf_init_sink(&b, ckp_output_sink, o);
    if ((rc = ckp_analysis_write_json(&b, net, a, aopts, err)))
        ckp_output_abort(o);
    else
        rc = ckp_output_commit_buf(o, &b, err);
    ckp_buf_destroy(&b);
    return rc ? rc : ckp_pack_note(pk, "data/analysis.json", err);
}

/* data/analysis.xlsx: the same tables as a workbook, with the network and the command. */
static ckp_code analysis_xlsx(ckp_pack *pk, const ckp_network *net, const ckp_analysis *a,
                              ckp_error *err)
{
    ckp_buf book, command, input;
    ckp_buf_init(&book);
    ckp_buf_init(&command);
    ckp_buf_init(&input);
    ckp_report_command_line(&command, pk->opts);
    for (size_t i = 0; i < pk->opts->n_network_paths; i++)
        ckp_buf_printf(&input, "%s%s", i ? " + " : "", pk->opts->network_paths[i]);
    ckp_code rc = command.oom || input.oom ? ckp_error_set(err, CKP_EINTERNAL, "out of memory")
                                           : ckp_analysis_write_xlsx(&book, net, a, input.data,
                                                                     command.data, err);
    if (!rc)
        rc = ckp_pack_put_buf(pk, "data/analysis.xlsx", &book, err);
    ckp_buf_destroy(&book);
    ckp_buf_destroy(&command);
    ckp_buf_destroy(&input);
    return rc;
}

ckp_code ckp_report_data(ckp_pack *pk, const ckp_network *net, const ckp_analysis *a,
                         ckp_error *err)
{
    ckp_code rc = analysis_json(pk, net, a, err);
    ckp_buf b;
    char name[64];
    ckp_buf_init(&b);
    for (int i = 0; !rc && i < CKP_ANALYSIS_TABLES; i++) {
        ckp_buf_destroy(&b);
        if (ckp_analysis_table(&b, i, net, a))
            b.oom = 1;
        snprintf(name, sizeof name, "data/%s.csv", ckp_analysis_table_name(i));
        rc = ckp_pack_put_buf(pk, name, &b, err);
    }
    ckp_buf_destroy(&b);
    return rc ? rc : analysis_xlsx(pk, net, a, err);
}
