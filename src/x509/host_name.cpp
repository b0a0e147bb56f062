#include "x509/host_name.h"

#include <cstring>

#include "x509/ascii.h"

namespace wssl {
namespace x509 {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One part of a WHATWG IPv4 address: decimal, 0x-hex or 0-octal. False if not a number.
bool ipv4_number(const char *p, size_t len, uint64_t *out) {
  if (len == 0) return false;
  int base = 10;
  if (len >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
    len -= 2;
  } else if (len >= 2 && p[0] == '0') {
    base = 8;
    p += 1;
    len -= 1;
  }
  uint64_t value = 0;
  for (size_t i = 0; i < len; ++i) {
    int d = hex_value(p[i]);
    if (d < 0 || d >= base) return false;
    value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    if (value > 0xFFFFFFFFull) value = 0x100000000ull;  // too big whatever follows
  }
  *out = value;
  return true;
}

// The URL standard's "ends in a number": then the host must be an IPv4 address.
bool ends_in_number(const char *text, size_t len) {
  size_t start = len;
  while (start > 0 && text[start - 1] != '.') --start;
  const char *last = text + start;
  size_t n = len - start;
  if (n == 0) return false;
  bool all_digits = true;
  for (size_t i = 0; i < n; ++i) all_digits = all_digits && is_digit(last[i]);
  uint64_t ignored;
  return all_digits || (n >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') &&
                        ipv4_number(last, n, &ignored));
}

bool parse_ipv4(const char *text, size_t len, uint8_t out[4]) {
  uint64_t parts[4];
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= len; ++i) {
    if (i < len && text[i] != '.') continue;
    if (count == 4 || !ipv4_number(text + start, i - start, &parts[count])) return false;
    ++count;
    start = i + 1;
  }
  for (size_t i = 0; i + 1 < count; ++i)
    if (parts[i] > 255) return false;
  uint64_t last_limit = 1ull << (8 * (5 - count));
  if (parts[count - 1] >= last_limit) return false;
  uint64_t value = parts[count - 1];
  for (size_t i = 0; i + 1 < count; ++i) value += parts[i] << (8 * (3 - i));
  for (int i = 0; i < 4; ++i) out[i] = static_cast<uint8_t>(value >> (8 * (3 - i)));
  return true;
}

}  // namespace

bool parse_ipv6(const char *text, size_t len, uint8_t out[16]) {
  uint16_t groups[8] = {};
  int count = 0, gap = -1;
  size_t i = 0;
  if (len >= 2 && text[0] == ':' && text[1] == ':') {
    gap = 0;
    i = 2;
  } else if (len >= 1 && text[0] == ':') {
    return false;
  }
  while (i < len) {
    if (count == 8) return false;
    // An embedded IPv4 address ends the text: "::ffff:1.2.3.4".
    size_t end = i;
    while (end < len && text[end] != ':') ++end;
    if (std::memchr(text + i, '.', end - i) != nullptr) {
      if (end != len || count > 6) return false;
      for (size_t k = i; k < end; ++k)
        if (!is_digit(text[k]) && text[k] != '.') return false;
      uint8_t v4[4];
      // Strict dotted quad here (RFC 4291): four decimal parts without leading zeros.
      int dots = 0;
      for (size_t k = i; k < end; ++k) dots += text[k] == '.';
      if (dots != 3 || !parse_ipv4(text + i, end - i, v4)) return false;
      for (size_t k = i; k < end; ++k)
        if (text[k] == '0' && (k == i || text[k - 1] == '.') && k + 1 < end && text[k + 1] != '.')
          return false;
      groups[count++] = static_cast<uint16_t>((v4[0] << 8) | v4[1]);
      groups[count++] = static_cast<uint16_t>((v4[2] << 8) | v4[3]);
      i = end;
      break;
    }
    size_t digits = end - i;
    if (digits == 0 || digits > 4) return false;
    uint16_t value = 0;
    for (size_t k = i; k < end; ++k) {
      int d = hex_value(text[k]);
      if (d < 0) return false;
      value = static_cast<uint16_t>(value * 16 + d);
    }
    groups[count++] = value;
    i = end;
    if (i == len) break;
    ++i;  // the ':'
    if (i < len && text[i] == ':') {
      if (gap >= 0) return false;
      gap = count;
      ++i;
    } else if (i == len) {
      return false;  // a trailing single ':'
    }
  }
  if (gap < 0 && count != 8) return false;
  if (gap >= 0 && count > 7) return false;
  uint16_t full[8] = {};
  if (gap < 0) {
    std::memcpy(full, groups, sizeof full);
  } else {
    int tail = count - gap;
    for (int k = 0; k < gap; ++k) full[k] = groups[k];
    for (int k = 0; k < tail; ++k) full[8 - tail + k] = groups[gap + k];
  }
  for (int k = 0; k < 8; ++k) {
    out[2 * k] = static_cast<uint8_t>(full[k] >> 8);
    out[2 * k + 1] = static_cast<uint8_t>(full[k]);
  }
  return true;
}

bool valid_dns_name(const char *name, size_t len, bool allow_wildcard) {
  if (len > 0 && name[len - 1] == '.') --len;
  if (len == 0 || len > 253) return false;
  size_t label = 0;
  for (size_t i = 0; i <= len; ++i) {
    if (i == len || name[i] == '.') {
      if (label == 0 || label > 63) return false;
      label = 0;
      continue;
    }
    char c = name[i];
    bool ok = is_digit(c) || (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'z') || c == '-' || c == '_';
    if (c == '*' && allow_wildcard && i == 0 && (len == 1 || name[1] == '.')) ok = true;
    if (!ok) return false;
    ++label;
  }
  return true;
}

bool parse_host_name(const char *text, HostName *out) {
  if (text == nullptr) return false;
  size_t len = std::strlen(text);
  if (len == 0 || len > 255) return false;
  if (std::memchr(text, ':', len) != nullptr) {
    out->kind = HostName::Kind::kIp;
    out->ip_len = 16;
    return parse_ipv6(text, len, out->ip);
  }
  size_t bare = text[len - 1] == '.' ? len - 1 : len;  // browsers treat "a.b." as "a.b"
  if (ends_in_number(text, bare)) {
    out->kind = HostName::Kind::kIp;
    out->ip_len = 4;
    return parse_ipv4(text, bare, out->ip);
  }
  if (!valid_dns_name(text, len, false)) return false;
  out->kind = HostName::Kind::kDns;
  out->dns.assign(text, bare);
  for (char &c : out->dns) c = ascii_lower(c);
  return true;
}

}  // namespace x509
}  // namespace wssl
