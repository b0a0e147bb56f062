// Wisp CLOSE reasons: what the client makes of each (an errno for the engine, or a clean end),
// and which reason the bridge sends for a TCP failure.
import { errnoOfCode } from '../streams/transport-errno.js';

export const REASON = Object.freeze({
  UNKNOWN: 0x01,
  VOLUNTARY: 0x02,          // a clean close: the peer (or the target, with FIN) is done
  NETWORK_ERROR: 0x03,
  INCOMPATIBLE_EXTENSIONS: 0x04,
  INVALID_INFO: 0x41,
  UNREACHABLE_HOST: 0x42,
  NO_RESPONSE: 0x43,
  CONN_REFUSED: 0x44,
  TRANSFER_TIMEOUT: 0x47,
  HOST_BLOCKED: 0x48,
  CONN_THROTTLED: 0x49,
  CLIENT_ERROR: 0x81,
});

const NAMES = Object.fromEntries(Object.entries(REASON).map(([name, code]) => [code, name.toLowerCase()]));

/** 'conn_refused (0x44)' for logs and messages. */
export function reasonName(reason) {
  return `${NAMES[reason] || 'unknown'} (0x${reason.toString(16).padStart(2, '0')})`;
}

// Only errnos the engine can name (src/errors.cpp) are used, so every OSError has its code.
// Throttling has no errno of its own: ECONNABORTED ("the server gave up on it"); the stream's
// closeReason tells it apart. The authentication reasons (0xc0..) of Wisp v2 are EACCES.
const ERRNO_CODE = {
  [REASON.INCOMPATIBLE_EXTENSIONS]: 'EOPNOTSUPP',
  [REASON.INVALID_INFO]: 'EOPNOTSUPP',
  [REASON.UNREACHABLE_HOST]: 'EHOSTUNREACH',
  [REASON.NO_RESPONSE]: 'ETIMEDOUT',
  [REASON.CONN_REFUSED]: 'ECONNREFUSED',
  [REASON.TRANSFER_TIMEOUT]: 'ETIMEDOUT',
  [REASON.HOST_BLOCKED]: 'EACCES',
  [REASON.CONN_THROTTLED]: 'ECONNABORTED',
};
const EOPNOTSUPP = 95;

/** The positive errno a stream closed with `reason` fails with; 0 for a clean close. */
export function errnoOfReason(reason) {
  if (reason === REASON.VOLUNTARY) return 0;
  if (reason >= 0xc0) return errnoOfCode('EACCES');
  const code = ERRNO_CODE[reason];
  if (code === 'EOPNOTSUPP') return EOPNOTSUPP;
  return (code && errnoOfCode(code)) || errnoOfCode('ECONNRESET');
}

// Node's error code of a failed TCP connection → the reason the bridge closes the stream with.
const REASON_OF_TCP_CODE = {
  ECONNREFUSED: REASON.CONN_REFUSED,
  EHOSTUNREACH: REASON.UNREACHABLE_HOST,
  ENETUNREACH: REASON.UNREACHABLE_HOST,
  ENOTFOUND: REASON.UNREACHABLE_HOST,
  EAI_AGAIN: REASON.UNREACHABLE_HOST,
  ETIMEDOUT: REASON.NO_RESPONSE,
};

export function reasonOfTcpError(err) {
  return REASON_OF_TCP_CODE[err && err.code] || REASON.NETWORK_ERROR;
}
