/*
 * The CSV network loader: a nodes file and an edges file, each with a header
 * row naming the columns (the same field names as the JSON format), RFC 4180
 * quoting, UTF-8, LF or CRLF line ends. Unquoted fields are trimmed of
 * spaces, spaces around a quoted field are ignored, and an empty field is an
 * absent value. Numbers are decimal: no "inf", "nan", hex or thousands commas.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "progress.h"
#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "bom_text.h"
#include "csv_tokenizer.h"
#include "file_reader.h"
#include "groups_json.h"
#include "edge_runs.h"
#include "load_common.h"
#include "network_internal.h"
#include "sidecar.h"
#include "strtab.h"
#include "text.h"
#include "tier_order.h"


/* A row's result when its error only follows from an earlier one: not counted. */
#define CKP_EFOLLOWS ((ckp_code)-1)

typedef struct {
    const char *name;
    int required;
    int column; /* -1 when absent from the header */
} column;


static ckp_code read_header(csv *c, column *cols, int ncols, const char *kind)
{
    int r = csv_row(c);
    if (r < 0)
        return c->err ? c->err->code : CKP_EDATA;
    if (r == 0) {
        ckp_error_set(c->err, CKP_EDATA, "the file is empty: expected a header row (%s)", kind);
        ckp_error_at(c->err, c->path, 0, 0);
        return CKP_EDATA;
    }
    for (int k = 0; k < ncols; k++)
        cols[k].column = -1;
    for (int i = 0; i < c->nfields; i++)
        for (int k = 0; k < ncols; k++) {
            if (strcasecmp(csv_field(c, i), cols[k].name)) /* "ID", "Tier" too */
                continue;
            if (cols[k].column >= 0)
                return CERR(c, c->field_pos[i], "column \"%s\" appears twice in the header",
                            cols[k].name);
            cols[k].column = i;
        }
    for (int k = 0; k < ncols; k++)
        if (cols[k].required && cols[k].column < 0)
            return CERR(c, c->row_pos, "missing column \"%s\" in the header (expected %s)",
                        cols[k].name, kind);
    return CKP_OK;
}

/* The field of column k, or NULL when the column is absent or the cell empty. */
static const char *cell(const csv *c, const column *col)
{
    if (col->column < 0)
        return NULL;
    const char *s = csv_field(c, col->column);
    return s[0] ? s : NULL;
}

/* 1 when s is digits, one comma, digits, not three of them ("15,5", not "12,000"). */
static int decimal_comma(const char *s)
{
    s += *s == '-' || *s == '+';
    size_t before = strspn(s, "0123456789");
    if (!before || s[before] != ',')
        return 0;
    size_t after = strspn(s + before + 1, "0123456789");
    return after && after != 3 && !s[before + 1 + after];
}

static ckp_code cell_number(csv *c, const column *col, const char *what, double absent,
                            double *out)
{
    const char *s = cell(c, col);
    char point[64];
    *out = absent;
    if (!s)
        return CKP_OK;
    /* in a ';'-separated file a decimal comma is the decimal point (European spreadsheets) */
    const char *comma = c->sep == ';' ? strchr(s, ',') : NULL;
    if (comma && !strchr(comma + 1, ',') && !strchr(s, '.') && strlen(s) < sizeof point) {
        memcpy(point, s, strlen(s) + 1);
        point[comma - s] = '.';
        s = point;
    }
    if (ckp_load_decimal(s, strlen(s), out))
        return CKP_OK;
    char *end, hint[96] = "";
    double v = strtod(s, &end);
    /* decimal only: strtod would also take "inf", "nan" and hex */
    if (end == s || *end || strspn(s, "0123456789+-.eE") != strlen(s)) {
        if (decimal_comma(s) && strlen(s) < 40) {
            snprintf(hint, sizeof hint, ": decimal comma: write %s", s);
            *strchr(hint + 17, ',') = '.';
        } else if (strchr(s, ',')) {
            snprintf(hint, sizeof hint, ": write it without thousands separators");
        }
        return CERR(c, c->field_pos[col->column], "%s: \"%s\" must be a number, not '%.40s'%s",
                    what, col->name, s, hint);
    }
    if (!isfinite(v)) /* overflow; underflow to 0 is harmless */
        return CERR(c, c->field_pos[col->column],
                    "%s: \"%s\" is out of range: it must be a finite number", what, col->name);
    *out = v;
    return CKP_OK;
}

/* The error of the current row: placed at the field named `bad`, else at the row. */
static ckp_code locate_field(csv *c, const column *cols, int ncols, const char *bad)
{
    size_t off = c->row_pos;
    for (int k = 0; bad && k < ncols; k++)
        if (!strcmp(cols[k].name, bad) && cols[k].column >= 0)
            off = c->field_pos[cols[k].column];
    return csv_locate(c, off);
}

