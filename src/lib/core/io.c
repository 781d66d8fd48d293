#include "chokepoint/io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bigalloc.h"
#include "file_reader.h"

#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

ckp_code ckp_file_reader_open(ckp_file_reader *r, const char *path, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    memset(r, 0, sizeof *r);
    r->path = path;
    r->is_stdin = !strcmp(path, "-");
    r->f = r->is_stdin ? stdin : fopen(path, "rb");
    if (!r->f)
        return ckp_error_set(err, CKP_ENOINPUT, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(r->f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            rc = ckp_error_set(err, CKP_ENOINPUT, "cannot read '%s': it is a directory", path);
            goto done;
        }
        if (S_ISREG(st.st_mode) && (size_t)st.st_size > CKP_MAX_INPUT_BYTES) {
            rc = ckp_error_set(err, CKP_ELIMIT,
                               "'%s' is %lld bytes, over the limit of %zu bytes", path,
                               (long long)st.st_size, CKP_MAX_INPUT_BYTES);
            goto done;
        }
        /* room for the file, the NUL and one more byte, so that reading to the end takes no
           realloc (doubling the buffer of a large file only to meet its end) */
        if (S_ISREG(st.st_mode)) {
            r->cap = (size_t)st.st_size + 2;
            r->regular = 1;
        }
    }
    if (r->cap < 4096)
        r->cap = 4096;
done:
    if (rc)
        ckp_file_reader_close(r);
    return rc;
}

void ckp_file_reader_close(ckp_file_reader *r)
{
    if (r->f && !r->is_stdin)
        fclose(r->f);
    r->f = NULL;
}

ckp_code ckp_file_reader_read(ckp_file_reader *r, char **out, size_t *len, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    const char *path = r->path;
    size_t used = 0, cap = r->cap;
    *out = NULL;
    *len = 0;
    /* huge pages for a large file: faulting in 4 KiB pages costs more than the copy (read,
       not mapped: a mapped file truncated by another process would kill us with SIGBUS) */
    char *buf = ckp_big_malloc(cap);
    if (!buf) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory reading '%s'", path);
        goto done;
    }
    for (;;) {
        if (used > CKP_MAX_INPUT_BYTES) { /* a pipe, or a file that grew while read */
            rc = ckp_error_set(err, CKP_ELIMIT, "'%s' is over the limit of %zu bytes", path,
                               CKP_MAX_INPUT_BYTES);
            goto done;
        }
        if (cap - used < 2) {
            /* never more than the limit, the NUL and the one byte that shows it is passed */
            size_t bigger_cap = cap > (CKP_MAX_INPUT_BYTES + 2) / 2 ? CKP_MAX_INPUT_BYTES + 2
                                                                     : cap * 2;
            char *bigger = realloc(buf, bigger_cap);
            if (!bigger) {
                rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory reading '%s'", path);
                goto done;
            }
            buf = bigger;
            cap = bigger_cap;
        }
        size_t n = fread(buf + used, 1, cap - used - 1, r->f);
        used += n;
        if (n == 0) {
            if (ferror(r->f)) {
                rc = ckp_error_set(err, CKP_ENOINPUT, "cannot read '%s': %s", path,
                                   strerror(errno));
                goto done;
            }
            break;
        }
    }
    buf[used] = '\0';
    *out = buf;
    *len = used;
    buf = NULL;
done:
    ckp_file_reader_close(r);
    free(buf);
    return rc;
}

ckp_code ckp_read_file(char **out, size_t *len, const char *path, ckp_error *err)
{
    ckp_file_reader r;
    ckp_code rc = ckp_file_reader_open(&r, path, err);
    if (rc) {
        *out = NULL;
        *len = 0;
        return rc;
    }
    return ckp_file_reader_read(&r, out, len, err);
}

ckp_code ckp_write_file_atomic(const char *path, const void *data, size_t len, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    char *tmp = NULL;
    int fd = -1;
    if (!strcmp(path, "-")) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return ckp_error_set(err, CKP_EIO, "cannot write to standard output: %s",
                                 strerror(errno));
        return CKP_OK;
    }
    size_t n = strlen(path) + sizeof ".tmp.XXXXXX";
    tmp = malloc(n);
    if (!tmp)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    snprintf(tmp, n, "%s.tmp.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        rc = ckp_error_set(err, CKP_EIO, "cannot write '%s': %s", path, strerror(errno));
        free(tmp);
        return rc;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            rc = ckp_error_set(err, CKP_EIO, "cannot write '%s': %s", path, strerror(errno));
            goto done;
        }
        p += w;
        left -= (size_t)w;
    }
    /* mkstemp makes 0600; outputs are ordinary files */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) < 0 || fsync(fd) < 0) {
        rc = ckp_error_set(err, CKP_EIO, "cannot write '%s': %s", path, strerror(errno));
        goto done;
    }
    if (close(fd) < 0) {
        fd = -1;
        rc = ckp_error_set(err, CKP_EIO, "cannot write '%s': %s", path, strerror(errno));
        goto done;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        rc = ckp_error_set(err, CKP_EIO, "cannot write '%s': %s", path, strerror(errno));
        goto done;
    }
done:
    if (fd >= 0)
        close(fd);
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}
