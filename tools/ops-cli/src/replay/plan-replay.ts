import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { ReplayHeaders } from '../contracts';
import { OpsError } from '../errors';
import { offsetsForTime, topicBounds } from '../kafka/offsets';
import type { Horizon } from './dedupe-horizon';
import { assertWithinHorizon, type HorizonGuard } from './horizon-guard';
import type { JobPlan } from './job';

export interface ReplayRequest {
  topic: string;
  from: number;
  to: number;
  target: string;
  keys: string[];
  types: string[];
  headers: [string, string][];
  allowReplayed: boolean;
  max?: number;
  id?: string;
  /** Events older than this are no longer deduplicated by the consumers (see dedupeHorizon). */
  horizon: Horizon;
  force: boolean;
  /** How the horizon was computed, so a resume can compute it again. */
  guard?: Omit<HorizonGuard, 'from' | 'force'>;
}

export const newJobId = (kind: string): string => `${kind}-${randomUUID().slice(0, 13)}`;

/**
 * Fixes the offset range of a time window. Refuses windows older than the consumers' inbox
 * dedupe window: their inboxes no longer remember those event ids, so a replay would apply
 * effects twice.
 */
export async function planReplay(admin: Admin, request: ReplayRequest): Promise<JobPlan> {
  if (request.from >= request.to) throw new OpsError('USAGE', '--from must be before --to');
  assertWithinHorizon(request.from, request.horizon, request.force);
  await topicBounds(admin, request.target);
  const [bounds, starts, ends] = await Promise.all([
    topicBounds(admin, request.topic),
    offsetsForTime(admin, request.topic, request.from),
    offsetsForTime(admin, request.topic, request.to),
  ]);
  return {
    id: request.id ?? newJobId('replay'),
    kind: 'replay',
    sourceTopic: request.topic,
    target: request.target,
    ranges: bounds.map(({ partition, high }) => ({
      partition,
      start: starts.get(partition) ?? high,
      end: ends.get(partition) ?? high,
    })),
    selector: {
      keys: request.keys,
      types: request.types,
      headers: request.headers,
      ...(request.allowReplayed ? {} : { loopGuardHeader: ReplayHeaders.replayId }),
    },
    ...(request.max !== undefined ? { max: request.max } : {}),
    ...(request.guard
      ? {
          guard: {
            ...request.guard,
            from: new Date(request.from).toISOString(),
            force: request.force,
          },
        }
      : {}),
    request: {
      ...request,
      horizon: { ...request.horizon, at: new Date(request.horizon.at).toISOString() },
      from: new Date(request.from).toISOString(),
      to: new Date(request.to).toISOString(),
    },
  };
}
