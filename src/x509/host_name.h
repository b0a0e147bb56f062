// The server_hostname a client checks a certificate against: a DNS name or an IP address,
// parsed once so that every rule compares like with like (an IP literal is never a DNS name).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace wssl {
namespace x509 {

struct HostName {
  enum class Kind { kDns, kIp };
  Kind kind = Kind::kDns;
  std::string dns;      // lowercase, without a trailing dot (kDns)
  uint8_t ip[16] = {};  // network order (kIp)
  size_t ip_len = 0;    // 4 or 16 (kIp)
};

// Parses `text` as a host name: an IPv4 address in any of the forms browsers accept (dotted
// quad, fewer parts, octal, hex: "127.1", "0x7f.0.0.1"), an IPv6 address ("::1",
// "::ffff:127.0.0.1"), or a DNS name (letters, digits, '-', '_'; labels of 1..63 bytes; at most
// 253 bytes; one trailing dot allowed). False for anything else, including a name whose last
// label is a number but which is not a valid address (browsers refuse those too).
bool parse_host_name(const char *text, HostName *out);

// Parses an IPv6 address in RFC 4291 text form into 16 bytes.
bool parse_ipv6(const char *text, size_t len, uint8_t out[16]);

// True if `name` (len bytes) is a syntactically valid DNS name as above. With
// allow_wildcard, a leftmost label of exactly "*" is accepted too.
bool valid_dns_name(const char *name, size_t len, bool allow_wildcard);

}  // namespace x509
}  // namespace wssl
