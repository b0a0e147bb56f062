// snprintf for mbedtls (MBEDTLS_PLATFORM_SNPRINTF_MACRO) and the engine: the conversions they
// use (d i u x X c s p %, flags - and 0, width, precision, length modifiers; other flags are
// ignored) and nothing else, so that no libc printf is linked: its core, its float formatter
// and, in wasi-libc, the strerror table behind %m cost 2-3 KB of gzipped WebAssembly (issue 7).
// Same results as C's snprintf for all of the above: tests/native/size_trims_test.cpp compares
// it with glibc's.
#include "platform/format.h"

#include <climits>
#include <cstdarg>
#include <cstddef>
#include <cstdint>

namespace {

// Counts every character, stores those that fit (leaving room for the NUL).
struct Sink {
  char *buf;
  size_t cap;
  size_t len = 0;
  void put(char c) {
    if (len + 1 < cap) buf[len] = c;
    ++len;
  }
  void repeat(char c, size_t n) {
    while (n-- > 0) put(c);
  }
};

struct Spec {
  bool left = false, zero = false;
  size_t width = 0;
  int precision = -1;  // -1: none
};

void emit_field(Sink *out, const Spec &spec, const char *prefix, const char *body, size_t body_len,
                size_t zeros) {
  size_t prefix_len = 0;
  while (prefix[prefix_len] != '\0') ++prefix_len;
  size_t len = prefix_len + zeros + body_len;
  size_t pad = spec.width > len ? spec.width - len : 0;
  if (!spec.left && !spec.zero) out->repeat(' ', pad);
  for (size_t i = 0; i < prefix_len; ++i) out->put(prefix[i]);
  if (!spec.left && spec.zero) out->repeat('0', pad);
  out->repeat('0', zeros);
  for (size_t i = 0; i < body_len; ++i) out->put(body[i]);
  if (spec.left) out->repeat(' ', pad);
}

void emit_unsigned(Sink *out, Spec spec, uintmax_t value, unsigned base, bool upper,
                   const char *prefix) {
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char text[sizeof(uintmax_t) * 8];
  size_t n = 0;
  while (value != 0 || (n == 0 && spec.precision != 0)) {  // C: "%.0d" of 0 prints no digit
    text[sizeof text - ++n] = digits[value % base];
    value /= base;
  }
  size_t zeros = 0;
  if (spec.precision >= 0) {
    spec.zero = false;  // C: a precision turns the 0 flag off for integers
    if (static_cast<size_t>(spec.precision) > n) zeros = static_cast<size_t>(spec.precision) - n;
  }
  emit_field(out, spec, prefix, text + sizeof text - n, n, zeros);
}

enum class Length { kChar, kShort, kInt, kLong, kLongLong, kSize, kMax, kPtrdiff };

intmax_t signed_arg(va_list *ap, Length length) {
  switch (length) {
    case Length::kLong: return va_arg(*ap, long);
    case Length::kLongLong: return va_arg(*ap, long long);
    case Length::kSize: return static_cast<intmax_t>(va_arg(*ap, size_t));
    case Length::kMax: return va_arg(*ap, intmax_t);
    case Length::kPtrdiff: return va_arg(*ap, ptrdiff_t);
    case Length::kChar: return static_cast<signed char>(va_arg(*ap, int));
    case Length::kShort: return static_cast<short>(va_arg(*ap, int));
    default: return va_arg(*ap, int);
  }
}

uintmax_t unsigned_arg(va_list *ap, Length length) {
  switch (length) {
    case Length::kLong: return va_arg(*ap, unsigned long);
    case Length::kLongLong: return va_arg(*ap, unsigned long long);
    case Length::kSize: return va_arg(*ap, size_t);
    case Length::kMax: return va_arg(*ap, uintmax_t);
    case Length::kPtrdiff: return static_cast<uintmax_t>(va_arg(*ap, ptrdiff_t));
    case Length::kChar: return static_cast<unsigned char>(va_arg(*ap, unsigned int));
    case Length::kShort: return static_cast<unsigned short>(va_arg(*ap, unsigned int));
    default: return va_arg(*ap, unsigned int);
  }
}

}  // namespace

