/*
 * ckp_lp on COIN-OR Clp through its C interface: a cold solve is Clp's initialSolve
 * (presolve, then the simplex it picks; primal on large LPs), a warm one the dual simplex from a copied-in
 * status array. Log level 0: Clp prints nothing. Clp reports through statuses, not aborts;
 * it is C++ underneath, and only its out-of-memory exception could escape (not caught:
 * C cannot).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <coin/Clp_C_Interface.h>

#include "lp_internal.h"


struct ckp_lp {
    ckp_lp_data d; /* first: the shared accessors cast to it */
    Clp_Simplex *model;
    double *lo, *hi; /* bounds with Clp's infinity */
    unsigned char *status; /* a basis handed back to Clp */
    /* the matrix by columns as loaded, to load again into a fresh model (ckp_lp_reset) */
    CoinBigIndex *col_start;
    int *col_index;
    double *col_value;
};

static Clp_Simplex *new_model(void)
{
    Clp_Simplex *model = Clp_newModel();
    if (model) {
        Clp_setLogLevel(model, 0);
        Clp_setObjSense(model, -1); /* maximise */
    }
    return model;
}

size_t ckp_lp_backend_size(void)
{
    return sizeof(ckp_lp);
}

ckp_code ckp_lp_backend_init(ckp_lp *lp, ckp_error *err)
{
    int rows = lp->d.rows, cols = lp->d.cols, most = rows > cols ? rows : cols;
    lp->lo = malloc(((size_t)most + 1) * sizeof *lp->lo);
    lp->hi = malloc(((size_t)most + 1) * sizeof *lp->hi);
    lp->status = malloc((size_t)rows + (size_t)cols + 1);
    lp->model = new_model();
    if (!lp->lo || !lp->hi || !lp->status || !lp->model)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    return CKP_OK;
}

void ckp_lp_backend_destroy(ckp_lp *lp)
{
    if (lp->model)
        Clp_deleteModel(lp->model);
    free(lp->lo);
    free(lp->hi);
    free(lp->status);
    free(lp->col_start);
    free(lp->col_index);
    free(lp->col_value);
}

ckp_code ckp_lp_load(ckp_lp *lp, int n, const ckp_lp_entry *entries, ckp_error *err)
{
    ckp_code rc;
    int dup, nc = lp->d.cols;
    CoinBigIndex *start = calloc((size_t)nc + 1, sizeof *start), *fill = NULL;
    int *index = malloc(((size_t)n + 1) * sizeof *index);
    double *value = malloc(((size_t)n + 1) * sizeof *value);
    if (!start || !index || !value) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if ((rc = ckp_lp_data_load(&lp->d, n, entries, &dup, err)))
        goto done;
    if (dup >= 0) { /* Clp would add them up: a caller's mistake, said as GLPK says it */
        rc = ckp_error_set(err, CKP_EINTERNAL, "the LP solver (Clp) failed: an entry repeated");
        goto done;
    }
    /* Clp takes the matrix by columns */
    for (int k = 0; k < n; k++)
        start[entries[k].col + 1]++;
    for (int c = 0; c < nc; c++)
        start[c + 1] += start[c];
    fill = malloc(((size_t)nc + 1) * sizeof *fill);
    if (!fill) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    memcpy(fill, start, ((size_t)nc + 1) * sizeof *fill);
    for (int k = 0; k < n; k++) {
        CoinBigIndex p = fill[entries[k].col]++;
        index[p] = entries[k].row;
        value[p] = entries[k].val;
    }
    Clp_loadProblem(lp->model, nc, lp->d.rows, start, index, value, NULL, NULL, NULL, NULL,
                    NULL);
    free(lp->col_start);
    free(lp->col_index);
    free(lp->col_value);
    lp->col_start = start;
    lp->col_index = index;
    lp->col_value = value;
    start = NULL;
    index = NULL;
    value = NULL;
done:
    free(start);
    free(fill);
    free(index);
    free(value);
    return rc;
}

