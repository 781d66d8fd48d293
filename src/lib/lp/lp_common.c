/* The part of ckp_lp that does not depend on the solver: bounds, matrix, checks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lp_internal.h"

#define DATA(lp) ((ckp_lp_data *)(lp))

ckp_code ckp_lp_data_init(ckp_lp_data *d, int rows, int cols, ckp_error *err)
{
    memset(d, 0, sizeof *d);
    d->rows = rows;
    d->cols = cols;
    d->row_lo = calloc((size_t)rows + 1, sizeof *d->row_lo);
    d->row_hi = calloc((size_t)rows + 1, sizeof *d->row_hi);
    d->col_lo = calloc((size_t)cols + 1, sizeof *d->col_lo);
    d->col_hi = calloc((size_t)cols + 1, sizeof *d->col_hi);
    d->obj = calloc((size_t)cols + 1, sizeof *d->obj);
    d->x = calloc((size_t)cols + 1, sizeof *d->x);
    d->row_start = calloc((size_t)rows + 1, sizeof *d->row_start);
    if (!d->row_lo || !d->row_hi || !d->col_lo || !d->col_hi || !d->obj || !d->x ||
        !d->row_start)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}

void ckp_lp_data_destroy(ckp_lp_data *d)
{
    free(d->row_lo);
    free(d->row_hi);
    free(d->col_lo);
    free(d->col_hi);
    free(d->obj);
    free(d->x);
    free(d->row_start);
    free(d->entry_col);
    free(d->entry_val);
}

ckp_code ckp_lp_data_load(ckp_lp_data *d, int n, const ckp_lp_entry *entries, int *dup_at,
                          ckp_error *err)
{
    ckp_code rc = CKP_OK;
    int *fill = malloc(((size_t)d->rows + 1) * sizeof *fill);
    int *seen = malloc(((size_t)d->cols + 1) * sizeof *seen);
    free(d->entry_col);
    free(d->entry_val);
    d->entry_col = malloc(((size_t)n + 1) * sizeof *d->entry_col);
    d->entry_val = malloc(((size_t)n + 1) * sizeof *d->entry_val);
    *dup_at = -1;
    if (!fill || !seen || !d->entry_col || !d->entry_val) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    memset(d->row_start, 0, ((size_t)d->rows + 1) * sizeof *d->row_start);
    for (int k = 0; k < n; k++) {
        const ckp_lp_entry *e = &entries[k];
        if (e->row < 0 || e->row >= d->rows || e->col < 0 || e->col >= d->cols) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "LP entry %d out of range", k);
            goto done;
        }
        d->row_start[e->row + 1]++;
    }
    for (int r = 0; r < d->rows; r++)
        d->row_start[r + 1] += d->row_start[r];
    memcpy(fill, d->row_start, (size_t)d->rows * sizeof *fill);
    for (int c = 0; c < d->cols; c++)
        seen[c] = -1;
    for (int k = 0; k < n; k++) {
        int p = fill[entries[k].row]++;
        d->entry_col[p] = entries[k].col;
        d->entry_val[p] = entries[k].val;
    }
    for (int r = 0; r < d->rows && *dup_at < 0; r++)
        for (int p = d->row_start[r]; p < d->row_start[r + 1]; p++) {
            if (seen[d->entry_col[p]] == r)
                *dup_at = p;
            seen[d->entry_col[p]] = r;
        }
done:
    free(fill);
    free(seen);
    return rc;
}

int ckp_lp_data_holds(const ckp_lp_data *d)
{
    double total = 1;
    for (int c = 0; c < d->cols; c++)
        total += fabs(d->x[c]);
    double tol = 1e-9 * total;
    for (int c = 0; c < d->cols; c++)
        if (!(d->x[c] >= d->col_lo[c] - tol && d->x[c] <= d->col_hi[c] + tol))
            return 0;
    for (int r = 0; r < d->rows; r++) {
        double ax = 0;
        for (int p = d->row_start[r]; p < d->row_start[r + 1]; p++)
            ax += d->entry_val[p] * d->x[d->entry_col[p]];
        if (!(ax >= d->row_lo[r] - tol && ax <= d->row_hi[r] + tol))
            return 0;
    }
    return 1;
}

/* Bounds and objective are kept here and handed to the solver at the solve. */
ckp_code ckp_lp_new(ckp_lp **out, int rows, int cols, ckp_error *err)
{
    ckp_code rc;
    ckp_lp *lp = calloc(1, ckp_lp_backend_size());
    *out = NULL;
    if (!lp)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    if ((rc = ckp_lp_data_init(DATA(lp), rows, cols, err)) ||
        (rc = ckp_lp_backend_init(lp, err)))
        goto done;
    *out = lp;
    lp = NULL;
done:
    ckp_lp_free(lp);
    return rc;
}

