// AES and AES-GCM as the build provides them (src/crypto: bitsliced AES, table-free GHASH; or
// mbedtls' own with -DWASM_SSL_CRYPTO=mbedtls), through mbedtls' public API: the known answers
// of FIPS-197 and of the GCM specification (McGrew and Viega, test cases 1-18, 128/192/256-bit
// keys, 8- and 60-byte IVs besides 12), then OpenSSL's libcrypto as an independent reference over
// many random inputs, fed in random pieces; and bad input, which must be a clear error.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "mbedtls/aes.h"
#include "mbedtls/gcm.h"

namespace {

using Bytes = std::vector<unsigned char>;

Bytes hex(const char *s) {
  Bytes out;
  for (size_t i = 0; s[i] != 0 && s[i + 1] != 0; i += 2) {
    out.push_back(static_cast<unsigned char>(std::stoi(std::string(s + i, 2), nullptr, 16)));
  }
  return out;
}

std::string to_hex(const unsigned char *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) s += {digits[p[i] >> 4], digits[p[i] & 15]};
  return s;
}
std::string to_hex(const Bytes &b) { return to_hex(b.data(), b.size()); }

struct GcmVector {
  int number;
  const char *key, *iv, *aad, *plain, *cipher, *tag;
};

const GcmVector kGcmVectors[] = {
    {1,
      "00000000000000000000000000000000",
      "000000000000000000000000",
      "",
      "",
      "",
      "58e2fccefa7e3061367f1d57a4e7455a"},
    {2,
      "00000000000000000000000000000000",
      "000000000000000000000000",
      "",
      "00000000000000000000000000000000",
      "0388dace60b6a392f328c2b971b2fe78",
      "ab6e47d42cec13bdf53a67b21257bddf"},
    {3,
      "feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbaddecaf888",
      "",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
      "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
      "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
      "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {4,
      "feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbaddecaf888",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
      "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
      "5bc94fbc3221a5db94fae95ae7121a47"},
    {5,
      "feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbad",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423"
      "73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598",
      "3612d2e79e3b0785561be14aaca2fccb"},
    {6,
      "feffe9928665731c6d6a8f9467308308",
      "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
      "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
      "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
      "619cc5aefffe0bfa462af43c1699d050"},
    {7,
      "000000000000000000000000000000000000000000000000",
      "000000000000000000000000",
      "",
      "",
      "",
      "cd33b28ac773f74ba00ed1f312572435"},
    {8,
      "000000000000000000000000000000000000000000000000",
      "000000000000000000000000",
      "",
      "00000000000000000000000000000000",
      "98e7247c07f0fe411c267e4384b0f600",
      "2ff58d80033927ab8ef4d4587514f0fb"},
    {9,
      "feffe9928665731c6d6a8f9467308308feffe9928665731c",
      "cafebabefacedbaddecaf888",
      "",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
      "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
      "7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710acade256",
      "9924a7c8587336bfb118024db8674a14"},
    {10,
      "feffe9928665731c6d6a8f9467308308feffe9928665731c",
      "cafebabefacedbaddecaf888",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
      "7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710",
      "2519498e80f1478f37ba55bd6d27618c"},
    {11,
      "feffe9928665731c6d6a8f9467308308feffe9928665731c",
      "cafebabefacedbad",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "0f10f599ae14a154ed24b36e25324db8c566632ef2bbb34f8347280fc4507057"
      "fddc29df9a471f75c66541d4d4dad1c9e93a19a58e8b473fa0f062f7",
      "65dcc57fcf623a24094fcca40d3533f8"},
    {12,
      "feffe9928665731c6d6a8f9467308308feffe9928665731c",
      "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
      "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "d27e88681ce3243c4830165a8fdcf9ff1de9a1d8e6b447ef6ef7b79828666e45"
      "81e79012af34ddd9e2f037589b292db3e67c036745fa22e7e9b7373b",
      "dcf566ff291c25bbb8568fc3d376a6d9"},
    {13,
      "0000000000000000000000000000000000000000000000000000000000000000",
      "000000000000000000000000",
      "",
      "",
      "",
      "530f8afbc74536b9a963b4f1c4cb738b"},
    {14,
      "0000000000000000000000000000000000000000000000000000000000000000",
      "000000000000000000000000",
      "",
      "00000000000000000000000000000000",
      "cea7403d4d606b6e074ec5d3baf39d18",
      "d0d1c8a799996bf0265b98b5d48ab919"},
    {15,
      "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbaddecaf888",
      "",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
      "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
      "b094dac5d93471bdec1a502270e3cc6c"},
    {16,
      "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbaddecaf888",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
      "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
      "76fc6ece0f4e1768cddf8853bb2d551b"},
    {17,
      "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbad",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0"
      "feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f",
      "3a337dbf46a792c45e454913fe2ea8f2"},
    {18,
      "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
      "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
      "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
      "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f",
      "a44a8266ee1c8eb0c8b5d4cf5ae9f19a"},
};

