#!/usr/bin/env bash
# Second README command (and CI): installs what is needed, builds, and runs
# the whole test suite, then again under AddressSanitizer + UBSan.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/install-deps.sh" build
cd "$ROOT"
JOBS="$(nproc)"

echo "== Construction (RelWithDebInfo) =="
cmake --preset default >/dev/null
cmake --build --preset default -j "$JOBS"
# Guard: no suite may silently drop out (see STYLE.md, Aegisub's CI).
listed="$(ctest --preset default -N | grep -c 'Test #' || true)"
if [ "$listed" -lt 80 ]; then
  echo "Seulement $listed tests déclarés : une suite a disparu." >&2
  exit 1
fi

echo "== Construction avec AddressSanitizer + UBSan (sans interface graphique) =="
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$JOBS"
echo "== Tests sous AddressSanitizer + UBSan =="
ctest --preset asan -j "$JOBS"

echo "== Tests (dont l'interface graphique sous Xvfb) =="
ctest --preset default -j "$JOBS"