void ckp_lp_free(ckp_lp *lp)
{
    if (!lp)
        return;
    ckp_lp_backend_destroy(lp);
    ckp_lp_data_destroy(DATA(lp));
    free(lp);
}

ckp_code ckp_lp_copy(ckp_lp **out, const ckp_lp *lp, ckp_error *err)
{
    ckp_code rc;
    const ckp_lp_data *d = (const ckp_lp_data *)lp;
    int n = d->row_start[d->rows];
    ckp_lp *copy = NULL;
    ckp_lp_entry *entries = malloc(((size_t)n + 1) * sizeof *entries);
    *out = NULL;
    if (!entries) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if ((rc = ckp_lp_new(&copy, d->rows, d->cols, err)))
        goto done;
    memcpy(DATA(copy)->row_lo, d->row_lo, (size_t)d->rows * sizeof *d->row_lo);
    memcpy(DATA(copy)->row_hi, d->row_hi, (size_t)d->rows * sizeof *d->row_hi);
    memcpy(DATA(copy)->col_lo, d->col_lo, (size_t)d->cols * sizeof *d->col_lo);
    memcpy(DATA(copy)->col_hi, d->col_hi, (size_t)d->cols * sizeof *d->col_hi);
    memcpy(DATA(copy)->obj, d->obj, (size_t)d->cols * sizeof *d->obj);
    /* the matrix as kept by rows, loaded again in the same order */
    for (int r = 0; r < d->rows; r++)
        for (int p = d->row_start[r]; p < d->row_start[r + 1]; p++)
            entries[p] = (ckp_lp_entry){r, d->entry_col[p], d->entry_val[p]};
    if ((rc = ckp_lp_load(copy, n, entries, err)))
        goto done;
    *out = copy;
    copy = NULL;
done:
    ckp_lp_free(copy);
    free(entries);
    return rc;
}

void ckp_lp_set_row(ckp_lp *lp, int row, double lo, double hi)
{
    DATA(lp)->row_lo[row] = lo;
    DATA(lp)->row_hi[row] = hi;
}

void ckp_lp_set_col(ckp_lp *lp, int col, double lo, double hi)
{
    DATA(lp)->col_lo[col] = lo;
    DATA(lp)->col_hi[col] = hi;
}

void ckp_lp_set_obj(ckp_lp *lp, int col, double coef)
{
    DATA(lp)->obj[col] = coef;
}

double ckp_lp_col_hi(const ckp_lp *lp, int col)
{
    return ((const ckp_lp_data *)lp)->col_hi[col];
}

double ckp_lp_value(const ckp_lp *lp, int col)
{
    return ((const ckp_lp_data *)lp)->x[col];
}

ckp_code ckp_lp_basis_new(ckp_lp_basis **out, int size, ckp_error *err)
{
    ckp_lp_basis *b = calloc(1, sizeof *b);
    *out = NULL;
    if (b) {
        b->size = size;
        b->stat = malloc(((size_t)size + 1) * sizeof *b->stat);
    }
    if (!b || !b->stat) {
        ckp_lp_basis_free(b);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    *out = b;
    return CKP_OK;
}

void ckp_lp_basis_free(ckp_lp_basis *basis)
{
    if (!basis)
        return;
    free(basis->stat);
    free(basis);
}

void ckp_lp_dump(ckp_buf *out, const ckp_lp *lp)
{
    const ckp_lp_data *d = (const ckp_lp_data *)lp;
    ckp_buf_printf(out, "lp %d %d %d\n", d->rows, d->cols, d->row_start[d->rows]);
    for (int c = 0; c < d->cols; c++)
        ckp_buf_printf(out, "c %.17g %.17g %.17g\n", d->col_lo[c], d->col_hi[c], d->obj[c]);
    for (int r = 0; r < d->rows; r++)
        ckp_buf_printf(out, "r %.17g %.17g\n", d->row_lo[r], d->row_hi[r]);
    for (int r = 0; r < d->rows; r++)
        for (int p = d->row_start[r]; p < d->row_start[r + 1]; p++)
            ckp_buf_printf(out, "a %d %d %.17g\n", r, d->entry_col[p], d->entry_val[p]);
}
