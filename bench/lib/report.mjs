// Turns the suites' results into the printed tables (figures, then ratios) and the target
// verdicts. Everything here reads `results` only; nothing is measured.
import { bulkScenarios, handshakeScenarios, idleScenarios } from './scenarios.mjs';

// The implementations, in column order. `js` (the npm package's public API) is present once
// that package exists; its column is left out otherwise.
const IMPLS = [
  ['emscripten', 'wasm emscripten', 'engine-emscripten'],
  ['wasi', 'wasm WASI', 'engine-wasi'],
  ['js', 'JS API (emscr.)', 'js-stack'],
  ['native', 'native', 'engine-native'],
  ['node', 'Node tls', 'node-tls'],
  ['forge', 'node-forge', 'forge'],
];
const SUBJECTS = ['emscripten', 'wasi', 'js'];     // what the ratios are of
const REFERENCES = ['native', 'node', 'forge'];     // ... and against what

const fmt = (v, digits = 0) => (v === undefined || v === null || Number.isNaN(v) ? '-' : v.toFixed(digits));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '-');
const kib = (bytes) => (bytes === undefined ? '-' : (bytes / 1024).toFixed(1));

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function present(results) {
  return IMPLS.filter(([, , suite]) => results[suite]);
}

function handshakeRate(results, suite, id) {
  return results[suite]?.handshakes?.[id]?.per_second;
}

function bulkRate(results, suite, id) {
  return results[suite]?.bulk?.[id]?.mb_per_s;
}

// The wasm speed limit of a bulk row: that AEAD sealed and opened by one thread, raw, in the
// emscripten build (or WASI for the WASI column).
function limit(results, build, aead) {
  return results[`aead-${build === 'wasi' ? 'wasi' : 'emscripten'}`]?.[aead]?.seal_open_mb_per_s;
}

function handshakeTables(results) {
  const impls = present(results);
  const rows = handshakeScenarios.map((sc) => [sc.label, ...impls.map(([k, , s]) => fmt(handshakeRate(results, s, sc.id)))]);
  const subjects = impls.filter(([k]) => SUBJECTS.includes(k));
  const refs = impls.filter(([k]) => REFERENCES.includes(k));
  const ratioHeader = ['scenario', ...subjects.flatMap(([, a]) => refs.map(([, b]) => `${a} / ${b}`))];
  const ratioRows = handshakeScenarios.map((sc) => [sc.label, ...subjects.flatMap(([, , s]) =>
    refs.map(([, , r]) => ratio(handshakeRate(results, s, sc.id), handshakeRate(results, r, sc.id))))]);
  return table('Full handshakes per second (client + server in one thread, in-memory pipe)',
    ['scenario', ...impls.map(([, l]) => l)], rows) +
    table('Handshake ratios', ratioHeader, ratioRows) +
    '\nnode-forge supports only TLS 1.0/1.1 with RSA key transport and AES-CBC-SHA: its figure ' +
    'stands in the RSA row (TLS 1.0, TLS_RSA_WITH_AES_128_CBC_SHA, RSA chain verified).';
}

function bulkTables(results) {
  const impls = present(results);
  const rows = bulkScenarios.map((sc) => [sc.label, ...impls.map(([, , s]) => fmt(bulkRate(results, s, sc.id))),
    fmt(limit(results, 'emscripten', sc.aead)), fmt(limit(results, 'wasi', sc.aead))]);
  const subjects = impls.filter(([k]) => SUBJECTS.includes(k));
  const refs = impls.filter(([k]) => REFERENCES.includes(k));
  const forgeRef = (sc, s) => ratio(bulkRate(results, s, sc.id), bulkRate(results, 'forge', 'tls12-aes128gcm'));
  const ratioHeader = ['scenario', ...subjects.flatMap(([, a]) => [`${a} / wasm limit`,
    ...refs.map(([, b]) => `${a} / ${b}`)])];
  const ratioRows = bulkScenarios.map((sc) => [sc.label, ...subjects.flatMap(([k, , s]) => [
    ratio(bulkRate(results, s, sc.id), limit(results, k, sc.aead)),
    ...refs.map(([rk, , r]) => (rk === 'forge' ? forgeRef(sc, s) : ratio(bulkRate(results, s, sc.id), bulkRate(results, r, sc.id))))])]);
  const b = results['engine-emscripten']?.bulk?.[bulkScenarios[0].id];
  const size = b ? `${b.bytes / 2 ** 20} MiB` : '';
  return table(`Bulk MB/s (${size} client→server in 16 KiB writes; one thread encrypts and decrypts)`,
    ['scenario', ...impls.map(([, l]) => l), 'wasm limit emscr.', 'wasm limit WASI'], rows) +
    table('Bulk ratios', ratioHeader, ratioRows) +
    '\nwasm limit: the same AEAD in the same build, raw (bench/aead), sealed and opened by one ' +
    'thread. node-forge: TLS 1.0 AES-128-CBC-SHA (its only kind), compared with every row.';
}

