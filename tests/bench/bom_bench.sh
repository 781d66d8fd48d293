#!/bin/sh
# Build tests/bench/bom_bench.c against build/libchokepoint.a (it uses private headers) into
# build/bench/bom_bench, then run it with the arguments given:
#   tests/bench/bom_bench.sh 10000            served, SPOFs, flow at risk of every country
#   tests/bench/bom_bench.sh 2000 DIR         per-node flow at risk, the LP written to DIR
#   tests/bench/bom_bench.sh --single 0.05 N  5% of the nodes single-sourced (SPOFs to find)
# BUILD=dir for another build tree.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$root/build}
mkdir -p "$build/bench"
inc=
for d in "$root"/src/lib/*/; do inc="$inc -I$d"; done
# shellcheck disable=SC2046,SC2086
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$build/include" $inc \
    $(pkg-config --cflags igraph) -o "$build/bench/bom_bench" "$root/tests/bench/bom_bench.c" \
    "$build/libchokepoint.a" $(pkg-config --libs igraph libcgraph libgvc libcjson cairo clp) \
    -lglpk -lpthread -lm
exec "$build/bench/bom_bench" "$@"
