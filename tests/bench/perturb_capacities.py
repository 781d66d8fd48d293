#!/usr/bin/env python3
"""Copy a benchmark network's JSON with every node capacity scaled by a random factor.

    perturb_capacities.py IN.json OUT.json [SPREAD [SEED]]

Each node capacity is multiplied by a factor drawn uniformly from [1 - SPREAD, 1 + SPREAD]
(default 0.4, seed 7; Python's own generator, so the same arguments give the same bytes).
The generator (gen.c) makes capacities consistent with the volumes: every node a little above
its throughput, mines and separation the tightest. Scaling them at random breaks that: some
nodes become bottlenecks and others slack, which is what a maximum flow finds hardest (more
excess pushed that cannot reach the sink). docs/performance.md uses it to ask whether the gap
between igraph_maxflow and chokepoint's solver depends on that consistency.

Reads gen.c's layout (one node or edge a line); not a general JSON rewriter.
"""
import random
import re
import sys


def main():
    if len(sys.argv) not in (3, 4, 5):
        sys.exit(__doc__.strip().splitlines()[2].strip())
    src, dst = sys.argv[1], sys.argv[2]
    spread = float(sys.argv[3]) if len(sys.argv) > 3 else 0.4
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    capacity = re.compile(r'"capacity":([0-9.eE+\-]+)')

    def scale(m):
        return '"capacity":%.6g' % (float(m.group(1)) * rng.uniform(1 - spread, 1 + spread))

    with open(src) as f, open(dst, "w") as g:
        for line in f:
            if line.startswith('{"id"'):
                line = capacity.sub(scale, line)
            g.write(line)


if __name__ == "__main__":
    main()
