/*
 * The JSON loader: every way a file can be wrong, with the exact message and
 * line:column a user sees, worked out by hand from the inline text.
 *
 * Texts are written with single quotes for readability; they become double
 * quotes before loading (cases marked RAW keep them). Every error case runs
 * three times: as written, with CRLF line ends, and after a UTF-8 byte-order
 * mark; the formatted error must be the same each time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chokepoint/load.h"
#include "test.h"

typedef struct {
    const char *name;
    const char *text;
    size_t len; /* 0: strlen(text) */
    int raw;    /* keep single quotes; the text may hold NUL bytes */
    ckp_code code;
    const char *want;
} jcase;

#define C(name, text, want) {name, text, 0, 0, CKP_EDATA, want}
#define RAW(name, text, want) {name, text, sizeof(text) - 1, 1, CKP_EDATA, want}

/*
 * Line 1: {'tiers': ['mine', 'use'],     line 2: 'nodes': [
 * NODE(x): x is node 0 on line 3. EDGE(x): x is edge 0 on line 7.
 */
#define T2 "{'tiers': ['mine', 'use'],\n'nodes': [\n"
#define NM "{'id': 'm', 'tier': 'mine', 'country': 'AU'}"
#define NU "{'id': 'u', 'tier': 'use', 'country': 'JP'}"
#define NODE(x) T2 x ",\n" NM ",\n" NU "\n],\n'edges': []}\n"
#define EDGES T2 NM ",\n" NU "\n],\n'edges': [\n"
#define EDGE(x) EDGES x "\n]}\n"
#define EDGE2(x, y) EDGES x ",\n" y "\n]}\n"

/*
 * Column guide for node lines (1-based):
 *   {'id': 'x', 'tier': 'mine', 'country': 'AU', 'capacity': 1}
 *   1      8    13     21       29         40    46          58
 * and for edge lines:
 *   {'from': 'm', 'to': 'u', 'volume': 5}     {'from': 'm', 'to': 'u', 'capacity': 5}
 *   1        10   15    21   26        36                             26          38
 */
