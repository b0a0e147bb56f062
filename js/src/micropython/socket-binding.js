// The object registered as the Python module `_wasm_ssl_socket`: where python/socket.py gets
// its connections. A socket provider (sockets/direct-sockets.js, sockets/worker-sockets.js)
// decides how they are made and whether its methods may block.
const EOPNOTSUPP = 95;

export function socketBinding(provider, heap) {
  return {
    CAN_BLOCK: provider ? provider.canBlock : false,
    /** A socket object (see the providers), or -errno. */
    open: (host, port) => (provider ? provider.open(heap, host, port) : -EOPNOTSUPP),
  };
}
