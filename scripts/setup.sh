#!/usr/bin/env bash
# Installs everything wasm-ssl needs on a fresh Debian 12 machine, and nothing twice:
# Debian packages, the mbedtls 3.6 source (scripts/fetch-mbedtls.sh), npm dependencies from
# the committed lock file. Usage: scripts/setup.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
log() { echo "setup: $*" >&2; }

packages=(
  cmake make g++ libgtest-dev                          # native engine and tests
  emscripten node-acorn binaryen wabt                  # emscripten build, wasm tools
  clang-14 lld-14 wasi-libc libc++-14-dev-wasm32       # the WASI build ("wasi-sdk")
  libc++abi-14-dev-wasm32 libclang-rt-14-dev-wasm32
  libclang-rt-14-dev                                   # libFuzzer and sanitizers (clang)
  dpkg-dev bzip2 ca-certificates                       # apt source download and unpacking
  openssl gnutls-bin                                   # interop peers and test certificates
  libssl-dev valgrind                                  # AES-GCM reference (libcrypto), constant-time check
  chromium                                             # browser tests (driven by playwright-core)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  log "Node.js >= 20 is required (found: $(node --version 2>/dev/null || echo none))"; exit 1
fi

scripts/fetch-mbedtls.sh >/dev/null

# npm dependencies exactly as locked; again only when the lock changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund >&2
fi
log "ready"
