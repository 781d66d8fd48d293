#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "load_common.h"
#include "network_internal.h"
#include "progress.h"
#include "text.h"

void ckp_load_options_init(ckp_load_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->year = NAN;
}

ckp_code ckp_load_check_complete(const ckp_network *net, ckp_error *err)
{
    igraph_integer_t tiers = ckp_network_tier_count(net);
    igraph_integer_t n = ckp_network_node_count(net);
    int has_source = 0, has_end_user = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        has_source |= ckp_node_tier(net, i) == 0;
        has_end_user |= ckp_node_tier(net, i) == tiers - 1;
    }
    if (!n)
        return ckp_error_set(err, CKP_EDATA, "the network has no nodes");
    if (!has_source)
        return ckp_error_set(err, CKP_EDATA,
                             "no node is in the first tier '%s': a network needs sources",
                             ckp_network_tier_name(net, 0));
    if (!has_end_user)
        return ckp_error_set(err, CKP_EDATA,
                             "no node is in the last tier '%s': a network needs end users",
                             ckp_network_tier_name(net, tiers - 1));
    return CKP_OK;
}

ckp_code ckp_load_tier_list(ckp_network *net, const char *tiers, const char *what,
                            ckp_error *err)
{
    ckp_code rc = CKP_OK;
    char *copy = strdup(tiers);
    if (!copy)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    for (char *t = copy, *next; t && !rc; t = next) {
        next = strchr(t, ',');
        if (next)
            *next++ = '\0';
        t += strspn(t, " ");
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ')
            t[--n] = '\0';
        if (!n)
            rc = ckp_error_set(err, CKP_EUSAGE,
                               "%s has an empty tier name: give names separated by commas",
                               what);
        else if (ckp_network_tier_find(net, t) >= 0)
            rc = ckp_error_set(err, CKP_EUSAGE, "%s lists tier '%s' twice", what, t);
        else
            rc = ckp_network_add_tier(net, t, err);
    }
    free(copy);
    if (!rc && ckp_network_tier_count(net) < 2)
        rc = ckp_error_set(err, CKP_EUSAGE, "%s must list at least two tiers, sources first",
                           what);
    return rc;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcasecmp(s + n - m, suffix);
}

/* The format of the paths: opts->format, else two paths are CSV and the extension decides. */
static const char *input_format(const char *const *paths, size_t npaths,
                                const ckp_load_options *opts)
{
    if (opts && opts->format)
        return opts->format;
    if (npaths == 2)
        return "csv";
    if (ends_with(paths[0], ".graphml"))
        return "graphml";
    if (ends_with(paths[0], ".gexf"))
        return "gexf";
    return ends_with(paths[0], ".csv") ? "csv" : "json";
}

static ckp_code load_network(ckp_network **out, const char *const *paths, size_t npaths,
                             const ckp_load_options *opts, ckp_error *err)
{
    if (npaths < 1 || npaths > 2)
        return ckp_error_set(err, CKP_EUSAGE,
                             "give one JSON or GraphML network, or a nodes CSV and an edges "
                             "CSV");
    const char *format = input_format(paths, npaths, opts);
    if (!strcmp(format, "csv")) {
        if (npaths == 2)
            return ckp_load_csv(out, paths[0], paths[1], opts, err);
        return ckp_error_set(err, CKP_EUSAGE,
                             "'%s' is a CSV file: give the nodes file and the edges file",
                             paths[0]);
    }
    if (npaths == 2)
        return ckp_error_set(err, CKP_EUSAGE, "a %s network is one file, not two", format);
    if (!strcmp(format, "graphml"))
        return ckp_load_graphml(out, paths[0], opts, err);
    if (!strcmp(format, "gexf"))
        return ckp_load_gexf(out, paths[0], opts, err);
    if (strcmp(format, "json"))
        return ckp_error_set(err, CKP_EUSAGE,
                             "unknown input format '%s': json, csv, graphml or gexf", format);
    ckp_code rc = ckp_load_json(out, paths[0], err);
    if (!rc && opts && opts->warnings &&
        (rc = ckp_load_near_duplicates(*out, paths[0], opts->warnings, err))) {
        ckp_network_free(*out);
        *out = NULL;
    }
    return rc;
}

ckp_code ckp_load_network(ckp_network **out, const char *const *paths, size_t npaths,
                          const ckp_load_options *opts, ckp_error *err)
{
    *out = NULL;
    ckp_progress("loading", 0, 1);
    ckp_code rc = load_network(out, paths, npaths, opts, err);
    ckp_progress("loading", 1, 1);
    return rc;
}

