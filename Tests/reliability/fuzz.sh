#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/) and runs each for SECONDS (default 20: the CI smoke run).
#   Tests/reliability/fuzz.sh [SECONDS] [FuzzJSON FuzzTemplate FuzzMapping]
# Each target starts from its committed seeds (Fuzz/corpus/<name>) plus what earlier runs found
# (.build-fuzz/corpus/<name>). A crash, sanitizer report or failed property stops the target;
# the input is saved under .build-fuzz/artifacts/<name>/ and the script exits 1.
# Reproduce one without the fuzzer: `swift run FuzzJSON .build-fuzz/artifacts/FuzzJSON/crash-...`.
# PARALLEL=2 runs two targets at a time.
# OPTIMIZE=0 builds without optimisation (-Onone), still with ASan and libFuzzer's coverage: the
# CI smoke run, whose clean build takes a quarter to a half of the optimised one's time
# (RELIABILITY.md has the measurements). The default, OPTIMIZE=1, runs about 2.5 times as many
# inputs per second: use it for long runs. The two builds have their own scratch folders;
# corpus, artifacts and logs are shared under .build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzJSON FuzzTemplate FuzzMapping)
parallel="${PARALLEL:-1}"
scratch=.build-fuzz
# -sanitize=fuzzer links libFuzzer's driver (FuzzDriver calls it under -DFUZZING); gold cannot
# link the ASan objects, lld can. Always the release configuration: a debug build renames each
# executable's main for testable executables, so the plugin's host tool (built with the same
# flags) pulls in libFuzzer's own main and fails to link.
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld)
case "${OPTIMIZE:-1}" in
  1) build="$scratch" ;;
  0) build="$scratch-onone"; flags+=(-Xswiftc -Onone) ;;
  *) echo "OPTIMIZE must be 0 or 1, not ${OPTIMIZE}" >&2; exit 2 ;;
esac
flags+=(--scratch-path "$build")

for target in "${targets[@]}"; do
  echo "== build $target"
  swift build "${flags[@]}" --product "$target" 2>&1 | { grep -E "error|warning:" | grep -v swift-distributed-tracing || true; }
  [ -x "$build/release/$target" ] || { echo "$target did not build" >&2; exit 1; }
done

run() {
  local target="$1" name
  name="$(echo "${target#Fuzz}" | tr '[:upper:]' '[:lower:]')"
  local corpus="$scratch/corpus/$target" artifacts="$scratch/artifacts/$target" log="$scratch/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  set +e
  # Swift's backtracer off: under ASan it reports its own stack-buffer-underflow after a Swift
  # runtime error, which would hide the real one; libFuzzer still prints the stack and saves the input.
  SWIFT_BACKTRACE=enable=no "$build/release/$target" "$corpus" "Fuzz/corpus/$name" -dict="Fuzz/dict/$name.dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1
  local status=$?
  set -e
  local execs cov ft files
  # A crasher among the seeds stops the run before any "cov:" line: the greps may find nothing.
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  cov="$({ grep -oE 'cov: [0-9]+' "$log" || true; } | tail -1 | cut -d' ' -f2)"
  ft="$({ grep -oE 'ft: [0-9]+' "$log" || true; } | tail -1 | cut -d' ' -f2)"
  files="$(find "$corpus" -type f | wc -l)"
  printf '%-13s %5ss  exit %s  execs %s  cov %s  ft %s  corpus %s files  log %s\n' \
    "$target" "$seconds" "$status" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$files" "$log"
  if [ "$status" -ne 0 ]; then
    grep -E "ERROR|property failed|Fatal error|SUMMARY|Test unit written" "$log" | head -20 >&2 || true
    return 1
  fi
}

failed=0
pids=()
for target in "${targets[@]}"; do
  run "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$parallel" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit "$failed"
