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

/**
 * Bounds on the relay's session, so that a relay that freezes (SIGSTOP, a long GC or VM pause) or
 * loses its network without closing the socket loses its lock, and a standby takes over, within
 * about `timeoutMs`: the server ends the session when it sits idle (idle_session_timeout) or idle
 * in a transaction, cancels a statement or lock wait that long, and drops a dead peer through TCP
 * keepalives and tcp_user_timeout. A live relay never idles that long: it pings every third of it.
 */
export function sessionSettings(timeoutMs: number): Record<string, string> {
  const seconds = (ms: number) => String(Math.max(1, Math.round(ms / 1000)));
  return {
    statement_timeout: String(timeoutMs),
    lock_timeout: String(timeoutMs),
    idle_in_transaction_session_timeout: String(timeoutMs),
    idle_session_timeout: String(timeoutMs),
    tcp_user_timeout: String(timeoutMs),
    tcp_keepalives_idle: seconds(timeoutMs / 3),
    tcp_keepalives_interval: seconds(timeoutMs / 9),
    tcp_keepalives_count: '3',
  };
}

export async function openRelaySession(
  connection: pg.ClientConfig,
  lockName: string,
  isRunning: () => boolean,
  retryMs: number,
  timeoutMs: number,
): Promise<RelaySession | undefined> {
  const client = new pg.Client({
    ...connection,
    keepAlive: true,
    keepAliveInitialDelayMillis: Math.round(timeoutMs / 3),
    connectionTimeoutMillis: timeoutMs,
    // Client side: a query whose answer never comes (network gone) fails instead of hanging.
    query_timeout: timeoutMs + 5000,
  });
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
    const settings = Object.entries(sessionSettings(timeoutMs));
    await client.query(
      `select ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, false)`).join(', ')}`,
      settings.flat(),
    );
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
      await new Promise((r) => setTimeout(r, Math.min(retryMs, timeoutMs / 3)));
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
