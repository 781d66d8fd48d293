/*
 * Figures for print: page sizes (`--size a4|a5|letter|WxH`), the font scale
 * of a diagram's DOT text, and the size of a laid-out diagram, so that a
 * figure can be fitted to a page without any text falling under
 * CKP_PAGE_MIN_TEXT points.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chokepoint/render.h"
#include "render_page.h"

typedef struct {
    const char *name;
    double w, h; /* points */
} named_page;

/* ISO 216 (mm) and US letter, portrait; 72 points an inch, 25.4 mm an inch. */
static const named_page pages[] = {
    {"a3", 297 * 72 / 25.4, 420 * 72 / 25.4},
    {"a4", 210 * 72 / 25.4, 297 * 72 / 25.4},
    {"a5", 148 * 72 / 25.4, 210 * 72 / 25.4},
    {"letter", 8.5 * 72, 11 * 72},
};

/* Points per unit named by `unit`, 0 when it names none. */
static double unit_points(const char *unit)
{
    if (!strcasecmp(unit, "mm"))
        return 72 / 25.4;
    if (!strcasecmp(unit, "in"))
        return 72;
    if (!strcasecmp(unit, "pt"))
        return 1;
    return 0;
}

ckp_code ckp_page_size_parse(double *w, double *h, const char *text, ckp_error *err)
{
    char *end = NULL;
    *w = *h = 0;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (!strcasecmp(text, pages[i].name)) {
            *w = pages[i].w;
            *h = pages[i].h;
            return CKP_OK;
        }
    double a = strtod(text, &end);
    if (end == text || (*end != 'x' && *end != 'X'))
        goto bad;
    const char *rest = end + 1;
    double b = strtod(rest, &end);
    if (end == rest)
        goto bad;
    double k = unit_points(end);
    if (!(k > 0))
        goto bad;
    a *= k;
    b *= k;
    /* from one inch to about five metres (Graphviz's and cairo's sizes stay sane) */
    if (!(a >= 72 && b >= 72 && a <= 14400 && b <= 14400))
        return ckp_error_set(err, CKP_EUSAGE, "page size '%s' out of range: each side from 1 in "
                                              "(25.4 mm, 72 pt) to 200 in",
                             text);
    *w = a;
    *h = b;
    return CKP_OK;
bad:
    return ckp_error_set(err, CKP_EUSAGE, "unknown page size '%s': a3, a4, a5, letter, or "
                                          "WxH with a unit (mm, in, pt), e.g. 180x120mm",
                         text);
}

/* One font size found in DOT text at `p` (digits and a point), scaled into `out`. */
static const char *scale_number(ckp_buf *out, const char *p, double f, double *min_pt)
{
    char *end = NULL;
    double v = strtod(p, &end);
    if (end == p)
        return p;
    v *= f;
    if (v < *min_pt)
        *min_pt = v;
    ckp_buf_printf(out, "%.2f", v);
    return end;
}

/*
 * The DOT text chokepoint writes sets sizes in two ways: `fontsize=N` in
 * attribute lists and `POINT-SIZE="N"` in HTML-like labels (<...>, nested).
 * Names and tooltips cannot fake either: quoted strings are skipped (their
 * quotes escaped), and text in labels is HTML-escaped, so it has no `<`,
 * `>` or `"`.
 */
void rd_scale_fonts(ckp_buf *out, const char *dot, double f, double *min_pt)
{
    static const char attr[] = "fontsize=", html[] = "POINT-SIZE=\"";
    const char *p = dot;
    int quoted = 0, depth = 0;
    *min_pt = INFINITY;
    while (*p) {
        if (quoted) {
            if (*p == '\\' && p[1]) {
                ckp_buf_put(out, p, 2);
                p += 2;
                continue;
            }
            quoted = *p != '"';
        } else if (depth) {
            if (!strncmp(p, html, sizeof html - 1)) {
                ckp_buf_puts(out, html);
                p = scale_number(out, p + sizeof html - 1, f, min_pt);
                continue;
            }
            depth += *p == '<' ? 1 : *p == '>' ? -1 : 0;
        } else if (*p == '"') {
            quoted = 1;
        } else if (*p == '<') {
            depth = 1;
        } else if (!strncmp(p, attr, sizeof attr - 1)) {
            ckp_buf_puts(out, attr);
            p = scale_number(out, p + sizeof attr - 1, f, min_pt);
            continue;
        }
        ckp_buf_put(out, p, 1);
        p++;
    }
}

