import type { Db } from '@o2c/db';
import type { ConsoleService } from '../config';
import {
  mergeTimeline,
  traceLink,
  type MilestoneRow,
  type OdooSyncRow,
  type OrderEventRow,
  type ShipmentHistoryRow,
  type TimelineEntry,
} from './timeline-shape';

export interface OrderMatch {
  orderId: string;
  channelCode: string;
  channelOrderRef: string;
  status: string;
  createdAt: string;
}

export interface OrderTimeline {
  order: OrderMatch;
  entries: TimelineEntry[];
  traceUrl: string;
  /** Services whose database could not be read (the rest of the timeline is still shown). */
  unavailable: { service: ConsoleService; error: string }[];
}

export type ServiceDbs = Record<ConsoleService, Db>;

/** Orders whose id or channel ref is `query` (a ref may exist in several channels). */
export async function findOrders(db: Db, query: string): Promise<OrderMatch[]> {
  const rows = await db('orders')
    .where({ order_id: query })
    .orWhere({ channel_order_ref: query })
    .orderBy('created_at', 'desc')
    .limit(20)
    .select<
      {
        order_id: string;
        channel_code: string;
        channel_order_ref: string;
        status: string;
        created_at: Date;
      }[]
    >('order_id', 'channel_code', 'channel_order_ref', 'status', 'created_at');
  return rows.map((r) => ({
    orderId: r.order_id,
    channelCode: r.channel_code,
    channelOrderRef: r.channel_order_ref,
    status: r.status,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function readTimeline(
  dbs: ServiceDbs,
  order: OrderMatch,
  zipkinUrl: string,
): Promise<OrderTimeline> {
  const unavailable: OrderTimeline['unavailable'] = [];
  const attempt = async <T>(service: ConsoleService, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (error) {
      unavailable.push({ service, error: (error as Error).message });
      return [];
    }
  };
  const id = order.orderId;
  const [events, shipments, milestones, odoo] = await Promise.all([
    attempt('order-intake', () => orderEvents(dbs['order-intake'], id)),
    attempt('fulfillment', () => shipmentHistory(dbs.fulfillment, id)),
    attempt('fulfillment', () => carrierMilestones(dbs.fulfillment, id)),
    attempt('odoo-adapter', () => odooDocuments(dbs['odoo-adapter'], id)),
  ]);
  return {
    order,
    entries: mergeTimeline({ events, shipments, milestones, odoo }),
    traceUrl: traceLink(zipkinUrl, id),
    unavailable,
  };
}

async function orderEvents(db: Db, orderId: string): Promise<OrderEventRow[]> {
  const rows = await db('order_events')
    .where({ order_id: orderId })
    .select<{ event_type: string; occurred_at: Date }[]>('event_type', 'occurred_at');
  return rows.map((r) => ({ eventType: r.event_type, occurredAt: r.occurred_at.getTime() }));
}

async function shipmentHistory(db: Db, orderId: string): Promise<ShipmentHistoryRow[]> {
  const rows = await db('shipment_history as h')
    .join('shipments as s', 's.shipment_id', 'h.shipment_id')
    .where('s.order_id', orderId)
    .select<{ shipment_id: string; state: string; note: string; at: string }[]>(
      'h.shipment_id',
      'h.state',
      'h.note',
      'h.at',
    );
  return rows.map((r) => ({ shipmentId: r.shipment_id, state: r.state, note: r.note, at: +r.at }));
}

async function carrierMilestones(db: Db, orderId: string): Promise<MilestoneRow[]> {
  const rows = await db('carrier_milestones as m')
    .join('shipments as s', 's.tracking_number', 'm.tracking_number')
    .where('s.order_id', orderId)
    .select<
      { tracking_number: string; carrier_code: string; milestone: string; occurred_at: string }[]
    >('m.tracking_number', 'm.carrier_code', 'm.milestone', 'm.occurred_at');
  return rows.map((r) => ({
    trackingNumber: r.tracking_number,
    carrierCode: r.carrier_code,
    milestone: r.milestone,
    occurredAt: +r.occurred_at,
  }));
}

async function odooDocuments(db: Db, orderId: string): Promise<OdooSyncRow[]> {
  const rows = await db('odoo_sync_log')
    .where({ order_id: orderId })
    .select<
      { event_type: string; odoo_model: string; odoo_id: number; action: string; synced_at: Date }[]
    >('event_type', 'odoo_model', 'odoo_id', 'action', 'synced_at');
  return rows.map((r) => ({
    eventType: r.event_type,
    odooModel: r.odoo_model,
    odooId: r.odoo_id,
    action: r.action,
    syncedAt: r.synced_at.getTime(),
  }));
}
