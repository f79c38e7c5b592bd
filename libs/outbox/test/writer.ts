import type { EventMetadata } from '@o2c/kafka';
import type { Knex } from 'knex';
import type { Outbox, OutboxEvent } from '../src';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WriterOptions {
  db: Knex;
  outbox: Outbox;
  build: (key: string, index: number) => OutboxEvent;
  total: number;
  durationMs: number;
  keys?: number;
  concurrency?: number;
}

/**
 * Appends `total` committed events over about `durationMs`, in concurrent transactions of 1-16
 * events over many keys. One transaction in ten holds its rows (and their low ids) for a while
 * before committing, so ids are out of commit order; one in twenty rolls back.
 */
export async function writeConcurrently(o: WriterOptions) {
  const keys = o.keys ?? 400;
  const concurrency = o.concurrency ?? 12;
  const committed: EventMetadata[] = [];
  const rolledBack: string[] = [];
  let reserved = 0;
  let serial = 0;
  const started = Date.now();
  const worker = async () => {
    while (reserved < o.total) {
      const size = Math.min(1 + Math.floor(Math.random() * 16), o.total - reserved);
      reserved += size;
      const events = Array.from({ length: size }, () =>
        o.build(`key-${Math.floor(Math.random() * keys)}`, serial++),
      );
      const roll = Math.random();
      try {
        const metas = await o.db.transaction(async (trx) => {
          const written = await o.outbox.append(trx, events);
          if (roll < 0.1) await sleep(50 + Math.random() * 400);
          if (roll > 0.95) throw new RollBack(written.map((m) => m.eventId));
          return written;
        });
        committed.push(...metas);
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
        rolledBack.push(...error.eventIds);
        reserved -= size;
      }
      // Pace the writer so the run spans many relay lifetimes.
      const due = started + (o.durationMs * committed.length) / o.total;
      if (due > Date.now()) await sleep(due - Date.now());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { committed, rolledBack };
}

class RollBack extends Error {
  constructor(readonly eventIds: string[]) {
    super('deliberate rollback');
  }
}
