import { randomUUID } from 'node:crypto';
import type { Db } from '@o2c/db';
import { createTestDatabase, type TestDatabase } from '@o2c/testing';
import { declareInboxRetention, purgeInbox, readInboxRetention } from '../src';
import { migratedDb } from './fixtures';

describe('purgeInbox', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase('inbox_purge');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const row = (group: string, ageMs: number, now: Date) => ({
    consumer_group: group,
    event_id: randomUUID(),
    event_type: 'ThingCounted',
    topic: 't',
    partition: 0,
    offset: 0,
    processed_at: new Date(now.getTime() - ageMs),
  });

  it('deletes only the group rows older than the retention, in batches, and records the horizon', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const day = 86_400_000;
    const old = Array.from({ length: 7 }, () => row('billing', 8 * day, now));
    const recent = Array.from({ length: 3 }, () => row('billing', 1 * day, now));
    const otherGroup = row('shipping', 30 * day, now);
    await db('inbox').insert([...old, ...recent, otherGroup]);
    await declareInboxRetention(db, 'billing', 7 * day);
    expect(await readInboxRetention(db, 'billing')).toEqual({
      retentionMs: 7 * day,
      purgedBefore: null,
    });

    const purged = await purgeInbox(db, {
      groupId: 'billing',
      retentionMs: 7 * day,
      now,
      batchSize: 2,
    });

    expect(purged).toBe(7);
    const left = await db('inbox').orderBy('event_id').pluck<string[]>('event_id');
    expect(left).toEqual([...recent, otherGroup].map((r) => r.event_id).sort());
    expect(await readInboxRetention(db, 'billing')).toEqual({
      retentionMs: 7 * day,
      purgedBefore: new Date(now.getTime() - 7 * day),
    });
    expect(await readInboxRetention(db, 'nobody')).toBeUndefined();
  });
});
