#!/usr/bin/env bash
# The full ranking's cost, this tree against an earlier revision, counted in
# instructions by callgrind (the same count whatever else the machine is
# doing: seconds on a shared machine are not a measure). Issue 12, point 6:
# keeping the ranking in place must not make the full ranking slower.
#
#   bench/compare-ranking.sh REVISION [DOSSIERS]     (défaut : 10 000 dossiers)
#
# REVISION is built in a temporary work tree (its cotation_bench makes the
# campaign, 5 évaluateurs × 17 critères; this file's rank_once.cpp is added to
# it), then each version opens its own copy of that file and ranks it once
# under callgrind, counting only Session::ranking(). Needs valgrind.
# OLD_TREE=DIR reuses a work tree of REVISION already built there.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REV="${1:?usage : bench/compare-ranking.sh REVISION [DOSSIERS]}"
N="${2:-10000}"
command -v valgrind >/dev/null || { echo "valgrind absent : apt-get install valgrind" >&2; exit 2; }
WORK="$(mktemp -d)"
OLD="${OLD_TREE:-$WORK/old}"
trap '[ -n "${OLD_TREE:-}" ] || git -C "$ROOT" worktree remove --force "$WORK/old" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
[ -n "${OLD_TREE:-}" ] || git -C "$ROOT" worktree add -q --detach "$OLD" "$REV"
cp "$ROOT/bench/rank_once.cpp" "$OLD/bench/"
grep -q cotation_rank_once "$OLD/bench/CMakeLists.txt" ||
  printf 'add_executable(cotation_rank_once rank_once.cpp)\ntarget_link_libraries(cotation_rank_once PRIVATE cotation_app)\n' \
    >>"$OLD/bench/CMakeLists.txt"
# The earlier tree without the workbench (not needed); this one as it is.
(cd "$OLD" && cmake --preset default -DCOTATION_GUI=OFF >/dev/null)
[ -f "$ROOT/build/default/build.ninja" ] || (cd "$ROOT" && cmake --preset default >/dev/null)
for tree in "$OLD" "$ROOT"; do
  cmake --build "$tree/build/default" -j "$(nproc)" --target cotation_bench cotation_rank_once >/dev/null
done
echo "Campagne de $N dossiers faite par $REV…"
COTATION_DATA_DIR="$OLD" "$OLD/build/default/bench/cotation_bench" "$N" 1 "$WORK/camp" >/dev/null
count() {   # tree label
  cp "$WORK/camp/bench.cot" "$WORK/$2.cot"
  COTATION_DATA_DIR="$1" valgrind --tool=callgrind --callgrind-out-file="$WORK/$2.out" \
    --collect-atstart=no --toggle-collect='cotation::Session::ranking()' \
    "$1/build/default/bench/cotation_rank_once" "$WORK/$2.cot" >/dev/null 2>&1
  callgrind_annotate "$WORK/$2.out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !n++ {gsub(",", "", $1); print $1}'
}
before="$(count "$OLD" avant)"
after="$(count "$ROOT" apres)"
printf 'classement complet, instructions (callgrind) : %s %s ; cet arbre %s ; rapport %s\n' "$REV" "$before" "$after" \
  "$(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", a / b}')"
