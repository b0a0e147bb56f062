/*
 * wasm-ssl's mbedtls 3.6 configuration: one file for the native, emscripten and WASI builds,
 * so that the native tests exercise exactly what ships as WebAssembly.
 *
 * What is in: TLS 1.2 + 1.3, client + server, X.509 parsing and verification, ECDHE over
 * X25519 / P-256 / P-384, ECDSA and RSA certificates, AES-GCM and ChaCha20-Poly1305, PSK,
 * SNI, ALPN, session tickets, and AES-CBC with RSA key exchange for MicroPython's list of
 * TLS 1.2 suites (see below). What is out: everything else (no
 * DTLS, DHE, renegotiation, file I/O, sockets, timing, debug strings, certificate writing,
 * SHA-224, CTR_DRBG). Size and speed choices are measured by `make bench`.
 */
#ifndef WASM_SSL_MBEDTLS_CONFIG_H
#define WASM_SSL_MBEDTLS_CONFIG_H

/* ---- Platform: the engine supplies time, entropy and a counting allocator (src/platform) ---- */
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY          /* heap accounting: wssl_heap_stats() */
#define MBEDTLS_PLATFORM_CALLOC_MACRO wssl_counted_calloc
#define MBEDTLS_PLATFORM_FREE_MACRO wssl_counted_free
#define MBEDTLS_PLATFORM_MS_TIME_ALT     /* monotonic clock: WASI has no default */
#define MBEDTLS_PLATFORM_GMTIME_R_ALT    /* emscripten's gmtime_r calls into JS time zones */
#define MBEDTLS_NO_PLATFORM_ENTROPY      /* no /dev/urandom inside wasm ... */
#define MBEDTLS_ENTROPY_HARDWARE_ALT     /* ... getentropy() instead; also seeds PSA's own DRBG */
#define MBEDTLS_PLATFORM_SNPRINTF_MACRO wssl_snprintf /* the engine's own (src/platform/format.cpp) */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_PSA_CRYPTO_C             /* TLS 1.3 runs on PSA; its DRBG is HMAC_DRBG (no CTR_DRBG) */
#define MBEDTLS_PSA_KEY_STORE_DYNAMIC

/* WebAssembly loads and stores need no alignment: let mbedtls use word-wide XORs there
 * (it only assumes this for x86 and Arm). And wasm has native 64-bit integers even in wasm32:
 * 64-bit bignum limbs, as x86-64 and Arm64 use natively, make ECDSA/ECDHE handshakes 1.35x and
 * RSA-2048 ones 2.2x faster than mbedtls' 32-bit default for a 32-bit target. */
#if defined(__wasm__)
#define MBEDTLS_EFFICIENT_UNALIGNED_ACCESS
#define MBEDTLS_HAVE_INT64
#endif

/* ---- TLS ---- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_PSK_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_PSK_ENABLED
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_ALPN
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_SSL_TICKET_C
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE   /* getpeercert(True) */
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
/* No MBEDTLS_SSL_MAX_FRAGMENT_LENGTH: the API never asks for it, and a server may ignore a
 * client's request (RFC 6066); 0.3 KB of gzipped wasm. */

/* ---- Certificates ---- */
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
/* No OID descriptions nor mbedtls' *_info() texts (0.7 KB of gzipped wasm): wssl_verify_info
 * writes mbedtls' verification lines itself (src/x509/verify_text.cpp). */
#define MBEDTLS_X509_REMOVE_INFO
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C

/* ---- Public-key cryptography ---- */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_HMAC_DRBG_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
/* mbedtls' fast P-256/P-384 reduction: P-384 (Let's Encrypt's ECDSA intermediates sign with
 * it) and P-256 key generation (mbedtls 3.6 has no hook for it) still run on mbedtls' arithmetic:
 * without it 4.4x fewer P-384 handshakes and 3.8x fewer P-256 key shares, for 1.65 KB gzip. */
