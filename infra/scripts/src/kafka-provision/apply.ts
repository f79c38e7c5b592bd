import { ensureTopics } from '@o2c/kafka';
import type { Kafka } from 'kafkajs';
import type { ProvisionPlan } from './plan';

/**
 * Creates the plan's missing topics and its ACLs (both idempotent: a second run changes nothing).
 * Needs an admin principal; `report` hears each step.
 */
export async function applyPlan(
  kafka: Kafka,
  plan: ProvisionPlan,
  report: (line: string) => void = () => undefined,
): Promise<{ topicsCreated: string[]; acls: number }> {
  const topicsCreated = await ensureTopics(kafka, plan.topics);
  report(
    `topics: ${topicsCreated.length} created, ${plan.topics.length - topicsCreated.length} already there`,
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: plan.acls });
  } finally {
    await admin.disconnect();
  }
  report(`ACLs: ${plan.acls.length} in place`);
  return { topicsCreated, acls: plan.acls.length };
}
