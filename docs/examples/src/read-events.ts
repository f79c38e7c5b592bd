// Downstream consumer: read the platform's events from Kafka, decode them through the registry,
// and handle each once. kafkajs and @kafkajs/confluent-schema-registry, nothing of the platform.
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka, IHeaders } from 'kafkajs';

export interface PlatformEvent {
  /** ce_id: the same event delivered twice (a redelivery, a replay) has the same id. */
  id: string;
  /** ce_type without its `o2c.` prefix, e.g. OrderAccepted. */
  type: string;
  /** ce_subject: the message key, e.g. the order id. */
  subject: string;
  time: string;
  data: unknown;
}

const header = (headers: IHeaders | undefined, name: string) => headers?.[name]?.toString();

/**
 * Consumes `topics` as `groupId` and calls `handle` once per event id. Kafka delivers at least
 * once, so keep the ids you handled where you keep the effect (a unique key in your database, in
 * the same transaction); the Set below stands in for that table.
 */
export async function readEvents(options: {
  kafka: Kafka;
  registryUrl: string;
  topics: string[];
  groupId: string;
  handle: (event: PlatformEvent) => Promise<void>;
}) {
  const registry = new SchemaRegistry({ host: options.registryUrl });
  const handled = new Set<string>();
  const consumer = options.kafka.consumer({ groupId: options.groupId });
  await consumer.connect();
  await consumer.subscribe({ topics: options.topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      // Older events may carry only the original headers (event-id, event-type): read both.
      const id = header(message.headers, 'ce_id') ?? header(message.headers, 'event-id');
      const type =
        header(message.headers, 'ce_type')?.replace(/^o2c\./, '') ??
        header(message.headers, 'event-type');
      if (!id || !type || !message.value || handled.has(id)) return;
      const data: unknown = await registry.decode(message.value); // writer schema from its id
      await options.handle({
        id,
        type,
        subject: message.key?.toString() ?? '',
        time: header(message.headers, 'ce_time') ?? '',
        data,
      });
      handled.add(id);
    },
  });
  return consumer;
}
