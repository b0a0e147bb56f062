/*
 * wasm_ssl.h: the C ABI of the wasm-ssl engine (MicroPython's `ssl` semantics over mbedtls 3.6).
 *
 * The same functions, with the same numbers, are exported by the emscripten build, the WASI
 * reactor and the native library. Every exported function starts with `wssl_`.
 *
 * ------------------------------------------------------------------------------------------
 * 1. Transport: the two host imports
 * ------------------------------------------------------------------------------------------
 * The engine never owns a socket. It moves its encrypted bytes only through two functions
 * that the host supplies, imported from module "wasm_ssl":
 *
 *   stream_read (int32 stream, uint8* buf, int32 len) -> int32
 *   stream_write(int32 stream, const uint8* buf, int32 len) -> int32
 *
 * `stream` is the number the host passed to wssl_conn_new(). `buf` points into the module's
 * own linear memory; the host copies into (read) or out of (write) it before returning and
 * keeps no reference. A host that cannot wait (JavaScript, an event loop) returns at once,
 * with WSSL_IO_WOULD_BLOCK when nothing can move; a host whose transport blocks may wait
 * inside them instead:
 *
 *   > 0                   bytes read into buf / bytes taken from buf (may be fewer than len)
 *   0                     read: end of stream (the peer closed its side)
 *   WSSL_IO_WOULD_BLOCK   nothing can be moved now; the engine reports WSSL_WANT_READ/WRITE
 *   -1 .. -255            -errno of a transport failure (Linux/MicroPython numbering,
 *                         e.g. -104 ECONNRESET, -32 EPIPE); passed through unchanged
 *   anything else         a broken host: any other negative, or a count above len, ends
 *                         the connection with -EIO (-5); never read as mbedtls' own codes
 *
 * A write with len == 0 is not data: it is the engine's "close", sent once by wssl_close(),
 * telling the host to close (or half-close and release) the stream. Its result is ignored.
 * A write of len > 0 that returns 0 is treated as -EPIPE.
 *
 * Who provides them: in a wasm module linked from the engine's libraries the declarations
 * below become imports from "wasm_ssl" unless the program itself defines
 * wssl_host_stream_read/wssl_host_stream_write; a definition is bound instead and nothing is
 * imported (examples/wasi/https_client.c, a WASI command over its fds). Natively the program
 * always defines them.
 *
 * The WASI reactor (wasm_ssl_wasi.wasm) imports only these two and, from
 * wasi_snapshot_preview1, random_get (the only source of randomness: if it fails the engine
 * refuses to work, it never falls back) and clock_time_get (realtime: certificate validity;
 * monotonic: timeouts). It exports `memory`, `_initialize` (call it once, before anything
 * else) and the WSSL_API functions below. js/docs/wasm-abi.md is the full reference, with a
 * minimal host.
 *
 * ------------------------------------------------------------------------------------------
 * 2. Results
 * ------------------------------------------------------------------------------------------
 * Functions returning int32 use one number space, MicroPython's:
 *   >= 0                          success (a count, a handle, or 0)
 *   -1 .. -255                    -errno: transport errors passed through, and the engine's own
 *                                 EBADF (stale handle / use after close), EINVAL (bad
 *                                 argument), ENOMEM (out of memory)
 *   WSSL_WANT_READ / WANT_WRITE   would block: call again when the transport is readable /
 *                                 writable. Never an error.
 *   WSSL_WANT_VERIFY              the handshake is paused for the host's verify callback
 *   WSSL_WANT_PSK                 a server's handshake is paused for the host's PSK lookup
 *   other negative                the mbedtls error code (MBEDTLS_ERR_...); wssl_error_name()
 *                                 gives its macro name, wssl_error_reason() its description
 *   WSSL_ERR_HOSTNAME_REQUIRED    CERT_REQUIRED client without server_hostname
 *
 * ------------------------------------------------------------------------------------------
 * 3. Memory and lifetimes
 * ------------------------------------------------------------------------------------------
 * - Configs and connections are integer handles (> 0), never reused within an instance, so a
 *   stale handle is always detected (-EBADF) instead of touching freed memory.
 * - Input buffers (certificates, keys, data) belong to the caller and are copied or consumed
 *   before the call returns. In wasm, the host obtains them with wssl_alloc()/wssl_free(); a
 *   pointer/length pair outside linear memory (or a string without a NUL inside it) is
 *   WSSL_EINVAL (wssl_verify_info: 0), never a trap. Natively nothing can be checked.
 * - Returned `const char*` / `const uint8_t*` point into engine-owned memory. Per-connection
 *   results stay valid until the next call on the same connection or its wssl_close();
 *   static strings (error names, version) stay valid forever.
 * - A connection keeps its config alive; wssl_config_free() may be called at any time.
 */
