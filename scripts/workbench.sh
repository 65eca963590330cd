#!/usr/bin/env bash
# First README command: installs what is needed, builds, and opens the
# workbench on the demo ACT HLM campaign (created on first run).
# Usage: scripts/workbench.sh [CAMPAIGN.cot]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/install-deps.sh" gui
cd "$ROOT"
cmake --preset default >/dev/null
cmake --build --preset default --target cotation cotation-workbench
CAMPAIGN="${1:-$ROOT/build/demo-act-hlm.cot}"
if [ ! -e "$CAMPAIGN" ]; then
  build/default/src/cotation demo "$CAMPAIGN"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Aucun affichage graphique (DISPLAY) : l'atelier s'ouvre sur un écran virtuel le temps d'une capture."
  exec "$ROOT/scripts/screenshots.sh" "$ROOT/build/screenshots"
fi
exec build/default/src/cotation-workbench "$CAMPAIGN"
