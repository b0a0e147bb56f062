# The `multitest` object of a two-instance test, as MicroPython's run-multitests.py offers it to
# each instance: next() is a barrier for all instances, globals() sets names in the others,
# broadcast()/wait() pass messages. Run before the test's own code; the instances share one
# log and one barrier through _multitest (multitest-worker.js), which blocks in Atomics.wait.
import _multitest


class multitest:
    BIND_ADDR = "127.0.0.1"  # loopback only: the instances run on this machine
    AF_FAMILY = 2  # socket.AF_INET
    _read = 0  # how much of the shared log this instance has applied
    _heard = []  # broadcasts from the other instances, not yet waited for

    @staticmethod
    def _apply():
        # Applies the other instances' globals() from the log and collects their broadcasts.
        log = _multitest.read(multitest._read)
        multitest._read += len(log.encode())
        for line in log.split("\n"):
            if not line or line[0] == str(_multitest.INSTANCE):
                continue
            kind, text = line[1], line[2:]
            if kind == "G":
                exec(text, globals())
            elif kind == "B":
                multitest._heard.append(text)

    @staticmethod
    def next():
        if not _multitest.barrier():
            raise OSError(110, "multitest.next(): the other instances did not arrive")
        multitest._apply()

    @staticmethod
    def globals(**names):
        for name, value in names.items():
            _multitest.post("G%s = %r" % (name, value))

    @staticmethod
    def broadcast(message):
        _multitest.post("B" + message)

    @staticmethod
    def wait(message):
        multitest._apply()
        while message not in multitest._heard:
            if not _multitest.wait_log(multitest._read):
                raise OSError(110, "multitest.wait(%r): nothing arrived" % message)
            multitest._apply()
        multitest._heard.remove(message)

    @staticmethod
    def get_network_ip():
        return "127.0.0.1"

    @staticmethod
    def skip():
        print("SKIP")
        raise SystemExit

    @staticmethod
    def flush():
        pass

    @staticmethod
    def output_metric(data):
        print(data)
