# asyncio.run() in a Worker: its result and exceptions come back to the caller; a refused
# connection is an OSError at the first read; a client that fails verification raises
# ValueError out of asyncio.run(), and the server's handler sees the handshake fail.
import asyncio
import errno
import ssl
from harness import cert, eq


async def answer():
    await asyncio.sleep_ms(10)
    return 42


async def fail():
    raise KeyError("inside")


async def handler(reader, writer):
    try:
        await reader.read(10)
    except OSError as e:
        print("server handshake failed:", type(e).__name__)
    writer.close()
    await writer.wait_closed()
    finished.set()


async def serve():
    global finished
    finished = asyncio.Event()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert("untrusted.der"), cert("untrusted.key.der"))
    srv = await asyncio.start_server(handler, multitest.BIND_ADDR, 0, ssl=ctx)
    multitest.globals(PORT=srv.sockets[0].getsockname()[1])
    multitest.next()
    await asyncio.wait_for(finished.wait(), 10)
    srv.close()
    await srv.wait_closed()


async def connect_verified():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = ssl.CERT_REQUIRED  # ssl's contexts start at CERT_NONE
    ctx.load_verify_locations(cadata=cert("ca.der"))
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT, ssl=ctx, server_hostname="localhost")
    writer.write(b"never sent")
    await writer.drain()


async def refused():
    reader, writer = await asyncio.open_connection("127.0.0.1", 1)
    await reader.read(10)  # the failure shows at the first read, as on a board


def instance0():
    eq(asyncio.run(answer()), 42)
    try:
        asyncio.run(fail())
    except KeyError as e:
        print("run raised", repr(e))
    asyncio.run(serve())


def instance1():
    multitest.next()
    try:
        asyncio.run(connect_verified())
    except ValueError:
        print("client verification failed")
    try:
        asyncio.run(refused())
    except OSError as e:
        eq(e.errno, errno.ECONNREFUSED)
        print("refused")