static const jcase cases[] = {
    /* the file as a whole */
    C("empty file", "", "x.json: the file is empty: expected a network, a JSON object {...}"),
    C("whitespace only", " \n\t \n  ",
      "x.json: the file is empty: expected a network, a JSON object {...}"),
    C("lone {", "{", "x.json:1:2: unexpected end of file: an object is not closed with '}'"),
    C("truncated inside a node", "{'tiers': ['mine', 'use'], 'nodes': [{'id': 'm'",
      "x.json:1:48: unexpected end of file: an object is not closed with '}'"),
    C("truncated after a comma", "{'tiers': ['mine', 'use'],",
      "x.json:1:27: unexpected end of file: an object is not closed with '}'"),
    C("truncated inside an array", "{'tiers': ['mine', ",
      "x.json:1:20: unexpected end of file: an array is not closed with ']'"),
    C("truncated inside a string", "{'name': 'Dia",
      "x.json:1:10: unterminated string: close it with '\"'"),
    C("truncated after a key", "{'name'", "x.json:1:8: expected ':' after a key"),
    C("truncated after a colon", "{'name':",
      "x.json:1:9: unexpected end of file: expected a value"),
    RAW("binary garbage (PNG header)", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "x.json:1:1: invalid UTF-8 (byte 0x89): save the file as UTF-8"),
    C("text garbage", "GIF89a", "x.json:1:1: expected a JSON object '{' at the top level"),
    RAW("invalid UTF-8 after a multibyte character",
        "{\n  \"name\": \"Z\xc3\xbcrich \xff\"}",
        "x.json:2:19: invalid UTF-8 (byte 0xFF): save the file as UTF-8"),
    RAW("Latin-1 in a name", "{\"name\": \"Caf\xe9\"}",
        "x.json:1:14: invalid UTF-8 (byte 0xE9): save the file as UTF-8"),
    RAW("overlong UTF-8", "{\"name\": \"\xc0\xaf\"}",
        "x.json:1:11: invalid UTF-8 (byte 0xC0): save the file as UTF-8"),
    RAW("UTF-8-encoded surrogate", "{\"name\": \"\xed\xa0\x80\"}",
        "x.json:1:11: invalid UTF-8 (byte 0xED): save the file as UTF-8"),
    RAW("truncated UTF-8 sequence at the end", "{\"name\": \"\xe2\x82",
        "x.json:1:11: invalid UTF-8 (byte 0xE2): save the file as UTF-8"),
    RAW("NUL byte", "{\"name\": \"a\0b\"}",
        "x.json:1:12: NUL byte in the file: this is not a text file"),
    C("top level is an array", "[]", "x.json:1:1: expected a JSON object '{' at the top level"),
    C("top level is a string", "\n  'network'",
      "x.json:2:3: expected a JSON object '{' at the top level"),
    C("text after the object", "{}\n{}", "x.json:2:1: unexpected text after the top-level object"),
    C("word after the object", "{} x", "x.json:1:4: unexpected text after the top-level object"),

    /* JSON syntax */
    C("trailing comma in an array", "{'tiers': ['mine', 'use',], 'nodes': [], 'edges': []}",
      "x.json:1:25: trailing comma before ']': remove it"),
    C("trailing comma in an array, spaced", "{'tiers': ['mine', 'use' ,\n ], 'nodes': []}",
      "x.json:1:26: trailing comma before ']': remove it"),
    C("trailing comma in an object", "{'name': 'a', }",
      "x.json:1:13: trailing comma before '}': remove it"),
    C("trailing comma in a node", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU',}"),
      "x.json:3:44: trailing comma before '}': remove it"),
    C("missing comma", "{'name': 'a' 'unit': 't'}",
      "x.json:1:14: expected ',' or '}' after an object member"),
    C("missing comma in an array", "{'tiers': ['mine' 'use']}",
      "x.json:1:19: expected ',' or ']' after an array element"),
    C("missing colon", "{'name' 'a'}", "x.json:1:9: expected ':' after a key"),
    C("unquoted key", "{name: 'a'}", "x.json:1:2: expected a key in double quotes"),
    RAW("single-quoted string", "{\"name\": 'a'}",
        "x.json:1:10: expected a value: a string in double quotes, a number, an object, an "
        "array, true, false or null"),
    C("unquoted string value", NODE("{'id': 'x', 'tier': mine, 'country': 'AU'}"),
      "x.json:3:21: expected a value: a string in double quotes, a number, an object, an "
      "array, true, false or null"),
    C("misspelt literal", "{'x': tru}",
      "x.json:1:7: expected a value: a string in double quotes, a number, an object, an "
      "array, true, false or null"),
    C("NaN", "{'year': NaN}",
      "x.json:1:10: expected a value: a string in double quotes, a number, an object, an "
      "array, true, false or null"),
    C("leading zero", "{'year': 02024}",
      "x.json:1:10: invalid number: write numbers like 12, 0.5, -3 or 1e6 (no leading zeros, "
      "'+' or thousands separators)"),
    C("leading plus", "{'year': +2024}",
      "x.json:1:10: invalid number: write numbers like 12, 0.5, -3 or 1e6 (no leading zeros, "
      "'+' or thousands separators)"),
    C("bare decimal point", "{'x': [1., .5]}",
      "x.json:1:8: invalid number: write numbers like 12, 0.5, -3 or 1e6 (no leading zeros, "
      "'+' or thousands separators)"),
    C("thousands separator",
      NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'capacity': 12,000}"),
      "x.json:3:61: expected a key in double quotes"),
    C("invalid escape", "{'name': 'a\\qb'}",
      "x.json:1:12: invalid escape in a string: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t "
      "or \\uXXXX"),
    C("short \\u escape", "{'name': '\\u12'}",
      "x.json:1:11: invalid \\u escape in a string: it needs four hex digits (\\u00e9)"),
    C("\\u0000 in a string", "{'name': 'a\\u0000'}",
      "x.json:1:12: \\u0000 (a NUL character) inside a string is not allowed"),
    C("lone low surrogate", "{'name': '\\udc00'}",
      "x.json:1:11: invalid \\u escape in a string: a lone UTF-16 low surrogate"),
    C("unpaired high surrogate", "{'unknown': '\\ud83dx'}",
      "x.json:1:14: invalid \\u escape in a string: a UTF-16 high surrogate must be followed "
      "by a low one"),
    C("line break inside a string", "{'name': 'a\nb'}",
      "x.json:1:12: line break inside a string: close the string with '\"' or write \\n"),
    C("tab inside a string", "{'name': 'a\tb'}",
      "x.json:1:12: control character inside a string: escape it (\\t, \\uXXXX)"),
    C("bad value in an unknown member", "{'comment': [1, 2, three]}",
      "x.json:1:20: expected a value: a string in double quotes, a number, an object, an "
      "array, true, false or null"),

    /* top-level members */
    C("missing tiers", "{'nodes': [], 'edges': []}",
      "x.json: missing \"tiers\": list the tiers in supply-chain order, sources first"),
    C("missing nodes", "{'tiers': ['mine', 'use'], 'edges': []}",
      "x.json: missing \"nodes\": list the facilities"),
    C("missing edges", "{'tiers': ['mine', 'use'], 'nodes': []}",
      "x.json: missing \"edges\": list the links between nodes ([] if none)"),
    C("null tiers is missing", "{'tiers': null, 'nodes': [], 'edges': []}",
      "x.json: missing \"tiers\": list the tiers in supply-chain order, sources first"),
    C("null edges is missing", "{'tiers': ['mine', 'use'], 'nodes': [], 'edges': null}",
      "x.json: missing \"edges\": list the links between nodes ([] if none)"),
    C("tiers not an array", "{'tiers': 'mine,use', 'nodes': [], 'edges': []}",
      "x.json:1:11: \"tiers\" must be an array of tier names, not a string"),
    C("one tier", "{'tiers': ['mine'], 'nodes': [], 'edges': []}",
      "x.json:1:11: \"tiers\" must list at least two tiers: the sources first, the end users "
      "last"),
    C("no tiers", "{'tiers': [], 'nodes': [], 'edges': []}",
      "x.json:1:11: \"tiers\" must list at least two tiers: the sources first, the end users "
      "last"),
    C("repeated tier", "{'tiers': ['mine', 'use', 'mine'], 'nodes': [], 'edges': []}",
      "x.json:1:27: tier 'mine' is listed twice in \"tiers\""),
    C("tier not a string", "{'tiers': ['mine', 2], 'nodes': [], 'edges': []}",
      "x.json:1:20: \"tiers\": element 1 must be a string, not a number"),
    C("tier null", "{'tiers': ['mine', 'use', null], 'nodes': [], 'edges': []}",
      "x.json:1:27: \"tiers\": element 2 must be a string, not null"),
    C("empty tier name", "{'tiers': ['', 'use'], 'nodes': [], 'edges': []}",
      "x.json:1:12: a tier name is empty"),
    C("nodes not an array", "{'tiers': ['mine', 'use'], 'nodes': {}, 'edges': []}",
      "x.json:1:37: \"nodes\" must be an array [...], not an object"),
    C("edges not an array", "{'tiers': ['mine', 'use'], 'nodes': [], 'edges': 0}",
      "x.json:1:50: \"edges\" must be an array [...], not a number"),
    C("unsupported format", "{'format': 'chokepoint-network/3', 'tiers': []}",
      "x.json:1:12: unsupported format 'chokepoint-network/3': this chokepoint reads "
      "chokepoint-network/1 and chokepoint-network/2"),
    C("format not a string", "{'format': 1}", "x.json:1:12: \"format\" must be a string, not a number"),
    C("name not a string", "{'name': ['a']}", "x.json:1:10: \"name\" must be a string, not an array"),
    C("year a string", "{'year': '2024'}", "x.json:1:10: \"year\" must be a number, not a string"),
    C("year infinite", "{'year': 1e999}", "x.json:1:10: \"year\" must be a finite number"),
    C("duplicate top-level key", "{'name': 'a', 'name': 'b'}",
      "x.json:1:15: duplicate key \"name\" at the top level: keep one"),
    C("duplicate nodes", "{'nodes': [], 'nodes': []}",
      "x.json:1:15: duplicate key \"nodes\" at the top level: keep one"),

    /* nodes */
    C("duplicate key in a node", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'tier': 'use'}"),
      "x.json:3:46: node 'x': duplicate key \"tier\": keep one"),
    C("id a number", NODE("{'id': 5, 'tier': 'mine', 'country': 'AU'}"),
      "x.json:3:8: node 0: \"id\" must be a string, not a number"),
    C("empty id", NODE("{'id': '', 'tier': 'mine', 'country': 'AU'}"),
      "x.json:3:8: node 0: \"id\" is empty: give every node an id"),
    C("missing id", NODE("{'tier': 'mine', 'country': 'AU'}"), "x.json:3:1: node 0: missing \"id\""),
    C("null id is missing", NODE("{'id': null, 'tier': 'mine', 'country': 'AU'}"),
      "x.json:3:1: node 0: missing \"id\""),
    C("missing tier", NODE("{'id': 'x', 'country': 'AU'}"), "x.json:3:1: node 'x': missing \"tier\""),
    C("tier a number", NODE("{'id': 'x', 'tier': 1, 'country': 'AU'}"),
      "x.json:3:21: node 'x': \"tier\" must be a string, not a number"),
    C("unknown tier", NODE("{'id': 'x', 'tier': 'smelter', 'country': 'AU'}"),
      "x.json:3:21: node 'x': unknown tier 'smelter': \"tier\" must be one of mine, use"),
    C("missing country", NODE("{'id': 'x', 'tier': 'mine'}"),
      "x.json:3:1: node 'x': missing \"country\""),
    C("country UK", NODE("{'id': 'x', 'tier': 'mine', 'country': 'UK'}"),
      "x.json:3:40: node 'x': \"country\" 'UK' is not an ISO 3166-1 alpha-2 code (use GB); use "
      "ZZ when unknown"),
    C("country lowercase", NODE("{'id': 'x', 'tier': 'mine', 'country': 'cn'}"),
      "x.json:3:40: node 'x': \"country\" 'cn' is not an ISO 3166-1 alpha-2 code (use CN); use ZZ when "
      "unknown"),
    C("country alpha-3", NODE("{'id': 'x', 'tier': 'mine', 'country': 'CHN'}"),
      "x.json:3:40: node 'x': \"country\" 'CHN' is not an ISO 3166-1 alpha-2 code; use ZZ when "
      "unknown"),
    C("country unassigned", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AB'}"),
      "x.json:3:40: node 'x': \"country\" 'AB' is not an ISO 3166-1 alpha-2 code; use ZZ when "
      "unknown"),
    C("capacity a string", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'capacity': '12'}"),
      "x.json:3:58: node 'x': \"capacity\" must be a number, not a string (\"12\"): write it "
      "without quotes"),
    C("capacity 1e999", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'capacity': 1e999}"),
      "x.json:3:58: node 'x': \"capacity\" is out of range: it must be a finite number"),
    C("capacity a boolean", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'capacity': true}"),
      "x.json:3:58: node 'x': \"capacity\" must be a number, not a boolean"),
    C("negative capacity", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'capacity': -1}"),
      "x.json:3:58: node 'x': \"capacity\" is negative (-1): it must be 0 or more"),
    C("negative demand", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'demand': -2}"),
      "x.json:3:56: node 'x': \"demand\" is negative (-2): it must be 0 or more"),
    C("negative stock", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'stock': -0.5}"),
      "x.json:3:55: node 'x': \"stock\" is negative (-0.5): it must be 0 or more"),
    C("owner a number", NODE("{'id': 'x', 'tier': 'mine', 'country': 'AU', 'owner': 7}"),
      "x.json:3:55: node 'x': \"owner\" must be a string, not a number"),
    C("duplicate id", T2 NM ",\n{'id': 'm', 'tier': 'use', 'country': 'JP'},\n" NU "\n], 'edges': []}",
      "x.json:4:8: node 1: duplicate id 'm', already the id of node 0: every node needs its own "
      "id"),
    C("node not an object", NODE("'m'"),
      "x.json:3:1: node 0: must be an object {\"id\": ..., \"tier\": ...}, not a string"),
    C("node null", NODE("null"),
      "x.json:3:1: node 0: must be an object {\"id\": ..., \"tier\": ...}, not null"),

    /* edges */
    C("duplicate key in an edge", EDGE("{'from': 'm', 'to': 'u', 'to': 'm'}"),
      "x.json:7:26: edge 0: duplicate key \"to\": keep one"),
    C("unknown node in from", EDGE("{'from': 'ghost', 'to': 'u'}"),
      "x.json:7:10: edge 0: unknown node 'ghost' in \"from\""),
    C("unknown node in to", EDGE("{'from': 'm', 'to': 'ghost'}"),
      "x.json:7:21: edge 0: unknown node 'ghost' in \"to\""),
    C("missing from", EDGE("{'to': 'u'}"), "x.json:7:1: edge 0: missing \"from\""),
    C("missing to", EDGE("{'from': 'm'}"), "x.json:7:1: edge 0: missing \"to\""),
    C("from a number", EDGE("{'from': 0, 'to': 'u'}"),
      "x.json:7:10: edge 0: \"from\" must be a string, not a number"),
    C("self-loop", EDGE("{'from': 'm', 'to': 'm'}"),
      "x.json:7:21: edge 0: self-loop on 'm': an edge must join two different nodes"),
    C("duplicate edge", EDGE2("{'from': 'm', 'to': 'u'}", "{'from': 'm', 'to': 'u', 'volume': 2}"),
      "x.json:8:21: edge 1: duplicate edge 'm' -> 'u': give one edge per pair and add up the "
      "volumes"),
    C("duplicate edges, the later pair first",
      T2 NM ",\n" NU ",\n{'id': 'v', 'tier': 'use', 'country': 'JP'}\n],\n'edges': [\n"
         "{'from': 'm', 'to': 'u'},\n{'from': 'm', 'to': 'v'},\n{'from': 'm', 'to': 'v'},\n"
         "{'from': 'm', 'to': 'u'}\n]}\n",
      "x.json:10:21: edge 2: duplicate edge 'm' -> 'v': give one edge per pair and add up the "
      "volumes"),
    C("negative volume", EDGE("{'from': 'm', 'to': 'u', 'volume': -5}"),
      "x.json:7:36: edge 0: \"volume\" is negative (-5): it must be 0 or more"),
    C("volume a string", EDGE("{'from': 'm', 'to': 'u', 'volume': '5'}"),
      "x.json:7:36: edge 0: \"volume\" must be a number, not a string (\"5\"): write it "
      "without quotes"),
    C("volume 1e999", EDGE("{'from': 'm', 'to': 'u', 'volume': 1e999}"),
      "x.json:7:36: edge 0: \"volume\" is out of range: it must be a finite number"),
    C("negative edge capacity", EDGE("{'from': 'm', 'to': 'u', 'capacity': -1}"),
      "x.json:7:38: edge 0: \"capacity\" is negative (-1): it must be 0 or more"),
    C("edge not an object", EDGE("['m', 'u']"),
      "x.json:7:1: edge 0: must be an object {\"from\": ..., \"to\": ...}, not an array"),

    /* the network as a whole */
    C("no nodes", "{'tiers': ['mine', 'use'], 'nodes': [], 'edges': []}",
      "x.json: the network has no nodes"),
    C("no source nodes", "{'tiers': ['mine', 'use'], 'nodes': [" NU "], 'edges': []}",
      "x.json: no node is in the first tier 'mine': a network needs sources"),
    C("no end-user nodes", "{'tiers': ['mine', 'use'], 'nodes': [" NM "], 'edges': []}",
      "x.json: no node is in the last tier 'use': a network needs end users"),
};

