// Prints free loopback ports for a CI run of its own: a Kafka port whose next two ports (the
// controller's and the SASL listener's) are free too, then `count` more. Used by .ci/run; plain Node, no dependencies.
// Ports are picked below Linux's ephemeral range (32768-60999), which outgoing connections use:
// a broker restarted on its port must find it free.
import { createServer } from 'node:net';

const count = Number(process.argv[2] ?? 2);
const listen = (port) =>
  new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const bound = server.address().port;
      server.close(() => resolve(bound));
    });
  });

const pick = () => listen(20000 + Math.floor(Math.random() * 12700));
const ports = [];
while (!ports.length) {
  const port = await pick();
  if (port && port < 65534 && (await listen(port + 1)) && (await listen(port + 2)))
    ports.push(port);
}
while (ports.length < count + 1) {
  const port = await pick();
  if (port && !ports.includes(port) && !ports.includes(port - 1) && !ports.includes(port - 2))
    ports.push(port);
}
console.log(ports.join(' '));