#define MBEDTLS_ECP_NIST_OPTIM
/* No precomputed generator tables: 4 KB of incompressible data (5 KB of gzipped wasm), for
 * ~23% fewer ECDSA handshakes per second, natively as in wasm (the size target). */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
/* src/crypto's own X25519 and P-256 through mbedtls' supported hooks (ecc_alt.cpp: ECDH,
 * ECDSA sign/verify; ecp_ladder_alt.cpp: the rungs of the Curve25519 ladder that key generation
 * runs): 3.3x the TLS 1.3 P-256 handshakes of ecp.c's generic bignum arithmetic in wasm
 * (docs/performance.md). CMake's WASM_SSL_ECC=mbedtls leaves them out. */
#if defined(WSSL_ECC_OWN)
#define MBEDTLS_ECDH_COMPUTE_SHARED_ALT
#define MBEDTLS_ECDSA_VERIFY_ALT
#define MBEDTLS_ECDSA_SIGN_ALT
#define MBEDTLS_ECP_INTERNAL_ALT
#define MBEDTLS_ECP_DOUBLE_ADD_MXZ_ALT
#define MBEDTLS_ECP_NORMALIZE_MXZ_ALT
#endif
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21                /* RSA-PSS: TLS 1.3 signatures with RSA keys */

/* ---- Symmetric cryptography and hashes ---- */
#define MBEDTLS_CIPHER_C
#define MBEDTLS_AES_C
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#if defined(__wasm__)
/* src/crypto/chacha20.cpp: a WebAssembly SIMD kernel (its scalar path in the *_scalar
 * fallback builds). Natively mbedtls' own C, which compilers handle best there. */
#define MBEDTLS_CHACHA20_ALT
#endif
/* AES and GCM: mbedtls' own look up tables with secret indices (AES bytes, GHASH nibbles),
 * which leaks keys through the cache, and WebAssembly has no AES instructions to avoid it.
 * src/crypto/aes.cpp (bitsliced AES), ghash.cpp (carry-less multiplication without tables) and
 * gcm.cpp instead, in every build: natively too, so that the native tests and their valgrind
 * constant-time check run the same C. CMake's -DWASM_SSL_CRYPTO=mbedtls brings mbedtls' own back
 * (the benchmark's "before"). */
#if !defined(WASM_SSL_CRYPTO_MBEDTLS)
#define MBEDTLS_AES_ALT
#define MBEDTLS_GCM_ALT
#endif
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C     /* only so SHA-1-signed certificates parse and are *rejected* by name */
#define MBEDTLS_SHA1_PROCESS_ALT  /* ... so its speed does not matter: a compact block function */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_HKDF_C
#define MBEDTLS_SHA256_SMALLER           /* loops instead of unrolled rounds: smaller, as fast */
#define MBEDTLS_SHA512_SMALLER
/* MicroPython's CBC suites (AES-CBC, with AES decryption, and RSA key exchange), offered after
 * every AEAD suite. Their 3.4 to 3.7 KB gzip per .wasm was paid for by moving mbedtls' error
 * descriptions out of the module (cmake/generate_error_table.cmake). */
#define MBEDTLS_KEY_EXCHANGE_RSA_ENABLED
#define MBEDTLS_CIPHER_MODE_CBC

/* ---- Sizes ---- */
/* Peers send full 16 KiB records; anything smaller breaks interop with OpenSSL/GnuTLS/Node. */
#define MBEDTLS_SSL_IN_CONTENT_LEN  16384
#define MBEDTLS_SSL_OUT_CONTENT_LEN 16384
#define MBEDTLS_MPI_MAX_SIZE        512  /* RSA up to 4096 bits */
#define MBEDTLS_SSL_TLS1_3_DEFAULT_NEW_SESSION_TICKETS 1

#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
void *wssl_counted_calloc(size_t n, size_t size); /* src/platform/heap.cpp */
void wssl_counted_free(void *ptr);
int wssl_snprintf(char *buf, size_t n, const char *fmt, ...); /* src/platform/format.cpp */
#ifdef __cplusplus
}
#endif

#endif /* WASM_SSL_MBEDTLS_CONFIG_H */
