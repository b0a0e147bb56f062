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
