// Plain TCP peers for the socket suites: an echo server (which closes after a NUL byte), a
// server that accepts and stays silent, and a port that nobody listens on.
import net from 'node:net';

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

export async function startTcpPeers() {
  const open = new Set();
  const track = (socket) => { open.add(socket); socket.on('close', () => open.delete(socket)); socket.on('error', () => {}); };
  const echo = net.createServer((socket) => {
    track(socket);
    socket.on('data', (data) => {
      socket.write(data);
      if (data.includes(0)) socket.end();
    });
  });
  const silent = net.createServer(track);
  const probe = net.createServer();
  const ports = { echo: await listen(echo), silent: await listen(silent), closed: await listen(probe) };
  await new Promise((resolve) => probe.close(resolve)); // its port is now refused
  return {
    ports,
    close() {
      for (const socket of open) socket.destroy();
      echo.close();
      silent.close();
    },
  };
}
