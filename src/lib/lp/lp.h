/*
 * The library's linear programs, behind one small interface so that another solver can
 * replace the one underneath: COIN-OR Clp (lp_clp.c), chosen by measurement
 * (docs/performance.md, "LP solver"), or GLPK (lp_glpk.c, -DCKP_LP_SOLVER=GLPK). Not public.
 *
 * A problem is built once: rows and columns with bounds, the objective (maximised), a
 * sparse matrix. Then solved, its column bounds changed, and solved again from the basis
 * of an earlier solve (a warm start). The solver's errors come back as CKP_EINTERNAL and
 * its output is off: the library neither prints nor aborts. Every solution is checked
 * against the constraints before it is reported.
 */
#ifndef CKP_LP_H
#define CKP_LP_H

#include "chokepoint/buf.h"
#include "chokepoint/common.h"

typedef struct ckp_lp ckp_lp;

/* From this many rows on, an LP is large: a cold solve is presolve then primal (Clp), and
   flow at risk solves a removal that moves the optimum far cold (bom_solver.c). */
#ifndef CKP_LP_LARGE_ROWS /* tests/CMakeLists.txt sets 0: every LP large */
#define CKP_LP_LARGE_ROWS 50000
#endif
typedef struct ckp_lp_basis ckp_lp_basis;

/* A problem of `rows` rows and `cols` columns, every bound 0 and every coefficient 0. */
ckp_code ckp_lp_new(ckp_lp **out, int rows, int cols, ckp_error *err);
void ckp_lp_free(ckp_lp *lp);

/* Rows and columns are numbered from 0. `lo` may be -INFINITY and `hi` INFINITY. */
void ckp_lp_set_row(ckp_lp *lp, int row, double lo, double hi);
void ckp_lp_set_col(ckp_lp *lp, int col, double lo, double hi);
void ckp_lp_set_obj(ckp_lp *lp, int col, double coef);
double ckp_lp_col_hi(const ckp_lp *lp, int col);

/* The matrix, `n` entries, each (row, col) at most once. */
typedef struct {
    int row, col;
    double val;
} ckp_lp_entry;
ckp_code ckp_lp_load(ckp_lp *lp, int n, const ckp_lp_entry *entries, ckp_error *err);

/*
 * Maximise. `from`: the basis to start from (a warm start: dual simplex, no presolve),
 * NULL for a cold start with the solver's presolver. On success `*objective` is the
 * optimum and the column values stay readable until the next solve.
 */
ckp_code ckp_lp_solve(ckp_lp *lp, const ckp_lp_basis *from, double *objective,
                      ckp_error *err);
double ckp_lp_value(const ckp_lp *lp, int col);

/*
 * Forget what the solver kept from earlier solves, so that the next one depends on the
 * problem and its starting basis alone, as on a fresh copy (deterministic results
 * whichever thread, and after whichever other solve, it runs).
 */
ckp_code ckp_lp_reset(ckp_lp *lp, ckp_error *err);

/* An independent copy of `lp`'s problem (bounds, objective, matrix; not its solution),
   for another thread: one problem must not be solved on two threads at once. */
ckp_code ckp_lp_copy(ckp_lp **out, const ckp_lp *lp, ckp_error *err);
/* Whether copies may be solved on several threads at once (Clp: yes; GLPK: not tried). */
int ckp_lp_parallel(void);

/* The basis of the last solve, to warm-start later solves from. `_free(NULL)` a no-op. */
ckp_code ckp_lp_basis_save(ckp_lp_basis **out, const ckp_lp *lp, ckp_error *err);
void ckp_lp_basis_free(ckp_lp_basis *basis);

/*
 * The problem as text, for other solvers to read (tests/bench/highs_bench.py): a line
 * "lp ROWS COLS ENTRIES", then per column "c LO HI OBJ", per row "r LO HI", per matrix
 * entry "a ROW COL VALUE"; infinite bounds as inf and -inf. Maximised.
 */
void ckp_lp_dump(ckp_buf *out, const ckp_lp *lp);

/* The solver underneath: "Clp" or "GLPK". */
const char *ckp_lp_solver(void);

#endif
