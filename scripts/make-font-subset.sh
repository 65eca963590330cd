#!/usr/bin/env bash
# Makes data/fonts/CotationSans{,-Bold}.ttf once, from DejaVu Sans (Debian
# fonts-dejavu-core): only the characters a French administrative letter
# needs — CP1252 (Latin-1 plus œ Œ Ÿ Š š Ž ž, dashes, curly quotes, ellipsis,
# €, bullet), the narrow no-break space U+202F, the minus sign U+2212 and the
# arrow U+2192 —, without hinting.
# libharu 2.3 embeds every table of a TrueType font and only thins the glyph
# table, so a 700 KB DejaVu costs ~55 KB per PDF; this subset ~10 KB (with a
# 7-byte 'prep' table libharu needs, see below).
# The Bitstream Vera licence (data/fonts/LICENCE.txt) allows modified fonts
# only under a name without "Bitstream" or "Vera": the family is renamed
# "Cotation Sans". Needs libharfbuzz-bin (hb-subset) and python3-fonttools.
# Usage: scripts/make-font-subset.sh   (rewrites data/fonts/, commit the result)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}"
OUT="$ROOT/data/fonts"
PY="${PYTHON:-/usr/bin/python3}"
command -v hb-subset >/dev/null || { echo "hb-subset absent : apt-get install libharfbuzz-bin" >&2; exit 2; }
"$PY" -c 'import fontTools' 2>/dev/null || { echo "fontTools absent : apt-get install python3-fonttools" >&2; exit 2; }
# ASCII, Latin-1, the CP1252 additions 0x80-0x9F, U+202F, U+2011 (no-break hyphen),
# U+2212 (minus sign) and U+2192 (arrow), which the PDF writer puts on two bytes
# CP1252 leaves free (src/report/pdf_text.cpp, cp1252_font).
UNICODES="20-7E,A0-FF,152,153,160,161,178,17D,17E,192,2C6,2DC,2013,2014,2018,2019,201A,201C,201D,201E,2020,2021,2022,2026,2030,2039,203A,20AC,2122,202F,2011,2212,2192"
mkdir -p "$OUT"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
for style in "" "-Bold"; do
  # Layout tables (GSUB, GPOS, MATH…) are never read by libharu.
  hb-subset --no-hinting --unicodes="$UNICODES" --name-IDs=0,1,2,4,6,7 --drop-tables+=GDEF,GPOS,GSUB,MATH,gasp --output-file="$TMP/s$style.ttf" "$SRC/DejaVuSans$style.ttf"
  "$PY" - "$TMP/s$style.ttf" "$OUT/CotationSans$style.ttf" "$style" <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
src, dst, style = sys.argv[1], sys.argv[2], sys.argv[3]
f = TTFont(src, recalcTimestamp=False)
sub = "Bold" if style else "Book"
full = "Cotation Sans Bold" if style else "Cotation Sans"
ps = "CotationSans-Bold" if style else "CotationSans"
name = f["name"]
# Keep the copyright (0) and trademark (7) notices as the licence asks; the
# licence text itself (13, 4.7 KB, twice the size of a letter's text once in
# every PDF) is replaced by a pointer to LICENCE.txt, shipped beside the font.
# Every name of the font itself becomes Cotation Sans.
# Short names: the whole table is copied into every PDF.
new = {1: "Cotation Sans", 2: "Bold" if style else "Book", 4: full, 6: ps,
       13: "DejaVu Sans 2.37 subset; licence: LICENCE.txt"}
name.names = [n for n in name.names if n.nameID in (0, 7)]
for nid, text in new.items():
    name.setName(text, nid, 3, 1, 0x409)
for n in name.names:
    if n.nameID not in (0, 7, 13, 14) and ("Vera" in n.toUnicode() or "Bitstream" in n.toUnicode()):
        sys.exit("nom interdit par la licence : %d %s" % (n.nameID, n.toUnicode()))
# libharu 2.3 writes the 13 tables it requires, a missing one empty at the
# current end of the font it rebuilds from the glyphs used; 'prep' comes last.
# Empty there, its checksum pass seeks to the very end of that memory stream,
# which fails (HPDF_INVALID_OBJECT, error 4147) whenever the rebuilt font is a
# multiple of 4096 bytes long: a few texts could not be saved (« - k » in a
# compte rendu, « WWWW WWWW » on a map). A 7-byte 'prep' — dropout control on
# at every size, as unhinted fonts usually carry — keeps every table inside.
# (HPDF_STREAM_BUF_SIZ, the size of its memory blocks.)
from fontTools.ttLib import newTable
from fontTools.ttLib.tables.ttProgram import Program
prep = newTable("prep")
prep.program = Program()
prep.program.fromBytecode(bytes([0xB8, 0x01, 0xFF, 0x85, 0xB0, 0x04, 0x8D]))  # PUSHW 511 SCANCTRL PUSHB 4 SCANTYPE
f["prep"] = prep
f["maxp"].maxStackElements = max(f["maxp"].maxStackElements, 1)
f["head"].created = f["head"].modified = 0x7C25B080   # fixed: reproducible file
f.save(dst, reorderTables=True)
PYEOF
done
ls -l "$OUT"/CotationSans*.ttf
