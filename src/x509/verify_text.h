// The lines wssl_verify_info gives for mbedtls' verification flags.
#pragma once
#include <cstdint>
#include <string>

namespace wssl::x509 {

// One "<prefix><description>\n" line per flag set, in mbedtls' order and with mbedtls' own
// descriptions (its public MBEDTLS_X509_CRT_ERROR_INFO_LIST), as mbedtls_x509_crt_verify_info
// writes them; that function is not built (MBEDTLS_X509_REMOVE_INFO drops it together with
// the OID descriptions nothing here reads).
void append_verify_text(std::string *out, const char *prefix, uint32_t flags);

}  // namespace wssl::x509
