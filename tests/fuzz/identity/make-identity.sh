#!/usr/bin/env bash
# Makes the fixed identity the fuzz harnesses and the seed recorder share (run once; the
# output is committed). Fixed, because a recorded handshake replays byte for byte only
# against the same certificates and keys; valid for a century, because the fuzzers never
# depend on the date. Only for fuzzing: nothing else trusts this CA.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
ext=$(mktemp); trap 'rm -f "$ext" ./*.csr ./*.srl' EXIT
cat > "$ext" <<'CNF'
[ req ]
distinguished_name = dn
[ dn ]
[ ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign
[ server ]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[ client ]
basicConstraints = CA:FALSE
extendedKeyUsage = clientAuth
CNF
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"; }
rsa() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null; }
signed() {  # NAME CN EXTENSION
  openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days $days \
    -extfile "$ext" -extensions "$3" -out "$1.crt" 2>/dev/null
}
ec ca
openssl req -new -x509 -key ca.key -subj "/CN=wasm-ssl fuzz CA" -days $days -config "$ext" \
  -extensions ca -out ca.crt
ec server && signed server localhost server
rsa server-rsa && signed server-rsa localhost server
ec client && signed client "wasm-ssl fuzz client" client
rm -f ca.key  # nothing more is ever signed with it
