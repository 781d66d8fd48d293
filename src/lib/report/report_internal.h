/* The report pack's parts: the files written so far, the page, and the helpers they share. */
#ifndef CKP_REPORT_INTERNAL_H
#define CKP_REPORT_INTERNAL_H

#include "chokepoint/buf.h"
#include "chokepoint/chart.h"
#include "chokepoint/report.h"
#include "escape.h"
#include "numfmt.h"

typedef struct {
    char *path; /* relative to the report directory */
    char sha[65];
} ckp_report_file;

/* An input of the report, as given, with its checksum and size (-1: unknown). */
typedef struct {
    const char *path;
    char sha[65];
    long long bytes;
} ckp_report_input;

/* The pack being written: its directory, the files in it so far, and the page. */
typedef struct {
    const char *dir;
    const ckp_report_options *opts;
    ckp_report_file *files;
    size_t n, cap;
    ckp_buf html;
    int n_aggregated; /* diagrams drawn by country because of the node limit */
    const ckp_study *study;  /* NULL: no plan, no scenario */
    igraph_integer_t n_plans, n_scenarios;
    ckp_report_input *inputs; /* the network's files, then the plans, then the scenarios */
    size_t n_inputs;
} ckp_pack;

/* pack.c: files written whole (temp + rename) and noted with their checksums */
void ckp_pack_init(ckp_pack *pk, const char *dir, const ckp_study *study,
                   const ckp_report_options *opts);
void ckp_pack_destroy(ckp_pack *pk);
/* DIR/rel, or NULL when out of memory; the caller frees. */
char *ckp_pack_path(const ckp_pack *pk, const char *rel);
/* Write DIR/rel whole or not at all, and note its checksum for the provenance. */
ckp_code ckp_pack_put(ckp_pack *pk, const char *rel, const void *data, size_t len,
                      ckp_error *err);
/* Write a finished buffer as DIR/rel (out of memory when the buffer ran out). */
ckp_code ckp_pack_put_buf(ckp_pack *pk, const char *rel, const ckp_buf *b, ckp_error *err);
/* Note a file written by someone else, its checksum read back. */
ckp_code ckp_pack_note(ckp_pack *pk, const char *rel, ckp_error *err);
/* DIR, DIR/figures and DIR/data, each made unless it is there. */
ckp_code ckp_pack_make_dirs(const ckp_pack *pk, ckp_error *err);
/* A file-name part from an id or a file name: letters, digits, '-' and '_'. */
void ckp_report_slug(char *out, size_t size, const char *s);

/* figures.c: a figure's files and its place on the page */
ckp_code ckp_report_diagram(ckp_pack *pk, const char *name, const ckp_network *net,
                            const ckp_render_options *ro, ckp_error *err);
ckp_code ckp_report_chart(ckp_pack *pk, const char *name, const ckp_chart *ch, ckp_error *err);
/* The diagram options every diagram of the report shares. */
void ckp_report_render_options(ckp_render_options *ro, const ckp_pack *pk,
                               const ckp_palette *pal, const char *input_name,
                               const char *id_prefix);

/* tables.c: the analysis as JSON and as CSV tables in data/ */
ckp_code ckp_report_data(ckp_pack *pk, const ckp_network *net, const ckp_analysis *a,
                         ckp_error *err);

/* page.c and whatif_page.c: the page's sections */
static inline void ckp_report_html(ckp_buf *b, const char *s)
{
    ckp_buf_html_as(b, s, CKP_HTML_PAGE);
}
/* A table row and its first cell, the name escaped; the cell left open. */
static inline void ckp_report_row(ckp_buf *b, const char *name)
{
    ckp_buf_puts(b, "<tr><td>");
    ckp_report_html(b, name);
}
/* The open cell closed, and a cell of a figure amount, left open: "</td><td class="n">V". */
void ckp_report_amount_cell(ckp_buf *b, double v);
void ckp_report_head(ckp_buf *b, const ckp_network *net, const char *input_name,
                     igraph_integer_t n_plans, igraph_integer_t n_scenarios);
void ckp_report_summary(ckp_buf *b, const ckp_network *net, const ckp_analysis *a);
void ckp_report_tables(ckp_buf *b, const ckp_network *net, const ckp_analysis *a);
ckp_code ckp_report_scenarios(ckp_pack *pk, const ckp_network *net, const ckp_palette *pal,
                              const char *input_name, ckp_error *err);
ckp_code ckp_report_comparison(ckp_pack *pk, const ckp_network *net, const char *input_name,
                               ckp_error *err);
ckp_code ckp_report_plans(ckp_pack *pk, const ckp_network *net, const ckp_palette *pal,
                          const char *input_name, ckp_error *err);

/* The command as typed, the output directory written as DIR: the same bytes anywhere. */
void ckp_report_command_line(ckp_buf *b, const ckp_report_options *o);

/* provenance.c: the inputs' checksums; the files and provenance sections, PROVENANCE.txt */
ckp_code ckp_report_inputs(ckp_pack *pk, ckp_error *err);
ckp_code ckp_report_provenance(ckp_pack *pk, ckp_error *err);

#endif
