// The errors fetch() rejects with, in the shape of Node's fetch: TypeError('fetch failed')
// with the reason as `cause`; an aborted fetch rejects with the signal's reason.

/** The rejection of a fetch that failed for `cause` (an OSError, a parse error, ...). */
export function fetchFailed(cause) {
  return new TypeError('fetch failed', { cause });
}

/** The error a body stream fails with when the connection breaks mid-body. */
export function terminated(cause) {
  return new TypeError('terminated', { cause });
}

/** Why `signal` aborted (AbortError when the signal carries no reason). */
export function abortReason(signal) {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * `promise`, or the signal's reason as soon as `signal` aborts; `onAbort` then runs to undo
 * what the promise may still deliver (close a transport that connects later).
 */
export function abortable(promise, signal, onAbort) {
  if (!signal) return promise;
  if (signal.aborted) {
    onAbort();
    return Promise.reject(abortReason(signal));
  }
  return new Promise((resolve, reject) => {
    const abort = () => { onAbort(); reject(abortReason(signal)); };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', abort); resolve(value); },
      (err) => { signal.removeEventListener('abort', abort); reject(err); });
  });
}
