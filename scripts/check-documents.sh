#!/usr/bin/env bash
# Every document of issue 11, end to end, on the three demo campaigns AND on a
# campaign made with `cotation new` from each grid of scoring-grids/ (the
# demo's dossiers and ratings imported, a meeting, the decisions, one request
# for missing pieces): `cotation documents --format both`, then for each file
#  - PDF: qpdf --check, pdffonts (every font an embedded subset with its
#    ToUnicode map), pdftotext gives text back;
#  - ODT: mimetype first and stored, every XML part well-formed;
# and prints the size of each kind of document per campaign (min–max, KB) and
# the pages. Not in CI (it writes ~300 files); run it after touching src/report.
# Needs: a build (build/default), poppler-utils, qpdf, python3.
# Usage: scripts/check-documents.sh [DOSSIER_DE_TRAVAIL]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/build/default/src/cotation"
[ -x "$BIN" ] || { echo "Construisez d'abord : cmake --build --preset default" >&2; exit 2; }
WORK="${1:-$(mktemp -d)}"; mkdir -p "$WORK"
# The acting person is the account's: the demos bind their coordinator to this
# account, and « Coordination », first coordinator of each new campaign, too.
export COTATION_DATA_DIR="$ROOT"
fail=0

# A campaign as a new user makes it, from a grid and the demo's files.
new_campaign() {   # grid demo reference publication deadline committee letters city [pieces-dossier date]
  local f="$WORK/new-$2.cot"; rm -f "$f"
  "$BIN" new "$f" --grid "$ROOT/scoring-grids/$1.xml" --reference "$3" --ville "$8" --signataire "Camille Martin" \
      --param campagne.date_publication="$4" --param campagne.date_limite="$5" \
      --param campagne.date_commission="$6" --param campagne.date_courrier="$7" >/dev/null
  # With $9: that dossier's accounts missing (a piece the authority may ask
  # for), asked for a week after the deadline: its request for pieces.
  if [ -n "${9:-}" ]; then sed "/^$9;/s/ comptes//" "$ROOT/demo/$2/dossiers.csv" > "$WORK/$2-dossiers.csv"
  else cp "$ROOT/demo/$2/dossiers.csv" "$WORK/$2-dossiers.csv"; fi
  "$BIN" import "$f" "$WORK/$2-dossiers.csv" >/dev/null
  "$BIN" rate "$f" "$ROOT/demo/$2/notes.csv" >/dev/null 2>&1
  [ -z "${9:-}" ] || "$BIN" pieces "$f" --dossier "$9" --demander --date "${10}" >/dev/null
  "$BIN" users "$f" --ajouter "Coordination" --role coordinateur >/dev/null
  "$BIN" users "$f" --ajouter "Dominique Présidence" --role commission --voix deliberative >/dev/null
  "$BIN" seance "$f" --date "$6" --president "Dominique Présidence" --civilite Mme --present "Dominique Présidence" \
      --vote "Dominique Présidence=pour" >/dev/null
  # The first two ranked retained, the others not, each after the committee.
  local k=0
  for ref in $("$BIN" rank "$f" 2>/dev/null | grep -oE '[A-Z]+-20[0-9]{2}-[0-9]{2}' | awk '!seen[$0]++'); do
    if [ $k -lt 2 ]; then "$BIN" decide "$f" --dossier "$ref" --decision retenu --date "$7" >/dev/null 2>&1 || true
    else "$BIN" decide "$f" --dossier "$ref" --decision non-retenu --motif "Classement insuffisant au regard des places de l'appel." --date "$7" >/dev/null 2>&1 || true; fi
    k=$((k+1))
  done
  echo "$f"
}

campaigns=()
for call in act-hlm crt uphv; do
  rm -f "$WORK/demo-$call.cot"; "$BIN" demo "$WORK/demo-$call.cot" --appel "$call" >/dev/null
  campaigns+=("$WORK/demo-$call.cot")
done
campaigns+=("$(new_campaign act-hlm-paca-2023 act-hlm "AAC ACT essai" 01/02/2023 28/04/2023 15/06/2023 30/06/2023 Marseille ACT-2023-05 02/05/2023)")
campaigns+=("$(new_campaign crt-2022 crt "AAC CRT essai" 01/07/2022 30/09/2022 15/11/2022 30/11/2022 Bordeaux)")
campaigns+=("$(new_campaign uphv-17-2019 uphv "AAC UPHV essai" 01/07/2019 30/09/2019 15/11/2019 29/11/2019 "La Rochelle")")

