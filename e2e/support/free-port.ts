import { createServer } from 'node:net';

/**
 * Ports below Linux's ephemeral range (32768–60999): a process killed and started again on its
 * port must find it free, and an ephemeral port can be taken by any outgoing connection while the
 * process is down (a Kafka restart failed on 'Address already in use' that way).
 */
const LOW = 20_000;
const HIGH = 32_700;

/**
 * A port free now (services must know each other's URLs before they start), picked at random
 * below the ephemeral range; with `port`, that port if it is free, else 0.
 */
export async function freePort(port = 0): Promise<number> {
  if (port !== 0) return listenOn(port);
  for (;;) {
    const found = await listenOn(LOW + Math.floor(Math.random() * (HIGH - LOW)));
    if (found) return found;
  }
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(0) : reject(error),
    );
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}
