// What is measured, in one place: every implementation runs these same scenarios.
// Client and server live in one thread over an in-memory pipe; the client trusts only `ca`
// and checks the server's name ("localhost") and chain.
const TLS12 = 0x0303, TLS13 = 0x0304;
const ecdsaChain = { cert: 'chained-bundle.crt', key: 'chained.key', ca: 'ca.der', caPem: 'ca.crt' };
export const rsaChain = { cert: 'chained-rsa-bundle.crt', key: 'chained-rsa.key', ca: 'rsa-ca.der', caPem: 'rsa-ca.crt' };

// Sequential full handshakes, each over a leaf + intermediate chain whose root the client
// trusts (two chain signatures and the handshake signature verified): ECDSA P-256 throughout,
// or RSA-2048 throughout.
export const handshakeScenarios = [
  { id: 'tls13-ecdsa-p256', label: 'TLS 1.3, ECDSA P-256, chain verified',
    minVersion: TLS13, maxVersion: TLS13, ciphers: null, ...ecdsaChain,
    node: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } },
  { id: 'tls12-ecdhe-ecdsa-aes128gcm', label: 'TLS 1.2 ECDHE-ECDSA-AES128-GCM',
    minVersion: TLS12, maxVersion: TLS12, ciphers: 'TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256',
    ...ecdsaChain,
    node: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' } },
  { id: 'tls12-ecdhe-rsa2048', label: 'TLS 1.2 ECDHE-RSA-2048 (AES128-GCM)',
    minVersion: TLS12, maxVersion: TLS12, ciphers: 'TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256',
    ...rsaChain,
    node: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' } },
];

// 64 MiB client→server in 16 KiB application writes, over the ECDSA chain.
export const bulkScenarios = [
  { id: 'tls12-aes128gcm', label: 'TLS 1.2 AES-128-GCM', aead: 'aes-128-gcm',
    minVersion: TLS12, maxVersion: TLS12, ciphers: 'TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256',
    ...ecdsaChain,
    node: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' } },
  { id: 'tls12-chacha20', label: 'TLS 1.2 ChaCha20-Poly1305', aead: 'chacha20-poly1305',
    minVersion: TLS12, maxVersion: TLS12, ciphers: 'TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256',
    ...ecdsaChain,
    node: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-CHACHA20-POLY1305' } },
  { id: 'tls13-aes128gcm', label: 'TLS 1.3 AES-128-GCM', aead: 'aes-128-gcm',
    minVersion: TLS13, maxVersion: TLS13, ciphers: 'TLS1-3-AES-128-GCM-SHA256', ...ecdsaChain,
    node: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ciphers: 'TLS_AES_128_GCM_SHA256' } },
  { id: 'tls13-chacha20', label: 'TLS 1.3 ChaCha20-Poly1305', aead: 'chacha20-poly1305',
    minVersion: TLS13, maxVersion: TLS13, ciphers: 'TLS1-3-CHACHA20-POLY1305-SHA256', ...ecdsaChain,
    node: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ciphers: 'TLS_CHACHA20_POLY1305_SHA256' } },
];

// Established idle connections (after one message each way): the default negotiation.
export const idleScenarios = [
  { id: 'tls13', label: 'TLS 1.3 (default suite)', minVersion: TLS13, maxVersion: TLS13,
    ciphers: null, ...ecdsaChain },
  { id: 'tls12', label: 'TLS 1.2 (default suite)', minVersion: TLS12, maxVersion: TLS12,
    ciphers: null, ...ecdsaChain },
];

// Full run and quick run (make bench-quick: proves the benchmark works, figures meaningless).
export const settings = {
  full: { handshakeSeconds: 0.6, repeats: 5, bulkBytes: 64 << 20, writeBytes: 16384,
    forgeBulkBytes: 16 << 20, aeadBytes: 64 << 20, idleConnections: 100,
    concurrentConnections: 1000, instantiateRuns: 7 },
  quick: { handshakeSeconds: 0.05, repeats: 1, bulkBytes: 1 << 20, writeBytes: 16384,
    forgeBulkBytes: 256 << 10, aeadBytes: 1 << 20, idleConnections: 4,
    concurrentConnections: 10, instantiateRuns: 1 },
};
