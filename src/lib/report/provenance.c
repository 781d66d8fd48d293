/*
 * Provenance: the inputs' checksums, the command, the versions, and every
 * output's checksum; on the page (with the list of files) and in
 * PROVENANCE.txt. The page is written here too, once it is complete.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chokepoint/io.h"
#include "chokepoint/sha256.h"
#include "report_internal.h"

ckp_code ckp_report_inputs(ckp_pack *pk, ckp_error *err)
{
    const ckp_report_options *o = pk->opts;
    size_t nn = o->n_network_paths, np = (size_t)pk->n_plans, n = nn + np + (size_t)pk->n_scenarios;
    pk->inputs = calloc(n ? n : 1, sizeof *pk->inputs);
    if (!pk->inputs)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    if ((np && !o->plan_paths) || (pk->n_scenarios && !o->scenario_paths))
        return ckp_error_set(err, CKP_EUSAGE, "the report needs the paths of the study's inputs");
    pk->n_inputs = n;
    for (size_t i = 0; i < n; i++) {
        ckp_report_input *in = &pk->inputs[i];
        struct stat st;
        in->path = i < nn ? o->network_paths[i]
                   : i < nn + np ? o->plan_paths[i - nn] : o->scenario_paths[i - nn - np];
        ckp_code rc = ckp_sha256_file(in->sha, in->path, err);
        if (rc)
            return rc;
        in->bytes = stat(in->path, &st) == 0 ? (long long)st.st_size : -1;
    }
    return CKP_OK;
}

/* Shell-quote an argument for the provenance note's command line. */
static void shell_arg(ckp_buf *b, const char *s)
{
    if (*s && !strpbrk(s, " \t\n'\"\\$`*?[]{}()<>|&;#~!")) {
        ckp_buf_puts(b, s);
        return;
    }
    ckp_buf_puts(b, "'");
    for (; *s; s++)
        ckp_buf_puts(b, *s == '\'' ? "'\\''" : (char[2]){*s, 0});
    ckp_buf_puts(b, "'");
}

/* The command as typed; the output directory written as DIR: the same bytes anywhere. */
void ckp_report_command_line(ckp_buf *b, const ckp_report_options *o)
{
    ckp_buf_puts(b, "chokepoint");
    for (int i = 0; i < o->argc; i++) {
        const char *arg = o->argv[i];
        ckp_buf_puts(b, " ");
        if (i > 0 && (!strcmp(o->argv[i - 1], "-o") || !strcmp(o->argv[i - 1], "--output")))
            ckp_buf_puts(b, "DIR");
        else if (!strncmp(arg, "--output=", 9))
            ckp_buf_puts(b, "--output=DIR");
        else if (!strncmp(arg, "-o", 2) && arg[2])
            ckp_buf_puts(b, "-oDIR");
        else
            shell_arg(b, arg);
    }
}

static void files_html(ckp_buf *b, const ckp_pack *pk)
{
    ckp_buf_puts(b, "<section id=\"files\"><h2>Files</h2>\n<p>Every figure is in "
                    "<code>figures/</code> as SVG, PNG and PDF (diagrams also as the DOT text "
                    "they were drawn from); the data in <code>data/</code>; checksums of every "
                    "file in <a href=\"PROVENANCE.txt\">PROVENANCE.txt</a>.</p>\n<ul>\n");
    for (size_t i = 0; i < pk->n; i++) {
        ckp_buf_puts(b, "<li><a href=\"");
        ckp_report_html(b, pk->files[i].path);
        ckp_buf_puts(b, "\">");
        ckp_report_html(b, pk->files[i].path);
        ckp_buf_puts(b, "</a></li>\n");
    }
    ckp_buf_puts(b, "</ul>\n</section>\n");
}

static void provenance_html(ckp_buf *b, const ckp_pack *pk, const char *cmdline)
{
    ckp_buf_puts(b, "<section id=\"provenance\"><h2>Provenance</h2>\n<p>Made by chokepoint ");
    ckp_report_html(b, ckp_version());
    ckp_buf_printf(b, " (igraph %s, Graphviz %s, cJSON %s, cairo %s) from these inputs; "
                      "check them with <code>sha256sum</code>. Nothing here carries a date: "
                      "the same inputs give the same files, byte for byte.</p>\n",
                   ckp_igraph_version(), ckp_graphviz_version(), ckp_cjson_version(),
                   ckp_cairo_version());
    ckp_buf_puts(b, "<table><tr><th>input</th><th class=\"n\">bytes</th><th>SHA-256</th></tr>\n");
    for (size_t i = 0; i < pk->n_inputs; i++) {
        ckp_buf_puts(b, "<tr><td>");
        ckp_report_html(b, pk->inputs[i].path);
        ckp_buf_printf(b, "</td><td class=\"n\">%lld</td><td><code>%s</code></td></tr>\n",
                       pk->inputs[i].bytes, pk->inputs[i].sha);
    }
    ckp_buf_puts(b, "</table>\n<p>Command: <code>");
    ckp_report_html(b, cmdline);
    ckp_buf_puts(b, "</code></p>\n</section>\n");
    if (pk->n_aggregated)
        ckp_buf_printf(b, "<p class=\"note\">%d diagram%s drawn by country: the network is "
                          "over %lld nodes (--max-nodes).</p>\n",
                       pk->n_aggregated, pk->n_aggregated == 1 ? " was" : "s were",
                       (long long)pk->opts->max_nodes);
    ckp_buf_puts(b, "</body>\n</html>\n");
}

/* PROVENANCE.txt up to its outputs, which are listed once the page is written. */
static void provenance_text(ckp_buf *t, const ckp_pack *pk, const char *cmdline)
{
    ckp_buf_puts(t, "chokepoint report: provenance\n\n");
    ckp_buf_printf(t, "made by   chokepoint %s (igraph %s, Graphviz %s, cJSON %s, cairo %s)\n",
                   ckp_version(), ckp_igraph_version(), ckp_graphviz_version(),
                   ckp_cjson_version(), ckp_cairo_version());
    ckp_buf_printf(t, "command   %s\n", cmdline);
    ckp_buf_puts(t, "\ninputs (SHA-256, bytes, path as given)\n");
    for (size_t i = 0; i < pk->n_inputs; i++)
        ckp_buf_printf(t, "  %s  %10lld  %s\n", pk->inputs[i].sha, pk->inputs[i].bytes,
                       pk->inputs[i].path);
}

ckp_code ckp_report_provenance(ckp_pack *pk, ckp_error *err)
{
    ckp_buf cmdline, prov;
    ckp_code rc;
    ckp_buf_init(&cmdline);
    ckp_buf_init(&prov);
    ckp_report_command_line(&cmdline, pk->opts);
    const char *line = cmdline.data ? cmdline.data : "";
    files_html(&pk->html, pk);
    provenance_html(&pk->html, pk, line);
    provenance_text(&prov, pk, line);
    if ((rc = ckp_pack_put_buf(pk, "index.html", &pk->html, err)))
        goto done;
    ckp_buf_puts(&prov, "\noutputs (SHA-256, path in this directory)\n");
    for (size_t i = 0; i < pk->n; i++)
        ckp_buf_printf(&prov, "  %s  %s\n", pk->files[i].sha, pk->files[i].path);
    ckp_buf_puts(&prov, "\nNo timestamps are recorded: the same inputs give the same files.\n");
    if (cmdline.oom)
        prov.oom = 1;
    rc = ckp_pack_put_buf(pk, "PROVENANCE.txt", &prov, err);
done:
    ckp_buf_destroy(&cmdline);
    ckp_buf_destroy(&prov);
    return rc;
}
