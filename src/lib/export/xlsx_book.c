/*
 * An Excel workbook (libxlsxwriter) made of CSV tables the export layer
 * already writes: one sheet per table, numbers typed, the header row bold and
 * frozen, and a metadata sheet. The creation date is fixed (2000-01-01 UTC),
 * so the same results give the same bytes.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "chokepoint/io.h"
#include "csv_tokenizer.h"
#include "xlsx_book.h"

#define CREATED ((time_t)946684800) /* 2000-01-01T00:00:00Z */

struct ckp_xlsx {
    lxw_workbook *wb;
    lxw_format *bold;
    char path[64]; /* the temporary file libxlsxwriter writes */
};

ckp_code ckp_xlsx_new(ckp_xlsx **out, ckp_error *err)
{
    ckp_xlsx *x = calloc(1, sizeof *x);
    const char *dir = getenv("TMPDIR");
    *out = NULL;
    if (!x)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    snprintf(x->path, sizeof x->path, "%s/chokepoint-xlsx-XXXXXX",
             dir && *dir && strlen(dir) < 32 ? dir : "/tmp");
    int fd = mkstemp(x->path);
    if (fd < 0) {
        ckp_error_set(err, CKP_EIO, "cannot make a temporary file in '%s': %s",
                      dir && *dir ? dir : "/tmp", strerror(errno));
        free(x);
        return CKP_EIO;
    }
    close(fd);
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL,
                                 .use_zip64 = LXW_FALSE};
    lxw_doc_properties props = {.title = NULL, .created = CREATED};
    props.comments = "made by chokepoint";
    if (!(x->wb = workbook_new_opt(x->path, &opts)) ||
        workbook_set_properties(x->wb, &props) != LXW_NO_ERROR ||
        !(x->bold = workbook_add_format(x->wb))) {
        ckp_xlsx_free(x);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    format_set_bold(x->bold);
    *out = x;
    return CKP_OK;
}

void ckp_xlsx_free(ckp_xlsx *x)
{
    if (!x)
        return;
    if (x->wb)
        workbook_close(x->wb); /* nothing else frees it; the file is dropped below */
    unlink(x->path);
    free(x);
}

/* Text columns hold ids and names even when they look like numbers. */
static int text_column(const char *header)
{
    static const char *const text[] = {"id",      "name",  "tier",     "country", "owner",
                                       "end_user", "basis", "dominators", "end_users",
                                       "plan",    "scenario", "key", "value", NULL};
    for (int i = 0; text[i]; i++)
        if (!strcmp(header, text[i]))
            return 1;
    return 0;
}

static lxw_error cell(ckp_xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                      int text)
{
    char *end;
    if (!*s)
        return LXW_NO_ERROR;
    if (!text && (!strcmp(s, "true") || !strcmp(s, "false")))
        return worksheet_write_boolean(ws, r, c, s[0] == 't', NULL);
    if (!text) {
        double v = strtod(s, &end);
        if (!*end && isfinite(v))
            return worksheet_write_number(ws, r, c, v, NULL);
    }
    (void)x;
    return worksheet_write_string(ws, r, c, s, NULL);
}

ckp_code ckp_xlsx_add_csv(ckp_xlsx *x, const char *sheet, const char *text, size_t len,
                          ckp_error *err)
{
    ckp_code rc = CKP_OK;
    csv c;
    char is_text[CSV_MAX_COLUMNS];
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, sheet);
    memset(&c, 0, sizeof c);
    if (!ws)
        return ckp_error_set(err, CKP_EINTERNAL, "cannot add sheet '%s' to the workbook", sheet);
    if ((rc = csv_open(&c, sheet, text, len, ',', err)))
        goto done;
    int r;
    lxw_error le = LXW_NO_ERROR;
    for (lxw_row_t row = 0; !le && (r = csv_row(&c)) == 1; row++)
        for (int i = 0; i < c.nfields && !le; i++) {
            const char *s = csv_field(&c, i);
            if (row == 0) {
                is_text[i] = (char)text_column(s);
                le = worksheet_write_string(ws, 0, (lxw_col_t)i, s, x->bold);
            } else {
                le = cell(x, ws, row, (lxw_col_t)i, s, is_text[i]);
            }
        }
    if (le)
        rc = ckp_error_set(err, CKP_EINTERNAL, "sheet '%s': %s", sheet, lxw_strerror(le));
    else if (r < 0)
        rc = err->code;
    else
        worksheet_freeze_panes(ws, 1, 0);
done:
    free(c.scratch);
    return rc;
}

ckp_code ckp_xlsx_add_buf(ckp_xlsx *x, const char *sheet, const ckp_buf *b, ckp_error *err)
{
    if (b->oom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return ckp_xlsx_add_csv(x, sheet, b->data ? b->data : "", b->len, err);
}

ckp_code ckp_xlsx_finish(ckp_xlsx *x, ckp_buf *out, ckp_error *err)
{
    char *data = NULL;
    size_t len = 0;
    lxw_error le = workbook_close(x->wb);
    x->wb = NULL;
    if (le) {
        ckp_xlsx_free(x);
        return ckp_error_set(err, CKP_EIO, "cannot write the workbook: %s", lxw_strerror(le));
    }
    ckp_code rc = ckp_read_file(&data, &len, x->path, err);
    ckp_xlsx_free(x);
    if (!rc)
        ckp_buf_put(out, data, len);
    free(data);
    return rc;
}
