/* ckp_analysis_write and ckp_check_write's options; the analysis in the format asked for. */
#include "analysis_write.h"

void ckp_write_options_init(ckp_write_options *opts)
{
    opts->file = "";
    opts->top = 10;
    opts->all = 0;
}

ckp_code ckp_analysis_write(ckp_buf *out, ckp_format format, const ckp_network *net,
                            const ckp_analysis *a, const ckp_analysis_options *opts,
                            const ckp_write_options *wopts, ckp_error *err)
{
    ckp_write_options defaults;
    ckp_write_options_init(&defaults);
    if (!wopts)
        wopts = &defaults;
    if (format == CKP_FORMAT_JSON)
        return ckp_analysis_write_json(out, net, a, opts, err);
    if (format != CKP_FORMAT_TEXT)
        return ckp_error_set(err, CKP_EUSAGE, "an analysis is written as text or JSON, not CSV");
    ckp_analysis_write_text(out, net, a, wopts->file, wopts->top, opts);
    if (out->oom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}
