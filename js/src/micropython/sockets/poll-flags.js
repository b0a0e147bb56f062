// MicroPython's poll flags (py/stream.h MP_STREAM_POLL_*), as select.poll and ioctl use them.
export const POLLIN = 0x0001, POLLOUT = 0x0004, POLLERR = 0x0008, POLLHUP = 0x0010;
