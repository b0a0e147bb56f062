// Keep-alive connections per origin (https, host, port): at most `maxPerOrigin` open at once
// (further requests wait for one), each idle one closed after `idleTimeout` ms.
import { abortable } from './errors.js';

export class ConnectionPool {
  /** @param {{ open: (host: string, port: number, signal?: AbortSignal) => Promise<object>, maxPerOrigin: number, idleTimeout: number }} o */
  constructor({ open, maxPerOrigin, idleTimeout }) {
    this.open = open;
    this.maxPerOrigin = maxPerOrigin;
    this.idleTimeout = idleTimeout;
    this.origins = new Map(); // key -> { open: count, idle: [{ conn, timer }], waiters: [fn] }
  }

  origin(key) {
    let o = this.origins.get(key);
    if (!o) this.origins.set(key, o = { open: 0, idle: [], waiters: [] });
    return o;
  }

  /** A connection to host:port: an idle one if there is one, else a new one when the limit allows. */
  async acquire(host, port, signal) {
    const key = `${host}:${port}`;
    const o = this.origin(key);
    for (;;) {
      const idle = o.idle.pop();
      if (idle) {
        clearTimeout(idle.timer);
        return idle.conn;
      }
      if (o.open < this.maxPerOrigin) break;
      let wake;
      await abortable(new Promise((resolve) => { wake = resolve; o.waiters.push(wake); }), signal,
        () => o.waiters.splice(o.waiters.indexOf(wake), 1));
    }
    o.open++;
    try {
      const conn = await this.open(host, port, signal);
      conn.poolKey = key;
      return conn;
    } catch (err) {
      this.closed(o);
      throw err;
    }
  }

  /** Back from an exchange: kept idle if `reusable`, else it is closed (by its owner) and counted out. */
  release(conn, reusable) {
    const o = this.origin(conn.poolKey);
    if (!reusable) {
      this.closed(o);
      return;
    }
    const entry = { conn, timer: null };
    entry.timer = setTimeout(() => {
      const i = o.idle.indexOf(entry);
      if (i < 0) return;
      o.idle.splice(i, 1);
      conn.close();
      this.closed(o);
    }, this.idleTimeout);
    entry.timer.unref?.(); // an idle connection alone does not keep Node running
    o.idle.push(entry);
    o.waiters.shift()?.();
  }

  closed(o) {
    o.open--;
    o.waiters.shift()?.();
  }

  /** Closes every idle connection (the busy ones close when their exchange ends). */
  close() {
    for (const o of this.origins.values()) {
      for (const { conn, timer } of o.idle.splice(0)) {
        clearTimeout(timer);
        conn.close();
        o.open--;
      }
    }
  }
}
