import type { Admin } from 'kafkajs';
import { parseDlqTopic } from '../contracts';
import { OpsError } from '../errors';
import { topicBounds } from '../kafka/offsets';
import type { JobPlan } from '../replay/job';
import { newJobId } from '../replay/plan-replay';

export interface RedriveRequest {
  dlqTopic: string;
  keys: string[];
  types: string[];
  headers: [string, string][];
  reason?: string;
  olderThanMs?: number;
  max?: number;
  id?: string;
}

/** Redrives the dead letters present now (a fixed offset range) that match the selection. */
export async function planRedrive(
  admin: Admin,
  request: RedriveRequest,
  now = Date.now(),
): Promise<JobPlan> {
  if (!parseDlqTopic(request.dlqTopic))
    throw new OpsError(
      'USAGE',
      `'${request.dlqTopic}' is not a dead-letter topic (<topic>.dlq.<group>)`,
    );
  if (request.reason !== undefined) {
    try {
      new RegExp(request.reason);
    } catch (error) {
      throw new OpsError('USAGE', `--reason is not a valid regex: ${request.reason}`, {
        cause: error,
      });
    }
  }
  const bounds = await topicBounds(admin, request.dlqTopic);
  return {
    id: request.id ?? newJobId('redrive'),
    kind: 'redrive',
    sourceTopic: request.dlqTopic,
    target: null,
    ranges: bounds.map(({ partition, low, high }) => ({ partition, start: low, end: high })),
    selector: {
      keys: request.keys,
      types: request.types,
      headers: request.headers,
      ...(request.reason !== undefined ? { reason: request.reason } : {}),
      ...(request.olderThanMs !== undefined ? { before: now - request.olderThanMs } : {}),
      dedupeOrigin: true,
      followParked: true,
    },
    ...(request.max !== undefined ? { max: request.max } : {}),
    request: { ...request },
  };
}
