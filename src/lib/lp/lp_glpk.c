/*
 * ckp_lp on GLPK (the second backend: build with -DCKP_LP_SOLVER=GLPK; the tests run the
 * materials analyses on it too, as a cross-check of Clp). GLPK reports misuse by calling
 * its error hook and then aborting the process; the hook here jumps back to the call that
 * entered GLPK instead, which frees GLPK's environment (the documented way back: every
 * GLPK problem of the thread goes with it) and returns CKP_EINTERNAL.
 */
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "lp_internal.h"

struct ckp_lp {
    ckp_lp_data d; /* first: the shared accessors cast to it */
    glp_prob *prob;
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

static ckp_code glpk_failed(ckp_lp *lp, ckp_error *err)
{
    glpk_escape = NULL;
    glp_free_env();
    if (lp)
        lp->prob = NULL; /* freed with the environment */
    return ckp_error_set(err, CKP_EINTERNAL, "the LP solver (GLPK) failed");
}

size_t ckp_lp_backend_size(void)
{
    return sizeof(ckp_lp);
}

ckp_code ckp_lp_backend_init(ckp_lp *lp, ckp_error *err)
{
    jmp_buf jb;
    if (GLPK_GUARD(jb))
        return glpk_failed(lp, err);
    lp->prob = glp_create_prob();
    glp_set_obj_dir(lp->prob, GLP_MAX);
    if (lp->d.rows > 0)
        glp_add_rows(lp->prob, lp->d.rows);
    if (lp->d.cols > 0)
        glp_add_cols(lp->prob, lp->d.cols);
    glpk_unguard();
    return CKP_OK;
}

void ckp_lp_backend_destroy(ckp_lp *lp)
{
    if (lp->prob) {
        jmp_buf jb;
        if (!GLPK_GUARD(jb))
            glp_delete_prob(lp->prob);
        glpk_unguard();
    }
}

/* GLPK's simplex draws no random numbers: a solve depends on the problem and its basis. */
ckp_code ckp_lp_reset(ckp_lp *lp, ckp_error *err)
{
    (void)lp;
    (void)err;
    return CKP_OK;
}

/* GLPK's environment and our error hook's escape are per thread: not tried on several. */
int ckp_lp_parallel(void)
{
    return 0;
}

/* A repeated (row, col) is left for GLPK to refuse: the error hook's way back is tested. */
ckp_code ckp_lp_load(ckp_lp *lp, int n, const ckp_lp_entry *entries, ckp_error *err)
{
    ckp_code rc;
    jmp_buf jb;
    int dup;
    int *ia = malloc(((size_t)n + 1) * sizeof *ia), *ja = malloc(((size_t)n + 1) * sizeof *ja);
    double *ar = malloc(((size_t)n + 1) * sizeof *ar);
    if (!ia || !ja || !ar) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "out of memory");
        goto done;
    }
    if ((rc = ckp_lp_data_load(&lp->d, n, entries, &dup, err)))
        goto done;
    for (int k = 0; k < n; k++) {
        ia[k + 1] = entries[k].row + 1;
        ja[k + 1] = entries[k].col + 1;
        ar[k + 1] = entries[k].val;
    }
    if (!lp->prob) {
        rc = ckp_error_set(err, CKP_EINTERNAL, "the LP solver failed earlier");
        goto done;
    }
    if (GLPK_GUARD(jb)) {
        rc = glpk_failed(lp, err);
        goto done;
    }
    glp_load_matrix(lp->prob, n, ia, ja, ar);
    glpk_unguard();
done:
    free(ia);
    free(ja);
    free(ar);
    return rc;
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

static void push_problem(ckp_lp *lp)
{
    const ckp_lp_data *d = &lp->d;
    for (int r = 0; r < d->rows; r++)
        glp_set_row_bnds(lp->prob, r + 1, bound_type(d->row_lo[r], d->row_hi[r]),
                         isinf(d->row_lo[r]) ? 0 : d->row_lo[r],
                         isinf(d->row_hi[r]) ? 0 : d->row_hi[r]);
    for (int c = 0; c < d->cols; c++) {
        glp_set_col_bnds(lp->prob, c + 1, bound_type(d->col_lo[c], d->col_hi[c]),
                         isinf(d->col_lo[c]) ? 0 : d->col_lo[c],
                         isinf(d->col_hi[c]) ? 0 : d->col_hi[c]);
        glp_set_obj_coef(lp->prob, c + 1, d->obj[c]);
    }
}

ckp_code ckp_lp_solve(ckp_lp *lp, const ckp_lp_basis *from, double *objective, ckp_error *err)
{
    jmp_buf jb;
    int ret, status;
    *objective = 0;
    if (!lp->prob)
        return ckp_error_set(err, CKP_EINTERNAL, "the LP solver failed earlier");
    if (GLPK_GUARD(jb))
        return glpk_failed(lp, err);
    push_problem(lp);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    if (from) {
        for (int r = 0; r < lp->d.rows; r++)
            glp_set_row_stat(lp->prob, r + 1, from->stat[r]);
        for (int c = 0; c < lp->d.cols; c++)
            glp_set_col_stat(lp->prob, c + 1, from->stat[lp->d.rows + c]);
    } else {
        parm.presolve = GLP_ON;
    }
    ret = glp_simplex(lp->prob, &parm);
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
        /* a basis that cannot be factorised: start from the standard one */
        glp_std_basis(lp->prob);
        ret = glp_simplex(lp->prob, &parm);
    }
    status = glp_get_status(lp->prob);
    if (ret == 0 && status == GLP_OPT) {
        *objective = glp_get_obj_val(lp->prob);
        for (int c = 0; c < lp->d.cols; c++)
            lp->d.x[c] = glp_get_col_prim(lp->prob, c + 1);
    }
    glpk_unguard();
    if (ret != 0 || status != GLP_OPT)
        return ckp_error_set(err, CKP_EINTERNAL,
                             "the LP solver found no optimum (GLPK code %d, status %d)", ret,
                             status);
    if (!ckp_lp_data_holds(&lp->d))
        return ckp_error_set(err, CKP_EINTERNAL,
                             "the LP solver's solution breaks a constraint: not reported");
    return CKP_OK;
}

/* GLPK's statuses (GLP_BS, GLP_NL, ...), rows then columns. */
ckp_code ckp_lp_basis_save(ckp_lp_basis **out, const ckp_lp *lp, ckp_error *err)
{
    jmp_buf jb;
    const ckp_lp_data *d = &lp->d;
    ckp_lp_basis *b;
    ckp_code rc;
    *out = NULL;
    if (!lp->prob)
        return ckp_error_set(err, CKP_EINTERNAL, "the LP solver failed earlier");
    if ((rc = ckp_lp_basis_new(&b, d->rows + d->cols, err)))
        return rc;
    if (GLPK_GUARD(jb)) {
        ckp_lp_basis_free(b);
        return glpk_failed((ckp_lp *)lp, err);
    }
    for (int r = 0; r < d->rows; r++)
        b->stat[r] = glp_get_row_stat(lp->prob, r + 1);
    for (int c = 0; c < d->cols; c++)
        b->stat[d->rows + c] = glp_get_col_stat(lp->prob, c + 1);
    glpk_unguard();
    *out = b;
    return CKP_OK;
}

const char *ckp_lp_solver(void)
{
    return "GLPK";
}
