/** One line of an order's timeline, from whichever service recorded it. */
export interface TimelineEntry {
  at: string;
  source: 'order-intake' | 'fulfillment' | 'carrier' | 'odoo';
  what: string;
  detail: string;
}

export interface OrderEventRow {
  eventType: string;
  occurredAt: number;
}
export interface ShipmentHistoryRow {
  shipmentId: string;
  state: string;
  note: string;
  at: number;
}
export interface MilestoneRow {
  trackingNumber: string;
  carrierCode: string;
  milestone: string;
  occurredAt: number;
}
export interface OdooSyncRow {
  eventType: string;
  odooModel: string;
  odooId: number;
  action: string;
  syncedAt: number;
}

export interface TimelineParts {
  events: readonly OrderEventRow[];
  shipments: readonly ShipmentHistoryRow[];
  milestones: readonly MilestoneRow[];
  odoo: readonly OdooSyncRow[];
}

/** The order's events, shipment states, carrier milestones and Odoo documents, oldest first. */
export function mergeTimeline(parts: TimelineParts): TimelineEntry[] {
  const entries: (Omit<TimelineEntry, 'at'> & { ms: number })[] = [
    ...parts.events.map((e) => ({
      ms: e.occurredAt,
      source: 'order-intake' as const,
      what: e.eventType,
      detail: '',
    })),
    ...parts.shipments.map((s) => ({
      ms: s.at,
      source: 'fulfillment' as const,
      what: `shipment ${s.state}`,
      detail: `${s.shipmentId}${s.note ? `: ${s.note}` : ''}`,
    })),
    ...parts.milestones.map((m) => ({
      ms: m.occurredAt,
      source: 'carrier' as const,
      what: m.milestone,
      detail: `${m.carrierCode} ${m.trackingNumber}`,
    })),
    ...parts.odoo.map((o) => ({
      ms: o.syncedAt,
      source: 'odoo' as const,
      what: `${o.odooModel} #${o.odooId} ${o.action}`,
      detail: `after ${o.eventType}`,
    })),
  ];
  return entries
    .sort((a, b) => a.ms - b.ms)
    .map(({ ms, ...entry }) => ({ ...entry, at: new Date(ms).toISOString() }));
}

/** Zipkin's search for the spans tagged with the order id (consumers tag o2c.correlation_id). */
export const traceLink = (zipkinUrl: string, orderId: string): string =>
  `${zipkinUrl}/zipkin/?annotationQuery=${encodeURIComponent(`o2c.correlation_id=${orderId}`)}`;
