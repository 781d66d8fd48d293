/*
 * chokepoint report: a report pack in one directory. index.html opens
 * offline (every figure inline), every figure also as SVG, PNG and PDF, the
 * analysis as JSON and CSV, and a provenance note with the inputs' SHA-256
 * checksums. Each file is written whole or not at all; nothing carries a
 * timestamp, so the same inputs give the same bytes.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chokepoint/analysis.h"
#include "chokepoint/chart.h"
#include "chokepoint/flow.h"
#include "chokepoint/io.h"
#include "chokepoint/plan.h"
#include "chokepoint/render.h"
#include "chokepoint/scenario.h"
#include "chokepoint/sha256.h"
#include "chokepoint/whatif.h"
#include "cli.h"

const char ckp_report_usage[] =
    "usage: chokepoint report [OPTIONS] NETWORK [--plan P.json ...] [--scenario S.json ...]\n"
    "                         -o DIR\n"
    "\n"
    "Writes a report pack into DIR (created if missing; its files are replaced):\n"
    "  index.html        one self-contained page that opens offline: the summary\n"
    "                    (served against demand, the top single points of failure, the\n"
    "                    most concentrated tier), the network diagram, the concentration\n"
    "                    and origin charts, each scenario and plan, their comparison,\n"
    "                    and tables of the analysis\n"
    "  figures/          every figure as .svg, .png and .pdf (diagrams also as .dot)\n"
    "  data/             the analysis as JSON (as 'analyze --format json') and CSV;\n"
    "                    scenarios and the comparison as JSON (and CSV)\n"
    "  PROVENANCE.txt    inputs and outputs with their SHA-256, versions, the command\n"
    "Details: docs/render.md.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR       the report directory (its parent must exist)\n"
    "  --plan FILE            a diversification plan (repeatable)\n"
    "  --scenario FILE        a disruption scenario (repeatable)\n"
    "  --end-user ID          origin charts for this end user (repeatable; default:\n"
    "                         every end user, the 24 with the most demand above that)\n"
    "  --color country|risk   diagram fill (default country)\n"
    "  --max-nodes N          diagrams above N nodes (default 300, at most 3000) are\n"
    "                         drawn by country, and say so\n"
    "  --tiers, --name, --unit, --max-errors ...   the input's options, as for check\n";

#define MAX_ORIGIN_CHARTS 24

/* ---- the pack: files written and their checksums ---------------------------------------- */

typedef struct {
    char *path; /* relative to the report directory */
    char sha[65];
} written;

typedef struct {
    const char *dir;
    written *files;
    size_t n, cap;
    ckp_buf html;
    igraph_integer_t max_nodes;
    int n_aggregated; /* diagrams drawn by country because of the node limit */
} pack;

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

/* Room for one more file in the list; -1 when out of memory. */
static int grow_files(pack *pk)
{
    if (pk->n < pk->cap)
        return 0;
    size_t cap = pk->cap ? 2 * pk->cap : 64;
    written *files = realloc(pk->files, cap * sizeof *files);
    if (!files)
        return -1;
    pk->files = files;
    pk->cap = cap;
    return 0;
}

/* Add `rel` with its checksum to the list of files the provenance note names. */
static int add_file(pack *pk, const char *rel, const char sha[65])
{
    ckp_error err;
    ckp_error_init(&err);
    size_t n = strlen(rel) + 1;
    char *copy = malloc(n);
    if (!copy || grow_files(pk)) {
        free(copy);
        ckp_error_set(&err, CKP_EINTERNAL, "out of memory");
        return ckp_cli_fail(&err);
    }
    memcpy(copy, rel, n);
    pk->files[pk->n].path = copy;
    memcpy(pk->files[pk->n].sha, sha, 65);
    pk->n++;
    return 0;
}

/* Write DIR/rel whole or not at all, and note its checksum for the provenance. */
static int put_file(pack *pk, const char *rel, const void *data, size_t len)
{
    ckp_error err;
    char sha[65];
    ckp_error_init(&err);
    char *path = join(pk->dir, rel);
    if (!path) {
        ckp_error_set(&err, CKP_EINTERNAL, "out of memory");
        return ckp_cli_fail(&err);
    }
    ckp_code rc = ckp_write_file_atomic(path, data, len, &err);
    free(path);
    if (rc)
        return ckp_cli_fail(&err);
    ckp_sha256_hex(sha, data, len);
    return add_file(pk, rel, sha);
}

/* Note a file another command wrote (its checksum read back). */
static int note_file(pack *pk, const char *rel)
{
    ckp_error err;
    char sha[65];
    ckp_error_init(&err);
    char *path = join(pk->dir, rel);
    if (!path) {
        ckp_error_set(&err, CKP_EINTERNAL, "out of memory");
        return ckp_cli_fail(&err);
    }
    ckp_code rc = ckp_sha256_file(sha, path, &err);
    free(path);
    if (rc)
        return ckp_cli_fail(&err);
    return add_file(pk, rel, sha);
}

static int make_dir(const char *path)
{
    struct stat st;
    if (mkdir(path, 0777) == 0)
        return 0;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    fprintf(stderr, "chokepoint: cannot create directory '%s': %s\n", path,
            errno == EEXIST ? "a file of that name is in the way" : strerror(errno));
    return CKP_EIO;
}

/* ---- text helpers -------------------------------------------------------------------------- */

static void html(ckp_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            ckp_buf_puts(b, "&amp;");
            break;
        case '<':
            ckp_buf_puts(b, "&lt;");
            break;
        case '>':
            ckp_buf_puts(b, "&gt;");
            break;
        case '"':
            ckp_buf_puts(b, "&quot;");
            break;
        default:
            ckp_buf_printf(b, "%c", *s);
        }
    }
}

static const char *num(char *out, size_t size, double v)
{
    return ckp_fmt_number(out, size, fabs(v) >= 10 ? round(v) : round(v * 10) / 10, 1);
}

static double pct(double part, double whole)
{
    return whole > 0 ? 100 * part / whole : 0;
}

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

