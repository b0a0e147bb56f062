// Turns the suites' results into the printed tables (figures, then ratios) and the target
// verdicts. Everything here reads `results` only; nothing is measured.
import { bulkScenarios, handshakeScenarios, idleScenarios } from './scenarios.mjs';

// The implementations, in column order: [key, label, suite, suite of its wasm speed limit].
// The default wasm modules use the SIMD kernels; "scalar" is their fallback twin. `js` is the
// npm package's public API over the default emscripten module.
const IMPLS = [
  ['emscripten', 'wasm emscripten', 'engine-emscripten', 'aead-emscripten'],
  ['emscripten-scalar', 'emscr. scalar', 'engine-emscripten-scalar', 'aead-emscripten-scalar'],
  ['wasi', 'wasm WASI', 'engine-wasi', 'aead-wasi'],
  ['js', 'JS API (emscr.)', 'js-stack', 'aead-emscripten'],
  ['native', 'native', 'engine-native', null],
  ['node', 'Node tls', 'node-tls', null],
  ['forge', 'node-forge', 'forge', null],
];
const SUBJECTS = ['emscripten', 'emscripten-scalar', 'wasi', 'js'];  // what ratios are of
const REFERENCES = ['native', 'node', 'forge'];                      // ... and against what
const WASM_BUILDS = [  // [label, size key, aead suite]
  ['emscripten', 'emscripten', 'aead-emscripten'], ['emscripten scalar', 'emscripten-scalar', 'aead-emscripten-scalar'],
  ['WASI', 'wasi', 'aead-wasi'], ['WASI scalar', 'wasi-scalar', 'aead-wasi-scalar']];

const fmt = (v, digits = 0) => (v === undefined || v === null || Number.isNaN(v) ? '-' : v.toFixed(digits));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '-');
const kib = (bytes) => (bytes === undefined ? '-' : (bytes / 1024).toFixed(1));

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const handshakeRate = (results, suite, id) => results[suite]?.handshakes?.[id]?.per_second;
const bulkRate = (results, suite, id) => results[suite]?.bulk?.[id]?.mb_per_s;
const forgeBulk = (results) => bulkRate(results, 'forge', 'tls12-aes128gcm');

// The wasm speed limit of a bulk row: that AEAD sealed and opened by one thread, raw, in the
// same build.
const limit = (results, aeadSuite, aead) => results[aeadSuite]?.[aead]?.seal_open_mb_per_s;

// Columns that have a figure in at least one row.
function columns(results, rate, rows) {
  return IMPLS.filter(([, , suite]) => rows.some((sc) => rate(results, suite, sc.id)));
}

function ratioTable(title, results, rows, rate, { withLimit = false } = {}) {
  const impls = columns(results, rate, rows);
  const subjects = impls.filter(([k]) => SUBJECTS.includes(k));
  const refs = impls.filter(([k]) => REFERENCES.includes(k));
  const header = ['scenario', ...subjects.flatMap(([, a]) => [...(withLimit ? [`${a} / wasm limit`] : []),
    ...refs.map(([, b]) => `${a} / ${b}`)])];
  const body = rows.map((sc) => [sc.label, ...subjects.flatMap(([, , s, aead]) => [
    ...(withLimit ? [ratio(rate(results, s, sc.id), limit(results, aead, sc.aead))] : []),
    // node-forge has one configuration, in one row: every row is compared with it
    ...refs.map(([rk, , r]) => ratio(rate(results, s, sc.id),
      rk === 'forge' ? (withLimit ? forgeBulk(results) : rate(results, r, 'tls12-ecdhe-rsa2048')) : rate(results, r, sc.id)))])]);
  return table(title, header, body);
}

function handshakeTables(results) {
  const impls = columns(results, handshakeRate, handshakeScenarios);
  const rows = handshakeScenarios.map((sc) => [sc.label, ...impls.map(([, , s]) => fmt(handshakeRate(results, s, sc.id)))]);
  return table('Full handshakes per second (client + server in one thread, in-memory pipe)',
    ['scenario', ...impls.map(([, l]) => l)], rows) +
    ratioTable('Handshake ratios (node-forge: its one configuration, compared with every row)',
      results, handshakeScenarios, handshakeRate) +
    '\nnode-forge supports only TLS 1.0/1.1 with RSA key transport and AES-CBC-SHA: its figure is ' +
    'in the RSA row (it negotiates TLS 1.0, TLS_RSA_WITH_AES_128_CBC_SHA, RSA chain verified). ' +
    'The JS API builds a configuration per wrap_socket (certificate and key parsed and checked), ' +
    'as the seed\'s ssl.wrap_socket does.';
}