Bytes aes_ecb(const Bytes &key, const Bytes &block) {
  mbedtls_aes_context aes;
  mbedtls_aes_init(&aes);
  Bytes out(16);
  EXPECT_EQ(0, mbedtls_aes_setkey_enc(&aes, key.data(), static_cast<unsigned>(8 * key.size())));
  EXPECT_EQ(0, mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_ENCRYPT, block.data(), out.data()));
  mbedtls_aes_free(&aes);
  return out;
}

// FIPS-197 appendix B (the cipher example) and C.1-C.3 (one block per key size).
TEST(AesKnownAnswers, Fips197AppendixVectors) {
  EXPECT_EQ("3925841d02dc09fbdc118597196a0b32",
            to_hex(aes_ecb(hex("2b7e151628aed2a6abf7158809cf4f3c"), hex("3243f6a8885a308d313198a2e0370734"))));
  const Bytes plain = hex("00112233445566778899aabbccddeeff");
  EXPECT_EQ("69c4e0d86a7b0430d8cdb78070b4c55a",
            to_hex(aes_ecb(hex("000102030405060708090a0b0c0d0e0f"), plain)));
  EXPECT_EQ("dda97ca4864cdfe06eaf70a0ec0d7191",
            to_hex(aes_ecb(hex("000102030405060708090a0b0c0d0e0f1011121314151617"), plain)));
  EXPECT_EQ("8ea2b7ca516745bfeafc49904b496089",
            to_hex(aes_ecb(hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), plain)));
}

TEST(GcmKnownAnswers, SpecificationTestCases1To18BothWays) {
  for (const GcmVector &v : kGcmVectors) {
    SCOPED_TRACE("test case " + std::to_string(v.number));
    const Bytes key = hex(v.key), iv = hex(v.iv), aad = hex(v.aad), plain = hex(v.plain);
    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    ASSERT_EQ(0, mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key.data(),
                                    static_cast<unsigned>(8 * key.size())));
    Bytes sealed(plain.size() + 1), tag(16);
    ASSERT_EQ(0, mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, plain.size(), iv.data(),
                                           iv.size(), aad.data(), aad.size(), plain.data(),
                                           sealed.data(), tag.size(), tag.data()));
    sealed.resize(plain.size());
    EXPECT_EQ(v.cipher, to_hex(sealed));
    EXPECT_EQ(v.tag, to_hex(tag));
    Bytes opened(plain.size() + 1);
    EXPECT_EQ(0, mbedtls_gcm_auth_decrypt(&gcm, sealed.size(), iv.data(), iv.size(), aad.data(),
                                          aad.size(), tag.data(), tag.size(), sealed.data(),
                                          opened.data()));
    opened.resize(plain.size());
    EXPECT_EQ(v.plain, to_hex(opened));
    mbedtls_gcm_free(&gcm);
  }
}

// OpenSSL's AES-GCM: the reference for the random comparisons.
struct OpenSslGcm {
  Bytes sealed, tag;
  OpenSslGcm(const Bytes &key, const Bytes &iv, const Bytes &aad, const Bytes &plain) : tag(16) {
    const EVP_CIPHER *cipher = key.size() == 16   ? EVP_aes_128_gcm()
                               : key.size() == 24 ? EVP_aes_192_gcm()
                                                  : EVP_aes_256_gcm();
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n = 0;
    sealed.resize(plain.size() + 16);
    EXPECT_EQ(1, EVP_EncryptInit_ex(ctx, cipher, nullptr, nullptr, nullptr));
    EXPECT_EQ(1, EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr));
    EXPECT_EQ(1, EVP_EncryptInit_ex(ctx, nullptr, nullptr, key.data(), iv.data()));
    if (!aad.empty()) EXPECT_EQ(1, EVP_EncryptUpdate(ctx, nullptr, &n, aad.data(), static_cast<int>(aad.size())));
    EXPECT_EQ(1, EVP_EncryptUpdate(ctx, sealed.data(), &n, plain.data(), static_cast<int>(plain.size())));
    int rest = 0;
    EXPECT_EQ(1, EVP_EncryptFinal_ex(ctx, sealed.data() + n, &rest));
    sealed.resize(static_cast<size_t>(n + rest));
    EXPECT_EQ(1, EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag.data()));
    EVP_CIPHER_CTX_free(ctx);
  }
};

