import { createAvroSerde, createSchemaRegistry, eventTypeOf } from '@o2c/kafka';
import { Client } from 'pg';
import { groupLag, listGroupIds, type GroupLag } from '../commands/lag';
import { SERVICES } from '../config';
import type { OpsContext } from '../context';
import { offsetsForTime, topicBounds } from '../kafka/offsets';
import { readPartitions } from '../kafka/read-partitions';
import {
  anomalySignal,
  errorSpikes,
  lagSignals,
  recordedSignal,
  type FlowAnomaly,
  type SignalRow,
} from './derive-signals';
import { readEventFailures } from './read-event-failures';
import type { Failure, Signal } from './types';

export interface SignalWindow {
  fromMs: number;
  toMs: number;
  /** Decodes ops.anomalies (and the failure events): default the config's SCHEMA_REGISTRY_URL. */
  registryUrl?: string;
  topicPrefix?: string;
  /**
   * LAG_GROWING for the consumer groups whose id starts with this (an environment's groups);
   * default: the services' groups (ids starting with a service name), not every group.
   */
  groupPrefix?: string;
  /** The window's failures when the caller read them already (ERROR_SPIKE); read here otherwise. */
  failures?: readonly Failure[];
}

export interface SignalReport {
  signals: Signal[];
  /** Sources that did not answer: their signals are missing, not absent. */
  warnings: string[];
}

/** Signals recorded by the services and derived by triage within [fromMs, toMs). */
export async function readSignals(ctx: OpsContext, window: SignalWindow): Promise<Signal[]> {
  const report = await readSignalReport(ctx, window);
  for (const warning of report.warnings) ctx.out.note(`signals: ${warning}`);
  return report.signals;
}

/** readSignals with the warnings returned instead of noted. */
export async function readSignalReport(
  ctx: OpsContext,
  window: SignalWindow,
): Promise<SignalReport> {
  const warnings: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (error) {
      warnings.push(`${what}: ${(error as Error).message}`);
      return [];
    }
  };
  const registryUrl = window.registryUrl ?? ctx.config.schemaRegistryUrl;
  const prefix = window.topicPrefix ?? '';
  const [recorded, lags, anomalies, spikes] = await Promise.all([
    Promise.all(
      SERVICES.map((service) =>
        attempt(`${service} database`, () =>
          readRecorded(ctx.config.serviceDatabaseUrls[service], window),
        ),
      ),
    ),
    attempt('consumer lag', async () =>
      lagSignals(await allLags(ctx, window.groupPrefix), Date.now(), window),
    ),
    attempt('ops.anomalies', () =>
      readAnomalies(ctx, registryUrl, prefix + 'ops.anomalies', window, warnings),
    ),
    attempt('failure events', async () =>
      errorSpikes(
        window.failures ?? (await readEventFailures(ctx, registryUrl, window, prefix)).failures,
      ),
    ),
  ]);
  const signals = [...recorded.flat(), ...lags, ...anomalies, ...spikes].sort(
    (a, b) => a.at - b.at,
  );
  return { signals, warnings };
}

// A bare client, not a knex pool: knex logs a failed connection on stdout, where --json goes.
async function readRecorded(url: string, window: SignalWindow): Promise<Signal[]> {
  const client = new Client({
    connectionString: url,
    application_name: 'o2c-ops',
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    const { rows } = await client.query<SignalRow>(
      `select at, service, kind, subject, detail from platform_signals
       where at >= $1 and at < $2 order by id`,
      [new Date(window.fromMs), new Date(window.toMs)],
    );
    return rows.map(recordedSignal);
  } catch (error) {
    if ((error as { code?: string }).code === '42P01')
      throw new Error('no platform_signals table (the service has not started since #17)');
    throw new Error(`unreachable: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Every group's lag, eight at a time (each reads one message per lagging partition). */
async function allLags(ctx: OpsContext, prefix: string | undefined): Promise<GroupLag[]> {
  const ids = (await listGroupIds(await ctx.admin())).filter((id) =>
    prefix === undefined ? SERVICES.some((s) => id.startsWith(s)) : id.startsWith(prefix),
  );
  const lags: GroupLag[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) lags.push(await groupLag(ctx, ids[i]!));
  };
  await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
  return lags;
}

async function readAnomalies(
  ctx: OpsContext,
  registryUrl: string,
  topic: string,
  window: SignalWindow,
  warnings: string[],
): Promise<Signal[]> {
  const admin = await ctx.admin();
  if (!(await admin.listTopics()).includes(topic)) return [];
  const serde = createAvroSerde(createSchemaRegistry(registryUrl, 'o2c-ops'));
  const bounds = await topicBounds(admin, topic);
  const starts = await offsetsForTime(admin, topic, window.fromMs);
  const ranges = new Map(
    bounds.map(
      (b) =>
        [
          b.partition,
          { start: Math.max(b.low, starts.get(b.partition) ?? b.high), end: b.high },
        ] as const,
    ),
  );
  const out: Signal[] = [];
  let undecodable = 0;
  await readPartitions({
    kafka: ctx.kafka,
    topic,
    ranges,
    timeoutMs: 30_000,
    onBatch: async ({ messages }) => {
      for (const message of messages) {
        if (eventTypeOf(message.headers) !== 'FlowAnomalyDetected' || !message.value) continue;
        try {
          out.push(anomalySignal(await serde.decode<FlowAnomaly>(message.value)));
        } catch {
          undecodable += 1;
        }
      }
    },
  });
  if (undecodable) warnings.push(`${topic}: ${undecodable} anomalies could not be decoded`);
  return out.filter((s) => s.at >= window.fromMs && s.at < window.toMs);
}
