import type { Knex } from 'knex';
import type { DetectionState, Direction } from '../../domain';

/** Events (a count series, `n` of them) or one sample (a latency series, with its bin) in a bucket. */
export async function addToBucket(
  db: Knex,
  point: { series: string; subject: string; bucketStart: number; bin?: number; n?: number },
): Promise<void> {
  const at = new Date(point.bucketStart);
  const { series, subject } = point;
  await db.raw(
    `insert into flow_counts (series, subject, bucket_start, n) values (?, ?, ?, ?)
     on conflict (series, subject, bucket_start) do update set n = flow_counts.n + excluded.n`,
    [series, subject, at, point.n ?? 1],
  );
  if (point.bin !== undefined)
    await db.raw(
      `insert into flow_bins (series, subject, bucket_start, bin, n) values (?, ?, ?, ?, 1)
       on conflict (series, subject, bucket_start, bin) do update set n = flow_bins.n + 1`,
      [series, subject, at, point.bin],
    );
  // Neither statement locks an existing subject row unless the bucket is earlier than its first
  // (rare: a late event), so the evaluator, which locks the row to judge it, never waits on us.
  await db.raw(
    `insert into subjects (series, subject, first_bucket) values (?, ?, ?) on conflict do nothing`,
    [series, subject, at],
  );
  await db.raw(
    `update subjects set first_bucket = ? where series = ? and subject = ? and first_bucket > ?`,
    [at, series, subject, at],
  );
}

/**
 * Makes a subject known from `bucketStart` on, without events: its silence is judged too (a
 * dead-letter topic that never had a letter has a baseline of 0 letters).
 */
export async function ensureSubjects(
  db: Knex,
  series: string,
  subjects: readonly string[],
  bucketStart: number,
): Promise<void> {
  if (subjects.length === 0) return;
  await db('subjects')
    .insert(subjects.map((subject) => ({ series, subject, first_bucket: new Date(bucketStart) })))
    .onConflict(['series', 'subject'])
    .ignore();
}

/** The sum of each window [start, start + windowMs), in the order of `starts`. */
export async function windowCounts(
  db: Knex,
  key: { series: string; subject: string },
  starts: readonly number[],
  windowMs: number,
): Promise<number[]> {
  if (starts.length === 0) return [];
  const { rows } = await db.raw<{ rows: { i: string; n: string }[] }>(
    `select r.i, coalesce(sum(c.n), 0) as n
       from unnest(?::timestamptz[]) with ordinality as r(start, i)
       left join flow_counts c on c.series = ? and c.subject = ?
        and c.bucket_start >= r.start and c.bucket_start < r.start + ? * interval '1 millisecond'
      group by r.i`,
    [starts.map((s) => new Date(s)), key.series, key.subject, windowMs],
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), Number(r.n)]));
  return starts.map((_, i) => byIndex.get(i + 1) ?? 0);
}

/** The merged latency histogram of each window, in the order of `starts`. */
export async function windowHistograms(
  db: Knex,
  key: { series: string; subject: string },
  starts: readonly number[],
  windowMs: number,
): Promise<Map<number, number>[]> {
  const result = starts.map(() => new Map<number, number>());
  if (starts.length === 0) return result;
  const { rows } = await db.raw<{ rows: { i: string; bin: number; n: string }[] }>(
    `select r.i, b.bin, sum(b.n) as n
       from unnest(?::timestamptz[]) with ordinality as r(start, i)
       join flow_bins b on b.series = ? and b.subject = ?
        and b.bucket_start >= r.start and b.bucket_start < r.start + ? * interval '1 millisecond'
      group by r.i, b.bin`,
    [starts.map((s) => new Date(s)), key.series, key.subject, windowMs],
  );
  for (const r of rows) result[Number(r.i) - 1]!.set(r.bin, Number(r.n));
  return result;
}

export interface SubjectRow {
  series: string;
  subject: string;
  firstBucket: number;
  lastWindowEnd: number | null;
  state: DetectionState;
}

interface SubjectRecord {
  series: string;
  subject: string;
  first_bucket: Date;
  last_window_end: Date | null;
  streak: number;
  streak_direction: Direction | null;
  open_direction: Direction | null;
}

const toSubject = (r: SubjectRecord): SubjectRow => ({
  series: r.series,
  subject: r.subject,
  firstBucket: r.first_bucket.getTime(),
  lastWindowEnd: r.last_window_end?.getTime() ?? null,
  state: { streak: r.streak, streakDirection: r.streak_direction, open: r.open_direction },
});

export const listSubjects = async (db: Knex) =>
  (await db<SubjectRecord>('subjects').select('*').orderBy(['series', 'subject'])).map(toSubject);

/** The subject's row, locked until the transaction ends: one judge per window, even with two instances. */
export async function lockSubject(trx: Knex.Transaction, series: string, subject: string) {
  const row = await trx<SubjectRecord>('subjects').where({ series, subject }).forUpdate().first();
  return row && toSubject(row);
}

export async function saveSubject(
  trx: Knex.Transaction,
  key: { series: string; subject: string },
  windowEnd: number,
  state: DetectionState,
): Promise<void> {
  await trx('subjects')
    .where(key)
    .update({
      last_window_end: new Date(windowEnd),
      streak: state.streak,
      streak_direction: state.streakDirection,
      open_direction: state.open,
    });
}

/** Buckets and orders older than the history kept. */
export async function purgeHistory(db: Knex, before: number): Promise<number> {
  const at = new Date(before);
  const counts = await db('flow_counts').where('bucket_start', '<', at).delete();
  await db('flow_bins').where('bucket_start', '<', at).delete();
  await db('orders').where('received_at', '<', at).delete();
  return counts;
}
