/*
 * The JSON network loader. The structural scanner (json_scan.c) walks the
 * document and finds each node and edge; plain ones are read straight from the
 * text (json_flat.c), others parsed by cJSON one at a time, so no
 * whole-document tree is ever built. Every error carries a byte offset,
 * turned into line:column only when reported.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "progress.h"
#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "groups_json.h"
#include "chokepoint/materials.h"
#include "edge_runs.h"
#include "jdoc.h"
#include "json_flat.h"
#include "json_scan.h"
#include "load_json.h"
#include "load_common.h"
#include "network_internal.h"
#include "text.h"

typedef struct jahead jahead;

typedef struct {
    const char *path;
    const char *buf;
    size_t len;
    ckp_error *err;
    jahead *ahead; /* the edges' prefetching, while they are read */
    char *scratch; /* the fast path's unescaped strings */
    size_t scratch_cap;
    /* the last "from" and "to" looked up: edge lists come grouped by one end */
    char last_id[2][64];
    igraph_integer_t last_node[2];
} jctx;

/* One element (node or edge) being read: its span and how to name it. */
typedef struct {
    jctx *c;
    cJSON *obj;
    size_t start, end;
    char what[256];
} jelem;

static ckp_code locate(jctx *c, size_t off)
{
    long line, column;
    ckp_text_position(c->buf, c->len, off, &line, &column);
    ckp_error_at(c->err, c->path, line, column);
    return c->err ? c->err->code : CKP_EDATA;
}

#define JERR(c, off, ...) (ckp_error_set((c)->err, CKP_EDATA, __VA_ARGS__), locate((c), (off)))


/* Type of a value the scanner has already validated, from its first byte. */
static const char *span_type(const jctx *c, size_t start)
{
    switch (c->buf[start]) {
    case '{':
        return "an object";
    case '[':
        return "an array";
    case '"':
        return "a string";
    case 't':
    case 'f':
        return "a boolean";
    case 'n':
        return "null";
    default:
        return "a number";
    }
}

/* Parse the value spanning [start, end) with cJSON; NULL after reporting. */
static cJSON *parse_span(jctx *c, size_t start, size_t end)
{
    const char *parse_end = NULL;
    cJSON *item = cJSON_ParseWithLengthOpts(c->buf + start, end - start, &parse_end, 0);
    if (!item) {
        size_t off = parse_end ? (size_t)(parse_end - c->buf) : start;
        if (off < start || off > end)
            off = start;
        JERR(c, off, "invalid JSON value");
        return NULL;
    }
    return item;
}

static size_t elem_locate(const jelem *e, const char *key)
{
    return ckp_json_locate(e->c->buf, e->start, e->end, key, 0);
}

static ckp_code elem_error(const jelem *e, const char *key, const char *fmt, const char *a,
                           const char *b)
{
    char msg[768];
    snprintf(msg, sizeof msg, fmt, a, b);
    return JERR(e->c, key ? elem_locate(e, key) : e->start, "%s: %s", e->what, msg);
}

/*
 * Two members with the same key would make the file mean what cJSON picks. Only
 * the keys the loader reads matter (others are ignored), and checking just those
 * keeps this linear in the number of members.
 */
enum { N_ID, N_NAME, N_TIER, N_COUNTRY, N_OWNER, N_CAPACITY, N_DEMAND, N_STOCK, N_SOURCE,
       N_ESTIMATE, N_RECIPE, N_OUTPUT, N_YIELDS, N_TTR, N_KEYS };
static const char *const node_keys[] = {"id",     "name",   "tier",   "country",
                                        "owner",  "capacity", "demand", "stock",
                                        "source", "estimate", "recipe", "output",
                                        "yields", "ttr_days", NULL};
enum { E_FROM, E_TO, E_VOLUME, E_CAPACITY, E_SOURCE, E_ESTIMATE, E_MATERIAL, E_KEYS };
static const char *const edge_keys[] = {"from", "to", "volume", "capacity", "source",
                                        "estimate", "material", NULL};

static ckp_code check_duplicate_keys(const jelem *e, const char *const *keys)
{
    unsigned seen = 0;
    for (const cJSON *a = e->obj->child; a; a = a->next)
        for (int k = 0; a->string && keys[k]; k++) {
            if (strcmp(a->string, keys[k]))
                continue;
            if (seen & (1u << k)) {
                size_t off = ckp_json_locate_key(e->c->buf, e->start, e->end, keys[k], 1);
                return JERR(e->c, off, "%s: duplicate key \"%s\": keep one", e->what, keys[k]);
            }
            seen |= 1u << k;
        }
    return CKP_OK;
}

static ckp_code get_string(const jelem *e, const char *key, int required, const char **out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(e->obj, key);
    *out = NULL;
    if (!item || cJSON_IsNull(item)) {
        if (required)
            return elem_error(e, NULL, "missing \"%s\"%s", key, "");
        return CKP_OK;
    }
    if (!cJSON_IsString(item))
        return elem_error(e, key, "\"%s\" must be a string, not %s", key,
                          ckp_json_type_name(item));
    *out = item->valuestring;
    return CKP_OK;
}

static ckp_code get_number(const jelem *e, const char *key, double absent, double *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(e->obj, key);
    *out = absent;
    if (!item || cJSON_IsNull(item))
        return CKP_OK;
    if (cJSON_IsString(item)) {
        char msg[256];
        snprintf(msg, sizeof msg, "\"%s\" must be a number, not a string (\"%.40s\"): "
                 "write it without quotes", key, item->valuestring);
        return elem_error(e, key, "%s%s", msg, "");
    }
    if (!cJSON_IsNumber(item))
        return elem_error(e, key, "\"%s\" must be a number, not %s", key,
                          ckp_json_type_name(item));
    if (!isfinite(item->valuedouble)) /* 1e999 overflows to infinity */
        return elem_error(e, key, "\"%s\" is out of range: it must be a finite number%s", key,
                          "");
    *out = item->valuedouble;
    return CKP_OK;
}