/* A copy with ' -> " (unless raw), optionally with CRLF line ends or a BOM in front. */
static char *variant(const jcase *c, int crlf, int bom, size_t *len)
{
    size_t n = c->len ? c->len : strlen(c->text);
    char *out = malloc(2 * n + 4), *p = out;
    if (bom) {
        memcpy(p, "\xef\xbb\xbf", 3);
        p += 3;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = c->text[i];
        if (ch == '\n' && crlf)
            *p++ = '\r';
        *p++ = ch == '\'' && !c->raw ? '"' : ch;
    }
    *p = '\0';
    *len = (size_t)(p - out);
    return out;
}

static int run_error(const char *label, const char *text, size_t len, ckp_code code,
                     const char *want)
{
    ckp_network *net = NULL;
    ckp_error err;
    char got[2200];
    ckp_error_init(&err);
    ckp_code rc = ckp_load_json_buffer(&net, text, len, "x.json", &err);
    ckp_error_format(got, sizeof got, &err);
    test_checks += 3;
    int ok = 1;
    if (rc != code || err.code != code) {
        fprintf(stderr, "%s: code %d (err.code %d), expected %d\n", label, rc, err.code, code);
        test_failures++;
        ok = 0;
    }
    if (strcmp(got, want)) {
        fprintf(stderr, "%s:\n  got:      %s\n  expected: %s\n", label, got, want);
        test_failures++;
        ok = 0;
    }
    if (net) { /* nothing half-loaded */
        fprintf(stderr, "%s: a network came back with an error\n", label);
        test_failures++;
        ckp_network_free(net);
        ok = 0;
    }
    return ok;
}

