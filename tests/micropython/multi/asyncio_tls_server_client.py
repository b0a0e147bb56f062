# asyncio over TLS between two instances: start_server(ssl=) in one, open_connection(ssl=) in
# the other, each under asyncio.run(); readline, write, drain and read both ways.
import asyncio
import ssl
from harness import cert


async def serve_one(reader, writer):
    line = await reader.readline()
    print("server got", line)
    writer.write(b"echo: " + line)
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    done.set()


async def server():
    global done
    done = asyncio.Event()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert("server.der"), cert("server.key.der"))
    srv = await asyncio.start_server(serve_one, multitest.BIND_ADDR, 0, ssl=ctx)
    multitest.globals(PORT=srv.sockets[0].getsockname()[1])
    multitest.next()
    async with srv:
        await asyncio.wait_for(done.wait(), 10)
    print("server closed")


async def client():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = ssl.CERT_REQUIRED  # ssl's contexts start at CERT_NONE
    ctx.load_verify_locations(cadata=cert("ca.der"))
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT, ssl=ctx, server_hostname="localhost")
    writer.write(b"hello over tls\n")
    await writer.drain()
    print("client got", await reader.read(100))
    print("then", await reader.read(100))


def instance0():
    asyncio.run(server())


def instance1():
    multitest.next()
    asyncio.run(client())
