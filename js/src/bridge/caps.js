// Counts what is open, in total and per client address, against two caps.

export class Caps {
  constructor(total, perAddress) {
    this.total = total;
    this.perAddress = perAddress;
    this.count = 0;
    this._byAddress = new Map();
  }

  /**
   * Takes a place for `address`: null when there is room (call the returned release() once
   * done; extra calls do nothing), or which cap is full: 'total' / 'address'.
   */
  take(address) {
    const n = this._byAddress.get(address) || 0;
    if (this.count >= this.total) return { full: 'total' };
    if (n >= this.perAddress) return { full: 'address' };
    this.count++;
    this._byAddress.set(address, n + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.count--;
        const left = this._byAddress.get(address) - 1;
        if (left === 0) this._byAddress.delete(address); else this._byAddress.set(address, left);
      },
    };
  }
}

/**
 * The "client address" caps count: an IPv4 address as is (also when IPv4-mapped), an IPv6
 * address by its /64 — one client (a home, a host) usually holds a whole /64.
 */
export function clientKey(address) {
  if (typeof address !== 'string' || address === '') return '?';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const bare = address.replace(/%.*$/, '');
  const [head, tail] = bare.split('::');
  const groups = head ? head.split(':') : [];
  if (tail !== undefined) {
    const after = tail ? tail.split(':') : [];
    const size = after.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0); // a trailing IPv4 is 2 groups
    groups.push(...Array(Math.max(0, 8 - groups.length - size)).fill('0'), ...after);
  }
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
