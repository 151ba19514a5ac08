#!/usr/bin/env bash
# The reliability checks (RELIABILITY.md) at full strength: 10 SIGKILL rounds, a failing sink,
# a full disk (file size limit, and a real full file system when a tmpfs can be mounted), the
# bad-input corpus, webhook verification, secrets, fuzz regressions; then the fuzz targets.
#   Tests/reliability/run.sh                          # 10 crash rounds, fuzz 20 s per target
#   FUZZ_SECONDS=600 HOOKLINE_CRASH_ROUNDS=20 Tests/reliability/run.sh
#   FUZZ_SECONDS=0 Tests/reliability/run.sh           # no fuzzing
# (`swift test` runs the same suites with 2 crash rounds and without the tmpfs test.)
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== build"
swift build --build-tests 2>&1 | { grep -E "error|warning:" | grep -v swift-distributed-tracing || true; }

# A 4 MB tmpfs for the ENOSPC test (needs root and a mount permission; skipped otherwise).
small_fs=/tmp/hookline-small-fs-$$
if [ "$(id -u)" = 0 ] && mkdir -p "$small_fs" && mount -t tmpfs -o size=4m tmpfs "$small_fs" 2>/dev/null; then
  trap 'umount "$small_fs"; rmdir "$small_fs"' EXIT
else
  rmdir "$small_fs" 2>/dev/null || true
  small_fs=""
  echo "(cannot mount a tmpfs: the ENOSPC test is skipped, the file-size-limit one runs)"
fi

echo "== runner reliability tests (crash rounds: ${HOOKLINE_CRASH_ROUNDS:-10})"
log=.build/reliability-tests.log
started=$(date +%s)
set +e
HOOKLINE_CRASH_ROUNDS="${HOOKLINE_CRASH_ROUNDS:-10}" HOOKLINE_SMALL_FS="$small_fs" \
  swift test --skip-build \
    --filter 'RunnerCrashSafetyTests|RunnerFaultTests|RunnerDiskFullTests|RunnerBadInputTests|RunnerVerificationTests|RunnerSecretsTests|TemplateErrorTests' \
    >"$log" 2>&1
status=$?
set -e
grep -E "^(crash rounds|faults|disk full)|✘|Suite .* (passed|failed)|Test run with" "$log" || true
echo "(runner reliability tests: $(( $(date +%s) - started )) s)"
if [ "$status" -ne 0 ]; then
  echo "reliability tests failed (full output: $log)" >&2
  exit 1
fi

if [ "${FUZZ_SECONDS:-20}" != 0 ]; then
  echo "== fuzz (${FUZZ_SECONDS:-20} s per target)"
  Tests/reliability/fuzz.sh "${FUZZ_SECONDS:-20}"
fi
