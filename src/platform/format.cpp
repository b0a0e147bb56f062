// snprintf for mbedtls (MBEDTLS_PLATFORM_SNPRINTF_MACRO) and the engine: the integer, character
// and string conversions they use, with C99 semantics (flags '-' and '0', width, precision,
// length modifiers; the result is the length the whole text needs). Not libc's: wasi-libc's
// formatter reaches stderr on a path for floats, and with it the module would import fd_write,
// fd_seek and fd_close, which nothing in the engine needs. Anything else (floats, '+', ' ', '#',
// %n) fails with -1, which mbedtls reports as a buffer error, rather than printing something
// wrong.
#include "platform/format.h"

#include <climits>
#include <cstdarg>
#include <cstddef>
#include <cstdint>

namespace {

// Writes into buf[0 .. cap-1], counting every character even past the end.
class Output {
 public:
  Output(char *buf, size_t cap) : buf_(buf), cap_(cap) {}
  void put(char c) {
    if (len_ + 1 < cap_) buf_[len_] = c;
    ++len_;
  }
  void repeat(char c, long count) {
    for (long i = 0; i < count; ++i) put(c);
  }
  void terminate() {
    if (cap_ > 0) buf_[len_ < cap_ ? len_ : cap_ - 1] = '\0';
  }
  size_t length() const { return len_; }