printf "%-22s %-20s %4s %15s %6s %13s\n" "campagne" "document" "nb" "PDF (Ko)" "pages" "ODT (Ko)"
for c in "${campaigns[@]}"; do
  name="$(basename "${c%.cot}")"; out="$WORK/docs-$name"; rm -rf "$out"
  "$BIN" documents "$c" --out "$out" --format both >/dev/null 2>"$WORK/$name.err" \
    || { echo "ÉCHEC : cotation documents ($name)"; cat "$WORK/$name.err"; fail=1; continue; }
  # The request for pieces, once its deadline has passed (the batch writes
  # only those awaiting their answer), asked for by its dossier.
  [ "$name" != new-act-hlm ] || "$BIN" pieces "$c" --dossier ACT-2023-05 --out "$out" --format both >/dev/null
  for pdf in "$out"/*.pdf; do
    qpdf --check "$pdf" >/dev/null 2>&1 || { echo "ÉCHEC qpdf --check $pdf"; fail=1; }
    # Every font of the text: embedded (emb yes), a subset (sub yes), with
    # its ToUnicode map (uni yes); the map page's standard Helvetica is not
    # embedded.
    if pdffonts "$pdf" | tail -n +3 | grep -v '^Helvetica' | grep -vqE '\byes +yes +yes\b'; then echo "ÉCHEC pdffonts $pdf"; pdffonts "$pdf"; fail=1; fi
    [ -n "$(pdftotext "$pdf" - | tr -d ' \n\f')" ] || { echo "ÉCHEC pdftotext $pdf : pas de texte"; fail=1; }
  done
  python3 - "$out" <<'PY' || fail=1
import sys, zipfile, glob, xml.dom.minidom
bad = 0
for f in glob.glob(sys.argv[1] + "/*.odt"):
    z = zipfile.ZipFile(f)
    # The first entry in the file (the central directory lists them by name).
    first = min(z.infolist(), key=lambda i: i.header_offset)
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED or z.read("mimetype") != b"application/vnd.oasis.opendocument.text":
        print("ÉCHEC ODT", f, ": mimetype"); bad = 1
    for part in ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"):
        try: xml.dom.minidom.parseString(z.read(part))
        except Exception as e: print("ÉCHEC ODT", f, part, e); bad = 1
    # The committee file's map, as in its PDF (when its text announces it).
    if f.endswith("dossier-commission.odt") and b"La carte est en derni" in z.read("content.xml") and "Pictures/image-1.png" not in z.namelist():
        print("ÉCHEC ODT", f, ": la carte annoncée manque"); bad = 1
sys.exit(bad)
PY
  for kind in lettre arrete demande-pieces compte-rendu dossier-commission proces-verbal; do
    files=("$out"/*-"$kind".pdf); [ -e "${files[0]}" ] || continue
    read -r n min max < <(stat -c %s "${files[@]}" | sort -n | awk '{a[NR]=$1} END {print NR, a[1], a[NR]}')
    read -r pmin pmax < <(for f in "${files[@]}"; do pdfinfo "$f" | awk '/^Pages/{print $2}'; done | sort -n | awk '{a[NR]=$1} END {print a[1], a[NR]}')
    read -r omin omax < <(for f in "${files[@]}"; do stat -c %s "${f%.pdf}.odt"; done | sort -n | awk '{a[NR]=$1} END {print a[1], a[NR]}')
    printf "%-22s %-20s %4d %6.1f – %6.1f %2d–%-2d %5.1f – %5.1f\n" "$name" "$kind" "$n" "$(echo "$min/1024" | bc -l)" \
      "$(echo "$max/1024" | bc -l)" "$pmin" "$pmax" "$(echo "$omin/1024" | bc -l)" "$(echo "$omax/1024" | bc -l)"
  done
done
[ "$fail" -eq 0 ] && echo "Tous les documents : qpdf --check, polices incorporées en sous-ensemble, texte, ODT bien formés."
exit "$fail"
