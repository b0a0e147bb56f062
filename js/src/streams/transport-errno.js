// The errno (positive, Linux/MicroPython numbering) that a transport failure reaches the
// engine as. Node errors carry a code ('ECONNRESET') and, on Linux, errno = -104; browser
// transports carry neither, and a connection that breaks there is a reset.
const ERRNO_BY_CODE = {
  EPERM: 1, ENOENT: 2, EIO: 5, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EINVAL: 22,
  EPIPE: 32, ENETDOWN: 100, ENETUNREACH: 101, ECONNABORTED: 103, ECONNRESET: 104,
  ENOTCONN: 107, ETIMEDOUT: 110, ECONNREFUSED: 111, EHOSTUNREACH: 113,
};
export const ECONNRESET = 104;
export const EPIPE = 32;
export const EIO = 5;

export function transportErrno(err) {
  if (err && typeof err.code === 'string' && ERRNO_BY_CODE[err.code]) return ERRNO_BY_CODE[err.code];
  if (err && Number.isInteger(err.errno) && err.errno !== 0 && Math.abs(err.errno) < 256) {
    return Math.abs(err.errno);
  }
  return EIO;
}

export function errnoOfCode(code) {
  return ERRNO_BY_CODE[code] || 0;
}