static void table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static const char *const how[] = {"", " (CRLF)", " (BOM)"};
        for (int v = 0; v < 3; v++) {
            char label[256];
            size_t len;
            char *text = variant(&cases[i], v == 1, v == 2, &len);
            snprintf(label, sizeof label, "case '%s'%s", cases[i].name, how[v]);
            run_error(label, text, len, cases[i].code, cases[i].want);
            free(text);
        }
    }
}

/* Load text (single quotes become double) that must be valid. */
static ckp_network *load_ok(const char *label, const char *text)
{
    jcase c = {label, text, 0, 0, CKP_OK, NULL};
    size_t len;
    char *buf = variant(&c, 0, 0, &len);
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    ckp_code rc = ckp_load_json_buffer(&net, buf, len, "x.json", &err);
    free(buf);
    test_checks++;
    if (rc || !net) {
        char msg[2200];
        fprintf(stderr, "%s: expected to load, got: %s\n", label,
                ckp_error_format(msg, sizeof msg, &err));
        test_failures++;
    }
    return net;
}

static void nesting(void)
{
    size_t n = 200000;
    char *buf = malloc(n + 64);
    /* 200,000 '[' with no object around them */
    memset(buf, '[', n);
    run_error("200,000 nested [", buf, n, CKP_EDATA,
              "x.json:1:1: expected a JSON object '{' at the top level");
    /* inside an object: the object is level 1, '[' at column 7 is level 2; column 70 is 65 */
    memcpy(buf, "{\"x\": ", 6);
    memset(buf + 6, '[', n);
    run_error("200,000 nested [ in a member", buf, n + 6, CKP_EDATA,
              "x.json:1:70: nesting too deep (over 64 levels)");
    free(buf);

    /* 63 arrays inside the object (64 levels) are allowed */
    const char *tail = ", 'tiers': ['mine', 'use'], 'nodes': [" NM ", " NU "], 'edges': []}";
    char *ok = malloc(2 * 63 + strlen(tail) + 16);
    char *p = ok;
    p += sprintf(p, "{'x': ");
    memset(p, '[', 63);
    p += 63;
    memset(p, ']', 63);
    p += 63;
    strcpy(p, tail);
    ckp_network *net = load_ok("63 nested arrays", ok);
    ckp_network_free(net);
    /* 64 are not */
    p = ok + 6;
    memset(p, '[', 64);
    memset(p + 64, ']', 64);
    strcpy(p + 128, tail);
    for (char *q = ok; *q; q++)
        if (*q == '\'')
            *q = '"';
    run_error("64 nested arrays", ok, strlen(ok), CKP_EDATA,
              "x.json:1:70: nesting too deep (over 64 levels)");
    free(ok);
}

