#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chokepoint/buf.h"
#include "chokepoint/io.h"

struct ckp_output {
    char *path; /* NULL for standard output */
    char *tmp;
    int fd;
    ckp_error sink_err; /* ckp_output_sink's first failure */
    int sink_failed;
};

static ckp_code fail(ckp_output *o, ckp_error *err)
{
    return ckp_error_set(err, CKP_EIO, o->path ? "cannot write '%s': %s"
                                               : "cannot write to standard output%.0s: %s",
                         o->path ? o->path : "", strerror(errno));
}

ckp_code ckp_output_open(ckp_output **out, const char *path, ckp_error *err)
{
    ckp_output *o = calloc(1, sizeof *o);
    *out = NULL;
    if (!o)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    o->fd = -1;
    if (!strcmp(path, "-")) {
        o->fd = STDOUT_FILENO;
        *out = o;
        return CKP_OK;
    }
    size_t n = strlen(path) + sizeof ".tmp.XXXXXX";
    if (!(o->path = strdup(path)) || !(o->tmp = malloc(n))) {
        ckp_output_abort(o);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    snprintf(o->tmp, n, "%s.tmp.XXXXXX", path);
    if ((o->fd = mkstemp(o->tmp)) < 0) {
        ckp_code rc = fail(o, err);
        free(o->tmp);
        o->tmp = NULL; /* nothing to remove */
        ckp_output_abort(o);
        return rc;
    }
    *out = o;
    return CKP_OK;
}

ckp_code ckp_output_write(ckp_output *o, const void *data, size_t len, ckp_error *err)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(o->fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return fail(o, err);
        }
        p += w;
        len -= (size_t)w;
    }
    return CKP_OK;
}

ckp_code ckp_output_commit(ckp_output *o, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    if (!o->path) { /* standard output: closed and checked by the caller */
        free(o);
        return CKP_OK;
    }
    /* mkstemp makes 0600; outputs are ordinary files */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(o->fd, 0666 & ~mask) < 0 || fsync(o->fd) < 0) {
        rc = fail(o, err);
    } else {
        int fd = o->fd;
        o->fd = -1;
        if (close(fd) < 0 || rename(o->tmp, o->path) < 0)
            rc = fail(o, err);
        else {
            free(o->tmp);
            o->tmp = NULL; /* renamed: keep it */
        }
    }
    ckp_output_abort(o);
    return rc;
}

void ckp_output_abort(ckp_output *o)
{
    if (!o)
        return;
    if (o->path && o->fd >= 0)
        close(o->fd);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    free(o);
}

int ckp_output_sink(void *ctx, const void *data, size_t len)
{
    ckp_output *o = ctx;
    if (!o->sink_failed && ckp_output_write(o, data, len, &o->sink_err))
        o->sink_failed = 1;
    return o->sink_failed ? -1 : 0;
}

ckp_code ckp_output_commit_buf(ckp_output *o, ckp_buf *b, ckp_error *err)
{
    int flushed = ckp_buf_flush(b);
    if (!flushed)
        return ckp_output_commit(o, err);
    ckp_code rc = CKP_EINTERNAL;
    if (o->sink_failed) {
        rc = o->sink_err.code;
        if (err)
            *err = o->sink_err;
    } else {
        ckp_error_set(err, rc, "out of memory");
    }
    ckp_output_abort(o);
    return rc;
}