static ckp_code check_width(csv *c, int header_width)
{
    if (c->nfields != header_width)
        return CERR(c, c->row_pos, "this row has %d field%s but the header has %d%s",
                    c->nfields, c->nfields == 1 ? "" : "s", header_width,
                    c->nfields > header_width
                        ? ": a value with a comma in it must be in double quotes"
                        : "");
    return CKP_OK;
}

enum { N_ID, N_NAME, N_TIER, N_COUNTRY, N_OWNER, N_CAPACITY, N_DEMAND, N_STOCK, N_SOURCE,
       N_ESTIMATE, N_TTR, N_RECIPE, N_YIELDS, N_OUTPUT, N_COUNT };
enum { E_FROM, E_TO, E_VOLUME, E_CAPACITY, E_SOURCE, E_ESTIMATE, E_MATERIAL, E_COUNT };

/* Where a CSV pair's materials are listed, for its errors. */
#define LISTED_IN "the \"materials\" of the metadata file (network.json or --meta)"

/*
 * Prefetching for the id lookups: a cursor some lines ahead of the reader
 * hashes the ids it finds there (unquoted ones) and starts fetching the
 * hash slot; eight lines later the string's pointer, eight more the string.
 * Only hints: a line it misreads costs nothing but the hint.
 */
typedef struct {
    const ckp_strtab *ids;
    const char *buf;
    size_t len, pos;
    int column[2];
    ckp_strtab_ahead ring;
} lookahead;

/* The hash of the id in field `col` of the line at `p`; 0 when it is quoted or absent. */
static uint32_t hint_hash(const char *p, const char *end, int col)
{
    for (int k = 0; k < col; k++) {
        while (p < end && *p != ',' && *p != '\n' && *p != '"')
            p++;
        if (p == end || *p != ',')
            return 0;
        p++;
    }
    while (p < end && *p == ' ')
        p++;
    const char *q = p;
    while (q < end && *q != ',' && *q != '\n' && *q != '\r' && *q != '"')
        q++;
    while (q > p && q[-1] == ' ')
        q--;
    return q > p && (q == end || *q != '"') ? ckp_hash_bytes(p, (size_t)(q - p)) : 0;
}

static void lookahead_step(lookahead *la)
{
    uint32_t h[2] = {0, 0};
    for (int j = 0; j < 2; j++)
        if (la->pos < la->len && la->column[j] >= 0)
            h[j] = hint_hash(la->buf + la->pos, la->buf + la->len, la->column[j]);
    ckp_strtab_ahead_push(&la->ring, la->ids, h[0], h[1]);
    const char *nl = la->pos < la->len ? memchr(la->buf + la->pos, '\n', la->len - la->pos) : NULL;
    la->pos = nl ? (size_t)(nl - la->buf) + 1 : la->len;
}

/* The cursor over the rows of buf[begin, end), ids in columns col0 and col1 (-1: none), primed. */
static void lookahead_start(lookahead *la, const ckp_strtab *ids, const char *buf, size_t begin,
                            size_t end, int col0, int col1)
{
    memset(la, 0, sizeof *la);
    la->ids = ids;
    la->buf = buf;
    la->pos = begin;
    la->len = end;
    la->column[0] = col0;
    la->column[1] = col1;
    for (int k = 0; k < 3 * CKP_STRTAB_AHEAD; k++)
        lookahead_step(la);
}

/*
 * How a load goes on past an error in a row: every error kept in the
 * caller's list (up to its max), the first for the caller's `err`; nothing
 * is loaded when there was any.
 */
typedef struct {
    ckp_error_list *list; /* NULL: the first error ends the load */
    ckp_error first;
    int failed;
    ckp_strtab refused;  /* ids of refused node rows: edges naming them add no error */
    size_t *tier_row;    /* without --tiers: the offset of each tier's first row */
    size_t tier_cap;
} collector;

/* Keep the error in c->err; 1 when the load may read on (a row's error, a list to keep it). */
static int keep(collector *k, csv *c, ckp_code rc)
{
    if (!k->failed) {
        k->first = *c->err;
        k->failed = 1;
    }
    if (ckp_error_list_add(k->list, c->err) < 0)
        return 0;
    return rc == CKP_EDATA && k->list;
}

/* 1 when a and b differ only by ASCII case or surrounding spaces. */
static int same_but_case(const char *a, const char *b)
{
    a += strspn(a, " ");
    b += strspn(b, " ");
    size_t n = strlen(a), m = strlen(b);
    while (n && a[n - 1] == ' ')
        n--;
    while (m && b[m - 1] == ' ')
        m--;
    return n == m && !strncasecmp(a, b, n);
}

