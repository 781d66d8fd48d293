/*
 * chokepoint: shared definitions: error reporting, exit codes, version.
 *
 * The library never prints and never exits. Every fallible function takes a
 * caller-owned `ckp_error *` (may be NULL) and returns a `ckp_code`.
 *
 * igraph's handlers. igraph's default error handler aborts the process, so the
 * first call that reaches igraph replaces it (igraph_set_error_handler) with
 * one that frees igraph's temporaries and returns, and replaces the warning
 * handler (igraph_set_warning_handler) with one that prints nothing, for the
 * rest of the process. The calls that reach igraph: ckp_betweenness (so
 * ckp_analyze), and ckp_dominators_compute on a network deeper than 4,096
 * levels (so also scenarios, plans and comparisons there). The fatal,
 * interruption and progress handlers are left alone. ckp_betweenness with
 * sampling also reseeds igraph's default random number generator. igraph is
 * not thread-safe as Debian builds it: see docs/library.md, "Threads".
 */
#ifndef CHOKEPOINT_COMMON_H
#define CHOKEPOINT_COMMON_H

#include <stddef.h>

#include "chokepoint/version.h"

/*
 * Every public header wraps its declarations in these: C linkage for C++
 * callers, and default visibility, since the library is built with hidden
 * visibility so that only what include/chokepoint/ declares is exported.
 */
#ifdef __cplusplus
#define CKP_BEGIN_DECLS extern "C" { _Pragma("GCC visibility push(default)")
#define CKP_END_DECLS _Pragma("GCC visibility pop") }
#else
#define CKP_BEGIN_DECLS _Pragma("GCC visibility push(default)")
#define CKP_END_DECLS _Pragma("GCC visibility pop")
#endif

CKP_BEGIN_DECLS

/* The version as a string, "MAJOR.MINOR.PATCH"; the parts are in chokepoint/version.h. */
#define CKP_VERSION CKP_VERSION_STRING

/*
 * Result codes. The CLI maps them one to one onto its exit codes, documented
 * in docs/cli.md; keep the two in step.
 */
typedef enum {
    CKP_OK = 0,
    CKP_EDATA = 1,     /* the input is invalid: fix the file */
    CKP_EUSAGE = 2,    /* the command line is wrong */
    CKP_ENOINPUT = 3,  /* an input file is missing or unreadable */
    CKP_EIO = 4,       /* an output could not be written */
    CKP_ELIMIT = 5,    /* a documented resource limit was reached */
    CKP_EINTERNAL = 6  /* out of memory or a library failure */
} ckp_code;

/*
 * Where and what went wrong. `file` is empty when the error has no file;
 * `line` and `column` are 1-based, 0 when unknown. `message` says what is
 * wrong and, where it can, what to fix; it never repeats the location.
 */
typedef struct {
    ckp_code code;
    char message[1024];
    char file[1024];
    long line;
    long column;
} ckp_error;

/* Reset an error struct to "no error". NULL is allowed. */
void ckp_error_init(ckp_error *err);

/*
 * Record an error (printf-style message). Returns `code` so callers can write
 * `return ckp_error_set(err, CKP_EDATA, ...)`. NULL `err` is allowed.
 */
ckp_code ckp_error_set(ckp_error *err, ckp_code code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Attach a file name and a position to an error already set. */
void ckp_error_at(ckp_error *err, const char *file, long line, long column);

/*
 * Prefix the message with more context ("edge 3: " + message). Used by
 * callers that know more about where an error happened than the callee.
 */
void ckp_error_prefix(ckp_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * Write "file:line:column: message" (parts omitted when unknown) into buf.
 * Returns buf.
 */
char *ckp_error_format(char *buf, size_t size, const ckp_error *err);

/*
 * Several errors (or warnings) of one run, in the order found: a loader
 * reports every error of a file at once. At most `max` are kept; `total`
 * counts them all, so a caller can say "and N more".
 */
typedef struct {
    ckp_error *items;
    size_t count; /* kept */
    size_t total; /* found */
    size_t max;
} ckp_error_list;

void ckp_error_list_init(ckp_error_list *list, size_t max);
void ckp_error_list_destroy(ckp_error_list *list);
/* Count e, and keep a copy while under max. -1 when out of memory. NULL list: a no-op. */
int ckp_error_list_add(ckp_error_list *list, const ckp_error *e);

/* Version strings of chokepoint and of the libraries it was built against. */
const char *ckp_version(void);
const char *ckp_igraph_version(void);
const char *ckp_graphviz_version(void);
const char *ckp_cjson_version(void);

CKP_END_DECLS

#endif
