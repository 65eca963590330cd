#!/usr/bin/env bash
# Side by side, in one run: Cotation generating N decision letters (PDF) vs
# LibreOffice converting the same N letters, already merged as text, to PDF
# (`soffice --headless --convert-to pdf`), i.e. only the last step of the
# mail merge the instruction teams do today. Medians of RUNS runs each.
# Needs: a build (build/default), LibreOffice (apt-get install libreoffice-writer-nogui).
# Usage: bench/compare-libreoffice.sh [N=200] [RUNS=3]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-200}"; RUNS="${2:-3}"
BIN="$ROOT/build/default"
command -v soffice >/dev/null || { echo "LibreOffice absent : apt-get install libreoffice-writer-nogui" >&2; exit 2; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
export COTATION_DATA_DIR="$ROOT"

"$BIN/bench/cotation_bench" "$N" "$N" "$WORK/camp" >/dev/null
mkdir -p "$WORK/txt"
for f in "$WORK"/camp/lettres/*.pdf; do pdftotext -enc UTF-8 -layout "$f" "$WORK/txt/$(basename "${f%.pdf}").txt"; done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_it() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

: > "$WORK/a"; : > "$WORK/b"
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/out-a" "$WORK/out-b"
  time_it "$BIN/src/cotation" letters "$WORK/camp/bench.cot" --out "$WORK/out-a" >> "$WORK/a"
  time_it soffice -env:UserInstallation=file://"$WORK/lo-profile" --headless --convert-to pdf \
      --outdir "$WORK/out-b" "$WORK"/txt/*.txt >> "$WORK/b"
done
A=$(median < "$WORK/a"); B=$(median < "$WORK/b")
na=$(ls "$WORK/out-a" | wc -l); nb=$(ls "$WORK/out-b" | wc -l)
printf "Lettres PDF, %d dossiers, médiane de %d essais\n" "$N" "$RUNS"
printf "  Cotation (fusion + PDF)            %7.2f s  %5.1f ms/lettre  (%d fichiers)\n" "$A" "$(echo "1000*$A/$na" | bc -l)" "$na"
printf "  LibreOffice (conversion seule)     %7.2f s  %5.1f ms/lettre  (%d fichiers)\n" "$B" "$(echo "1000*$B/$nb" | bc -l)" "$nb"
printf "  rapport LibreOffice / Cotation     %7.1f ×\n" "$(echo "($B/$nb)/($A/$na)" | bc -l)"