/* Without --tiers, a tier first met in this row: refused when it is another spelling of one. */
static ckp_code new_tier(csv *c, ckp_network *net, collector *k, const column *col,
                         const char *tier, const char *what)
{
    igraph_integer_t n = ckp_network_tier_count(net);
    for (igraph_integer_t t = 0; t < n; t++) {
        if (!same_but_case(tier, ckp_network_tier_name(net, t)))
            continue;
        long line, column;
        ckp_text_position(c->buf, c->len, k->tier_row[t], &line, &column);
        return CERR(c, c->field_pos[col->column],
                    "%s: tier '%s' differs only by case or spaces from tier '%s' (line %ld): "
                    "spell each tier one way",
                    what, tier, ckp_network_tier_name(net, t), line);
    }
    if ((size_t)n == k->tier_cap) {
        size_t cap = k->tier_cap ? 2 * k->tier_cap : 8;
        size_t *p = realloc(k->tier_row, cap * sizeof *p);
        if (!p)
            return ckp_error_set(c->err, CKP_EINTERNAL, "out of memory");
        k->tier_row = p;
        k->tier_cap = cap;
    }
    k->tier_row[n] = c->row_pos;
    return ckp_network_add_tier(net, tier, c->err);
}

/* The row's recipe, yields and output cells (format 2), the node just added. */
static ckp_code read_node_bom(csv *c, ckp_network *net, const column *cols, const char *what)
{
    ckp_bom_text how = {LISTED_IN, c->sep == ';'};
    for (int k = N_RECIPE; k <= N_OUTPUT; k++) {
        const char *text = cell(c, &cols[k]);
        size_t at, pos = text ? c->field_pos[cols[k].column] : 0;
        ckp_code rc;
        if (!text || !(rc = ckp_load_bom_text(net, ckp_network_node_count(net) - 1,
                                             cols[k].name, text, &how, &at, c->err)))
            continue;
        ckp_error_prefix(c->err, "%s: ", what);
        return csv_locate(c, pos + at + (c->buf[pos] == '"')); /* past an opening quote */
    }
    return CKP_OK;
}

static ckp_code read_node_row(csv *c, ckp_network *net, const column *cols, int width,
                              int tiers_given, collector *k, long index)
{
    ckp_code rc;
    char what[256];
    ckp_node_spec spec;
    ckp_node_spec_init(&spec);
    if ((rc = check_width(c, width)))
        return rc;
    spec.id = cell(c, &cols[N_ID]);
    if (spec.id) { /* "node '%.200s'", without printf: a million rows */
        size_t len = strnlen(spec.id, 200);
        memcpy(what, "node '", 6);
        memcpy(what + 6, spec.id, len);
        memcpy(what + 6 + len, "'", 2);
    } else {
        snprintf(what, sizeof what, "node %ld", index);
    }
    /* without --tiers, the tiers in order of first appearance, put in order after the edges */
    const char *tier = tiers_given ? NULL : cell(c, &cols[N_TIER]);
    if (tier && ckp_network_tier_find(net, tier) < 0 &&
        (rc = new_tier(c, net, k, &cols[N_TIER], tier, what)))
        return rc;
    spec.name = cell(c, &cols[N_NAME]);
    spec.tier = cell(c, &cols[N_TIER]);
    spec.country = cell(c, &cols[N_COUNTRY]);
    spec.owner = cell(c, &cols[N_OWNER]);
    spec.source = cell(c, &cols[N_SOURCE]);
    spec.estimate = cell(c, &cols[N_ESTIMATE]);
    static const int required[] = {N_TIER, N_COUNTRY};
    for (int j = 0; j < 2 && spec.id; j++)
        if (!cell(c, &cols[required[j]]))
            return CERR(c, c->field_pos[cols[required[j]].column],
                        "%s: missing \"%s\" (the cell is empty)", what, cols[required[j]].name);
    if ((rc = cell_number(c, &cols[N_CAPACITY], what, CKP_UNBOUNDED, &spec.capacity)) ||
        (rc = cell_number(c, &cols[N_DEMAND], what, NAN, &spec.demand)) ||
        (rc = cell_number(c, &cols[N_STOCK], what, NAN, &spec.stock)) ||
        (rc = cell_number(c, &cols[N_TTR], what, NAN, &spec.ttr_days)))
        return rc;
    const char *bad = NULL;
    if ((rc = ckp_network_add_node(net, &spec, &bad, c->err))) {
        ckp_error_prefix(c->err, "%s: ", what);
        return locate_field(c, cols, N_COUNT, bad);
    }
    return read_node_bom(c, net, cols, what);
}

