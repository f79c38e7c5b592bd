/**
 * An event too large for the broker (`message.max.bytes`). Thrown by `append`, so the business
 * transaction fails instead of the relay: the event never enters the outbox.
 */
export class EventTooLargeError extends Error {
  readonly code = 'EVENT_TOO_LARGE';

  constructor(
    readonly eventType: string,
    readonly key: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(
      `event ${eventType} (key ${key}) is ${size} bytes as a Kafka message, over the limit of ` +
        `${limit} bytes (message.max.bytes)`,
    );
    this.name = 'EventTooLargeError';
  }
}
