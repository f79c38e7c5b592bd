import type { Knex } from 'knex';
import type { Divergence, ShadowFlow, WriteMode } from '../../domain/shadow-compare';

/** An order's write mode, decided when its OrderAccepted was handled. */
export interface PinnedOrder {
  orderId: string;
  channelCode: string;
  channelOrderRef: string;
  mode: WriteMode;
  /** Imported by bootstrap (imported_orders): its sale order, which the adapter never writes. */
  importedSaleOrderId?: number;
}

export interface ShadowCheck {
  sourceEventId: string;
  orderId: string;
  channelCode: string;
  flow: string;
  payload: Record<string, unknown>;
  firstAt: Date;
  attempts: number;
}

interface CheckRow {
  source_event_id: string;
  order_id: string;
  channel_code: string;
  flow: string;
  payload: Record<string, unknown>;
  first_at: Date;
  attempts: number;
}

const toCheck = (r: CheckRow): ShadowCheck => ({
  sourceEventId: r.source_event_id,
  orderId: r.order_id,
  channelCode: r.channel_code,
  flow: r.flow,
  payload: r.payload,
  firstAt: r.first_at,
  attempts: r.attempts,
});

/** The channel's configured mode; `fallback` (ODOO_WRITE_MODE_DEFAULT) when it has no row. */
export async function channelMode(
  trx: Knex.Transaction,
  channelCode: string,
  fallback: WriteMode,
): Promise<WriteMode> {
  const row = await trx<{ channel_code: string; mode: WriteMode }>('channel_modes')
    .where({ channel_code: channelCode })
    .first('mode');
  return row?.mode ?? fallback;
}

/** Pins the order to `mode` unless it already is pinned; returns the pin that holds. */
export async function pinOrder(trx: Knex.Transaction, pin: PinnedOrder): Promise<PinnedOrder> {
  await trx('order_modes')
    .insert({
      order_id: pin.orderId,
      channel_code: pin.channelCode,
      channel_order_ref: pin.channelOrderRef,
      mode: pin.mode,
      odoo_sale_order_id: pin.importedSaleOrderId ?? null,
    })
    .onConflict('order_id')
    .ignore();
  return (await pinnedOrder(trx, pin.orderId))!;
}

interface PinRow {
  order_id: string;
  channel_code: string;
  channel_order_ref: string;
  mode: WriteMode;
  /** Set when the order was imported (imported_orders). */
  sale_order_id: number | null;
}

export async function pinnedOrder(
  trx: Knex.Transaction,
  orderId: string,
): Promise<PinnedOrder | undefined> {
  const row: PinRow | undefined = await trx('order_modes as m')
    .leftJoin('imported_orders as i', 'i.order_id', 'm.order_id')
    .where('m.order_id', orderId)
    .first<PinRow | undefined>(
      'm.order_id',
      'm.channel_code',
      'm.channel_order_ref',
      'm.mode',
      'i.sale_order_id',
    );
  if (!row) return undefined;
  const pin: PinnedOrder = {
    orderId: row.order_id,
    channelCode: row.channel_code,
    channelOrderRef: row.channel_order_ref,
    mode: row.mode,
  };
  if (row.sale_order_id !== null) pin.importedSaleOrderId = row.sale_order_id;
  return pin;
}

/** A comparison to make (pending) or an event shadow mode does not compare (skipped). */
export async function recordCheck(
  trx: Knex.Transaction,
  check: {
    sourceEventId: string;
    orderId: string;
    channelCode: string;
    flow: string;
    payload: Record<string, unknown>;
    status: 'pending' | 'skipped';
  },
): Promise<void> {
  await trx('shadow_checks')
    .insert({
      source_event_id: check.sourceEventId,
      order_id: check.orderId,
      channel_code: check.channelCode,
      flow: check.flow,
      payload: JSON.stringify(check.payload),
      status: check.status,
      ...(check.status === 'skipped' ? { settled_at: trx.fn.now() } : {}),
    })
    .onConflict('source_event_id')
    .ignore();
}

/** Due pending checks, locked for this transaction (other replicas skip them). */
export async function claimDueChecks(trx: Knex.Transaction, limit: number): Promise<ShadowCheck[]> {
  const rows = (await trx('shadow_checks')
    .where({ status: 'pending' })
    .andWhere('next_at', '<=', trx.fn.now())
    .orderBy('next_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()) as CheckRow[];
  return rows.map(toCheck);
}

/** Not matching yet (or Odoo unreadable): compared again `delayMs` from now. */
export async function retryCheck(
  trx: Knex.Transaction,
  sourceEventId: string,
  delayMs: number,
  error?: string,
): Promise<void> {
  await trx('shadow_checks')
    .where({ source_event_id: sourceEventId })
    .update({
      attempts: trx.raw('attempts + 1'),
      next_at: trx.raw(`now() + (? * interval '1 millisecond')`, [delayMs]),
      last_error: error ?? null,
    });
}

export async function settleCheck(
  trx: Knex.Transaction,
  sourceEventId: string,
  status: 'matched' | 'diverged',
): Promise<void> {
  await trx('shadow_checks')
    .where({ source_event_id: sourceEventId })
    .update({
      status,
      attempts: trx.raw('attempts + 1'),
      settled_at: trx.fn.now(),
      last_error: null,
    });
}

/** The matched legacy sale order of a shadow order. */
export async function recordMatchedSaleOrder(
  trx: Knex.Transaction,
  orderId: string,
  saleOrderId: number,
): Promise<void> {
  await trx('order_modes').where({ order_id: orderId }).update({ odoo_sale_order_id: saleOrderId });
}

/** Records divergences once each; returns those not recorded before (to be announced). */
export async function recordDivergences(
  trx: Knex.Transaction,
  check: ShadowCheck & { flow: ShadowFlow },
  found: readonly Divergence[],
  detectedAt: Date,
): Promise<Divergence[]> {
  const fresh: Divergence[] = [];
  for (const d of found) {
    const inserted = (await trx('shadow_divergences')
      .insert({
        source_event_id: check.sourceEventId,
        order_id: check.orderId,
        channel_code: check.channelCode,
        flow: check.flow,
        kind: d.kind,
        sku: d.sku ?? '',
        expected: d.expected,
        actual: d.actual,
        odoo_model: d.odooModel,
        odoo_id: d.odooId,
        detected_at: detectedAt,
      })
      .onConflict(['source_event_id', 'kind', 'sku'])
      .ignore()
      .returning('id')) as unknown[];
    if (inserted.length > 0) fresh.push(d);
  }
  return fresh;
}

/** Pending checks of every channel that has checks (0 once all settled), for o2c_shadow_pending. */
export async function pendingByChannel(db: Knex): Promise<Map<string, number>> {
  const rows = (await db('shadow_checks')
    .groupBy('channel_code')
    .select(
      'channel_code',
      db.raw("(count(*) filter (where status = 'pending'))::int as n"),
    )) as unknown as Array<{ channel_code: string; n: number }>;
  return new Map(rows.map((r) => [r.channel_code, r.n]));
}
