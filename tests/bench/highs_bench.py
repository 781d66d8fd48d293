#!/usr/bin/python3
"""Per-node flow at risk by cold HiGHS solves of the LPs chokepoint warm-starts (not ctest).

Reads DIR/lp.txt (the served-demand LP as ckp_lp_dump writes it) and DIR/losses.txt (the
baseline, chokepoint's time, and per country, then per busy node, its loss and throughput
columns) written by `tests/bench/bom_bench.sh 2000 DIR`; for each set, holds those columns
at 0 and solves the LP from nothing with scipy.optimize.linprog(method="highs") (Debian
python3-scipy); checks each loss against chokepoint's and prints both times per node, wall
and CPU. LIMIT: solve only the first LIMIT nodes (the countries are always checked).

    tests/bench/bom_bench.sh 2000 /tmp/lp2k
    /usr/bin/python3 tests/bench/highs_bench.py /tmp/lp2k [LIMIT]
"""
import sys
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def read_lp(path):
    with open(path) as f:
        _, rows, cols, nnz = f.readline().split()
        rows, cols, nnz = int(rows), int(cols), int(nnz)
        col = np.array([f.readline().split()[1:] for _ in range(cols)], dtype=float)
        row = np.array([f.readline().split()[1:] for _ in range(rows)], dtype=float)
        ent = np.array([f.readline().split()[1:] for _ in range(nnz)], dtype=float)
    a = csr_matrix((ent[:, 2], (ent[:, 0].astype(int), ent[:, 1].astype(int))),
                   shape=(rows, cols))
    return col, row, a


def main():
    d = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    col, row, a = read_lp(d + "/lp.txt")
    sets = []
    with open(d + "/losses.txt") as f:
        for line in f:
            w = line.split()
            if w[0] == "baseline":
                baseline = float(w[1])
            elif w[0] == "warm_seconds":
                warm, warm_cpu = float(w[1]), float(w[2])
            else:
                sets.append((w[1], float(w[2]), [int(x) for x in w[3:]]))
    countries, nodes = sets[:10], sets[10:]
    eq = row[:, 0] == row[:, 1]
    ub = ~eq & np.isfinite(row[:, 1])
    lb = ~eq & np.isfinite(row[:, 0])
    a_eq, b_eq = a[eq], row[eq, 0]
    from scipy.sparse import vstack
    a_ub = vstack([a[ub], -a[lb]]).tocsr()
    b_ub = np.concatenate([row[ub, 1], -row[lb, 0]])
    c = -col[:, 2]
    bounds = [(lo if np.isfinite(lo) else None, hi if np.isfinite(hi) else None)
              for lo, hi in col[:, :2]]

    def solve(b):
        r = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=b, method="highs")
        if r.status != 0:
            raise SystemExit("highs: " + r.message)
        return -r.fun

    z = solve(bounds)
    print("LP: %d rows, %d columns, %d entries; baseline HiGHS %.6f, chokepoint %.6f"
          % (row.shape[0], col.shape[0], a.nnz, z, baseline))
    worst = 0.0

    def check(todo):
        nonlocal worst
        for name, loss, cols in todo:
            b = list(bounds)
            for x in cols:
                b[x] = (0, 0)
            got = z - solve(b)
            worst = max(worst, abs(max(got, 0) - loss) / (1 + abs(baseline)))

    check(countries)
    print("countries: %s" % " ".join("%s %.1f" % (name, loss) for name, loss, _ in countries))
    todo = nodes[:limit] if limit is not None else nodes
    w0, c0 = time.perf_counter(), time.process_time()
    check(todo)
    w1, c1 = time.perf_counter(), time.process_time()
    k = len(todo)
    if not nodes:
        print("worst loss difference, relative to the baseline: %.2e" % worst)
        return
    print("HiGHS cold: %d of %d node solves in %.3f s wall, %.3f s CPU (%.2f ms CPU each)"
          % (k, len(nodes), w1 - w0, c1 - c0, 1000 * (c1 - c0) / max(k, 1)))
    print("chokepoint warm: %d node solves in %.3f s wall, %.3f s CPU (%.2f ms CPU each, "
          "baseline included)" % (len(nodes), warm, warm_cpu, 1000 * warm_cpu / len(nodes)))
    print("ratio of CPU per solve, HiGHS cold / chokepoint warm: %.1f"
          % (((c1 - c0) / max(k, 1)) / (warm_cpu / len(nodes))))
    print("worst loss difference, relative to the baseline: %.2e" % worst)
    if worst > 1e-6:
        raise SystemExit("the losses differ")


main()