Bytes random_bytes(std::mt19937 &rng, size_t n) {
  Bytes b(n);
  for (auto &x : b) x = static_cast<unsigned char>(rng());
  return b;
}

size_t random_length(std::mt19937 &rng, size_t max) {
  // Lengths near 0 and near block and batch boundaries are the interesting ones: a third of
  // the draws are small.
  return rng() % 3 == 0 ? rng() % 34 : rng() % (max + 1);
}

TEST(GcmAgainstOpenSsl, RandomKeysIvsAadAndTextsInRandomPieces) {
  std::mt19937 rng(20261129);
  for (int round = 0; round < 1500; ++round) {
    const size_t key_len = 16 + 8 * (rng() % 3);
    const size_t iv_len = rng() % 2 == 0 ? 12 : 1 + rng() % 80;
    const Bytes key = random_bytes(rng, key_len), iv = random_bytes(rng, iv_len);
    const Bytes aad = random_bytes(rng, random_length(rng, 100));
    const Bytes plain = random_bytes(rng, random_length(rng, 2100));
    SCOPED_TRACE("round " + std::to_string(round) + ": key " + to_hex(key) + " iv " + to_hex(iv) +
                 " aad " + std::to_string(aad.size()) + " text " + std::to_string(plain.size()));
    const OpenSslGcm expected(key, iv, aad, plain);

    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    ASSERT_EQ(0, mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key.data(), static_cast<unsigned>(8 * key_len)));
    // Streaming, in pieces of random sizes: the additional data, then the text.
    const int mode = round % 2 == 0 ? MBEDTLS_GCM_ENCRYPT : MBEDTLS_GCM_DECRYPT;
    const Bytes &in = mode == MBEDTLS_GCM_ENCRYPT ? plain : expected.sealed;
    const Bytes &want = mode == MBEDTLS_GCM_ENCRYPT ? expected.sealed : plain;
    ASSERT_EQ(0, mbedtls_gcm_starts(&gcm, mode, iv.data(), iv.size()));
    for (size_t at = 0; at < aad.size();) {
      const size_t n = std::min(aad.size() - at, static_cast<size_t>(1 + rng() % 40));
      ASSERT_EQ(0, mbedtls_gcm_update_ad(&gcm, aad.data() + at, n));
      at += n;
    }
    Bytes out(in.size());
    for (size_t at = 0; at < in.size();) {
      const size_t n = std::min(in.size() - at, static_cast<size_t>(rng() % 300));
      size_t produced = 0;
      ASSERT_EQ(0, mbedtls_gcm_update(&gcm, in.data() + at, n, out.data() + at, n, &produced));
      ASSERT_EQ(n, produced);
      at += n;
    }
    Bytes tag(16);
    size_t none = 1;
    ASSERT_EQ(0, mbedtls_gcm_finish(&gcm, nullptr, 0, &none, tag.data(), tag.size()));
    EXPECT_EQ(0u, none);
    EXPECT_EQ(to_hex(want), to_hex(out));
    EXPECT_EQ(to_hex(expected.tag), to_hex(tag));

    // One shot, in place, with a truncated tag; then the same opened, and refused when altered.
    Bytes buf = plain, tag12(12);
    ASSERT_EQ(0, mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, buf.size(), iv.data(), iv.size(),
                                           aad.data(), aad.size(), buf.data(), buf.data(), 12, tag12.data()));
    EXPECT_EQ(to_hex(expected.sealed), to_hex(buf));
    EXPECT_EQ(to_hex(expected.tag).substr(0, 24), to_hex(tag12));
    ASSERT_EQ(0, mbedtls_gcm_auth_decrypt(&gcm, buf.size(), iv.data(), iv.size(), aad.data(), aad.size(),
                                          tag12.data(), 12, buf.data(), buf.data()));
    EXPECT_EQ(to_hex(plain), to_hex(buf));
    Bytes altered = expected.sealed, opened(altered.size());
    Bytes bad_tag = expected.tag;
    if (!altered.empty()) altered[rng() % altered.size()] ^= static_cast<unsigned char>(1 + rng() % 255);
    else bad_tag[rng() % 16] ^= 0x80;
    EXPECT_EQ(MBEDTLS_ERR_GCM_AUTH_FAILED,
              mbedtls_gcm_auth_decrypt(&gcm, altered.size(), iv.data(), iv.size(), aad.data(), aad.size(),
                                       bad_tag.data(), 16, altered.data(), opened.data()));
    EXPECT_EQ(Bytes(opened.size(), 0), opened) << "nothing of a refused text is released";
    mbedtls_gcm_free(&gcm);
    if (HasFailure()) break;
  }
}

