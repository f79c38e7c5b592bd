import { readPublishedEvents } from '@o2c/outbox';
import type { Db } from '@o2c/db';
import { OpsError } from '../errors';
import { newJobId } from '../replay/plan-replay';
import type { StoredPlan } from '../replay/job';

export interface OutboxRequest {
  service: string;
  databaseUrl: string;
  from: number;
  to: number;
  topic?: string;
  eventType?: string;
  /** Publish everything here instead of each row's own topic. */
  target?: string;
  max?: number;
  id?: string;
  dedupeWindowMs: number;
  force: boolean;
}

/**
 * A replay from a service's retained outbox rows. Progress is a (relay batch, id) cursor kept
 * as the offset metadata of the job's checkpoint group on `anchor` partition 0, committed in the
 * same Kafka transaction as the chunk it follows.
 */
export interface OutboxPlan extends StoredPlan {
  kind: 'outbox';
  service: string;
  databaseUrl: string;
  from: string;
  to: string;
  topic?: string;
  eventType?: string;
  target?: string;
  anchor: string;
  max?: number;
}

export async function planOutboxReplay(
  db: Db,
  request: OutboxRequest,
  now = Date.now(),
): Promise<OutboxPlan> {
  if (request.from >= request.to) throw new OpsError('USAGE', '--from must be before --to');
  const horizon = now - request.dedupeWindowMs;
  if (request.from < horizon && !request.force)
    throw new OpsError(
      'REFUSED',
      `--from is older than the inbox dedupe window (${new Date(horizon).toISOString()}): ` +
        'consumers would apply those events again. Narrow the range or pass --force.',
    );
  const [first] = await readPublishedEvents(db, {
    from: new Date(request.from),
    to: new Date(request.to),
    ...(request.topic ? { topic: request.topic } : {}),
    ...(request.eventType ? { eventType: request.eventType } : {}),
    limit: 1,
  });
  const anchor = request.target ?? request.topic ?? first?.topic;
  if (!anchor)
    throw new OpsError('NOT_FOUND', `no published outbox rows of ${request.service} in that range`);
  return {
    id: request.id ?? newJobId('outbox'),
    kind: 'outbox',
    sourceTopic: `outbox:${request.service}`,
    service: request.service,
    databaseUrl: request.databaseUrl,
    from: new Date(request.from).toISOString(),
    to: new Date(request.to).toISOString(),
    anchor,
    ...(request.topic ? { topic: request.topic } : {}),
    ...(request.eventType ? { eventType: request.eventType } : {}),
    ...(request.target ? { target: request.target } : {}),
    ...(request.max !== undefined ? { max: request.max } : {}),
  };
}