#define FULL                                                                                  \
    "{'format': 'chokepoint-network/1', 'name': 'T\\u00e9st', 'unit': 't/yr', 'year': 2024,\n" \
    " 'description': 'd', 'source': 's',\n"                                                    \
    " 'tiers': ['mine', 'sep', 'use'],\n"                                                      \
    " 'nodes': [\n"                                                                            \
    "  {'id': 'm1', 'name': 'Mine 1', 'tier': 'mine', 'country': 'CN', 'owner': 'A',\n"        \
    "   'capacity': 100, 'source': 'src'},\n"                                                  \
    "  {'id': 'm2', 'tier': 'mine', 'country': 'AU', 'owner': 'B', 'stock': 5},\n"             \
    "  {'id': 's1', 'tier': 'sep', 'country': 'CN', 'owner': 'A', 'estimate': 'guess'},\n"     \
    "  {'id': 'u1', 'tier': 'use', 'country': 'JP', 'demand': 70},\n"                          \
    "  {'id': 'u2', 'name': 'Z\xc3\xbcrich \\ud83d\\ude00', 'tier': 'use', 'country': 'CN'}\n" \
    " ],\n"                                                                                    \
    " 'edges': [\n"                                                                            \
    "  {'from': 'm1', 'to': 's1', 'volume': 60, 'capacity': 80, 'source': 'src'},\n"           \
    "  {'from': 'm2', 'to': 's1', 'volume': 30.5},\n"                                          \
    "  {'from': 's1', 'to': 'u1', 'volume': 50},\n"                                            \
    "  {'from': 's1', 'to': 'u2', 'volume': 40},\n"                                            \
    "  {'from': 'm2', 'to': 'u2'}\n"                                                           \
    " ]}\n"

static void full_network(ckp_network *net)
{
    if (!net)
        return;
    CHECK_INT(ckp_network_node_count(net), 5);
    CHECK_INT(ckp_network_edge_count(net), 5);
    CHECK_INT(ckp_network_tier_count(net), 3);
    CHECK_STR(ckp_network_tier_name(net, 0), "mine");
    CHECK_STR(ckp_network_tier_name(net, 1), "sep");
    CHECK_STR(ckp_network_tier_name(net, 2), "use");
    CHECK_STR(ckp_network_name(net), "T\xc3\xa9st");
    CHECK_STR(ckp_network_unit(net), "t/yr");
    CHECK(ckp_network_year(net) == 2024);
    CHECK_STR(ckp_network_description(net), "d");
    CHECK_STR(ckp_network_source(net), "s");

    /* m1: everything given */
    CHECK_INT(ckp_network_find(net, "m1"), 0);
    CHECK_STR(ckp_node_id(net, 0), "m1");
    CHECK_STR(ckp_node_name(net, 0), "Mine 1");
    CHECK_INT(ckp_node_tier(net, 0), 0);
    CHECK_STR(ckp_node_country(net, 0), "CN");
    CHECK_INT(ckp_node_country_index(net, 0), 0);
    CHECK_STR(ckp_node_owner(net, 0), "A");
    CHECK_INT(ckp_node_owner_index(net, 0), 0);
    CHECK(ckp_node_capacity(net, 0) == 100);
    CHECK(isnan(ckp_node_demand_given(net, 0)));
    CHECK(isnan(ckp_node_stock(net, 0)));
    CHECK_STR(ckp_node_source(net, 0), "src");
    CHECK(ckp_node_estimate(net, 0) == NULL);
    /* m2: no name, no capacity */
    CHECK_STR(ckp_node_name(net, 1), "m2");
    CHECK(isinf(ckp_node_capacity(net, 1)) && ckp_node_capacity(net, 1) > 0);
    CHECK(ckp_node_capacity(net, 1) == CKP_UNBOUNDED);
    CHECK(ckp_node_stock(net, 1) == 5);
    CHECK_STR(ckp_node_country(net, 1), "AU");
    CHECK_INT(ckp_node_country_index(net, 1), 1);
    CHECK_INT(ckp_node_owner_index(net, 1), 1);
    CHECK(ckp_node_source(net, 1) == NULL);
    /* s1: interned country and owner */
    CHECK_INT(ckp_node_tier(net, 2), 1);
    CHECK_INT(ckp_node_country_index(net, 2), 0);
    CHECK_INT(ckp_node_owner_index(net, 2), 0);
    CHECK_STR(ckp_node_estimate(net, 2), "guess");
    /* u1: demand given; no owner */
    CHECK(ckp_node_demand_given(net, 3) == 70);
    CHECK(ckp_node_demand(net, 3) == 70);
    CHECK(ckp_node_owner(net, 3) == NULL);
    CHECK_INT(ckp_node_owner_index(net, 3), -1);
    CHECK_INT(ckp_node_country_index(net, 3), 2);
    /* u2: demand absent, falls back to the inflow 40 + 0; escapes decoded */
    CHECK(isnan(ckp_node_demand_given(net, 4)));
    CHECK(ckp_node_demand(net, 4) == 40);
    CHECK_STR(ckp_node_name(net, 4), "Z\xc3\xbcrich \xf0\x9f\x98\x80");
    CHECK_INT(ckp_node_country_index(net, 4), 0);
    /* interning: first-seen order */
    CHECK_INT(ckp_network_country_count(net), 3);
    CHECK_STR(ckp_network_country_name(net, 0), "CN");
    CHECK_STR(ckp_network_country_name(net, 1), "AU");
    CHECK_STR(ckp_network_country_name(net, 2), "JP");
    CHECK_INT(ckp_network_owner_count(net), 2);
    CHECK_STR(ckp_network_owner_name(net, 0), "A");
    CHECK_STR(ckp_network_owner_name(net, 1), "B");
    /* edges, in file order */
    CHECK_INT(ckp_edge_from(net, 0), 0);
    CHECK_INT(ckp_edge_to(net, 0), 2);
    CHECK(ckp_edge_volume(net, 0) == 60);
    CHECK(ckp_edge_capacity(net, 0) == 80);
    CHECK_STR(ckp_edge_source(net, 0), "src");
    CHECK(ckp_edge_volume(net, 1) == 30.5);
    CHECK(ckp_edge_capacity(net, 1) == CKP_UNBOUNDED);
    CHECK(ckp_edge_source(net, 1) == NULL);
    CHECK(ckp_edge_estimate(net, 1) == NULL);
    CHECK(ckp_edge_volume(net, 4) == 0); /* absent volume is 0 */
    CHECK_INT(ckp_network_find_edge(net, 0, 2), 0);
    CHECK_INT(ckp_network_find_edge(net, 1, 4), 4);
    CHECK_INT(ckp_network_find_edge(net, 2, 0), -1);
    CHECK_INT(ckp_network_find(net, "nope"), -1);
}

