// The bridge between mbedtls' BIO callbacks and the host's two imported stream functions.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wssl {

// mbedtls_ssl_send_t / mbedtls_ssl_recv_t over the host imports. `ctx` points at the int32
// stream number. Would-block becomes WANT_READ/WANT_WRITE; -errno (-1..-255) passes through;
// any other negative, or a count above what was asked, is a broken host: -EIO.
int host_send(void *ctx, const unsigned char *buf, size_t len);
int host_recv(void *ctx, unsigned char *buf, size_t len);

// Tells the host the engine is done with the stream (a zero-length write).
void host_close(int32_t stream);

}  // namespace wssl
