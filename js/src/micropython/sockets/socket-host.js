// The other half of worker-sockets.js, on the thread that owns the transports (usually the
// main thread): it opens each connection a Worker's Python asks for, fills the socket's shared
// ring from it and writes what the worker hands over, waking the worker after every step.
import { WOULD_BLOCK } from '../../engine/engine-instance.js';
import {
  SharedSocketMemory, MESSAGE_TAG, STATE, ERRNO, EOF, OUT_DONE, HOST_WAITING, LOCAL_PORT, OPEN, FAILED,
  encodeAddress,
} from './shared-memory.js';

const EINVAL = 22, EOPNOTSUPP = 95;

class HostedSocket {
  constructor(sab, connect, host, port) {
    this._m = new SharedSocketMemory(sab);
    this._outgoing = [];
    this._writing = false;
    this._closed = false;
    this._room = null; // resolves when the worker has read from a full ring
    try {
      ({ stream: this._stream, ready: this._ready } = connect(host, port));
    } catch {
      this._fail(EINVAL);
      return;
    }
    this._ready.then(() => {
      this._m.set(STATE, OPEN);
      this._m.signal();
    }, (errno) => this._fail(errno));
    this._pumpIn();
  }

  _fail(errno) {
    if (!this._m.get(ERRNO)) this._m.set(ERRNO, errno);
    this._m.set(STATE, FAILED);
    this._m.signal();
  }

  async _pumpIn() {
    const m = this._m;
    while (!this._closed) {
      const r = m.fillFrom(this._stream);
      if (r === null) {
        m.set(HOST_WAITING, 1);
        if (m.buffered() === m.ring.length) await new Promise((resolve) => { this._room = resolve; });
        m.set(HOST_WAITING, 0);
      } else if (r === WOULD_BLOCK) {
        await this._stream.whenReady('read');
      } else if (r === 0) {
        m.set(EOF, 1);
        m.signal();
        return;
      } else if (r < 0) {
        this._fail(-r);
        return;
      }
    }
  }

  room() {
    const resolve = this._room;
    this._room = null;
    if (resolve) resolve();
  }

  send(bytes) {
    this._outgoing.push(bytes);
    if (!this._writing) this._pumpOut();
  }

  async _pumpOut() {
    this._writing = true;
    while (this._outgoing.length > 0 && !this._closed) {
      const bytes = this._outgoing[0];
      const n = this._stream.write(bytes);
      if (n === WOULD_BLOCK) {
        await this._stream.whenReady('write');
        continue;
      }
      if (n < 0) {
        this._outgoing = [];
        this._fail(-n);
        break;
      }
      if (n === bytes.length) this._outgoing.shift();
      else this._outgoing[0] = bytes.subarray(n);
      Atomics.add(this._m.header, OUT_DONE, n);
      this._m.signal();
    }
    this._writing = false;
  }

  close() {
    this._closed = true;
    this.room();
    if (this._stream) this._stream.close();
  }
}

// A worker's listening socket: each connection that arrives is announced in the shared ring
// (its address), and handed to the worker's next 'accept', in order.
class HostedListener {
  constructor(sab, listen, host, port, backlog) {
    this._m = new SharedSocketMemory(sab);
    this._arrived = [];   // not yet announced (the ring was full)
    this._announced = []; // announced, not yet taken by an 'accept'
    this._closed = false;
    try {
      if (!listen) throw EOPNOTSUPP;
      this._server = listen(host, port, backlog, (conn) => {
        if (this._closed) conn.stream.close();
        else {
          this._arrived.push(conn);
          this._announce();
        }
      });
    } catch (errno) {
      this._fail(errno === EOPNOTSUPP ? EOPNOTSUPP : EINVAL);
      return;
    }
    this._server.ready.then((bound) => {
      this._m.set(LOCAL_PORT, bound);
      this._m.set(STATE, OPEN);
      this._m.signal();
    }, (errno) => this._fail(errno));
  }

  _fail(errno) {
    if (!this._m.get(ERRNO)) this._m.set(ERRNO, errno);
    this._m.set(STATE, FAILED);
    this._m.signal();
  }

  _announce() {
    while (this._arrived.length > 0 && this._m.put(encodeAddress(this._arrived[0].remote))) {
      this._announced.push(this._arrived.shift());
    }
  }

  /** The connection the worker's accept() just took from the ring. */
  take() {
    const conn = this._announced.shift();
    this._announce();
    return conn;
  }

  close() {
    this._closed = true;
    if (this._server) this._server.close();
    for (const conn of [...this._arrived, ...this._announced]) conn.stream.close();
    this._arrived = [];
    this._announced = [];
  }

  room() {}
}

function listen(worker, onMessage) {
  if (typeof worker.on === 'function') {
    worker.on('message', onMessage);
    return () => worker.off('message', onMessage);
  }
  const listener = (event) => onMessage(event.data);
  worker.addEventListener('message', listener);
  return () => worker.removeEventListener('message', listener);
}

/**
 * Serves the sockets of the MicroPython running in `worker` (which installed wasm-ssl with
 * `sockets: workerSockets(parentPort or self)`).
 * @param {Worker | import('node:worker_threads').Worker} worker
 * @param {{ connect: (host: string, port: number) => { stream, ready }, listen?: Function }} options
 *   a connector (connectors.js): tcpConnector() in Node, bridgeConnector(url) in a browser;
 *   `listen`, tcpListener() in Node, serves the worker's server sockets (without it they
 *   fail with EOPNOTSUPP)
 * @returns {{ close(): void }}  stops serving and closes every connection
 */
export function serveWorkerSockets(worker, { connect, listen: listener }) {
  const sockets = new Map();
  const unlisten = listen(worker, (message) => {
    const op = message && message[MESSAGE_TAG];
    if (!op) return;
    const socket = sockets.get(message.id);
    if (op === 'open') sockets.set(message.id, new HostedSocket(message.sab, connect, message.host, message.port));
    else if (op === 'listen') {
      sockets.set(message.id, new HostedListener(message.sab, listener, message.host, message.port, message.backlog));
    } else if (!socket) return;
    else if (op === 'accept') {
      const conn = socket.take();
      sockets.set(message.socket, new HostedSocket(message.sab, () => {
        if (!conn) throw new Error('nothing to accept');
        return conn;
      }));
    }
    else if (op === 'send') socket.send(message.bytes);
    else if (op === 'room') socket.room();
    else if (op === 'close') {
      socket.close();
      sockets.delete(message.id);
    }
  });
  return {
    close() {
      unlisten();
      for (const socket of sockets.values()) socket.close();
      sockets.clear();
    },
  };
}
