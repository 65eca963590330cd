#!/usr/bin/env bash
# Tries the package for real: builds it (installer/build-deb.sh) and an
# older version of the same content, makes a fresh Debian 12 root with
# mmdebstrap, and runs installer/inside-root.sh in it: install on a clean
# root, campaigns kept across the upgrade, the CLI on the three demos, the
# documents, the file type and default application, the workbench under Xvfb
# (screenshot), purge leaving nothing. About 3 minutes here, mostly apt.
# Results in build/essai-paquet/ (journal.txt, installe.png); the screenshot
# is also copied to docs/screenshots/installe.png.
# Usage: installer/test-deb.sh [--sans-construction] [--garder-racine]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_FIRST=1
KEEP_ROOT=""
for a in "$@"; do
  case "$a" in
    --sans-construction) BUILD_FIRST="" ;;
    --garder-racine) KEEP_ROOT=1 ;;
    *) echo "usage : installer/test-deb.sh [--sans-construction] [--garder-racine]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "mmdebstrap --mode=root demande d'être root." >&2; exit 2; }
start=$(date +%s)
[ -n "$BUILD_FIRST" ] && "$ROOT/installer/build-deb.sh"
"$ROOT/scripts/install-deps.sh" package >/dev/null

OUT="$ROOT/build/essai-paquet"
RACINE="$ROOT/build/racine-essai"
rm -rf "$OUT" "$RACINE"
mkdir -p "$OUT/paquets"
NEW="$(ls -t "$ROOT"/build/paquet/cotation_*.deb | grep -v '~' | head -1)"
cp "$NEW" "$OUT/paquets/"
# The older package: same content, a lower version (0.1.0~essai1 < 0.1.0).
VERSION="$(dpkg-deb -f "$NEW" Version)"
(cd "$ROOT/build/deb" && cpack -G DEB --config CPackConfig.cmake -B "$OUT/ancien" \
   -D "CPACK_PACKAGE_VERSION=${VERSION}~essai1" >/dev/null)
cp "$OUT"/ancien/cotation_*~essai1_*.deb "$OUT/paquets/"
rm -rf "$OUT/ancien"

echo "== Racine Debian 12 neuve (mmdebstrap) et essai à l'intérieur"
mmdebstrap --variant=apt --mode=root --quiet \
  --customize-hook="copy-in $OUT/paquets /tmp" \
  --customize-hook="copy-in $ROOT/installer/inside-root.sh /tmp" \
  --customize-hook='chroot "$1" bash /tmp/inside-root.sh || true' \
  --customize-hook="copy-out /tmp/resultats $OUT" \
  bookworm "$RACINE"
[ -n "$KEEP_ROOT" ] || rm -rf "$RACINE"

R="$OUT/resultats"
# The workbench's window is 1280×800 at (0,0) (no window manager).
for shot in installe double-clic; do
  [ -f "$R/$shot.xwd" ] && convert "xwd:$R/$shot.xwd" -crop 1280x800+0+0 +repage "$OUT/$shot.png" && rm "$R/$shot.xwd"
done
# The screenshot is kept even when a later check failed.
[ -f "$OUT/installe.png" ] && cp "$OUT/installe.png" "$ROOT/docs/screenshots/installe.png"
if [ ! -f "$R/REUSSI" ]; then
  echo "L'essai du paquet a échoué ; journal : $R/journal.txt" >&2
  exit 1
fi
echo "Essai du paquet réussi en $(( $(date +%s) - start )) s ; journal : $R/journal.txt ;"
echo "capture : docs/screenshots/installe.png (prise dans la racine neuve, programme installé)."
