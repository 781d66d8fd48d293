/* The analysis writers' parts, for ckp_analysis_write. */
#ifndef CKP_ANALYSIS_WRITE_H
#define CKP_ANALYSIS_WRITE_H

#include "chokepoint/export.h"

/* `analyze`'s text; `file` names the input, `top` bounds the ranked tables (0: all). */
void ckp_analysis_write_text(ckp_buf *b, const ckp_network *net, const ckp_analysis *a,
                             const char *file, igraph_integer_t top,
                             const ckp_analysis_options *o);

#endif
