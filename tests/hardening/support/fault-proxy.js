// A TCP proxy on 127.0.0.1 between the wasm client and a real server, which damages what the
// server sends when told to: a fault for the next connection's first flight (damageFirstFlight),
// or for a live connection from now on (current().damage / inject / reset).
import net from 'node:net';

export async function startFaultProxy(upstreamPort) {
  const live = new Set();
  let firstFlight = null; // (chunk, link) => void, for the next connection only
  let latest = null;

  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    const link = {
      client,
      upstream,
      damage: firstFlight, // what to do with the next chunk from the server, instead of forwarding it
      /** Cut the stream: the client sees end of stream. */
      end() { client.end(); upstream.destroy(); },
      /** Reset the client's connection (TCP RST). */
      reset() { client.resetAndDestroy(); upstream.destroy(); },
      /** Bytes to the client as if the server sent them. */
      inject(bytes) { client.write(bytes); },
    };
    firstFlight = null;
    latest = link;
    live.add(link);
    for (const s of [client, upstream]) s.on('error', () => {});
    client.on('data', (d) => upstream.write(d));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    upstream.on('data', (chunk) => {
      if (link.frozen) return; // a fault is under way: nothing more from the server gets through
      if (!link.damage) return client.write(chunk);
      const damage = link.damage;
      link.damage = null;
      return damage(chunk, link);
    });
    client.on('close', () => { upstream.destroy(); live.delete(link); });
  });
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  return {
    port,
    /** The next connection gets `damage(chunk, link)` for the server's first chunk. */
    damageFirstFlight(damage) { firstFlight = damage; },
    /** The link of the most recent connection. */
    current: () => latest,
    stop: () => new Promise((resolve) => {
      for (const link of live) link.reset();
      server.close(() => resolve());
    }),
  };
}

/**
 * The first `keep` bytes of chunk go through, then `then(link)`. A moment after the write: a
 * reset issued while the bytes are still on their way goes out as a plain FIN.
 */
export const truncated = (keep, then) => (chunk, link) => {
  link.frozen = true;
  link.client.write(chunk.subarray(0, keep), () => setTimeout(() => then(link), 20));
};