/* A file-name part from an id or a file name: letters, digits, '-' and '_'. */
static void slug(char *out, size_t size, const char *s)
{
    size_t o = 0;
    const char *base = strrchr(s, '/');
    base = base ? base + 1 : s;
    for (const char *p = base; *p && o + 1 < size && o < 48; p++) {
        if (!strcmp(p, ".json"))
            break;
        char c = *p;
        out[o++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_')
                       ? c
                       : '_';
    }
    out[o] = '\0';
    if (!o)
        snprintf(out, size, "x");
}

/* The part of an SVG document from "<svg" on: what can be inlined in HTML. */
static const char *svg_element(const char *svg)
{
    const char *p = strstr(svg, "<svg");
    return p ? p : svg;
}

/* ---- figures -------------------------------------------------------------------------------- */

/*
 * Write a diagram as figures/NAME.{dot,svg,png,pdf}; keep its SVG for the page.
 * `note` receives what the caller should print when the diagram aggregated.
 */
static int diagram_files(pack *pk, const char *name, const ckp_network *net,
                         ckp_render_options *ro, char **svg_out, ckp_render_info *info)
{
    ckp_error err;
    char *dot = NULL, *data = NULL;
    size_t dot_len = 0, len = 0;
    ckp_figure *fig = NULL;
    char rel[256];
    int rc = 0;
    ckp_error_init(&err);
    *svg_out = NULL;
    if (ckp_render_dot(&dot, &dot_len, info, net, ro, &err) ||
        ckp_figure_new(&fig, dot, dot_len, CKP_FIG_ALL, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    if (info->aggregated) {
        fprintf(stderr, "chokepoint: note: %s: %s\n", name, info->note);
        pk->n_aggregated++;
    }
    snprintf(rel, sizeof rel, "figures/%s.dot", name);
    if ((rc = put_file(pk, rel, dot, dot_len)))
        goto done;
    for (int f = CKP_FIG_SVG; f <= CKP_FIG_PDF; f++) {
        if (ckp_figure_render(fig, (ckp_figure_format)f, &data, &len, &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
        snprintf(rel, sizeof rel, "figures/%s.%s", name,
                 ckp_figure_format_name((ckp_figure_format)f));
        if ((rc = put_file(pk, rel, data, len)))
            goto done;
        if (f == CKP_FIG_SVG) {
            *svg_out = data;
            data = NULL;
        }
        free(data);
        data = NULL;
    }
done:
    free(dot);
    free(data);
    ckp_figure_free(fig);
    return rc;
}

/* Write a chart as figures/NAME.{svg,png,pdf}; keep its SVG for the page. */
static int chart_files(pack *pk, const char *name, const ckp_chart *ch, char **svg_out,
                       size_t *svg_len)
{
    ckp_error err;
    char *data = NULL, rel[256];
    size_t len = 0;
    int rc = 0;
    ckp_error_init(&err);
    *svg_out = NULL;
    for (int f = CKP_FIG_SVG; f <= CKP_FIG_PDF; f++) {
        if (ckp_chart_render(ch, (ckp_figure_format)f, &data, &len, &err))
            return ckp_cli_fail(&err);
        snprintf(rel, sizeof rel, "figures/%s.%s", name,
                 ckp_figure_format_name((ckp_figure_format)f));
        rc = put_file(pk, rel, data, len);
        if (!rc && f == CKP_FIG_SVG) {
            *svg_out = data;
            *svg_len = len;
            data = NULL;
        }
        free(data);
        data = NULL;
        if (rc)
            return rc;
    }
    return 0;
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

/* A cairo chart on the page: an <img> with the SVG as a data: URI (ids stay private). */
static void chart_html(ckp_buf *b, const char *name, const ckp_chart *ch, const char *svg,
                       size_t len)
{
    ckp_buf_puts(b, "<figure class=\"chart\"><img alt=\"");
    html(b, ch->title);
    ckp_buf_puts(b, "\" src=\"data:image/svg+xml;base64,");
    base64(b, (const unsigned char *)svg, len);
    ckp_buf_puts(b, "\">\n");
    figure_links(b, name, 0);
    ckp_buf_puts(b, "</figure>\n");
}

/* A diagram on the page: the SVG inline, so that its tooltips work. */
static void diagram_html(ckp_buf *b, const char *name, const char *svg,
                         const ckp_render_info *info)
{
    if (info->aggregated) {
        ckp_buf_puts(b, "<p class=\"note\">Aggregated: ");
        html(b, info->note);
        ckp_buf_puts(b, ".</p>\n");
    }
    ckp_buf_puts(b, "<figure class=\"diagram\">\n");
    ckp_buf_puts(b, svg_element(svg));
    ckp_buf_puts(b, "</figure>\n");
    figure_links(b, name, 1);
}

/* ---- CSV --------------------------------------------------------------------------------------
 */

static void csv_field(ckp_buf *b, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        ckp_buf_puts(b, s);
        return;
    }
    ckp_buf_puts(b, "\"");
    for (; *s; s++)
        ckp_buf_printf(b, *s == '"' ? "\"\"" : "%c", *s);
    ckp_buf_puts(b, "\"");
}

static void csv_num(ckp_buf *b, double v)
{
    if (isfinite(v))
        ckp_buf_printf(b, ",%.17g", v == 0 ? 0.0 : v);
    else
        ckp_buf_puts(b, ",");
}

static int write_csvs(pack *pk, const ckp_network *net, const ckp_analysis *a)
{
    int rc = 0;
    igraph_integer_t n = ckp_network_node_count(net);
    ckp_buf b;
    char *spof = calloc((size_t)(n ? n : 1), 1);
    igraph_integer_t *order = ckp_cli_nodes_by_id(net);
    if (!spof || !order) {
        free(spof);
        free(order);
        return CKP_EINTERNAL;
    }
    for (igraph_integer_t i = 0; i < a->n_spofs; i++)
        spof[a->spofs[i].node] = 1;

    ckp_buf_init(&b);
    ckp_buf_puts(&b, "id,name,tier,country,owner,capacity,demand,throughput,flow,flow_at_risk,"
                     "dominated_demand,betweenness,single_point_of_failure\r\n");
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t v = order[i];
        int user = ckp_node_tier(net, v) == ckp_network_tier_count(net) - 1;
        csv_field(&b, ckp_node_id(net, v));
        ckp_buf_puts(&b, ",");
        csv_field(&b, ckp_node_name(net, v));
        ckp_buf_puts(&b, ",");
        csv_field(&b, ckp_network_tier_name(net, ckp_node_tier(net, v)));
        ckp_buf_printf(&b, ",%s,", ckp_node_country(net, v));
        csv_field(&b, ckp_node_owner(net, v));
        csv_num(&b, ckp_node_capacity(net, v));
        csv_num(&b, user ? ckp_node_demand(net, v) : NAN);
        csv_num(&b, a->throughput[v]);
        csv_num(&b, a->flow[v]);
        csv_num(&b, a->flow_at_risk[v]);
        csv_num(&b, a->dominated_demand[v]);
        csv_num(&b, a->betweenness[v]);
        ckp_buf_printf(&b, ",%s\r\n", spof[v] ? "true" : "false");
    }
    if (b.oom || (rc = put_file(pk, "data/nodes.csv", b.data, b.len)))
        goto done;

    ckp_buf_destroy(&b);
    ckp_buf_puts(&b, "tier,basis,total,hhi,country,nodes,amount,share\r\n");
    for (igraph_integer_t t = 0; t < a->n_tiers; t++) {
        const ckp_tier_concentration *c = &a->concentration[t];
        for (igraph_integer_t i = 0; i < c->n_countries; i++) {
            csv_field(&b, ckp_network_tier_name(net, t));
            ckp_buf_printf(&b, ",%s", ckp_basis_name(c->basis));
            csv_num(&b, c->total);
            csv_num(&b, c->hhi);
            ckp_buf_printf(&b, ",%s,%lld", c->countries[i].name, (long long)c->countries[i].nodes);
            csv_num(&b, c->countries[i].amount);
            csv_num(&b, c->countries[i].share);
            ckp_buf_puts(&b, "\r\n");
        }
    }
    if (b.oom || (rc = put_file(pk, "data/concentration.csv", b.data, b.len)))
        goto done;

    ckp_buf_destroy(&b);
    ckp_buf_puts(&b, "end_user,tier,country,share\r\n");
    const ckp_dependency *d = &a->dependency;
    for (igraph_integer_t k = 0; k < d->n_end_users; k++)
        for (igraph_integer_t t = 0; t < d->n_tiers; t++) {
            const ckp_tier_origin *o = &d->tiers[t];
            for (igraph_integer_t c = 0; c < o->n_countries; c++) {
                double s = o->shares[k * o->n_countries + c];
                if (!(s > 0))
                    continue;
                csv_field(&b, ckp_node_id(net, d->end_users[k]));
                ckp_buf_puts(&b, ",");
                csv_field(&b, ckp_network_tier_name(net, t));
                ckp_buf_printf(&b, ",%s", ckp_network_country_name(net, o->countries[c]));
                csv_num(&b, s);
                ckp_buf_puts(&b, "\r\n");
            }
            csv_field(&b, ckp_node_id(net, d->end_users[k]));
            ckp_buf_puts(&b, ",");
            csv_field(&b, ckp_network_tier_name(net, t));
            ckp_buf_puts(&b, ",unattributed");
            csv_num(&b, ckp_dependency_unattributed(d, k, t));
            ckp_buf_puts(&b, "\r\n");
        }
    if (b.oom || (rc = put_file(pk, "data/origins.csv", b.data, b.len)))
        goto done;

    ckp_buf_destroy(&b);
    ckp_buf_puts(&b, "id,demand,served,reachable,redundancy,redundancy_exact,dominators\r\n");
    for (igraph_integer_t k = 0; k < a->n_end_users; k++) {
        const ckp_end_user *e = &a->end_users[k];
        csv_field(&b, ckp_node_id(net, e->node));
        csv_num(&b, e->demand);
        csv_num(&b, e->served);
        ckp_buf_printf(&b, ",%s,%lld,%s,", e->reachable ? "true" : "false",
                       (long long)e->redundancy, e->redundancy_exact ? "true" : "false");
        ckp_buf tmp;
        ckp_buf_init(&tmp);
        for (igraph_integer_t i = 0; i < e->n_dominators; i++)
            ckp_buf_printf(&tmp, "%s%s", i ? " " : "", ckp_node_id(net, e->dominators[i]));
        csv_field(&b, tmp.data ? tmp.data : "");
        ckp_buf_destroy(&tmp);
        ckp_buf_puts(&b, "\r\n");
    }
    if (b.oom || (rc = put_file(pk, "data/end_users.csv", b.data, b.len)))
        goto done;

    ckp_buf_destroy(&b);
    ckp_buf_puts(&b, "id,tier,country,dominated_demand,flow_at_risk,end_users\r\n");
    for (igraph_integer_t i = 0; i < a->n_spofs; i++) {
        const ckp_spof *s = &a->spofs[i];
        csv_field(&b, ckp_node_id(net, s->node));
        ckp_buf_puts(&b, ",");
        csv_field(&b, ckp_network_tier_name(net, ckp_node_tier(net, s->node)));
        ckp_buf_printf(&b, ",%s", ckp_node_country(net, s->node));
        csv_num(&b, s->dominated_demand);
        csv_num(&b, a->flow_at_risk[s->node]);
        ckp_buf_puts(&b, ",");
        ckp_buf tmp;
        ckp_buf_init(&tmp);
        for (igraph_integer_t k = 0; k < s->n_end_users; k++)
            ckp_buf_printf(&tmp, "%s%s", k ? " " : "", ckp_node_id(net, s->end_users[k]));
        csv_field(&b, tmp.data ? tmp.data : "");
        ckp_buf_destroy(&tmp);
        ckp_buf_puts(&b, "\r\n");
    }
    if (b.oom || (rc = put_file(pk, "data/single_points_of_failure.csv", b.data, b.len)))
        goto done;
done:
    if (!rc && b.oom)
        rc = CKP_EINTERNAL;
    ckp_buf_destroy(&b);
    free(spof);
    free(order);
    return rc;
}

/* Run another command's JSON or CSV writer into the pack, so both outputs stay one format. */
static int run_command(pack *pk, int (*cmd)(int, char **), const char *rel, char **args,
                       int nargs)
{
    char *path = join(pk->dir, rel);
    char **argv = calloc((size_t)nargs + 4, sizeof *argv);
    int rc;
    if (!path || !argv) {
        free(path);
        free(argv);
        return CKP_EINTERNAL;
    }
    /*
     * glibc's getopt keeps state between scans and reinitialises only when optind is 0;
     * the commands set it to 1. A scan of an empty argument list with optind 0 resets it.
     */
    char *none[] = {args[0], NULL};
    optind = 0;
    getopt(1, none, "");
    optind = 1;
    argv[0] = args[0];
    argv[1] = "-o";
    argv[2] = path;
    for (int i = 1; i < nargs; i++)
        argv[i + 2] = args[i];
    rc = cmd(nargs + 2, argv);
    if (!rc)
        rc = note_file(pk, rel);
    free(path);
    free(argv);
    return rc;
}

/* The network arguments of another command: the paths and the network options. */
static int network_args(char **args, int na, char **paths, int npaths,
                        const ckp_cli_netopts *lopts)
{
    for (int i = 0; i < npaths; i++)
        args[na++] = paths[i];
    return ckp_cli_netopts_args(args, na, lopts);
}

/* ---- the page ----------------------------------------------------------------------------- */

static const char page_style[] =
    "body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#222;margin:0 auto;"
    "max-width:1200px;padding:0 24px 48px;line-height:1.45}"
    "h1{font-size:28px;margin:24px 0 4px}h2{margin-top:40px;border-bottom:1px solid #ccc;"
    "padding-bottom:4px}h3{margin-top:28px}"
    ".sub{color:#555;margin:0 0 12px}nav a{margin-right:14px}"
    ".cards{display:flex;flex-wrap:wrap;gap:14px}.card{border:1px solid #ccc;border-radius:8px;"
    "padding:12px 16px;min-width:220px;flex:1}.big{font-size:24px;font-weight:bold}"
    "figure{margin:16px 0}figure img{width:100%;height:auto;border:1px solid #e3e3e3}"
    /* diagrams at their own size, scrolled: scaled to the page their text would be too small */
    "figure.diagram{overflow:auto;max-height:1100px;border:1px solid #e3e3e3}"
    "figure.diagram svg{display:block}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(900px,1fr));gap:12px}"
    "table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}"
    "th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left;vertical-align:top}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".files{font-size:13px;color:#555;margin:4px 0}.note{color:#a50026;font-weight:bold}"
    "code{font-size:13px;word-break:break-all}.muted{color:#555}";

static void summary_html(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    char x[64], y[64], z[64];
    const char *unit = ckp_network_unit(net);
    ckp_buf_puts(b, "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">\n");
    ckp_buf_printf(b, "<div class=\"card\"><div class=\"big\">%.1f%%</div>served: %s of a "
                      "demand of %s ",
                   pct(a->served, a->demand), num(x, sizeof x, a->served),
                   num(y, sizeof y, a->demand));
    html(b, unit);
    ckp_buf_printf(b, " (shortfall %s)</div>\n",
                   num(z, sizeof z, ckp_round_flow(a->demand - a->served)));
    ckp_buf_printf(b, "<div class=\"card\"><div class=\"big\">%lld</div>single points of "
                      "failure: nodes whose loss alone cuts off an end user</div>\n",
                   (long long)a->n_spofs);
    igraph_integer_t top = -1;
    for (igraph_integer_t t = 0; t < a->n_tiers; t++)
        if (a->concentration[t].basis != CKP_BASIS_NONE && a->concentration[t].n_countries &&
            (top < 0 || a->concentration[t].hhi > a->concentration[top].hhi))
            top = t;
    if (top >= 0) {
        const ckp_tier_concentration *c = &a->concentration[top];
        ckp_buf_printf(b, "<div class=\"card\"><div class=\"big\">HHI %s</div>the most "
                          "concentrated tier: <b>",
                       ckp_fmt_number(x, sizeof x, round(c->hhi), 0));
        html(b, ckp_network_tier_name(net, top));
        ckp_buf_printf(b, "</b>, %s %.1f%% of its %s</div>\n", c->countries[0].name,
                       100 * c->countries[0].share, ckp_basis_name(c->basis));
    }
    if (a->n_countries) {
        const ckp_country_risk *c = &a->countries[0];
        ckp_buf_printf(b, "<div class=\"card\"><div class=\"big\">%s %.0f%%</div>of served "
                          "demand is lost if every node in %s is lost (%s)</div>\n",
                       ckp_network_country_name(net, c->country), pct(c->flow_at_risk, a->served),
                       ckp_network_country_name(net, c->country),
                       num(x, sizeof x, c->flow_at_risk));
    }
    ckp_buf_puts(b, "</div>\n<h3>Top single points of failure</h3>\n");
    if (!a->n_spofs) {
        ckp_buf_puts(b, "<p>None: every end user can be reached around any single node.</p>\n");
    } else {
        ckp_buf_puts(b, "<table><tr><th>node</th><th>tier</th><th>country</th>"
                        "<th class=\"n\">demand cut off</th><th class=\"n\">flow at risk</th>"
                        "<th>end users cut off</th></tr>\n");
        for (igraph_integer_t i = 0; i < a->n_spofs && i < 10; i++) {
            const ckp_spof *s = &a->spofs[i];
            ckp_buf_puts(b, "<tr><td>");
            html(b, ckp_node_name(net, s->node));
            ckp_buf_puts(b, " <span class=\"muted\">(");
            html(b, ckp_node_id(net, s->node));
            ckp_buf_puts(b, ")</span></td><td>");
            html(b, ckp_network_tier_name(net, ckp_node_tier(net, s->node)));
            ckp_buf_printf(b, "</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
                           ckp_node_country(net, s->node),
                           num(x, sizeof x, s->dominated_demand),
                           num(y, sizeof y, a->flow_at_risk[s->node]));
            for (igraph_integer_t k = 0; k < s->n_end_users && k < 6; k++) {
                ckp_buf_puts(b, k ? ", " : "");
                html(b, ckp_node_id(net, s->end_users[k]));
            }
            if (s->n_end_users > 6)
                ckp_buf_printf(b, " and %lld more", (long long)(s->n_end_users - 6));
            ckp_buf_puts(b, "</td></tr>\n");
        }
        ckp_buf_puts(b, "</table>\n");
        if (a->n_spofs > 10)
            ckp_buf_printf(b, "<p class=\"muted\">%lld more in "
                              "<a href=\"data/single_points_of_failure.csv\">data/single_points_"
                              "of_failure.csv</a>.</p>\n",
                           (long long)(a->n_spofs - 10));
    }
    ckp_buf_puts(b, "</section>\n");
}

static void tables_html(ckp_buf *b, const ckp_network *net, const ckp_analysis *a)
{
    char x[64], y[64];
    ckp_buf_puts(b, "<section id=\"tables\"><h2>Tables of the analysis</h2>\n");
    ckp_buf_puts(b, "<h3>Concentration by tier</h3>\n<table><tr><th>tier</th><th>basis</th>"
                    "<th class=\"n\">total</th><th class=\"n\">HHI</th><th>countries by share</th>"
                    "</tr>\n");
    for (igraph_integer_t t = 0; t < a->n_tiers; t++) {
        const ckp_tier_concentration *c = &a->concentration[t];
        ckp_buf_puts(b, "<tr><td>");
        html(b, ckp_network_tier_name(net, t));
        ckp_buf_printf(b, "</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
                       ckp_basis_name(c->basis), num(x, sizeof x, c->total),
                       c->basis == CKP_BASIS_NONE ? "-"
                                                  : ckp_fmt_number(y, sizeof y, round(c->hhi), 0));
        for (igraph_integer_t i = 0; i < c->n_countries && i < 8; i++)
            ckp_buf_printf(b, "%s%s %.1f%%", i ? ", " : "", c->countries[i].name,
                           100 * c->countries[i].share);
        if (c->n_countries > 8)
            ckp_buf_printf(b, " and %lld more", (long long)(c->n_countries - 8));
        ckp_buf_puts(b, "</td></tr>\n");
    }
    ckp_buf_puts(b, "</table>\n");

    /* flow at risk by node, largest first, ties by id */
    igraph_integer_t m = 0;
    igraph_integer_t *idx = ckp_cli_nodes_by_risk(net, a->flow_at_risk, &m);
    ckp_buf_printf(b, "<h3>Flow at risk by node</h3>\n<p class=\"muted\">Served demand lost "
                      "when the node alone is lost (flows reroute); %s. The 20 largest; all "
                      "in <a href=\"data/nodes.csv\">data/nodes.csv</a>.</p>\n",
                   a->risk_exact_all ? "exact for every node"
                                     : "computed for the busiest nodes and every single point "
                                       "of failure");
    ckp_buf_puts(b,
                 "<table><tr><th>node</th><th>tier</th><th>country</th><th class=\"n\">at "
                 "risk</th><th class=\"n\">of served</th><th class=\"n\">throughput</th></tr>\n");
    for (igraph_integer_t i = 0; idx && i < m && i < 20; i++) {
        igraph_integer_t v = idx[i];
        ckp_buf_puts(b, "<tr><td>");
        html(b, ckp_node_name(net, v));
        ckp_buf_puts(b, "</td><td>");
        html(b, ckp_network_tier_name(net, ckp_node_tier(net, v)));
        ckp_buf_printf(b, "</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%.1f%%</td>"
                          "<td class=\"n\">%s</td></tr>\n",
                       ckp_node_country(net, v), num(x, sizeof x, a->flow_at_risk[v]),
                       pct(a->flow_at_risk[v], a->served), num(y, sizeof y, a->throughput[v]));
    }
    ckp_buf_puts(b, "</table>\n");
    free(idx);

    ckp_buf_puts(b, "<h3>Flow at risk by country</h3>\n<p class=\"muted\">Served demand lost "
                    "when every node of the country is lost.</p>\n<table><tr><th>country</th>"
                    "<th class=\"n\">nodes</th><th class=\"n\">at risk</th><th class=\"n\">of "
                    "served</th></tr>\n");
    for (igraph_integer_t i = 0; i < a->n_countries; i++) {
        const ckp_country_risk *c = &a->countries[i];
        ckp_buf_printf(b, "<tr><td>%s</td><td class=\"n\">%lld</td><td class=\"n\">%s</td>"
                          "<td class=\"n\">%.1f%%</td></tr>\n",
                       ckp_network_country_name(net, c->country), (long long)c->nodes,
                       num(x, sizeof x, c->flow_at_risk), pct(c->flow_at_risk, a->served));
    }
    ckp_buf_puts(b, "</table>\n");

    ckp_buf_puts(b, "<h3>End users</h3>\n<table><tr><th>end user</th><th class=\"n\">demand"
                    "</th><th class=\"n\">served</th><th class=\"n\">routes</th><th>single "
                    "points of failure upstream</th></tr>\n");
    for (igraph_integer_t k = 0; k < a->n_end_users; k++) {
        const ckp_end_user *e = &a->end_users[k];
        ckp_buf_puts(b, "<tr><td>");
        html(b, ckp_node_name(net, e->node));
        ckp_buf_printf(b, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">",
                       num(x, sizeof x, e->demand), num(y, sizeof y, e->served));
        if (!e->reachable)
            ckp_buf_puts(b, "none");
        else
            ckp_buf_printf(b, "%s%lld", e->redundancy_exact ? "" : "&ge;",
                           (long long)e->redundancy);
        ckp_buf_puts(b, "</td><td>");
        for (igraph_integer_t i = 0; i < e->n_dominators; i++) {
            ckp_buf_puts(b, i ? ", " : "");
            html(b, ckp_node_id(net, e->dominators[i]));
        }
        if (!e->n_dominators)
            ckp_buf_puts(b, "-");
        ckp_buf_puts(b, "</td></tr>\n");
    }
    ckp_buf_puts(b, "</table>\n</section>\n");
}

/* ---- the command ----------------------------------------------------------------------------- */

typedef struct {
    igraph_integer_t node;
    double demand;
    const char *id;
} user_pick;

static int by_demand(const void *pa, const void *pb)
{
    const user_pick *a = pa, *b = pb;
    if (a->demand != b->demand)
        return a->demand > b->demand ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int by_node(const void *pa, const void *pb)
{
    const user_pick *a = pa, *b = pb;
    return strcmp(a->id, b->id);
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

typedef struct {
    const char *path;
    char sha[65];
    long long bytes;
} input_file;

static int input_checksum(input_file *in, const char *path)
{
    ckp_error err;
    struct stat st;
    ckp_error_init(&err);
    in->path = path;
    if (ckp_sha256_file(in->sha, path, &err))
        return ckp_cli_fail(&err);
    in->bytes = stat(path, &st) == 0 ? (long long)st.st_size : -1;
    return 0;
}

int ckp_cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},    {"plan", required_argument, NULL, 'p'},
        {"scenario", required_argument, NULL, 's'},  {"end-user", required_argument, NULL, 'u'},
        {"color", required_argument, NULL, 'c'},     {"max-nodes", required_argument, NULL, 'm'},
        CKP_CLI_NETOPTS, {NULL, 0, NULL, 0},
    };
    const char *dir = NULL;
    int rc = 0, c, nplans = 0, nscen = 0, nusers = 0;
    char **plan_paths = calloc((size_t)argc + 1, sizeof *plan_paths);
    char **scen_paths = calloc((size_t)argc + 1, sizeof *scen_paths);
    const char **user_ids = calloc((size_t)argc + 1, sizeof *user_ids);
    long long max_nodes = CKP_RENDER_MAX_NODES;
    ckp_render_color color = CKP_COLOR_BY_COUNTRY;
    /* the command as typed, for the provenance note: getopt reorders argv */
    char **typed = calloc((size_t)argc + 1, sizeof *typed);
    ckp_cli_netopts lopts;
    int taken;
    ckp_cli_netopts_init(&lopts);
    if (!plan_paths || !scen_paths || !user_ids || !typed) {
        free(plan_paths);
        free(scen_paths);
        free(user_ids);
        free(typed);
        return CKP_EINTERNAL;
    }
    memcpy(typed, argv, (size_t)argc * sizeof *typed);
    opterr = 0;
    optind = 1;
    while (!rc && (c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (ckp_cli_parse_output(&dir, "report", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'p':
            plan_paths[nplans++] = optarg;
            break;
        case 's':
            scen_paths[nscen++] = optarg;
            break;
        case 'u':
            user_ids[nusers++] = optarg;
            break;
        case 'c':
            if (ckp_cli_parse_color(&color, "report", optarg))
                rc = CKP_EUSAGE;
            break;
        case 'm':
            if (ckp_cli_parse_max_nodes(&max_nodes, "report", optarg))
                rc = CKP_EUSAGE;
            break;
        default:
            if ((taken = ckp_cli_netopt(&lopts, "report", c, optarg)) != 0) {
                if (taken < 0)
                    rc = CKP_EUSAGE;
                break;
            }
            rc = ckp_cli_usage("report", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    /* the commands run for the data files move optind: keep where the paths are */
    char **paths = argv + optind;
    int npos = argc - optind;
    int npaths = ckp_cli_network_paths(paths, npos);
    if (!rc) {
        if (npaths == 0)
            rc = ckp_cli_usage("report", "no network given");
        else if (npos != npaths)
            rc = ckp_cli_usage("report", "unexpected argument '%s': plans and scenarios go "
                                         "after --plan and --scenario",
                               paths[npaths]);
        else if (!dir)
            rc = ckp_cli_usage("report", "no output directory given: -o DIR");
        for (int i = 0; !rc && i < npaths; i++)
            if (!strcmp(paths[i], "-"))
                rc = ckp_cli_usage("report", "the report needs the network as a file, not "
                                             "standard input: its checksum goes into the "
                                             "provenance note");
    }

    pack pk;
    ckp_network *net = NULL;
    ckp_analysis a;
    ckp_palette pal;
    ckp_chart ch;
    ckp_error err;
    ckp_comparison cmp;
    ckp_network **plan_nets = calloc((size_t)nplans + 1, sizeof *plan_nets);
    char **plan_names = calloc((size_t)nplans + 1, sizeof *plan_names);
    ckp_plan_info *plan_info = calloc((size_t)nplans + 1, sizeof *plan_info);
    ckp_scenario **scens = calloc((size_t)nscen + 1, sizeof *scens);
    input_file *inputs = calloc((size_t)(npaths + nplans + nscen) + 1, sizeof *inputs);
    user_pick *picks = NULL;
    char *svg = NULL, name[256], s1[64];
    size_t svg_len = 0;
    ckp_render_info info;
    ckp_render_options ro;
    memset(&pk, 0, sizeof pk);
    memset(&cmp, 0, sizeof cmp);
    ckp_analysis_init(&a);
    ckp_chart_init(&ch);
    ckp_error_init(&err);
    ckp_buf_init(&pk.html);
    if (rc)
        goto done;
    if (!plan_nets || !plan_names || !plan_info || !scens || !inputs) {
        rc = CKP_EINTERNAL;
        goto done;
    }
    pk.dir = dir;
    pk.max_nodes = (igraph_integer_t)max_nodes;

    /* inputs first: a bad input must not leave a half-made directory */
    if ((rc = ckp_cli_load(&net, paths, npaths, &lopts)))
        goto done;
    for (int p = 0; p < nplans; p++) {
        if (ckp_plan_apply_file(&plan_nets[p], &plan_info[p], net, plan_paths[p], &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
        plan_names[p] = plan_info[p].name;
    }
    for (int s = 0; s < nscen; s++) {
        if (ckp_scenario_load(&scens[s], net, scen_paths[s], &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
        for (igraph_integer_t i = 0; i < scens[s]->warnings.n; i++)
            fprintf(stderr, "chokepoint: warning: %s\n", scens[s]->warnings.items[i]);
    }
    int ninputs = 0;
    for (int i = 0; i < npaths; i++)
        if ((rc = input_checksum(&inputs[ninputs++], paths[i])))
            goto done;
    for (int p = 0; p < nplans; p++)
        if ((rc = input_checksum(&inputs[ninputs++], plan_paths[p])))
            goto done;
    for (int s = 0; s < nscen; s++)
        if ((rc = input_checksum(&inputs[ninputs++], scen_paths[s])))
            goto done;
    /* origin charts: the end users asked for, else all (the largest by demand past the cap) */
    igraph_integer_t last = ckp_network_tier_count(net) - 1, npicks = 0;
    picks = malloc(((size_t)ckp_network_node_count(net) + 1) * sizeof *picks);
    if (!picks) {
        rc = CKP_EINTERNAL;
        goto done;
    }
    if (nusers) {
        for (int i = 0; i < nusers; i++) {
            igraph_integer_t v = ckp_network_find(net, user_ids[i]);
            if (v < 0 || ckp_node_tier(net, v) != last) {
                ckp_error_set(&err, CKP_EDATA, "--end-user: '%s' is %s", user_ids[i],
                              v < 0 ? "not a node of the network"
                                    : "not an end user (a node of the last tier)");
                rc = ckp_cli_fail(&err);
                goto done;
            }
            picks[npicks++] = (user_pick){v, ckp_node_demand(net, v), ckp_node_id(net, v)};
        }
    } else {
        for (igraph_integer_t v = 0; v < ckp_network_node_count(net); v++)
            if (ckp_node_tier(net, v) == last)
                picks[npicks++] = (user_pick){v, ckp_node_demand(net, v), ckp_node_id(net, v)};
        if (npicks > MAX_ORIGIN_CHARTS) {
            qsort(picks, (size_t)npicks, sizeof *picks, by_demand);
            npicks = MAX_ORIGIN_CHARTS;
        }
        qsort(picks, (size_t)npicks, sizeof *picks, by_node);
    }

    if ((rc = make_dir(dir)))
        goto done;
    {
        char *fd = join(dir, "figures"), *dd = join(dir, "data");
        rc = !fd || !dd ? CKP_EINTERNAL : make_dir(fd) ? CKP_EIO : make_dir(dd);
        free(fd);
        free(dd);
        if (rc)
            goto done;
    }

    ckp_analysis_options aopts; /* analyze's defaults: data/analysis.json records them */
    ckp_analysis_options_init(&aopts);
    if (ckp_analyze(&a, net, &aopts, &err) || ckp_palette_for_network(&pal, net, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    const char *input_name = strrchr(paths[0], '/') ? strrchr(paths[0], '/') + 1
                                                        : paths[0];
    ckp_buf *b = &pk.html;
    char x[64], y[64];

    /* the page's head and the summary */
    ckp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
    html(b, ckp_network_name(net));
    ckp_buf_puts(b, " · chokepoint report</title>\n<style>");
    ckp_buf_puts(b, page_style);
    ckp_buf_puts(b, "</style>\n</head>\n<body>\n<header>\n<h1>");
    html(b, ckp_network_name(net));
    ckp_buf_puts(b, "</h1>\n<p class=\"sub\">");
    html(b, ckp_network_unit(net));
    if (!isnan(ckp_network_year(net)))
        ckp_buf_printf(b, " · %.0f", ckp_network_year(net));
    ckp_buf_printf(b, " · %lld nodes, %lld edges, %lld tiers · ",
                   (long long)ckp_network_node_count(net), (long long)ckp_network_edge_count(net),
                   (long long)ckp_network_tier_count(net));
    html(b, input_name);
    ckp_buf_puts(b, "</p>\n");
    if (ckp_network_description(net)) {
        ckp_buf_puts(b, "<details><summary>About this network</summary><p>");
        html(b, ckp_network_description(net));
        ckp_buf_puts(b, "</p></details>\n");
    }
    ckp_buf_puts(b, "<nav><a href=\"#summary\">Summary</a><a href=\"#network\">Network</a>"
                    "<a href=\"#concentration\">Concentration</a><a href=\"#origins\">Origins</a>");
    if (nscen)
        ckp_buf_puts(b, "<a href=\"#scenarios\">Scenarios</a>");
    if (nplans || nscen)
        ckp_buf_puts(b, "<a href=\"#comparison\">Comparison</a>");
    if (nplans)
        ckp_buf_puts(b, "<a href=\"#plans\">Plans</a>");
    ckp_buf_puts(b, "<a href=\"#tables\">Tables</a><a href=\"#files\">Files</a>"
                    "<a href=\"#provenance\">Provenance</a></nav>\n</header>\n");
    summary_html(b, net, &a);

    /* the network diagram */
    ckp_render_options_init(&ro);
    ro.max_nodes = pk.max_nodes;
    ro.color = color;
    ro.palette = &pal;
    ro.analysis = &a;
    ro.input_name = input_name;
    ro.id_prefix = "net-";
    if ((rc = diagram_files(&pk, "network", net, &ro, &svg, &info)))
        goto done;
    ckp_buf_puts(b, "<section id=\"network\"><h2>The network</h2>\n<p>Tiers from sources "
                    "(left) to end users (right), at full size: scroll to see all of it, or open "
                    "the SVG. Hover over a box or an arrow for its figures.</p>\n");
    diagram_html(b, "network", svg, &info);
    free(svg);
    svg = NULL;
    ckp_buf_puts(b, "</section>\n");

    /* concentration */
    if (ckp_chart_concentration(&ch, net, a.concentration, &pal, input_name, &err)) {
        rc = ckp_cli_fail(&err);
        goto done;
    }
    if ((rc = chart_files(&pk, "concentration", &ch, &svg, &svg_len)))
        goto done;
    ckp_buf_puts(b, "<section id=\"concentration\"><h2>Concentration by tier</h2>\n");
    chart_html(b, "concentration", &ch, svg, svg_len);
    ckp_buf_puts(b, "</section>\n");
    free(svg);
    svg = NULL;
    ckp_chart_destroy(&ch);

    /* origins */
    ckp_buf_puts(b, "<section id=\"origins\"><h2>Where each end user's supply comes from</h2>\n");
    if (!nusers && npicks == MAX_ORIGIN_CHARTS)
        ckp_buf_printf(b, "<p class=\"note\">The %d end users with the most demand (of more); "
                          "--end-user picks others.</p>\n",
                       MAX_ORIGIN_CHARTS);
    ckp_buf_puts(b, "<div class=\"grid\">\n");
    for (igraph_integer_t i = 0; i < npicks; i++) {
        char sl[64];
        slug(sl, sizeof sl, picks[i].id);
        snprintf(name, sizeof name, "origin-%s", sl);
        for (igraph_integer_t j = 0; j < i; j++) { /* two ids with one slug: number them */
            char other[64];
            slug(other, sizeof other, picks[j].id);
            if (!strcmp(other, sl))
                snprintf(name, sizeof name, "origin-%s-%lld", sl, (long long)i + 1);
        }
        if (ckp_chart_origin(&ch, net, &a.dependency, picks[i].node, &pal, input_name, &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
        if ((rc = chart_files(&pk, name, &ch, &svg, &svg_len)))
            goto done;
        chart_html(b, name, &ch, svg, svg_len);
        free(svg);
        svg = NULL;
        ckp_chart_destroy(&ch);
    }
    ckp_buf_puts(b, "</div>\n</section>\n");

    /* scenarios */
    if (nscen)
        ckp_buf_puts(b, "<section id=\"scenarios\"><h2>Scenarios</h2>\n");
    for (int s = 0; s < nscen; s++) {
        ckp_scenario_report r;
        char sl[64];
        memset(&r, 0, sizeof r);
        if (ckp_scenario_run(&r, net, scens[s], &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
        slug(sl, sizeof sl, scen_paths[s]);
        snprintf(name, sizeof name, "scenario-%d-%s", s + 1, sl);
        ckp_buf_printf(b, "<h3 id=\"%s\">S%d: ", name, s + 1);
        html(b, scens[s]->name);
        ckp_buf_puts(b, "</h3>\n");
        if (scens[s]->description) {
            ckp_buf_puts(b, "<p>");
            html(b, scens[s]->description);
            ckp_buf_puts(b, "</p>\n");
        }
        ckp_buf_printf(b, "<p>Served <b>%s</b> of %s (%.1f%%), against %s before the shock; "
                          "%lld nodes and %lld edges taken out; single points of failure %lld "
                          "before, %lld after.</p>\n",
                       num(x, sizeof x, r.served), num(y, sizeof y, r.demand),
                       pct(r.served, r.demand), num(s1, sizeof s1, r.baseline_served),
                       (long long)r.removed_nodes, (long long)r.removed_edges,
                       (long long)r.spofs_baseline, (long long)r.spofs_scenario);
        ckp_buf_puts(b, "<table><tr><th>end user</th><th class=\"n\">demand</th><th class=\"n\">"
                        "the most it gets alone, before</th><th class=\"n\">after</th></tr>\n");
        for (igraph_integer_t k = 0; k < r.n_end_users; k++) {
            const ckp_user_impact *u = &r.end_users[k];
            ckp_buf_puts(b, "<tr><td>");
            html(b, ckp_node_name(net, u->node));
            ckp_buf_printf(b, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
                           num(x, sizeof x, u->demand), num(y, sizeof y, u->baseline_max));
            ckp_buf_printf(b, "<td class=\"n\">%s</td></tr>\n",
                           num(s1, sizeof s1, u->scenario_max));
        }
        ckp_buf_puts(b, "</table>\n");
        ckp_scenario_report_destroy(&r);
        ckp_render_options_init(&ro);
        ro.max_nodes = pk.max_nodes;
        ro.color = color;
        ro.palette = &pal;
        ro.input_name = input_name;
        ro.scenario = scens[s];
        char prefix[32];
        snprintf(prefix, sizeof prefix, "s%d-", s + 1);
        ro.id_prefix = prefix;
        if ((rc = diagram_files(&pk, name, net, &ro, &svg, &info)))
            goto done;
        diagram_html(b, name, svg, &info);
        free(svg);
        svg = NULL;
        /* the scenario as `chokepoint scenario --format json` writes it */
        char rel[320];
        snprintf(rel, sizeof rel, "data/%s.json", name);
        char *args[8 + 2 * CKP_NETOPT_COUNT] = {"scenario", "--format", "json"};
        int na = network_args(args, 3, paths, npaths, &lopts);
        args[na++] = scen_paths[s];
        if ((rc = run_command(&pk, ckp_cmd_scenario, rel, args, na)))
            goto done;
    }
    if (nscen)
        ckp_buf_puts(b, "</section>\n");

    /* the comparison of plans under scenarios */
    if (nplans || nscen) {
        ckp_network **nets = calloc((size_t)nplans + 1, sizeof *nets);
        char **names = calloc((size_t)nplans + 1, sizeof *names);
        if (!nets || !names) {
            free(nets);
            free(names);
            rc = CKP_EINTERNAL;
            goto done;
        }
        nets[0] = net;
        names[0] = "baseline";
        for (int p = 0; p < nplans; p++) {
            nets[p + 1] = plan_nets[p];
            names[p + 1] = plan_names[p];
        }
        ckp_code cr = ckp_compare(&cmp, (const ckp_network *const *)nets,
                                  (const char *const *)names, nplans + 1,
                                  (const ckp_scenario *const *)scens, nscen, 5000, &err);
        free(nets);
        free(names);
        if (cr || ckp_chart_comparison(&ch, net, &cmp, input_name, &err)) {
            rc = ckp_cli_fail(&err);
            goto done;
        }
        if ((rc = chart_files(&pk, "comparison", &ch, &svg, &svg_len)))
            goto done;
        ckp_buf_puts(b, "<section id=\"comparison\"><h2>Plans under scenarios</h2>\n");
        chart_html(b, "comparison", &ch, svg, svg_len);
        free(svg);
        svg = NULL;
        ckp_chart_destroy(&ch);
        ckp_buf_puts(b, "<table><tr><th>plan</th><th class=\"n\">demand</th><th class=\"n\">"
                        "served</th><th class=\"n\">SPOFs</th><th class=\"n\">routes</th>");
        for (igraph_integer_t s = 0; s < cmp.n_scenarios; s++)
            ckp_buf_printf(b, "<th class=\"n\">S%lld</th>", (long long)s + 1);
        ckp_buf_puts(b, "</tr>\n");
        for (igraph_integer_t p = 0; p < cmp.n_plans; p++) {
            const ckp_plan_result *r = &cmp.plans[p];
            ckp_buf_puts(b, "<tr><td>");
            html(b, r->name);
            ckp_buf_printf(b, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">"
                              "%lld</td><td class=\"n\">%s%lld</td>",
                           num(x, sizeof x, r->demand), num(y, sizeof y, r->served),
                           (long long)r->spof_count, r->worst_redundancy_exact ? "" : "&ge;",
                           (long long)r->worst_redundancy);
            for (igraph_integer_t s = 0; s < cmp.n_scenarios; s++)
                ckp_buf_printf(b, "<td class=\"n\">%.1f%%</td>",
                               pct(r->scenario_served[s], r->demand));
            ckp_buf_puts(b, "</tr>\n");
        }
        ckp_buf_puts(b, "</table>\n");
        ckp_buf_puts(b, "<p>Best in the worst case: <b>");
        html(b, cmp.plans[cmp.best_worst_case].name);
        ckp_buf_puts(b, "</b>.</p>\n</section>\n");
        /* the comparison as `chokepoint compare` writes it, JSON and CSV */
        int na = 0;
        char **args = calloc((size_t)(8 + 2 * CKP_NETOPT_COUNT + npaths + 2 * (nplans + nscen)),
                             sizeof *args);
        if (!args) {
            rc = CKP_EINTERNAL;
            goto done;
        }
        args[na++] = "compare";
        args[na++] = "--format";
        args[na++] = "json";
        na = network_args(args, na, paths, npaths, &lopts);
        for (int p = 0; p < nplans; p++) {
            args[na++] = "--plan";
            args[na++] = plan_paths[p];
        }
        for (int s = 0; s < nscen; s++) {
            args[na++] = "--scenario";
            args[na++] = scen_paths[s];
        }
        rc = run_command(&pk, ckp_cmd_compare, "data/comparison.json", args, na);
        args[2] = "csv";
        if (!rc)
            rc = run_command(&pk, ckp_cmd_compare, "data/comparison.csv", args, na);
        free(args);
        if (rc)
            goto done;
    }

    /* plans */
    if (nplans)
        ckp_buf_puts(b, "<section id=\"plans\"><h2>Plans</h2>\n");
    for (int p = 0; p < nplans; p++) {
        char sl[64], prefix[32];
        slug(sl, sizeof sl, plan_paths[p]);
        snprintf(name, sizeof name, "plan-%d-%s", p + 1, sl);
        ckp_buf_printf(b, "<h3 id=\"%s\">", name);
        html(b, plan_info[p].name);
        ckp_buf_puts(b, "</h3>\n");
        if (plan_info[p].description) {
            ckp_buf_puts(b, "<p>");
            html(b, plan_info[p].description);
            ckp_buf_puts(b, "</p>\n");
        }
        ckp_buf_printf(b, "<p>Adds %lld nodes and %lld edges, removes %lld nodes and %lld "
                          "edges, updates %lld nodes and %lld edges.</p>\n",
                       (long long)plan_info[p].added_nodes, (long long)plan_info[p].added_edges,
                       (long long)plan_info[p].removed_nodes,
                       (long long)plan_info[p].removed_edges,
                       (long long)plan_info[p].updated_nodes,
                       (long long)plan_info[p].updated_edges);
        ckp_render_options_init(&ro);
        ro.max_nodes = pk.max_nodes;
        ro.color = color;
        ro.palette = &pal;
        ro.input_name = input_name;
        ro.baseline = net;
        ro.plan_name = plan_info[p].name;
        snprintf(prefix, sizeof prefix, "p%d-", p + 1);
        ro.id_prefix = prefix;
        if ((rc = diagram_files(&pk, name, plan_nets[p], &ro, &svg, &info)))
            goto done;
        diagram_html(b, name, svg, &info);
        free(svg);
        svg = NULL;
    }
    if (nplans)
        ckp_buf_puts(b, "</section>\n");

    tables_html(b, net, &a);

    /* data: the analysis as `analyze --format json` writes it (the same analysis, not run
       again), and CSV tables */
    {
        char *path = join(pk.dir, "data/analysis.json");
        if (!path) {
            ckp_error_set(&err, CKP_EINTERNAL, "out of memory");
            rc = ckp_cli_fail(&err);
            goto done;
        }
        rc = ckp_cli_analysis_json(path, net, &a, &aopts);
        free(path);
        if (rc || (rc = note_file(&pk, "data/analysis.json")))
            goto done;
        if ((rc = write_csvs(&pk, net, &a)))
            goto done;
    }

    /* files and provenance */
    ckp_buf_puts(b, "<section id=\"files\"><h2>Files</h2>\n<p>Every figure is in "
                    "<code>figures/</code> as SVG, PNG and PDF (diagrams also as the DOT text "
                    "they were drawn from); the data in <code>data/</code>; checksums of every "
                    "file in <a href=\"PROVENANCE.txt\">PROVENANCE.txt</a>.</p>\n<ul>\n");
    for (size_t i = 0; i < pk.n; i++) {
        ckp_buf_puts(b, "<li><a href=\"");
        html(b, pk.files[i].path);
        ckp_buf_puts(b, "\">");
        html(b, pk.files[i].path);
        ckp_buf_puts(b, "</a></li>\n");
    }
    ckp_buf_puts(b, "</ul>\n</section>\n");

    ckp_buf cmdline, prov;
    ckp_buf_init(&cmdline);
    ckp_buf_init(&prov);
    /* the output directory is written as DIR: the same inputs give the same bytes anywhere */
    ckp_buf_puts(&cmdline, "chokepoint");
    for (int i = 0; i < argc; i++) {
        ckp_buf_puts(&cmdline, " ");
        if (i > 0 && (!strcmp(typed[i - 1], "-o") || !strcmp(typed[i - 1], "--output")))
            ckp_buf_puts(&cmdline, "DIR");
        else if (!strncmp(typed[i], "--output=", 9))
            ckp_buf_puts(&cmdline, "--output=DIR");
        else if (!strncmp(typed[i], "-o", 2) && typed[i][2])
            ckp_buf_puts(&cmdline, "-oDIR");
        else
            shell_arg(&cmdline, typed[i]);
    }
    ckp_buf_puts(&prov, "chokepoint report: provenance\n\n");
    ckp_buf_printf(&prov, "made by   chokepoint %s (igraph %s, Graphviz %s, cJSON %s, cairo %s)\n",
                   ckp_version(), ckp_igraph_version(), ckp_graphviz_version(),
                   ckp_cjson_version(), ckp_cairo_version());
    ckp_buf_printf(&prov, "command   %s\n", cmdline.data ? cmdline.data : "");
    ckp_buf_puts(&prov, "\ninputs (SHA-256, bytes, path as given)\n");
    for (int i = 0; i < ninputs; i++)
        ckp_buf_printf(&prov, "  %s  %10lld  %s\n", inputs[i].sha, inputs[i].bytes,
                       inputs[i].path);

    ckp_buf_puts(b, "<section id=\"provenance\"><h2>Provenance</h2>\n<p>Made by chokepoint ");
    html(b, ckp_version());
    ckp_buf_printf(b, " (igraph %s, Graphviz %s, cJSON %s, cairo %s) from these inputs; "
                      "check them with <code>sha256sum</code>. Nothing here carries a date: "
                      "the same inputs give the same files, byte for byte.</p>\n",
                   ckp_igraph_version(), ckp_graphviz_version(), ckp_cjson_version(),
                   ckp_cairo_version());
    ckp_buf_puts(b, "<table><tr><th>input</th><th class=\"n\">bytes</th><th>SHA-256</th></tr>\n");
    for (int i = 0; i < ninputs; i++) {
        ckp_buf_puts(b, "<tr><td>");
        html(b, inputs[i].path);
        ckp_buf_printf(b, "</td><td class=\"n\">%lld</td><td><code>%s</code></td></tr>\n",
                       inputs[i].bytes, inputs[i].sha);
    }
    ckp_buf_puts(b, "</table>\n<p>Command: <code>");
    html(b, cmdline.data ? cmdline.data : "");
    ckp_buf_puts(b, "</code></p>\n</section>\n");
    ckp_buf_destroy(&cmdline);
    if (pk.n_aggregated)
        ckp_buf_printf(b, "<p class=\"note\">%d diagram%s drawn by country: the network is "
                          "over %lld nodes (--max-nodes).</p>\n",
                       pk.n_aggregated, pk.n_aggregated == 1 ? " was" : "s were",
                       (long long)pk.max_nodes);
    ckp_buf_puts(b, "</body>\n</html>\n");
    if (b->oom) {
        ckp_buf_destroy(&prov);
        rc = CKP_EINTERNAL;
        goto done;
    }
    if ((rc = put_file(&pk, "index.html", b->data, b->len))) {
        ckp_buf_destroy(&prov);
        goto done;
    }
    ckp_buf_puts(&prov, "\noutputs (SHA-256, path in this directory)\n");
    for (size_t i = 0; i < pk.n; i++)
        ckp_buf_printf(&prov, "  %s  %s\n", pk.files[i].sha, pk.files[i].path);
    ckp_buf_puts(&prov, "\nNo timestamps are recorded: the same inputs give the same files.\n");
    rc = prov.oom ? CKP_EINTERNAL : put_file(&pk, "PROVENANCE.txt", prov.data, prov.len);
    ckp_buf_destroy(&prov);
    if (!rc)
        fprintf(stderr, "chokepoint: report written to %s/index.html (%zu files)\n", dir, pk.n);
done:
    free(svg);
    ckp_chart_destroy(&ch);
    ckp_comparison_destroy(&cmp);
    ckp_analysis_destroy(&a);
    for (int p = 0; p < nplans; p++) {
        if (plan_nets)
            ckp_network_free(plan_nets[p]);
        if (plan_info)
            ckp_plan_info_destroy(&plan_info[p]);
    }
    for (int s = 0; scens && s < nscen; s++)
        ckp_scenario_free(scens[s]);
    for (size_t i = 0; i < pk.n; i++)
        free(pk.files[i].path);
    free(pk.files);
    ckp_buf_destroy(&pk.html);
    ckp_network_free(net);
    free(plan_nets);
    free(plan_names);
    free(plan_info);
    free(scens);
    free(inputs);
    free(picks);
    free(plan_paths);
    free(scen_paths);
    free(user_ids);
    free(typed);
    return rc;
}
