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
# The procedure view on a campaign in progress: the ACT demo before its
# committee, its calendar moved around today so that a deadline is near.
"$BUILD/src/cotation" demo "$WORK/instruction.cot" --etape instruction >/dev/null
day() { date -d "$1 days" +%d/%m/%Y; }
"$BUILD/src/cotation" param "$WORK/instruction.cot" "campagne.date_publication=$(day -75)" "campagne.date_limite=$(day -14)" \
    "campagne.date_commission=$(day 18)" "campagne.date_courrier=$(day 30)" --par "Nathalie Girard (ARS, pôle médico-social)" >/dev/null
"$BUILD/src/cotation" calendrier "$WORK/instruction.cot" --etape instruction --date "$(day -17)" \
    --par "Nathalie Girard (ARS, pôle médico-social)" >/dev/null
# The CRT demo with an existing DRAD zone entered (§1.4 of the CRT texts: no
# duplicate of a DRAD zone): the communes of Grand Angoulême, where the first
# candidate intervenes, so that the Territoire view shows the overlap.
printf 'zone;libelle;communes\nDRAD-16;DRAD du Grand Angoulême (zone existante);200071827\n' > "$WORK/zones-crt.csv"
# Entering zones is the coordinator's change (journaled, schema 10).
export COTATION_UTILISATEUR="Laurence Ferrand (ARS, direction de l'autonomie)"
# The demo's committee has voted: zones entered after it carry their motive.
"$BUILD/src/cotation" offre "$WORK/crt.cot" --zones "$WORK/zones-crt.csv" \
    --motif "Zone DRAD existante, connue après la séance" >/dev/null
unset COTATION_UTILISATEUR
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
# The demos have a declared team: each view opens as one of its people.
COORD="Nathalie Girard (ARS, pôle médico-social)"
shoot 0-accueil -
shoot 1-dossiers "$WORK/demo.cot" --vue dossiers --evaluateur "$COORD"
shoot 2-dossier "$WORK/demo.cot" --vue dossier --dossier ACT-2023-11 --evaluateur "$COORD"
shoot 3-cotation "$WORK/demo.cot" --vue cotation --dossier ACT-2023-02 --evaluateur "Julien Roux (ARS, siège)"
shoot 4-classement "$WORK/demo.cot" --vue classement --evaluateur "$COORD"
shoot 5-nouveau-dossier "$WORK/demo.cot" --vue nouveau-dossier --evaluateur "$COORD"
shoot 6-editeur-grille "$WORK/demo.cot" --vue editeur-grille --critere II.4 --evaluateur "$COORD"
shoot 7-apercu-grille "$WORK/demo.cot" --vue apercu-grille --grille "$WORK/grilles/act-hlm-paca-2023-v2.xml" --evaluateur "$COORD"
shoot 8-formulaire-crt "$WORK/crt.cot" --vue nouveau-dossier --evaluateur "Laurence Ferrand (ARS, direction de l'autonomie)"
shoot 9-recevabilite-uphv "$WORK/uphv.cot" --vue dossier --dossier UPHV-2019-04 --evaluateur "Isabelle Renaud (Département 17, direction de l'autonomie)"
shoot 10-consolidation "$WORK/demo.cot" --vue consolidation --evaluateur "$COORD"
shoot 11-journal "$WORK/demo.cot" --vue journal --evaluateur "$COORD"
shoot 12-equipe "$WORK/demo.cot" --vue equipe --evaluateur "$COORD"
shoot 13-procedure "$WORK/instruction.cot" --vue procedure --evaluateur "$COORD"
shoot 14-commission "$WORK/demo.cot" --vue commission --dossier ACT-2023-05 --evaluateur "Jean-Pierre Lucas"
shoot 15-decisions "$WORK/demo.cot" --vue decisions --dossier ACT-2023-07 --evaluateur "$COORD"
shoot 16-territoire "$WORK/uphv.cot" --vue territoire --evaluateur "Isabelle Renaud (Département 17, direction de l'autonomie)"
shoot 17-territoire-crt "$WORK/crt.cot" --vue territoire --evaluateur "Laurence Ferrand (ARS, direction de l'autonomie)"
shoot 18-territoire-act "$WORK/demo.cot" --vue territoire --evaluateur "$COORD"
INNER
chmod +x "$WORK/shoot.sh"
echo "Captures d'écran :"
"$ROOT/scripts/with-xvfb.sh" "$WORK/shoot.sh" "$BUILD" "$WORK" "$OUT"
