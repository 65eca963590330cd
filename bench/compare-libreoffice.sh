#!/usr/bin/env bash
# Side by side, in one run, the decision letters of an N-dossier campaign:
#  - Cotation: template merge + PDF, then the same letters as ODT, each timed
#    end to end through the command line (`cotation letters --format pdf|odt`:
#    opening the campaign, ranking, writing);
#  - LibreOffice the way a team does it today: converting the merged letters
#    (here Cotation's own ODT, the same words) to PDF with
#    `soffice --headless --convert-to pdf`, by batches of at most 200 files
#    (one call on 1 000 files silently stopped after 248 on this platform).
# Prints both times, the ratio, and the total and per-letter size of each output.
# Needs: a build (build/default), LibreOffice (apt-get install libreoffice-writer-nogui).
# Not in CI. Usage: bench/compare-libreoffice.sh [N=1000] [BATCH=200]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-1000}"; BATCH="${2:-200}"
BIN="$ROOT/build/default"
command -v soffice >/dev/null || { echo "LibreOffice absent : apt-get install libreoffice-writer-nogui" >&2; exit 2; }
[ "$BATCH" -le 200 ] || { echo "Lots de 200 fichiers au plus (au-delà, soffice s'arrête sans le dire)." >&2; exit 2; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
export COTATION_DATA_DIR="$ROOT"
now() { date +%s.%N; }

# The campaign (cotation_bench builds it, with its own figures, not used here).
"$BIN/bench/cotation_bench" "$N" "$N" "$WORK/camp" > "$WORK/bench.txt"

# Cotation, ODT, end to end through the command line.
s=$(now); "$BIN/src/cotation" letters "$WORK/camp/bench.cot" --out "$WORK/cotation-odt" --format odt >/dev/null; e=$(now)
O=$(echo "$e - $s" | bc -l)
odt_n=$(ls "$WORK/cotation-odt" | wc -l); odt_bytes=$(cat "$WORK"/cotation-odt/*.odt | wc -c)

# Cotation, PDF, end to end through the command line.
s=$(now); "$BIN/src/cotation" letters "$WORK/camp/bench.cot" --out "$WORK/cotation-pdf" >/dev/null; e=$(now)
A=$(echo "$e - $s" | bc -l)
na=$(ls "$WORK/cotation-pdf" | wc -l); a_bytes=$(cat "$WORK"/cotation-pdf/*.pdf | wc -c)

# LibreOffice: the same letters, ODT to PDF, by batches.
mkdir -p "$WORK/lo-pdf"
ls "$WORK"/cotation-odt/*.odt > "$WORK/list"
s=$(now)
xargs -n "$BATCH" -a "$WORK/list" soffice -env:UserInstallation=file://"$WORK/lo-profile" --headless \
    --convert-to pdf --outdir "$WORK/lo-pdf" >/dev/null 2>&1 || true
e=$(now)
B=$(echo "$e - $s" | bc -l)
nb=$(ls "$WORK/lo-pdf" | wc -l); b_bytes=$(cat "$WORK"/lo-pdf/*.pdf 2>/dev/null | wc -c)
# soffice exits 0 even when it failed: count what it wrote.
[ "$nb" -eq "$odt_n" ] || echo "ATTENTION : LibreOffice n'a écrit que $nb PDF sur $odt_n." >&2
[ "$nb" -gt 0 ] || exit 1

ko() { echo "scale=1; $1/1024" | bc -l; }
printf "Lettres de décision, campagne de %d dossiers (%s)\n" "$N" "$(nproc) cœurs"
printf "  %-34s %9s %11s %12s %11s %8s\n" "" "temps" "ms/lettre" "taille" "Ko/lettre" "fichiers"
printf "  %-34s %8.2fs %11.1f %10.0fKo %11.1f %8d\n" "Cotation PDF (ligne de commande)" "$A" "$(echo "1000*$A/$na" | bc -l)" \
    "$(ko "$a_bytes")" "$(echo "$a_bytes/1024/$na" | bc -l)" "$na"
printf "  %-34s %8.2fs %11.1f %10.0fKo %11.1f %8d\n" "Cotation ODT (ligne de commande)" "$O" "$(echo "1000*$O/$odt_n" | bc -l)" \
    "$(ko "$odt_bytes")" "$(echo "$odt_bytes/1024/$odt_n" | bc -l)" "$odt_n"
printf "  %-34s %8.2fs %11.1f %10.0fKo %11.1f %8d\n" "LibreOffice ODT → PDF (lots de $BATCH)" "$B" "$(echo "1000*$B/$nb" | bc -l)" \
    "$(ko "$b_bytes")" "$(echo "$b_bytes/1024/$nb" | bc -l)" "$nb"
printf "  LibreOffice / Cotation PDF : %.1f × plus lent par lettre, %.1f × plus lourd par lettre\n" \
    "$(echo "($B/$nb)/($A/$na)" | bc -l)" "$(echo "($b_bytes/$nb)/($a_bytes/$na)" | bc -l)"
printf "  Cotation PDF + ODT / LibreOffice : %.1f × plus rapide par lettre pour les deux formats\n" \
    "$(echo "($B/$nb)/(($A/$na)+($O/$odt_n))" | bc -l)"
