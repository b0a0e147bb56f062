// P-256: RFC 6979 A.2.5 signatures, ECDH against the openssl CLI, edge cases and invalid
// points. ecc_differential_test.cpp compares with mbedtls' own code on random inputs.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "crypto/p256.h"
#include "ecc_test_util.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/md.h"
#include "mbedtls/pk.h"
#include "psa/crypto.h"

namespace {

namespace p256 = wssl::crypto::p256;

const char kN[] = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const char kGx[] = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
const char kGy[] = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

// RFC 6979 A.2.5: the key, and (message, k, r, s) with SHA-256.
const char kRfcPrivate[] = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const char kRfcUx[] = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
const char kRfcUy[] = "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
struct RfcSignature {
  const char *message, *k, *r, *s;
};
const RfcSignature kRfcSignatures[] = {
    {"sample", "a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60",
     "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
     "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"},
    {"test", "d16b6ae827f17175e040871a1c7ec3500192c4c92677336ec2537acaee0008e0",
     "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
     "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083"},
};

std::vector<uint8_t> sha256(const std::string &message) {
  std::vector<uint8_t> out(32);
  mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
             reinterpret_cast<const unsigned char *>(message.data()), message.size(), out.data());
  return out;
}

TEST(P256, Rfc6979PublicKeyFromPrivate) {
  uint8_t x[32], y[32];
  ASSERT_TRUE(p256::base_mul(x, y, from_hex(kRfcPrivate).data()));
  EXPECT_EQ(to_hex(x, 32), kRfcUx);
  EXPECT_EQ(to_hex(y, 32), kRfcUy);
}

TEST(P256, Rfc6979A25SignaturesWithTheirNonces) {
  for (const RfcSignature &v : kRfcSignatures) {
    SCOPED_TRACE(v.message);
    uint8_t r[32], s[32];
    ASSERT_TRUE(p256::sign(r, s, from_hex(kRfcPrivate).data(), sha256(v.message).data(),
                           from_hex(v.k).data()));
    EXPECT_EQ(to_hex(r, 32), v.r);
    EXPECT_EQ(to_hex(s, 32), v.s);
    EXPECT_TRUE(p256::verify(from_hex(kRfcUx).data(), from_hex(kRfcUy).data(),
                             sha256(v.message).data(), r, s));
  }
}

// The path TLS and X.509 take: mbedtls' deterministic signing (its HMAC_DRBG draws the nonce)
// and verification, through the ECDSA hooks.
TEST(P256, Rfc6979A25ThroughMbedtlsDeterministicEcdsa) {
  Mbedtls m;
  ASSERT_EQ(mbedtls_mpi_read_binary(&m.d, from_hex(kRfcPrivate).data(), 32), 0);
  ASSERT_EQ(set_point(&m, kRfcUx, kRfcUy), 0);
  for (const RfcSignature &v : kRfcSignatures) {
    SCOPED_TRACE(v.message);
    const std::vector<uint8_t> hash = sha256(v.message);
    ASSERT_EQ(mbedtls_ecdsa_sign_det_ext(&m.group, &m.a, &m.b, &m.d, hash.data(), hash.size(),
                                         MBEDTLS_MD_SHA256, test_f_rng, nullptr), 0);
    EXPECT_EQ(mpi_hex(&m.a), v.r);
    EXPECT_EQ(mpi_hex(&m.b), v.s);
    EXPECT_EQ(mbedtls_ecdsa_verify(&m.group, hash.data(), hash.size(), &m.P, &m.a, &m.b), 0);
    std::vector<uint8_t> other = hash;
    other[31] ^= 1;
    EXPECT_EQ(mbedtls_ecdsa_verify(&m.group, other.data(), other.size(), &m.P, &m.a, &m.b),
              MBEDTLS_ERR_ECP_VERIFY_FAILED);
  }
}

