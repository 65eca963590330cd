#!/usr/bin/env bash
# Installs the Debian 12 packages Cotation needs (idempotent). Runs apt-get
# only when something is missing; uses sudo when not root.
# Usage: scripts/install-deps.sh [build|gui|package]
set -euo pipefail
PACKAGES=(g++ cmake ninja-build pkg-config
          libwxgtk3.2-dev libsqlite3-dev libhpdf-dev libpoco-dev libproj-dev libcairo2-dev libgtest-dev libcli11-dev
          fonts-dejavu-core poppler-utils qpdf xvfb xauth x11-utils
          clang libclang-rt-14-dev)   # libFuzzer targets (scripts/fuzz.sh, run briefly by CI)
# wxWidgets' own French catalog: stock buttons and dialogs in French.
PACKAGES+=(wx3.2-i18n)
# scripts/crash-test.sh checks each killed campaign with the sqlite3 command (PRAGMA integrity_check).
PACKAGES+=(sqlite3)
# Packing the PDF into object streams (src/report/pdf_pack.cpp).
PACKAGES+=(libqpdf-dev)
# Unicode normalisation (NFC) of names and identifiers (src/core/french.cpp, trial 13d F3).
PACKAGES+=(libicu-dev)
# A logo decoded to its end before the PDF engine reads it (src/io/png_check.cpp).
PACKAGES+=(zlib1g-dev)
# The ODT packages' central directory read as a user's tool reads it (tests/test_document_formats.cpp).
PACKAGES+=(unzip)
# PostgreSQL back end (docs/serveur.md): the client library to build, the
# server to run the store's suite against a throw-away cluster (scripts/pg-cluster.sh).
PACKAGES+=(libpq-dev postgresql)
[ "${1:-build}" = "gui" ] && PACKAGES+=(imagemagick)
# scripts/pg-screenshot.sh: two workbenches placed side by side.
[ "${1:-build}" = "gui" ] && PACKAGES+=(xdotool)
# installer/build-deb.sh and installer/test-deb.sh: package, check it, try it in a fresh root.
[ "${1:-build}" = "package" ] && PACKAGES+=(dpkg-dev file librsvg2-bin lintian desktop-file-utils appstream
                                           mmdebstrap imagemagick)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Paquets Debian : tous présents."
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installation des paquets Debian : ${missing[*]}"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
echo "Paquets Debian installés."
