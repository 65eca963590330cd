#!/usr/bin/env bash
# Regenerates data/*.tsv from the npm package @etalab/decoupage-administratif.
# Needs network access to the npm registry; the build itself never does.
set -euo pipefail
VERSION="${1:-6.0.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack "@etalab/decoupage-administratif@$VERSION" >/dev/null && tar xzf ./*.tgz)
node "$ROOT/scripts/convert-reference-data.mjs" "$WORK/package" "$ROOT/data"
cp "$WORK/package/LICENSE" "$ROOT/data/LICENSE.decoupage-administratif"
echo "data/ mis à jour depuis @etalab/decoupage-administratif@$VERSION"