static void positive(void)
{
    ckp_network *net = load_ok("full network", FULL);
    full_network(net);
    ckp_network_free(net);

    /* the same with CRLF line ends and a BOM */
    jcase c = {"full", FULL, 0, 0, CKP_OK, NULL};
    size_t len;
    for (int v = 1; v <= 2; v++) {
        char *buf = variant(&c, v == 1, v == 2, &len);
        ckp_error err;
        net = NULL;
        CHECK_INT(ckp_load_json_buffer(&net, buf, len, "x.json", &err), CKP_OK);
        full_network(net);
        ckp_network_free(net);
        free(buf);
    }

    /* unknown keys are ignored, at every level */
    net = load_ok("unknown keys",
                  "{'comment': 'hi', 'x-extra': {'deep': [1, {'a': null}, true, -0.5e-3]},\n"
                  " 'tiers': ['mine', 'use'], 'version': 2,\n"
                  " 'nodes': [{'id': 'm', 'tier': 'mine', 'country': 'AU', 'note': [1, 2]},\n"
                  "           {'id': 'u', 'tier': 'use', 'country': 'JP', 'lat': 35.6}],\n"
                  " 'edges': [{'from': 'm', 'to': 'u', 'weight': 'heavy', 'volume': 3}]}");
    if (net) {
        CHECK_INT(ckp_network_node_count(net), 2);
        CHECK_INT(ckp_network_edge_count(net), 1);
        CHECK(ckp_edge_volume(net, 0) == 3);
        CHECK_STR(ckp_network_name(net), "");
        CHECK_STR(ckp_network_unit(net), "");
        CHECK(isnan(ckp_network_year(net)));
        CHECK(ckp_network_description(net) == NULL);
    }
    ckp_network_free(net);

    /* null is absent, for optional members everywhere */
    net = load_ok("nulls",
                  "{'format': null, 'name': null, 'unit': null, 'year': null, 'description': null,"
                  " 'source': null, 'tiers': ['mine', 'use'],\n"
                  " 'nodes': [{'id': 'm', 'name': null, 'tier': 'mine', 'country': 'AU', "
                  "'owner': null, 'capacity': null, 'demand': null, 'stock': null, "
                  "'source': null, 'estimate': null},\n"
                  "           {'id': 'u', 'tier': 'use', 'country': 'JP'}],\n"
                  " 'edges': [{'from': 'm', 'to': 'u', 'volume': null, 'capacity': null, "
                  "'source': null}]}");
    if (net) {
        CHECK_STR(ckp_network_name(net), "");
        CHECK(isnan(ckp_network_year(net)));
        CHECK_STR(ckp_node_name(net, 0), "m");
        CHECK(ckp_node_owner(net, 0) == NULL);
        CHECK(ckp_node_capacity(net, 0) == CKP_UNBOUNDED);
        CHECK(isnan(ckp_node_demand_given(net, 0)));
        CHECK(isnan(ckp_node_stock(net, 0)));
        CHECK(ckp_node_source(net, 0) == NULL);
        CHECK(ckp_edge_volume(net, 0) == 0);
        CHECK(ckp_edge_capacity(net, 0) == CKP_UNBOUNDED);
        /* u has no demand: it falls back to its inflow, here 0 */
        CHECK(ckp_node_demand(net, 1) == 0);
    }
    ckp_network_free(net);

    /* zero is a value, not an absence; user-assigned country codes are accepted */
    net = load_ok("zeros", "{'tiers': ['a', 'b'], 'nodes': [{'id': 'm', 'tier': 'a', "
                           "'country': 'ZZ', 'capacity': 0, 'demand': 0, 'stock': 0}, "
                           "{'id': 'u', 'tier': 'b', 'country': 'XK', 'demand': 0}], "
                           "'edges': [{'from': 'u', 'to': 'm', 'volume': 0, 'capacity': 0}]}");
    if (net) {
        CHECK(ckp_node_capacity(net, 0) == 0);
        CHECK(ckp_node_demand_given(net, 0) == 0);
        CHECK(ckp_node_stock(net, 0) == 0);
        CHECK(ckp_node_demand(net, 1) == 0);
        CHECK(ckp_edge_capacity(net, 0) == 0);
        CHECK_STR(ckp_node_country(net, 1), "XK");
    }
    ckp_network_free(net);

    /* a key matched exactly: "Tier" is an unknown key, so "tier" is missing */
    run_error("key case", "{\"tiers\": [\"a\", \"b\"], \"nodes\": [{\"id\": \"m\", \"Tier\": \"a\", "
                          "\"country\": \"AU\"}], \"edges\": []}",
              strlen("{\"tiers\": [\"a\", \"b\"], \"nodes\": [{\"id\": \"m\", \"Tier\": \"a\", "
                     "\"country\": \"AU\"}], \"edges\": []}"),
              CKP_EDATA, "x.json:1:33: node 'm': missing \"tier\"");
}

