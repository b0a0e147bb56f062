// Time for mbedtls: a monotonic millisecond clock (timeouts, ticket ages) and a UTC
// breakdown for certificate validity that needs no time-zone code (emscripten's gmtime_r
// calls into its JS time-zone support, which can abort).
#include <time.h>

#include "mbedtls/platform_time.h"
#include "mbedtls/platform_util.h"

extern "C" mbedtls_ms_time_t mbedtls_ms_time(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0;
  return static_cast<mbedtls_ms_time_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

namespace {
// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
void civil_from_days(long long z, int *year, int *month, int *day) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(yoe + era * 400 + (*month <= 2));
}
}  // namespace

extern "C" struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *out) {
  long long t = static_cast<long long>(*tt);
  long long days = t / 86400, secs = t % 86400;
  if (secs < 0) { secs += 86400; days -= 1; }
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  *out = tm{};
  out->tm_year = y - 1900;
  out->tm_mon = m - 1;
  out->tm_mday = d;
  out->tm_hour = static_cast<int>(secs / 3600);
  out->tm_min = static_cast<int>(secs / 60 % 60);
  out->tm_sec = static_cast<int>(secs % 60);
  return out;
}