/* A length attribute of the <svg> element ("1288pt"), in points; 0 when absent. */
static double svg_length(const char *svg, const char *name)
{
    const char *tag = strstr(svg, "<svg");
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *at = tag ? strstr(tag, key) : NULL;
    return at ? strtod(at + strlen(key), NULL) : 0;
}

ckp_code rd_measure(double *w, double *h, const char *dot, size_t len, ckp_error *err)
{
    ckp_figure *fig = NULL;
    char *svg = NULL;
    size_t n = 0;
    ckp_code rc;
    *w = *h = 0;
    if (!(rc = ckp_figure_new(&fig, dot, len, CKP_FIG_MASK(CKP_FIG_SVG), err)) &&
        !(rc = ckp_figure_render(fig, CKP_FIG_SVG, &svg, &n, err))) {
        *w = svg_length(svg, "width");
        *h = svg_length(svg, "height");
        if (!(*w > 0 && *h > 0))
            rc = ckp_error_set(err, CKP_EINTERNAL, "cannot read the size of a laid-out diagram");
    }
    free(svg);
    ckp_figure_free(fig);
    return rc;
}

double rd_page_scale(double w, double h, double page_w, double page_h)
{
    double s = page_w / w, t = page_h / h;
    s = t < s ? t : s;
    return s < 1 ? s : 1;
}

/* A number in a PDF or SVG: at most two decimals, no trailing zeros ("-18.5"). */
static void put_number(ckp_buf *b, double v)
{
    char x[64];
    snprintf(x, sizeof x, "%.2f", v);
    char *e = x + strlen(x);
    while (e[-1] == '0')
        *--e = '\0';
    if (e[-1] == '.')
        e[-1] = '\0';
    ckp_buf_puts(b, strcmp(x, "-0") ? x : "0");
}

/* The SVG's width and height set to the page's; its viewBox widened to centre the drawing. */
static int svg_to_page(ckp_buf *b, const char *svg, size_t len, double pw, double ph)
{
    const char *tag = strstr(svg, "<svg"), *box = tag ? strstr(tag, " viewBox=\"") : NULL;
    double w = svg_length(svg, "width"), h = svg_length(svg, "height"), v[4];
    char *end = NULL;
    if (!box || !(w > 0 && h > 0))
        return -1;
    const char *p = box + 10;
    for (int i = 0; i < 4; i++, p = end)
        v[i] = strtod(p, &end);
    const char *close = strchr(end, '"');
    if (!close)
        return -1;
    double r = v[2] / w; /* user units a point */
    ckp_buf_put(b, svg, (size_t)(tag - svg));
    ckp_buf_printf(b, "<svg width=\"%.2fpt\" height=\"%.2fpt\"\n viewBox=\"%.2f %.2f %.2f %.2f",
                   pw, ph, v[0] - r * (pw - w) / 2, v[1] - r * (ph - h) / 2, r * pw, r * ph);
    ckp_buf_put(b, close, len - (size_t)(close - svg));
    return 0;
}

/*
 * The PDF's MediaBox widened to the page around the drawing, so it sits in the
 * middle; the cross-reference offsets after it moved by the change in length.
 */
