/*
 * Laying out and rendering diagrams with Graphviz (cgraph + gvc), in memory.
 *
 * Same DOT, same bytes. With Graphviz 2.43 the first layout of a process
 * came out the same every run, but a second one in the same process did not
 * (clusters written in another order, nodes moved; with and without
 * address-space randomisation). Two causes were found and removed: the
 * default id discipline uses the address of an interned name as the id of a
 * node or subgraph, and subgraphs are kept in id order, so the order of the
 * tier clusters followed the heap (the DOT is read here with an id
 * discipline that numbers names in order of appearance); and libgvc draws on
 * drand48, whose state depended on what ran before (seeded here).
 *
 * Each layout also runs in a child process, which renders the formats asked
 * for and sends the bytes back through a pipe: whatever else Graphviz keeps
 * in static state, its memory (which grows from layout to layout) and any
 * crash stay out of chokepoint's process, and every figure is laid out as
 * the first of a process. The parent never calls Graphviz's layout.
 *
 * Graphviz reports problems by printing them; chokepoint's library never
 * prints, so the child collects them through agseterr/agseterrf and sends
 * them back, and they reach the caller in a ckp_error.
 */
#include <ctype.h>
#include <errno.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chokepoint/io.h"
#include "chokepoint/render.h"
#include "chokepoint/buf.h"
#include "chokepoint/format.h"
#include "escape.h"
#include "figure_write.h"

struct ckp_figure {
    char *dot;
    size_t len;
    unsigned formats;         /* bit f: format f was rendered */
    char *data[CKP_FIG_DOT];  /* by format */
    size_t size[CKP_FIG_DOT];
};

/* Graphviz's messages since the last reset (cut when long). */
static char gv_messages[1024];

static int collect_message(char *msg)
{
    size_t used = strlen(gv_messages);
    if (used < sizeof gv_messages - 1)
        snprintf(gv_messages + used, sizeof gv_messages - used, "%s", msg);
    return 0;
}

/* Collect Graphviz's warnings and errors instead of letting it print them. */
static void begin_messages(void)
{
    gv_messages[0] = '\0';
    agseterr(AGWARN);
    agseterrf(collect_message);
}

/* Graphviz's collected messages as one line: "Error: ...; Warning: ...". */
static const char *messages(void)
{
    size_t n = strlen(gv_messages);
    while (n && isspace((unsigned char)gv_messages[n - 1]))
        gv_messages[--n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (gv_messages[i] == '\n')
            gv_messages[i] = ';';
    return n ? gv_messages : "no message";
}

int ckp_figure_format_from_name(const char *name)
{
    static const char *const names[] = {"svg", "png", "pdf", "dot"};
    for (int i = 0; i < 4; i++)
        if (!strcasecmp(name, names[i]))
            return i;
    return -1;
}

int ckp_figure_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return -1;
    return ckp_figure_format_from_name(dot + 1);
}

const char *ckp_figure_format_name(ckp_figure_format fmt)
{
    switch (fmt) {
    case CKP_FIG_SVG:
        return "svg";
    case CKP_FIG_PNG:
        return "png";
    case CKP_FIG_PDF:
        return "pdf";
    case CKP_FIG_DOT:
        return "dot";
    }
    return "?";
}

/* Write all of a buffer to a pipe; -1 on failure. */
static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* One record of the child's answer: a tag, a length, the bytes. */
static int send_record(int fd, char tag, const void *data, uint64_t len)
{
    if (write_all(fd, &tag, 1) || write_all(fd, &len, sizeof len))
        return -1;
    return write_all(fd, data, (size_t)len);
}

/*
 * Object ids by order of appearance. Graphviz's default id discipline uses
 * the address of the interned name as a node's or subgraph's id, and keeps
 * subgraphs ordered by id: clusters then come out in an order that follows
 * the heap, which changes from run to run in a process that has allocated
 * and freed before. Here a name's id is its rank among the names seen (even
 * ids, as Graphviz expects of named objects; anonymous objects get odd ids).
 */
typedef struct {
    char **names;          /* by id / 2 - 1 */
    size_t n, cap;
    size_t *slots;         /* open addressing: index + 1, 0 = empty */
    size_t nslots;         /* a power of two, at least twice n */
    IDTYPE anon;           /* the next anonymous id (odd) */
} id_state;

static size_t name_hash(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)g;
    (void)disc;
    id_state *st = calloc(1, sizeof *st);
    if (st)
        st->anon = 1;
    return st;
}

