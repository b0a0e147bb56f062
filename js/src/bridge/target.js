// host:port addresses as the bridge reads them: allow-list entries, `?target=`, `--listen`.

const HOST_PORT = [/^\[([^\]]+)\]:(\d+)$/, /^([^:[\]]+):(\d+)$/];

function join(host, port) {
  host = host.toLowerCase();
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** 'host:port' / '[v6]:port' / { host, port } → 'host:port' in lower case, or null. */
export function normalizeTarget(target) {
  let host, port;
  if (typeof target === 'string') {
    const m = HOST_PORT.map((re) => re.exec(target)).find(Boolean);
    if (!m) return null;
    [, host, port] = m;
  } else if (target && typeof target === 'object') {
    ({ host, port } = target);
  }
  port = Number(port);
  if (typeof host !== 'string' || host === '' || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  return join(host, port);
}

/** A normalized 'host:port' → { host, port } for net.connect. */
export function splitTarget(normalized) {
  const i = normalized.lastIndexOf(':');
  return { host: normalized.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(normalized.slice(i + 1)) };
}

/** A listening address: as a target, but port 0 (any free port) is allowed. → { host, port } or null. */
export function parseListen(value) {
  const m = typeof value === 'string' && HOST_PORT.map((re) => re.exec(value)).find(Boolean);
  if (!m) return null;
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port > 65535) return null;
  return { host: m[1], port };
}

/** 'host:port' for an address the system gave us (IPv6 in brackets). */
export function formatAddress(host, port) {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
