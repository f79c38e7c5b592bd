import { createOutboxRelay, type OutboxRelayOptions } from '@o2c/outbox';
import type { ServiceHost } from './create-service-host';

type RelayTuning = Omit<OutboxRelayOptions, 'db' | 'kafka' | 'service' | 'logger' | 'metrics'>;

/**
 * Runs the service's outbox relay as a component. Its transactional id and checkpoint group
 * follow the topic prefix: isolated environments on one cluster must not fence each other's relay.
 */
export function useOutboxRelay(host: ServiceHost, tuning: RelayTuning = {}): void {
  host.use('outbox relay', () => {
    const relay = createOutboxRelay({
      ...tuning,
      db: host.db,
      kafka: host.kafka,
      service: host.topicPrefix ? `${host.service}-${host.topicPrefix}` : host.service,
      logger: host.logger,
      metrics: host.metrics,
    });
    relay.start();
    return Promise.resolve(() => relay.stop());
  });
}
