/*
 * ckp_lp on GLPK. GLPK reports misuse by calling its error hook and then aborting the
 * process; the hook here jumps back to the solve that called GLPK instead, which frees
 * GLPK's environment (the documented way back) and returns CKP_EINTERNAL.
 */
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "lp.h"

struct ckp_lp {
    glp_prob *prob;
    int rows, cols;
    double *row_lo, *row_hi, *col_lo, *col_hi;
    /* the matrix by rows (CSR), kept to check solutions */
    int *row_start, *entry_col;
    double *entry_val;
    double *x;     /* the last solution's columns */
};

struct ckp_lp_basis {
    int rows, cols;
    int *stat; /* rows then columns, GLPK's GLP_BS, GLP_NL, ... */
};

static _Thread_local jmp_buf *glpk_escape;

static void on_glpk_error(void *info)
{
    (void)info;
    if (glpk_escape)
        longjmp(*glpk_escape, 1);
}

static int on_glpk_output(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1; /* handled: nothing reaches the terminal */
}

/* Every GLPK call goes between these two. */
#define GLPK_GUARD(jb)                                                                     \
    (glp_term_hook(on_glpk_output, NULL), glp_term_out(GLP_OFF),                           \
     glp_error_hook(on_glpk_error, NULL), glpk_escape = &(jb), setjmp(jb))

static void glpk_unguard(void)
{
    glpk_escape = NULL;
    glp_error_hook(NULL, NULL);
}

/* After an error GLPK's state is undefined: everything it allocated goes. */
static ckp_code glpk_failed(ckp_lp *lp, ckp_error *err)
{
    glpk_escape = NULL;
    glp_free_env();
    if (lp)
        lp->prob = NULL; /* freed with the environment */
    return ckp_error_set(err, CKP_EINTERNAL, "the LP solver (GLPK) failed");
}

/* GLPK's half of ckp_lp_new: -1 when GLPK failed. */
static int glpk_create(ckp_lp *lp)
{
    jmp_buf jb;
    if (GLPK_GUARD(jb))
        return -1;
    lp->prob = glp_create_prob();
    glp_set_obj_dir(lp->prob, GLP_MAX);
    if (lp->rows > 0)
        glp_add_rows(lp->prob, lp->rows);
    if (lp->cols > 0)
        glp_add_cols(lp->prob, lp->cols);
    glpk_unguard();
    return 0;
}

ckp_code ckp_lp_new(ckp_lp **out, int rows, int cols, ckp_error *err)
{
    ckp_code rc = CKP_OK;
    ckp_lp *lp = calloc(1, sizeof *lp);
    *out = NULL;
    if (!lp)
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    lp->rows = rows;
    lp->cols = cols;
    lp->row_lo = calloc((size_t)rows + 1, sizeof *lp->row_lo);
    lp->row_hi = calloc((size_t)rows + 1, sizeof *lp->row_hi);
    lp->col_lo = calloc((size_t)cols + 1, sizeof *lp->col_lo);
    lp->col_hi = calloc((size_t)cols + 1, sizeof *lp->col_hi);
    lp->x = calloc((size_t)cols + 1, sizeof *lp->x);
    lp->row_start = calloc((size_t)rows + 1, sizeof *lp->row_start);
    if (!lp->row_lo || !lp->row_hi || !lp->col_lo || !lp->col_hi || !lp->x ||
        !lp->row_start) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if (glpk_create(lp)) {
        rc = glpk_failed(lp, err);
        goto done;
    }
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
    if (lp->prob) {
        jmp_buf jb;
        if (!GLPK_GUARD(jb))
            glp_delete_prob(lp->prob);
        glpk_unguard();
    }
    free(lp->row_lo);
    free(lp->row_hi);
    free(lp->col_lo);
    free(lp->col_hi);
    free(lp->x);
    free(lp->row_start);
    free(lp->entry_col);
    free(lp->entry_val);
    free(lp);
}

