// X25519: the RFC 7748 vectors against src/crypto's ladder and through PSA (the paths TLS 1.3
// takes: psa_raw_key_agreement -> mbedtls_ecdh_calc_secret -> the ECDH hook; key shares ->
// mbedtls_ecp_mul -> the ladder-rung hook), low-order and non-canonical peer values.
// ecc_differential_test.cpp compares with mbedtls' own code on random inputs.
#include <gtest/gtest.h>

#include <cstring>

#include "crypto/x25519.h"
#include "ecc_test_util.h"
#include "psa/crypto.h"

namespace {

using wssl::crypto::x25519;

std::string x25519_hex(const std::string &scalar, const std::string &u) {
  uint8_t out[32];
  x25519(out, from_hex(scalar).data(), from_hex(u).data());
  return to_hex(out, 32);
}

TEST(X25519, Rfc7748Section52Vectors) {
  EXPECT_EQ(x25519_hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                       "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"),
            "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  EXPECT_EQ(x25519_hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                       "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"),
            "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
}

TEST(X25519, Rfc7748Section52IteratedOnceAndAThousandTimes) {
  uint8_t k[32] = {9}, u[32] = {9}, out[32];
  for (int i = 1; i <= 1000; i++) {
    x25519(out, k, u);
    std::memcpy(u, k, 32);
    std::memcpy(k, out, 32);
    if (i == 1) EXPECT_EQ(to_hex(k, 32), "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
  }
  EXPECT_EQ(to_hex(k, 32), "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
}

const char kAlicePrivate[] = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const char kAlicePublic[] = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
const char kBobPrivate[] = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const char kBobPublic[] = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
const char kShared[] = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

TEST(X25519, Rfc7748Section61DiffieHellman) {
  const std::string base = "0900000000000000000000000000000000000000000000000000000000000000";
  EXPECT_EQ(x25519_hex(kAlicePrivate, base), kAlicePublic);
  EXPECT_EQ(x25519_hex(kBobPrivate, base), kBobPublic);
  EXPECT_EQ(x25519_hex(kAlicePrivate, kBobPublic), kShared);
  EXPECT_EQ(x25519_hex(kBobPrivate, kAlicePublic), kShared);
}

// PSA's key agreement as TLS 1.3 calls it; returns the PSA status, the secret in *secret.
psa_status_t psa_x25519(const std::string &private_hex, const std::vector<uint8_t> &peer,
                        std::string *secret) {
  return psa_ecdh(PSA_ECC_FAMILY_MONTGOMERY, 255, from_hex(private_hex), peer, secret);
}

TEST(X25519, Rfc7748Section61ThroughPsaKeyAgreement) {
  std::string secret;
  ASSERT_EQ(psa_x25519(kAlicePrivate, from_hex(kBobPublic), &secret), PSA_SUCCESS);
  EXPECT_EQ(secret, kShared);
  ASSERT_EQ(psa_x25519(kBobPrivate, from_hex(kAlicePublic), &secret), PSA_SUCCESS);
  EXPECT_EQ(secret, kShared);
}

// A TLS 1.3 key share: PSA computes the public key with mbedtls_ecp_mul (mbedtls' ladder,
// src/crypto's rungs). RFC 7748 section 6.1's public keys, then fresh keys against x25519().
std::string psa_public_key(const std::string *private_hex, std::string *private_out) {
  EXPECT_EQ(psa_crypto_init(), PSA_SUCCESS);
  psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&attributes, PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY));
  psa_set_key_bits(&attributes, 255);
  psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT);
  psa_set_key_algorithm(&attributes, PSA_ALG_ECDH);
  mbedtls_svc_key_id_t id;
  if (private_hex != nullptr) {
    const std::vector<uint8_t> key = from_hex(*private_hex);
    EXPECT_EQ(psa_import_key(&attributes, key.data(), key.size(), &id), PSA_SUCCESS);
  } else {
    EXPECT_EQ(psa_generate_key(&attributes, &id), PSA_SUCCESS);
  }
  uint8_t buf[32];
  size_t len = 0;
  EXPECT_EQ(psa_export_public_key(id, buf, sizeof buf, &len), PSA_SUCCESS);
  const std::string public_hex = to_hex(buf, len);
  if (private_out != nullptr) {
    EXPECT_EQ(psa_export_key(id, buf, sizeof buf, &len), PSA_SUCCESS);
    *private_out = to_hex(buf, len);
  }
  psa_destroy_key(id);
  return public_hex;
}

TEST(X25519, KeySharesThroughPsaKeyGeneration) {
  const std::string alice = kAlicePrivate, bob = kBobPrivate;
  EXPECT_EQ(psa_public_key(&alice, nullptr), kAlicePublic);
  EXPECT_EQ(psa_public_key(&bob, nullptr), kBobPublic);
  const std::string base = "0900000000000000000000000000000000000000000000000000000000000000";
  for (int i = 0; i < 50; i++) {
    std::string private_hex;
    const std::string public_hex = psa_public_key(nullptr, &private_hex);
    EXPECT_EQ(public_hex, x25519_hex(private_hex, base)) << "key " << private_hex;
  }
}

// Peer values of small order (0, 1, the two points of order 8, p - 1) and the encodings of 0
// and 1 above p (the others' would need bit 255, which is masked): each would give the all-zero secret of RFC 7748 section 6.1. mbedtls refuses them
// as invalid keys, and so does the hook (the same check, then the all-zero test).
const char *const kLowOrderPeers[] = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p - 1
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p: 0 again
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p + 1: 1 again
};

TEST(X25519, LowOrderPeerValuesGiveZeroAndAreRefused) {
  for (const char *peer : kLowOrderPeers) {
    SCOPED_TRACE(peer);
    EXPECT_EQ(x25519_hex(kAlicePrivate, peer), std::string(64, '0'));
    std::string secret;
    EXPECT_EQ(psa_x25519(kAlicePrivate, from_hex(peer), &secret), PSA_ERROR_INVALID_ARGUMENT);
  }
}

TEST(X25519, NonCanonicalAndHighBitPeerValuesAreReduced) {
  uint8_t k[32], u[32], u_alias[32], a[32], b[32];
  random_bytes(k, 32);
  for (uint8_t small = 2; small < 19; small++) {  // u + p < 2^255 for u < 19
    std::memset(u, 0, 32);
    u[0] = small;
    std::memcpy(u_alias, from_hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f").data(), 32);
    u_alias[0] = uint8_t(0xed + small);
    x25519(a, k, u);
    x25519(b, k, u_alias);
    EXPECT_EQ(to_hex(a, 32), to_hex(b, 32)) << int(small);
  }
  random_bytes(u, 32);
  u[31] &= 0x7f;
  std::memcpy(u_alias, u, 32);
  u_alias[31] |= 0x80;  // RFC 7748 section 5: the top bit is masked
  x25519(a, k, u);
  x25519(b, k, u_alias);
  EXPECT_EQ(to_hex(a, 32), to_hex(b, 32));
}

}  // namespace
