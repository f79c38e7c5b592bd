/** Kafka's default `message.max.bytes` (broker) / `max.message.bytes` (topic). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

// A record batch v2 holding one record: 61 bytes of batch header, then the record with its
// varints (length, attributes, timestamp and offset deltas, key and value lengths, header count:
// at most 36 bytes) and 10 bytes of varints per header. An upper bound of what the broker checks
// against its limit (uncompressed).
const BATCH_OVERHEAD = 61 + 36;
const HEADER_OVERHEAD = 10;

/** Upper bound of the bytes the broker counts for one event sent alone. */
export function messageSize(key: string, payload: Buffer, headers: Record<string, string>): number {
  let size = BATCH_OVERHEAD + Buffer.byteLength(key) + payload.length;
  for (const [name, value] of Object.entries(headers))
    size += HEADER_OVERHEAD + Buffer.byteLength(name) + Buffer.byteLength(value);
  return size;
}