/* Duplicate keys matter only for the keys the loader reads; checking stays linear. */
static void many_keys(void)
{
    enum { K = 100000 };
    const char *head = "{\"tiers\": [\"a\", \"b\"], \"nodes\": [{\"id\": \"m\", \"tier\": "
                       "\"a\", \"country\": \"ZZ\"";
    const char *tail = "}, {\"id\": \"u\", \"tier\": \"b\", \"country\": \"ZZ\"}], "
                       "\"edges\": []}";
    char *buf = malloc(strlen(head) + (size_t)K * 24 + strlen(tail) + 1);
    char *p = buf + sprintf(buf, "%s", head);
    for (int i = 0; i < K; i++)
        p += sprintf(p, ", \"k%d\": [%d]", i, i);
    strcpy(p, tail);
    ckp_network *net = NULL;
    ckp_error err;
    ckp_error_init(&err);
    CHECK_INT(ckp_load_json_buffer(&net, buf, strlen(buf), "x.json", &err), CKP_OK);
    CHECK_INT(net ? ckp_network_node_count(net) : -1, 2);
    ckp_network_free(net);
    free(buf);

    /* an unknown key given twice is ignored like any unknown key */
    net = load_ok("repeated unknown key",
                  "{'tiers': ['a', 'b'], 'nodes': [{'id': 'm', 'tier': 'a', 'country': 'ZZ', "
                  "'note': 1, 'note': 2}, {'id': 'u', 'tier': 'b', 'country': 'ZZ'}], "
                  "'edges': [], 'comment': 1, 'comment': 2}");
    CHECK(net != NULL);
    ckp_network_free(net);
}

/*
 * Plain nodes and edges are read without cJSON (json_flat.c); a node with an escaped key
 * goes through cJSON. Both must give the same strings and the same doubles.
 */
static void fast_path(void)
{
    static const char *const text[2] = {
        "{\"tiers\": [\"a\", \"b\"], \"nodes\": [\n"
        "{\"id\": \"m\", \"name\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" a\\/b\\n\\t\\\\\", "
        "\"tier\": \"a\", \"country\": \"AU\", \"capacity\": 1e2, \"demand\": 0.1, "
        "\"stock\": 123456789.01234567891, \"ttr_days\": 2.5E-3},\n"
        "{\"id\": \"u\", \"tier\": \"b\", \"country\": \"JP\"}],\n"
        "\"edges\": [{\"from\": \"m\", \"to\": \"u\", \"volume\": 7.25e+1, "
        "\"capacity\": 0.30000000000000004, \"estimate\": \"\\u20ac\"}]}",
        /* the same with escaped keys: the slow path */
        "{\"tiers\": [\"a\", \"b\"], \"nodes\": [\n"
        "{\"\\u0069d\": \"m\", \"name\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" a\\/b\\n\\t\\\\\", "
        "\"tier\": \"a\", \"country\": \"AU\", \"capacity\": 1e2, \"demand\": 0.1, "
        "\"stock\": 123456789.01234567891, \"ttr_days\": 2.5E-3},\n"
        "{\"id\": \"u\", \"tier\": \"b\", \"country\": \"JP\"}],\n"
        "\"edges\": [{\"fr\\u006fm\": \"m\", \"to\": \"u\", \"volume\": 7.25e+1, "
        "\"capacity\": 0.30000000000000004, \"estimate\": \"\\u20ac\"}]}",
    };
    for (int k = 0; k < 2; k++) {
        ckp_network *net = NULL;
        ckp_error err;
        ckp_error_init(&err);
        CHECK_INT(ckp_load_json_buffer(&net, text[k], strlen(text[k]), "x.json", &err), CKP_OK);
        if (!net) {
            fprintf(stderr, "fast_path %d: %s\n", k, err.message);
            continue;
        }
        CHECK_STR(ckp_node_name(net, 0), "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" a/b\n\t\\");
        CHECK(ckp_node_capacity(net, 0) == 100);
        CHECK(ckp_node_demand_given(net, 0) == 0.1);
        CHECK(ckp_node_stock(net, 0) == 123456789.01234567891);
        CHECK(ckp_node_ttr_given(net, 0) == 0.0025);
        CHECK(ckp_edge_volume(net, 0) == 72.5);
        CHECK(ckp_edge_capacity(net, 0) == 0.30000000000000004);
        CHECK_STR(ckp_edge_estimate(net, 0), "\xe2\x82\xac");
        ckp_network_free(net);
    }
}

static void files(void)
{
    ckp_network *net = (ckp_network *)&net; /* must be reset to NULL */
    ckp_error err;
    char msg[2200];
    ckp_error_init(&err);
    CHECK_INT(ckp_load_json(&net, "/nonexistent.json", &err), CKP_ENOINPUT);
    CHECK_INT(err.code, CKP_ENOINPUT);
    CHECK(net == NULL);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "cannot open '/nonexistent.json': No such file or directory");

    CHECK_INT(ckp_load_json(&net, CKP_NETWORKS "/small/diamond.json", &err), CKP_OK);
    if (net) {
        CHECK_INT(ckp_network_node_count(net), 5);
        CHECK_INT(ckp_network_edge_count(net), 5);
        CHECK_STR(ckp_network_name(net), "Diamond");
    }
    ckp_network_free(net);

    /* a directory is not a network */
    CHECK_INT(ckp_load_json(&net, CKP_NETWORKS, &err), CKP_ENOINPUT);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "cannot read '" CKP_NETWORKS "': it is a directory");

    /* ckp_load_network picks the loader from the number of paths */
    const char *one_csv[] = {"nodes.csv"};
    CHECK_INT(ckp_load_network(&net, one_csv, 1, NULL, &err), CKP_EUSAGE);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "'nodes.csv' is a CSV file: give the nodes file and the edges file");
    const char *three[] = {"a", "b", "c"};
    CHECK_INT(ckp_load_network(&net, three, 3, NULL, &err), CKP_EUSAGE);
    CHECK_STR(ckp_error_format(msg, sizeof msg, &err),
              "give one JSON or GraphML network, or a nodes CSV and an edges CSV");
    const char *json[] = {CKP_NETWORKS "/small/recycling.json"};
    CHECK_INT(ckp_load_network(&net, json, 1, NULL, &err), CKP_OK);
    if (net)
        CHECK_INT(ckp_network_node_count(net), 5);
    ckp_network_free(net);

    /* a NULL error pointer is allowed */
    CHECK_INT(ckp_load_json_buffer(&net, "{", 1, "x.json", NULL), CKP_EDATA);
    CHECK(net == NULL);
}

