// Cipher suites as each implementation names them, reduced to one comparable form:
// "TLSv1.3 AES-256-GCM" or "TLSv1.2 ECDHE-RSA CHACHA20-POLY1305" (version, key exchange for
// TLS 1.2, bulk cipher; in every suite these peers share, the hash follows from those).
import { execFileSync } from 'node:child_process';

const BULK = '(AES_128_GCM|AES_256_GCM|CHACHA20_POLY1305)';
const dashes = (s) => s.replaceAll('_', '-');

/** From an IANA name (TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256). */
export function suiteFromIana(version, name) {
  let m = new RegExp(`^TLS_${BULK}_SHA(256|384)$`).exec(name);
  if (m) return `${version} ${dashes(m[1])}`;
  m = new RegExp(`^TLS_(ECDHE_ECDSA|ECDHE_RSA)_WITH_${BULK}_SHA(256|384)$`).exec(name);
  if (m) return `${version} ${dashes(m[1])} ${dashes(m[2])}`;
  return `${version} unrecognised suite ${name}`;
}

/** From mbedtls' name (TLS1-3-AES-128-GCM-SHA256, TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256). */
export function suiteFromMbedtls(version, name) {
  return suiteFromIana(version, String(name).replace(/^TLS1-3-/, 'TLS_').replace(/^TLS-/, 'TLS_').replaceAll('-', '_'));
}

let opensslToIana = null;
/** From OpenSSL's name (TLS 1.3: IANA already; TLS 1.2: ECDHE-RSA-AES128-GCM-SHA256). */
export function suiteFromOpenSsl(version, name) {
  if (name.startsWith('TLS_')) return suiteFromIana(version, name);
  if (!opensslToIana) {
    // openssl's own table: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 - ECDHE-RSA-AES128-GCM-SHA256 ..."
    opensslToIana = new Map();
    for (const line of execFileSync('openssl', ['ciphers', '-stdname', 'ALL']).toString().split('\n')) {
      const m = /^(\S+)\s+-\s+(\S+)\s/.exec(line);
      if (m) opensslToIana.set(m[2], m[1]);
    }
  }
  return suiteFromIana(version, opensslToIana.get(name) || name);
}

/**
 * From GnuTLS' description, (TLS1.2-X.509)-(ECDHE-X25519)-(RSA-SHA256)-(AES-256-GCM), and for
 * a resumed TLS 1.2 session, whose description leaves out the key exchange, its "Key Exchange".
 */
export function suiteFromGnutls(description, keyExchange = null) {
  const groups = [...description.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]);
  const version = `TLSv${/^TLS(1\.\d)/.exec(groups[0] || '')?.[1] || '?'}`;
  const bulk = groups[groups.length - 1];
  if (version === 'TLSv1.3') return `${version} ${bulk}`;
  const signature = groups.find((g) => /^(ECDSA|RSA)/.test(g));
  const kx = signature ? `ECDHE-${signature.startsWith('ECDSA') ? 'ECDSA' : 'RSA'}` : keyExchange;
  return `${version} ${kx || 'unknown-key-exchange'} ${bulk}`;
}
