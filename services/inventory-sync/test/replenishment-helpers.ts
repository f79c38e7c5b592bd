import { randomUUID } from 'node:crypto';
import type {
  PurchaseOrderConfirmed,
  PurchaseOrderPlaced,
  PurchaseReceiptValidated,
} from '@o2c/contracts';
import { until, type Harness, type Seen } from './harness';

export type ProposalView = Record<string, unknown> & {
  proposalId: string;
  sku: string;
  warehouseCode: string;
  status: string;
  quantity: number;
  incoming: number;
};

/** A MIN_MAX rule body: below 5, buy up to 20, at 10.00 EUR each (auto-approved). */
export const minMaxRule = (overrides: Record<string, unknown> = {}) => ({
  policy: 'MIN_MAX',
  min: 5,
  max: 20,
  supplierCode: 'SUP-001',
  packSize: 1,
  leadTimeDays: 3,
  unitCostMinor: 1_000,
  currency: 'EUR',
  minOrderValueMinor: 0,
  ...overrides,
});

export const buildPlaced = (
  proposal: { proposalId: string; sku: string; warehouseCode: string; quantity: number },
  overrides: Partial<PurchaseOrderPlaced> = {},
): PurchaseOrderPlaced => ({
  purchaseId: `PUR-${randomUUID().slice(0, 8)}`,
  odooPurchaseId: '7',
  odooReference: 'P00007',
  supplierCode: 'SUP-001',
  warehouseCode: proposal.warehouseCode,
  currency: 'EUR',
  lines: [
    {
      lineNo: 1,
      sku: proposal.sku,
      quantity: proposal.quantity,
      uom: 'EA',
      unitPriceMinor: 1_000,
      proposalIds: [proposal.proposalId],
    },
  ],
  datePlanned: Date.now() + 3 * 86_400_000,
  placedAt: Date.now(),
  ...overrides,
});

export const buildConfirmed = (
  placed: PurchaseOrderPlaced,
  quantity: number,
): PurchaseOrderConfirmed => ({
  purchaseId: placed.purchaseId,
  changed: true,
  supplierReference: 'SUP-REF-1',
  lines: placed.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity, uom: l.uom })),
  datePlanned: placed.datePlanned + 86_400_000,
  confirmedAt: Date.now(),
});

export const buildReceipt = (
  placed: PurchaseOrderPlaced,
  received: { quantity: number; receivedTotal: number; orderedQuantity: number },
  backorder: boolean,
): PurchaseReceiptValidated => ({
  purchaseId: placed.purchaseId,
  odooPickingId: '21',
  odooPickingName: 'WH/IN/00021',
  lines: placed.lines.map((l) => ({
    lineNo: l.lineNo,
    sku: l.sku,
    uom: l.uom,
    ...received,
    status: received.receivedTotal < received.orderedQuantity ? 'PARTIAL' : 'COMPLETE',
  })),
  backorder,
  receivedAt: Date.now(),
});

/** The REST side of replenishment over one harness. */
export function replenishmentHelpers(h: Harness, events: Seen[]) {
  return {
    putRule: (wh: string, sku: string, body: unknown) =>
      h.call('PUT', `/replenishment/rules/${wh}/${sku}`, body),
    /** One planning run; the proposals it made for `wh`. */
    async run(wh: string) {
      const { res, body } = await h.call('POST', '/replenishment/run');
      expect(res.status).toBe(200);
      return (body.proposals as ProposalView[]).filter((p) => p.warehouseCode === wh);
    },
    async proposal(id: string) {
      return (await h.call('GET', `/replenishment/proposals/${id}`)).body as ProposalView;
    },
    /** Waits until the proposal's status is `status` (a consumed event applied). */
    untilStatus(id: string, status: string) {
      return until(async () => {
        const p = (await h.call('GET', `/replenishment/proposals/${id}`)).body as ProposalView;
        return p.status === status ? p : undefined;
      }, `proposal ${id} ${status}`);
    },
    eventsOf: (proposalId: string) =>
      events.filter((e) => e.value.proposalId === proposalId).map((e) => e.type),
    untilEvents: (proposalId: string, n: number) =>
      until(() => {
        const of = events.filter((e) => e.value.proposalId === proposalId);
        return of.length >= n ? of : undefined;
      }, `${n} replenishment events of ${proposalId}`),
    /** Waits until the inbox holds the event (its route committed, or it was skipped). */
    consumed: (eventId: string) =>
      until(
        async () => (await h.db('inbox').where({ event_id: eventId }).first()) as unknown,
        `event ${eventId} consumed`,
      ),
  };
}
