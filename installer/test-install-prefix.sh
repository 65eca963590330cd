#!/usr/bin/env bash
# ctest install.prefix: `cmake --install` into a scratch prefix, then the
# installed program must read its data from PREFIX/share/cotation, not from
# the source tree: a demo removed from the prefix (but still in the source
# tree) must be missing, the others must work. Also checks the desktop files
# with the Debian validators when they are installed.
# Usage: installer/test-install-prefix.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
BUILD="$1"
SRC="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PREFIX="$WORK/prefix"
cmake --install "$BUILD" --prefix "$PREFIX" >/dev/null
unset COTATION_DATA_DIR
fail() { echo "ÉCHEC : $*" >&2; exit 1; }

for f in bin/cotation share/cotation/scoring-grids/act-hlm-paca-2023.xml share/cotation/forms/crt-2022.xml \
         share/cotation/templates/lettre-retenu.txt share/cotation/data/communes.tsv \
         share/cotation/demo/uphv/campagne.txt share/doc/cotation/copyright share/doc/cotation/changelog.gz \
         share/doc/cotation/README.md share/man/man1/cotation.1.gz; do
  [ -e "$PREFIX/$f" ] || fail "$f n'est pas installé"
done
# Every data folder of the source tree is installed, procedures/ included once it exists.
for d in scoring-grids forms templates data demo procedures; do
  [ ! -d "$SRC/$d" ] || [ -d "$PREFIX/share/cotation/$d" ] || fail "$d/ n'est pas installé"
done

rm -r "$PREFIX/share/cotation/demo/uphv"
out="$("$PREFIX/bin/cotation" demo "$WORK/u.cot" --appel uphv 2>&1)" && fail "la démo uphv retirée du préfixe a été trouvée ailleurs : $out"
grep -q "uphv" <<<"$out" || fail "message inattendu : $out"
"$PREFIX/bin/cotation" demo "$WORK/c.cot" --appel crt >/dev/null
# The demo has a team: its coordinator reads the ranking (who reads is said).
coord="$("$PREFIX/bin/cotation" users "$WORK/c.cot" | sed -n 's/ — coordonnateur.*//p' | head -1)"
grep -q "CRT" <<<"$(COTATION_UTILISATEUR="$coord" "$PREFIX/bin/cotation" rank "$WORK/c.cot")" || fail "classement CRT vide"

grep -q '^\.TH COTATION 1' <<<"$(gzip -dc "$PREFIX/share/man/man1/cotation.1.gz")" || fail "page de manuel de cotation illisible"
if [ -e "$PREFIX/bin/cotation-workbench" ]; then
  for f in share/applications/fr.cotation.Cotation.desktop share/mime/packages/cotation.xml \
           share/metainfo/fr.cotation.Cotation.metainfo.xml share/icons/hicolor/scalable/apps/cotation.svg \
           share/man/man1/cotation-workbench.1.gz; do
    [ -e "$PREFIX/$f" ] || fail "$f n'est pas installé"
  done
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$PREFIX/share/applications/fr.cotation.Cotation.desktop"
  fi
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$PREFIX/share/metainfo/fr.cotation.Cotation.metainfo.xml" >/dev/null \
      || fail "appstreamcli validate --no-net refuse la description AppStream"
  fi
fi
echo "Installation dans un préfixe : les programmes lisent leurs données dans $PREFIX/share/cotation."