function bulkTables(results) {
  const impls = columns(results, bulkRate, bulkScenarios);
  const limits = IMPLS.filter(([k]) => ['emscripten', 'emscripten-scalar', 'wasi'].includes(k));
  const rows = bulkScenarios.map((sc) => [sc.label, ...impls.map(([, , s]) => fmt(bulkRate(results, s, sc.id))),
    ...limits.map(([, , , aead]) => fmt(limit(results, aead, sc.aead)))]);
  const b = results['engine-emscripten']?.bulk?.[bulkScenarios[0].id];
  const size = b ? `${b.bytes / 2 ** 20} MiB` : '';
  return table(`Bulk MB/s (${size} client→server in 16 KiB writes; one thread encrypts and decrypts)`,
    ['scenario', ...impls.map(([, l]) => l), ...limits.map(([, l]) => `limit ${l}`)], rows) +
    ratioTable('Bulk ratios', results, bulkScenarios, bulkRate, { withLimit: true }) +
    '\nwasm limit: the same AEAD in the same build, raw (bench/aead), sealed and opened by one ' +
    'thread. node-forge: TLS 1.0 AES-128-CBC-SHA (its only kind), compared with every row.';
}

function cipherTable(results) {
  const builds = [...WASM_BUILDS.map(([l, , s]) => [l, s]), ['native', 'aead-native']];
  const kinds = ['aes-128-gcm', 'chacha20-poly1305', 'aes-128-ctr', 'ghash', 'chacha20', 'poly1305',
    'aes-128-gcm (mbedtls)', 'aes-128-ctr (mbedtls)', 'ghash (mbedtls)'];  // mbedtls': the before
  const cell = (a) => (!a ? '-' : a.open_mb_per_s ? `${fmt(a.seal_mb_per_s)} / ${fmt(a.open_mb_per_s)}` : fmt(a.seal_mb_per_s));
  const rows = kinds.map((k) => [k, ...builds.map(([, s]) => cell(results[s]?.[k])),
    k === 'aes-128-gcm' ? cell(results.forge?.aead?.[k]) : '-',
    ...WASM_BUILDS.map(([, , s]) => ratio(results[s]?.[k]?.seal_mb_per_s, results['aead-native']?.[k]?.seal_mb_per_s))]);
  return table('Raw cipher MB/s, 16 KiB records (AEADs: seal / open; parts: one direction)',
    ['primitive', ...builds.map(([l]) => l), 'node-forge', ...WASM_BUILDS.map(([l]) => `${l} / native`)], rows);
}

function sizeTable(results) {
  const s = results.sizes;
  if (!s) return '';
  const row = (label, f) => [label, f.raw, f.gzip, ratio(f.gzip, s.forge.js.gzip)];
  return table('Size (bytes)', ['artefact', 'raw', 'gzip -9', 'gzip vs forge.min.js'], [
    ...WASM_BUILDS.map(([l, key]) => row(`${l} .wasm`, s[key].wasm)),
    row('emscripten glue .mjs (both)', s.emscripten.glue), row('node-forge forge.min.js', s.forge.js)]);
}

function tcpTable(results) {
  const t = results.tcp;
  if (!t) return '';
  const node = t.rows['Node tls'];
  return table(`Real loopback TCP against openssl s_server (${t.scenario}; echo of ${t.echo_bytes / 2 ** 20} MiB)`,
    ['client', 'connections/s', 'vs Node tls', 'echo MB/s', 'vs Node tls'],
    Object.entries(t.rows).map(([name, r]) => [name, fmt(r.connections_per_s), ratio(r.connections_per_s, node.connections_per_s),
      fmt(r.echo_mb_per_s, 1), ratio(r.echo_mb_per_s, node.echo_mb_per_s)])) +
    '\nA connection: TCP connect, verified handshake, close. Nagle on: no-delay turned back off before the ' +
    'handshake; the engine hands each flight to the socket as one write, so no flight waits for a delayed ACK.';
}

function instantiateTable(results) {
  const t = results.instantiate;
  if (!t) return '';
  const keys = [['compile_ms', 'compile'], ['instantiate_ms', 'instantiate + runtime'],
    ['first_config_ms', 'first config (RNG seeding)'], ['total_ms', 'total, cold'],
    ['first_handshake_ms', 'then first handshake'], ['warm_instantiate_ms', 'new instance, compiled']];
  return table(`Instantiate (ms, cold process, median of ${t.emscripten.samples})`,
    ['step', 'emscripten', 'WASI'], keys.map(([k, l]) => [l, fmt(t.emscripten[k], 1), fmt(t.wasi[k], 1)]));
}

