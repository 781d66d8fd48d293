/* The LP module (src/lib/lp): a problem worked by hand, a warm start, GLPK's errors. */
#include <stdlib.h>

#include "lp.h"
#include "test.h"

/*
 * max x + y  s.t.  x + 2y <= 4,  3x + y <= 6,  0 <= x, y.
 * The two rows meet at x = 8/5, y = 6/5: objective 14/5. With x <= 1 the optimum moves to
 * x = 1, y = 3/2 (the first row binds): 5/2.
 */
static ckp_lp *two_rows(void)
{
    ckp_error err;
    ckp_lp *lp = NULL;
    static const ckp_lp_entry entries[] = {{0, 0, 1}, {0, 1, 2}, {1, 0, 3}, {1, 1, 1}};
    CHECK(ckp_lp_new(&lp, 2, 2, &err) == CKP_OK);
    ckp_lp_set_row(lp, 0, -INFINITY, 4);
    ckp_lp_set_row(lp, 1, -INFINITY, 6);
    for (int c = 0; c < 2; c++) {
        ckp_lp_set_col(lp, c, 0, INFINITY);
        ckp_lp_set_obj(lp, c, 1);
    }
    CHECK(ckp_lp_load(lp, 4, entries, &err) == CKP_OK);
    return lp;
}

static void test_solve_and_warm_start(void)
{
    ckp_error err;
    double z = 0;
    ckp_lp *lp = two_rows();
    ckp_lp_basis *basis = NULL;
    CHECK(ckp_lp_solve(lp, NULL, &z, &err) == CKP_OK);
    CHECK_NEAR(z, 2.8, 1e-12);
    CHECK_NEAR(ckp_lp_value(lp, 0), 1.6, 1e-12);
    CHECK_NEAR(ckp_lp_value(lp, 1), 1.2, 1e-12);
    CHECK(ckp_lp_basis_save(&basis, lp, &err) == CKP_OK);
    ckp_lp_set_col(lp, 0, 0, 1);
    CHECK(ckp_lp_solve(lp, basis, &z, &err) == CKP_OK);
    CHECK_NEAR(z, 2.5, 1e-12);
    CHECK_NEAR(ckp_lp_value(lp, 1), 1.5, 1e-12);
    /* back to the first problem from the same basis: the first optimum again */
    ckp_lp_set_col(lp, 0, 0, INFINITY);
    CHECK(ckp_lp_solve(lp, basis, &z, &err) == CKP_OK);
    CHECK_NEAR(z, 2.8, 1e-12);
    ckp_lp_basis_free(basis);
    ckp_lp_free(lp);
}

/*
 * A repeated (row, col): GLPK calls its error hook (which must come back here, not abort),
 * Clp is stopped before it; an error either way, and the solver works afterwards.
 */
static void test_solver_error_returns(void)
{
    ckp_error err;
    ckp_lp *lp = NULL;
    static const ckp_lp_entry entries[] = {{0, 1, 1}, {0, 1, 2}};
    CHECK(ckp_lp_new(&lp, 1, 2, &err) == CKP_OK);
    CHECK(ckp_lp_load(lp, 2, entries, &err) == CKP_EINTERNAL);
    double z;
    if (!strcmp(ckp_lp_solver(), "GLPK")) {
        CHECK_STR(err.message, "the LP solver (GLPK) failed");
        /* GLPK's environment went with the error: this problem is gone too */
        CHECK(ckp_lp_solve(lp, NULL, &z, &err) == CKP_EINTERNAL);
    } else {
        CHECK_STR(ckp_lp_solver(), "Clp");
        CHECK_STR(err.message, "the LP solver (Clp) failed: an entry repeated");
    }
    ckp_lp_free(lp);
    /* the solver works again afterwards */
    lp = two_rows();
    CHECK(ckp_lp_solve(lp, NULL, &z, &err) == CKP_OK);
    CHECK_NEAR(z, 2.8, 1e-12);
    ckp_lp_free(lp);
    ckp_lp_free(NULL);
}

/* Unbounded: no optimum, an error rather than a figure. */
static void test_unbounded(void)
{
    ckp_error err;
    ckp_lp *lp = NULL;
    double z;
    CHECK(ckp_lp_new(&lp, 0, 1, &err) == CKP_OK);
    ckp_lp_set_col(lp, 0, 0, INFINITY);
    ckp_lp_set_obj(lp, 0, 1);
    CHECK(ckp_lp_load(lp, 0, NULL, &err) == CKP_OK);
    CHECK(ckp_lp_solve(lp, NULL, &z, &err) == CKP_EINTERNAL);
    ckp_lp_free(lp);
}

int main(void)
{
    test_solve_and_warm_start();
    test_solver_error_returns();
    test_unbounded();
    return test_report("test_lp");
}
