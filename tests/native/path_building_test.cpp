// Path building over what a server presents: the issuer is found anywhere in the list, and
// an expired candidate gives way to a valid one. mbedtls 3.6 does this itself
// (x509_crt_find_parent searches the whole presented chain and the trusted CAs, preferring a
// parent in its validity period); these tests hold it to that.
//
// Not yet: among *presented* candidates mbedtls takes the first one in its validity period
// even when its signature on the child does not verify (it skips bad signatures only among
// trusted CAs), so a decoy with the issuer's name but another key, listed before the real
// issuer, fails the chain. OpenSSL and browsers try the next candidate. The test below shows
// it and is disabled until the engine reorders such candidates.
#include <gtest/gtest.h>

#include <string>

#include "support/verify_outcome.h"

using namespace wssl_test;

namespace {

TEST(PathBuilding, TheIssuerIsFoundAnywhereInThePresentedList) {
  VerifyOutcome o = client_verifies("chained-out-of-order", "localhost");
  EXPECT_EQ(0, o.result) << o.info;
}

TEST(PathBuilding, AnExpiredCandidateGivesWayToAValidOne) {
  VerifyOutcome o = client_verifies("chained-after-expired", "localhost");
  EXPECT_EQ(0, o.result) << o.info;
}

TEST(PathBuilding, DISABLED_ACandidateWithTheRightNameButAnotherKeyGivesWay) {
  VerifyOutcome o = client_verifies("chained-after-decoy", "localhost");
  EXPECT_EQ(0, o.result) << o.info;
}

}  // namespace
