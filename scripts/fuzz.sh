#!/usr/bin/env bash
# Runs a coverage-guided fuzz target (libFuzzer, with AddressSanitizer)
# against vi3nr's own code for a given number of seconds.
#
#   scripts/fuzz.sh [seconds] [target] [extra libFuzzer options...]
#
#   seconds  how long to fuzz (default 60)
#   target   FuzzExpression (default): parser, printer, simplifier,
#            derivative, constant folding, compiler and block kernels;
#            FuzzDataFile: the input-gain data-file reader
#
# The fuzz targets live in their own package (Fuzz/), which depends on the
# main package, so `swift build` and `swift test` of the main package never
# see libFuzzer. Everything the run produces goes to fuzz-artifacts/
# (ignored by git): the grown corpus, crash inputs, the log.
#
# Seeds: the examples of Grammar/valid.txt and Grammar/invalid.txt, plus
# the committed inputs in Fuzz/Corpus/<target>/ (every input that once
# broke something; each also has a regression test in the main suite).
#
# One worker on one core (-jobs=1 -workers=1): the build machine is shared.
# A crash, a hang over 10 s (-timeout) or a sanitizer report stops the run,
# and the input is saved as fuzz-artifacts/<target>/crash-… (or timeout-…);
# rerun one input with: Fuzz/.build/{release,debug}/<target> <file>
set -euo pipefail

seconds="${1:-60}"
target="${2:-FuzzExpression}"
shift $(( $# > 2 ? 2 : $# ))

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/fuzz-artifacts/$target"
mkdir -p "$work/corpus" "$work/seeds"

# FuzzDataFile imports VI3NR with @testable, which needs a debug build.
configuration=release
[[ "$target" == FuzzDataFile ]] && configuration=debug
# Both sanitizers must reach the Swift compiler as ONE flag. SwiftPM turns
# --sanitize=fuzzer --sanitize=address into two -sanitize= flags, in an
# order that changes from one invocation to the next, and swiftc keeps only
# the last: Swift code got coverage or AddressSanitizer, never both (a run
# without coverage mutates blindly and says "no interesting inputs"). The
# -Xswiftc flag comes after them, so it is the one kept. Clang adds up its
# -fsanitize flags, so the C targets and the link are fine either way.
echo "building $target with -sanitize=fuzzer,address ($configuration)…" >&2
swift build --package-path "$root/Fuzz" -c "$configuration" \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
    --product "$target" >&2
binary="$root/Fuzz/.build/$configuration/$target"

options=()
case "$target" in
    FuzzExpression)
        python3 "$root/scripts/fuzz-seeds.py" "$root/Grammar" "$work/seeds" >&2
        options+=(-dict="$root/Fuzz/Dictionaries/expression.dict" -max_len=2048)
        ;;
    FuzzDataFile)
        # Seeds: small files of every kind the reader distinguishes.
        python3 "$root/scripts/fuzz-seeds.py" --data-files "$work/seeds" >&2
        options+=(-max_len=4096)
        ;;
    *)
        echo "error: unknown fuzz target '$target' (FuzzExpression or FuzzDataFile)" >&2
        exit 2
        ;;
esac
committed="$root/Fuzz/Corpus/$target"
mkdir -p "$committed"

# LeakSanitizer is off: the Swift runtime keeps metadata caches alive until
# exit, which it would report as leaks of every input.
# Swift's own crash backtracer is off: it reads memory that ASan then
# reports as an overflow of its own, after the real report.
export SWIFT_BACKTRACE="enable=no"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"

cd "$work"
run_log="$work/run-$(date -u +%Y%m%dT%H%M%S).log"
echo "fuzzing $target for $seconds s; log in $run_log" >&2
status=0
started=$SECONDS
# With -jobs, libFuzzer runs the fuzzing in a child job and starts a new
# job when one finds a crash, until the time is up; the parent prints each
# job's log when it ends. Keep all of it.
"$binary" -jobs=1 -workers=1 -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/" \
    "${options[@]}" "$@" "$work/corpus" "$work/seeds" "$committed" \
    > "$run_log" 2>&1 || status=$?

grep -E "^(stat::|==[0-9]+==|SUMMARY|FUZZ FAILURE|  (input|file):)|Job [0-9]+ exited" \
    "$run_log" | tail -n 30 >&2 || true

# libFuzzer prints "INITED cov: N" once the seeds are run when the code
# is instrumented for coverage, and "INITED" alone when it is not; such a
# run proves little, so it counts as a failure.
note=""
if grep -q "INITED" "$run_log" && ! grep -q "INITED cov:" "$run_log"; then
    echo "error: the target has no coverage instrumentation; this run was blind" >&2
    note=" (no coverage instrumentation)"
    [[ "$status" == 0 ]] && status=3
fi

# One line per run in fuzz-artifacts/history.txt: how long, how many
# executions (summed over the jobs), how many jobs ended in a crash.
executions="$(grep -o 'number_of_executed_units: *[0-9]*' "$run_log" \
    | grep -o '[0-9]*$' | paste -sd+ | bc 2>/dev/null || echo '?')"
crashes="$(grep -c 'exited with exit code [1-9]' "$run_log" || true)"
echo "$(date -u +%FT%TZ) $target seconds=$(( SECONDS - started )) executions=$executions" \
    "crashed_jobs=$crashes exit=$status$note" >> "$root/fuzz-artifacts/history.txt"
ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null >&2 || true
exit "$status"
