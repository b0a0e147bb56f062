// Each handshake flight reaches the host as one write: between two writes of a handshake the
// engine always reads (or tries to). mbedtls writes one record at a time, and a flight of
// several small writes stalls ~40 ms on TCP with Nagle's algorithm (the peer's delayed ACK).
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

// Passes everything through and notes each call: 'W' a write that moved bytes, 'R' a read call.
class CallLog : public HostStream {
 public:
  CallLog(std::shared_ptr<HostStream> inner, std::string *log) : inner_(std::move(inner)), log_(log) {}
  int32_t read(uint8_t *buf, int32_t len) override {
    *log_ += 'R';
    return inner_->read(buf, len);
  }
  int32_t write(const uint8_t *buf, int32_t len) override {
    int32_t n = inner_->write(buf, len);
    if (n > 0) *log_ += 'W';
    return n;
  }
  void close() override { inner_->close(); }

 private:
  std::shared_ptr<HostStream> inner_;
  std::string *log_;
};

struct Case {
  const char *name;
  int32_t version;
  bool client_certificate;
};

class FlightCoalescing : public ::testing::TestWithParam<Case> {};

TEST_P(FlightCoalescing, NoTwoWritesWithoutAReadBetween) {
  const Case &c = GetParam();
  int32_t ccfg = client_config(), scfg = server_config();
  wssl_config_set_versions(ccfg, c.version, c.version);
  wssl_config_set_versions(scfg, c.version, c.version);
  if (c.client_certificate) {
    set_own_cert(ccfg, "client");
    wssl_config_set_verify_mode(scfg, WSSL_CERT_REQUIRED);
    ASSERT_GT(wssl_config_add_ca(scfg, cert_file("ca.der").data(),
                                 static_cast<int32_t>(cert_file("ca.der").size())), 0);
  }
  std::string live[2], logs[2];  // logs: the calls up to the end of the handshake
  int made = 0;
  {
    Pair pair(ccfg, scfg, "localhost", [&](std::shared_ptr<HostStream> inner) {
      return std::make_shared<CallLog>(std::move(inner), &live[made++]);
    });
    ASSERT_EQ(0, pair.handshake()) << wssl_error_name(pair.client_result) << " / "
                                   << wssl_error_name(pair.server_result);
    logs[0] = live[0];
    logs[1] = live[1];
  }
  for (const std::string &log : logs) {
    EXPECT_EQ(std::string::npos, log.find("WW")) << (&log == &logs[0] ? "client" : "server")
                                                  << " calls: " << log;
    EXPECT_NE(std::string::npos, log.find('W'));
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

INSTANTIATE_TEST_SUITE_P(
    Handshakes, FlightCoalescing,
    ::testing::Values(Case{"TLS13", WSSL_TLS1_3, false}, Case{"TLS13ClientAuth", WSSL_TLS1_3, true},
                      Case{"TLS12", WSSL_TLS1_2, false}, Case{"TLS12ClientAuth", WSSL_TLS1_2, true}),
    [](const ::testing::TestParamInfo<Case> &info) { return std::string(info.param.name); });

}  // namespace
