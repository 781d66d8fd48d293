#!/bin/sh
# chokepoint quick start, for a fresh Debian 12 machine, as root. Idempotent.
#   sh scripts/quickstart.sh        install what is missing, build, analyse the flagship network
#   sh scripts/quickstart.sh test   install what is missing, build, run the whole test suite
set -eu
cd "$(dirname "$0")/.."

mode=${1:-demo}
case $mode in
demo | test) ;;
*)
    echo "usage: sh scripts/quickstart.sh [demo|test]" >&2
    exit 2
    ;;
esac

# Build and run dependencies, all from Debian 12's own archive.
packages="gcc make cmake pkg-config libigraph-dev libgraphviz-dev libcjson-dev libcairo2-dev fonts-dejavu-core"
# Test only: headless Chromium opens the report page (tests/report/chromium-check).
if [ "$mode" = test ]; then
    packages="$packages chromium"
fi
missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -n "$missing" ]; then
    echo "quickstart: installing$missing" >&2
    if [ "$(id -u)" != 0 ]; then
        echo "quickstart: run as root to install packages" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq $missing >/dev/null
fi

# The CI build treats warnings as errors; so does this one.
cmake -S . -B build -DCKP_WERROR=ON >/dev/null
cmake --build build -j "$(nproc)" >/dev/null

if [ "$mode" = test ]; then
    cd build
    exec ctest --output-on-failure -j "$(nproc)"
fi
./build/chokepoint check networks/rare-earths-japan.json
exec ./build/chokepoint analyze networks/rare-earths-japan.json
