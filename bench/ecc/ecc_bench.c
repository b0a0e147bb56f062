/* The elliptic-curve operations of a TLS handshake, as a build computes them: through PSA, the
 * way TLS 1.3 calls them (key shares: psa_generate_key + psa_export_public_key; ECDH:
 * psa_raw_key_agreement; CertificateVerify: deterministic ECDSA sign / verify). Linked twice
 * per build: ecc_bench with the build's own arithmetic (src/crypto), ecc_bench_mbedtls with
 * mbedtls' generic ecdh.c/ecdsa.c instead (WASM_SSL_ECC=mbedtls), for before/after figures.
 *
 * One entry point for every build: wssl_bench_ecc(op, iterations) returns the seconds that
 * `iterations` operations took (negative: a PSA error). Natively, main() prints ops/s as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "psa/crypto.h"

#if defined(__wasm__)
#define BENCH_EXPORT __attribute__((visibility("default"), used))
#else
#define BENCH_EXPORT
#endif

enum op { X25519_ECDH, X25519_KEYGEN, P256_ECDH, P256_KEYGEN, P256_SIGN, P256_VERIFY, OPS };
static const char *const op_names[OPS] = {"x25519-ecdh", "x25519-keygen", "p256-ecdh",
                                          "p256-keygen", "p256-sign", "p256-verify"};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* RFC 7748 6.1 (Alice's private key, Bob's public) and RFC 6979 A.2.5 (key and public point). */
static const uint8_t x25519_private[32] = {
    0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45,
    0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a, 0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a};
static const uint8_t x25519_peer[32] = {
    0xde, 0x9e, 0xdb, 0x7d, 0x7b, 0x7d, 0xc1, 0xb4, 0xd3, 0x5b, 0x61, 0xc2, 0xec, 0xe4, 0x35, 0x37,
    0x3f, 0x83, 0x43, 0xc8, 0x5b, 0x78, 0x67, 0x4d, 0xad, 0xfc, 0x7e, 0x14, 0x6f, 0x88, 0x2b, 0x4f};
static const uint8_t p256_private[32] = {
    0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16, 0x6b, 0x5c, 0x21, 0x57, 0x67, 0xb1, 0xd6, 0x93,
    0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8, 0x9b, 0x12, 0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21};
static const uint8_t p256_public[65] = {
    0x04, 0x60, 0xfe, 0xd4, 0xba, 0x25, 0x5a, 0x9d, 0x31, 0xc9, 0x61, 0xeb, 0x74, 0xc6, 0x35, 0x6d,
    0x68, 0xc0, 0x49, 0xb8, 0x92, 0x3b, 0x61, 0xfa, 0x6c, 0xe6, 0x69, 0x62, 0x2e, 0x60, 0xf2, 0x9f,
    0xb6, 0x79, 0x03, 0xfe, 0x10, 0x08, 0xb8, 0xbc, 0x99, 0xa4, 0x1a, 0xe9, 0xe9, 0x56, 0x28, 0xbc,
    0x64, 0xf2, 0xf1, 0xb2, 0x0c, 0x2d, 0x7e, 0x9f, 0x51, 0x77, 0xa3, 0xc2, 0x94, 0xd4, 0x46, 0x22,
    0x99};

static psa_status_t import(psa_key_type_t type, size_t bits, psa_key_usage_t usage,
                           psa_algorithm_t alg, const uint8_t *data, size_t len,
                           mbedtls_svc_key_id_t *id) {
  psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&attributes, type);
  psa_set_key_bits(&attributes, bits);
  psa_set_key_usage_flags(&attributes, usage);
  psa_set_key_algorithm(&attributes, alg);
  if (data == NULL) return psa_generate_key(&attributes, id);
  return psa_import_key(&attributes, data, len, id);
}

#define X25519_PAIR PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY)
#define P256_PAIR PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)
#define P256_PUBLIC PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1)
#define ECDSA PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256)

static psa_status_t once(int op, mbedtls_svc_key_id_t key, const uint8_t *signature) {
  uint8_t out[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE], hash[32] = {1, 2, 3};
  size_t len;
  mbedtls_svc_key_id_t generated;
  psa_status_t status;
  switch (op) {
    case X25519_ECDH:
      return psa_raw_key_agreement(PSA_ALG_ECDH, key, x25519_peer, 32, out, sizeof out, &len);
    case P256_ECDH:
      return psa_raw_key_agreement(PSA_ALG_ECDH, key, p256_public, 65, out, sizeof out, &len);
    case X25519_KEYGEN:
    case P256_KEYGEN:  /* a TLS 1.3 key share */
      status = import(op == X25519_KEYGEN ? X25519_PAIR : P256_PAIR, op == X25519_KEYGEN ? 255 : 256,
                      PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, NULL, 0, &generated);
      if (status == PSA_SUCCESS) status = psa_export_public_key(generated, out, sizeof out, &len);
      psa_destroy_key(generated);
      return status;
    case P256_SIGN:
      return psa_sign_hash(key, ECDSA, hash, 32, out, sizeof out, &len);
    case P256_VERIFY:
      return psa_verify_hash(key, ECDSA, hash, 32, signature, 64);
  }
  return PSA_ERROR_INVALID_ARGUMENT;
}

BENCH_EXPORT double wssl_bench_ecc(int op, int iterations) {
  if (psa_crypto_init() != PSA_SUCCESS || op < 0 || op >= OPS) return -1;
  mbedtls_svc_key_id_t key = MBEDTLS_SVC_KEY_ID_INIT, signer = MBEDTLS_SVC_KEY_ID_INIT;
  uint8_t signature[64], hash[32] = {1, 2, 3};
  size_t len;
  psa_status_t status = PSA_SUCCESS;
  if (op == X25519_ECDH)
    status = import(X25519_PAIR, 255, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, x25519_private, 32, &key);
  if (op == P256_ECDH)
    status = import(P256_PAIR, 256, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, p256_private, 32, &key);
  if (op == P256_SIGN || op == P256_VERIFY)
    status = import(P256_PAIR, 256, PSA_KEY_USAGE_SIGN_HASH, ECDSA, p256_private, 32, &signer);
  if (op == P256_SIGN) key = signer;
  if (op == P256_VERIFY) {
    if (status == PSA_SUCCESS) status = psa_sign_hash(signer, ECDSA, hash, 32, signature, 64, &len);
    if (status == PSA_SUCCESS)
      status = import(P256_PUBLIC, 256, PSA_KEY_USAGE_VERIFY_HASH, ECDSA, p256_public, 65, &key);
  }
  const double start = now();
  for (int i = 0; status == PSA_SUCCESS && i < iterations; i++) status = once(op, key, signature);
  const double seconds = now() - start;
  psa_destroy_key(key);
  if (op == P256_VERIFY) psa_destroy_key(signer);
  return status == PSA_SUCCESS ? seconds : (double)status;
}

#if !defined(__wasm__)
/* ecc_bench [iterations]: {"x25519-ecdh": ops per second, ...} */
int main(int argc, char **argv) {
  const int iterations = argc > 1 ? atoi(argv[1]) : 200;
  printf("{");
  for (int op = 0; op < OPS; op++) {
    wssl_bench_ecc(op, iterations / 10 + 1);  /* warm-up */
    const double seconds = wssl_bench_ecc(op, iterations);
    if (seconds < 0) {
      fprintf(stderr, "ecc_bench: %s failed: PSA status %d\n", op_names[op], (int)seconds);
      return 1;
    }
    printf("%s\"%s\": %.1f", op ? ", " : "", op_names[op], iterations / seconds);
  }
  printf("}\n");
  return 0;
}
#endif
