#!/bin/sh
# tests/run.sh — runs every test of `make test` and ends with the line "N passed, N failed".
# Unit and conformance programs (cmocka, TAP output), each libFuzzer target briefly over its
# corpus, the HTTP tests against the real nginx and FastCGI programs, the browser tests.
# Every test prints TAP lines; this script counts "ok" and "not ok". A program that dies
# without reporting counts as one failure. Set TESTS=pattern to run a subset.
set -u
BUILD=${BUILD:-build}
FUZZ_TIME=${FUZZ_TIME:-10}
ROOT=$(pwd)
ART=$ROOT/tests/artifacts
mkdir -p "$ART"
passed=0
failed=0
export CMOCKA_MESSAGE_OUTPUT=TAP
export OCOP_SHARED=${OCOP_SHARED:-$ROOT/../shared}

# run_tap NAME CMD…: runs CMD, echoes its TAP, adds its counts.
run_tap() {
    name=$1; shift
    case "$name" in *${TESTS:-}*) ;; *) return ;; esac
    out=$(mktemp)
    "$@" >"$out" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$out")
    f=$(grep -c '^not ok ' "$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - $name exited with status $rc"
    fi
    if [ "$f" -gt 0 ] || [ "${VERBOSE:-}" ]; then
        sed "s/^/    /" "$out"
    fi
    echo "# $name: $p passed, $f failed"
    passed=$((passed + p))
    failed=$((failed + f))
    rm -f "$out"
}

for t in "$BUILD"/tests/unit/test_* "$BUILD"/tests/conformance/test_*; do
    [ -x "$t" ] || continue
    run_tap "${t#"$BUILD"/tests/}" "$t"
done

fuzz_one() {
    n=$(basename "$1")
    mkdir -p "build/fuzz/new-$n"
    if "$1" -max_total_time="$FUZZ_TIME" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$ART/" "build/fuzz/new-$n" "tests/fuzz/corpus/$n" >"$ART/$n.log" 2>&1; then
        echo "ok - $n ran ${FUZZ_TIME}s over its corpus without a crash"
    else
        echo "not ok - $n crashed (see tests/artifacts/$n.log)"
        tail -30 "$ART/$n.log"
    fi
}
for f in build/fuzz/fuzz_*; do
    [ -x "$f" ] || continue
    run_tap "fuzz/$(basename "$f")" fuzz_one "$f"
done

for t in tests/http/*.t; do
    [ -f "$t" ] || continue
    run_tap "http/$(basename "$t")" bash "$t"
done

if [ -z "${NO_BROWSER:-}" ]; then
    for t in tests/browser/*.test.mjs; do
        [ -f "$t" ] || continue
        run_tap "browser/$(basename "$t")" bash tests/browser/run.sh "$t"
    done
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