static int ids_grow(id_state *st)
{
    size_t ns = st->nslots ? 2 * st->nslots : 256;
    size_t *slots = calloc(ns, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < st->n; i++) {
        size_t h = name_hash(st->names[i]) & (ns - 1);
        while (slots[h])
            h = (h + 1) & (ns - 1);
        slots[h] = i + 1;
    }
    free(st->slots);
    st->slots = slots;
    st->nslots = ns;
    return 0;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    id_state *st = state;
    (void)objtype;
    if (!st)
        return 0;
    if (!str) {
        *id = st->anon;
        st->anon += 2;
        return 1;
    }
    if (2 * (st->n + 1) > st->nslots && ids_grow(st))
        return 0;
    size_t h = name_hash(str) & (st->nslots - 1);
    for (; st->slots[h]; h = (h + 1) & (st->nslots - 1))
        if (!strcmp(st->names[st->slots[h] - 1], str)) {
            *id = 2 * (IDTYPE)st->slots[h];
            return 1;
        }
    if (!createflag)
        return 0;
    if (st->n == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 256;
        char **names = realloc(st->names, cap * sizeof *names);
        if (!names)
            return 0;
        st->names = names;
        st->cap = cap;
    }
    size_t len = strlen(str) + 1;
    if (!(st->names[st->n] = malloc(len)))
        return 0;
    memcpy(st->names[st->n], str, len);
    st->slots[h] = ++st->n;
    *id = 2 * (IDTYPE)st->n;
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
    return 0; /* no ids chosen by the caller, as in Graphviz's own discipline */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id; /* names live until the graph closes */
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    id_state *st = state;
    (void)objtype;
    if (!st || id % 2 || id == 0 || id / 2 > st->n)
        return NULL;
    return st->names[id / 2 - 1];
}

