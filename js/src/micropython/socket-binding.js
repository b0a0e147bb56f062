// The object registered as the Python module `_wasm_ssl_socket`: where python/socket.py gets
// its connections. A socket provider (sockets/direct-sockets.js, sockets/worker-sockets.js)
// decides how they are made, and whether a call with a timeout can wait (a provider that
// cannot answers WOULD_BLOCK).
const EOPNOTSUPP = 95;

export function socketBinding(provider, heap) {
  return {
    /** A socket object (see the providers), or -errno. */
    open: (host, port) => (provider ? provider.open(heap, host, port) : -EOPNOTSUPP),
    /** A listening socket (accept() gives socket objects), or -errno: -EOPNOTSUPP in a browser. */
    listen: (host, port, backlog) => (provider && provider.listen ? provider.listen(heap, host, port, backlog) : -EOPNOTSUPP),
    /** Whether a call may block this thread (sockets in a Worker): asyncio.run() needs it. */
    can_block: () => !!(provider && provider.canBlock),
    /** Sleeps up to ms milliseconds where blocking is possible (asyncio.run() between polls). */
    nap: (ms) => (provider && provider.nap ? provider.nap(ms) : undefined),
  };
}
