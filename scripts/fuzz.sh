#!/usr/bin/env bash
# Fuzzes the readers of users' files (dossiers and ratings CSV, grid and form
# XML, letter templates, the offer and zones CSV) with libFuzzer under AddressSanitizer + UBSan, for a
# bounded time per target, starting from the seed corpus in tests/fuzz/corpus.
#
#   scripts/fuzz.sh [SECONDES_PAR_CIBLE] [CIBLE…]     (défaut : 120 s, toutes)
#
# Prints, per target, the executions and the findings; a finding (crash,
# sanitizer report, exception other than a French refusal, timeout) is kept
# in build/PRESET/findings/CIBLE/ and can be replayed with
#   build/PRESET/tests/fuzz/fuzz_CIBLE build/PRESET/findings/CIBLE/crash-…
# PRESET is "fuzz" (optimised, targets only) unless FUZZ_PRESET names another
# tree that builds them: CI uses "asan", where the test suite is built too.
# Exit code 1 when anything was found. Needs clang (Debian: clang,
# libclang-rt-14-dev).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_TARGET="${1:-120}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(dossiers_csv ratings_csv grid_xml form_xml template offer_csv zones_csv)
JOBS="${JOBS:-2}"
PRESET="${FUZZ_PRESET:-fuzz}"
BUILD="build/$PRESET"

cmake --preset "$PRESET" >/dev/null || exit 2
cmake --build --preset "$PRESET" -j "$JOBS" --target $(printf 'fuzz_%s ' "${TARGETS[@]}") >/dev/null || exit 2

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export COTATION_DATA_DIR="$ROOT"
# One target per job at once (JOBS of them side by side: a 2-core CI fuzzes
# the seven targets in half the time), the table printed in order after.
fuzz_one() {
  local t="$1" work="$BUILD/corpus/$1" findings="$BUILD/findings/$1"
  mkdir -p "$work" "$findings"
  # -fork keeps fuzzing after a finding; each one is written to $findings.
  "$BUILD/tests/fuzz/fuzz_$t" "$work" "tests/fuzz/corpus/$t" \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -artifact_prefix="$findings/" -print_final_stats=1 >"$BUILD/$t.log" 2>&1
}
running=0
for t in "${TARGETS[@]}"; do
  fuzz_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait
total_findings=0
printf '%-14s %12s %9s\n' "cible" "exécutions" "trouvés"
for t in "${TARGETS[@]}"; do
  log="$BUILD/$t.log"; findings="$BUILD/findings/$t"
  execs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}')"
  if [ "$execs" = 0 ]; then
    execs="$(grep -oE '#[0-9]+' "$log" | tail -1 | tr -d '#')"
  fi
  found="$(find "$findings" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)"
  total_findings=$((total_findings + found))
  printf '%-14s %12s %9s\n' "$t" "${execs:-?}" "$found"
done
if [ "$total_findings" -gt 0 ]; then
  echo "Trouvailles dans $BUILD/findings/ (journaux : $BUILD/*.log)." >&2
  exit 1
fi
