// Run by wisp-standard-websocket.test.js in `node --experimental-websocket`: WispSession over
// the standard WebSocket (undici's, as in browsers: no 'drain', no pause), opened from its URL.
// argv: wispUrl targetPort connections bytesEachWay. Prints one JSON line.
import { randomBytes, createHash } from 'node:crypto';
import { load, WispSession } from '../../../js/src/index.js';
import { clientOptions } from '../../support/ssl.js';

const [url, port, connections, bytes] = process.argv.slice(2);
const sha = (b) => createHash('sha256').update(b).digest('hex');
const ssl = await load();
const session = new WispSession(url); // the global WebSocket opens it
const started = Date.now();
const results = await Promise.all(Array.from({ length: Number(connections) }, async () => {
  const s = await ssl.wrap_socket(session.connect('localhost', Number(port)), clientOptions(ssl));
  const payload = randomBytes(Number(bytes));
  const writing = s.write(payload);
  const parts = [];
  for (let n = 0; n < payload.length;) {
    const chunk = await s.read(payload.length - n);
    if (chunk.length === 0) throw new Error('early end of stream');
    parts.push(chunk);
    n += chunk.length;
  }
  await writing;
  await s.close();
  return sha(Buffer.concat(parts)) === sha(payload);
}));
const ms = Date.now() - started;
const refused = await ssl.wrap_socket(session.connect('localhost', 1), clientOptions(ssl)).catch((e) => e.code);
session.close();
console.log(JSON.stringify({ results, ms, refused, standard: typeof session.ws.on !== 'function' }));
