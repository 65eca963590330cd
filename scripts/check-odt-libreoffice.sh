#!/usr/bin/env bash
# Opens Cotation's ODT documents of every kind in LibreOffice and checks that
# their text comes back: writes every document of the three demo campaigns
# (`cotation documents --format both`: letters, instruction reports,
# committee file, minutes), converts each ODT to text with
# `soffice --headless --infilter=writer8 --convert-to txt` and compares its
# words with the PDF's (pdftotext). soffice exits 0 even when it failed, so the
# script checks that each output exists and holds the text.
#  - letters: the same words in the same order;
#  - the other kinds (tables, running heads, page numbers in the footer):
#    every word of the PDF found in LibreOffice's text.
# Not in CI (LibreOffice is large): run it by hand after changing odt.cpp.
# Needs: a build (build/default), poppler-utils, LibreOffice
# (apt-get install libreoffice-writer-nogui).
# Usage: scripts/check-odt-libreoffice.sh [DOSSIER_DE_TRAVAIL]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/build/default/src/cotation"
command -v soffice >/dev/null || { echo "LibreOffice absent : apt-get install libreoffice-writer-nogui" >&2; exit 2; }
[ -x "$BIN" ] || { echo "Construisez d'abord : cmake --build --preset default" >&2; exit 2; }
WORK="${1:-$(mktemp -d)}"; mkdir -p "$WORK"
export COTATION_DATA_DIR="$ROOT"

rm -rf "$WORK/docs" "$WORK/txt"; mkdir -p "$WORK/docs"
for call in act-hlm crt uphv; do
  "$BIN" demo "$WORK/$call.cot" --appel "$call" --etape complete >/dev/null
  # Warnings (addresses not set in the demos) are expected; failures are not.
  "$BIN" documents "$WORK/$call.cot" --out "$WORK/docs" --format both >/dev/null 2>"$WORK/$call.err" \
    || { echo "ÉCHEC : cotation documents ($call)"; cat "$WORK/$call.err"; exit 1; }
done
soffice -env:UserInstallation=file://"$WORK/lo-profile" --headless --infilter=writer8 \
    --convert-to txt:Text --outdir "$WORK/txt" "$WORK"/docs/*.odt >/dev/null 2>&1 || true

# Words of a text, no-break spaces and line breaks as plain spaces.
# The ODT writes ordinals with superscript letters (« 3ᵉ ») that the PDF's
# CP1252 fonts write plain (« 3e »): compared plain. The PDF's footer (« Tête
# du journal de la campagne : N:empreinte ») is in the ODT's page footer,
# which LibreOffice's text export leaves out.
words() { sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g; s/\xe2\x80\x93 / /g; s/^\xef\xbb\xbf//; s/ᵉ/e/g; s/ʳ/r/g; s/ᵈ/d/g; s/ˢ/s/g; s/ᵒ/o/g' "$1" \
  | sed -E 's/(— )?Tête du journal de la campagne : [0-9]+:[0-9a-f]+//g' | tr -s ' \n\t\f' '   ' | sed 's/^ //; s/ $//'; }
# The PDF's text without the map's page (in the ODT the map is a picture,
# its legend and sources drawn in it): the committee file.
pdf_text() {   # PDF TXT
  local pages; pages="$(pdfinfo "$1" | sed -n 's/^Pages: *//p')"; : > "$2"
  for p in $(seq 1 "$pages"); do
    local t; t="$(pdftotext -enc UTF-8 -f "$p" -l "$p" "$1" -)"
    grep -q "Fonds de carte :" <<<"$t" || printf '%s\n' "$t" >> "$2"
  done
}
fail=0; declare -A count
for odt in "$WORK"/docs/*.odt; do
  base="$(basename "${odt%.odt}")"; txt="$WORK/txt/$base.txt"
  kind="$(echo "$base" | sed -E 's/.*-(lettre|arrete|demande-pieces|compte-rendu|dossier-commission|proces-verbal)$/\1/')"
  count[$kind]=$(( ${count[$kind]:-0} + 1 ))
  if [ ! -s "$txt" ]; then echo "ÉCHEC $base.odt : LibreOffice n'a rien produit"; fail=1; continue; fi
  pdf_text "$WORK/docs/$base.pdf" "$WORK/txt/$base.pdf.txt"
  got="$(words "$txt")"
  if [ "$kind" = lettre ]; then
    pdf="$(words "$WORK/txt/$base.pdf.txt" | sed 's/ page 1 sur [0-9]*$//; s/– //g')"
    lo="$(echo "$got" | sed 's/– //g; s/• //g')"
    if [ "$pdf" != "$lo" ]; then
      echo "ÉCHEC $base.odt : le texte diffère du PDF"; diff <(echo "$pdf" | tr ' ' '\n') <(echo "$lo" | tr ' ' '\n') | head -10; fail=1
    fi
  else
    # Words of the PDF absent from LibreOffice's text (page numbers aside).
    missing="$(comm -23 <(words "$WORK/txt/$base.pdf.txt" | tr ' ' '\n' | grep -vxE 'page|sur|[0-9]+|–|—' | sort -u) \
                        <(echo "$got" | tr ' ' '\n' | sort -u) | head -5 | tr '\n' ' ')"
    if [ -n "$missing" ]; then echo "ÉCHEC $base.odt : mots du PDF absents : $missing"; fail=1; fi
  fi
done
summary=""; for k in "${!count[@]}"; do summary+="$k ${count[$k]}, "; done
[ -n "$summary" ] || { echo "ÉCHEC : aucun document ODT écrit" >&2; exit 1; }
[ "$fail" -eq 0 ] && echo "LibreOffice lit les ODT (${summary%, }) ; leur texte est celui des PDF."
exit "$fail"