/*
 * Clp keeps state from one solve to the next (its perturbation's random numbers, its
 * scaling): a fresh model with the same matrix makes the next solve depend on the problem
 * and its starting basis alone.
 */
ckp_code ckp_lp_reset(ckp_lp *lp, ckp_error *err)
{
    Clp_Simplex *model = new_model();
    if (!model)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    Clp_deleteModel(lp->model);
    lp->model = model;
    if (lp->col_start)
        Clp_loadProblem(model, lp->d.cols, lp->d.rows, lp->col_start, lp->col_index,
                        lp->col_value, NULL, NULL, NULL, NULL, NULL);
    return CKP_OK;
}

int ckp_lp_parallel(void)
{
    return 1;
}

static const double *clp_bounds(double *out, const double *in, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = isinf(in[i]) ? (in[i] > 0 ? DBL_MAX : -DBL_MAX) : in[i];
    return out;
}

static void push_problem(ckp_lp *lp)
{
    const ckp_lp_data *d = &lp->d;
    Clp_chgRowLower(lp->model, clp_bounds(lp->lo, d->row_lo, d->rows));
    Clp_chgRowUpper(lp->model, clp_bounds(lp->hi, d->row_hi, d->rows));
    Clp_chgColumnLower(lp->model, clp_bounds(lp->lo, d->col_lo, d->cols));
    Clp_chgColumnUpper(lp->model, clp_bounds(lp->hi, d->col_hi, d->cols));
    Clp_chgObjCoefficients(lp->model, d->obj);
}

ckp_code ckp_lp_solve(ckp_lp *lp, const ckp_lp_basis *from, double *objective, ckp_error *err)
{
    ckp_lp_data *d = &lp->d;
    *objective = 0;
    push_problem(lp);
    if (from) {
        for (int i = 0; i < from->size; i++)
            lp->status[i] = (unsigned char)from->stat[i];
        Clp_copyinStatus(lp->model, lp->status);
        Clp_dual(lp->model, 0);
    } else {
        /* Large LPs: presolve then primal (zero flow is feasible), which grows slower than
           Clp's default choice (dual): 5.6 s against 11.6 s at 3e4 nodes. Small ones keep
           the default: both are fast, and equal optima would otherwise split served demand
           between end users differently from the outputs users know */
        if (d->rows >= CKP_LP_LARGE_ROWS)
            Clp_initialPrimalSolve(lp->model);
        else
            Clp_initialSolve(lp->model);
    }
    int status = Clp_status(lp->model);
    if (status != 0)
        return ckp_error_set(err, CKP_EINTERNAL, "the LP solver found no optimum (Clp status %d)",
                             status);
    const double *x = Clp_getColSolution(lp->model);
    for (int c = 0; c < d->cols; c++) {
        d->x[c] = x[c];
        *objective += d->obj[c] * x[c];
    }
    if (!ckp_lp_data_holds(d))
        return ckp_error_set(err, CKP_EINTERNAL,
                             "the LP solver's solution breaks a constraint: not reported");
    return CKP_OK;
}

/* Clp's status array: columns then rows. */
ckp_code ckp_lp_basis_save(ckp_lp_basis **out, const ckp_lp *lp, ckp_error *err)
{
    ckp_lp_basis *b;
    ckp_code rc;
    const unsigned char *stat = Clp_statusArray(lp->model);
    *out = NULL;
    if (!stat)
        return ckp_error_set(err, CKP_EINTERNAL, "no basis to save: the LP was not solved");
    if ((rc = ckp_lp_basis_new(&b, lp->d.rows + lp->d.cols, err)))
        return rc;
    for (int i = 0; i < b->size; i++)
        b->stat[i] = stat[i];
    *out = b;
    return CKP_OK;
}

const char *ckp_lp_solver(void)
{
    return "Clp";
}
