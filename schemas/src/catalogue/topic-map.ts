import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CatalogueError } from './catalogue-error';

/** The platform's services (owners and consumers of topics); `channels` stands for the upstream systems. */
export const knownServices = [
  'order-intake',
  'inventory-sync',
  'fulfillment',
  'invoicing',
  'odoo-adapter',
  'webhooks',
  'flow-watch',
] as const;
export const upstreamOwner = 'channels';

const TopicSchema = z.strictObject({
  owner: z.string().min(1),
  key: z.string().min(1),
  partitions: z.number().int().positive(),
  /** `compact` keeps the latest message per key (state topics such as odoo.master-data). */
  cleanupPolicy: z.enum(['delete', 'compact']).optional(),
  eventTypes: z.array(z.string().min(1)).min(1),
  consumers: z.array(z.string().min(1)),
  description: z.string().min(1),
});
const TopicMapSchema = z.record(z.string().regex(/^[a-z]+\.[a-z][a-z-]*$/), TopicSchema);

export type Topic = z.infer<typeof TopicSchema>;
export type TopicMap = Record<string, Topic>;

export function parseTopicMap(json: unknown, source = 'topics.json'): TopicMap {
  const result = TopicMapSchema.safeParse(json);
  if (!result.success) {
    throw new CatalogueError('INVALID_TOPIC_MAP', `${source}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export function loadTopicMap(path: string): TopicMap {
  return parseTopicMap(JSON.parse(readFileSync(path, 'utf8')), path);
}