static void ids_close(void *state)
{
    id_state *st = state;
    if (!st)
        return;
    for (size_t i = 0; i < st->n; i++)
        free(st->names[i]);
    free(st->names);
    free(st->slots);
    free(st);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t ordered_ids = {ids_open, ids_map,   ids_alloc,   ids_free,
                                 ids_print, ids_close, ids_register};

/* Reading DOT text from memory, a line at a time (as agmemread does). */
typedef struct {
    const char *data;
    size_t len, at;
} mem_chan;

static int mem_read(void *chan, char *buf, int bufsize)
{
    mem_chan *c = chan;
    int n = 0;
    if (bufsize <= 0 || c->at >= c->len)
        return 0;
    while (n < bufsize && c->at < c->len) {
        char ch = c->data[c->at++];
        buf[n++] = ch;
        if (ch == '\n')
            break;
    }
    return n;
}

/*
 * The child's side: lay out once, render each format asked for, send the
 * results ('F' records, in format order) or the error ('E' record). It never
 * returns: _exit keeps it from flushing the parent's stdio buffers or running
 * its exit handlers.
 */
static void child_render(int fd, const char *dot, unsigned formats)
{
    char msg[1200];
    GVC_t *gvc;
    Agraph_t *g;
    /*
     * Graphviz 2.43 draws on drand48 (libgvc); the state the child inherits
     * depends on what the parent did before, so start it from a fixed seed.
     */
    srand48(1);
    srand(1);
    begin_messages();
    if (!(gvc = gvContext())) {
        snprintf(msg, sizeof msg, "cannot start Graphviz: %s", messages());
        send_record(fd, 'E', msg, strlen(msg));
        _exit(1);
    }
    Agiodisc_t io = {mem_read, AgIoDisc.putstr, AgIoDisc.flush};
    Agdisc_t disc = {&AgMemDisc, &ordered_ids, &io};
    mem_chan chan = {dot, strlen(dot), 0};
    if (!(g = agread(&chan, &disc))) {
        snprintf(msg, sizeof msg, "Graphviz cannot read the diagram: %s", messages());
        send_record(fd, 'E', msg, strlen(msg));
        _exit(1);
    }
    if (gvLayout(gvc, g, "dot") != 0) {
        snprintf(msg, sizeof msg, "Graphviz cannot lay out the diagram: %s", messages());
        send_record(fd, 'E', msg, strlen(msg));
        _exit(1);
    }
    for (int f = 0; f < CKP_FIG_DOT; f++) {
        if (!(formats & (1u << f)))
            continue;
        /* core SVG (not svg:cairo) and cairo PNG are byte-identical from run to run */
        const char *name = f == CKP_FIG_SVG ? "svg" : f == CKP_FIG_PNG ? "png" : "pdf";
        char *data = NULL;
        unsigned int len = 0;
        if (gvRenderData(gvc, g, (char *)name, &data, &len) != 0 || !data) {
            snprintf(msg, sizeof msg, "Graphviz cannot render %s: %s", name, messages());
            send_record(fd, 'E', msg, strlen(msg));
            _exit(1);
        }
        if (f == CKP_FIG_PDF)
            ckp_pdf_fix_date(data, len);
        char tag = (char)('0' + f);
        if (send_record(fd, tag, data, len))
            _exit(1);
        gvFreeRenderData(data);
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    gvFreeContext(gvc);
    _exit(0);
}

ckp_code ckp_figure_new(ckp_figure **out, const char *dot, size_t len, unsigned formats,
                        ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_figure *fig = calloc(1, sizeof *fig);
    ckp_buf answer;
    int fds[2] = {-1, -1};
    pid_t pid = -1;
    ckp_buf_init(&answer);
    *out = NULL;
    formats &= (1u << CKP_FIG_DOT) - 1;
    if (!fig || !(fig->dot = malloc(len + 1))) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    memcpy(fig->dot, dot, len);
    fig->dot[len] = '\0';
    fig->len = len;
    if (!formats) {
        *out = fig;
        fig = NULL;
        goto done;
    }
    if (pipe(fds) < 0 || (pid = fork()) < 0) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "cannot start the layout process: %s",
                           strerror(errno));
        goto done;
    }
    if (pid == 0) {
        close(fds[0]);
        child_render(fds[1], fig->dot, formats);
    }
    close(fds[1]);
    fds[1] = -1;
    for (;;) {
        char buf[65536];
        ssize_t r = read(fds[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        ckp_buf_put(&answer, buf, (size_t)r);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (answer.oom) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    /* read the records back */
    size_t at = 0;
    while (at + 1 + sizeof(uint64_t) <= answer.len) {
        char tag = answer.data[at];
        uint64_t n;
        memcpy(&n, answer.data + at + 1, sizeof n);
        at += 1 + sizeof n;
        if (n > answer.len - at)
            break;
        if (tag == 'E') {
            rc = ckp_error_set(err, CKP_EINTERNAL, "%.*s", (int)n, answer.data + at);
            goto done;
        }
        int f = tag - '0';
        if (f >= 0 && f < CKP_FIG_DOT && !fig->data[f]) {
            if (!(fig->data[f] = malloc((size_t)n + 1))) {
                rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
                goto done;
            }
            memcpy(fig->data[f], answer.data + at, (size_t)n);
            fig->data[f][n] = '\0';
            fig->size[f] = (size_t)n;
            fig->formats |= 1u << f;
        }
        at += (size_t)n;
    }
    if (fig->formats != formats) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "the Graphviz layout process %s",
                           WIFSIGNALED(status) ? "crashed" : "failed without a message");
        goto done;
    }
    *out = fig;
    fig = NULL;
done:
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    ckp_buf_destroy(&answer);
    ckp_figure_free(fig);
    return rc;
}

void ckp_figure_free(ckp_figure *fig)
{
    if (!fig)
        return;
    for (int f = 0; f < CKP_FIG_DOT; f++)
        free(fig->data[f]);
    free(fig->dot);
    free(fig);
}

int ckp_pdf_fix_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (";
    static const char epoch[] = "19700101000000";
    size_t kl = sizeof key - 1;
    int found = 0;
    for (size_t i = 0; i + kl + 14 <= len; i++) {
        if (memcmp(data + i, key, kl))
            continue;
        size_t p = i + kl;
        if (p + 2 <= len && data[p] == 'D' && data[p + 1] == ':')
            p += 2;
        size_t q = p;
        while (q < len && q < p + 14 && isdigit((unsigned char)data[q]))
            q++;
        if (q - p < 4)
            continue;
        memcpy(data + p, epoch, q - p);
        /* a local offset "+09'00'" becomes "+00'00'": same length, UTC */
        if (q < len && (data[q] == '+' || data[q] == '-'))
            for (size_t r = q + 1; r < len && r < q + 7 && data[r] != ')'; r++)
                if (isdigit((unsigned char)data[r]))
                    data[r] = '0';
        found = 1;
    }
    return found;
}

/* The figure's bytes in `fmt`, kept by the figure: DOT as given, or a format rendered. */
static ckp_code figure_bytes(const char **src, size_t *n, const ckp_figure *fig,
                             ckp_figure_format fmt, ckp_error *err)
{
    if (fmt == CKP_FIG_DOT) {
        *src = fig->dot;
        *n = fig->len;
        return CKP_OK;
    }
    if ((unsigned)fmt >= CKP_FIG_DOT || !(fig->formats & (1u << fmt)))
        return ckp_error_set(err, CKP_EINTERNAL, "the figure was not rendered as %s",
                             ckp_figure_format_name(fmt));
    *src = fig->data[fmt];
    *n = fig->size[fmt];
    return CKP_OK;
}

ckp_code ckp_figure_render(const ckp_figure *fig, ckp_figure_format fmt, char **data, size_t *len,
                           ckp_error *err)
{
    const char *src = NULL;
    size_t n = 0;
    ckp_code rc;
    *data = NULL;
    *len = 0;
    if ((rc = figure_bytes(&src, &n, fig, fmt, err)))
        return rc;
    if (!(*data = malloc(n + 1)))
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    memcpy(*data, src, n);
    (*data)[n] = '\0';
    *len = n;
    return CKP_OK;
}

/* Written from the figure's own bytes: no copy. */
ckp_code ckp_figure_write(const ckp_figure *fig, ckp_figure_format fmt, const char *path,
                          ckp_error *err)
{
    const char *src = NULL;
    size_t n = 0;
    ckp_code rc = figure_bytes(&src, &n, fig, fmt, err);
    return rc ? rc : ckp_write_file_atomic(path, src, n, err);
}

ckp_code ckp_figure_data_write(const char *path, char *data, size_t len, ckp_code rc,
                               ckp_error *err)
{
    if (!rc)
        rc = ckp_write_file_atomic(path, data, len, err);
    free(data);
    return rc;
}
