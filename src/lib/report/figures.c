/* Figures: each diagram and chart as files in figures/, and in its place on the page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_page.h"
#include "report_internal.h"

static void base64(ckp_buf *b, const unsigned char *p, size_t n)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char q[5] = {0};
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        q[0] = t[v >> 18 & 63];
        q[1] = t[v >> 12 & 63];
        q[2] = i + 1 < n ? t[v >> 6 & 63] : '=';
        q[3] = i + 2 < n ? t[v & 63] : '=';
        ckp_buf_puts(b, q);
    }
}

/* The links under a figure to its files. */
static void figure_links(ckp_buf *b, const char *name, int with_dot)
{
    ckp_buf_puts(b, "<p class=\"files\">Files: ");
    const char *ext[] = {"svg", "png", "pdf", "dot"};
    for (int i = 0; i < (with_dot ? 4 : 3); i++)
        ckp_buf_printf(b, "%s<a href=\"figures/%s.%s\">%s</a>", i ? " · " : "", name, ext[i],
                       ext[i]);
    ckp_buf_puts(b, "</p>\n");
}

/* A diagram on the page: the SVG inline (from "<svg" on), so that its tooltips work. */
static void diagram_html(ckp_buf *b, const char *name, const char *svg,
                         const ckp_render_info *info)
{
    const char *element = strstr(svg, "<svg");
    if (info->aggregated) {
        ckp_buf_puts(b, "<p class=\"note\">Aggregated: ");
        ckp_report_html(b, info->note);
        ckp_buf_puts(b, ".</p>\n");
    }
    ckp_buf_puts(b, "<figure class=\"diagram\">\n");
    ckp_buf_puts(b, element ? element : svg);
    ckp_buf_puts(b, "</figure>\n");
    figure_links(b, name, 1);
}

/* A cairo chart on the page: an <img> with the SVG as a data: URI (ids stay private). */
static void chart_html(ckp_buf *b, const char *name, const ckp_chart *ch, const char *svg,
                       size_t len)
{
    ckp_buf_puts(b, "<figure class=\"chart\"><img alt=\"");
    ckp_report_html(b, ch->title);
    ckp_buf_puts(b, "\" src=\"data:image/svg+xml;base64,");
    base64(b, (const unsigned char *)svg, len);
    ckp_buf_puts(b, "\">\n");
    figure_links(b, name, 0);
    ckp_buf_puts(b, "</figure>\n");
}

/* figures/NAME.{svg,png,pdf} of a rendered figure or chart; its SVG kept in *svg. */
static ckp_code figure_formats(ckp_pack *pk, const char *name, const ckp_figure *fig,
                               const ckp_chart *ch, char **svg, size_t *svg_len, ckp_error *err)
{
    char *data = NULL, rel[256];
    size_t len = 0;
    ckp_code rc = CKP_OK;
    for (int f = CKP_FIG_SVG; !rc && f <= CKP_FIG_PDF; f++) {
        ckp_figure_format format = (ckp_figure_format)f;
        rc = fig ? ckp_figure_render(fig, format, &data, &len, err)
                 : ckp_chart_render(ch, format, &data, &len, err);
        if (!rc && fig)
            rc = rd_page_fit(&data, &len, format, pk->opts->page_width, pk->opts->page_height,
                             err);
        if (rc)
            break;
        snprintf(rel, sizeof rel, "figures/%s.%s", name, ckp_figure_format_name(format));
        rc = ckp_pack_put(pk, rel, data, len, err);
        if (!rc && f == CKP_FIG_SVG) {
            *svg = data;
            *svg_len = len;
            data = NULL;
        }
        free(data);
        data = NULL;
    }
    return rc;
}

ckp_code ckp_report_diagram(ckp_pack *pk, const char *name, const ckp_network *net,
                            const ckp_render_options *ro, ckp_error *err)
{
    char *dot = NULL, *svg = NULL, rel[256];
    size_t dot_len = 0, svg_len = 0;
    ckp_figure *fig = NULL;
    ckp_render_info info;
    ckp_code rc;
    if ((rc = ckp_render_dot(&dot, &dot_len, &info, net, ro, err)) ||
        (rc = ckp_figure_new(&fig, dot, dot_len, CKP_FIG_ALL, err)))
        goto done;
    if (info.aggregated) {
        if (pk->opts->note)
            pk->opts->note(pk->opts->note_ctx, name, info.note);
        pk->n_aggregated++;
    }
    snprintf(rel, sizeof rel, "figures/%s.dot", name);
    if ((rc = ckp_pack_put(pk, rel, dot, dot_len, err)) ||
        (rc = figure_formats(pk, name, fig, NULL, &svg, &svg_len, err)))
        goto done;
    diagram_html(&pk->html, name, svg, &info);
done:
    free(dot);
    free(svg);
    ckp_figure_free(fig);
    return rc;
}

ckp_code ckp_report_chart(ckp_pack *pk, const char *name, const ckp_chart *ch, ckp_error *err)
{
    char *svg = NULL;
    size_t svg_len = 0;
    ckp_chart paged = *ch; /* a shallow copy: only the print fields differ */
    paged.page_width = pk->opts->page_width;
    paged.page_height = pk->opts->page_height;
    paged.font_size = pk->opts->font_size;
    ckp_code rc = figure_formats(pk, name, NULL, &paged, &svg, &svg_len, err);
    if (!rc)
        chart_html(&pk->html, name, ch, svg, svg_len);
    free(svg);
    return rc;
}

void ckp_report_render_options(ckp_render_options *ro, const ckp_pack *pk,
                               const ckp_palette *pal, const char *input_name,
                               const char *id_prefix)
{
    ckp_render_options_init(ro);
    ro->max_nodes = pk->opts->max_nodes;
    ro->color = pk->opts->color;
    ro->palette = pal;
    ro->input_name = input_name;
    ro->id_prefix = id_prefix;
    ro->page_width = pk->opts->page_width;
    ro->page_height = pk->opts->page_height;
    ro->font_size = pk->opts->font_size;
}
