import { topicSpecOf, type TopicName } from '@o2c/contracts';
import { createConsumerRuntime, type ConsumerRuntimeOptions, type EventHandler } from '@o2c/inbox';
import { ensureTopics } from '@o2c/kafka';
import type { ServiceHost } from './create-service-host';
import type { EventRouter } from './event-router';

type Wired = 'kafka' | 'db' | 'serde' | 'groupId' | 'topics' | 'handler' | 'logger' | 'metrics';

export interface UseConsumerOptions extends Omit<ConsumerRuntimeOptions<unknown>, Wired> {
  /** Component name, in logs and /readyz. Default `consumer`. */
  name?: string;
  /**
   * A group of its own, `<consumer group>.<group>`, so that this consumer's backlog never delays
   * the others; without it, the service's consumer group.
   */
  group?: string;
  /** Topics before the prefix; created (with their contract's partitions and policy) if missing. */
  topics: readonly TopicName[];
  handler: EventHandler | EventRouter;
}

/**
 * Runs a consumer runtime as a component: topics ensured, every partition processed concurrently
 * unless told otherwise, restarted by the host when it dies.
 */
export function useConsumer(host: ServiceHost, options: UseConsumerOptions): void {
  const { name = 'consumer', group, topics, handler, ...tuning } = options;
  host.use(name, async ({ fail }) => {
    const specs = topics.map((t) => topicSpecOf(t, host.topicPrefix));
    await ensureTopics(host.kafka, specs);
    const runtime = createConsumerRuntime({
      partitionsConcurrently: specs.reduce((n, s) => n + s.numPartitions, 0),
      onFailure: fail,
      ...tuning,
      kafka: host.kafka,
      db: host.db,
      serde: host.serde,
      groupId: group ? `${host.consumerGroup}.${group}` : host.consumerGroup,
      topics: specs.map((s) => s.topic),
      handler: typeof handler === 'function' ? handler : handler.handler,
      logger: host.logger,
      metrics: host.metrics,
    });
    await runtime.start();
    return () => runtime.stop();
  });
}
