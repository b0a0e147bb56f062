#!/usr/bin/env bash
# Makes every certificate the tests use, with the openssl CLI, at test time (nothing that
# expires is kept in git). Usage: make-certs.sh OUTDIR   (default build/certs)
# Re-runs only when OUTDIR/.done is missing, older than a day, or made by another version of
# this script (.done holds the script's SHA-256, so a new certificate appears without cleaning).
set -euo pipefail
out=${1:-$(cd "$(dirname "$0")/../.." && pwd)/build/certs}
# Test files run in parallel and may ask for the same folder: one maker at a time.
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
version=$(sha256sum "$0" | cut -d' ' -f1)
if [ -f "$out/.done" ] && [ -z "$(find "$out/.done" -mmin +1440)" ] &&
   [ "$(cat "$out/.done")" = "$version" ]; then exit 0; fi
rm -rf "$out"; mkdir -p "$out"; cd "$out"

cat > openssl.cnf <<'EOF'
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_not_ca ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_server ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_server_cn_only ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
[ v3_client ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_client_san ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = $ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_eku ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = $ENV::EKU
subjectAltName = $ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_server_no_aki ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[ v3_leaf_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_leaf_keycertsign ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_ca_bc_noncritical ]
basicConstraints = CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_ca_no_ski ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = none
authorityKeyIdentifier = keyid:always
[ v3_ca_nc ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nameConstraints = $ENV::NC
[ nc_dir ]
O = Allowed Org
[ v3_ca_private_critical ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.55555.1 = critical, ASN1:UTF8String:nobody processes this
[ v3_server_private_critical ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.55555.1 = critical, ASN1:UTF8String:nobody processes this
EOF
mkdir -p newcerts; : > index.txt; echo 1000 > serial
# openssl.cnf reads these even for sections that do not use them.
export SAN=DNS:localhost NC="permitted;DNS:allowed.test" EKU=serverAuth

key() {  # key NAME TYPE(ec|rsa)
  case "$2" in
    ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null ;;
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    rsa1024) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$1.key" 2>/dev/null ;;
  esac
}

# issue NAME ISSUER(self|CA-NAME) CN EXTENSION [SAN] [START END] [MD] [KEYTYPE]
issue() {
  local name=$1 issuer=$2 cn=$3 ext=$4 san=${5:-DNS:localhost} start=${6:-} end=${7:-}
  local md=${8:-sha256} keytype=${9:-ec}
  key "$name" "$keytype"
  local subject="/CN=$cn"
  [[ $cn == /* ]] && subject=$cn  # a whole subject ("/O=.../CN=...")
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr" -config openssl.cnf
  local dates=(-days 30)
  [ -n "$start" ] && dates=(-startdate "$start" -enddate "$end")
  if [ "$issuer" = self ]; then
    SAN=$san openssl ca -batch -config openssl.cnf -selfsign -keyfile "$name.key" \
      -in "$name.csr" -out "$name.crt" -extensions "$ext" -md "$md" -notext -preserveDN "${dates[@]}" 2>/dev/null
  else
    SAN=$san openssl ca -batch -config openssl.cnf -cert "$issuer.crt" -keyfile "$issuer.key" \
      -in "$name.csr" -out "$name.crt" -extensions "$ext" -md "$md" -notext -preserveDN "${dates[@]}" 2>/dev/null
  fi
  openssl x509 -in "$name.crt" -outform DER -out "$name.der"
  openssl pkey -in "$name.key" -outform DER -out "$name.key.der"
  rm -f "$name.csr"
}

localhost_san="DNS:localhost,IP:127.0.0.1,IP:::1"

# The trusted test CA and what it signs.
issue ca self "wasm-ssl Test CA" v3_ca
issue server ca localhost v3_server "$localhost_san"
issue server-rsa ca localhost v3_server "$localhost_san" "" "" sha256 rsa
issue client ca "wasm-ssl test client" v3_client
issue expired ca localhost v3_server "$localhost_san" 20200101000000Z 20210101000000Z
issue not-yet-valid ca localhost v3_server "$localhost_san" 20990101000000Z 20991231000000Z
issue wrong-host ca wrong.example v3_server "DNS:wrong.example"
issue wrong-host-cn-only ca wrong.example v3_server_cn_only
issue client-auth-only ca localhost v3_client
issue sha1 ca localhost v3_server "$localhost_san" "" "" sha1
issue self-signed self localhost v3_server "$localhost_san"

# A chain through an intermediate, and one whose intermediate is not a CA.
issue intermediate ca "wasm-ssl Test Intermediate" v3_ca
issue chained intermediate localhost v3_server "$localhost_san"
cat chained.crt intermediate.crt > chained-bundle.crt
issue not-ca-intermediate ca "wasm-ssl Not-a-CA" v3_not_ca
issue via-not-ca not-ca-intermediate localhost v3_server "$localhost_san"
cat via-not-ca.crt not-ca-intermediate.crt > via-not-ca-bundle.crt
# (chained.crt alone is that chain served without its intermediate.)

# Path building: the intermediate again with the same key but expired, and a decoy with the
# same name but another key; chains that list them before the real one, or put an unrelated
# certificate first. The verifier must find the one path that works.
openssl req -new -key intermediate.key -subj "/CN=wasm-ssl Test Intermediate" -out expired-intermediate.csr -config openssl.cnf
openssl ca -batch -config openssl.cnf -cert ca.crt -keyfile ca.key -in expired-intermediate.csr \
  -out expired-intermediate.crt -extensions v3_ca -notext -preserveDN \
  -startdate 20200101000000Z -enddate 20210101000000Z 2>/dev/null
rm -f expired-intermediate.csr
issue decoy-intermediate ca "wasm-ssl Test Intermediate" v3_ca
cat chained.crt expired-intermediate.crt intermediate.crt > chained-after-expired.crt
cat chained.crt decoy-intermediate.crt intermediate.crt > chained-after-decoy.crt
cat chained.crt server.crt ca.crt intermediate.crt > chained-out-of-order.crt
for name in chained-after-expired chained-after-decoy chained-out-of-order; do cp chained.key $name.key; done

# The same shape in RSA-2048 throughout (root, intermediate, leaf), for the interop matrix.
issue rsa-ca self "wasm-ssl Test RSA CA" v3_ca "" "" "" sha256 rsa
issue rsa-intermediate rsa-ca "wasm-ssl Test RSA Intermediate" v3_ca "" "" "" sha256 rsa
issue chained-rsa rsa-intermediate localhost v3_server "$localhost_san" "" "" sha256 rsa
cat chained-rsa.crt rsa-intermediate.crt > chained-rsa-bundle.crt

# Host-name matching: which kind of subjectAltName entry may name which kind of host.
issue ip-only ca 127.0.0.1 v3_server "IP:127.0.0.1,IP:::1"
issue ip-as-dns ca 127.0.0.1 v3_server "DNS:127.0.0.1,DNS:::1"
issue uri-localhost ca localhost v3_server "URI:localhost,URI:https://localhost/"
issue wildcard ca "*.example.com" v3_server "DNS:*.example.com"
issue wildcard-tld ca example.com v3_server "DNS:*.com,DNS:*.local"
issue partial-wildcard ca foo.example.com v3_server "DNS:f*.example.com,DNS:*.*.example.com"
issue cn-ip-only ca 127.0.0.1 v3_server_cn_only

# Extended key usage on the leaf: only another purpose, both TLS purposes, "any" alone.
EKU=codeSigning issue eku-code-signing ca localhost v3_eku "$localhost_san"
EKU=serverAuth,clientAuth issue eku-both ca localhost v3_eku "$localhost_san"
EKU=anyExtendedKeyUsage issue eku-any ca localhost v3_eku "$localhost_san"

# x509_issue NAME SERIAL [EXTENSION SAN]: CN=localhost from the test CA with `openssl x509 -req`,
# for what `openssl ca` will not make: a chosen serial; no extensions at all (X.509 v1).
x509_issue() {
  local name=$1 serial=$2 ext=${3:-} san=${4:-DNS:localhost}
  key "$name" ec
  openssl req -new -key "$name.key" -subj "/CN=localhost" -out "$name.csr" -config openssl.cnf
  local extensions=()
  [ -n "$ext" ] && extensions=(-extfile openssl.cnf -extensions "$ext")
  SAN=$san openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -set_serial "$serial" \
    -days 30 "${extensions[@]}" -out "$name.crt" 2>/dev/null
  openssl x509 -in "$name.crt" -outform DER -out "$name.der"
  rm -f "$name.csr"
}

# What the strict profile refuses and the compat one (MicroPython's) accepts, one rule each.
x509_issue strict-v1 0x5001
x509_issue strict-serial-zero 0 v3_server "$localhost_san"
x509_issue strict-serial-long 0x0102030405060708090a0b0c0d0e0f101112131415 v3_server "$localhost_san"
issue strict-leaf-ca ca localhost v3_leaf_ca "$localhost_san"
issue strict-leaf-keycertsign ca localhost v3_leaf_keycertsign "$localhost_san"
issue strict-rsa-1024 ca localhost v3_server "$localhost_san" "" "" sha256 rsa1024
issue strict-no-aki ca localhost v3_server_no_aki "$localhost_san"
issue strict-cn-not-in-san ca other.example v3_server "DNS:localhost"
issue strict-bad-dns-san ca localhost v3_server "DNS:localhost,DNS:bad!name.localhost"
issue strict-bc-noncritical-int ca "wasm-ssl Non-critical BC Intermediate" v3_ca_bc_noncritical
issue strict-via-bc-noncritical strict-bc-noncritical-int localhost v3_server "$localhost_san"
issue strict-no-ski-int ca "wasm-ssl No SKI Intermediate" v3_ca_no_ski
issue strict-via-no-ski strict-no-ski-int localhost v3_server_no_aki "$localhost_san"

# served_chain NAME INTERMEDIATE: NAME-chain.crt (leaf, then intermediate) + NAME-chain.key,
# what a server presents.
served_chain() {
  cat "$1.crt" "$2.crt" > "$1-chain.crt"
  cp "$1.key" "$1-chain.key"
}

# Name constraints (RFC 5280 4.2.1.10) on intermediates, critical and not.
NC="permitted;DNS:allowed.test" issue nc-int ca "NC Intermediate (allowed.test)" v3_ca_nc
issue nc-ok nc-int www.allowed.test v3_server "DNS:www.allowed.test,DNS:allowed.test"
issue nc-bad nc-int localhost v3_server "DNS:localhost"
issue nc-cn-only nc-int localhost v3_server_cn_only
NC="critical,permitted;DNS:allowed.test,permitted;IP:127.0.0.0/255.0.0.0" \
  issue nc-crit-int ca "NC Intermediate (critical)" v3_ca_nc
issue nc-crit-ok nc-crit-int www.allowed.test v3_server "DNS:www.allowed.test,IP:127.0.0.1"
issue nc-crit-bad-ip nc-crit-int www.allowed.test v3_server "DNS:www.allowed.test,IP:10.0.0.1"
NC="critical,excluded;DNS:evil.test,excluded;IP:::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" \
  issue nc-ex-int ca "NC Intermediate (excluded)" v3_ca_nc
issue nc-ex-ok nc-ex-int localhost v3_server "DNS:localhost,IP:127.0.0.1"
issue nc-ex-bad nc-ex-int www.evil.test v3_server "DNS:www.evil.test"
issue nc-ex-v6 nc-ex-int localhost v3_server "DNS:localhost,IP:::1"
NC="critical,permitted;dirName:nc_dir" issue nc-dir-int ca "NC Intermediate (directory)" v3_ca_nc
issue nc-dir-ok nc-dir-int "/O=Allowed Org/CN=localhost" v3_server "DNS:localhost"
issue nc-dir-bad nc-dir-int "/O=Other Org/CN=localhost" v3_server "DNS:localhost"
NC="critical,permitted;email:allowed.test" issue nc-mail-int ca "NC Intermediate (email)" v3_ca_nc
issue nc-mail-ok-client nc-mail-int "wasm-ssl test client" v3_client_san "email:me@allowed.test"
issue nc-mail-bad-client nc-mail-int "wasm-ssl test client" v3_client_san "email:me@evil.test"
for leaf in nc-ok nc-bad nc-cn-only; do served_chain $leaf nc-int; done
for leaf in nc-crit-ok nc-crit-bad-ip; do served_chain $leaf nc-crit-int; done
for leaf in nc-ex-ok nc-ex-bad nc-ex-v6; do served_chain $leaf nc-ex-int; done
for leaf in nc-dir-ok nc-dir-bad; do served_chain $leaf nc-dir-int; done
for leaf in nc-mail-ok-client nc-mail-bad-client; do served_chain $leaf nc-mail-int; done
served_chain strict-via-bc-noncritical strict-bc-noncritical-int
served_chain strict-via-no-ski strict-no-ski-int
served_chain chained-rsa rsa-intermediate

# A critical extension nobody processes: on a trusted root (bundled with the test CA), and on
# a leaf from the test CA.
issue private-critical-ca self "wasm-ssl Private Critical CA" v3_ca_private_critical
issue via-private-critical private-critical-ca localhost v3_server "$localhost_san"
issue private-critical-leaf ca localhost v3_server_private_critical "$localhost_san"
cat private-critical-ca.crt ca.crt > ca-with-private-critical.pem

# Another CA that nobody trusts, and a server certificate from it.
issue other-ca self "wasm-ssl Untrusted CA" v3_ca
issue untrusted other-ca localhost v3_server "$localhost_san"

# Certificates whose signature is corrupted (last byte of the signature flipped).
corrupt_signature() {  # corrupt_signature FROM TO
  cp "$1.der" "$2.der"
  local size last
  size=$(stat -c %s "$2.der")
  last=$(od -An -tu1 -j $((size - 1)) -N1 "$2.der" | tr -d ' ')
  printf "\\$(printf '%03o' $(( last ^ 0xff )))" |
    dd of="$2.der" bs=1 seek=$((size - 1)) conv=notrunc 2>/dev/null
  openssl x509 -inform DER -in "$2.der" -out "$2.crt"
  cp "$1.key" "$2.key"
}
corrupt_signature server bad-signature

# The same faults in client certificates (clientAuth EKU), for servers that check them.
client_cn="wasm-ssl test client"
issue expired-client ca "$client_cn" v3_client "" 20200101000000Z 20210101000000Z
issue not-yet-valid-client ca "$client_cn" v3_client "" 20990101000000Z 20991231000000Z
issue untrusted-client other-ca "$client_cn" v3_client
issue self-signed-client self "$client_cn" v3_client
issue sha1-client ca "$client_cn" v3_client "" "" "" sha1
issue chained-client intermediate "$client_cn" v3_client
issue via-not-ca-client not-ca-intermediate "$client_cn" v3_client
corrupt_signature client bad-signature-client

# cadata forms: PEM bundle, concatenated DER.
cat other-ca.crt ca.crt > ca-bundle.pem
cat other-ca.der ca.der > ca-bundle.der
# A PKCS#8 key (openssl genpkey already writes PKCS#8) and a SEC1 one.
openssl ec -in server.key -out server-sec1.key 2>/dev/null

echo "$version" > .done