#ifndef WASM_SSL_H
#define WASM_SSL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__wasm__)
#define WSSL_IMPORT(name) __attribute__((import_module("wasm_ssl"), import_name(name)))
#define WSSL_API __attribute__((visibility("default"), used))
#else
#define WSSL_IMPORT(name)
#define WSSL_API __attribute__((visibility("default")))
#endif

/* ---- Constants ---------------------------------------------------------------------------- */

/* cert_reqs, as in MicroPython (these are mbedtls' authmode values). */
#define WSSL_CERT_NONE 0     /* no verification */
#define WSSL_CERT_OPTIONAL 1 /* verify, keep going whatever the result; see wssl_verify_flags() */
#define WSSL_CERT_REQUIRED 2 /* verify; any failure ends the handshake */

#define WSSL_CLIENT 0
#define WSSL_SERVER 1

/* Verification profiles for wssl_config_set_verify_profile(). */
#define WSSL_VERIFY_COMPAT 0 /* as MicroPython on a board: CN fallback, legacy certificates */
#define WSSL_VERIFY_STRICT 1 /* RFC 5280 / CA/Browser Forum form required (the default) */

#define WSSL_IO_WOULD_BLOCK (-11)                 /* -EAGAIN, returned by the host imports */
#define WSSL_WANT_READ (-0x6900)                  /* MBEDTLS_ERR_SSL_WANT_READ */
#define WSSL_WANT_WRITE (-0x6880)                 /* MBEDTLS_ERR_SSL_WANT_WRITE */
#define WSSL_WANT_VERIFY (-0x8001)                /* engine-defined; outside mbedtls' range */
#define WSSL_ERR_HOSTNAME_REQUIRED (-0x8002)      /* engine-defined */
#define WSSL_WANT_PSK (-0x8003)                   /* engine-defined; outside mbedtls' range */
#define WSSL_ERR_INVALID_KEY (-0x3E80)            /* MBEDTLS_ERR_PK_BAD_INPUT_DATA */
#define WSSL_ERR_INVALID_CERT (-0x2800)           /* MBEDTLS_ERR_X509_BAD_INPUT_DATA */
#define WSSL_ERR_CERT_VERIFY_FAILED (-0x2700)     /* MBEDTLS_ERR_X509_CERT_VERIFY_FAILED */
#define WSSL_ERR_BAD_CONFIG (-0x5E80)             /* MBEDTLS_ERR_SSL_BAD_CONFIG */
#define WSSL_ERR_CONN_EOF (-0x7280)               /* MBEDTLS_ERR_SSL_CONN_EOF */
#define WSSL_EBADF (-9)
#define WSSL_ENOMEM (-12)
#define WSSL_EINVAL (-22)

/* What a result means to a front end (wssl_error_class): the one error policy of both the JS
 * package and MicroPython's tls module, each of which only turns a class into its exception. */
#define WSSL_CLASS_NONE 0              /* 0: not an error */
#define WSSL_CLASS_AGAIN 1             /* WANT_READ/WRITE/VERIFY/PSK: call again */
#define WSSL_CLASS_ERRNO 2             /* -1..-255: OSError(-code), a transport errno */
#define WSSL_CLASS_NO_MEMORY 3         /* -ENOMEM, MBEDTLS_ERR_SSL_ALLOC_FAILED: OSError(ENOMEM) */
#define WSSL_CLASS_INVALID_KEY 4       /* ValueError('invalid key') */
#define WSSL_CLASS_INVALID_CERT 5      /* ValueError('invalid cert') */
#define WSSL_CLASS_HOSTNAME_REQUIRED 6 /* ValueError('CERT_REQUIRED requires server_hostname') */
#define WSSL_CLASS_VERIFY_FAILED 7     /* the peer's certificate failed: its wssl_verify_info */
#define WSSL_CLASS_TLS 8               /* OSError(code, name): mbedtls' code, or a positive
                                          verify-callback veto (wssl_mbedtls_error_name) */

