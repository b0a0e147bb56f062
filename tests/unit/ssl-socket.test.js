// SSLSocket over a fake connection (what binding.js's TlsConnection offers, scripted): the
// verify callback's view of the chain and its answers, and reads and writes that run one at a
// time even when called together. No wasm, no peers.
import { SSLSocket } from '../../js/src/ssl-socket.js';
import { WANT_READ, WANT_WRITE, WANT_VERIFY, ERR_CERT_VERIFY_FAILED } from '../../js/src/engine/abi.js';

const transport = { whenReady: () => Promise.resolve() };
const der = (n) => Uint8Array.of(0x30, n);

class FakeConn {
  constructor(handshakes = []) {
    this.handshakes = handshakes; // what handshake() returns, one call after another
    this.completed = [];          // what verifyComplete() was told
    this.writes = [];
  }

  handshake() {
    if (this.completed.some((r) => r !== 0)) throw new Error('engine: verification vetoed');
    return this.handshakes.length ? this.handshakes.shift() : 0;
  }

  verifyChain() { return [{ der: der(1), depth: 1 }, { der: der(0), depth: 0 }]; }
  verifyComplete(result) { this.completed.push(result); return 0; }
  closeNotifyReceived() { return false; }
  close() { return 0; }
  errorFor(code) { return new Error(`code ${code}`); }
}

describe('verify callback', () => {
  const handshakeWith = async (callback) => {
    const conn = new FakeConn([WANT_READ, WANT_VERIFY]);
    const seen = [];
    const socket = new SSLSocket(conn, transport, {
      verifyCallback: (d, depth) => { seen.push([d[1], depth]); return callback(d, depth); },
    });
    const outcome = await socket.do_handshake().then(() => 'done', (err) => err);
    return { conn, seen, outcome };
  };

  test('sees each certificate, root-most first; no answer accepts', async () => {
    const { conn, seen, outcome } = await handshakeWith(() => undefined);
    expect(seen).toEqual([[1, 1], [0, 0]]);
    expect(conn.completed).toEqual([0]);
    expect(outcome).toBe('done');
  });

  test('a negative code vetoes with that code and stops the walk', async () => {
    const { conn, seen, outcome } = await handshakeWith(() => -0x2700);
    expect(seen).toEqual([[1, 1]]);
    expect(conn.completed).toEqual([-0x2700]);
    expect(outcome.message).toBe('engine: verification vetoed');
  });

  test('any other truthy answer vetoes as a failed verification', async () => {
    const { conn } = await handshakeWith((d, depth) => depth === 0);
    expect(conn.completed).toEqual([ERR_CERT_VERIFY_FAILED]);
  });

  test('a promise is awaited before the engine is answered', async () => {
    const { conn, seen, outcome } = await handshakeWith(
      (d, depth) => new Promise((resolve) => setTimeout(resolve, 5, depth === 0 ? 0 : undefined)));
    expect(seen).toEqual([[1, 1], [0, 0]]);
    expect(conn.completed).toEqual([0]);
    expect(outcome).toBe('done');
  });

  test('what the callback throws is the handshake error, not the veto it caused', async () => {
    const thrown = new Error('callback broke');
    const { conn, outcome } = await handshakeWith(() => { throw thrown; });
    expect(conn.completed).toEqual([ERR_CERT_VERIFY_FAILED]);
    expect(outcome).toBe(thrown);
  });
});

describe('concurrent calls', () => {
  test('writes run one after another; a write retried after WANT_WRITE offers the same bytes', async () => {
    const conn = new FakeConn();
    let blockNext = true;
    conn.write = (chunk) => {
      conn.writes.push(String.fromCharCode(...chunk));
      if (blockNext) { blockNext = false; return WANT_WRITE; }
      return chunk.length;
    };
    const socket = new SSLSocket(conn, transport);
    const [a, b] = await Promise.all([socket.write('first'), socket.write('second')]);
    expect([a, b]).toEqual([5, 6]);
    expect(conn.writes).toEqual(['first', 'first', 'second']);
  });

  test('reads are answered in the order they were asked', async () => {
    const conn = new FakeConn();
    const records = ['one', 'two'];
    let blocked = 0;
    conn.read = () => {
      if (blocked++ % 2 === 0) return WANT_READ; // each read waits for the transport once
      return new TextEncoder().encode(records.shift());
    };
    const socket = new SSLSocket(conn, transport);
    const texts = await Promise.all([socket.read(10), socket.read(10)]);
    expect(texts.map((t) => new TextDecoder().decode(t))).toEqual(['one', 'two']);
    expect(blocked).toBe(4);
  });
});
