// Generated from include/wasm_ssl.h by scripts/generate-abi.mjs (make build): do not edit.
export const CERT_NONE = 0;
export const CERT_OPTIONAL = 1;
export const CERT_REQUIRED = 2;
export const CLIENT = 0;
export const SERVER = 1;
export const VERIFY_COMPAT = 0;
export const VERIFY_STRICT = 1;
export const IO_WOULD_BLOCK = -11;
export const WANT_READ = -0x6900;
export const WANT_WRITE = -0x6880;
export const WANT_VERIFY = -0x8001;
export const ERR_HOSTNAME_REQUIRED = -0x8002;
export const ERR_INVALID_KEY = -0x3E80;
export const ERR_INVALID_CERT = -0x2800;
export const ERR_CERT_VERIFY_FAILED = -0x2700;
export const ERR_BAD_CONFIG = -0x5E80;
export const ERR_CONN_EOF = -0x7280;
export const EBADF = -9;
export const ENOMEM = -12;
export const EINVAL = -22;
export const VERIFY_SKIPPED = 0x80;
export const VERIFY_NOT_DONE = 0xFFFFFFFF;
export const TLS1_2 = 0x0303;
export const TLS1_3 = 0x0304;
/** Every function the wasm builds export (besides memory and the toolchain's own). */
export const EXPORTS = Object.freeze([
  'wssl_alloc',
  'wssl_free',
  'wssl_heap_stats',
  'wssl_mbedtls_version',
  'wssl_error_name',
  'wssl_error_reason',
  'wssl_ciphers_available',
  'wssl_config_new',
  'wssl_config_free',
  'wssl_config_set_verify_mode',
  'wssl_config_get_verify_mode',
  'wssl_config_set_own_cert',
  'wssl_config_add_ca',
  'wssl_config_set_ciphers',
  'wssl_config_set_alpn',
  'wssl_config_set_versions',
  'wssl_config_set_psk',
  'wssl_config_set_verify_callback',
  'wssl_config_set_verify_profile',
  'wssl_config_set_max_chain_depth',
  'wssl_conn_new',
  'wssl_handshake',
  'wssl_read',
  'wssl_write',
  'wssl_pending',
  'wssl_close',
  'wssl_handshake_done',
  'wssl_close_notify_received',
  'wssl_version',
  'wssl_cipher',
  'wssl_alpn_protocol',
  'wssl_peer_cert_der',
  'wssl_peer_cert_len',
  'wssl_peer_cert_json',
  'wssl_verify_flags',
  'wssl_verify_info',
  'wssl_verify_chain_length',
  'wssl_verify_chain_der',
  'wssl_verify_chain_der_len',
  'wssl_verify_chain_depth',
  'wssl_verify_complete',
  'wssl_session_save',
  'wssl_session_load',
  'wssl_session_resumed',
]);
