#!/usr/bin/env bash
# Starts the workbench on the demo campaign under Xvfb and saves a screenshot
# of each main view into OUTDIR (default docs/screenshots).
# Usage: scripts/screenshots.sh [OUTDIR] [BUILD_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/docs/screenshots}")"
BUILD="$(realpath -m "${2:-$ROOT/build/default}")"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export COTATION_DATA_DIR="$ROOT"
"$BUILD/src/cotation" demo "$WORK/demo.cot" >/dev/null

cat > "$WORK/shoot.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
BUILD="$1"; CAMPAIGN="$2"; OUT="$3"
shoot() {
  local name="$1"; shift
  "$BUILD/src/cotation-workbench" "$CAMPAIGN" "$@" &
  local pid=$!
  local shown=""
  for _ in $(seq 1 150); do
    if LC_ALL=C.UTF-8 xwininfo -root -tree 2>/dev/null | grep -q 'Cotation — '; then shown=1; break; fi
    sleep 0.1
  done
  if [ -z "$shown" ]; then
    echo "la fenêtre de l'atelier n'est pas apparue pour la vue $name" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 1.5
  import -window root -crop 1280x800+0+0 +repage "$OUT/$name.png"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "  $OUT/$name.png"
}
shoot 1-dossiers --vue dossiers
shoot 2-dossier --vue dossier --dossier ACT-2023-11
shoot 3-cotation --vue cotation --dossier ACT-2023-02 --evaluateur "Julien Roux (ARS, siège)"
shoot 4-classement --vue classement
shoot 5-nouveau-dossier --vue nouveau-dossier
INNER
chmod +x "$WORK/shoot.sh"
echo "Captures d'écran :"
"$ROOT/scripts/with-xvfb.sh" "$WORK/shoot.sh" "$BUILD" "$WORK/demo.cot" "$OUT"
