// Compiled (not run) by types.test.js: the package's declared types cover what the README shows.
import net from 'node:net';
import { WASI } from 'node:wasi';
import { load, OSError, CERT_REQUIRED, memoryPair, WispSession, WISP_CLOSE_REASON, type SSLSocket } from '../../js/index.js';
import { startBridge } from '../../js/bridge.js';

export async function example(cadata: Uint8Array): Promise<string | null> {
  const ssl = await load({ runtime: 'wasi' });
  const s: SSLSocket = await ssl.wrap_socket(net.connect(443, 'localhost'), {
    cert_reqs: CERT_REQUIRED, cadata, server_hostname: 'localhost', do_handshake: true,
    verify_callback: (der, depth) => (der.length > 0 && depth >= 0 ? 0 : -1),
    suppress_ragged_eofs: false, timeout: 5000,
  });
  const clean: boolean = s.close_notify_received();
  s.setblocking(false);
  const n: number | null = await s.write('GET / HTTP/1.0\r\n\r\n');
  const chunk: Uint8Array | null = await s.read(100);
  const der: Uint8Array | null = s.getpeercert(true);
  const subject: string | undefined = s.getpeercert()?.subject;
  const duplex = s.duplex();
  duplex.end();
  const [a] = memoryPair({ capacity: 1024 });
  await ssl.wrap_socket(a, { server_side: true, key: 'PEM', cert: new Uint8Array(1) }).catch((e: unknown) => {
    if (e instanceof OSError) return e.errno + e.code;
    return null;
  });
  const bridge = await startBridge({ allow: ['localhost:4433'] });
  await bridge.close();
  return `${n} ${chunk?.length} ${der?.length} ${subject} ${s.version()} ${ssl.MBEDTLS_VERSION}`;
}

// The WASI build over node:wasi's WASI, or over any object of its shape.
export async function wasiHosts(): Promise<WebAssembly.Memory | null> {
  await load({ runtime: 'wasi', wasi: new WASI({ version: 'preview1' }) });
  let memory: WebAssembly.Memory | null = null;
  await load({
    runtime: 'wasi',
    wasi: {
      wasiImport: { clock_time_get: () => 0, random_get: () => 0 },
      initialize(instance) { memory = instance.exports.memory as WebAssembly.Memory; },
    },
  });
  return memory;
}

export async function wispExample(ws: unknown, cadata: Uint8Array): Promise<number | null> {
  const ssl = await load();
  const bridge = await startBridge({ allow: ['example.org:443'], wisp: '/wisp/', maxStreams: 16 });
  const url: string = bridge.wispUrl();
  await bridge.close();
  const wisp = new WispSession(ws ?? url, { maxDataSize: 16384 });
  await wisp.ready;
  const stream = wisp.connect('example.org', 443);
  const s: SSLSocket = await ssl.wrap_socket(stream, { cert_reqs: CERT_REQUIRED, cadata, server_hostname: 'example.org' });
  await s.close();
  wisp.close();
  return stream.closeReason === WISP_CLOSE_REASON.HOST_BLOCKED ? 13 : wisp.bufferSize;
}
