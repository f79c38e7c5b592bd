// A consumer service in miniature, run as its own process by the crash and rebalance tests.
// Test-only hooks: CRASH_AFTER_DB_COMMIT_AT=n SIGKILLs itself right after the n-th database
// commit (before the offset commit); CRASH_ON_EVENT_ID=id SIGKILLs itself inside the handler;
// HANG_ON_EVENT_ID=id never finishes that event's handler (the test kills it there, however slow
// the machine); LOG_HANDLER_START=1 prints {"handling": id} when a handler starts.
import { createDb } from '@o2c/db';
import { createConsumerRuntime } from '../src';
import { applyEffect, logger, testClients, type Thing } from './fixtures';

const env = process.env;
const crashAt = Number(env.CRASH_AFTER_DB_COMMIT_AT ?? 0);
const handlerDelayMs = Number(env.HANDLER_DELAY_MS ?? 0);
const { kafka, serde } = testClients(`inbox-proc-${process.pid}`);
const db = createDb(env.DATABASE_URL!, { poolMax: 3 });
let commits = 0;

const runtime = createConsumerRuntime<Thing>({
  kafka,
  db,
  serde,
  groupId: env.GROUP_ID!,
  topics: [env.TOPIC!],
  logger,
  maxAttempts: Number(env.MAX_ATTEMPTS ?? 5),
  maxCrashes: Number(env.MAX_CRASHES ?? 10),
  backoff: { initialMs: 10, maxMs: 50 },
  commitEveryMessages: Number(env.COMMIT_EVERY ?? 100),
  partitionsConcurrently: 2,
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  handler: async (event, ctx) => {
    if (env.LOG_HANDLER_START) console.log(JSON.stringify({ handling: ctx.metadata.eventId }));
    if (ctx.metadata.eventId === env.CRASH_ON_EVENT_ID) process.kill(process.pid, 'SIGKILL');
    if (ctx.metadata.eventId === env.HANG_ON_EVENT_ID) await new Promise(() => undefined);
    if (handlerDelayMs) await new Promise((r) => setTimeout(r, handlerDelayMs));
    await applyEffect(event, ctx);
  },
  onDbCommit: (event, outcome) => {
    console.log(JSON.stringify({ outcome, eventId: event.metadata.eventId, pid: process.pid }));
    if (++commits === crashAt) process.kill(process.pid, 'SIGKILL');
  },
});

process.once('SIGTERM', () => {
  void runtime
    .stop()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});

void runtime.start().then(() => console.log(JSON.stringify({ ready: true, pid: process.pid })));
