/* The pack's files: each written whole or not at all, and noted with its SHA-256. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chokepoint/io.h"
#include "chokepoint/sha256.h"
#include "report_internal.h"

void ckp_pack_init(ckp_pack *pk, const char *dir, const ckp_study *study,
                   const ckp_report_options *opts)
{
    memset(pk, 0, sizeof *pk);
    pk->dir = dir;
    pk->opts = opts;
    pk->study = study;
    pk->n_plans = study ? ckp_study_plan_count(study) : 0;
    pk->n_scenarios = study ? ckp_study_scenario_count(study) : 0;
    ckp_buf_init(&pk->html);
}

void ckp_pack_destroy(ckp_pack *pk)
{
    for (size_t i = 0; i < pk->n; i++)
        free(pk->files[i].path);
    free(pk->files);
    free(pk->inputs);
    ckp_buf_destroy(&pk->html);
    memset(pk, 0, sizeof *pk);
}

char *ckp_pack_path(const ckp_pack *pk, const char *rel)
{
    size_t n = strlen(pk->dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", pk->dir, rel);
    return p;
}

/* Add `rel` with its checksum to the list of files the provenance note names. */
static ckp_code add_file(ckp_pack *pk, const char *rel, const char sha[65], ckp_error *err)
{
    if (pk->n == pk->cap) {
        size_t cap = pk->cap ? 2 * pk->cap : 64;
        ckp_report_file *files = realloc(pk->files, cap * sizeof *files);
        if (!files)
            return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        pk->files = files;
        pk->cap = cap;
    }
    size_t n = strlen(rel) + 1;
    char *copy = malloc(n);
    if (!copy)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    memcpy(copy, rel, n);
    pk->files[pk->n].path = copy;
    memcpy(pk->files[pk->n].sha, sha, 65);
    pk->n++;
    return CKP_OK;
}

ckp_code ckp_pack_put(ckp_pack *pk, const char *rel, const void *data, size_t len,
                      ckp_error *err)
{
    char sha[65];
    char *path = ckp_pack_path(pk, rel);
    if (!path)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    ckp_code rc = ckp_write_file_atomic(path, data, len, err);
    free(path);
    if (rc)
        return rc;
    ckp_sha256_hex(sha, data, len);
    return add_file(pk, rel, sha, err);
}

ckp_code ckp_pack_put_buf(ckp_pack *pk, const char *rel, const ckp_buf *b, ckp_error *err)
{
    if (b->oom)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return ckp_pack_put(pk, rel, b->data ? b->data : "", b->len, err);
}

ckp_code ckp_pack_note(ckp_pack *pk, const char *rel, ckp_error *err)
{
    char sha[65];
    char *path = ckp_pack_path(pk, rel);
    if (!path)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    ckp_code rc = ckp_sha256_file(sha, path, err);
    free(path);
    return rc ? rc : add_file(pk, rel, sha, err);
}

static ckp_code make_dir(const char *path, ckp_error *err)
{
    struct stat st;
    if (mkdir(path, 0777) == 0)
        return CKP_OK;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return CKP_OK;
    return ckp_error_set(err, CKP_EIO, "cannot create directory '%s': %s", path,
                         errno == EEXIST ? "a file of that name is in the way" : strerror(errno));
}

ckp_code ckp_pack_make_dirs(const ckp_pack *pk, ckp_error *err)
{
    ckp_code rc = make_dir(pk->dir, err);
    char *figures = NULL, *data = NULL;
    if (rc)
        return rc;
    figures = ckp_pack_path(pk, "figures");
    data = ckp_pack_path(pk, "data");
    if (!figures || !data)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    else if (!(rc = make_dir(figures, err)))
        rc = make_dir(data, err);
    free(figures);
    free(data);
    return rc;
}

void ckp_report_slug(char *out, size_t size, const char *s)
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