/* wssl_verify_flags() when nothing was verified. */
#define WSSL_VERIFY_SKIPPED 0x80         /* MBEDTLS_X509_BADCERT_SKIP_VERIFY: CERT_NONE */
#define WSSL_VERIFY_NOT_DONE 0xFFFFFFFF  /* all bits: no verification has taken place */

/* TLS protocol versions for wssl_config_set_versions(). */
#define WSSL_TLS1_2 0x0303
#define WSSL_TLS1_3 0x0304

/* ---- Host imports (see section 1) --------------------------------------------------------- */

WSSL_IMPORT("stream_read") int32_t wssl_host_stream_read(int32_t stream, uint8_t *buf, int32_t len);
WSSL_IMPORT("stream_write")
int32_t wssl_host_stream_write(int32_t stream, const uint8_t *buf, int32_t len);

/* ---- Memory -------------------------------------------------------------------------------- */

/* malloc/free for the host's argument buffers. wssl_alloc returns 0 when out of memory. */
WSSL_API void *wssl_alloc(int32_t size);
WSSL_API void wssl_free(void *ptr);

/* Bytes currently allocated by mbedtls and the engine (which = 0), the high-water mark since
 * the last reset (which = 1), or reset the high-water mark to the current value (which = 2). */
WSSL_API int32_t wssl_heap_stats(int32_t which);

/* ---- Library ------------------------------------------------------------------------------- */

/* "Mbed TLS 3.6.6" (tls.MBEDTLS_VERSION). */
WSSL_API const char *wssl_mbedtls_version(void);

/* Macro name of a result: "MBEDTLS_ERR_SSL_CONN_EOF", "ECONNRESET", "WSSL_WANT_VERIFY", ...;
 * "UNKNOWN_ERROR" for anything else. Names are generated at build time from mbedtls' headers. */
WSSL_API const char *wssl_error_name(int32_t code);

/* mbedtls' own name of a code as mbedtls_strerror() reads it, which MicroPython's messages
 * come from: the sign is ignored and small numbers are never errnos (1 and -1 are both
 * "MBEDTLS_ERR_ERROR_GENERIC_ERROR"); "UNKNOWN_ERROR" for anything else. */
WSSL_API const char *wssl_mbedtls_error_name(int32_t code);

/* The WSSL_CLASS_ of a result (see the constants). */
WSSL_API int32_t wssl_error_class(int32_t code);

/* One-line description of a result, from mbedtls' own header comments
 * ("The connection indicated an EOF"); "" when there is none. The .wasm builds answer "" for
 * mbedtls' codes: their descriptions ship beside the .wasm, in the npm package's
 * dist/mbedtls_error_reasons.js, by the name wssl_error_name() gives. */
WSSL_API const char *wssl_error_reason(int32_t code);

/* Every cipher suite this build supports, by mbedtls name, comma-separated, in the
 * engine's default order of preference (tls.SSLContext.get_ciphers()). */
WSSL_API const char *wssl_ciphers_available(void);

/* ---- Config (one per tls.SSLContext) -------------------------------------------------------- */

/* A new config for WSSL_CLIENT or WSSL_SERVER. Its verify mode starts as MicroPython's
 * tls.SSLContext does: CERT_REQUIRED for a client, CERT_NONE for a server.
 * Returns a handle > 0, or -EINVAL, -ENOMEM, or the mbedtls error of entropy/RNG setup. */
WSSL_API int32_t wssl_config_new(int32_t endpoint);
WSSL_API int32_t wssl_config_free(int32_t config);

/* cert_reqs: WSSL_CERT_NONE / OPTIONAL / REQUIRED. Get returns the mode or -EBADF. */
WSSL_API int32_t wssl_config_set_verify_mode(int32_t config, int32_t mode);
WSSL_API int32_t wssl_config_get_verify_mode(int32_t config);

