#!/usr/bin/env bash
# Starts the workbench on the demo campaign under Xvfb and saves a screenshot
# of each main view into OUTDIR (default docs/screenshots).
# Usage: scripts/screenshots.sh [OUTDIR] [BUILD_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/docs/screenshots}")"
BUILD="$(realpath -m "${2:-$ROOT/build/default}")"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export COTATION_DATA_DIR="$ROOT"
"$BUILD/src/cotation" demo "$WORK/demo.cot" >/dev/null
"$BUILD/src/cotation" demo "$WORK/crt.cot" --appel crt >/dev/null
"$BUILD/src/cotation" demo "$WORK/uphv.cot" --appel uphv >/dev/null
# The ACT demo with a declared team, built by the ordinary commands.
C="$BUILD/src/cotation"
"$C" demo "$WORK/equipe.cot" >/dev/null
"$C" users "$WORK/equipe.cot" --ajouter "Nadia Roussel" --role coordinateur --organisation "ARS PACA" >/dev/null
for who in "Claire Martin (ARS, DD 13)|ARS" "Julien Roux (ARS, siège)|ARS" "Sophie Arnaud|Département 13"; do
  "$C" users "$WORK/equipe.cot" --ajouter "${who%%|*}" --role instructeur --organisation "${who#*|}" --par "Nadia Roussel" >/dev/null
done
"$C" users "$WORK/equipe.cot" --ajouter "Paul Mercier" --role commission --organisation "Département 13" --par "Nadia Roussel" >/dev/null
for ref in ACT-2023-01 ACT-2023-02 ACT-2023-03 ACT-2023-04; do
  "$C" assign "$WORK/equipe.cot" --dossier "$ref" --evaluateur "Claire Martin (ARS, DD 13)" --par "Nadia Roussel" >/dev/null
  "$C" assign "$WORK/equipe.cot" --dossier "$ref" --evaluateur "Sophie Arnaud" --par "Nadia Roussel" >/dev/null
done
"$C" conflict "$WORK/equipe.cot" --evaluateur "Julien Roux (ARS, siège)" --organisme "Habitat Soins Var" \
    --declaration "Administrateur de l'association (2019-2022)" --par "Nadia Roussel" >/dev/null
# A version 2 of the ACT grid for the re-ranking preview: I.2 4 → 6, III.1 and III.2 3 → 10.
mkdir -p "$WORK/grilles"
sed -e 's/version="1"/version="2"/' -e 's/ max="[0-9]*"//' -e 's/ total="300"//' \
    -e '/id="I.2"/s/coefficient="4"/coefficient="6"/' -e '/id="III.[12]"/s/coefficient="3"/coefficient="10"/' \
    "$ROOT/scoring-grids/act-hlm-paca-2023.xml" > "$WORK/grilles/act-hlm-paca-2023-v2.xml"

cat > "$WORK/shoot.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
BUILD="$1"; WORK="$2"; OUT="$3"
shoot() {
  local name="$1" campaign="$2"; shift 2
  if [ "$campaign" = "-" ]; then   # no file: the start screen
    HOME="$WORK/home" "$BUILD/src/cotation-workbench" &
  else
    "$BUILD/src/cotation-workbench" "$campaign" "$@" &
  fi
  local pid=$!
  local shown=""
  for _ in $(seq 1 150); do
    if LC_ALL=C.UTF-8 xwininfo -root -tree 2>/dev/null | grep -q 'Cotation — '; then shown=1; break; fi
    sleep 0.1
  done
  if [ -z "$shown" ]; then
    echo "la fenêtre de l'atelier n'est pas apparue pour la vue $name" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 2
  import -window root -crop 1280x800+0+0 +repage "$OUT/$name.png"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "  $OUT/$name.png"
}
shoot 0-accueil -
shoot 1-dossiers "$WORK/demo.cot" --vue dossiers
shoot 2-dossier "$WORK/demo.cot" --vue dossier --dossier ACT-2023-11
shoot 3-cotation "$WORK/demo.cot" --vue cotation --dossier ACT-2023-02 --evaluateur "Julien Roux (ARS, siège)"
shoot 4-classement "$WORK/demo.cot" --vue classement
shoot 5-nouveau-dossier "$WORK/demo.cot" --vue nouveau-dossier
shoot 6-editeur-grille "$WORK/demo.cot" --vue editeur-grille --critere II.4
shoot 7-apercu-grille "$WORK/demo.cot" --vue apercu-grille --grille "$WORK/grilles/act-hlm-paca-2023-v2.xml"
shoot 8-formulaire-crt "$WORK/crt.cot" --vue nouveau-dossier
shoot 9-recevabilite-uphv "$WORK/uphv.cot" --vue dossier --dossier UPHV-2019-04
shoot 10-consolidation "$WORK/demo.cot" --vue consolidation
shoot 11-journal "$WORK/demo.cot" --vue journal
shoot 12-equipe "$WORK/equipe.cot" --vue equipe --evaluateur "Nadia Roussel"
INNER
chmod +x "$WORK/shoot.sh"
echo "Captures d'écran :"
"$ROOT/scripts/with-xvfb.sh" "$WORK/shoot.sh" "$BUILD" "$WORK" "$OUT"