 private:
  char *buf_;
  size_t cap_;
  size_t len_ = 0;
};

struct Spec {
  bool left = false, zero = false;
  long width = 0, precision = -1;  // -1: none given
  enum Length { kInt, kChar, kShort, kLong, kLongLong, kSize, kMax, kPtrdiff } length = kInt;
};

// A decimal number or '*' (taken from the arguments) at *fmt.
long read_count(const char **fmt, va_list *ap) {
  if (**fmt == '*') {
    ++*fmt;
    return va_arg(*ap, int);
  }
  long value = 0;
  while (**fmt >= '0' && **fmt <= '9') {
    if (value < INT_MAX / 10) value = value * 10 + (**fmt - '0');
    ++*fmt;
  }
  return value;
}

uintmax_t read_unsigned(const Spec &spec, va_list *ap) {
  switch (spec.length) {
    case Spec::kChar: return static_cast<unsigned char>(va_arg(*ap, unsigned int));
    case Spec::kShort: return static_cast<unsigned short>(va_arg(*ap, unsigned int));
    case Spec::kLong: return va_arg(*ap, unsigned long);
    case Spec::kLongLong: return va_arg(*ap, unsigned long long);
    case Spec::kSize: return va_arg(*ap, size_t);
    case Spec::kMax: return va_arg(*ap, uintmax_t);
    case Spec::kPtrdiff: return static_cast<uintmax_t>(va_arg(*ap, ptrdiff_t));
    default: return va_arg(*ap, unsigned int);
  }
}

intmax_t read_signed(const Spec &spec, va_list *ap) {
  switch (spec.length) {
    case Spec::kChar: return static_cast<signed char>(va_arg(*ap, int));
    case Spec::kShort: return static_cast<short>(va_arg(*ap, int));
    case Spec::kLong: return va_arg(*ap, long);
    case Spec::kLongLong: return va_arg(*ap, long long);
    case Spec::kSize: return static_cast<intmax_t>(va_arg(*ap, size_t));  // %zd
    case Spec::kMax: return va_arg(*ap, intmax_t);
    case Spec::kPtrdiff: return va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
  }
}

// Sign, prefix, zeros and digits, padded to the width.
void put_number(Output *out, const Spec &spec, uintmax_t magnitude, bool negative, unsigned base,
                bool upper, const char *prefix) {
  char digits[sizeof(uintmax_t) * 3];
  int count = 0;
  const char *alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  while (magnitude != 0) {
    digits[count++] = alphabet[magnitude % base];
    magnitude /= base;
  }
  long zeros = spec.precision > count ? spec.precision - count : 0;
  if (spec.precision < 0 && count == 0) zeros = 1;  // "0"; with precision 0, zero prints nothing
  long prefix_len = negative ? 1 : 0;
  for (const char *p = prefix; *p; ++p) ++prefix_len;
  long body = prefix_len + zeros + count;
  long padding = spec.width > body ? spec.width - body : 0;
  if (spec.zero && !spec.left && spec.precision < 0) {
    zeros += padding;
    padding = 0;
  }
  if (!spec.left) out->repeat(' ', padding);
  if (negative) out->put('-');
  for (const char *p = prefix; *p; ++p) out->put(*p);
  out->repeat('0', zeros);
  while (count > 0) out->put(digits[--count]);
  if (spec.left) out->repeat(' ', padding);
}

void put_text(Output *out, const Spec &spec, const char *text, long len) {
  long padding = spec.width > len ? spec.width - len : 0;
  if (!spec.left) out->repeat(' ', padding);
  for (long i = 0; i < len; ++i) out->put(text[i]);
  if (spec.left) out->repeat(' ', padding);
}

// One conversion, *fmt just after its '%'; false for one this formatter does not do.
bool convert(Output *out, const char **fmt, va_list *ap) {
  Spec spec;
  for (;; ++*fmt) {
    if (**fmt == '-') spec.left = true;
    else if (**fmt == '0') spec.zero = true;
    else break;
  }
  spec.width = read_count(fmt, ap);
  if (spec.width < 0) {  // a negative '*' width means left-justified
    spec.left = true;
    spec.width = -spec.width;
  }
  if (**fmt == '.') {
    ++*fmt;
    spec.precision = read_count(fmt, ap);
    if (spec.precision < 0) spec.precision = -1;  // a negative '*' precision is none
  }
  switch (**fmt) {
    case 'h':
      spec.length = (*fmt)[1] == 'h' ? Spec::kChar : Spec::kShort;
      *fmt += spec.length == Spec::kChar ? 2 : 1;
      break;
    case 'l':
      spec.length = (*fmt)[1] == 'l' ? Spec::kLongLong : Spec::kLong;
      *fmt += spec.length == Spec::kLongLong ? 2 : 1;
      break;
    case 'z': spec.length = Spec::kSize; ++*fmt; break;
    case 'j': spec.length = Spec::kMax; ++*fmt; break;
    case 't': spec.length = Spec::kPtrdiff; ++*fmt; break;
    default: break;
  }
  const char conversion = **fmt;
  if (conversion == '\0') return false;  // a lone '%' at the end
  ++*fmt;
  switch (conversion) {
    case 'd':
    case 'i': {
      intmax_t value = read_signed(spec, ap);
      uintmax_t magnitude = value < 0 ? uintmax_t{0} - static_cast<uintmax_t>(value)
                                      : static_cast<uintmax_t>(value);
      put_number(out, spec, magnitude, value < 0, 10, false, "");
      return true;
    }
    case 'u': put_number(out, spec, read_unsigned(spec, ap), false, 10, false, ""); return true;
    case 'o': put_number(out, spec, read_unsigned(spec, ap), false, 8, false, ""); return true;
    case 'x': put_number(out, spec, read_unsigned(spec, ap), false, 16, false, ""); return true;
    case 'X': put_number(out, spec, read_unsigned(spec, ap), false, 16, true, ""); return true;
    case 'p': {
      auto address = reinterpret_cast<uintptr_t>(va_arg(*ap, void *));
      put_number(out, spec, address, false, 16, false, "0x");
      return true;
    }
    case 'c': {
      if (spec.length != Spec::kInt) return false;  // %lc: wide characters
      const char c = static_cast<char>(va_arg(*ap, int));
      put_text(out, spec, &c, 1);
      return true;
    }
    case 's': {
      if (spec.length != Spec::kInt) return false;  // %ls
      const char *text = va_arg(*ap, const char *);
      if (text == nullptr) text = "(null)";
      long len = 0;
      while (text[len] != '\0' && (spec.precision < 0 || len < spec.precision)) ++len;
      put_text(out, spec, text, len);
      return true;
    }
    case '%': out->put('%'); return true;
    default: return false;
  }
}

}  // namespace

extern "C" int wssl_snprintf(char *buf, size_t n, const char *fmt, ...) {
  Output out(buf, n);
  va_list ap;
  va_start(ap, fmt);
  bool ok = true;
  while (ok && *fmt != '\0') {
    if (*fmt != '%') {
      out.put(*fmt++);
    } else {
      ++fmt;
      ok = convert(&out, &fmt, &ap);
    }
  }
  va_end(ap);
  if (!ok || out.length() > INT_MAX) {
    if (n > 0) buf[0] = '\0';
    return -1;
  }
  out.terminate();
  return static_cast<int>(out.length());
}
