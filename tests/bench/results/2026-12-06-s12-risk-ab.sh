#!/bin/sh
# A/B of `analyze --format json` on deep 1e6 from CSV, one thread (session 12, risk):
# for each binary given, its user/sys CPU, wall and peak (stderr) and the sha256 of its
# output (stdout), which must be the same for every binary.
#   tests/bench/results/2026-12-06-s12-risk-ab.sh /work/main/build/chokepoint build/chokepoint
D=${CKP_BENCH_NET:-/work/bench9/net-deep-1e6-s1-2084b91b}
T=$(awk 'NR > 1 {print $1}' "$D/gen.txt" | paste -sd, -)
for BIN in "$@"; do
    uptime
    /usr/bin/time -f "$BIN %U user %S sys %e wall %M KB" "$BIN" analyze --quiet --threads 1 \
        --format json --tiers "$T" "$D/nodes.csv" "$D/edges.csv" | sha256sum
done