/* A material named in a node or an edge; -1 after reporting it at `off` when unknown. */
static igraph_integer_t find_material(const jelem *e, const ckp_network *net, const char *id,
                                      const char *where, size_t off)
{
    igraph_integer_t m = ckp_network_material_find(net, id);
    if (m < 0)
        JERR(e->c, off, "%s: %s names unknown material '%.200s': list it in the top-level "
             "\"materials\"", e->what, where, id);
    return m;
}

/* A node's "recipe" and "yields" ({material: units per unit of throughput}) and "output". */
static ckp_code read_node_bom(const jelem *e, ckp_network *net, igraph_integer_t node)
{
    static const char *const keys[] = {"recipe", "yields"};
    ckp_code rc;
    for (int k = 0; k < 2; k++) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(e->obj, keys[k]);
        if (!list || cJSON_IsNull(list))
            continue;
        if (!cJSON_IsObject(list) || !list->child)
            return elem_error(e, keys[k], "\"%s\" must be an object {\"material\": units, "
                              "...} naming at least one material, not %s", keys[k],
                              cJSON_IsObject(list) ? "an empty object" : ckp_json_type_name(list));
        size_t at = elem_locate(e, keys[k]);
        for (const cJSON *item = list->child; item; item = item->next) {
            size_t off = ckp_json_locate_key(e->c->buf, at, e->end, item->string, 0);
            char where[64];
            snprintf(where, sizeof where, "\"%s\"", keys[k]);
            igraph_integer_t m = find_material(e, net, item->string, where, off);
            if (m < 0)
                return e->c->err ? e->c->err->code : CKP_EDATA;
            if (!cJSON_IsNumber(item))
                return JERR(e->c, off, "%s: \"%s\": '%.200s' must be a number, not %s",
                            e->what, keys[k], item->string, ckp_json_type_name(item));
            if ((rc = ckp_network_add_recipe(net, node, (ckp_recipe_kind)k, m,
                                             item->valuedouble, e->c->err))) {
                ckp_error_prefix(e->c->err, "%s: ", e->what);
                return locate(e->c, off);
            }
        }
    }
    const char *output;
    if ((rc = get_string(e, "output", 0, &output)) || !output)
        return rc;
    igraph_integer_t m = find_material(e, net, output, "\"output\"", elem_locate(e, "output"));
    if (m < 0)
        return e->c->err ? e->c->err->code : CKP_EDATA;
    if ((rc = ckp_network_add_recipe(net, node, CKP_RECIPE_OUTPUT, m, 1, e->c->err))) {
        ckp_error_prefix(e->c->err, "%s: ", e->what);
        return locate(e->c, elem_locate(e, "output"));
    }
    return CKP_OK;
}

static ckp_code read_node(jctx *c, ckp_network *net, size_t start, size_t end,
                          igraph_integer_t index)
{
    ckp_code rc;
    jelem e = {.c = c, .start = start, .end = end};
    snprintf(e.what, sizeof e.what, "node %lld", (long long)index);
    e.obj = parse_span(c, start, end);
    if (!e.obj)
        return c->err ? c->err->code : CKP_EDATA;
    if (!cJSON_IsObject(e.obj)) {
        rc = JERR(c, start, "%s: must be an object {\"id\": ..., \"tier\": ...}, not %s",
                  e.what, ckp_json_type_name(e.obj));
        goto done;
    }
    /* name the node by its id as soon as there is one */
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(e.obj, "id");
    if (cJSON_IsString(id) && id->valuestring[0])
        snprintf(e.what, sizeof e.what, "node '%.200s'", id->valuestring);
    if ((rc = check_duplicate_keys(&e, node_keys)))
        goto done;
    ckp_node_spec spec;
    ckp_node_spec_init(&spec);
    if ((rc = get_string(&e, "id", 1, &spec.id)))
        goto done;
    igraph_integer_t first = spec.id[0] ? ckp_network_find(net, spec.id) : -1;
    if (first >= 0) {
        snprintf(e.what, sizeof e.what, "node %lld", (long long)index);
        char msg[512];
        snprintf(msg, sizeof msg, "duplicate id '%.200s', already the id of node %lld: every "
                 "node needs its own id", spec.id, (long long)first);
        rc = elem_error(&e, "id", "%s%s", msg, "");
        goto done;
    }
    if ((rc = get_string(&e, "name", 0, &spec.name)) ||
        (rc = get_string(&e, "tier", 1, &spec.tier)) ||
        (rc = get_string(&e, "country", 1, &spec.country)) ||
        (rc = get_string(&e, "owner", 0, &spec.owner)) ||
        (rc = get_number(&e, "capacity", CKP_UNBOUNDED, &spec.capacity)) ||
        (rc = get_number(&e, "demand", NAN, &spec.demand)) ||
        (rc = get_number(&e, "stock", NAN, &spec.stock)) ||
        (rc = get_number(&e, "ttr_days", NAN, &spec.ttr_days)) ||
        (rc = get_string(&e, "source", 0, &spec.source)) ||
        (rc = get_string(&e, "estimate", 0, &spec.estimate)))
        goto done;
    const char *bad = NULL;
    if ((rc = ckp_network_add_node(net, &spec, &bad, c->err))) {
        ckp_error_prefix(c->err, "%s: ", e.what);
        locate(c, bad ? elem_locate(&e, bad) : start);
        goto done;
    }
    rc = read_node_bom(&e, net, ckp_network_node_count(net) - 1);
done:
    cJSON_Delete(e.obj);
    return rc;
}