static int bound_type(double lo, double hi)
{
    if (isinf(lo) && isinf(hi))
        return GLP_FR;
    if (isinf(hi))
        return GLP_LO;
    if (isinf(lo))
        return GLP_UP;
    return lo == hi ? GLP_FX : GLP_DB;
}

/* Bounds are kept here and handed to GLPK at the solve (a bad one cannot abort here). */
void ckp_lp_set_row(ckp_lp *lp, int row, double lo, double hi)
{
    lp->row_lo[row] = lo;
    lp->row_hi[row] = hi;
}

void ckp_lp_set_col(ckp_lp *lp, int col, double lo, double hi)
{
    lp->col_lo[col] = lo;
    lp->col_hi[col] = hi;
}

double ckp_lp_col_hi(const ckp_lp *lp, int col)
{
    return lp->col_hi[col];
}

void ckp_lp_set_obj(ckp_lp *lp, int col, double coef)
{
    jmp_buf jb;
    if (lp->prob && !GLPK_GUARD(jb))
        glp_set_obj_coef(lp->prob, col + 1, coef);
    glpk_unguard();
}

ckp_code ckp_lp_load(ckp_lp *lp, int n, const int *rows, const int *cols, const double *vals,
                     ckp_error *err)
{
    ckp_code rc = CKP_OK;
    jmp_buf jb;
    int *ia = malloc(((size_t)n + 1) * sizeof *ia), *ja = malloc(((size_t)n + 1) * sizeof *ja);
    double *ar = malloc(((size_t)n + 1) * sizeof *ar);
    int *fill = malloc(((size_t)lp->rows + 1) * sizeof *fill);
    free(lp->entry_col);
    free(lp->entry_val);
    lp->entry_col = malloc(((size_t)n + 1) * sizeof *lp->entry_col);
    lp->entry_val = malloc(((size_t)n + 1) * sizeof *lp->entry_val);
    if (!ia || !ja || !ar || !fill || !lp->entry_col || !lp->entry_val) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    memset(lp->row_start, 0, ((size_t)lp->rows + 1) * sizeof *lp->row_start);
    for (int k = 0; k < n; k++) {
        if (rows[k] < 0 || rows[k] >= lp->rows || cols[k] < 0 || cols[k] >= lp->cols) {
            rc = ckp_error_set(err, CKP_EINTERNAL, "LP entry %d out of range", k);
            goto done;
        }
        lp->row_start[rows[k] + 1]++;
        ia[k + 1] = rows[k] + 1;
        ja[k + 1] = cols[k] + 1;
        ar[k + 1] = vals[k];
    }
    for (int r = 0; r < lp->rows; r++)
        lp->row_start[r + 1] += lp->row_start[r];
    memcpy(fill, lp->row_start, (size_t)lp->rows * sizeof *fill);
    for (int k = 0; k < n; k++) {
        int p = fill[rows[k]]++;
        lp->entry_col[p] = cols[k];
        lp->entry_val[p] = vals[k];
    }
    if (GLPK_GUARD(jb)) { /* a repeated (row, col) lands here */
        rc = glpk_failed(lp, err);
        goto done;
    }
    glp_load_matrix(lp->prob, n, ia, ja, ar);
    glpk_unguard();
done:
    free(ia);
    free(ja);
    free(ar);
    free(fill);
    return rc;
}

/*
 * The solution against every row and column bound, with a tolerance relative to the
 * solution's size (the total flow): a solver's rounding is accepted, a wrong answer not.
 */
static int solution_holds(const ckp_lp *lp)
{
    double total = 1;
    for (int c = 0; c < lp->cols; c++)
        total += fabs(lp->x[c]);
    double tol = 1e-9 * total;
    for (int c = 0; c < lp->cols; c++)
        if (!(lp->x[c] >= lp->col_lo[c] - tol && lp->x[c] <= lp->col_hi[c] + tol))
            return 0;
    for (int r = 0; r < lp->rows; r++) {
        double ax = 0;
        for (int p = lp->row_start[r]; p < lp->row_start[r + 1]; p++)
            ax += lp->entry_val[p] * lp->x[lp->entry_col[p]];
        if (!(ax >= lp->row_lo[r] - tol && ax <= lp->row_hi[r] + tol))
            return 0;
    }
    return 1;
}