extern "C" int wssl_vsnprintf(char *buf, size_t n, const char *fmt, va_list args) {
  va_list ap;
  va_copy(ap, args);
  Sink out{buf, n};
  for (const char *p = fmt; *p != '\0'; ++p) {
    if (*p != '%') {
      out.put(*p);
      continue;
    }
    Spec spec;
    for (++p;; ++p) {
      if (*p == '-') spec.left = true;
      else if (*p == '0') spec.zero = true;
      else if (*p != '+' && *p != ' ' && *p != '#') break;  // (unused flags: ignored)
    }
    if (*p == '*') {
      int w = va_arg(ap, int);
      if (w < 0) spec.left = true;
      spec.width = w < 0 ? -static_cast<size_t>(w) : static_cast<size_t>(w);
      ++p;
    } else {
      for (; *p >= '0' && *p <= '9'; ++p) spec.width = spec.width * 10 + (*p - '0');
    }
    if (*p == '.') {
      spec.precision = 0;
      if (*++p == '*') {
        spec.precision = va_arg(ap, int);
        if (spec.precision < 0) spec.precision = -1;
        ++p;
      } else {
        for (; *p >= '0' && *p <= '9'; ++p)
          if (spec.precision < INT_MAX / 10) spec.precision = spec.precision * 10 + (*p - '0');
      }
    }
    if (spec.left) spec.zero = false;
    Length length = Length::kInt;
    if (*p == 'h') {  // char and short arrive promoted to int, and are cut back
      length = Length::kShort;
      if (*++p == 'h') length = Length::kChar, ++p;
    } else if (*p == 'l') {
      length = Length::kLong;
      if (*++p == 'l') length = Length::kLongLong, ++p;
    } else if (*p == 'z') {
      length = Length::kSize, ++p;
    } else if (*p == 'j') {
      length = Length::kMax, ++p;
    } else if (*p == 't') {
      length = Length::kPtrdiff, ++p;
    }
    switch (*p) {
      case 'd':
      case 'i': {
        intmax_t v = signed_arg(&ap, length);
        uintmax_t magnitude = v < 0 ? 0 - static_cast<uintmax_t>(v) : static_cast<uintmax_t>(v);
        emit_unsigned(&out, spec, magnitude, 10, false, v < 0 ? "-" : "");
        break;
      }
      case 'u': emit_unsigned(&out, spec, unsigned_arg(&ap, length), 10, false, ""); break;
      case 'x': emit_unsigned(&out, spec, unsigned_arg(&ap, length), 16, false, ""); break;
      case 'X': emit_unsigned(&out, spec, unsigned_arg(&ap, length), 16, true, ""); break;
      case 'p': {
        Spec hex = spec;
        hex.precision = -1;
        emit_unsigned(&out, hex, reinterpret_cast<uintptr_t>(va_arg(ap, void *)), 16, false, "0x");
        break;
      }
      case 'c': {
        char c = static_cast<char>(va_arg(ap, int));
        emit_field(&out, spec, "", &c, 1, 0);
        break;
      }
      case 's': {
        const char *s = va_arg(ap, const char *);
        if (s == nullptr) s = "(null)";
        size_t len = 0;
        while (s[len] != '\0' && (spec.precision < 0 || len < static_cast<size_t>(spec.precision))) ++len;
        Spec text = spec;
        text.zero = false;
        emit_field(&out, text, "", s, len, 0);
        break;
      }
      case '%': out.put('%'); break;
      case '\0': --p; break;  // a lone '%' at the end
      default: out.put('%'); out.put(*p); break;  // not a conversion this build uses
    }
  }
  va_end(ap);
  if (n > 0) buf[out.len < n ? out.len : n - 1] = '\0';
  return out.len > INT_MAX ? -1 : static_cast<int>(out.len);
}

extern "C" int wssl_snprintf(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int written = wssl_vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  return written;
}