function cipherTable(results) {
  const builds = [['emscripten', 'aead-emscripten'], ['WASI', 'aead-wasi'], ['native', 'aead-native']];
  const kinds = ['aes-128-gcm', 'chacha20-poly1305', 'aes-128-ctr', 'ghash', 'chacha20', 'poly1305'];
  const cell = (suite, kind) => {
    const a = results[suite]?.[kind];
    if (!a) return '-';
    return a.open_mb_per_s ? `${fmt(a.seal_mb_per_s)} / ${fmt(a.open_mb_per_s)}` : fmt(a.seal_mb_per_s);
  };
  const forgeGcm = results.forge?.aead?.['aes-128-gcm'];
  const rows = kinds.map((k) => [k, ...builds.map(([, s]) => cell(s, k)),
    k === 'aes-128-gcm' && forgeGcm ? `${fmt(forgeGcm.seal_mb_per_s)} / ${fmt(forgeGcm.open_mb_per_s)}` : '-',
    ratio(results['aead-emscripten']?.[k]?.seal_mb_per_s, results['aead-native']?.[k]?.seal_mb_per_s),
    ratio(results['aead-wasi']?.[k]?.seal_mb_per_s, results['aead-native']?.[k]?.seal_mb_per_s)]);
  return table('Raw cipher MB/s, 16 KiB records (AEADs: seal / open; parts: one direction)',
    ['primitive', ...builds.map(([l]) => l), 'node-forge', 'emscr. / native', 'WASI / native'], rows);
}

function sizeTable(results) {
  const s = results.sizes;
  if (!s) return '';
  const row = (label, f) => [label, f.raw, f.gzip, ratio(f.gzip, s.forge.js.gzip)];
  return table('Size (bytes)', ['artefact', 'raw', 'gzip -9', 'gzip vs forge.min.js'], [
    row('emscripten .wasm', s.emscripten.wasm), row('emscripten glue .mjs', s.emscripten.glue),
    row('WASI .wasm', s.wasi.wasm), row('node-forge forge.min.js', s.forge.js)]);
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
    .filter(([, s]) => results[s]);
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

/** [{ target, value, met }] for the targets. */
export function targets(results) {
  const out = [];
  const add = (target, value, met) => out.push({ target, value, met });
  const via = results['js-stack'] ? ['js', 'js-stack', 'JS API'] : ['emscripten', 'engine-emscripten', 'raw ABI'];
  for (const sc of bulkScenarios) {
    const v = bulkRate(results, via[1], sc.id), lim = limit(results, 'emscripten', sc.aead);
    if (v && lim) add(`${sc.label} through the ${via[2]} ≥ 85% of the wasm limit`, `${fmt(v)} / ${fmt(lim)} MB/s = ${fmt(100 * v / lim)}%`, v >= 0.85 * lim);
    const f = bulkRate(results, 'forge', 'tls12-aes128gcm');
    if (v && f) add(`${sc.label} through the ${via[2]} ≥ 10× node-forge`, `${fmt(v / f, 1)}×`, v >= 10 * f);
  }
  for (const build of ['emscripten', 'wasi']) {
    const w = handshakeRate(results, `engine-${build}`, 'tls13-ecdsa-p256'), n = handshakeRate(results, 'engine-native', 'tls13-ecdsa-p256');
    if (w && n) add(`TLS 1.3 P-256 handshakes, ${build} ≥ 60% of native`, `${fmt(w)} / ${fmt(n)} = ${fmt(100 * w / n)}%`, w >= 0.6 * n);
  }
  if (results.sizes) {
    for (const build of ['emscripten', 'wasi']) {
      const g = results.sizes[build].wasm.gzip;
      add(`${build} .wasm ≤ 100 KB gzip`, `${g} bytes`, g <= 100000);
    }
  }
  if (results.instantiate) {
    for (const build of ['emscripten', 'wasi']) {
      const t = results.instantiate[build].total_ms;
      add(`${build} instantiate ≤ 20 ms (cold)`, `${fmt(t, 1)} ms`, t <= 20);
    }
  }
  for (const build of ['emscripten', 'wasi']) {
    const a = results[`aead-${build}`]?.['aes-128-gcm'];
    if (a) add(`AES-128-GCM ≥ 60 MB/s in wasm (${build}, raw seal and open)`, `${fmt(a.seal_mb_per_s)} / ${fmt(a.open_mb_per_s)} MB/s`, Math.min(a.seal_mb_per_s, a.open_mb_per_s) >= 60);
    const c = results[`aead-${build}`]?.['chacha20-poly1305'], n = results['aead-native']?.['chacha20-poly1305'];
    if (c && n) {
      const r = Math.min(c.seal_mb_per_s / n.seal_mb_per_s, c.open_mb_per_s / n.open_mb_per_s);
      add(`ChaCha20-Poly1305 within 10% of native (${build}, raw)`, `${fmt(100 * r)}% of native`, r >= 0.9);
    }
  }
  for (const [label, suite] of [['emscripten', 'engine-emscripten'], ['wasi', 'engine-wasi']]) {
    const r = results[suite];
    if (!r) continue;
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
  return table('Targets (issue 7)', ['target', 'measured', 'verdict'],
    list.map((t) => [t.target, t.value, t.met ? 'met' : 'MISSED']));
}

export function render(results) {
  return [handshakeTables(results), bulkTables(results), cipherTable(results), sizeTable(results),
    instantiateTable(results), memoryTables(results), targetTable(targets(results))].join('\n');
}
