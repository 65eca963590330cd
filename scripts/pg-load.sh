#!/usr/bin/env bash
# Load test of a campaign shared on PostgreSQL (issue 15, docs/serveur.md):
# a throw-away cluster on loopback (scripts/pg-cluster.sh), the act-hlm demo
# shared on it, 20 simulated reviewers rating their dossiers for SECONDES,
# then the checks (bench/pg_load.cpp). The cluster is removed whatever happens.
#
#   scripts/pg-load.sh [SECONDES=60] [ÉVALUATEURS=20]
#
# Uses the default build (cmake --preset default); builds the load test if needed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
reviewers=${2:-20}
build=${COTATION_BUILD_DIR:-$here/build/default}
if [ ! -x "$build/bench/cotation_pg_load" ]; then
  cmake --build "$build" --target cotation_pg_load -j2 >/dev/null
fi
state=$(mktemp -d)/pg-cluster.etat
cleanup() { "$here/scripts/pg-cluster.sh" stop "$state" >/dev/null 2>&1 || true; rm -rf "$(dirname "$state")"; }
trap cleanup EXIT
"$here/scripts/pg-cluster.sh" start "$state" >/dev/null
uri=$(sed -n 's/^uri=//p' "$state")
# The throw-away password goes through the environment (PGPASSWORD), not the
# command line that `ps` shows to every account of the machine.
password=$(sed -E 's#^postgresql://[^:/@]+:([^@]+)@.*#\1#' <<<"$uri")
uri=$(sed -E 's#^(postgresql://[^:/@]+):[^@]+@#\1@#' <<<"$uri")
PGPASSWORD=$password COTATION_DATA_DIR=$here "$build/bench/cotation_pg_load" "$uri" "$seconds" "$reviewers"
