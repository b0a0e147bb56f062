# asyncio's streams on the JavaScript main thread: the port's own event loop runs the tasks
# and they await their transports; asyncio.run() cannot block here and says so.
import asyncio
import ssl
from harness import cert, raises, eq


def test_asyncio_run_says_it_cannot_block_here():
    async def nothing():
        pass

    coro = nothing()
    e = raises(RuntimeError, asyncio.run, coro)
    assert "cannot" in e.args[0] and "Worker" in e.args[0], e.args


async def test_tls_server_and_client_on_one_thread():
    done = asyncio.Event()

    async def serve(reader, writer):
        line = await reader.readline()
        writer.write(b"got " + line)
        await writer.drain()
        await writer.wait_closed()
        done.set()

    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert("server.der"), cert("server.key.der"))
    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=server_ctx)
    while server.sockets[0].getsockname()[1] == 0:  # bound once the event loop had a turn
        await asyncio.sleep_ms(1)
    client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client_ctx.verify_mode = ssl.CERT_REQUIRED
    client_ctx.load_verify_locations(cadata=cert("ca.der"))
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=client_ctx,
                                                   server_hostname="localhost")
    writer.write(b"line one\n")
    await writer.drain()
    eq(await reader.readexactly(13), b"got line one\n")
    eq(await reader.read(-1), b"")  # the server closed
    await done.wait()  # (the port's wait_for cannot run at top level; jest bounds this test)
    server.close()
    await server.wait_closed()
