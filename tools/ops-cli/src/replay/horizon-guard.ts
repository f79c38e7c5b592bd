import { OpsError } from '../errors';
import { dedupeHorizon, type Horizon } from './dedupe-horizon';

/**
 * What a job needs to check the consumers' dedupe horizon again when it is resumed: the horizon
 * moves forward with time (and with inbox purges), so a range that was inside it at plan time may
 * have left it by the time an interrupted job is resumed.
 */
export interface HorizonGuard {
  /** ISO instant of the oldest event the job re-delivers. */
  from: string;
  consumers: string[];
  dedupeWindowMs: number;
  /** The operator accepted re-applying effects (--force) when the job was planned. */
  force: boolean;
}

/**
 * Refuses re-delivering events older than the horizon: the consumers' inboxes no longer remember
 * their ids, so they would apply them a second time. `--force` overrides.
 */
export function assertWithinHorizon(
  from: number,
  horizon: Horizon,
  force: boolean,
  what = '--from',
): void {
  if (from >= horizon.at || force) return;
  throw new OpsError(
    'REFUSED',
    `${what} ${new Date(from).toISOString()} is older than the inbox dedupe window ` +
      `(${new Date(horizon.at).toISOString()}, from ${horizon.source}): consumers would not ` +
      'recognise those events as duplicates. Narrow the range, or pass --force if the ' +
      'effects must be re-applied.',
  );
}

/** On --resume: the same check against the horizon of now, unless forced then or now. */
export async function recheckHorizon(
  postgresAdminUrl: string,
  guard: HorizonGuard | undefined,
  force: boolean,
): Promise<void> {
  if (!guard || guard.force || force) return;
  const horizon = await dedupeHorizon(postgresAdminUrl, guard.consumers, guard.dedupeWindowMs);
  assertWithinHorizon(Date.parse(guard.from), horizon, false, 'the resumed range starts at');
}