static ckp_code read_nodes(csv *c, ckp_network *net, const ckp_load_options *opts, collector *k)
{
    ckp_code rc;
    column cols[N_COUNT] = {
        {"id", 1, -1},       {"name", 0, -1},     {"tier", 1, -1},   {"country", 1, -1},
        {"owner", 0, -1},    {"capacity", 0, -1}, {"demand", 0, -1}, {"stock", 0, -1},
        {"source", 0, -1},   {"estimate", 0, -1}, {"ttr_days", 0, -1},
        {"recipe", 0, -1},   {"yields", 0, -1},   {"output", 0, -1},
    };
    if ((rc = read_header(c, cols, N_COUNT, "id,tier,country and optionally name,owner,"
                                            "capacity,demand,stock,source,estimate")))
        return rc;
    int width = c->nfields;
    const char *tiers = opts ? opts->tiers : NULL;
    if (tiers && (rc = ckp_load_tier_list(net, tiers, "--tiers", c->err)))
        return rc;
    lookahead la;
    lookahead_start(&la, &net->ids, c->buf, c->pos, c->len, cols[N_ID].column, -1);
    int r;
    for (long index = 0; (r = csv_row(c)) == 1; index++) {
        lookahead_step(&la);
        ckp_progress("loading", (long long)c->pos, 2 * (long long)c->len); /* the first half */
        if (!(rc = read_node_row(c, net, cols, width, tiers != NULL, k, index)))
            continue;
        if (!keep(k, c, rc))
            return rc;
        const char *id = c->nfields == width ? cell(c, &cols[N_ID]) : NULL;
        if (id && ckp_network_find(net, id) < 0 && ckp_strtab_intern(&k->refused, id) < 0)
            return ckp_error_set(c->err, CKP_EINTERNAL, "out of memory");
    }
    if (r < 0 && k->failed) /* a file that cannot be read on, after rows refused */
        keep(k, c, c->err->code);
    if (r < 0)
        return c->err->code;
    /* tiers taken from the rows: one tier cannot hold both the sources and the end users */
    if (!k->failed && ckp_network_tier_count(net) == 1) {
        ckp_error_set(c->err, CKP_EDATA,
                      "every node is in tier '%s': a network needs at least two tiers, "
                      "sources first and end users last",
                      ckp_network_tier_name(net, 0));
        ckp_error_at(c->err, c->path, 0, 0);
        return CKP_EDATA;
    }
    return CKP_OK;
}

/* "edge N" without printf: formatted for every row, read only on an error */
static void edge_label(char *out, long index)
{
    char digits[24];
    int n = 0;
    do
        digits[n++] = (char)('0' + index % 10);
    while ((index /= 10) > 0);
    memcpy(out, "edge ", 5);
    for (int i = 0; i < n; i++)
        out[5 + i] = digits[n - 1 - i];
    out[5 + n] = '\0';
}

/* the last id of each column, looked up once: edge lists usually come grouped by one end */
typedef struct {
    char id[2][128];
    igraph_integer_t node[2];
} id_cache;

/* The node of id (column j of the cache: 0 from, 1 to); -1 if unknown or absent. */
static igraph_integer_t cached_id(const ckp_network *net, const char *id, id_cache *cache, int j)
{
    if (!id)
        return -1;
    if (cache->node[j] >= 0 && strcmp(id, cache->id[j]) == 0)
        return cache->node[j];
    igraph_integer_t v = ckp_network_find(net, id);
    size_t len = strlen(id);
    cache->node[j] = v >= 0 && len < sizeof cache->id[j] ? v : -1;
    if (cache->node[j] >= 0)
        memcpy(cache->id[j], id, len + 1);
    return v;
}

/* The current row as an edge, its ids looked up and its numbers read, not added yet. */
static ckp_code parse_edge_row(csv *c, const ckp_network *net, const column *cols, int width,
                               const char *what, id_cache *cache, const ckp_strtab *refused,
                               ckp_edge_spec *spec, igraph_integer_t *material)
{
    ckp_code rc;
    ckp_edge_spec_init(spec);
    const char *mat = cell(c, &cols[E_MATERIAL]);
    ckp_bom_text how = {LISTED_IN, 0};
    *material = -1;
    if (mat && (*material = ckp_load_material_ref(net, mat, &how, c->err)) < 0) {
        ckp_error_prefix(c->err, "%s: ", what);
        return csv_locate(c, c->field_pos[cols[E_MATERIAL].column]);
    }
    if ((rc = check_width(c, width)) ||
        (rc = cell_number(c, &cols[E_VOLUME], what, 0, &spec->volume)) ||
        (rc = cell_number(c, &cols[E_CAPACITY], what, CKP_UNBOUNDED, &spec->capacity)))
        return rc;
    for (int k = E_FROM; k <= E_TO; k++) {
        const char *id = cell(c, &cols[k]);
        igraph_integer_t v = cached_id(net, id, cache, k - E_FROM);
        if (v < 0 && id && refused && ckp_strtab_find(refused, id) >= 0)
            return CKP_EFOLLOWS;
        if (v < 0)
            return CERR(c, c->field_pos[cols[k].column],
                        id ? "%s: unknown node '%.200s' in \"%s\""
                           : "%s: missing node id%.0s in \"%s\"",
                        what, id ? id : "", cols[k].name);
        if (k == E_FROM)
            spec->from = v;
        else
            spec->to = v;
    }
    spec->source = cell(c, &cols[E_SOURCE]);
    spec->estimate = cell(c, &cols[E_ESTIMATE]);
    return CKP_OK;
}

