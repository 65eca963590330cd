#!/usr/bin/env bash
# Two workbenches on the same campaign shared on a throw-away PostgreSQL
# cluster (issue 15), after one person changed it: both windows refresh by
# themselves (polling of the journal's head). Writes OUT (default
# docs/screenshots/campagne-partagee.png), the two windows side by side
# (xdotool, ImageMagick's import).
#   scripts/pg-screenshot.sh [OUT] [BUILD_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/docs/screenshots/campagne-partagee.png}")"
BUILD="$(realpath -m "${2:-$ROOT/build/default}")"
WORK="$(mktemp -d)"
state="$WORK/pg.etat"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$ROOT/scripts/pg-cluster.sh" stop "$state" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export COTATION_DATA_DIR="$ROOT"
"$ROOT/scripts/pg-cluster.sh" start "$state" >/dev/null
server=$(sed -n 's/^uri=//p' "$state")
# The throw-away password through the environment, not the command lines `ps` shows.
export PGPASSWORD=$(sed -E 's#^postgresql://[^:/@]+:([^@]+)@.*#\1#' <<<"$server")
server=$(sed -E 's#^(postgresql://[^:/@]+):[^@]+@#\1@#' <<<"$server")
uri="$server?campagne=ACT-PARTAGEE"
coord="Nathalie Girard (ARS, pôle médico-social)"
"$BUILD/src/cotation" demo "$WORK/demo.cot" --etape instruction >/dev/null
"$BUILD/src/cotation" partager "$WORK/demo.cot" "$uri" --par "$coord" >/dev/null

display=:$(( 90 + RANDOM % 100 ))
# Room for the two windows side by side (no window manager: they open at 0,0).
Xvfb "$display" -screen 0 2570x810x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
sleep 1
wait_window() {   # waits for a window of process $1, prints their ids
  for _ in $(seq 1 600); do
    ids=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null || true)
    [ -n "$ids" ] && { echo "$ids"; return; }
    sleep 0.1
  done
  echo "l'atelier n'est pas apparu" >&2; exit 1
}
# Claire Martin watches the ranking, Julien Roux the journal.
"$BUILD/src/cotation-workbench" "$uri" --vue classement --evaluateur "Claire Martin (ARS, DD 13)" &
pids+=($!)
wait_window $! >/dev/null
"$BUILD/src/cotation-workbench" "$uri" --vue journal --evaluateur "Julien Roux (ARS, siège)" &
pids+=($!)
for id in $(wait_window $!); do xdotool windowmove "$id" 1290 0; done
sleep 4
# Then the coordinator, on a third workstation, rates ACT-2023-06 I.1 at 5 for Claire Martin.
printf 'dossier;evaluateur;critere;note;justification\nACT-2023-06;Claire Martin (ARS, DD 13);I.1;5;Revu en réunion d’équipe : expérience longue et reconnue.\n' >"$WORK/note.csv"
"$BUILD/src/cotation" rate "$uri" "$WORK/note.csv" --par "$coord" >/dev/null
sleep 6   # at least two polls of 2 s
mkdir -p "$(dirname "$OUT")"
import -window root "$OUT.tmp.png"
mv "$OUT.tmp.png" "$OUT"
echo "$OUT"