static void push_bounds(ckp_lp *lp)
{
    for (int r = 0; r < lp->rows; r++)
        glp_set_row_bnds(lp->prob, r + 1, bound_type(lp->row_lo[r], lp->row_hi[r]),
                         isinf(lp->row_lo[r]) ? 0 : lp->row_lo[r],
                         isinf(lp->row_hi[r]) ? 0 : lp->row_hi[r]);
    for (int c = 0; c < lp->cols; c++)
        glp_set_col_bnds(lp->prob, c + 1, bound_type(lp->col_lo[c], lp->col_hi[c]),
                         isinf(lp->col_lo[c]) ? 0 : lp->col_lo[c],
                         isinf(lp->col_hi[c]) ? 0 : lp->col_hi[c]);
}

ckp_code ckp_lp_solve(ckp_lp *lp, const ckp_lp_basis *from, int exact, double *objective,
                      ckp_error *err)
{
    jmp_buf jb;
    int ret, status;
    *objective = 0;
    if (!lp->prob)
        return ckp_error_set(err, CKP_EINTERNAL, "the LP solver failed earlier");
    if (GLPK_GUARD(jb))
        return glpk_failed(lp, err);
    push_bounds(lp);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    if (from) {
        for (int r = 0; r < lp->rows; r++)
            glp_set_row_stat(lp->prob, r + 1, from->stat[r]);
        for (int c = 0; c < lp->cols; c++)
            glp_set_col_stat(lp->prob, c + 1, from->stat[lp->rows + c]);
    } else if (!exact) {
        parm.presolve = GLP_ON;
    } else {
        glp_std_basis(lp->prob);
    }
    ret = exact ? glp_exact(lp->prob, &parm) : glp_simplex(lp->prob, &parm);
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
        /* a stale basis that cannot be factorised: start from the standard one */
        glp_std_basis(lp->prob);
        ret = glp_simplex(lp->prob, &parm);
    }
    status = glp_get_status(lp->prob);
    if (ret == 0 && status == GLP_OPT) {
        *objective = glp_get_obj_val(lp->prob);
        for (int c = 0; c < lp->cols; c++)
            lp->x[c] = glp_get_col_prim(lp->prob, c + 1);
    }
    glpk_unguard();
    if (ret != 0 || status != GLP_OPT)
        return ckp_error_set(err, CKP_EINTERNAL,
                             "the LP solver found no optimum (GLPK code %d, status %d)", ret,
                             status);
    if (!solution_holds(lp))
        return ckp_error_set(err, CKP_EINTERNAL,
                             "the LP solver's solution breaks a constraint: not reported");
    return CKP_OK;
}

double ckp_lp_value(const ckp_lp *lp, int col)
{
    return lp->x[col];
}

ckp_code ckp_lp_basis_save(ckp_lp_basis **out, const ckp_lp *lp, ckp_error *err)
{
    jmp_buf jb;
    ckp_lp_basis *b = calloc(1, sizeof *b);
    *out = NULL;
    if (b)
        b->stat = malloc(((size_t)lp->rows + (size_t)lp->cols + 1) * sizeof *b->stat);
    if (!b || !b->stat) {
        ckp_lp_basis_free(b);
        return ckp_error_set(err, CKP_EINTERNAL, "out of memory");
    }
    if (!lp->prob || GLPK_GUARD(jb)) {
        ckp_lp_basis_free(b);
        return lp->prob ? glpk_failed((ckp_lp *)lp, err)
                        : ckp_error_set(err, CKP_EINTERNAL, "the LP solver failed earlier");
    }
    b->rows = lp->rows;
    b->cols = lp->cols;
    for (int r = 0; r < lp->rows; r++)
        b->stat[r] = glp_get_row_stat(lp->prob, r + 1);
    for (int c = 0; c < lp->cols; c++)
        b->stat[lp->rows + c] = glp_get_col_stat(lp->prob, c + 1);
    glpk_unguard();
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