static ckp_code read_edge_row(csv *c, ckp_network *net, const column *cols, int width,
                              long index, id_cache *cache, const ckp_strtab *refused)
{
    ckp_code rc;
    char what[64];
    edge_label(what, index);
    ckp_edge_spec spec;
    igraph_integer_t material;
    if ((rc = parse_edge_row(c, net, cols, width, what, cache, refused, &spec, &material)))
        return rc;
    const char *bad = NULL;
    int64_t source = ckp_network_intern_text(net, spec.source);
    int64_t estimate = ckp_network_intern_text(net, spec.estimate);
    if (source < -1 || estimate < -1)
        return ckp_error_set(c->err, CKP_EINTERNAL, "out of memory");
    if ((rc = ckp_network_add_edge_material(net, &spec, material, (int32_t)source,
                                            (int32_t)estimate, &bad, c->err))) {
        ckp_error_prefix(c->err, "%s: ", what);
        return locate_field(c, cols, E_COUNT, bad);
    }
    return CKP_OK;
}

/*
 * Reading a large edges file on several threads: the file is cut at line
 * ends into one piece a thread; each thread parses its rows and looks up
 * their ids (the id table is only read now), keeping the texts it meets in
 * a table of its own, and writes its edges in place in the network's arrays
 * from the first edge its piece can hold (its line count, known once every
 * thread has counted its piece's); then the texts are interned once each and
 * any gap left by blank lines closed. Any trouble at all (an error in a row,
 * a cut inside a quoted field, no memory) and the caller reads the file again
 * row by row, which finds the first error and words it exactly.
 */
static igraph_integer_t count_lines(const char *buf, size_t len);

#ifndef PARALLEL_MIN_BYTES
#define PARALLEL_MIN_BYTES (8u << 20)
#endif
#define MAX_PIECES CKP_MAX_RUNS

typedef struct {
    csv c;
    ckp_error err;
    const column *cols;
    int width;
    size_t begin, end;
    ckp_edge_run out; /* room: the piece's lines */
} edge_piece;

static void piece_destroy(edge_piece *p)
{
    free(p->c.scratch);
    ckp_edge_run_destroy(&p->out);
}

/* The rows the piece can hold: one a line end, and one for a last line without one. */
static void *piece_count(void *arg)
{
    edge_piece *p = arg;
    size_t len = p->end - p->begin;
    p->out.cap = count_lines(p->c.buf + p->begin, len) - (len && p->c.buf[p->end - 1] == '\n');
    return NULL;
}

static void *piece_read(void *arg)
{
    edge_piece *p = arg;
    csv *c = &p->c;
    ckp_network *net = p->out.net;
    id_cache cache = {.node = {-1, -1}};
    lookahead la;
    lookahead_start(&la, &net->ids, c->buf, p->begin, p->end, p->cols[E_FROM].column,
                    p->cols[E_TO].column);
    int r;
    while (!p->out.failed && (r = csv_row(c)) == 1) {
        lookahead_step(&la);
        ckp_edge_spec spec;
        igraph_integer_t material;
        if (parse_edge_row(c, net, p->cols, p->width, "edge", &cache, NULL, &spec,
                           &material) ||
            ckp_edge_run_put(&p->out, &spec, material) < 0) {
            p->out.failed = 1;
            break;
        }
    }
    if (r < 0)
        p->out.failed = 1;
    return NULL;
}

/* 0 when every edge was read on threads; -1 when the file must be read row by row. */
static int read_edges_parallel(csv *c, ckp_network *net, const column *cols, int width,
                               size_t header_end)
{
    int n_pieces = ckp_edge_run_count();
    if (n_pieces < 2 || c->len - header_end < PARALLEL_MIN_BYTES || net->n_nodes >= INT32_MAX)
        return -1;
    edge_piece pieces[MAX_PIECES];
    int ok = 1;
    memset(pieces, 0, sizeof pieces);
    /* cut at line ends; a cut after an odd number of quotes is inside a quoted field */
    size_t at = header_end, quotes = 0;
    for (int k = 0; k < n_pieces; k++) {
        size_t end = k + 1 == n_pieces ? c->len
                                       : header_end + (c->len - header_end) / n_pieces * (k + 1);
        const char *nl = end < c->len ? memchr(c->buf + end, '\n', c->len - end) : NULL;
        end = nl ? (size_t)(nl - c->buf) + 1 : c->len;
        if (end < at)
            end = at;
        for (const char *q = c->buf + at; (q = memchr(q, '"', (size_t)(c->buf + end - q)));
             q++)
            quotes++;
        if (quotes % 2)
            ok = 0;
        edge_piece *p = &pieces[k];
        ckp_edge_run_init(&p->out, net);
        p->c.path = c->path;
        p->c.buf = c->buf;
        p->c.len = end;
        p->c.pos = at;
        p->c.err = &p->err;
        p->c.sep = c->sep;
        ckp_error_init(&p->err);
        p->cols = cols;
        p->width = width;
        p->begin = at;
        p->end = end;
        at = end;
    }
    ckp_error scratch;
    ckp_error_init(&scratch);
    /* each piece's first edge from the lines of those before it, and room for them all */
    ckp_edge_run *runs[MAX_PIECES];
    for (int k = 0; k < n_pieces; k++)
        runs[k] = &pieces[k].out;
    if (ok && (ckp_on_threads(pieces, sizeof *pieces, n_pieces, piece_count) < 0 ||
               ckp_edge_runs_place(net, runs, n_pieces, &scratch) < 0))
        ok = 0;
    if (ok && ckp_on_threads(pieces, sizeof *pieces, n_pieces, piece_read) < 0)
        ok = 0;
    for (int k = 0; k < n_pieces; k++)
        ok &= !pieces[k].out.failed;
    if (ok && ckp_edge_runs_add(net, runs, n_pieces, &scratch) < 0)
        ok = 0;
    for (int k = 0; k < n_pieces; k++)
        piece_destroy(&pieces[k]);
    if (!ok)
        ckp_network_drop_edges(net);
    return ok ? 0 : -1;
}