static int pdf_to_page(ckp_buf *b, const char *pdf, size_t len, double pw, double ph)
{
    static const char key[] = "/MediaBox [";
    const char *box = NULL, *xref = NULL;
    for (size_t i = 0; i + sizeof key < len && !box; i++)
        if (!memcmp(pdf + i, key, sizeof key - 1))
            box = pdf + i;
    if (!box)
        return -1;
    char *end = NULL;
    double v[4];
    const char *p = box + sizeof key - 1;
    for (int i = 0; i < 4; i++, p = end)
        v[i] = strtod(p, &end);
    const char *close = memchr(end, ']', len - (size_t)(end - pdf));
    if (!close)
        return -1;
    double mx = (pw - (v[2] - v[0])) / 2, my = (ph - (v[3] - v[1])) / 2;
    ckp_buf_put(b, pdf, (size_t)(box - pdf) + sizeof key - 1);
    const double nv[4] = {v[0] - mx, v[1] - my, v[2] + mx, v[3] + my};
    for (int i = 0; i < 4; i++) {
        ckp_buf_puts(b, " ");
        put_number(b, nv[i]);
    }
    ckp_buf_puts(b, " ");
    long delta = (long)b->len - (long)(close - pdf);
    size_t at = (size_t)(close - pdf);
    /* the table: "xref\n0 N\n" then N lines "OOOOOOOOOO GGGGG n \n"; then startxref */
    for (size_t i = at; i + 5 < len && !xref; i++)
        if (!memcmp(pdf + i, "\nxref\n", 6))
            xref = pdf + i + 1;
    const char *sx = NULL;
    for (size_t i = at; i + 10 < len; i++)
        if (!memcmp(pdf + i, "startxref\n", 10))
            sx = pdf + i;
    if (!xref || !sx || sx < xref)
        return -1;
    ckp_buf_put(b, close, (size_t)(xref - close));
    const char *line = xref;
    while (line < sx) {
        const char *nl = memchr(line, '\n', (size_t)(sx - line));
        size_t n = nl ? (size_t)(nl - line) + 1 : (size_t)(sx - line);
        long off;
        char kind;
        if (n >= 18 && sscanf(line, "%10ld %*5d %c", &off, &kind) == 2 && kind == 'n' &&
            line[10] == ' ') {
            ckp_buf_printf(b, "%010ld", off > (long)at ? off + delta : off);
            ckp_buf_put(b, line + 10, n - 10);
        } else {
            ckp_buf_put(b, line, n);
        }
        line += n;
    }
    long start = strtol(sx + 10, &end, 10);
    ckp_buf_printf(b, "startxref\n%ld", start + delta);
    ckp_buf_put(b, end, len - (size_t)(end - pdf));
    return 0;
}

ckp_code rd_page_fit(char **data, size_t *len, ckp_figure_format fmt, double pw, double ph,
                     ckp_error *err)
{
    ckp_buf b;
    int bad;
    if (!(pw > 0 && ph > 0) || (fmt != CKP_FIG_SVG && fmt != CKP_FIG_PDF))
        return CKP_OK;
    ckp_buf_init(&b);
    bad = fmt == CKP_FIG_SVG ? svg_to_page(&b, *data, *len, pw, ph)
                             : pdf_to_page(&b, *data, *len, pw, ph);
    if (bad || b.oom) {
        ckp_buf_destroy(&b);
        return bad ? ckp_error_set(err, CKP_EINTERNAL, "cannot set the page size of a %s figure",
                                   ckp_figure_format_name(fmt))
                   : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    free(*data);
    *data = ckp_buf_take(&b, len);
    return *data ? CKP_OK : ckp_error_set(err, CKP_EINTERNAL, "out of memory");
}

ckp_code rd_box_positions(double *pos, igraph_integer_t n, const char *dot, size_t len,
                          const char *prefix, int across, ckp_error *err)
{
    ckp_figure *fig = NULL;
    char *svg = NULL, key[96];
    size_t bytes = 0;
    ckp_code rc;
    for (igraph_integer_t i = 0; i < n; i++)
        pos[i] = NAN;
    if ((rc = ckp_figure_new(&fig, dot, len, CKP_FIG_MASK(CKP_FIG_SVG), err)) ||
        (rc = ckp_figure_render(fig, CKP_FIG_SVG, &svg, &bytes, err)))
        goto done;
    /* <g id="PREFIXnI" class="node"> ... the first <text x=".." y=".."> of its label */
    snprintf(key, sizeof key, "<g id=\"%sn", prefix ? prefix : "");
    for (const char *p = strstr(svg, key); p; p = strstr(p + 1, key)) {
        char *end = NULL;
        long long i = strtoll(p + strlen(key), &end, 10);
        const char *text = strstr(end, "<text ");
        if (strncmp(end, "\" class=\"node\">", 15) || i < 0 || i >= n || !text)
            continue;
        const char *at = strstr(text, across ? " x=\"" : " y=\"");
        /* Graphviz's left to right of a rank is bottom to top with rankdir=LR */
        if (at)
            pos[i] = across ? strtod(at + 4, NULL) : -strtod(at + 4, NULL);
    }
done:
    free(svg);
    ckp_figure_free(fig);
    return rc;
}
