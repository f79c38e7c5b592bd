import { waitFor } from './wait-for';

interface Startable {
  start(): Promise<string>;
  stop(): Promise<void>;
}

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { ok: res.ok, body: await res.text() };
};

/**
 * Starts an in-process service and waits until its /readyz answers 200. When it does not
 * become ready in time, the service is stopped and `cleanup` runs before the error (with the
 * last /readyz answer) is thrown: a failed start leaves nothing running that keeps jest alive.
 */
export async function startReady(
  app: Startable,
  { cleanup = () => Promise.resolve(), timeoutMs = 60_000 } = {},
): Promise<string> {
  let last = 'no answer';
  try {
    const url = await app.start();
    await waitFor(
      async () => {
        const answer = await readyz(url);
        last = answer.body;
        return answer.ok ? true : undefined;
      },
      { timeoutMs, what: 'service ready' },
    );
    return url;
  } catch (error) {
    await app.stop().catch(() => undefined);
    await cleanup().catch(() => undefined);
    throw new Error(`service did not become ready: ${last}`, { cause: error });
  }
}
