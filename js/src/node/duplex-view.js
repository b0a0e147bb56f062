// An SSLSocket as a Node stream.Duplex: the socket for https.request({ createConnection }),
// pipe() and anything else that takes a Node stream. Reads are pulled only when the readable
// side asks (_read), so Node's own backpressure reaches the TLS layer; writes settle when
// the engine has taken the bytes. Ending the readable side ends the writable side (TLS has no
// half-close here), and destroying the view closes the TLS connection.
import { Duplex } from 'node:stream';
import { IO_CHUNK } from '../binding.js';
import { concat } from '../bytes.js';

class SSLDuplex extends Duplex {
  constructor(socket) {
    super({ allowHalfOpen: false });
    this.sslSocket = socket;
    this._reading = false;
    this.connecting = false;
    // Node's http client and others look at these socket-like fields.
    const raw = socket.transport && socket.transport.socket;
    this.remoteAddress = raw ? raw.remoteAddress : undefined;
    this.remotePort = raw ? raw.remotePort : undefined;
    this.encrypted = true;
  }

  _read(size) {
    if (this._reading) return;
    this._reading = true;
    this.sslSocket.read(Math.min(size || IO_CHUNK, IO_CHUNK)).then((chunk) => {
      this._reading = false;
      this.push(chunk.length === 0 ? null : chunk); // Node calls _read again when it wants more
    }, (err) => {
      this._reading = false;
      this.destroy(err);
    });
  }

  _write(chunk, _encoding, callback) {
    this.sslSocket.write(chunk).then(() => callback(), callback);
  }

  _writev(chunks, callback) {
    this._write(concat(chunks.map((c) => c.chunk)), null, callback);
  }

  _destroy(err, callback) {
    this.sslSocket.close().then(() => callback(err), () => callback(err));
  }

  // Socket methods that HTTP clients call; they act on the transport when it has them.
  setTimeout(ms, callback) {
    const raw = this._raw();
    if (raw && typeof raw.setTimeout === 'function') {
      raw.setTimeout(ms);
      if (callback) this.once('timeout', callback);
      if (!this._forwardsTimeout) {
        this._forwardsTimeout = true;
        raw.on('timeout', () => this.emit('timeout'));
      }
    }
    return this;
  }

  setNoDelay(flag) { this._rawCall('setNoDelay', flag); return this; }
  setKeepAlive(enable, delay) { this._rawCall('setKeepAlive', enable, delay); return this; }
  ref() { this._rawCall('ref'); return this; }
  unref() { this._rawCall('unref'); return this; }

  _raw() { return this.sslSocket.transport && this.sslSocket.transport.socket; }

  _rawCall(method, ...args) {
    const raw = this._raw();
    if (raw && typeof raw[method] === 'function') raw[method](...args);
  }
}

export function duplexView(socket) {
  return new SSLDuplex(socket);
}
