#!/usr/bin/env bash
# Second README command (and CI): installs what is needed, builds, and runs
# the whole test suite, again under AddressSanitizer + UBSan, and fuzzes the
# readers briefly. Two trees: default (gcc) and asan (clang), which holds the
# sanitized suite and the libFuzzer targets both. The sanitized tree starts
# at once, beside the default tree's build; once that is built, its suite
# runs beside the sanitized tree's build and suite (see below).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/install-deps.sh" build
cd "$ROOT"
JOBS="$(nproc)"
# Each step says its wall and CPU time (children included), to see where CI
# time goes on a shared machine.
TIMEFORMAT='   (%R s, CPU %U + %S s)'

# The sanitized tree (its build, suite and fuzzing) starts at once, beside
# the default tree's build: the two builds fill each other's single-threaded
# links. Its output is kept in a file and printed whole at the end.
sanitized_log="$ROOT/build/asan-arbre.log"
mkdir -p "$ROOT/build"
sanitized() {
  echo "== Construction avec AddressSanitizer + UBSan, cibles libFuzzer comprises (clang, sans interface graphique) =="
  cmake --preset asan >/dev/null
  time cmake --build --preset asan -j "$JOBS"
  echo "== Tests sous AddressSanitizer + UBSan =="
  # As many processes as cores: two more (to fill the kernel's share of a
  # sanitized process) made both suites slower here and a timed test fail.
  time ctest --preset asan -j "$JOBS"
  echo "== Fuzzing bref (libFuzzer, ASan + UBSan, 5 s par cible ; scripts/fuzz.sh pour plus long) =="
  time JOBS="$JOBS" FUZZ_PRESET=asan "$ROOT/scripts/fuzz.sh" 5
}
# In a process of its own: under « || » the shell would ignore set -e inside it.
( set -e; sanitized ) >"$sanitized_log" 2>&1 &
sanitized_pid=$!
trap 'kill "$sanitized_pid" "${default_pid:-}" 2>/dev/null || true' EXIT

echo "== Construction (RelWithDebInfo) =="
cmake --preset default >/dev/null
time cmake --build --preset default -j "$JOBS"
# Guard: no suite may silently drop out (see STYLE.md, Aegisub's CI).
listed="$(ctest --preset default -N)"
for suite in Rational French Date Identifiers Expr ActHlmGrid GridErrors ActHlmEligibility Score Ranking \
             Allocation Csv ImportDossiers ImportRatings Store Journal Pdf Template Letters Cli \
             CrtRules UphvRules GridFacts ProposedGrids DemoCampaigns FormErrors ActHlmForm \
             GridWriter GridChangePreview GridChangeApply Agreement Solidity Consolidation Lock Decisions Team Thresholds Calendar Meeting PriorRejection \
             Authority Capacity RuleDependencies RuleValues Input Documents Typography Odt Geo Coverage Offer \
             TerritorialAllocation Territory TerritoryCli Map DataRoot Scale0to10 RankingInPlace install docs gui \
             TerritoryStore TerritoryAllocation TerritoryCommittee TerritoryMap \
             TerritoryScratch \
             CommitteeProposal \
             RobustImports RobustNumbers RobustEncoding RobustStore RobustXml RobustInputs \
             UserInput \
             Accounts ParameterBounds CommandLineUtf8 Names XmlMessages \
             PgUri ShareCli store Orders Pieces \
             DocumentNames DocumentBatch PdfLongWord \
             ConflictRatings DamagedCampaign ParameterRules TextInputs CsvHeader Enums \
             Trial13hOutputs Trial13hDocuments Trial13hMeeting Trial13hNames Trial13hStore \
             VotedAllocation VariantShares SourceLayout JournalGrammar; do
  if ! grep -q " ${suite}[._]" <<<"$listed"; then
    echo "La suite de tests « $suite » a disparu." >&2
    exit 1
  fi
done

# The default suite and the crash test wait on processes, PostgreSQL and the
# display (about 1,2 of the 2 cores in CI): they run beside the sanitized tree's
# build and suite, which keep the cores busy, instead of after them. Their
# output is printed whole when both are done.
default_log="$ROOT/build/default/suite-et-coupure.log"
(
  set -e
  echo "== Tests (dont l'interface graphique sous Xvfb) =="
  time ctest --preset default -j "$JOBS"
  # 24 SIGKILLs, two per writing command (about 25 s here; scripts/crash-test.sh
  # without argument for the full 120).
  echo "== Test de coupure brutale (SIGKILL pendant chaque commande d'écriture) =="
  time bash "$ROOT/scripts/crash-test.sh" 24
) >"$default_log" 2>&1 &
default_pid=$!
print_default() {
  wait "$default_pid" && default_rc=0 || default_rc=$?
  cat "$default_log"
  return "$default_rc"
}
trap 'kill "$default_pid" "${sanitized_pid:-}" 2>/dev/null || true' EXIT

sanitized_rc=0
wait "$sanitized_pid" || sanitized_rc=$?
cat "$sanitized_log"
default_rc=0
print_default || default_rc=$?
trap - EXIT
if [ "$sanitized_rc" -ne 0 ] || [ "$default_rc" -ne 0 ]; then
  echo "Échec : arbre AddressSanitizer $sanitized_rc, suite par défaut et coupure brutale $default_rc." >&2
  exit 1
fi
