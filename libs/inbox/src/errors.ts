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

/** Raised in place of the handler when a message has used up its attempts (crashes included). */
export class PoisonMessageError extends Error {
  constructor(
    readonly attempts: number,
    lastError: string | undefined,
  ) {
    super(
      `gave up after ${attempts} attempts` +
        (lastError ? `; last error: ${lastError}` : ' (the process died during each attempt)'),
    );
    this.name = 'PoisonMessageError';
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
