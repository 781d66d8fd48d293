#!/usr/bin/env python3
"""Copy a benchmark network with every node capacity scaled by a random factor.

    perturb_capacities.py IN_DIR OUT_DIR [SPREAD [SEED]]

IN_DIR is one of the benchmark's cached networks (build/bench/net-SIZE-sSEED-KEY, as gen.c
writes them: network.json, nodes.csv, edges.csv); OUT_DIR gets the same three files. Each node
capacity is multiplied by a factor drawn uniformly from [1 - SPREAD, 1 + SPREAD] (default 0.4,
seed 7; Python's own generator, so the same arguments give the same bytes). The JSON and the
CSV get the same factors, node by node, so either loader sees the same network.

The generator makes capacities consistent with the volumes: every node a little above its
throughput, mines and separation the tightest. Scaling them at random breaks that: some nodes
become bottlenecks and others slack, and more of the supply pushed into the network cannot
reach the sink. docs/performance.md uses it to ask whether the gap between igraph_maxflow and
chokepoint's solver depends on that consistency.

Reads gen.c's layout (one node or edge a line, capacity the sixth CSV column); not a general
rewriter.
"""
import os
import random
import re
import shutil
import sys


def main():
    if len(sys.argv) not in (3, 4, 5):
        sys.exit("usage: perturb_capacities.py IN_DIR OUT_DIR [SPREAD [SEED]]")
    src, dst = sys.argv[1], sys.argv[2]
    spread = float(sys.argv[3]) if len(sys.argv) > 3 else 0.4
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    os.makedirs(dst, exist_ok=True)

    def factors():
        rng = random.Random(seed)
        while True:
            yield rng.uniform(1 - spread, 1 + spread)

    json_factor = factors()
    capacity = re.compile(r'"capacity":([0-9.eE+\-]+)')
    with open(os.path.join(src, "network.json")) as f, \
            open(os.path.join(dst, "network.json"), "w") as g:
        for line in f:
            if line.startswith('{"id"'):
                line = capacity.sub(
                    lambda m: '"capacity":%.6g' % (float(m.group(1)) * next(json_factor)), line)
            g.write(line)

    # gen.c quotes no field of nodes.csv that holds a comma before the capacity column
    csv_factor = factors()
    with open(os.path.join(src, "nodes.csv")) as f, \
            open(os.path.join(dst, "nodes.csv"), "w") as g:
        g.write(f.readline())
        for line in f:
            cols = line.split(",")
            if cols[5]:
                cols[5] = "%.6g" % (float(cols[5]) * next(csv_factor))
            g.write(",".join(cols))

    shutil.copyfile(os.path.join(src, "edges.csv"), os.path.join(dst, "edges.csv"))


if __name__ == "__main__":
    main()
