#!/usr/bin/env bash
# Fetch the mbedtls 3.6 source as Debian 13's source package, with apt's own client,
# check its SHA-256 against scripts/mbedtls-sha256.txt, and unpack it into
# third_party/mbedtls (ignored by git). Prints the source directory on stdout.
#
# Overrides: MBEDTLS_SOURCE_DIR=/path/to/mbedtls-3.6.x skips all of this.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
dest="$top/third_party/mbedtls"
hashes="$here/mbedtls-sha256.txt"

log() { echo "fetch-mbedtls: $*" >&2; }

if [ -n "${MBEDTLS_SOURCE_DIR:-}" ]; then
  [ -f "$MBEDTLS_SOURCE_DIR/include/mbedtls/ssl.h" ] ||
    { log "MBEDTLS_SOURCE_DIR=$MBEDTLS_SOURCE_DIR has no include/mbedtls/ssl.h"; exit 1; }
  echo "$MBEDTLS_SOURCE_DIR"; exit 0
fi
if [ -f "$dest/.verified" ]; then
  cat "$dest/.verified"; exit 0
fi

# A private apt state: the system's own lists and sources stay untouched.
state="$top/third_party/apt"
mkdir -p "$state/lists/partial" "$state/archives/partial" "$dest"
uri=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
      grep -E '^(URIs:|deb )' | grep -v security | head -1 |
      sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*//' || true)
[ -n "$uri" ] || { log "cannot read a Debian mirror from /etc/apt sources"; exit 1; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb-src [signed-by=$keyring] $uri trixie main" > "$state/sources.list"
apt_opts=(-o Dir::Etc::SourceList="$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o Dir::State::Lists="$state/lists" -o Dir::Cache::Archives="$state/archives"
          -o Dir::State::Status=/dev/null -o Debug::NoLocking=1)
log "apt update (trixie deb-src from $uri, private state in third_party/apt)"
apt-get "${apt_opts[@]}" -qq update >&2
version=$(apt-cache "${apt_opts[@]}" showsrc mbedtls 2>/dev/null | awk '/^Version:/{print $2}' | sort -V | tail -1)
[ -n "$version" ] || { log "apt offers no mbedtls source package for trixie"; exit 1; }
case "$version" in 3.6.*) ;; *) log "trixie offers mbedtls $version, not 3.6.x"; exit 1;; esac
upstream=${version%%-*}
tarball="mbedtls_${upstream}.orig.tar.bz2"
log "mbedtls source package $version"

work="$state/src"; rm -rf "$work"; mkdir -p "$work"
(cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only "mbedtls=$version" >&2)
[ -f "$work/$tarball" ] || { log "apt did not download $tarball"; exit 1; }

actual=$(sha256sum "$work/$tarball" | cut -d' ' -f1)
expected=$(awk -v f="$tarball" '$2 == f {print $1}' "$hashes")
if [ -z "$expected" ]; then
  log "trixie now offers $tarball (sha256 $actual), whose hash is not in scripts/mbedtls-sha256.txt."
  log "To accept it after checking it against upstream's release, add this line there:"
  log "  $actual  $tarball"
  exit 1
fi
[ "$actual" = "$expected" ] || { log "SHA-256 MISMATCH for $tarball: got $actual, expected $expected"; exit 1; }

tar -xjf "$work/$tarball" -C "$dest"
src="$dest/mbedtls-$upstream"
[ -f "$src/include/mbedtls/ssl.h" ] || { log "unpacked tree lacks include/mbedtls/ssl.h"; exit 1; }
rm -rf "$work"
echo "$src" > "$dest/.verified"
log "verified $tarball ($actual) -> $src"
echo "$src"
