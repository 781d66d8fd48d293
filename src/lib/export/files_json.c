/* What render and report wrote, as JSON: see ckp_files_write_json in chokepoint/export.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chokepoint/export.h"
#include "chokepoint/sha256.h"
#include "json_write.h"

ckp_code ckp_files_write_json(ckp_buf *out, const char *command, const char *dir,
                              const char *const *paths, size_t n, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    char sha[65], *full = NULL;
    ckp_buf_printf(out, "{\n  \"schema_version\": %d,\n  \"command\": ", CKP_SCHEMA_VERSION);
    ckp_json_string(out, command);
    if (dir) {
        ckp_buf_puts(out, ",\n  \"directory\": ");
        ckp_json_string(out, dir);
    }
    ckp_buf_puts(out, ",\n  \"files\": [");
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        size_t len = (dir ? strlen(dir) + 1 : 0) + strlen(paths[i]) + 1;
        free(full);
        if (!(full = malloc(len))) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
            goto done;
        }
        snprintf(full, len, "%s%s%s", dir ? dir : "", dir ? "/" : "", paths[i]);
        /* read back: the figures are what is on disk, whoever wrote them */
        if ((rc = ckp_sha256_file(sha, full, err)))
            goto done;
        if (stat(full, &st) != 0) {
            rc = ckp_error_set(err, CKP_ENOINPUT, "cannot stat '%s'", full);
            goto done;
        }
        ckp_buf_puts(out, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        ckp_json_string(out, paths[i]);
        ckp_buf_printf(out, ", \"bytes\": %lld, \"sha256\": \"%s\"}", (long long)st.st_size,
                       sha);
    }
    ckp_buf_puts(out, n ? "\n  ]\n}\n" : "]\n}\n");
    if (out->oom)
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
done:
    free(full);
    return rc;
}
