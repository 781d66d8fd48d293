/* What every LP backend keeps besides its solver's own problem (not public). */
#ifndef CKP_LP_INTERNAL_H
#define CKP_LP_INTERNAL_H

#include "lp.h"

/* The first member of each backend's struct ckp_lp, so the shared accessors reach it. */
typedef struct {
    int rows, cols;
    double *row_lo, *row_hi, *col_lo, *col_hi, *obj;
    double *x; /* the last solution's columns */
    /* the matrix by rows, kept to check solutions */
    int *row_start, *entry_col;
    double *entry_val;
} ckp_lp_data;

/* A basis: the solver's status of each row and column, in the solver's own order and codes. */
struct ckp_lp_basis {
    int size;
    int *stat;
};

ckp_code ckp_lp_basis_new(ckp_lp_basis **out, int size, ckp_error *err);

ckp_code ckp_lp_data_init(ckp_lp_data *d, int rows, int cols, ckp_error *err);
void ckp_lp_data_destroy(ckp_lp_data *d);
/* Keep the matrix by rows; -1 in *dup_at when no (row, col) is repeated, else its entry. */
ckp_code ckp_lp_data_load(ckp_lp_data *d, int n, const ckp_lp_entry *entries, int *dup_at,
                          ckp_error *err);
/* The last solution against every bound, within a tolerance relative to its size. */
int ckp_lp_data_holds(const ckp_lp_data *d);

/*
 * Each backend's half of ckp_lp_new and ckp_lp_free (lp_common.c has the rest):
 * its struct's size; its solver's problem made for the rows and columns in the
 * data, which are set; and freed, also when made only in part.
 */
size_t ckp_lp_backend_size(void);
ckp_code ckp_lp_backend_init(ckp_lp *lp, ckp_error *err);
void ckp_lp_backend_destroy(ckp_lp *lp);

#endif