TEST(P256, VerifyRefusesOutOfRangeSignaturesAndBadKeys) {
  const std::vector<uint8_t> hash = sha256("sample");
  const std::vector<uint8_t> ux = from_hex(kRfcUx), uy = from_hex(kRfcUy);
  const std::vector<uint8_t> r = from_hex(kRfcSignatures[0].r), s = from_hex(kRfcSignatures[0].s);
  const std::vector<uint8_t> zero(32, 0), n = from_hex(kN);
  ASSERT_TRUE(p256::verify(ux.data(), uy.data(), hash.data(), r.data(), s.data()));
  EXPECT_FALSE(p256::verify(ux.data(), uy.data(), hash.data(), zero.data(), s.data()));
  EXPECT_FALSE(p256::verify(ux.data(), uy.data(), hash.data(), r.data(), zero.data()));
  EXPECT_FALSE(p256::verify(ux.data(), uy.data(), hash.data(), n.data(), s.data()));
  EXPECT_FALSE(p256::verify(ux.data(), uy.data(), hash.data(), r.data(), n.data()));
  EXPECT_FALSE(p256::verify(ux.data(), uy.data(), hash.data(), s.data(), r.data()));
  std::vector<uint8_t> off_curve = uy;
  off_curve[31] ^= 1;
  EXPECT_FALSE(p256::verify(ux.data(), off_curve.data(), hash.data(), r.data(), s.data()));

  Mbedtls m;  // and through mbedtls: the error codes mbedtls' own verify gives
  ASSERT_EQ(set_point(&m, kRfcUx, to_hex(off_curve.data(), 32)), 0);
  ASSERT_EQ(mbedtls_mpi_read_binary(&m.a, r.data(), 32), 0);
  ASSERT_EQ(mbedtls_mpi_read_binary(&m.b, s.data(), 32), 0);
  EXPECT_EQ(mbedtls_ecdsa_verify(&m.group, hash.data(), 32, &m.P, &m.a, &m.b),
            MBEDTLS_ERR_ECP_INVALID_KEY);
  ASSERT_EQ(set_point(&m, kRfcUx, kRfcUy), 0);
  ASSERT_EQ(mbedtls_mpi_lset(&m.b, 0), 0);
  EXPECT_EQ(mbedtls_ecdsa_verify(&m.group, hash.data(), 32, &m.P, &m.a, &m.b),
            MBEDTLS_ERR_ECP_VERIFY_FAILED);
}

TEST(P256, EdgeScalarsAndPoints) {
  uint8_t x[32], y[32];
  const std::vector<uint8_t> zero(32, 0), n = from_hex(kN);
  std::vector<uint8_t> n_minus_1 = n;
  n_minus_1[31] -= 1;
  EXPECT_FALSE(p256::base_mul(x, y, zero.data()));  // the point at infinity
  EXPECT_FALSE(p256::base_mul(x, y, n.data()));
  ASSERT_TRUE(p256::base_mul(x, y, n_minus_1.data()));  // -G = (Gx, p - Gy)
  EXPECT_EQ(to_hex(x, 32), kGx);
  EXPECT_EQ(to_hex(y, 32), "b01cbd1c01e58065711814b583f061e9d431cca994cea1313449bf97c840ae0a");
  const std::vector<uint8_t> gx = from_hex(kGx), gy = from_hex(kGy);
  EXPECT_FALSE(p256::ecdh(x, zero.data(), gx.data(), gy.data()));
  std::vector<uint8_t> bad_y = gy;
  bad_y[0] ^= 0x80;
  EXPECT_FALSE(p256::ecdh(x, n_minus_1.data(), gx.data(), bad_y.data()));  // off the curve
  const std::vector<uint8_t> p = from_hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
  EXPECT_FALSE(p256::ecdh(x, n_minus_1.data(), p.data(), gy.data()));  // a coordinate >= p
  EXPECT_FALSE(p256::ecdh(x, n_minus_1.data(), zero.data(), zero.data()));
}

// Public key G (d = 1) or -G (d = n - 1): whenever u1's and u2's top digits match, the
// verifier's first addition is P + P or P + (-P), the cases its formulas branch on.
TEST(P256, VerifyWithKeyGeneratorOrMinusGenerator) {
  std::vector<uint8_t> one(32, 0), n_minus_1 = from_hex(kN);
  one[31] = 1;
  n_minus_1[31] -= 1;
  for (const std::vector<uint8_t> *d : {&one, &n_minus_1}) {
    uint8_t qx[32], qy[32];
    ASSERT_TRUE(p256::base_mul(qx, qy, d->data()));
    int checked = 0;
    for (int i = 0; i < 200; i++) {
      uint8_t k[32], e[32], r[32], s[32];
      random_bytes(k, 32);
      k[0] &= 0x7f;  // below n
      random_bytes(e, 32);
      if (!p256::sign(r, s, d->data(), e, k)) continue;
      EXPECT_TRUE(p256::verify(qx, qy, e, r, s)) << i;
      e[0] ^= 0x40;
      EXPECT_FALSE(p256::verify(qx, qy, e, r, s)) << i;
      checked++;
    }
    EXPECT_EQ(checked, 200);
  }
}

