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
packages="gcc make cmake pkg-config libigraph-dev libgraphviz-dev libcjson-dev libcairo2-dev libxml2-dev libxlsxwriter-dev coinor-libclp-dev libglpk-dev fonts-dejavu-core"
# Test only: headless Chromium opens the report page (tests/report/chromium-check); clang
# and its runtime libraries build the libFuzzer targets (tests/fuzz, docs/hardening.md); g++
# builds the C++ program tests/install/consumers compiles against an installed chokepoint;
# NetworkX reads back the GraphML and GEXF that convert writes, man-db checks the man pages
# and zsh runs the zsh completion (tests/interchange).
if [ "$mode" = test ]; then
    packages="$packages chromium clang libclang-rt-14-dev g++ python3-networkx man-db zsh"
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
    # Three runs (docs/hardening.md): the suite in the normal build, the suite again with
    # ASan and UBSan, each fuzz target briefly. The last line sums them up.
    root=$(pwd)
    passed=0 failed=0
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT
    # count a ctest run from its summary ("97% tests passed, 3 tests failed out of 123")
    tally() {
        summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1)
        if [ -z "$summary" ]; then
            failed=$((failed + 1))
            return
        fi
        total=$(echo "$summary" | sed -E 's/.* out of ([0-9]+).*/\1/')
        bad=$(echo "$summary" | sed -E 's/.* ([0-9]+) tests? failed.*/\1/')
        passed=$((passed + total - bad))
        failed=$((failed + bad))
    }
    (cd build && ctest --output-on-failure -j "$(nproc)") 2>&1 | tee "$log"
    tally

    echo "== the test suite under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan)"
    if cmake -S . -B build-asan -DCKP_SANITIZE=ON -DCKP_WERROR=ON >/dev/null &&
        cmake --build build-asan -j "$(nproc)" >/dev/null; then
        (cd build-asan &&
            ASAN_OPTIONS=detect_leaks=1 \
            LSAN_OPTIONS=suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            ctest --output-on-failure -j "$(nproc)") 2>&1 | tee "$log"
        tally
    else
        echo "build-asan: the build failed"
        failed=$((failed + 1))
    fi

    if command -v clang >/dev/null; then
        echo "== the fuzz targets, briefly (build-fuzz)"
        if CC=clang cmake -S . -B build-fuzz -DCKP_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null &&
            cmake --build build-fuzz -j "$(nproc)" --target fuzzers >/dev/null; then
            tests/fuzz/ci build-fuzz 2>&1 | tee "$log"
            passed=$((passed + $(grep -c '^fuzz/.*: ok' "$log" || true)))
            failed=$((failed + $(grep -c '^fuzz/.*: FAILED' "$log" || true)))
        else
            echo "build-fuzz: the build failed"
            failed=$((failed + 1))
        fi
    else
        echo "== no clang: the fuzz targets are not built"
    fi
    echo "$passed passed, $failed failed"
    if [ "$failed" = 0 ]; then
        exit 0
    fi
    exit 1
fi
./build/chokepoint check networks/rare-earths-japan.json
exec ./build/chokepoint analyze networks/rare-earths-japan.json
