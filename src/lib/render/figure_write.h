/* Private to render/: the last step every figure writer shares. */
#ifndef CKP_FIGURE_WRITE_H
#define CKP_FIGURE_WRITE_H

#include <stddef.h>

#include "chokepoint/common.h"

/*
 * The figure `data` (len bytes, rendered with result `rc`) written to `path`
 * whole or not at all when rc is CKP_OK, then freed; returns the first failure.
 */
ckp_code ckp_figure_data_write(const char *path, char *data, size_t len, ckp_code rc,
                               ckp_error *err);

#endif
