import type { OdooClient, OdooRecord } from '@o2c/odoo-client';
import { call, until } from './api';
import type { Endpoints } from './platform';

/** A replenishment rule as inventory-sync's PUT /replenishment/rules takes it (base units). */
export type RuleInput = {
  supplierCode: string;
  leadTimeDays: number;
  unitCostMinor: number;
  currency: string;
  packSize?: number;
  minOrderValueMinor?: number;
} & (
  | { policy: 'MIN_MAX'; min: number; max: number }
  | { policy: 'REORDER_POINT'; reorderPoint: number; reorderQuantity: number }
);

export interface ProposalView {
  proposalId: string;
  sku: string;
  warehouseCode: string;
  quantity: number;
  status: string;
  purchaseId: string | null;
  statusReason: string | null;
  approval: string;
}

interface SupplierBehaviour {
  mode: 'confirm' | 'partial' | 'delay-date' | 'refuse' | 'silent';
  ratio?: number;
  days?: number;
  failFirst?: number;
}

const ok = <T>(r: { status: number; body: unknown }, what: string): T => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
};

/** Procure-to-pay through the platform's APIs and the supplier simulator, as an operator. */
export function purchasingOf(p: Endpoints) {
  const inv = p.urls['inventory-sync'];
  const purchasing = {
    setRule: async (warehouseCode: string, sku: string, rule: RuleInput) =>
      ok(await call(`${inv}/replenishment/rules/${warehouseCode}/${sku}`, 'PUT', rule), 'rule'),
    deleteRule: async (warehouseCode: string, sku: string) =>
      ok(await call(`${inv}/replenishment/rules/${warehouseCode}/${sku}`, 'DELETE'), 'delete'),
    /** Runs the planner once; the proposals it made. */
    plan: async () =>
      ok<{ proposals: ProposalView[] }>(await call(`${inv}/replenishment/run`, 'POST'), 'run')
        .proposals,
    proposals: async (status?: string) =>
      ok<{ proposals: ProposalView[] }>(
        await call(`${inv}/replenishment/proposals${status ? `?status=${status}` : ''}`),
        'proposals',
      ).proposals,
    proposal: async (id: string) =>
      ok<ProposalView>(await call(`${inv}/replenishment/proposals/${id}`), 'proposal'),
    approve: async (id: string) =>
      ok<ProposalView>(await call(`${inv}/replenishment/proposals/${id}/approve`, 'POST'), 'ok'),
    /** Waits until the proposal reaches `status`; returns it. */
    proposalReaches: (id: string, status: string, timeoutMs = 60_000) =>
      until(
        async () => {
          const found = await purchasing.proposal(id);
          return found.status === status ? found : undefined;
        },
        `proposal ${id} ${status}`,
        timeoutMs,
      ),
    supplier: async (code: string, behaviour: SupplierBehaviour) =>
      ok(
        await call(
          `${p.urls['supplier-sim']}/__sim/suppliers/${code}/behaviour`,
          'POST',
          behaviour,
        ),
        'supplier behaviour',
      ),
    reconciliation: async (purchaseId: string) =>
      ok<Reconciliation>(
        await call(`${p.urls.invoicing}/purchases/${purchaseId}/reconciliation`),
        'reconciliation',
      ),
  };
  return purchasing;
}

export interface Reconciliation {
  purchaseId: string;
  lines: Array<{
    lineNo: number;
    sku: string;
    ordered: number;
    received: number;
    billed: number;
  }>;
  bills: Array<{ odooBillId: string; decision: string }>;
}

/** The purchase orders Odoo holds for a platform purchase id (its origin). */
export const purchaseOrdersOf = (odoo: OdooClient, purchaseId: string) =>
  odoo.searchRead<OdooRecord & { name: string; state: string }>(
    'purchase.order',
    [['origin', '=', purchaseId]],
    { fields: ['name', 'state'] },
  );

/** Odoo's purchase lines of a platform purchase: SKU name and quantity, in line order. */
export async function purchaseLinesOf(odoo: OdooClient, purchaseId: string) {
  const [order] = await purchaseOrdersOf(odoo, purchaseId);
  if (!order) return [];
  return odoo.searchRead<OdooRecord & { product_qty: number; qty_received: number }>(
    'purchase.order.line',
    [['order_id', '=', order.id]],
    { fields: ['product_qty', 'qty_received'], order: 'id asc' },
  );
}

/** State of a vendor bill in Odoo. */
export async function billState(odoo: OdooClient, billId: number) {
  const [bill] = await odoo.read('account.move', [billId], ['state']);
  return bill?.state as string | undefined;
}
