import { readPublishedEvents } from '@o2c/outbox';
import type { Db } from '@o2c/db';
import { OpsError } from '../errors';
import type { Horizon } from '../replay/dedupe-horizon';
import { assertWithinHorizon, type HorizonGuard } from '../replay/horizon-guard';
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
  /** Events older than this are no longer deduplicated by the consumers (see dedupeHorizon). */
  horizon: Horizon;
  /** How the horizon was computed, so a resume can compute it again. */
  guard?: Omit<HorizonGuard, 'from' | 'force'>;
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
  /** Re-checked on --resume. */
  guard?: HorizonGuard;
}

export async function planOutboxReplay(db: Db, request: OutboxRequest): Promise<OutboxPlan> {
  if (request.from >= request.to) throw new OpsError('USAGE', '--from must be before --to');
  assertWithinHorizon(request.from, request.horizon, request.force);
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
    ...(request.guard
      ? {
          guard: {
            ...request.guard,
            from: new Date(request.from).toISOString(),
            force: request.force,
          },
        }
      : {}),
    ...(request.topic ? { topic: request.topic } : {}),
    ...(request.eventType ? { eventType: request.eventType } : {}),
    ...(request.target ? { target: request.target } : {}),
    ...(request.max !== undefined ? { max: request.max } : {}),
  };
}
