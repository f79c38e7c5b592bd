import type { Db, Migration } from '@o2c/db';
import type { Logger } from '@o2c/observability';

/** How long recorded signals are kept: triage looks at recent incidents, not history. */
export const SIGNAL_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The service's operational signals (a circuit opening, the broker lost, a version started), in
 * its own database so they survive a broker outage; `o2c-ops triage` reads them to rank what
 * changed when a group of failures began. Appended after the service's own migrations.
 */
export const signalMigrations: Migration[] = [
  {
    name: 'platform_001_signals',
    async up(db) {
      await db.raw(`
        create table platform_signals (
          id bigserial primary key,
          at timestamptz not null,
          service text not null,
          kind text not null,
          subject text not null,
          detail text
        );
        -- triage reads a window by time; retention deletes by time
        create index platform_signals_at_idx on platform_signals (at);
        -- the last SERVICE_STARTED of a service (VERSION_CHANGED)
        create index platform_signals_kind_idx on platform_signals (service, kind, at);
      `);
    },
    async down(db) {
      await db.raw('drop table if exists platform_signals');
    },
  },
];

export interface SignalRecorder {
  /** Records a signal; never throws into the caller (an error is logged). Held until `open()`. */
  signal(kind: string, subject: string, detail?: string): void;
  /** The table exists (migrations ran): held and later signals are written. */
  open(): void;
  /** The subject of this service's last signal of `kind`, before the ones recorded since. */
  lastSubject(kind: string): Promise<string | undefined>;
  /** Deletes signals older than the retention; returns how many. */
  prune(now?: number): Promise<number>;
  /**
   * Resolves once every signal recorded so far is written (or failed), or after `timeoutMs`
   * (default 2 s); at once before `open()`.
   */
  flush(timeoutMs?: number): Promise<void>;
}

/** Writes `platform_signals` rows of one service, fire-and-forget. */
export function createSignalRecorder(
  db: Db,
  service: string,
  logger: Logger,
  retentionMs = SIGNAL_RETENTION_MS,
): SignalRecorder {
  let open!: () => void;
  let isOpen = false;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const pending = new Set<Promise<void>>();
  let tail: Promise<void> = Promise.resolve();
  return {
    signal(kind, subject, detail) {
      const row = { at: new Date(), service, kind, subject, detail: detail ?? null };
      // One write after the other: ids follow the order of the calls.
      const write: Promise<void> = tail
        .then(() => opened)
        .then(() => db('platform_signals').insert(row))
        .then(
          () => logger.info({ signal: { kind, subject, detail } }, 'signal recorded'),
          (error: unknown) => logger.warn({ err: error, signal: row }, 'signal not recorded'),
        )
        .finally(() => pending.delete(write));
      tail = write;
      pending.add(write);
    },
    open() {
      isOpen = true;
      open();
    },
    async lastSubject(kind) {
      const row = await db('platform_signals')
        .where({ service, kind })
        .orderBy('at', 'desc')
        .first<{ subject: string } | undefined>('subject');
      return row?.subject;
    },
    async prune(now = Date.now()) {
      // Few rows a day: one statement, walking the time index.
      const { rowCount } = await db.raw<{ rowCount: number }>(
        'delete from platform_signals where at < ?',
        [new Date(now - retentionMs)],
      );
      return rowCount;
    },
    async flush(timeoutMs = 2000) {
      // Signals held because the table never came (migrations failed) are dropped, not awaited;
      // with Postgres gone, stopping waits this long at most for the rest.
      if (!isOpen || pending.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...pending]),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    },
  };
}
