/*
 * https_client: a WASI command that fetches a page over HTTPS with the wasm-ssl engine, in any
 * stock WASI runtime (no custom imports).
 *
 * The encrypted stream is the program's own fd 0 (read) and fd 1 (write): the host hands it a
 * connected TCP socket there (socat EXEC:, or Node's child_process with the socket as stdio).
 * The program itself supplies the engine's two stream functions over those descriptors, so
 * the link resolves them here instead of importing them. TLS details and the plaintext
 * response go to stderr.
 *
 * Usage: https_client CA_FILE HOSTNAME [PATH]     (CA_FILE: PEM or DER, in a preopened dir)
 * Exit status: 0 success, 1 TLS or transport failure, 2 bad usage or unreadable CA file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasm_ssl.h"

enum { ENCRYPTED_IN = 0, ENCRYPTED_OUT = 1 };

/* The engine's transport: blocking reads and writes on stdin/stdout. */
int32_t wssl_host_stream_read(int32_t stream, uint8_t *buf, int32_t len) {
  (void)stream;
  ssize_t n = read(ENCRYPTED_IN, buf, (size_t)len);
  return n >= 0 ? (int32_t)n : -errno;
}

int32_t wssl_host_stream_write(int32_t stream, const uint8_t *buf, int32_t len) {
  (void)stream;
  if (len == 0) return 0; /* "close": the socket belongs to whoever started us */
  ssize_t n = write(ENCRYPTED_OUT, buf, (size_t)len);
  return n >= 0 ? (int32_t)n : -errno;
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

/* Blocking transport: WANT_* only if the host says would-block, so retry a bounded number. */
static int32_t settle(int32_t result, int32_t (*again)(int32_t, void *), int32_t conn, void *arg) {
  for (int i = 0; i < 1000 && (result == WSSL_WANT_READ || result == WSSL_WANT_WRITE); ++i)
    result = again(conn, arg);
  return result;
}

static int32_t handshake_step(int32_t conn, void *arg) {
  (void)arg;
  return wssl_handshake(conn);
}

static int fail(int32_t conn, int32_t code) {
  fprintf(stderr, "error: %s: %s\n", wssl_error_name(code), wssl_error_reason(code));
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

  int32_t r = settle(wssl_handshake(conn), handshake_step, conn, NULL);
  if (r != 0) return fail(conn, r);
  fprintf(stderr, "%s %s, verified: %s\npeer: %s\n\n", wssl_version(conn), wssl_cipher(conn),
          wssl_verify_flags(conn) == 0 ? "yes" : "no", wssl_peer_cert_json(conn));

  char request[512];
  int len = snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, hostname);
  for (int sent = 0; sent < len;) {
    r = wssl_write(conn, (const uint8_t *)request + sent, len - sent);
    if (r < 0 && r != WSSL_WANT_WRITE && r != WSSL_WANT_READ) return fail(conn, r);
    if (r > 0) sent += r;
  }
  uint8_t buf[4096];
  for (;;) {
    r = wssl_read(conn, buf, sizeof buf);
    if (r == WSSL_WANT_READ || r == WSSL_WANT_WRITE) continue;
    if (r < 0) return fail(conn, r);
    if (r == 0) break;
    fwrite(buf, 1, (size_t)r, stderr);
  }
  wssl_close(conn);
  wssl_config_free(config);
  return 0;
}
