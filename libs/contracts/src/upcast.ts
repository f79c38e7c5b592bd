import { contractOf } from './event-contracts';
import type { EventPayloads, EventType } from './generated/catalogue';
import { eventUpcasters } from './generated/upcasters';

/** A payload cannot be taken to the latest version: unknown version or missing upcaster. */
export class UpcastError extends Error {
  readonly code = 'UPCAST_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'UpcastError';
  }
}

/**
 * Takes a payload decoded with version `version` of its event type through the upcasters
 * v(version+1), …, latest, so callers only ever see the latest shape. Pure; the latest
 * version's payload is returned as is.
 */
export function upcastToLatest<T extends EventType>(
  eventType: T,
  version: number,
  payload: unknown,
): EventPayloads[T] {
  const latest = contractOf(eventType).version;
  if (!Number.isInteger(version) || version < 1 || version > latest) {
    throw new UpcastError(`${eventType} has versions 1..${latest}, not ${version}`);
  }
  let value = payload;
  for (let next = version + 1; next <= latest; next++) {
    const upcaster = eventUpcasters[eventType]?.[next] as
      ((previous: unknown) => unknown) | undefined;
    if (!upcaster)
      throw new UpcastError(`${eventType} has no upcaster from v${next - 1} to v${next}`);
    value = upcaster(value);
  }
  return value as EventPayloads[T];
}
