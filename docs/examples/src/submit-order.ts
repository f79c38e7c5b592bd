// Upstream producer: send an order to the platform as a CloudEvent on channels.orders.
// Only public libraries: kafkajs for Kafka, avsc for Avro, fetch for the schema registry.
import { randomUUID } from 'node:crypto';
import * as avro from 'avsc';
import type { Producer } from 'kafkajs';

export interface SubmitOrderOptions {
  producer: Producer;
  /** The registry's Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  registryUrl: string;
  /** channels.orders (with the environment's prefix, if it has one). */
  topic: string;
  /** Names this system as the CloudEvents source; with ce_id it is the dedupe key. */
  source: string;
}

/**
 * Subjects follow the record-name strategy: the schema's full name, the same for every topic.
 * Fetch the latest version once and cache it; the id goes into every message's frame.
 */
async function latestSchema(registryUrl: string, subject: string) {
  const res = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions/latest`);
  if (!res.ok) throw new Error(`schema ${subject}: registry answered ${res.status}`);
  const { id, schema } = (await res.json()) as { id: number; schema: string };
  return { id, type: avro.Type.forSchema(JSON.parse(schema) as avro.Schema) };
}

/** The Confluent wire format: a zero byte, the 4-byte schema id, then the Avro binary body. */
function frame(id: number, body: Buffer): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeInt32BE(id, 1);
  return Buffer.concat([prefix, body]);
}

/**
 * Sends one OrderSubmitted, keyed by the channel's order reference (one order's resubmissions
 * stay in order). `submissionId` identifies this submission: send it again with the same id
 * (a retry after a timeout) and the platform processes it once.
 */
export async function submitOrder(
  options: SubmitOrderOptions,
  order: { channelOrderRef: string } & Record<string, unknown>,
  submissionId: string = randomUUID(),
): Promise<string> {
  const { id, type } = await latestSchema(options.registryUrl, 'o2c.channels.OrderSubmitted');
  await options.producer.send({
    topic: options.topic,
    acks: -1,
    messages: [
      {
        key: order.channelOrderRef,
        value: frame(id, type.toBuffer(order)),
        headers: {
          ce_specversion: '1.0',
          ce_id: submissionId,
          ce_source: options.source,
          ce_type: 'o2c.OrderSubmitted',
          ce_time: new Date().toISOString(),
          ce_subject: order.channelOrderRef,
          'content-type': 'application/avro',
        },
      },
    ],
  });
  return submissionId;
}