/* The own certificate chain (leaf first; PEM bundle or concatenated DER) and private key
 * (PEM or DER; PKCS#1, SEC1 or PKCS#8; unencrypted). Required for a server, optional for a
 * client. Returns 0, WSSL_ERR_INVALID_KEY (unparsable, or not the certificate's key) or
 * WSSL_ERR_INVALID_CERT. The key is checked first, as MicroPython does. */
WSSL_API int32_t wssl_config_set_own_cert(int32_t config, const uint8_t *cert, int32_t cert_len,
                                          const uint8_t *key, int32_t key_len);

/* With enabled = 0, wssl_config_set_own_cert() no longer checks that the key is the
 * certificate's (MicroPython's mbedtls port does not: such a pair fails in the handshake, when
 * the peer checks the signature). Default 1. Returns 0 or -EBADF. */
WSSL_API int32_t wssl_config_set_pair_check(int32_t config, int32_t enabled);

/* Adds trusted CA certificates (cadata): one DER certificate, several concatenated DER
 * certificates, or a PEM bundle. All or nothing: any unparsable certificate gives
 * WSSL_ERR_INVALID_CERT and adds none. Returns the number of certificates added. */
WSSL_API int32_t wssl_config_add_ca(int32_t config, const uint8_t *cadata, int32_t len);

/* Restricts the cipher suites to `names` (mbedtls names, comma-separated, in order of
 * preference). Unknown names or an empty list: WSSL_ERR_BAD_CONFIG, config unchanged. */
WSSL_API int32_t wssl_config_set_ciphers(int32_t config, const char *names);

/* ALPN protocols offered (client) or accepted (server), comma-separated, in preference order. */
WSSL_API int32_t wssl_config_set_alpn(int32_t config, const char *protocols);

/* Lowest and highest TLS version (WSSL_TLS1_2, WSSL_TLS1_3). Default: 1.2 to 1.3. */
WSSL_API int32_t wssl_config_set_versions(int32_t config, int32_t min_version,
                                          int32_t max_version);

/* Pre-shared key. On a client, the identity and key it offers. On a server, adds one entry to
 * the table it looks identities up in (any number of entries). */
WSSL_API int32_t wssl_config_set_psk(int32_t config, const uint8_t *identity, int32_t identity_len,
                                     const uint8_t *key, int32_t key_len);

/* Server: with enabled = 1, the host looks up each client's PSK itself, instead of the table
 * wssl_config_set_psk() fills. Once a client's TLS 1.2 PSK identity (in its ClientKeyExchange)
 * has arrived, the handshake pauses with WSSL_WANT_PSK: wssl_psk_identity()/_len() give the
 * identity (opaque bytes) and wssl_psk_complete() answers with its key, or with none (key_len
 * 0) to refuse it (alert unknown_psk_identity, MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY). */
WSSL_API int32_t wssl_config_set_psk_lookup(int32_t config, int32_t enabled);

/* With enabled = 1, every handshake that verifies a peer chain pauses once with
 * WSSL_WANT_VERIFY so that the host can run its verify callback (see section "Verify
 * callback" below). */
WSSL_API int32_t wssl_config_set_verify_callback(int32_t config, int32_t enabled);

/* How strictly certificates are judged under CERT_OPTIONAL / CERT_REQUIRED. Both profiles
 * match host names by kind (an IP address only iPAddress entries, a DNS name only dNSName
 * entries; wildcards only as a whole leftmost label above two or more labels), apply name
 * constraints and refuse unknown critical extensions. WSSL_VERIFY_STRICT (the default) also
 * requires: a subjectAltName on a server certificate (no CN fallback) that includes the CN
 * if there is one, valid dNSName syntax; no CA certificate (cA=TRUE or keyCertSign) as the
 * leaf; X.509 v3 throughout; RSA keys of at least 2048 bits; a critical basicConstraints and a
 * subjectKeyIdentifier on every CA, an authorityKeyIdentifier on every certificate not
 * self-signed; serial numbers of 1 to 20 bytes, not zero; and an extendedKeyUsage that names
 * the peer's role itself (anyExtendedKeyUsage alone is not enough). Each refusal is one line
 * of wssl_verify_info naming the rule. WSSL_VERIFY_COMPAT keeps MicroPython's behaviour for
 * those. Returns 0 or -EINVAL. */