// PSA's ECDH as TLS 1.3 calls it; the peer is an uncompressed point.
psa_status_t psa_p256_ecdh(const std::vector<uint8_t> &d, const std::vector<uint8_t> &peer,
                           std::string *secret) {
  return psa_ecdh(PSA_ECC_FAMILY_SECP_R1, 256, d, peer, secret);
}

TEST(P256, PsaRefusesInvalidPeerPoints) {
  const std::vector<uint8_t> d = from_hex(kRfcPrivate);
  std::vector<uint8_t> peer = from_hex(std::string("04") + kGx + kGy);
  std::string secret;
  ASSERT_EQ(psa_p256_ecdh(d, peer, &secret), PSA_SUCCESS);
  EXPECT_EQ(secret, kRfcUx);  // d * G
  peer[64] ^= 1;  // off the curve
  EXPECT_EQ(psa_p256_ecdh(d, peer, &secret), PSA_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(psa_p256_ecdh(d, {0x00}, &secret), PSA_ERROR_INVALID_ARGUMENT);  // infinity
}

std::string run(const std::string &command) {
  std::string out;
  if (FILE *f = popen((command + " 2>&1").c_str(), "r")) {
    char buf[512];
    while (size_t n = fread(buf, 1, sizeof buf, f)) out.append(buf, n);
    EXPECT_EQ(pclose(f), 0) << command << "\n" << out;
  }
  return out;
}

std::vector<uint8_t> read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// d and the uncompressed public point of an openssl-made PEM key, read by mbedtls' parser.
void load_pem(const std::string &path, std::vector<uint8_t> *d, std::vector<uint8_t> *pub) {
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  std::vector<uint8_t> pem = read_file(path);
  pem.push_back(0);
  ASSERT_EQ(mbedtls_pk_parse_key(&pk, pem.data(), pem.size(), nullptr, 0, test_f_rng, nullptr), 0);
  const mbedtls_ecp_keypair *key = mbedtls_pk_ec(pk);
  d->assign(32, 0);
  pub->assign(65, 0);
  size_t len = 0;
  ASSERT_EQ(mbedtls_ecp_write_key_ext(key, &len, d->data(), 32), 0);
  ASSERT_EQ(mbedtls_ecp_write_public_key(key, MBEDTLS_ECP_PF_UNCOMPRESSED, &len, pub->data(), 65), 0);
  mbedtls_pk_free(&pk);
}

TEST(P256, EcdhMatchesOpensslPkeyutlDerive) {
  char dir_template[] = "/tmp/wssl-p256-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  for (int i = 0; i < 8; i++) {
    const std::string a = dir + "/a.pem", b = dir + "/b.pem", b_pub = dir + "/b.pub.pem";
    run("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " + a);
    run("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " + b);
    run("openssl pkey -in " + b + " -pubout -out " + b_pub);
    run("openssl pkeyutl -derive -inkey " + a + " -peerkey " + b_pub + " -out " + dir + "/z.bin");
    const std::vector<uint8_t> expected = read_file(dir + "/z.bin");
    ASSERT_EQ(expected.size(), 32u);
    std::vector<uint8_t> d_a, pub_a, d_b, pub_b;
    load_pem(a, &d_a, &pub_a);
    load_pem(b, &d_b, &pub_b);
    std::string secret;
    ASSERT_EQ(psa_p256_ecdh(d_a, pub_b, &secret), PSA_SUCCESS);
    EXPECT_EQ(secret, to_hex(expected.data(), 32)) << "case " << i;
    uint8_t x[32];
    ASSERT_TRUE(p256::ecdh(x, d_b.data(), pub_a.data() + 1, pub_a.data() + 33));
    EXPECT_EQ(to_hex(x, 32), to_hex(expected.data(), 32)) << "case " << i;
  }
  run("rm -rf " + dir);
}

}  // namespace
