// Path building over what a server presents: the issuer is found anywhere in the list, and
// a candidate that fails gives way to the one that works. mbedtls 3.6 searches the whole
// presented chain and the trusted CAs and prefers a parent in its validity period
// (x509_crt_find_parent); a presented decoy with the issuer's name but another key it does not
// skip, which the engine's src/x509/issuer_order.cpp puts last before mbedtls builds the path.
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

TEST(PathBuilding, ACandidateWithTheRightNameButAnotherKeyGivesWay) {
  VerifyOutcome o = client_verifies("chained-after-decoy", "localhost");
  EXPECT_EQ(0, o.result) << o.info;
}

}  // namespace
