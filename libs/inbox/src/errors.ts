import { DecodeError, EnvelopeError, SchemaMismatchError } from '@o2c/kafka';

/**
 * Thrown by a handler for a failure no retry can fix (the message itself is wrong). The runtime
 * dead-letters the message at once instead of retrying it.
 */
export class PermanentError extends Error {
  readonly permanent = true;
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/**
 * Thrown by a handler when a system it depends on is down as a whole (e.g. an open circuit to
 * the ERP): not the message's fault, so the runtime waits and retries WITHOUT counting the
 * attempt. An outage of any length then never dead-letters good events.
 */
export class DependencyUnavailableError extends Error {
  readonly unavailable = true;
  constructor(
    readonly dependency: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DependencyUnavailableError';
  }
}

export const isUnavailable = (error: unknown): boolean =>
  (error as { unavailable?: unknown } | null)?.unavailable === true;

/**
 * Raised in place of the handler when a message is poison: its handler failed `maxAttempts`
 * times, or the process died while handling it `maxCrashes` times (it kills the consumer).
 */
export class PoisonMessageError extends Error {
  private constructor(
    readonly attempts: number,
    readonly crashes: number,
    message: string,
  ) {
    super(message);
    this.name = 'PoisonMessageError';
  }

  static exhausted(attempts: number, lastError: string | undefined): PoisonMessageError {
    const last = lastError ? `; last error: ${lastError}` : '';
    return new PoisonMessageError(attempts, 0, `gave up after ${attempts} failed attempts${last}`);
  }

  static crashLoop(crashes: number, failures: number): PoisonMessageError {
    return new PoisonMessageError(failures, crashes, `crashed the consumer ${crashes} times`);
  }
}

/**
 * Put in place of the handler when the message's key waits behind a dead letter
 * (`keepKeyOrder`): the message is dead-lettered as parked, to come back after its head.
 */
export class ParkedBehindError extends Error {
  readonly code = 'PARKED_BEHIND';
  constructor(readonly headEventId: string) {
    super(`parked-behind ${headEventId}`);
    this.name = 'ParkedBehindError';
  }
}

/** Permanent = retrying cannot help: bad bytes, bad envelope, schema mismatch, or marked so. */
export function isPermanent(error: unknown): boolean {
  if (error instanceof DecodeError) return error.permanent;
  if (error instanceof EnvelopeError || error instanceof SchemaMismatchError) return true;
  return (error as { permanent?: unknown } | null)?.permanent === true;
}

export const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error), { cause: error });
