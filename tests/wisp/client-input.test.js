// WispSession's arguments, and a server that breaks the protocol: clear errors, never a hang.
import { WebSocket, WebSocketServer } from 'ws';
import { WispSession } from '../../js/src/index.js';
import { continuePacket } from '../../js/src/wisp/packets.js';
import { loadSsl, clientOptions } from '../support/ssl.js';
import { within } from './support/wire.js';

describe('WispSession arguments', () => {
  test('bad arguments are TypeError / RangeError, with what was expected', () => {
    expect(() => new WispSession({})).toThrow(TypeError);
    expect(() => new WispSession('ws://127.0.0.1:1/')).toThrow(/no global WebSocket here/); // Node 20
    expect(() => new WispSession('ws://127.0.0.1:1/', { maxDataSize: -1 })).toThrow(/maxDataSize must be a positive integer/);
    const ws = new WebSocket('ws://127.0.0.1:1/');
    ws.on('error', () => {});
    const session = new WispSession(ws);
    expect(() => session.connect('', 443)).toThrow(TypeError);
    expect(() => session.connect('example.org', 0)).toThrow(/port must be an integer 1\.\.65535/);
    expect(() => session.connect('example.org', '443')).toThrow(RangeError);
    session.close();
  });
});

describe('a server that breaks the Wisp protocol', () => {
  let wss, port;
  const behaviours = [];
  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    port = wss.address().port;
    wss.on('connection', (ws) => {
      const behave = behaviours.shift();
      ws.send(continuePacket(0, 8));
      ws.once('message', () => behave(ws)); // the first CONNECT
    });
  });
  afterAll(() => new Promise((r) => wss.close(r)));

  test.each([
    ['a packet shorter than a header', (ws) => ws.send(Buffer.from([0x02, 0x01])), /packet of 2 bytes/],
    ['an unknown packet type', (ws) => ws.send(Buffer.from([0x09, 1, 0, 0, 0])), /unknown packet type 0x9/],
    ['a text message', (ws) => ws.send('hello'), /a text message/],
    ['a CLOSE packet on stream 0', (ws) => ws.send(Buffer.from([0x04, 0, 0, 0, 0, 0x02])), /packet type 0x4 on stream 0/],
  ])('%s: every stream fails ECONNRESET and the WebSocket is closed 1002', async (_, behave, message) => {
    const ssl = await loadSsl('emscripten');
    behaviours.push(behave);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
    const closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    const session = new WispSession(ws);
    const err = await within(5_000, ssl.wrap_socket(session.connect('localhost', 443), clientOptions(ssl)).catch((e) => e), 'the failure');
    expect({ errno: err.errno, code: err.code }).toEqual({ errno: 104, code: 'ECONNRESET' });
    expect(session.error).toMatch(message);
    expect(await within(5_000, closed, 'the close')).toBe(1002);
  });
});
