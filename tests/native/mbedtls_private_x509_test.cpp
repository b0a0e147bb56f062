// Pins each certificate question that src/mbedtls_private.h answers from mbedtls' private x509
// fields, on the test certificates (tests/certs/make-certs.sh) and a name built here. If an
// mbedtls update moves one of those fields, this fails first, and mbedtls_private.cpp is the one
// place to fix.
#include <gtest/gtest.h>

#include <vector>

#include "mbedtls/asn1.h"
#include "mbedtls/oid.h"
#include "mbedtls/x509_crt.h"
#include "mbedtls_private.h"
#include "support/tls_fixtures.h"

// library/x509_internal.h (as src/x509/name_constraints.cpp uses it).
extern "C" int mbedtls_x509_get_name(unsigned char **p, const unsigned char *end,
                                     mbedtls_x509_name *cur);

using namespace wssl_test;
namespace priv = wssl::mbedtls_private;

namespace {

class Certificate {
 public:
  explicit Certificate(const char *file) {
    mbedtls_x509_crt_init(&crt);
    auto der = cert_file(file);
    parsed = mbedtls_x509_crt_parse_der(&crt, der.data(), der.size());
  }
  ~Certificate() { mbedtls_x509_crt_free(&crt); }
  mbedtls_x509_crt crt;
  int parsed;
};

// make-certs.sh: an EC test CA ("keyCertSign, cRLSign") that issued server.der
// ("digitalSignature, keyEncipherment", a subjectAltName); chained-rsa.der from an RSA CA.
class MbedtlsPrivateX509 : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const Certificate *c : {&server_, &ca_, &rsa_issued_}) ASSERT_EQ(0, c->parsed);
  }
  Certificate server_{"server.der"}, ca_{"ca.der"}, rsa_issued_{"chained-rsa.der"};
};

TEST_F(MbedtlsPrivateX509, ExtensionsPresent) {
  EXPECT_TRUE(priv::has_extension(server_.crt, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME));
  EXPECT_TRUE(priv::has_extension(server_.crt, MBEDTLS_X509_EXT_KEY_USAGE));
  EXPECT_FALSE(priv::has_extension(ca_.crt, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME));
  EXPECT_TRUE(priv::has_extension(ca_.crt, MBEDTLS_X509_EXT_BASIC_CONSTRAINTS));
}

TEST_F(MbedtlsPrivateX509, CaFlagAndKeyUsage) {
  EXPECT_TRUE(priv::is_ca(ca_.crt));
  EXPECT_FALSE(priv::is_ca(server_.crt));
  EXPECT_EQ(unsigned{MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN},
            priv::key_usage(ca_.crt));
  EXPECT_EQ(unsigned{MBEDTLS_X509_KU_DIGITAL_SIGNATURE | MBEDTLS_X509_KU_KEY_ENCIPHERMENT},
            priv::key_usage(server_.crt));
}

TEST_F(MbedtlsPrivateX509, Signature) {
  EXPECT_EQ(MBEDTLS_MD_SHA256, priv::signature_md(server_.crt));
  EXPECT_EQ(MBEDTLS_PK_ECDSA, priv::signature_pk(server_.crt));
  EXPECT_EQ(nullptr, priv::signature_options(server_.crt));
  EXPECT_EQ(MBEDTLS_MD_SHA256, priv::signature_md(rsa_issued_.crt));
  EXPECT_EQ(MBEDTLS_PK_RSA, priv::signature_pk(rsa_issued_.crt));
  EXPECT_EQ(256u, priv::signature_value(rsa_issued_.crt).len);  // RSA-2048
  // An ECDSA signature is a DER SEQUENCE of two integers.
  const mbedtls_x509_buf &ecdsa = priv::signature_value(server_.crt);
  ASSERT_NE(nullptr, ecdsa.p);
  EXPECT_EQ(0x30, ecdsa.p[0]);
  EXPECT_EQ(ecdsa.len, 2u + ecdsa.p[1]);
}

// Name ::= SEQUENCE OF SET OF AttributeTypeAndValue; {CN=a + O=b}, {C=c}.
TEST(MbedtlsPrivateX509Name, MultiValuedRdn) {
  auto atv = [](unsigned char oid_last, char value) {
    return std::vector<unsigned char>{0x30, 0x09, 0x06, 0x03, 0x55, 0x04, oid_last, 0x0c, 0x02,
                                      static_cast<unsigned char>(value), 'x'};
  };
  std::vector<unsigned char> cn = atv(0x03, 'a'), o = atv(0x0a, 'b'), c = atv(0x06, 'c');
  std::vector<unsigned char> der = {0x30, static_cast<unsigned char>(2 + 22 + 2 + 11),
                                    0x31, 22};
  der.insert(der.end(), cn.begin(), cn.end());
  der.insert(der.end(), o.begin(), o.end());
  der.insert(der.end(), {0x31, 11});
  der.insert(der.end(), c.begin(), c.end());
  unsigned char *p = der.data() + 2;  // mbedtls_x509_get_name starts inside the SEQUENCE
  mbedtls_x509_name name{};
  ASSERT_EQ(0, mbedtls_x509_get_name(&p, der.data() + der.size(), &name));
  ASSERT_NE(nullptr, name.next);
  ASSERT_NE(nullptr, name.next->next);
  EXPECT_TRUE(priv::merged_with_next(name));          // CN=a, and O=b in the same RDN
  EXPECT_FALSE(priv::merged_with_next(*name.next));   // O=b ends that RDN
  EXPECT_FALSE(priv::merged_with_next(*name.next->next));
  mbedtls_asn1_free_named_data_list_shallow(name.next);
}

}  // namespace