TEST(AesAgainstOpenSsl, RandomKeysAndBlocks) {
  std::mt19937 rng(197);
  for (int round = 0; round < 3000; ++round) {
    const Bytes key = random_bytes(rng, 16 + 8 * (rng() % 3)), block = random_bytes(rng, 16);
    const EVP_CIPHER *cipher = key.size() == 16   ? EVP_aes_128_ecb()
                               : key.size() == 24 ? EVP_aes_192_ecb()
                                                  : EVP_aes_256_ecb();
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    Bytes want(32);
    int n = 0;
    EXPECT_EQ(1, EVP_EncryptInit_ex(ctx, cipher, nullptr, key.data(), nullptr));
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    EXPECT_EQ(1, EVP_EncryptUpdate(ctx, want.data(), &n, block.data(), 16));
    EVP_CIPHER_CTX_free(ctx);
    want.resize(16);
    ASSERT_EQ(to_hex(want), to_hex(aes_ecb(key, block))) << "key " << to_hex(key) << " block " << to_hex(block);
  }
}

TEST(GcmBadInput, ClearErrorsNotCrashesOrSilentSuccess) {
  const Bytes key(32, 7), iv(12, 1);
  unsigned char buf[64] = {0}, tag[16];
  size_t olen = 0;
  mbedtls_gcm_context gcm;
  mbedtls_gcm_init(&gcm);
  EXPECT_EQ(MBEDTLS_ERR_GCM_BAD_INPUT, mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key.data(), 100));
  EXPECT_EQ(MBEDTLS_ERR_GCM_BAD_INPUT, mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_CHACHA20, key.data(), 256));
  ASSERT_EQ(0, mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key.data(), 256));
  EXPECT_EQ(MBEDTLS_ERR_GCM_BAD_INPUT, mbedtls_gcm_starts(&gcm, MBEDTLS_GCM_ENCRYPT, iv.data(), 0));
  ASSERT_EQ(0, mbedtls_gcm_starts(&gcm, MBEDTLS_GCM_ENCRYPT, iv.data(), iv.size()));
  EXPECT_EQ(MBEDTLS_ERR_GCM_BUFFER_TOO_SMALL, mbedtls_gcm_update(&gcm, buf, 32, buf + 32, 31, &olen));
  EXPECT_EQ(MBEDTLS_ERR_GCM_BAD_INPUT, mbedtls_gcm_update(&gcm, buf, 32, buf + 1, 32, &olen))
      << "an output that overlaps the input further on";
  EXPECT_EQ(MBEDTLS_ERR_GCM_BAD_INPUT, mbedtls_gcm_finish(&gcm, nullptr, 0, &olen, tag, 3));
  EXPECT_EQ(MBEDTLS_ERR_GCM_BAD_INPUT, mbedtls_gcm_finish(&gcm, nullptr, 0, &olen, tag, 17));
  mbedtls_gcm_free(&gcm);
}

#if defined(MBEDTLS_AES_ALT)
// Where this build's own code differs from mbedtls': it refuses what mbedtls would get wrong
// without a word.
TEST(WasmSslCryptoBadInput, AdditionalDataAfterTextAndDecryptionAreRefused) {
  const Bytes key(16, 3), iv(12, 2);
  unsigned char buf[32] = {0};
  size_t olen = 0;
  mbedtls_gcm_context gcm;
  mbedtls_gcm_init(&gcm);
  ASSERT_EQ(0, mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key.data(), 128));
  ASSERT_EQ(0, mbedtls_gcm_starts(&gcm, MBEDTLS_GCM_ENCRYPT, iv.data(), iv.size()));
  ASSERT_EQ(0, mbedtls_gcm_update(&gcm, buf, 5, buf, 5, &olen));
  EXPECT_EQ(MBEDTLS_ERR_GCM_BAD_INPUT, mbedtls_gcm_update_ad(&gcm, buf + 16, 4));
  mbedtls_gcm_free(&gcm);

  mbedtls_aes_context aes;
  mbedtls_aes_init(&aes);
  EXPECT_EQ(MBEDTLS_ERR_AES_INVALID_KEY_LENGTH, mbedtls_aes_setkey_enc(&aes, key.data(), 64));
  ASSERT_EQ(0, mbedtls_aes_setkey_enc(&aes, key.data(), 128));
  EXPECT_EQ(MBEDTLS_ERR_AES_BAD_INPUT_DATA, mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_DECRYPT, buf, buf + 16))
      << "this build has no AES decryption: asking for it must not silently encrypt";
  mbedtls_aes_free(&aes);
}
#endif

}  // namespace
