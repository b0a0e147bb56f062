// libFuzzer: src/crypto's X25519 and P-256 against OpenSSL's libcrypto on arbitrary scalars,
// points and hashes; any disagreement aborts.
// Input: an operation byte, then its 32-byte fields (missing bytes read as zero):
//   0  X25519: scalar, u                       -> the same 32 bytes (an all-zero result where
//                                                 OpenSSL refuses the derivation)
//   1  P-256 ECDH: k, x of a point on the curve made from a second scalar (k2 * G), or, with
//      the low bit of k2's last byte set, raw (x, y) -> on-curve agreement, then the same x
//   2  P-256 ECDSA: d, e, nonce -> our signature verifies in OpenSSL, OpenSSL's signature
//      verifies in ours, and with e changed neither does
#define OPENSSL_SUPPRESS_DEPRECATED  // EC_KEY / ECDSA_do_*: the shortest route to raw ECDSA
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "crypto/p256.h"
#include "crypto/x25519.h"

namespace {

namespace p256 = wssl::crypto::p256;

void check(bool ok) {
  if (!ok) std::abort();
}

struct Fields {
  const uint8_t *p;
  size_t n;
  void take(uint8_t out[32]) {
    size_t k = n < 32 ? n : 32;
    std::memset(out, 0, 32);
    std::memcpy(out, p, k);
    p += k, n -= k;
  }
};

void fuzz_x25519(Fields in) {
  uint8_t scalar[32], u[32], ours[32], theirs[32];
  in.take(scalar);
  in.take(u);
  wssl::crypto::x25519(ours, scalar, u);
  EVP_PKEY *priv = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, scalar, 32);
  EVP_PKEY *peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, u, 32);
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv, nullptr);
  size_t len = 32;
  bool derived = EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, peer) == 1 &&
                 EVP_PKEY_derive(ctx, theirs, &len) == 1;
  if (derived) {
    check(len == 32 && std::memcmp(ours, theirs, 32) == 0);
  } else {
    static const uint8_t zero[32] = {0};
    check(std::memcmp(ours, zero, 32) == 0);  // OpenSSL refuses only the all-zero secret
  }
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(peer);
  EVP_PKEY_free(priv);
}

struct Curve {
  EC_GROUP *group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
  BN_CTX *bn = BN_CTX_new();
  ~Curve() {
    BN_CTX_free(bn);
    EC_GROUP_free(group);
  }
};

BIGNUM *number(const uint8_t b[32]) { return BN_bin2bn(b, 32, nullptr); }

void to_bytes(const BIGNUM *v, uint8_t out[32]) { check(BN_bn2binpad(v, out, 32) == 32); }

void fuzz_ecdh(Fields in) {
  Curve c;
  uint8_t k[32], k2[32], px[32], py[32], ours[32];
  in.take(k);
  in.take(k2);
  EC_POINT *point = EC_POINT_new(c.group);
  BIGNUM *x = BN_new(), *y = BN_new();
  if (k2[31] & 1) {  // raw coordinates: mostly off the curve, which both must refuse
    in.take(px);
    in.take(py);
    BIGNUM *bx = number(px), *by = number(py), *p = BN_new();
    check(EC_GROUP_get_curve(c.group, p, nullptr, nullptr, c.bn) == 1);
    bool on_curve = BN_cmp(bx, p) < 0 && BN_cmp(by, p) < 0 &&
                    EC_POINT_set_affine_coordinates(c.group, point, bx, by, c.bn) == 1 &&
                    EC_POINT_is_on_curve(c.group, point, c.bn) == 1;
    BN_free(bx), BN_free(by), BN_free(p);
    if (!on_curve) {
      check(!p256::ecdh(ours, k, px, py));
      goto done;
    }
  } else {
    BIGNUM *s = number(k2);
    bool made = EC_POINT_mul(c.group, point, s, nullptr, nullptr, c.bn) == 1 &&
                EC_POINT_is_at_infinity(c.group, point) == 0;
    BN_free(s);
    if (!made) goto done;
    check(EC_POINT_get_affine_coordinates(c.group, point, x, y, c.bn) == 1);
    to_bytes(x, px);
    to_bytes(y, py);
  }
  {
    BIGNUM *s = number(k);
    EC_POINT *product = EC_POINT_new(c.group);
    check(EC_POINT_mul(c.group, product, nullptr, point, s, c.bn) == 1);
    bool infinity = EC_POINT_is_at_infinity(c.group, product) == 1;
    bool ok = p256::ecdh(ours, k, px, py);
    check(ok == !infinity);
    if (ok) {
      uint8_t theirs[32];
      check(EC_POINT_get_affine_coordinates(c.group, product, x, y, c.bn) == 1);
      to_bytes(x, theirs);
      check(std::memcmp(ours, theirs, 32) == 0);
    }
    EC_POINT_free(product);
    BN_free(s);
  }
done:
  BN_free(x), BN_free(y);
  EC_POINT_free(point);
}

// A scalar in [1, n-1], or false.
bool in_range(const Curve &c, const uint8_t b[32]) {
  BIGNUM *v = number(b);
  bool ok = !BN_is_zero(v) && BN_cmp(v, EC_GROUP_get0_order(c.group)) < 0;
  BN_free(v);
  return ok;
}

void fuzz_ecdsa(Fields in) {
  Curve c;
  uint8_t d[32], e[32], nonce[32], qx[32], qy[32], r[32], s[32];
  in.take(d);
  in.take(e);
  in.take(nonce);
  if (!in_range(c, d) || !in_range(c, nonce)) return;
  check(p256::base_mul(qx, qy, d));
  EC_KEY *key = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
  BIGNUM *bx = number(qx), *by = number(qy), *bd = number(d);
  check(EC_KEY_set_public_key_affine_coordinates(key, bx, by) == 1);  // checks Q on the curve
  check(EC_KEY_set_private_key(key, bd) == 1);
  uint8_t other[32];
  std::memcpy(other, e, 32);
  other[0] ^= 0x80;
  if (p256::sign(r, s, d, e, nonce)) {
    ECDSA_SIG *sig = ECDSA_SIG_new();
    check(ECDSA_SIG_set0(sig, number(r), number(s)) == 1);
    check(ECDSA_do_verify(e, 32, sig, key) == 1);
    check(ECDSA_do_verify(other, 32, sig, key) == 0);
    check(p256::verify(qx, qy, e, r, s));
    check(!p256::verify(qx, qy, other, r, s));
    ECDSA_SIG_free(sig);
  }
  ECDSA_SIG *theirs = ECDSA_do_sign(e, 32, key);
  check(theirs != nullptr);
  to_bytes(ECDSA_SIG_get0_r(theirs), r);
  to_bytes(ECDSA_SIG_get0_s(theirs), s);
  check(p256::verify(qx, qy, e, r, s));
  check(!p256::verify(qx, qy, other, r, s));
  ECDSA_SIG_free(theirs);
  BN_free(bx), BN_free(by), BN_free(bd);
  EC_KEY_free(key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  Fields in{data + 1, size - 1};
  switch (data[0] % 3) {
    case 0: fuzz_x25519(in); break;
    case 1: fuzz_ecdh(in); break;
    default: fuzz_ecdsa(in); break;
  }
  return 0;
}
