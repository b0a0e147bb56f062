/*
 * https_client: a WASI command that fetches a page over HTTPS with the wasm-ssl engine, in any
 * stock WASI runtime (no custom imports).
 *
 * The encrypted stream is the program's own fd 0 (read) and fd 1 (write): the host hands it a
 * connected TCP socket there (socat EXEC:, or Node's child_process with the socket as stdio).
 * TLS details and the plaintext response go to stderr.
 *
 * How a program provides the engine's two imports: include/wasm_ssl.h declares
 * wssl_host_stream_read/write with import_module("wasm_ssl"), which only says what they become
 * when nothing in the link defines them (the reactor's case). This file defines both, so the
 * linker binds the engine's calls to these definitions and the module imports nothing but
 * wasi_snapshot_preview1.
 *
 * Usage: https_client CA_FILE HOSTNAME [PATH]     (CA_FILE: PEM or DER, in a preopened dir)
 * Exit status: 0 success, 1 TLS or transport failure, 2 bad usage or unreadable CA file.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasm_ssl.h"

enum { ENCRYPTED_IN = 0, ENCRYPTED_OUT = 1 };
enum { IO_TIMEOUT_MS = 30000, MAX_WAITS = 1000 };

/* The ABI numbers transport errors as Linux does (ECONNRESET = 104); wasi-libc's errno values
 * are WASI's own (ECONNRESET = 15). */
static int32_t abi_error(int wasi_errno) {
  switch (wasi_errno) {
    case EAGAIN: return WSSL_IO_WOULD_BLOCK;
    case EBADF: return -9;
    case EPIPE: return -32;
    case ENOSYS: return -38;
    case ECONNABORTED: return -103;
    case ECONNRESET: return -104;
    case ENOTCONN: return -107;
    case ETIMEDOUT: return -110;
    default: return -5; /* EIO */
  }
}

/* The transport blocks, as a command's stdio normally does. A descriptor that the runtime left
 * non-blocking is waited for with poll() (at most IO_TIMEOUT_MS per wait), so the engine is
 * never told "would block" and the loops in main() need no waiting of their own. */
static int32_t blocking_io(int fd, short event, uint8_t *read_buf, const uint8_t *write_buf,
                           int32_t len) {
  for (int waits = 0; waits < MAX_WAITS; ++waits) {
    ssize_t n = read_buf ? read(fd, read_buf, (size_t)len) : write(fd, write_buf, (size_t)len);
    if (n >= 0) return (int32_t)n;
    if (errno != EAGAIN && errno != EINTR) return abi_error(errno);
    struct pollfd ready = {.fd = fd, .events = event};
    int polled = poll(&ready, 1, IO_TIMEOUT_MS);
    if (polled == 0) return abi_error(ETIMEDOUT);
    if (polled < 0 && errno != EINTR) return abi_error(errno);
  }
  return abi_error(ETIMEDOUT);
}

int32_t wssl_host_stream_read(int32_t stream, uint8_t *buf, int32_t len) {
  (void)stream; /* one connection: always fd 0 */
  return blocking_io(ENCRYPTED_IN, POLLIN, buf, NULL, len);
}

int32_t wssl_host_stream_write(int32_t stream, const uint8_t *buf, int32_t len) {
  (void)stream;
  if (len == 0) return 0; /* "close": the socket belongs to whoever started us */
  return blocking_io(ENCRYPTED_OUT, POLLOUT, NULL, buf, len);
}

static uint8_t *read_file(const char *path, int32_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  uint8_t *data = NULL;
  size_t size = 0, cap = 0, n;
  do {
    if (size == cap) {
      cap = cap ? 2 * cap : 8192;
      uint8_t *grown = realloc(data, cap);
      if (grown == NULL) break;
      data = grown;
    }
    n = fread(data + size, 1, cap - size, f);
    size += n;
  } while (n > 0);
  fclose(f);
  *len = (int32_t)size;
  return data;
}

static int is_want(int32_t r) { return r == WSSL_WANT_READ || r == WSSL_WANT_WRITE; }

static int fail(int32_t conn, int32_t code) {
  const char *reason = wssl_error_reason(code);
  fprintf(stderr, "error: %s%s%s\n", wssl_error_name(code), *reason ? ": " : "", reason);
  if (code == WSSL_ERR_CERT_VERIFY_FAILED) {
    fprintf(stderr, "failed certificate checks:\n%s", wssl_verify_info(conn, "  - "));
    const char *presented = wssl_peer_cert_json(conn);
    if (presented != NULL) fprintf(stderr, "presented certificate: %s\n", presented);
  }
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s CA_FILE HOSTNAME [PATH]\n", argv[0]);
    return 2;
  }
  const char *hostname = argv[2], *path = argc > 3 ? argv[3] : "/";
  int32_t ca_len = 0;
  uint8_t *ca = read_file(argv[1], &ca_len);
  if (ca == NULL) {
    fprintf(stderr, "cannot read %s: %s\n", argv[1], strerror(errno));
    return 2;
  }
  int32_t config = wssl_config_new(WSSL_CLIENT); /* CERT_REQUIRED by default */
  if (config < 0) return fail(0, config);
  int32_t added = wssl_config_add_ca(config, ca, ca_len);
  free(ca);
  if (added < 0) {
    fprintf(stderr, "%s holds no usable certificate (%s)\n", argv[1], wssl_error_name(added));
    return 2;
  }
  int32_t conn = wssl_conn_new(config, 0, hostname);
  if (conn < 0) return fail(0, conn);

  /* The transport blocks, so WANT_* only comes back while mbedtls works through records that
   * carry no application data (e.g. TLS 1.3 tickets): call again, a bounded number of times. */
  int32_t r = WSSL_WANT_READ;
  for (int i = 0; i < MAX_WAITS && is_want(r); ++i) r = wssl_handshake(conn);
  if (r != 0) return fail(conn, r);
  fprintf(stderr, "%s %s, verified: %s\npeer: %s\n\n", wssl_version(conn), wssl_cipher(conn),
          wssl_verify_flags(conn) == 0 ? "yes" : "no", wssl_peer_cert_json(conn));

  char request[512];
  int len = snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, hostname);
  if (len < 0 || len >= (int)sizeof request) {
    fprintf(stderr, "request line too long\n");
    return 2;
  }
  int sent = 0;
  for (int i = 0; sent < len && i < MAX_WAITS; ++i) {
    r = wssl_write(conn, (const uint8_t *)request + sent, len - sent);
    if (r < 0 && !is_want(r)) return fail(conn, r);
    if (r > 0) sent += r;
  }
  if (sent < len) return fail(conn, r);
  uint8_t buf[4096];
  int wants = 0;
  while ((r = wssl_read(conn, buf, sizeof buf)) != 0) { /* 0: close_notify or end of stream */
    if (!is_want(r) && r < 0) return fail(conn, r);
    if (is_want(r) && ++wants == MAX_WAITS) return fail(conn, r);
    if (r > 0) {
      wants = 0;
      fwrite(buf, 1, (size_t)r, stderr);
    }
  }
  wssl_close(conn);
  wssl_config_free(config);
  return 0;
}