static ckp_code read_edge(jctx *c, ckp_network *net, size_t start, size_t end,
                          igraph_integer_t index)
{
    ckp_code rc;
    jelem e = {.c = c, .start = start, .end = end};
    snprintf(e.what, sizeof e.what, "edge %lld", (long long)index);
    e.obj = parse_span(c, start, end);
    if (!e.obj)
        return c->err ? c->err->code : CKP_EDATA;
    if (!cJSON_IsObject(e.obj)) {
        rc = JERR(c, start, "%s: must be an object {\"from\": ..., \"to\": ...}, not %s",
                  e.what, ckp_json_type_name(e.obj));
        goto done;
    }
    if ((rc = check_duplicate_keys(&e, edge_keys)))
        goto done;
    const char *from, *to, *material;
    igraph_integer_t mat = -1;
    ckp_edge_spec spec;
    ckp_edge_spec_init(&spec);
    if ((rc = get_string(&e, "from", 1, &from)) || (rc = get_string(&e, "to", 1, &to)) ||
        (rc = get_number(&e, "volume", 0, &spec.volume)) ||
        (rc = get_number(&e, "capacity", CKP_UNBOUNDED, &spec.capacity)) ||
        (rc = get_string(&e, "source", 0, &spec.source)) ||
        (rc = get_string(&e, "estimate", 0, &spec.estimate)) ||
        (rc = get_string(&e, "material", 0, &material)))
        goto done;
    if (material && (mat = find_material(&e, net, material, "\"material\"",
                                         elem_locate(&e, "material"))) < 0) {
        rc = c->err ? c->err->code : CKP_EDATA;
        goto done;
    }
    spec.from = ckp_network_find(net, from);
    if (spec.from < 0) {
        rc = elem_error(&e, "from", "unknown node '%.200s' in \"from\"%s", from, "");
        goto done;
    }
    spec.to = ckp_network_find(net, to);
    if (spec.to < 0) {
        rc = elem_error(&e, "to", "unknown node '%.200s' in \"to\"%s", to, "");
        goto done;
    }
    const char *bad = NULL;
    int64_t source = ckp_network_intern_text(net, spec.source);
    int64_t estimate = ckp_network_intern_text(net, spec.estimate);
    if (source < -1 || estimate < -1) {
        rc = ckp_error_set(c->err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if ((rc = ckp_network_add_edge_material(net, &spec, mat, (int32_t)source, (int32_t)estimate,
                                            &bad, c->err))) {
        ckp_error_prefix(c->err, "%s: ", e.what);
        locate(c, bad ? elem_locate(&e, bad) : start);
    }
done:
    cJSON_Delete(e.obj);
    return rc;
}

/* A top-level material {"id", "name", "unit"}. */
static ckp_code read_material(jctx *c, ckp_network *net, size_t start, size_t end,
                              igraph_integer_t index)
{
    static const char *const keys[] = {"id", "name", "unit", NULL};
    ckp_code rc;
    jelem e = {.c = c, .start = start, .end = end};
    snprintf(e.what, sizeof e.what, "material %lld", (long long)index);
    e.obj = parse_span(c, start, end);
    if (!e.obj)
        return c->err ? c->err->code : CKP_EDATA;
    const char *id, *name, *unit;
    if (!cJSON_IsObject(e.obj)) {
        rc = JERR(c, start, "%s: must be an object {\"id\": ..., \"unit\": ...}, not %s",
                  e.what, ckp_json_type_name(e.obj));
        goto done;
    }
    if ((rc = check_duplicate_keys(&e, keys)) || (rc = get_string(&e, "id", 1, &id)) ||
        (rc = get_string(&e, "name", 0, &name)) || (rc = get_string(&e, "unit", 0, &unit)))
        goto done;
    if ((rc = ckp_network_add_material(net, id, name, unit, c->err))) {
        ckp_error_prefix(c->err, "%s: ", e.what);
        locate(c, elem_locate(&e, "id"));
    }
done:
    cJSON_Delete(e.obj);
    return rc;
}

/* The span of element `index` of the array at [start, end); 0 if there is none. */
static int array_element(const jctx *c, size_t start, size_t end, igraph_integer_t index,
                         size_t *v, size_t *ve)
{
    ckp_jscan s;
    ckp_jiter it;
    size_t k, kl;
    ckp_jscan_init(&s, c->buf, end, start);
    if (ckp_jscan_begin(&s, &it, '[') < 0)
        return 0;
    for (igraph_integer_t i = 0; i <= index; i++)
        if (ckp_jscan_next(&s, &it, 1, &k, &kl, v, ve) != 1)
            return 0;
    return 1;
}

/* Tell the edges' materials and check the recipes; an error points at its culprit. */
static ckp_code resolve_materials(jctx *c, ckp_network *net, const size_t *nodes,
                                  const size_t *edges)
{
    igraph_integer_t bad_node, bad_edge;
    const char *key;
    ckp_code rc = ckp_network_resolve_materials(net, &bad_node, &bad_edge, &key, c->err);
    if (!rc || (bad_node < 0 && bad_edge < 0))
        return rc;
    const size_t *span = bad_node >= 0 ? nodes : edges;
    size_t v, ve;
    if (!array_element(c, span[0], span[1], bad_node >= 0 ? bad_node : bad_edge, &v, &ve))
        return locate(c, span[0]);
    return locate(c, key ? ckp_json_locate(c->buf, v, ve, key, 0) : v);
}

/*
 * The fast path (json_flat.h): an element in the plain case read without cJSON. 0 when it
 * is not the plain case or anything is amiss, the element left unread for the slow path,
 * which reports the first error exactly as it always has.
 */
typedef int (*fast_reader)(jctx *, ckp_network *, size_t, size_t *);

/* Room in the scratch for the strings of an element of n bytes; -1 when out of memory. */
static int scratch_room(jctx *c, size_t n)
{
    return ckp_load_room(&c->scratch, &c->scratch_cap, n + 1, 4096);
}

/* Key k's string into the scratch at *out (NULL when absent or null); 0 when not a string. */
static int fast_string(const jctx *c, const ckp_jflat *f, int k, char **out, const char **s)
{
    size_t v = f->at[k];
    *s = NULL;
    if (v == CKP_JFLAT_NONE || c->buf[v] == 'n')
        return 1;
    if (c->buf[v] != '"')
        return 0;
    *s = *out;
    *out += ckp_jflat_unescape(*out, c->buf, v, f->end[k]) + 1;
    return 1;
}

/* Key k's number as cJSON reads it (`absent` when absent or null); 0 when not one. */
static int fast_number(const jctx *c, const ckp_jflat *f, int k, double absent, double *out)
{
    size_t v = f->at[k], n = f->end[k] - v;
    char digits[64];
    *out = absent;
    if (v == CKP_JFLAT_NONE || c->buf[v] == 'n')
        return 1;
    if (c->buf[v] != '-' && (c->buf[v] < '0' || c->buf[v] > '9'))
        return 0;
    if (!ckp_load_decimal(c->buf + v, n, out)) {
        if (n >= sizeof digits) /* cJSON reads 63 characters of a number at most */
            return 0;
        memcpy(digits, c->buf + v, n);
        digits[n] = '\0';
        *out = strtod(digits, NULL);
    }
    return isfinite(*out);
}

static int fast_node(jctx *c, ckp_network *net, size_t start, size_t *end)
{
    ckp_jflat f;
    ckp_node_spec spec;
    if (!ckp_jflat_read(&f, c->buf, c->len, start, node_keys, N_KEYS, end) ||
        scratch_room(c, *end - start) < 0)
        return 0;
    for (int k = N_RECIPE; k <= N_YIELDS; k++) /* materials: the slow path */
        if (f.at[k] != CKP_JFLAT_NONE && c->buf[f.at[k]] != 'n')
            return 0;
    char *out = c->scratch;
    ckp_node_spec_init(&spec);
    if (!fast_string(c, &f, N_ID, &out, &spec.id) ||
        !fast_string(c, &f, N_NAME, &out, &spec.name) ||
        !fast_string(c, &f, N_TIER, &out, &spec.tier) ||
        !fast_string(c, &f, N_COUNTRY, &out, &spec.country) ||
        !fast_string(c, &f, N_OWNER, &out, &spec.owner) ||
        !fast_string(c, &f, N_SOURCE, &out, &spec.source) ||
        !fast_string(c, &f, N_ESTIMATE, &out, &spec.estimate) ||
        !fast_number(c, &f, N_CAPACITY, CKP_UNBOUNDED, &spec.capacity) ||
        !fast_number(c, &f, N_DEMAND, NAN, &spec.demand) ||
        !fast_number(c, &f, N_STOCK, NAN, &spec.stock) ||
        !fast_number(c, &f, N_TTR, NAN, &spec.ttr_days))
        return 0;
    if (!spec.id || !spec.id[0] || !spec.tier || !spec.country)
        return 0;
    return ckp_network_add_node(net, &spec, NULL, c->err) == CKP_OK;
}

/*
 * Prefetching for the edges' id lookups (strtab.h): a cursor some edges ahead of the reader
 * finds the next "from" and the next "to" in the text and hashes their ids. Only hints: a
 * key it takes from elsewhere (inside another value) costs nothing but the hint.
 */
struct jahead {
    const ckp_strtab *ids;
    const char *buf;
    size_t end, pos[2];
    ckp_strtab_ahead ring;
};

/*
 * Where the next key j (0 "from", 1 "to") starts. In the usual layouts without a search:
 * "from" the first key of the next object, "to" the key after "from"'s value; else memmem
 * (whose call cost as much as reading the edge: a million-node network has 4.7 million).
 */
static const char *next_key(const jahead *la, int j)
{
    static const char *const key[2] = {"\"from\"", "\"to\""};
    size_t klen = j ? 4 : 6, at = la->pos[j], end = la->end, k = end;
    const char *b = la->buf;
    if (at >= end)
        return NULL;
    if (!j) {
        const char *o = memchr(b + at, '{', end - at);
        if (o)
            k = ckp_jflat_skip_ws(b, (size_t)(o - b) + 1, end);
    } else if (la->pos[0] >= at && la->pos[0] < end && b[la->pos[0]] == '"') {
        k = ckp_jflat_skip_ws(b, la->pos[0] + 1, end);
        if (k < end && b[k] == ',')
            k = ckp_jflat_skip_ws(b, k + 1, end);
    }
    if (k + klen <= end && !memcmp(b + k, key[j], klen))
        return b + k;
    return memmem(b + at, end - at, key[j], klen);
}

/* The hash of the next id of key j (0 "from", 1 "to"); 0 when there is none or it is escaped. */
static uint32_t ahead_hash(jahead *la, int j)
{
    size_t klen = j ? 4 : 6, at, end = la->end;
    const char *k = next_key(la, j);
    if (!k) {
        la->pos[j] = end;
        return 0;
    }
    at = (size_t)(k - la->buf) + klen;
    while (at < end && (la->buf[at] == ' ' || la->buf[at] == ':' || la->buf[at] == '\n'))
        at++;
    if (at >= end || la->buf[at] != '"') {
        la->pos[j] = at;
        return 0;
    }
    size_t q = ckp_json_plain_run(la->buf, at + 1, end);
    la->pos[j] = q;
    return q < end && la->buf[q] == '"' && q > at + 1 ? ckp_hash_bytes(la->buf + at + 1, q - at - 1)
                                                       : 0;
}

static void ahead_step(jahead *la)
{
    uint32_t from = ahead_hash(la, 0);
    ckp_strtab_ahead_push(&la->ring, la->ids, from, ahead_hash(la, 1));
}

/* The cursor over the edges of buf[at, end), primed. */
static void ahead_start(jahead *la, const ckp_strtab *ids, const char *buf, size_t at, size_t end)
{
    *la = (jahead){.ids = ids, .buf = buf, .end = end, .pos = {at, at}};
    for (int k = 0; k < 3 * CKP_STRTAB_AHEAD; k++)
        ahead_step(la);
}

/* The node of id, column j (0 "from", 1 "to") of the cache; -1 when unknown. */
static igraph_integer_t fast_find(jctx *c, const ckp_network *net, const char *id, int j)
{
    size_t len = strlen(id);
    if (c->last_node[j] >= 0 && len < sizeof c->last_id[j] && !memcmp(id, c->last_id[j], len + 1))
        return c->last_node[j];
    igraph_integer_t v = ckp_network_find(net, id);
    c->last_node[j] = v >= 0 && len < sizeof c->last_id[j] ? v : -1;
    if (c->last_node[j] >= 0)
        memcpy(c->last_id[j], id, len + 1);
    return v;
}

/* The plain edge at buf[start] into spec, its strings in the scratch; 0 when not the plain case */
static int fast_edge_spec(jctx *c, const ckp_network *net, size_t start, size_t *end,
                          ckp_edge_spec *spec)
{
    ckp_jflat f;
    const char *from, *to;
    if (!ckp_jflat_read(&f, c->buf, c->len, start, edge_keys, E_KEYS, end) ||
        scratch_room(c, *end - start) < 0 ||
        (f.at[E_MATERIAL] != CKP_JFLAT_NONE && c->buf[f.at[E_MATERIAL]] != 'n'))
        return 0;
    char *out = c->scratch;
    ckp_edge_spec_init(spec);
    return fast_string(c, &f, E_FROM, &out, &from) && fast_string(c, &f, E_TO, &out, &to) &&
           fast_string(c, &f, E_SOURCE, &out, &spec->source) &&
           fast_string(c, &f, E_ESTIMATE, &out, &spec->estimate) &&
           fast_number(c, &f, E_VOLUME, 0, &spec->volume) &&
           fast_number(c, &f, E_CAPACITY, CKP_UNBOUNDED, &spec->capacity) && from && to &&
           (spec->from = fast_find(c, net, from, 0)) >= 0 &&
           (spec->to = fast_find(c, net, to, 1)) >= 0;
}

static int fast_edge(jctx *c, ckp_network *net, size_t start, size_t *end)
{
    ckp_edge_spec spec;
    if (!fast_edge_spec(c, net, start, end, &spec))
        return 0;
    int64_t source = ckp_network_intern_text(net, spec.source);
    int64_t estimate = ckp_network_intern_text(net, spec.estimate);
    return source >= -1 && estimate >= -1 &&
           ckp_network_add_edge_material(net, &spec, -1, (int32_t)source, (int32_t)estimate,
                                         NULL, c->err) == CKP_OK;
}

/* Iterate the array at [start, end) and read each element. */
static ckp_code read_array(jctx *c, ckp_network *net, size_t start, size_t end,
                           const char *key, igraph_integer_t *count,
                           ckp_code (*read)(jctx *, ckp_network *, size_t, size_t,
                                            igraph_integer_t),
                           fast_reader fast)
{
    ckp_jscan s;
    ckp_jiter it;
    size_t k, kl, v, ve;
    int r;
    ckp_code rc;
    *count = 0;
    ckp_jscan_init(&s, c->buf, end, start);
    if (ckp_jscan_begin(&s, &it, '[') < 0)
        return JERR(c, start, "\"%s\" must be an array [...], not %s", key,
                    span_type(c, start));
    while ((r = ckp_jscan_next_start(&s, &it, &k, &kl, &v)) == 1) {
        if (c->ahead)
            ahead_step(c->ahead);
        if (fast && fast(c, net, v, &ve)) {
            s.pos = ve;
        } else {
            if (ckp_jscan_skip(&s, 2) < 0) {
                r = -1;
                break;
            }
            ve = s.pos;
            if ((rc = read(c, net, v, ve, *count)))
                return rc;
        }
        (*count)++;
        ckp_progress("loading", (long long)ve, (long long)c->len);
    }
    if (r < 0) /* cannot happen: the span was scanned already */
        return JERR(c, s.err_pos, "%s", s.err_msg);
    return CKP_OK;
}

/*
 * A large edges array read on threads, a run of it each, as the CSV loader's edges:
 * the array cut at line ends (a raw line end is never inside a JSON string) before a '{'.
 * A run reads plain edges (the fast path) from its first byte until an element starts at
 * or past the next run's first byte; each run must end exactly there, which proves the
 * cuts were at elements (the first run starts at one). Anything else (a cut inside an
 * element, an edge the fast path leaves, an edge the network would refuse) and the whole
 * array is read again one element after the other, which reports the first error as always.
 */
#ifndef CKP_JSON_PARALLEL_MIN_BYTES
#define CKP_JSON_PARALLEL_MIN_BYTES (8u << 20)
#endif

typedef struct {
    jctx c; /* its own scratch and last ids */
    ckp_error err;
    size_t begin, end, next; /* next: where the element after its last starts, or its ']' */
    ckp_edge_run out;        /* room: the '{' in [begin, end) */
} jrun;

static void *jrun_count(void *arg)
{
    jrun *r = arg;
    igraph_integer_t n = 0;
    for (const char *q = r->c.buf + r->begin, *e = r->c.buf + r->end;
         (q = memchr(q, '{', (size_t)(e - q))); q++)
        n++;
    r->out.cap = n;
    return NULL;
}

static void *jrun_read(void *arg)
{
    jrun *r = arg;
    jctx *c = &r->c;
    const char *buf = c->buf;
    size_t at = r->begin, array_end = c->len; /* c->len: the array's span end */
    jahead la;
    ahead_start(&la, &r->out.net->ids, buf, at, array_end);
    while (at < r->end) {
        ahead_step(&la);
        ckp_edge_spec spec;
        size_t ve;
        if (buf[at] != '{' || !fast_edge_spec(c, r->out.net, at, &ve, &spec) ||
            ckp_edge_run_put(&r->out, &spec, -1) < 0) {
            r->out.failed = 1;
            break;
        }
        at = ckp_jflat_skip_ws(buf, ve, array_end);
        if (at < array_end && buf[at] == ']')
            break;
        if (at >= array_end || buf[at] != ',') {
            r->out.failed = 1;
            break;
        }
        at = ckp_jflat_skip_ws(buf, at + 1, array_end);
    }
    r->next = at;
    return NULL;
}

/* 0 when every edge was read on threads; -1 when the array must be read one element after
   the other */
static int read_edges_parallel(jctx *c, ckp_network *net, size_t start, size_t end)
{
    int n = ckp_edge_run_count();
    const char *buf = c->buf;
    if (n < 2 || end - start < CKP_JSON_PARALLEL_MIN_BYTES || net->n_nodes >= INT32_MAX ||
        buf[start] != '[' || buf[end - 1] != ']')
        return -1;
    size_t begin[CKP_MAX_RUNS + 1];
    begin[0] = ckp_jflat_skip_ws(buf, start + 1, end);
    if (buf[begin[0]] != '{')
        return -1;
    for (int k = 1; k < n; k++) {
        size_t cut = begin[0] + (end - begin[0]) / (size_t)n * (size_t)k;
        const char *nl = memchr(buf + cut, '\n', end - cut);
        begin[k] = nl ? ckp_jflat_skip_ws(buf, (size_t)(nl - buf) + 1, end) : end;
        if (begin[k] >= end || buf[begin[k]] != '{' || begin[k] <= begin[k - 1])
            return -1;
    }
    begin[n] = end - 1; /* the ']' */
    jrun runs[CKP_MAX_RUNS];
    ckp_edge_run *outs[CKP_MAX_RUNS];
    memset(runs, 0, sizeof runs);
    for (int k = 0; k < n; k++) {
        jrun *r = &runs[k];
        r->c = (jctx){.path = c->path, .buf = buf, .len = end, .err = &r->err,
                      .last_node = {-1, -1}};
        ckp_error_init(&r->err);
        r->begin = begin[k];
        r->end = begin[k + 1];
        ckp_edge_run_init(&r->out, net);
        outs[k] = &r->out;
    }
    ckp_error scratch;
    ckp_error_init(&scratch);
    int ok = ckp_on_threads(runs, sizeof *runs, n, jrun_count) == 0 &&
             ckp_edge_runs_place(net, outs, n, &scratch) == 0;
    if (ok && ckp_on_threads(runs, sizeof *runs, n, jrun_read) < 0)
        ok = 0;
    for (int k = 0; k < n; k++) /* each run ends where the next begins, the last at ']' */
        ok &= !runs[k].out.failed && runs[k].next == begin[k + 1];
    if (ok && ckp_edge_runs_add(net, outs, n, &scratch) < 0)
        ok = 0;
    for (int k = 0; k < n; k++) {
        free(runs[k].c.scratch);
        ckp_edge_run_destroy(&runs[k].out);
    }
    if (!ok)
        ckp_network_drop_edges(net);
    return ok ? 0 : -1;
}

/* The edges, their duplicates found after the load (ckp_network_defer_duplicates). */
static ckp_code read_edges(jctx *c, ckp_network *net, size_t start, size_t end)
{
    igraph_integer_t n;
    ckp_code rc;
    ckp_network_defer_duplicates(net);
    if (read_edges_parallel(c, net, start, end) < 0) {
        jahead la;
        ahead_start(&la, &net->ids, c->buf, start, end);
        c->ahead = &la;
        rc = read_array(c, net, start, end, "edges", &n, read_edge, fast_edge);
        c->ahead = NULL;
        if (rc)
            return rc;
    }
    igraph_integer_t dup = ckp_network_first_duplicate(net);
    if (dup == -2)
        return ckp_error_set(c->err, CKP_EINTERNAL, "out of memory");
    if (dup < 0)
        return CKP_OK;
    /* read the duplicate again, now checked, for the message and its place */
    ckp_jscan s;
    ckp_jiter it;
    size_t k, kl, v, ve;
    ckp_jscan_init(&s, c->buf, end, start);
    if (ckp_jscan_begin(&s, &it, '[') < 0)
        return JERR(c, start, "%s", s.err_msg);
    for (igraph_integer_t i = 0; i <= dup; i++)
        if (ckp_jscan_next(&s, &it, 1, &k, &kl, &v, &ve) != 1)
            return ckp_error_set(c->err, CKP_EINTERNAL, "edge %lld went missing", (long long)dup);
    rc = read_edge(c, net, v, ve, dup);
    return rc ? rc
              : ckp_error_set(c->err, CKP_EINTERNAL, "edge %lld: a duplicate not found again",
                              (long long)dup);
}

static ckp_code read_tiers(jctx *c, ckp_network *net, size_t start, size_t end)
{
    ckp_jscan s;
    ckp_jiter it;
    size_t k, kl, v, ve;
    int r, i = 0;
    ckp_code rc;
    ckp_jscan_init(&s, c->buf, end, start);
    if (ckp_jscan_begin(&s, &it, '[') < 0)
        return JERR(c, start, "\"tiers\" must be an array of tier names, not %s",
                    span_type(c, start));
    while ((r = ckp_jscan_next(&s, &it, 1, &k, &kl, &v, &ve)) == 1) {
        if (c->buf[v] != '"')
            return JERR(c, v, "\"tiers\": element %d must be a string, not %s", i,
                        span_type(c, v));
        cJSON *t = parse_span(c, v, ve);
        if (!t)
            return c->err ? c->err->code : CKP_EDATA;
        rc = ckp_network_add_tier(net, t->valuestring, c->err);
        cJSON_Delete(t);
        if (rc)
            return locate(c, v);
        i++;
    }
    if (r < 0) /* cannot happen: the span was scanned already */
        return JERR(c, s.err_pos, "%s", s.err_msg);
    if (i < 2)
        return JERR(c, start, "\"tiers\" must list at least two tiers: the sources first, "
                              "the end users last");
    return CKP_OK;
}

enum { K_FORMAT, K_NAME, K_UNIT, K_YEAR, K_DESCRIPTION, K_SOURCE, K_TIERS, K_NODES, K_EDGES,
       K_GROUPS, K_MATERIALS, K_TTR, K_COUNT };
static const char *const top_keys[K_COUNT] = {"format", "name",  "unit",  "year", "description",
                                              "source", "tiers", "nodes", "edges", "groups",
                                              "materials", "ttr_days"};

/* "groups": {"allies": ["US", "AU"]}, countries the scenarios and the views may name together. */
static ckp_code read_groups(jctx *c, ckp_network *net, const size_t *span)
{
    if (span[0] == (size_t)-1)
        return CKP_OK;
    cJSON *item = parse_span(c, span[0], span[1]);
    if (!item)
        return c->err ? c->err->code : CKP_EDATA;
    ckp_code rc = ckp_groups_parse(&net->groups, item, c->err);
    cJSON_Delete(item);
    return rc ? locate(c, span[0]) : CKP_OK;
}

/* A top-level string or number member; `absent` stays when missing or null. */
static ckp_code read_meta(jctx *c, const size_t *span, int key, int want_number,
                          char **str, double *num)
{
    if (span[0] == (size_t)-1)
        return CKP_OK;
    ckp_code rc = CKP_OK;
    cJSON *item = parse_span(c, span[0], span[1]);
    if (!item)
        return c->err ? c->err->code : CKP_EDATA;
    if (cJSON_IsNull(item))
        goto done;
    if (want_number && cJSON_IsNumber(item)) {
        *num = item->valuedouble;
    } else if (!want_number && cJSON_IsString(item)) {
        *str = strdup(item->valuestring);
        if (!*str)
            rc = ckp_error_set(c->err, CKP_EINTERNAL, "out of memory");
    } else {
        rc = JERR(c, span[0], "\"%s\" must be %s, not %s", top_keys[key],
                  want_number ? "a number" : "a string", ckp_json_type_name(item));
    }
done:
    cJSON_Delete(item);
    return rc;
}

/*
 * A top-level key with escapes ("t\u0069ers") means what it decodes to, as it does for
 * cJSON inside nodes and edges. Keys the loader reads are short: a longer escaped key
 * cannot be one of them and is left raw.
 */
static ckp_code decode_key(jctx *c, size_t k, size_t kl, char decoded[16], const char **name,
                           size_t *name_len)
{
    if (!memchr(c->buf + k, '\\', kl) || kl > 6 * 15)
        return CKP_OK;
    cJSON *item = parse_span(c, k - 1, k + kl + 1);
    if (!item)
        return c->err ? c->err->code : CKP_EDATA;
    size_t n = cJSON_IsString(item) ? strlen(item->valuestring) : 16;
    if (n < 16) {
        memcpy(decoded, item->valuestring, n + 1);
        *name = decoded;
        *name_len = n;
    }
    cJSON_Delete(item);
    return CKP_OK;
}

ckp_code ckp_load_json_buffer(ckp_network **out, const char *buf, size_t len, const char *path,
                              ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_network *net = NULL;
    char *meta[K_COUNT] = {0};
    double year = NAN, ttr = NAN;
    jctx c = {.path = path, .buf = buf, .len = len, .err = err, .last_node = {-1, -1}};
    size_t spans[K_COUNT][2];
    *out = NULL;
    for (int k = 0; k < K_COUNT; k++)
        spans[k][0] = spans[k][1] = (size_t)-1;

    size_t bad = ckp_load_utf8_invalid(buf, len);
    if (bad < len) {
        rc = JERR(&c, bad, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
                  (unsigned char)buf[bad]);
        goto done;
    }
    if (memchr(buf, '\0', len)) {
        rc = JERR(&c, (size_t)((const char *)memchr(buf, '\0', len) - buf),
                  "NUL byte in the file: this is not a text file");
        goto done;
    }
    ckp_jscan s;
    ckp_jiter it;
    ckp_jscan_init(&s, buf, len, ckp_bom_length(buf, len));
    ckp_jscan_ws(&s);
    if (s.pos >= len) {
        rc = ckp_error_set(err, CKP_EDATA,
                           "the file is empty: expected a network, a JSON object {...}");
        ckp_error_at(err, path, 0, 0);
        goto done;
    }
    if (buf[s.pos] == '<') {
        rc = JERR(&c, s.pos, "expected a JSON object '{' at the top level, not XML: GraphML "
                             "is read from a .graphml file or with --input-format graphml");
        goto done;
    }
    if (buf[s.pos] != '{') {
        rc = JERR(&c, s.pos, "expected a JSON object '{' at the top level");
        goto done;
    }
    ckp_jscan_begin(&s, &it, '{');
    size_t k, kl, v, ve;
    int r;
    while ((r = ckp_jscan_next(&s, &it, 0, &k, &kl, &v, &ve)) == 1) {
        const char *name = buf + k;
        size_t name_len = kl;
        char decoded[16];
        if ((rc = decode_key(&c, k, kl, decoded, &name, &name_len)))
            goto done;
        for (int key = 0; key < K_COUNT; key++) {
            if (name_len != strlen(top_keys[key]) || memcmp(name, top_keys[key], name_len))
                continue;
            if (spans[key][0] != (size_t)-1) {
                rc = JERR(&c, k - 1, "duplicate key \"%s\" at the top level: keep one",
                          top_keys[key]);
                goto done;
            }
            spans[key][0] = v;
            spans[key][1] = ve;
        }
    }
    if (r < 0) {
        rc = JERR(&c, s.err_pos, "%s", s.err_msg);
        goto done;
    }
    ckp_jscan_ws(&s);
    if (s.pos < len) {
        rc = JERR(&c, s.pos, "unexpected text after the top-level object");
        goto done;
    }
    for (int key = 0; key < K_COUNT; key++) /* null means absent */
        if (spans[key][0] != (size_t)-1 && buf[spans[key][0]] == 'n')
            spans[key][0] = spans[key][1] = (size_t)-1;

    if ((rc = read_meta(&c, spans[K_FORMAT], K_FORMAT, 0, &meta[K_FORMAT], NULL)))
        goto done;
    if (meta[K_FORMAT] && strcmp(meta[K_FORMAT], CKP_FORMAT_NAME) &&
        strcmp(meta[K_FORMAT], CKP_FORMAT_NAME_2)) {
        rc = JERR(&c, spans[K_FORMAT][0],
                  "unsupported format '%.100s': this chokepoint reads " CKP_FORMAT_NAME
                  " and " CKP_FORMAT_NAME_2, meta[K_FORMAT]);
        goto done;
    }
    if ((rc = read_meta(&c, spans[K_NAME], K_NAME, 0, &meta[K_NAME], NULL)) ||
        (rc = read_meta(&c, spans[K_UNIT], K_UNIT, 0, &meta[K_UNIT], NULL)) ||
        (rc = read_meta(&c, spans[K_YEAR], K_YEAR, 1, NULL, &year)) ||
        (rc = read_meta(&c, spans[K_TTR], K_TTR, 1, NULL, &ttr)) ||
        (rc = read_meta(&c, spans[K_DESCRIPTION], K_DESCRIPTION, 0, &meta[K_DESCRIPTION],
                        NULL)) ||
        (rc = read_meta(&c, spans[K_SOURCE], K_SOURCE, 0, &meta[K_SOURCE], NULL)))
        goto done;
    if (!isnan(year) && !isfinite(year)) {
        rc = JERR(&c, spans[K_YEAR][0], "\"year\" must be a finite number");
        goto done;
    }
    static const int required[] = {K_TIERS, K_NODES, K_EDGES};
    static const char *const hint[] = {
        "list the tiers in supply-chain order, sources first",
        "list the facilities",
        "list the links between nodes ([] if none)",
    };
    for (int i = 0; i < 3; i++)
        if (spans[required[i]][0] == (size_t)-1) {
            rc = ckp_error_set(err, CKP_EDATA, "missing \"%s\": %s", top_keys[required[i]],
                               hint[i]);
            ckp_error_at(err, path, 0, 0);
            goto done;
        }
    if ((rc = ckp_network_new(&net, err)) ||
        (rc = ckp_network_set_meta(net, meta[K_NAME], meta[K_UNIT], year, meta[K_DESCRIPTION],
                                   meta[K_SOURCE], err)))
        goto done;
    if (!isnan(ttr) && (rc = ckp_network_set_ttr_days(net, ttr, err))) {
        ckp_error_prefix(err, "top level: ");
        locate(&c, spans[K_TTR][0]);
        goto done;
    }
    if ((rc = read_tiers(&c, net, spans[K_TIERS][0], spans[K_TIERS][1])))
        goto done;
    igraph_integer_t n;
    if ((spans[K_MATERIALS][0] != (size_t)-1 &&
         (rc = read_array(&c, net, spans[K_MATERIALS][0], spans[K_MATERIALS][1], "materials",
                          &n, read_material, NULL))) ||
        (rc = read_array(&c, net, spans[K_NODES][0], spans[K_NODES][1], "nodes", &n,
                         read_node, fast_node)) ||
        (rc = read_edges(&c, net, spans[K_EDGES][0], spans[K_EDGES][1])) ||
        (rc = read_groups(&c, net, spans[K_GROUPS])) ||
        (rc = resolve_materials(&c, net, spans[K_NODES], spans[K_EDGES])))
        goto done;
    if ((rc = ckp_load_check_complete(net, err))) {
        ckp_error_at(err, path, 0, 0);
        goto done;
    }
    *out = net;
    net = NULL;
done:
    for (int i = 0; i < K_COUNT; i++)
        free(meta[i]);
    free(c.scratch);
    ckp_network_free(net);
    return rc;
}

ckp_code ckp_load_json(ckp_network **out, const char *path, ckp_error *err)
{
    char *buf = NULL;
    size_t len;
    ckp_code rc = ckp_read_file(&buf, &len, path, err);
    *out = NULL;
    if (!rc)
        rc = ckp_load_json_buffer(out, buf, len, path, err);
    free(buf);
    return rc;
}

/* For plans, whose add_nodes and add_edges hold nodes and edges of this format. */
ckp_code ckp_json_read_node(ckp_network *net, const char *buf, size_t len, const char *path,
                            size_t start, size_t end, igraph_integer_t index, ckp_error *err)
{
    jctx c = {.path = path, .buf = buf, .len = len, .err = err};
    return read_node(&c, net, start, end, index);
}

ckp_code ckp_json_read_edge(ckp_network *net, const char *buf, size_t len, const char *path,
                            size_t start, size_t end, igraph_integer_t index, ckp_error *err)
{
    jctx c = {.path = path, .buf = buf, .len = len, .err = err};
    return read_edge(&c, net, start, end, index);
}
