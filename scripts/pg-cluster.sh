#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the store's tests (docs/serveur.md):
# initdb + pg_ctl in a temporary folder, on a free loopback port, run by an
# unprivileged user (PostgreSQL refuses root: as root, the cluster belongs to
# « nobody »). Installs the Debian package postgresql if missing.
#
#   scripts/pg-cluster.sh start [ETAT]   starts it, prints its connection URI
#                                        (and writes it, with its folder, to ETAT)
#   scripts/pg-cluster.sh stop ETAT      stops it and removes its folder
#
# Works without a terminal (CI=true, stdin closed): nothing is asked.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
say() { echo "pg-cluster : $*" >&2; }

install_postgresql() {
  [ -x "$PG_BIN/initdb" ] && return 0
  say "PostgreSQL 15 absent, installation du paquet Debian postgresql…"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql </dev/null >/dev/null
  [ -x "$PG_BIN/initdb" ] || { say "initdb introuvable dans $PG_BIN après installation."; exit 1; }
}

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@" </dev/null
  else
    "$@" </dev/null
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local state=${1:-}
  # A run interrupted before its stop left a cluster behind: it goes first.
  [ -n "$state" ] && [ -f "$state" ] && stop "$state"
  install_postgresql
  # /tmp, not $TMPDIR: « nobody » must be able to reach the folder.
  local dir
  dir=$(mktemp -d /tmp/cotation-pg.XXXXXX)
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir"
  # A password of the moment: the cluster listens on loopback only, but any
  # local account could otherwise connect to it.
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" >"$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir/pwfile"
  if ! as_owner "$PG_BIN/initdb" -D "$dir/data" -U cotation --pwfile="$dir/pwfile" --auth=scram-sha-256 \
       -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
    say "initdb a échoué :"; cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1
  fi
  rm -f "$dir/pwfile"
  # A free port: try random ones; a port taken between the probe and the
  # start makes pg_ctl fail, and the next one is tried.
  local port="" tries
  for tries in 1 2 3 4 5 6 7 8 9 10; do
    local p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_in_use "$p" && continue
    # Durability off: the cluster is thrown away after the tests.
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
         -o "-c listen_addresses=127.0.0.1 -c port=$p -c unix_socket_directories='$dir' -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" >/dev/null 2>&1; then
      port=$p
      break
    fi
  done
  if [ -z "$port" ]; then
    say "le serveur n'a pas démarré :"; tail -20 "$dir/server.log" >&2 || true; rm -rf "$dir"; exit 1
  fi
  PGPASSWORD=$password "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U cotation cotation </dev/null
  local uri="postgresql://cotation:$password@127.0.0.1:$port/cotation"
  if [ -n "$state" ]; then
    mkdir -p "$(dirname "$state")"
    printf 'dossier=%s\nuri=%s\n' "$dir" "$uri" >"$state"
    chmod 600 "$state"
  fi
  echo "$uri"
}

stop() {
  local state=${1:?"pg-cluster : stop attend le fichier d'état donné à start"}
  [ -f "$state" ] || { say "aucun cluster à arrêter ($state absent)."; return 0; }
  local dir
  dir=$(sed -n 's/^dossier=//p' "$state")
  case "$dir" in /tmp/cotation-pg.*) ;; *) say "dossier inattendu dans $state : « $dir »"; exit 1 ;; esac
  if [ -d "$dir/data" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage : $0 start [ETAT] | stop ETAT" >&2; exit 2 ;;
esac
