#!/usr/bin/env bash
# What one command costs as a whole process (start, opening, checks, work,
# end), this tree against an earlier revision, counted in instructions by
# callgrind (the same count whatever else the machine is doing). Every
# command a user types pays it, and the test suites spawn the program some
# thousand times (under AddressSanitizer, each instruction costs several).
#
#   bench/compare-commands.sh REVISION
#
# REVISION is built in a temporary work tree (without the workbench); each
# version then runs, on a campaign of its own: `demo --appel act-hlm`
# (creation and some hundred writes), `rank` on the UPHV demo (reading,
# territorial rules and reference data), `param … --motif` (one write),
# `journal verify`. OLD_TREE=DIR reuses a work tree of REVISION already built.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REV="${1:?usage : bench/compare-commands.sh REVISION}"
command -v valgrind >/dev/null || { echo "valgrind absent : apt-get install valgrind" >&2; exit 2; }
WORK="$(mktemp -d)"
OLD="${OLD_TREE:-$WORK/old}"
trap '[ -n "${OLD_TREE:-}" ] || git -C "$ROOT" worktree remove --force "$WORK/old" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
[ -n "${OLD_TREE:-}" ] || git -C "$ROOT" worktree add -q --detach "$OLD" "$REV"
(cd "$OLD" && cmake --preset default -DCOTATION_GUI=OFF >/dev/null)
[ -f "$ROOT/build/default/build.ninja" ] || (cd "$ROOT" && cmake --preset default >/dev/null)
for tree in "$OLD" "$ROOT"; do cmake --build "$tree/build/default" -j "$(nproc)" --target cotation >/dev/null; done

count() {   # tree label command...
  local tree="$1" label="$2"
  shift 2
  COTATION_DATA_DIR="$tree" COTATION_UTILISATEUR="Nathalie Girard (ARS, pôle médico-social)" \
    valgrind --tool=callgrind --callgrind-out-file="$WORK/$label.out" "$tree/build/default/src/cotation" "$@" \
    >/dev/null 2>&1 || { echo "échec : $label" >&2; exit 1; }
  callgrind_annotate "$WORK/$label.out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !n++ {gsub(",", "", $1); print $1}'
}
# Each version makes its own campaigns (the one-time migration of a file
# made by another version would be counted otherwise).
for side in avant apres; do
  tree="$OLD"
  [ "$side" = apres ] && tree="$ROOT"
  COTATION_DATA_DIR="$tree" "$tree/build/default/src/cotation" demo "$WORK/$side-uphv.cot" --appel uphv >/dev/null
  COTATION_DATA_DIR="$tree" "$tree/build/default/src/cotation" demo "$WORK/$side-act.cot" --appel act-hlm >/dev/null
done
printf '%-40s %15s %15s %8s\n' "commande (instructions, callgrind)" "$REV" "cet arbre" "rapport"
row() {   # title command... (FILE stands for the side's campaign)
  local title="$1" file="$2"
  shift 2
  local a b
  a="$(count "$OLD" "avant-$title" "${@//FILE/$WORK/avant-$file.cot}")"
  b="$(count "$ROOT" "apres-$title" "${@//FILE/$WORK/apres-$file.cot}")"
  printf '%-40s %15s %15s %8s\n' "$title" "$a" "$b" "$(awk -v a="$b" -v b="$a" 'BEGIN {printf "%.2f", a / b}')"
}
row "demo --appel act-hlm" act demo FILE.neuve --appel act-hlm
row "rank (démo UPHV)" uphv rank FILE
row "param campagne.places=70 --motif" act param FILE campagne.places=70 --motif "Mesure"
row "journal verify (démo ACT)" act journal verify FILE
