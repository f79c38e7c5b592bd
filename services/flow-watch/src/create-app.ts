import { randomUUID } from 'node:crypto';
import { topicCatalogue } from '@o2c/contracts';
import {
  createEventRouter,
  createServiceHost,
  useConsumer,
  useOutboxRelay,
  type ServiceHost,
} from '@o2c/platform';
import { migrations } from './adapters/db/migrations';
import { anomalyRoutes } from './adapters/http/anomaly-routes';
import { consumerProgress } from './adapters/kafka/consumer-progress';
import { readDeadLetterOffsets } from './adapters/kafka/dead-letter-offsets';
import { consumedTopics, routeFlows } from './adapters/kafka/flow-handler';
import { countDeadLetters } from './app/count-dead-letters';
import { startEvaluator } from './app/evaluate-flows';
import { flowGauges } from './app/flow-gauges';
import type { FlowDeps } from './app/flow-deps';
import type { Config } from './config';

const SERVICE = 'flow-watch';

/**
 * Anomaly detection on the business flow: flow events (through the inbox) and dead-letter
 * offsets become counts and latency histograms per bucket; every bucket, each series' last
 * closed window is judged against its baseline, and anomalies open and clear as events
 * (outbox, ops.anomalies), rows and metrics.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  const host = createServiceHost({ service: SERVICE, config, migrations });
  const bucketMs = config.ANOMALY_BUCKET_SECONDS * 1000;
  const deps: FlowDeps = {
    db: host.db,
    outbox: host.outbox,
    topicPrefix: host.topicPrefix,
    bucketMs,
    windowBuckets: config.ANOMALY_WINDOW_BUCKETS,
    latenessMs: config.ANOMALY_LATENESS_SECONDS * 1000,
    consecutive: config.ANOMALY_CONSECUTIVE,
    baseline: {
      seasonWeeks: config.ANOMALY_SEASON_WEEKS,
      dailyDays: config.ANOMALY_DAILY_DAYS,
      recentWindows: config.ANOMALY_RECENT_WINDOWS,
      minReferences: config.ANOMALY_MIN_REFERENCES,
      threshold: config.ANOMALY_THRESHOLD,
      latencyFloor: 0.2,
      minSamples: config.ANOMALY_MIN_SAMPLES,
    },
    now: Date.now,
    newId: randomUUID,
    onJudged: flowGauges(host.metrics),
  };
  host.api.use(anomalyRoutes({ db: host.db }));

  useOutboxRelay(host);
  useConsumer(host, {
    topics: consumedTopics,
    handler: routeFlows(createEventRouter(), bucketMs),
    // One partition at a time: every event of a bucket and channel adds to the same row, and
    // concurrent transactions taking those rows in different orders would deadlock.
    partitionsConcurrently: 1,
    maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    backoff: { maxMs: config.CONSUMER_BACKOFF_MAX_MS },
  });
  host.use('dead-letter watch', async () => {
    let polling: Promise<void> | undefined;
    const poll = async () => {
      const offsets = await readDeadLetterOffsets(host.kafka, host.topicPrefix);
      await countDeadLetters(host.db, offsets, Object.keys(topicCatalogue), Date.now(), bucketMs);
    };
    await poll(); // a start that fails is retried by the host
    const timer = setInterval(() => {
      polling ??= poll()
        .catch((err: unknown) => host.logger.warn({ err }, 'dead-letter offsets not read'))
        .finally(() => (polling = undefined));
    }, config.ANOMALY_DLQ_POLL_SECONDS * 1000);
    return async () => {
      clearInterval(timer);
      await polling;
    };
  });
  host.use('flow evaluator', () =>
    Promise.resolve(
      startEvaluator(deps, {
        everyMs: Math.max(250, Math.min(bucketMs / 4, 5000)),
        historyMs: config.ANOMALY_HISTORY_DAYS * 86_400_000,
        progress: consumerProgress(
          host.kafka,
          host.consumerGroup,
          consumedTopics.map((t) => host.topicPrefix + t),
        ),
        onError: (err) => host.logger.error({ err }, 'flow evaluation failed'),
        onLagging: (windowEnd) =>
          host.logger.warn(
            { windowEnd: new Date(windowEnd).toISOString() },
            'window judged while the consumer is still behind',
          ),
      }),
    ),
  );
  return host;
}
