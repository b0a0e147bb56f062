// The constant-time AES and GCM of the wasm builds (src/crypto/aes.cpp, ghash.cpp, gcm.cpp),
// checked against OpenSSL: each build's SIMD module (8 blocks per batch) and its scalar twin
// (4 per batch) talk every AES-GCM suite (TLS 1.3 and TLS 1.2) to a Node TLS echo server on
// loopback, with messages whose lengths cross every boundary of the kernels (16-byte blocks,
// 64- and 128-byte batches, records). Any keystream or GHASH error fails a record's tag.
import { describeSuitesAgainstOpenSsl } from '../support/cipher-echo.js';

const LENGTHS = [1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 255, 1000, 4109, 16383, 16384, 40000];
const SUITES = [
  ['TLS1-3-AES-128-GCM-SHA256', 'TLSv1.3'],
  ['TLS1-3-AES-256-GCM-SHA384', 'TLSv1.3'],
  ['TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256', 'TLSv1.2'],
  ['TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384', 'TLSv1.2'],
];

describeSuitesAgainstOpenSsl(SUITES, LENGTHS);
