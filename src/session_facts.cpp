#include "session_facts.h"

#include "wasm_ssl.h"

namespace wssl {
namespace {

constexpr size_t kFixed = 1 + 1 + 1 + 4 + 32 + 1 + 2 + 4;  // everything but name and leaf

void put32(std::vector<uint8_t> *out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<uint8_t>(v >> shift));
}

uint32_t get32(const uint8_t *p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

}  // namespace

bool session_serves(const SessionFacts &recorded, const VerifySettings &now) {
  const VerifySettings &then = recorded.settings;
  if (then.anchors != now.anchors || then.has_hostname != now.has_hostname ||
      then.hostname != now.hostname || then.profile < now.profile)
    return false;
  if (now.callback && !then.callback) return false;
  bool verified = then.mode != WSSL_CERT_NONE && recorded.verify_flags == 0;
  return verified || now.mode != WSSL_CERT_REQUIRED;
}

void encode_facts(const SessionFacts &f, std::vector<uint8_t> *out) {
  const VerifySettings &s = f.settings;
  out->push_back(static_cast<uint8_t>(s.mode));
  out->push_back(s.profile);
  out->push_back(s.callback ? 1 : 0);
  put32(out, f.verify_flags);
  out->insert(out->end(), s.anchors.begin(), s.anchors.end());
  out->push_back(s.has_hostname ? 1 : 0);
  size_t name_len = s.hostname.size() > 0xFFFF ? 0xFFFF : s.hostname.size();  // mbedtls: <= 255
  out->push_back(static_cast<uint8_t>(name_len >> 8));
  out->push_back(static_cast<uint8_t>(name_len));
  out->insert(out->end(), s.hostname.begin(), s.hostname.begin() + static_cast<long>(name_len));
  put32(out, static_cast<uint32_t>(f.peer_leaf.size()));
  out->insert(out->end(), f.peer_leaf.begin(), f.peer_leaf.end());
}

size_t decode_facts(const uint8_t *p, size_t len, SessionFacts *f) {
  if (len < kFixed) return 0;
  VerifySettings &s = f->settings;
  const uint8_t *at = p;
  s.mode = *at++;
  s.profile = *at++;
  s.callback = *at++ != 0;
  f->verify_flags = get32(at);
  at += 4;
  std::copy(at, at + s.anchors.size(), s.anchors.begin());
  at += s.anchors.size();
  s.has_hostname = *at++ != 0;
  size_t name_len = size_t{at[0]} << 8 | at[1];
  at += 2;
  if (static_cast<size_t>(p + len - at) < name_len + 4) return 0;
  s.hostname.assign(reinterpret_cast<const char *>(at), name_len);
  at += name_len;
  size_t leaf_len = get32(at);
  at += 4;
  if (static_cast<size_t>(p + len - at) < leaf_len) return 0;
  f->peer_leaf.assign(at, at + leaf_len);
  at += leaf_len;
  return static_cast<size_t>(at - p);
}

}  // namespace wssl
