import pg from 'pg';
import { OUTBOX_CHANNEL } from './outbox-migrations';

/**
 * The relay's own Postgres connection. It holds the session advisory lock that makes this relay
 * the only active one for the service, receives NOTIFY wake-ups, and runs every claim and mark.
 * Because claims go through the lock-holding connection, a relay that lost its connection (and so
 * its lock) cannot claim or mark anything any more: it can only reconnect and take the lock again.
 */
export interface RelaySession {
  client: pg.Client;
  /** Calls `listener` on every notification and on connection loss. */
  onWake(listener: () => void): void;
  /** Set once the connection failed; the relay must then rebuild its state. */
  readonly lost: Error | undefined;
  close(): Promise<void>;
}

export async function openRelaySession(
  connection: pg.ClientConfig,
  lockName: string,
  isRunning: () => boolean,
  retryMs: number,
): Promise<RelaySession | undefined> {
  const client = new pg.Client(connection);
  let lost: Error | undefined;
  const listeners = new Set<() => void>();
  const wake = () => listeners.forEach((l) => l());
  client.on('notification', wake);
  client.on('error', (error) => {
    lost ??= error;
    wake();
  });
  client.on('end', () => {
    lost ??= new Error('relay connection ended');
    wake();
  });
  await client.connect();
  try {
    // Waits (politely, so stop() stays responsive) while another relay of this service is active.
    for (;;) {
      const { rows } = await client.query<{ ok: boolean }>(
        'select pg_try_advisory_lock(hashtextextended($1, 0)) as ok',
        [lockName],
      );
      if (rows[0]?.ok) break;
      if (!isRunning()) {
        await client.end();
        return undefined;
      }
      await new Promise((r) => setTimeout(r, retryMs));
    }
    await client.query(`listen ${OUTBOX_CHANNEL}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    client,
    onWake: (listener) => listeners.add(listener),
    get lost() {
      return lost;
    },
    // Closing the connection releases the advisory lock.
    close: () => client.end().catch(() => undefined),
  };
}