function memoryTables(results) {
  const builds = [['emscripten', 'engine-emscripten'], ['WASI', 'engine-wasi'], ['native', 'engine-native']]
    .filter(([, s]) => results[s]?.idle);
  const rows = idleScenarios.flatMap((sc) => builds.map(([l, s]) => {
    const r = results[s].idle[sc.id];
    return [`${sc.label}, ${l}`, r.cipher, kib(r.heap_per_client), kib(r.heap_per_server)];
  }));
  const conc = builds.map(([l, s]) => {
    const r = results[s].concurrent;
    return [l, r.connections, fmt(r.establish_seconds, 2), fmt(r.connections / r.establish_seconds),
      kib(r.heap_per_client), kib(r.heap_per_server),
      r.memory_server_instance ? (r.memory_server_instance / 2 ** 20).toFixed(1) : '-',
      fmt(r.close_seconds * 1000, 1)];
  });
  return table('Memory per established idle connection (KiB of heap held by mbedtls + engine)',
    ['scenario', 'cipher', 'client', 'server'], rows) +
    table('Concurrent connections in one instance (servers in one instance, clients in another)',
      ['build', 'connections', 'establish s', 'per s', 'KiB/client', 'KiB/server',
        'server instance MiB', 'close all ms'], conc);
}

// src/crypto's X25519/P-256 against mbedtls' generic ecp.c ("before": WASM_SSL_ECC=mbedtls,
// linked into bench-only twins of each build) and Node's OpenSSL.
const ECC_BUILDS = [['emscripten', 'engine-emscripten', 'engine-emscripten-mbedtls-ecc'],
  ['WASI', 'engine-wasi', 'engine-wasi-mbedtls-ecc'], ['native', 'engine-native', 'engine-native-mbedtls-ecc']];

function eccTables(results) {
  const e = results.ecc;
  let out = '';
  if (e) {
    const runtimes = [['emscripten', 'emscr.'], ['wasi', 'WASI'], ['native', 'native']];
    const ops = Object.keys(e['emscripten-own'] ?? {});
    out += table('Elliptic-curve operations per second (through PSA, as TLS 1.3 calls them; before = mbedtls\' generic ecp.c)',
      ['operation', ...runtimes.flatMap(([, l]) => [`${l} before`, `${l} after`, '×']), 'Node OpenSSL', 'emscr. / Node'],
      ops.map((op) => [op, ...runtimes.flatMap(([k]) => [fmt(e[`${k}-mbedtls`]?.[op]), fmt(e[`${k}-own`]?.[op]),
        ratio(e[`${k}-own`]?.[op], e[`${k}-mbedtls`]?.[op])]), fmt(e.node?.[op]), ratio(e['emscripten-own']?.[op], e.node?.[op])])) +
      '\nkeygen: psa_generate_key + psa_export_public_key (a TLS 1.3 key share) runs mbedtls_ecp_mul, which has ' +
      'no hook of its own: X25519\'s ladder takes its rungs from src/crypto (MBEDTLS_ECP_INTERNAL_ALT), ' +
      'P-256\'s stays mbedtls\' generic code in both columns.';
  }
  const rows = handshakeScenarios.filter((sc) => ECC_BUILDS.some(([, , b]) => handshakeRate(results, b, sc.id)));
  if (rows.length) {
    out += table('Handshakes per second: before (mbedtls\' generic ECC) and after (src/crypto)',
      ['scenario', ...ECC_BUILDS.flatMap(([l]) => [`${l} before`, `${l} after`, '×']), 'Node tls'],
      rows.map((sc) => [sc.label, ...ECC_BUILDS.flatMap(([, a, b]) => [fmt(handshakeRate(results, b, sc.id)),
        fmt(handshakeRate(results, a, sc.id)), ratio(handshakeRate(results, a, sc.id), handshakeRate(results, b, sc.id))]),
      fmt(handshakeRate(results, 'node-tls', sc.id))]));
  }
  return out;
}

