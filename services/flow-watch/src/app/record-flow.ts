import type { Knex } from 'knex';
import { addToBucket } from '../adapters/db/flow-store';
import { receivedAtOf, recordOrder } from '../adapters/db/order-store';
import { binOf, bucketStart, type SeriesName } from '../domain';

/** Counts one order received (accepted or rejected) in its channel's bucket, by the order's time. */
export async function recordOrderReceived(
  trx: Knex.Transaction,
  order: { orderId: string; channel: string; at: number; accepted: boolean },
  bucketMs: number,
): Promise<void> {
  if (order.accepted)
    await recordOrder(trx, {
      orderId: order.orderId,
      channel: order.channel,
      receivedAt: order.at,
    });
  await addToBucket(trx, {
    series: 'orders_per_channel',
    subject: order.channel,
    bucketStart: bucketStart(order.at, bucketMs),
  });
}

/** A latency sample in the bucket of the later event's time. */
export async function recordLatency(
  trx: Knex.Transaction,
  sample: { series: SeriesName; subject: string; at: number; seconds: number },
  bucketMs: number,
): Promise<void> {
  await addToBucket(trx, {
    series: sample.series,
    subject: sample.subject,
    bucketStart: bucketStart(sample.at, bucketMs),
    bin: binOf(sample.seconds),
  });
}

/**
 * A stage reached by an order (reserved, shipped, invoiced): its latency from the order's receipt.
 * An order flow-watch never saw accepted (it started later) gives no sample. Returns the seconds.
 */
export async function recordStage(
  trx: Knex.Transaction,
  stage: { orderId: string; stage: string; at: number },
  bucketMs: number,
): Promise<number | undefined> {
  const receivedAt = await receivedAtOf(trx, stage.orderId);
  if (receivedAt === undefined) return undefined;
  const seconds = Math.max(0, (stage.at - receivedAt) / 1000);
  await recordLatency(
    trx,
    { series: 'stage_latency_p95', subject: stage.stage, at: stage.at, seconds },
    bucketMs,
  );
  return seconds;
}
