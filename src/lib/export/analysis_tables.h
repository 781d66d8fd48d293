/* The analysis as tables: the report's CSV files and the workbook's sheets. */
#ifndef CKP_ANALYSIS_TABLES_H
#define CKP_ANALYSIS_TABLES_H

#include "chokepoint/analysis.h"
#include "chokepoint/buf.h"

#define CKP_ANALYSIS_TABLES 5

/* "nodes", "concentration", "origins", "end_users", "single_points_of_failure". */
const char *ckp_analysis_table_name(int which);

/* Table `which` (0 .. CKP_ANALYSIS_TABLES - 1) as CSV with a header row; CKP_EINTERNAL on OOM. */
ckp_code ckp_analysis_table(ckp_buf *b, int which, const ckp_network *net, const ckp_analysis *a);

#endif