/*
 * A large edges array, read on threads a run each: every edge against the text written, one
 * edge a line (LF and CRLF), and the same edges with the commas opening the lines (read one
 * element after the other); errors planted late in it give the message of the one-by-one
 * reader, worked out from the line written.
 */
enum { BIG_NODES = 2000, BIG_EDGES = 300000 };

/* The network's text; layout 0: an edge a line, 1: with CRLF, 2: a comma opening each line. */
static char *big_text(int layout, size_t *len, size_t *edge_at)
{
    char *t = malloc((size_t)BIG_NODES * 64 + (size_t)BIG_EDGES * 96 + 256);
    const char *nl = layout == 1 ? "\r\n" : "\n";
    size_t n = (size_t)sprintf(t, "{\"tiers\": [\"mine\", \"use\"],%s\"nodes\": [%s", nl, nl);
    for (int i = 0; i < BIG_NODES; i++)
        n += (size_t)sprintf(t + n, "{\"id\": \"n%d\", \"tier\": \"%s\", \"country\": \"AU\"}%s%s",
                             i, i < BIG_NODES / 2 ? "mine" : "use",
                             i + 1 < BIG_NODES ? "," : "", nl);
    n += (size_t)sprintf(t + n, "],%s\"edges\": [%s", nl, nl);
    /* edge r joins mine r % 1000 to end user 1000 + r / 1000 % 1000: no pair twice */
    for (int r = 0; r < BIG_EDGES; r++) {
        if (layout == 2 && r)
            n += (size_t)sprintf(t + n, ",");
        edge_at[r] = n;
        n += (size_t)sprintf(t + n, "{\"from\": \"n%d\", \"to\": \"n%d\", \"volume\": %d.5, "
                                    "\"source\": \"%s\"}%s%s",
                             r % 1000, 1000 + r / 1000 % 1000, r, r % 3 ? "customs" : "filing",
                             layout != 2 && r + 1 < BIG_EDGES ? "," : "", nl);
    }
    n += (size_t)sprintf(t + n, "]}%s", nl);
    *len = n;
    return t;
}

static void big_edges(void)
{
    size_t *edge_at = malloc(BIG_EDGES * sizeof *edge_at), len;
    for (int layout = 0; layout < 3; layout++) {
        char *t = big_text(layout, &len, edge_at);
        CHECK(len > (9u << 20)); /* past the size read on threads */
        ckp_network *net = NULL;
        ckp_error err;
        ckp_error_init(&err);
        CHECK_INT(ckp_load_json_buffer(&net, t, len, "x.json", &err), CKP_OK);
        int same = net && ckp_network_edge_count(net) == BIG_EDGES;
        for (int r = 0; same && r < BIG_EDGES; r++) {
            const char *src = ckp_edge_source(net, r);
            same = ckp_edge_from(net, r) == r % 1000 &&
                   ckp_edge_to(net, r) == 1000 + r / 1000 % 1000 &&
                   ckp_edge_volume(net, r) == r + 0.5 && isinf(ckp_edge_capacity(net, r)) &&
                   src && !strcmp(src, r % 3 ? "customs" : "filing");
        }
        if (!same)
            fprintf(stderr, "big_edges: layout %d differs\n", layout);
        CHECK(same);
        ckp_network_free(net);
        free(t);
    }

    /* errors late in the one-edge-a-line text, each line rewritten in place */
    char *t = big_text(0, &len, edge_at), *copy = malloc(len);
    int first_line = BIG_NODES + 5; /* edge 0's line */
    for (int k = 0; k < 3; k++) {
        memcpy(copy, t, len);
        int r = BIG_EDGES - 7 + 2 * k;
        char *line = copy + edge_at[r], want[300], got[300];
        if (k == 0) { /* "n123" in "from" becomes "zz23" */
            memcpy(line + 10, "zz", 2);
            char id[16];
            size_t idlen = (size_t)(strchr(line + 10, '"') - (line + 10));
            memcpy(id, line + 10, idlen);
            id[idlen] = '\0';
            snprintf(want, sizeof want, "x.json:%d:10: edge %d: unknown node '%s' in \"from\"",
                     first_line + r, r, id);
        } else if (k == 1) { /* the volume becomes -1, padded with spaces */
            char *v = strstr(line, "\"volume\": ") + 10;
            size_t vlen = (size_t)(strchr(v, ',') - v);
            memset(v, ' ', vlen);
            memcpy(v, "-1", 2);
            snprintf(want, sizeof want,
                     "x.json:%d:%d: edge %d: \"volume\" is negative (-1): it must be 0 or more",
                     first_line + r, (int)(v - line) + 1, r);
        } else { /* the pair of edge 5, near the start: the later copy is named */
            char pair[64];
            int n = snprintf(pair, sizeof pair, "{\"from\": \"n5\", \"to\": \"n1000\"");
            char *end = strchr(line, '}');
            memset(line, ' ', (size_t)(end - line));
            memcpy(line, pair, (size_t)n);
            snprintf(want, sizeof want,
                     "x.json:%d:%d: edge %d: duplicate edge 'n5' -> 'n1000': give one edge per "
                     "pair and add up the volumes",
                     first_line + r, (int)(strstr(pair, "\"to\": ") + 6 - pair) + 1, r);
        }
        ckp_network *net = NULL;
        ckp_error err;
        ckp_error_init(&err);
        CHECK_INT(ckp_load_json_buffer(&net, copy, len, "x.json", &err), CKP_EDATA);
        CHECK_STR(ckp_error_format(got, sizeof got, &err), want);
        CHECK(net == NULL);
    }
    free(copy);
    free(t);
    free(edge_at);
}

int main(void)
{
    table();
    nesting();
    positive();
    many_keys();
    fast_path();
    files();
    big_edges();
    return test_report("test_load_json");
}