WSSL_API int32_t wssl_config_set_verify_profile(int32_t config, int32_t profile);

/* Most intermediate CA certificates a verified chain may have between the peer's certificate
 * and the trust anchor (as OpenSSL's verify_depth); -1 (the default) leaves mbedtls' own
 * limit (8). Returns 0 or -EINVAL. */
WSSL_API int32_t wssl_config_set_max_chain_depth(int32_t config, int32_t depth);

/* ---- Connection (one per SSLSocket) --------------------------------------------------------- */

/* A new connection over host stream `stream` with the config's settings. `server_hostname`
 * (NUL-terminated, or 0) sets SNI and the name checked against the server's certificate.
 * A client with CERT_REQUIRED and no hostname gets WSSL_ERR_HOSTNAME_REQUIRED, as in
 * MicroPython. Returns a handle > 0 or an error. */
WSSL_API int32_t wssl_conn_new(int32_t config, int32_t stream, const char *server_hostname);

/* Advances the handshake as far as the transport allows. 0 when complete (also on every call
 * after that), WSSL_WANT_READ / WSSL_WANT_WRITE / WSSL_WANT_VERIFY, or an error. An error is
 * final: every later call returns it again. */
WSSL_API int32_t wssl_handshake(int32_t conn);

/* Decrypted application data into buf. Completes a deferred handshake first. Returns bytes
 * read (> 0), 0 at end of stream, WSSL_WANT_*, or an error (-EBADF after close). End of
 * stream is the peer's close_notify or, as in mbedtls and MicroPython, the transport ending
 * after the handshake without one, between records; wssl_close_notify_received() tells the two
 * apart. A transport that ends during the handshake or inside a record is WSSL_ERR_CONN_EOF. */
WSSL_API int32_t wssl_read(int32_t conn, uint8_t *buf, int32_t len);

/* Encrypts and sends up to len bytes; completes a deferred handshake first. Returns bytes
 * taken (> 0, possibly fewer than len: call again with the rest), WSSL_WANT_*, or an error.
 * After WSSL_WANT_WRITE the next wssl_write must pass the same bytes again (mbedtls rule). */
WSSL_API int32_t wssl_write(int32_t conn, const uint8_t *buf, int32_t len);

/* Decrypted bytes already buffered inside the engine (readable without the transport). */
WSSL_API int32_t wssl_pending(int32_t conn);

/* Sends close_notify (if the handshake completed and no error occurred), then tells the host
 * to close the stream (a zero-length stream_write) and frees the connection. Returns 0, or
 * WSSL_WANT_WRITE while close_notify cannot be sent yet (call again). The handle is stale
 * afterwards: a second close, or any other call, returns -EBADF. */
WSSL_API int32_t wssl_close(int32_t conn);

/* ---- Connection queries (valid after the handshake; 0 / -EBADF where not applicable) ------ */

WSSL_API int32_t wssl_handshake_done(int32_t conn);           /* 1 or 0 */
WSSL_API int32_t wssl_close_notify_received(int32_t conn);    /* 1 or 0 */
WSSL_API const char *wssl_version(int32_t conn);               /* "TLSv1.3", "TLSv1.2" */
WSSL_API const char *wssl_cipher(int32_t conn);                /* "TLS1-3-AES-128-GCM-SHA256" */
WSSL_API const char *wssl_alpn_protocol(int32_t conn);         /* negotiated protocol or 0 */
WSSL_API const uint8_t *wssl_peer_cert_der(int32_t conn);      /* leaf certificate DER or 0 */
WSSL_API int32_t wssl_peer_cert_len(int32_t conn);
/* The peer leaf certificate as one JSON object: subject, issuer, serial, not_before,
 * not_after (ISO 8601 UTC) and subject_alt_names; 0 when there is none. Also after a
 * handshake that failed verification (the certificate the peer presented), for messages. */
