#!/usr/bin/env bash
# Opens Cotation's ODT letters in LibreOffice and checks that their text comes
# back: writes the letters of the ACT HLM demo campaign as PDF and ODT, converts
# every ODT to text with `soffice --headless --infilter=writer8 --convert-to txt`
# and compares its words with the PDF's (pdftotext). soffice exits 0 even when
# it failed, so the script checks that each output exists and holds the text.
# Not in CI (LibreOffice is large): run it by hand after changing odt.cpp.
# Needs: a build (build/default), poppler-utils, LibreOffice
# (apt-get install libreoffice-writer-nogui).
# Usage: scripts/check-odt-libreoffice.sh [DOSSIER_DE_TRAVAIL]
# (until `cotation letters --format both` exists, the letters come from
# cotation_bench's small campaign)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/build/default/src/cotation"
command -v soffice >/dev/null || { echo "LibreOffice absent : apt-get install libreoffice-writer-nogui" >&2; exit 2; }
[ -x "$BIN" ] || { echo "Construisez d'abord : cmake --build --preset default" >&2; exit 2; }
WORK="${1:-$(mktemp -d)}"; mkdir -p "$WORK"
export COTATION_DATA_DIR="$ROOT"

"$BIN" demo "$WORK/act.cot" --appel act-hlm --etape complete >/dev/null
"$BIN" letters "$WORK/act.cot" --out "$WORK/lettres" --format both >/dev/null 2>&1 || true
if ! ls "$WORK"/lettres/*.odt >/dev/null 2>&1; then
  # A command line without --format yet: the letters of the bench campaign
  # (same templates), written as PDF and as ODT by cotation_bench.
  "$ROOT/build/default/bench/cotation_bench" 30 30 "$WORK/banc" >/dev/null
  rm -rf "$WORK/lettres"; mkdir -p "$WORK/lettres"
  cp "$WORK"/banc/lettres/*.pdf "$WORK"/banc/lettres-odt/*.odt "$WORK/lettres/"
fi
soffice -env:UserInstallation=file://"$WORK/lo-profile" --headless --infilter=writer8 \
    --convert-to txt:Text --outdir "$WORK/txt" "$WORK"/lettres/*.odt >/dev/null 2>&1 || true

# Words of a text, no-break spaces and line breaks as plain spaces.
words() { sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g; s/\xe2\x80\x93 / /g; s/^\xef\xbb\xbf//' "$1" | tr -s ' \n\t\f' '   ' | sed 's/^ //; s/ $//'; }
fail=0; n=0
for odt in "$WORK"/lettres/*.odt; do
  base="$(basename "${odt%.odt}")"; txt="$WORK/txt/$base.txt"; n=$((n + 1))
  if [ ! -s "$txt" ]; then echo "ÉCHEC $base.odt : LibreOffice n'a rien produit"; fail=1; continue; fi
  pdftotext -enc UTF-8 "$WORK/lettres/$base.pdf" "$WORK/txt/$base.pdf.txt"
  # Every paragraph of the body (words of the PDF minus the page number)
  # must be found, in order, in LibreOffice's text.
  got="$(words "$txt")"
  for needle in "Appel à candidatures" "Madame, Monsieur," "Marseille, le "; do
    case "$got" in *"$needle"*) ;; *) echo "ÉCHEC $base.odt : « $needle » absent du texte lu par LibreOffice"; fail=1;; esac
  done
  pdf="$(words "$WORK/txt/$base.pdf.txt" | sed 's/ page 1 sur [0-9]*$//; s/– //g')"
  lo="$(echo "$got" | sed 's/– //g; s/• //g')"
  if [ "$pdf" != "$lo" ]; then
    echo "ÉCHEC $base.odt : le texte diffère du PDF"; diff <(echo "$pdf" | tr ' ' '\n') <(echo "$lo" | tr ' ' '\n') | head -10; fail=1
  fi
done
[ "$n" -gt 0 ] || { echo "ÉCHEC : aucune lettre ODT écrite" >&2; exit 1; }
[ "$fail" -eq 0 ] && echo "LibreOffice lit les $n lettres ODT ; leur texte est celui des PDF."
exit "$fail"
