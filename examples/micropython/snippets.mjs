// The Python both examples run. BLOCKING is the seed's snippet as it stands (on a board, or in
// a Worker here); ASYNC is the same request where nothing may block (a page's or Node's main
// thread): a non-blocking socket and `await` between calls that return None.
export function blockingSnippet(port) {
  return `import socket, ssl
with open("/ca.der", "rb") as f:
    CA_DER = f.read()

s = socket.socket()
s.connect(socket.getaddrinfo("localhost", ${port})[0][-1])
ss = ssl.wrap_socket(s, server_hostname="localhost", cadata=CA_DER, cert_reqs=ssl.CERT_REQUIRED)
ss.write(b"GET / HTTP/1.0\\r\\n\\r\\n")
print(ss.read(1024))
print(ss.cipher())
ss.close()
`;
}

export function asyncSnippet(port) {
  return `import errno, socket, ssl
with open("/ca.der", "rb") as f:
    CA_DER = f.read()

s = socket.socket()
s.setblocking(False)
try:
    s.connect(socket.getaddrinfo("localhost", ${port})[0][-1])
except OSError as e:
    if e.errno != errno.EINPROGRESS:
        raise
await s.wait_writable()
ss = ssl.wrap_socket(s, server_hostname="localhost", cadata=CA_DER, cert_reqs=ssl.CERT_REQUIRED,
                     do_handshake=False)
while ss.write(b"GET / HTTP/1.0\\r\\n\\r\\n") is None:
    await ss.wait()
response = b""
while len(response) < 1024:
    data = ss.read(1024 - len(response))
    if data is None:
        await ss.wait()
    elif not data:
        break
    else:
        response += data
print(response)
print(ss.cipher())
ss.close()
`;
}