/** [{ target, value, met }] for the targets. */
export function targets(results) {
  const out = [];
  const add = (target, value, met) => out.push({ target, value, met });
  const via = results['js-stack'] ? ['js-stack', 'JS API'] : ['engine-emscripten', 'raw ABI'];
  for (const sc of bulkScenarios) {
    const v = bulkRate(results, via[0], sc.id), lim = limit(results, 'aead-emscripten', sc.aead);
    if (v && lim) add(`${sc.label} through the ${via[1]} ≥ 85% of the wasm limit`, `${fmt(v)} / ${fmt(lim)} MB/s = ${fmt(100 * v / lim)}%`, v >= 0.85 * lim);
    const f = forgeBulk(results);
    if (v && f) add(`${sc.label} through the ${via[1]} ≥ 10× node-forge`, `${fmt(v / f, 1)}×`, v >= 10 * f);
  }
  for (const build of ['emscripten', 'wasi']) {
    const w = handshakeRate(results, `engine-${build}`, 'tls13-ecdsa-p256'), n = handshakeRate(results, 'engine-native', 'tls13-ecdsa-p256');
    if (w && n) add(`TLS 1.3 P-256 handshakes, ${build} ≥ 60% of native`, `${fmt(w)} / ${fmt(n)} = ${fmt(100 * w / n)}%`, w >= 0.6 * n);
  }
  const p256 = 'tls13-ecdsa-p256', nativeBefore = handshakeRate(results, 'engine-native-mbedtls-ecc', p256);
  for (const [label, after, before] of ECC_BUILDS.slice(0, 2)) {
    const a = handshakeRate(results, after, p256), b = handshakeRate(results, before, p256);
    if (a && b) add(`TLS 1.3 P-256 handshakes, ${label}: ≥ 2× mbedtls' generic ECC`, `${fmt(a)} / ${fmt(b)} = ${fmt(a / b, 2)}×`, a >= 2 * b);
    if (a && nativeBefore) add(`TLS 1.3 P-256 handshakes, ${label}: ≥ native with mbedtls' generic ECC`, `${fmt(a)} / ${fmt(nativeBefore)}`, a >= nativeBefore);
    const n = handshakeRate(results, 'node-tls', p256);
    if (a && n) add(`TLS 1.3 P-256 handshakes, ${label}: ≥ 60% of Node's tls (stretch)`, `${fmt(a)} / ${fmt(n)} = ${fmt(100 * a / n)}%`, a >= 0.6 * n);
  }
  const tcp = results.tcp?.rows;
  if (tcp) {
    const bridged = tcp['wasm via bridge (WebSocket)'].connections_per_s;
    add('≥ 150 verified connections/s through the bridge (loopback TCP)', `${fmt(bridged)}/s`, bridged >= 150);
    const direct = tcp['wasm net.Socket'].connections_per_s, node = tcp['Node tls'].connections_per_s;
    add('connections/s over net.Socket ≥ 50% of Node\'s tls', `${fmt(direct)} / ${fmt(node)} = ${fmt(100 * direct / node)}%`, direct >= 0.5 * node);
  }
  if (results.sizes) {
    for (const [label, key] of WASM_BUILDS) {
      const g = results.sizes[key].wasm.gzip;
      add(`${label} .wasm ≤ 110 KB gzip`, `${g} bytes`, g <= 110000);
    }
  }
  if (results.instantiate) {
    for (const build of ['emscripten', 'wasi']) {
      const t = results.instantiate[build].total_ms;
      add(`${build} instantiate ≤ 20 ms (cold)`, `${fmt(t, 1)} ms`, t <= 20);
    }
  }
  const native = results['aead-native'];
  for (const [label, , suite] of WASM_BUILDS) {
    const a = results[suite]?.['aes-128-gcm'];
    if (a) add(`AES-128-GCM ≥ 60 MB/s in wasm (${label}, raw seal and open)`, `${fmt(a.seal_mb_per_s)} / ${fmt(a.open_mb_per_s)} MB/s`, Math.min(a.seal_mb_per_s, a.open_mb_per_s) >= 60);
    const c = results[suite]?.['chacha20-poly1305'], n = native?.['chacha20-poly1305'];
    if (c && n) {
      const r = Math.min(c.seal_mb_per_s / n.seal_mb_per_s, c.open_mb_per_s / n.open_mb_per_s);
      add(`ChaCha20-Poly1305 within 10% of native (${label}, raw)`, `${fmt(100 * r)}% of native`, r >= 0.9);
    }
  }
  for (const [label, suite] of [['emscripten', 'engine-emscripten'], ['wasi', 'engine-wasi']]) {
    const r = results[suite];
    if (!r?.idle) continue;
    const worst = Math.max(...Object.values(r.idle).flatMap((x) => [x.heap_per_client, x.heap_per_server]));
    add(`≤ 48 KiB per established idle connection (${label}, worst side and version)`, `${kib(worst)} KiB`, worst <= 48 * 1024);
    add(`${r.concurrent.connections} concurrent connections in one instance (${label})`,
      `${fmt(r.concurrent.establish_seconds, 2)} s, server instance ${(r.concurrent.memory_server_instance / 2 ** 20).toFixed(1)} MiB`, true);
    const cipher = r.idle.tls13.cipher;
    add(`ChaCha20-Poly1305 preferred by default in wasm (${label})`, cipher, /CHACHA20/.test(cipher));
  }
  return out;
}

function targetTable(list) {
  return table('Targets', ['target', 'measured', 'verdict'],
    list.map((t) => [t.target, t.value, t.met ? 'met' : 'MISSED']));
}

export function render(results) {
  return [handshakeTables(results), eccTables(results), bulkTables(results), cipherTable(results), sizeTable(results),
    tcpTable(results), instantiateTable(results), memoryTables(results), targetTable(targets(results))].join('\n');
}
