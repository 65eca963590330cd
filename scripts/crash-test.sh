#!/usr/bin/env bash
# Kills the program (SIGKILL) at random moments during every writing command
# and checks what is left after each kill:
#   - PRAGMA integrity_check is « ok » on the campaign;
#   - all or nothing: the rows the command writes are those before it or
#     those of a complete run, never in between;
#   - no truncated output under a final name (campaigns of new/demo, PDFs of
#     letters: every PDF present ends with %%EOF);
#   - cotation journal verify passes.
#
#   scripts/crash-test.sh [KILLS]        (défaut : 120 kills en tout)
#
# Uses build/default/src/cotation (cmake --build --preset default first) and
# sqlite3 (Debian package sqlite3). Prints kills and findings per command;
# exit code 1 when a check failed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KILLS="${1:-120}"
BIN="${COTATION_BIN:-$ROOT/build/default/src/cotation}"
export COTATION_DATA_DIR="$ROOT"
export COTATION_UTILISATEUR="Nathalie Girard (ARS, pôle médico-social)"
GRID="$ROOT/scoring-grids/act-hlm-paca-2023.xml"
[ -x "$BIN" ] || { echo "Programme introuvable : $BIN (construisez d'abord)." >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 manquant (apt-get install sqlite3)." >&2; exit 2; }
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
cd "$W"

# ---- Inputs big enough for a kill to land inside the write ----
python3 - "$ROOT" <<'PY'
import sys, csv
root = sys.argv[1]
rows = open(f"{root}/demo/act-hlm/dossiers.csv", encoding="utf-8").read().splitlines()
header, first = rows[0], rows[1].split(";")
with open("dossiers.csv", "w", encoding="utf-8") as f:
    f.write(header + "\n")
    for i in range(1500):
        first[0] = f"CT-{i:05d}"
        f.write(";".join(first) + "\n")
crit = "I.1 I.2 II.1 II.2 II.3 II.4 II.5 II.6 II.7 II.8 II.9 III.1 III.2 IV.1 IV.2 IV.3 IV.4".split()
with open("notes.csv", "w", encoding="utf-8") as f:
    f.write("dossier;evaluateur;critere;note;justification\n")
    for i in range(1500):
        for c in crit:
            f.write(f"CT-{i:05d};Relecteur Un;{c};3;Justification de la note.\n")
PY
q() { sqlite3 -readonly "$1" "$2" 2>/dev/null; }
"$BIN" new base.cot --grid "$GRID" --param campagne.date_limite=30/04/2023 >/dev/null || exit 2
cp base.cot with-dossiers.cot && "$BIN" import with-dossiers.cot dossiers.csv >/dev/null || exit 2
"$BIN" demo demo.cot >/dev/null || exit 2
PENDING_REF="$(q demo.cot "SELECT reference FROM dossier ORDER BY reference LIMIT 1")"
# Closing needs every dossier rated or decided (a dossier nobody rated would get no letter).
cp with-dossiers.cot rated.cot && "$BIN" rate rated.cot notes.csv >/dev/null || exit 2
cp rated.cot closed.cot && "$BIN" close closed.cot --motif Essai >/dev/null || exit 2

# Each command: NAME|setup (copy of the starting campaign)|command|digest query
# (a value before/after the complete run must be one of two).
COMMANDS=(
  "import|base.cot|import work.cot dossiers.csv|SELECT count(*) FROM dossier"
  "rate|with-dossiers.cot|rate work.cot notes.csv|SELECT count(*) FROM rating"
  "param|base.cot|param work.cot campagne.date_limite=15/05/2023|SELECT group_concat(name||'='||value) FROM campaign_parameter"
  "decide|demo.cot|decide work.cot --dossier $PENDING_REF --decision non-retenu --motif Essai --ecart Essai|SELECT group_concat(kind||motive) FROM decision"
  "consolidate|demo.cot|consolidate work.cot --dossier $PENDING_REF --critere I.1 --note 0 --motif Essai|SELECT count(*)||'/'||group_concat(value) FROM consolidation"
  "users|demo.cot|users work.cot --ajouter Nouvel_Instructeur --role instructeur|SELECT count(*) FROM journal"
  "new||new work.cot --grid $GRID|"
  "demo||demo work.cot|"
  "close|rated.cot|close work.cot --motif Essai|SELECT count(*) FROM journal"
  "reopen|closed.cot|reopen work.cot --motif Essai|SELECT count(*) FROM journal"
  "letters|demo.cot|letters work.cot --out lettres|"
  "documents|demo.cot|documents work.cot --out lettres --format both|"
)

declare -A kills findings duration kinds
total_kills=0; total_findings=0
# $5: the kind of finding, counted apart (integrite, partiel, tronque, journal, autre).
finding() {
  echo "  TROUVÉ [$1] kill $2 après ${3}s : $4"
  findings[$1]=$(( ${findings[$1]:-0} + 1 )); total_findings=$((total_findings+1))
  kinds[${5:-autre}]=$(( ${kinds[${5:-autre}]:-0} + 1 ))
}

prepare() {   # $1 = starting campaign or empty
  rm -rf work.cot work.cot-wal work.cot-shm .work.cot.* lettres
  mkdir -p lettres
  [ -n "$1" ] && cp "$1" work.cot
}
# Duration of a complete run and the digest after it.
declare -A after before
for spec in "${COMMANDS[@]}"; do
  IFS='|' read -r name start cmd digest <<<"$spec"
  prepare "$start"
  [ -n "$digest" ] && before[$name]="$(q work.cot "$digest")"
  t0=$(date +%s.%N)
  if ! "$BIN" $cmd >/dev/null 2>"err.txt"; then
    echo "La commande « $name » échoue sans être tuée : $(cat err.txt)" >&2; exit 2
  fi
  t1=$(date +%s.%N)
  duration[$name]=$(python3 -c "print(max(0.02, $t1 - $t0))")
  [ -n "$digest" ] && after[$name]="$(q work.cot "$digest")"
done

per_command=$(( (KILLS + ${#COMMANDS[@]} - 1) / ${#COMMANDS[@]} ))
for spec in "${COMMANDS[@]}"; do
  IFS='|' read -r name start cmd digest <<<"$spec"
  for ((k = 1; k <= per_command; k++)); do
    prepare "$start"
    delay=$(python3 -c "import random; print(round(random.uniform(0, ${duration[$name]} * 1.1), 4))")
    "$BIN" $cmd >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    kills[$name]=$(( ${kills[$name]:-0} + 1 )); total_kills=$((total_kills+1))
    if [ -e work.cot ]; then
      ic="$(sqlite3 work.cot "PRAGMA integrity_check" 2>&1)"
      [ "$ic" = "ok" ] || finding "$name" "$k" "$delay" "integrity_check : $ic" integrite
      if [ -n "$digest" ]; then
        d="$(q work.cot "$digest")"
        [ "$d" = "${before[$name]}" ] || [ "$d" = "${after[$name]}" ] ||
          finding "$name" "$k" "$delay" "état partiel : « ${d:0:80} »" partiel
      fi
      if [ "$name" = demo ]; then
        n="$(q work.cot "SELECT count(*) FROM decision")"
        [ "$n" -gt 0 ] 2>/dev/null || finding "$name" "$k" "$delay" "campagne incomplète sous son nom final" partiel
      fi
      v="$("$BIN" journal verify work.cot 2>&1)" || finding "$name" "$k" "$delay" "journal verify : ${v:0:200}" journal
    elif [ -n "$start" ]; then
      finding "$name" "$k" "$delay" "la campagne a disparu"
    fi
    # Every output present under its final name is whole: a PDF ends with
    # %%EOF, an ODT (zip) reads back whole.
    for out in lettres/*.pdf lettres/*.odt; do
      [ -e "$out" ] || continue
      case "$out" in
        *.pdf) tail -c 32 "$out" | grep -q '%%EOF' || finding "$name" "$k" "$delay" "PDF tronqué sous son nom final : $(basename "$out")" tronque ;;
        *.odt) python3 -c "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)" "$out" 2>/dev/null ||
                 finding "$name" "$k" "$delay" "ODT tronqué sous son nom final : $(basename "$out")" tronque ;;
      esac
    done
    if [ "$name" = new ] || [ "$name" = demo ]; then
      # Nothing left may block a new creation under the same name.
      rm -f work.cot work.cot-wal work.cot-shm
      "$BIN" new work.cot --grid "$GRID" >/dev/null 2>err.txt || finding "$name" "$k" "$delay" "re-création refusée : $(cat err.txt)" partiel
    fi
  done
done

printf '\n%-12s %6s %8s %10s\n' "commande" "kills" "trouvés" "durée (s)"
for spec in "${COMMANDS[@]}"; do
  IFS='|' read -r name _ <<<"$spec"
  printf '%-12s %6s %8s %10.2f\n' "$name" "${kills[$name]:-0}" "${findings[$name]:-0}" "${duration[$name]}"
done
echo "Total : $total_kills kills, $total_findings trouvailles (intégrité : ${kinds[integrite]:-0}, état partiel : ${kinds[partiel]:-0}, sortie tronquée : ${kinds[tronque]:-0}, journal verify : ${kinds[journal]:-0}, autres : ${kinds[autre]:-0})."
[ "$total_findings" -eq 0 ]