WSSL_API const char *wssl_peer_cert_json(int32_t conn);
/* mbedtls' verification flags (MBEDTLS_X509_BADCERT_...); 0 = verified. With CERT_OPTIONAL
 * this is how the result is read. WSSL_VERIFY_SKIPPED under CERT_NONE; WSSL_VERIFY_NOT_DONE
 * while no verification has taken place (before the peer's certificate, or when it sent none). */
WSSL_API uint32_t wssl_verify_flags(int32_t conn);
/* mbedtls_x509_crt_verify_info() text for those flags: one line per failed check, each as
 * prefix + reason + "\n" (MicroPython uses prefix "\n"). "" when verified. */
WSSL_API const char *wssl_verify_info(int32_t conn, const char *prefix);

/* ---- Verify callback ------------------------------------------------------------------------
 * With wssl_config_set_verify_callback(config, 1), once the peer's chain has been checked the
 * handshake returns WSSL_WANT_VERIFY. The chain is then readable, root-most certificate first
 * (index 0 = highest depth), exactly in the order mbedtls' own verify callback sees it, and the
 * host answers with wssl_verify_complete(): 0 accepts (verification then ends as the verify
 * mode says), any other value vetoes and becomes the handshake's error, as a MicroPython
 * verify_callback's non-zero return does (a positive value becomes
 * WSSL_ERR_CERT_VERIFY_FAILED, so results stay negative; the verification flags stay mbedtls'
 * own, as in MicroPython). Then the handshake continues with the next call. */
WSSL_API int32_t wssl_verify_chain_length(int32_t conn);
WSSL_API const uint8_t *wssl_verify_chain_der(int32_t conn, int32_t index);
WSSL_API int32_t wssl_verify_chain_der_len(int32_t conn, int32_t index);
WSSL_API int32_t wssl_verify_chain_depth(int32_t conn, int32_t index);
WSSL_API int32_t wssl_verify_complete(int32_t conn, int32_t result);

/* ---- PSK lookup (see wssl_config_set_psk_lookup) ---------------------------------------- */
WSSL_API const uint8_t *wssl_psk_identity(int32_t conn);
WSSL_API int32_t wssl_psk_identity_len(int32_t conn);
WSSL_API int32_t wssl_psk_complete(int32_t conn, const uint8_t *key, int32_t key_len);

/* ---- Session resumption ----------------------------------------------------------------------
 * A client saves the session of an established connection (TLS 1.2 session, or a TLS 1.3
 * ticket, which arrives after the handshake: read once first) and offers it on a new
 * connection before that one's handshake. save returns the bytes needed; with cap too small
 * nothing is written. wssl_session_resumed() says whether the handshake was abbreviated.
 *
 * A saved session is a SECRET: it holds what resumes the session (the TLS 1.2 master secret,
 * the TLS 1.3 resumption key), encrypted and authenticated (ChaCha20-Poly1305 under a key drawn
 * once per engine instance, a random nonce per blob). It also records how the peer was
 * authenticated: verify mode, verification flags, a SHA-256 of the trusted CA certificates'
 * DER (in order), the host name and the peer's leaf certificate.
 *
 * load accepts only sessions this instance saved, unaltered, and answers anything else with
 * MBEDTLS_ERR_SSL_BAD_INPUT_DATA before mbedtls parses it. A session of this instance that does
 * not serve the new connection is not offered and load returns 0: the handshake then runs in
 * full and verifies as the connection's settings say. A session serves a connection with the
 * same trust anchors and host name whose verification is no stronger than the session's: a
 * verified session (CERT_REQUIRED, or CERT_OPTIONAL with flags 0) serves any verify mode; one
 * not verified (CERT_NONE) or failed (CERT_OPTIONAL) serves only CERT_OPTIONAL and CERT_NONE; a
 * connection with a verify callback takes only sessions a callback accepted. After a resumed
 * handshake, wssl_verify_flags/wssl_verify_info and wssl_peer_cert_* report the recorded facts
 * of the original handshake. */
WSSL_API int32_t wssl_session_save(int32_t conn, uint8_t *buf, int32_t cap);
WSSL_API int32_t wssl_session_load(int32_t conn, const uint8_t *buf, int32_t len);
WSSL_API int32_t wssl_session_resumed(int32_t conn);

#ifdef __cplusplus
}
#endif

#endif /* WASM_SSL_H */