/* Warn of the strings of `tab` equal but for ASCII case; `what` names them ("node ids"). */
static ckp_code case_twins(const ckp_strtab *tab, const char *what, const char *path,
                           ckp_error_list *warnings, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    int64_t n = tab->count, any_upper = 0;
    for (int64_t i = 0; i < n && !any_upper; i++)
        for (const char *p = tab->strings[i]; *p && !any_upper; p++)
            any_upper = *p >= 'A' && *p <= 'Z';
    if (!any_upper) /* a twin needs an upper-case letter in one of the two */
        return CKP_OK;
    ckp_strtab lower;
    ckp_strtab_init(&lower);
    int64_t *first = malloc((size_t)(n ? n : 1) * sizeof *first);
    char *buf = NULL;
    size_t cap = 0;
    if (!first)
        goto nomem;
    for (int64_t i = 0; i < n; i++) {
        const char *s = tab->strings[i];
        size_t len = strlen(s);
        if (len + 1 > cap) {
            char *p = realloc(buf, len + 1);
            if (!p)
                goto nomem;
            buf = p;
            cap = len + 1;
        }
        for (size_t j = 0; j <= len; j++)
            buf[j] = (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] - 'A' + 'a' : s[j]);
        int64_t k = ckp_strtab_find(&lower, buf);
        if (k < 0) {
            if ((k = ckp_strtab_add_new(&lower, buf)) < 0)
                goto nomem;
            first[k] = i;
            continue;
        }
        ckp_error w;
        ckp_error_set(&w, CKP_OK, "%s '%s' and '%s' differ only by case: one spelling, or "
                                  "two different names?",
                      what, tab->strings[first[k]], s);
        ckp_error_at(&w, path, 0, 0);
        if (ckp_error_list_add(warnings, &w) < 0)
            goto nomem;
    }
    goto done;
nomem:
    rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    ckp_strtab_destroy(&lower);
    free(first);
    free(buf);
    return rc;
}

ckp_code ckp_load_near_duplicates(const ckp_network *net, const char *path,
                                  ckp_error_list *warnings, ckp_error *err)
{
    ckp_code rc = case_twins(&net->ids, "node ids", path, warnings, err);
    return rc ? rc : case_twins(&net->owners, "owners", path, warnings, err);
}

ckp_code ckp_load_file(ckp_network **out, const char *path, const ckp_load_options *opts,
                       ckp_buffer_loader load, ckp_error *err)
{
    char *buf = NULL;
    size_t len;
    ckp_code rc = ckp_read_file(&buf, &len, path, err);
    *out = NULL;
    if (!rc)
        rc = load(out, buf, len, path, opts, err);
    free(buf);
    return rc;
}

int ckp_load_decimal(const char *s, size_t n, double *out)
{
    const char *p = s, *end = s + n;
    int negative = p < end && *p == '-';
    if (p < end && (*p == '-' || *p == '+'))
        p++;
    uint64_t m = 0;
    int digits = 0, scale = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++, digits++)
        m = m * 10 + (uint64_t)(*p - '0');
    if (p < end && *p == '.')
        for (p++; p < end && *p >= '0' && *p <= '9'; p++, digits++, scale--)
            m = m * 10 + (uint64_t)(*p - '0');
    if (!digits || digits > 19) /* none, or m may have wrapped */
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        int eneg = p < end && *p == '-', e = 0, edigits = 0;
        if (p < end && (*p == '-' || *p == '+'))
            p++;
        for (; p < end && *p >= '0' && *p <= '9' && e < 1000; p++, edigits++)
            e = e * 10 + (*p - '0');
        if (!edigits)
            return 0;
        scale += eneg ? -e : e;
    }
    double v;
    if (p != end || !ckp_decimal_exact(m, scale, &v))
        return 0;
    *out = negative ? -v : v;
    return 1;
}

size_t ckp_load_utf8_invalid(const char *buf, size_t len)
{
    /* blocks that end before an ASCII byte, so that no character spans two */
    const size_t block = 1u << 16;
    size_t at = 0;
    while (at < len) {
        size_t end = len - at > block ? at + block : len;
        while (end < len && (unsigned char)buf[end] >= 0x80)
            end++;
        uint64_t any = 0;
        size_t i = at;
        for (; i + 8 <= end; i += 8) {
            uint64_t w;
            memcpy(&w, buf + i, 8);
            any |= w;
        }
        for (; i < end; i++)
            any |= (unsigned char)buf[i];
        if (any & 0x8080808080808080ull) {
            size_t bad = ckp_utf8_invalid(buf + at, end - at);
            if (bad < end - at)
                return at + bad;
        }
        at = end;
    }
    return len;
}

int ckp_load_room(char **buf, size_t *cap, size_t need, size_t first)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : first;
    while (n < need)
        n *= 2;
    char *p = realloc(*buf, n);
    if (!p)
        return -1;
    *buf = p;
    *cap = n;
    return 0;
}
