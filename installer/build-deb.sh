#!/usr/bin/env bash
# Builds the Debian package build/paquet/cotation_VERSION_ARCH.deb (CPack
# DEB) from a clean build with Debian's hardening flags, then checks it:
# lintian, desktop-file-validate, appstreamcli validate --no-net.
# Usage: installer/build-deb.sh [--version VERSION]
#   --version  package version other than the project's (e.g. 0.1.0~essai1,
#              an older package for installer/test-deb.sh's upgrade test)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) VERSION="$2"; shift 2 ;;
    *) echo "usage : installer/build-deb.sh [--version VERSION]" >&2; exit 2 ;;
  esac
done
"$ROOT/scripts/install-deps.sh" package
BUILD="$ROOT/build/deb"
OUT="$ROOT/build/paquet"

# What Debian's own packages get (dpkg-buildflags): -O2, stack protector,
# _FORTIFY_SOURCE, format checks, relro and bindnow; file-prefix-map keeps
# this machine's paths out of the binaries.
export DEB_BUILD_MAINT_OPTIONS="hardening=+all"
CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS) -ffile-prefix-map=$ROOT=."
LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
echo "== Construction (paquet) dans $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_INSTALL_PREFIX=/usr \
      -DCMAKE_CXX_FLAGS="$CXXFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS" \
      -DCOTATION_TESTS=OFF -DCOTATION_BENCH=OFF -DCOTATION_DATA_FROM_SOURCE_TREE=OFF >/dev/null
cmake --build "$BUILD" -j "${JOBS:-2}"

echo "== cpack -G DEB"
mkdir -p "$OUT"
args=(-G DEB --config "$BUILD/CPackConfig.cmake" -B "$OUT")
[ -n "$VERSION" ] && args+=(-D "CPACK_PACKAGE_VERSION=$VERSION")
(cd "$BUILD" && cpack "${args[@]}" >"$OUT/cpack.log") || { cat "$OUT/cpack.log" >&2; exit 1; }
DEB="$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$OUT/cpack.log")"
[ -f "$DEB" ] || { cat "$OUT/cpack.log" >&2; echo "cpack n'a pas produit de .deb" >&2; exit 1; }

echo "== Vérifications"
CHECK="$(mktemp -d)"
trap 'rm -rf "$CHECK"' EXIT
dpkg-deb -x "$DEB" "$CHECK"
desktop-file-validate "$CHECK"/usr/share/applications/*.desktop
appstreamcli validate --no-net "$CHECK"/usr/share/metainfo/*.metainfo.xml | tail -1
echo "-- lintian (les avertissements restants sont expliqués dans installer/README.md) :"
# lintian exits non-zero on errors only (--fail-on error).
lintian --info --display-info --fail-on error "$DEB" | tee "$OUT/lintian.txt" || {
  echo "lintian signale des erreurs." >&2; exit 1; }
[ -s "$OUT/lintian.txt" ] || echo "(rien)"

echo "== Paquet"
echo "$DEB ($(du -k "$DEB" | cut -f1) Kio ; installé : $(dpkg-deb -f "$DEB" Installed-Size) Kio)"
dpkg-deb -f "$DEB" Package Version Architecture Section Depends