static ckp_code read_edges(csv *c, ckp_network *net, collector *k)
{
    ckp_code rc;
    column cols[E_COUNT] = {
        {"from", 1, -1},     {"to", 1, -1},     {"volume", 0, -1},
        {"capacity", 0, -1}, {"source", 0, -1}, {"estimate", 0, -1},
        {"material", 0, -1},
    };
    if ((rc = read_header(c, cols, E_COUNT,
                          "from,to and optionally volume,capacity,source,estimate")))
        return rc;
    int width = c->nfields, r;
    size_t header_end = c->pos;
    id_cache cache = {.node = {-1, -1}};
    long index = 0;
    ckp_network_defer_duplicates(net);
    if (read_edges_parallel(c, net, cols, width, header_end) < 0) {
        lookahead la;
        lookahead_start(&la, &net->ids, c->buf, header_end, c->len, cols[E_FROM].column,
                        cols[E_TO].column);
        for (; (r = csv_row(c)) == 1; index++) {
            lookahead_step(&la);
            ckp_progress("loading", (long long)(c->len + c->pos), 2 * (long long)c->len);
            rc = read_edge_row(c, net, cols, width, index, &cache, &k->refused);
            if (rc && rc != CKP_EFOLLOWS && !keep(k, c, rc))
                return rc;
        }
        if (r < 0 && k->failed)
            keep(k, c, c->err->code);
        if (r < 0)
            return c->err->code;
    }
    if (k->failed) /* the rows refused, edge numbers no longer rows: duplicates next run */
        return CKP_OK;
    igraph_integer_t dup = ckp_network_first_duplicate(net);
    if (dup == -2)
        return ckp_error_set(c->err, CKP_EINTERNAL, "out of memory");
    if (dup < 0)
        return CKP_OK;
    /* read the duplicate's row again, now checked, for the message and its place */
    c->pos = header_end;
    for (igraph_integer_t k = 0; k <= dup; k++)
        if (csv_row(c) != 1)
            return ckp_error_set(c->err, CKP_EINTERNAL, "edge %lld went missing", (long long)dup);
    cache.node[0] = cache.node[1] = -1;
    rc = read_edge_row(c, net, cols, width, (long)dup, &cache, NULL);
    return rc ? rc
              : ckp_error_set(c->err, CKP_EINTERNAL, "edge %lld: a duplicate not found again",
                              (long long)dup);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static igraph_integer_t count_lines(const char *buf, size_t len)
{
    igraph_integer_t n = 1;
    size_t i = 0;
    /*
     * Eight bytes at a time, a line end flagged exactly (no borrow crosses a byte), the flags
     * summed per byte over up to 255 words, then across the bytes by one multiplication:
     * no popcount, which is a library call on a build for any x86-64.
     */
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7full, newlines = 0x0a0a0a0a0a0a0a0aull;
    while (i + 8 <= len) {
        uint64_t sums = 0;
        for (int k = 0; k < 255 && i + 8 <= len; k++, i += 8) {
            uint64_t w;
            memcpy(&w, buf + i, 8);
            w ^= newlines;
            sums += (~(((w & low7) + low7) | w) & ~low7) >> 7;
        }
        const uint64_t even = 0x00ff00ff00ff00ffull;
        uint64_t pairs = (sums & even) + (sums >> 8 & even); /* four 16-bit sums */
        n += (igraph_integer_t)(pairs * 0x0001000100010001ull >> 48);
    }
    for (; i < len; i++)
        n += buf[i] == '\n';
    return n;
}

/* The metadata: the options over the sidecar's; the name defaults to the nodes file's. */
static ckp_code set_meta(ckp_network *net, const ckp_load_options *opts, const ckp_sidecar *meta,
                         const char *nodes_path, ckp_error *err)
{
    ckp_load_options none;
    ckp_load_options_init(&none);
    if (!opts)
        opts = &none;
#define PICK(f) (opts->f ? opts->f : meta->f)
    const char *name = PICK(name) ? PICK(name) : base_name(nodes_path);
    double year = !isnan(opts->year) ? opts->year : meta->year;
    ckp_code rc = ckp_network_set_meta(net, name, PICK(unit), year, PICK(description),
                                       PICK(source), err);
    if (!rc && !isnan(meta->ttr_days) &&
        (rc = ckp_network_set_ttr_days(net, meta->ttr_days, err)))
        ckp_error_at(err, meta->path, 0, 0);
    return rc;
#undef PICK
}

/*
 * Place `err` at row `index` of a file (0: the first after the header), at its column
 * `key` when the file has one, else at the row: the culprit of a bill of materials.
 */
static ckp_code locate_row(const char *path, const char *buf, size_t len, char sep,
                           igraph_integer_t index, const char *key, ckp_error *err)
{
    ckp_error scratch;
    csv c;
    memset(&c, 0, sizeof c);
    ckp_error_init(&scratch);
    ckp_code code = err->code;
    int col = -1;
    if (csv_open(&c, path, buf, len, sep, &scratch) || csv_row(&c) != 1)
        goto done;
    for (int i = 0; key && i < c.nfields; i++)
        if (!strcasecmp(csv_field(&c, i), key))
            col = i;
    for (igraph_integer_t i = 0; i <= index; i++)
        if (csv_row(&c) != 1)
            goto done;
    c.err = err;
    csv_locate(&c, col >= 0 && col < c.nfields ? c.field_pos[col] : c.row_pos);
done:
    if (!err->file[0])
        ckp_error_at(err, path, 0, 0);
    free(c.scratch);
    return code;
}

/* Tell the edges' materials and check the recipes, an error at its row and column. */
static ckp_code resolve_materials(ckp_network *net, const char *nodes, size_t nodes_len,
                                  const char *nodes_path, const char *edges, size_t edges_len,
                                  const char *edges_path, char sep, ckp_error *err)
{
    igraph_integer_t bad_node, bad_edge;
    const char *key;
    ckp_code rc = ckp_network_resolve_materials(net, &bad_node, &bad_edge, &key, err);
    if (!rc)
        return CKP_OK;
    if (bad_node >= 0)
        return locate_row(nodes_path, nodes, nodes_len, sep, bad_node, key, err);
    if (bad_edge >= 0)
        return locate_row(edges_path, edges, edges_len, sep, bad_edge, key, err);
    ckp_error_at(err, nodes_path, 0, 0);
    return rc;
}

/*
 * The edges file, in memory or being read on a second thread while the nodes are parsed: at
 * deep 1e6 reading it took 0.46 s, mostly the kernel filling fresh pages, and parsing the nodes
 * before it 0.75 s.
 */
typedef struct {
    const char *buf;
    size_t len;
    char *owned; /* what the thread read: the caller frees it */
    ckp_file_reader reader;
    ckp_error err;
    ckp_code rc;
    pthread_t tid;
    int pending; /* the thread is reading */
} edges_input;

static void *edges_read(void *arg)
{
    edges_input *e = arg;
    ckp_error_init(&e->err);
    e->rc = ckp_file_reader_read(&e->reader, &e->owned, &e->len, &e->err);
    e->buf = e->owned;
    return NULL;
}

/* The edges in memory (the thread joined); the read's error into err, when given. */
static ckp_code edges_ready(edges_input *e, ckp_error *err)
{
    if (e->pending) {
        pthread_join(e->tid, NULL);
        e->pending = 0;
    }
    if (e->rc && err)
        *err = e->err;
    return e->rc;
}

/* Nodes, then edges, then the tier order; every row's error kept when opts ask for them. */
static ckp_code read_files(ckp_network *net, const char *nodes, size_t nodes_len,
                           const char *nodes_path, edges_input *e, const char *edges_path,
                           const ckp_load_options *opts, const char *tiers, collector *k,
                           ckp_error *err)
{
    ckp_code rc;
    csv c;
    ckp_load_options given;
    given = opts ? *opts : (ckp_load_options){0};
    given.tiers = tiers;
    char sep = opts ? opts->separator : 0;
    memset(&c, 0, sizeof c);
    if ((rc = csv_open(&c, nodes_path, nodes, nodes_len, sep, err)) ||
        (rc = read_nodes(&c, net, &given, k)))
        goto done;
    if (!k->failed && (rc = ckp_load_check_complete(net, err))) {
        ckp_error_at(err, nodes_path, 0, 0);
        goto done;
    }
    free(c.scratch);
    c.scratch = NULL;
    if ((rc = edges_ready(e, err)))
        goto done;
    /* a row per line at most: room for all of them, found by counting lines (a large edges
       file's by the threads that read it) */
    if (e->len < PARALLEL_MIN_BYTES &&
        (rc = ckp_network_reserve(net, 0, count_lines(e->buf, e->len), err)))
        goto done;
    if ((rc = csv_open(&c, edges_path, e->buf, e->len, sep, err)) ||
        (rc = read_edges(&c, net, k)))
        goto done;
    if (!tiers && !k->failed && (rc = ckp_infer_tier_order(net, err))) {
        ckp_error_at(err, nodes_path, 0, 0);
        goto done;
    }
    if (!k->failed)
        rc = resolve_materials(net, nodes, nodes_len, nodes_path, e->buf, e->len, edges_path,
                               sep, err);
done:
    free(c.scratch);
    return rc;
}

static ckp_code load_buffers(ckp_network **out, const char *nodes, size_t nodes_len,
                             const char *nodes_path, edges_input *edges, const char *edges_path,
                             const ckp_load_options *opts, ckp_error *err)
{
    ckp_code rc;
    ckp_network *net = NULL;
    ckp_error mine;
    ckp_sidecar meta;
    collector k;
    memset(&k, 0, sizeof k);
    ckp_strtab_init(&k.refused);
    k.list = opts ? opts->errors : NULL;
    ckp_sidecar_init(&meta);
    if (!err) /* the rows' errors are copied from it */
        err = &mine;
    ckp_error_init(err);
    *out = NULL;
    if ((rc = ckp_sidecar_read(&meta, opts ? opts->meta : NULL, nodes_path,
                                 opts ? opts->warnings : NULL, err)) ||
        (rc = ckp_network_new(&net, err)))
        goto done;
    if ((rc = ckp_network_reserve(net, count_lines(nodes, nodes_len), 0, err)) ||
        (rc = set_meta(net, opts, &meta, nodes_path, err)))
        goto done;
    if (meta.materials && !cJSON_IsNull(meta.materials) &&
        (rc = ckp_load_materials_json(net, meta.materials, "\"materials\"", err))) {
        ckp_error_at(err, meta.path, 0, 0);
        goto done;
    }
    if (meta.groups && (rc = ckp_groups_parse(&net->groups, meta.groups, err))) {
        ckp_error_at(err, meta.path, 0, 0);
        goto done;
    }
    const char *tiers = opts && opts->tiers ? opts->tiers : meta.tiers;
    rc = read_files(net, nodes, nodes_len, nodes_path, edges, edges_path, opts, tiers, &k, err);
    if (k.failed) { /* the first error of the rows, whatever came after it */
        *err = k.first;
        rc = k.first.code;
    } else if (!rc && opts && opts->warnings) {
        rc = ckp_load_near_duplicates(net, nodes_path, opts->warnings, err);
    }
    if (rc)
        goto done;
    *out = net;
    net = NULL;
done:
    ckp_strtab_destroy(&k.refused);
    free(k.tier_row);
    ckp_sidecar_destroy(&meta);
    ckp_network_free(net);
    return rc;
}

ckp_code ckp_load_csv_buffers(ckp_network **out, const char *nodes, size_t nodes_len,
                              const char *nodes_path, const char *edges, size_t edges_len,
                              const char *edges_path, const ckp_load_options *opts,
                              ckp_error *err)
{
    edges_input e;
    memset(&e, 0, sizeof e);
    e.buf = edges;
    e.len = edges_len;
    return load_buffers(out, nodes, nodes_len, nodes_path, &e, edges_path, opts, err);
}

ckp_code ckp_load_csv(ckp_network **out, const char *nodes_path, const char *edges_path,
                      const ckp_load_options *opts, ckp_error *err)
{
    char *nodes = NULL;
    size_t nodes_len;
    edges_input e;
    ckp_code rc;
    memset(&e, 0, sizeof e);
    *out = NULL;
    /* opened in the same order as before the thread: the same error first */
    if ((rc = ckp_read_file(&nodes, &nodes_len, nodes_path, err)) ||
        (rc = ckp_file_reader_open(&e.reader, edges_path, err)))
        goto done;
    if (e.reader.regular && e.reader.cap >= PARALLEL_MIN_BYTES &&
        pthread_create(&e.tid, NULL, edges_read, &e) == 0)
        e.pending = 1;
    else
        edges_read(&e); /* small, a pipe, or no thread: here */
    if (!e.pending && (rc = edges_ready(&e, err)))
        goto done;
    rc = load_buffers(out, nodes, nodes_len, nodes_path, &e, edges_path, opts, err);
    /* a failed read of the edges came before any parsing when read first: it still wins */
    if (edges_ready(&e, NULL)) {
        ckp_network_free(*out);
        *out = NULL;
        rc = edges_ready(&e, err);
    }
done:
    free(nodes);
    free(e.owned);
    return rc;
}
