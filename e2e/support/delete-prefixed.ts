import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';

/**
 * Deletes a stopped platform's topics, its dead letters among them: left behind, every run of
 * the tests or the benchmark adds hundreds of partitions that the broker, and each later
 * platform's all-topic metadata requests, carry. Its consumer groups go with them: the broker
 * drops an empty group once the offsets it committed are gone.
 */
export async function deletePrefixed(brokers: string[], prefix: string): Promise<void> {
  const logger = createLogger({ service: 'e2e-cleanup', level: 'silent' });
  const admin = createKafka({ clientId: 'e2e-cleanup', brokers, logger }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
