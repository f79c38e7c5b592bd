/** Facts for checkInvariants' unit specs: one order that went all the way, unless overridden. */
import { checkInvariants } from '../src/verify/check-invariants';
import type {
  FulfillmentOrder,
  InventoryOrder,
  InvoicingOrder,
  OdooOrder,
  PlatformFacts,
} from '../src/verify/facts';

export const NOW = 1_800_000_000_000;
export const OLD = NOW - 600_000;
export const opts = { now: NOW, graceMs: 120_000 };

export const report = <O>(service: string, orders: Record<string, O>) => ({
  service,
  checkedAt: NOW,
  violations: [],
  orders,
});

export const inventory = (o: Partial<InventoryOrder> = {}): InventoryOrder => ({
  reservedByLine: { '1': 5 },
  backorderedByLine: {},
  releasedByLine: {},
  consumedByLine: { '1': 5 },
  ...o,
});
export const fulfillment = (o: Partial<FulfillmentOrder> = {}): FulfillmentOrder => ({
  state: 'COMPLETED',
  shippedByLine: { '1': 5 },
  returnedByLine: {},
  shipments: 1,
  updatedAt: OLD,
  ...o,
});
export const invoicing = (o: Partial<InvoicingOrder> = {}): InvoicingOrder => ({
  invoicedByLine: { '1': 5 },
  creditedByLine: {},
  invoices: 1,
  invoicedMinor: 500,
  creditedMinor: 0,
  paidMinor: 500,
  creditNotes: 0,
  currency: 'EUR',
  ...o,
});
/** Odoo agreeing with the order that went all the way. */
export const inOdoo = (o: Partial<OdooOrder> = {}): OdooOrder => ({
  saleOrders: 1,
  postedInvoices: 1,
  deliveredByLine: { '1': 5 },
  invoicedMinor: 500,
  postedCreditNotes: 0,
  creditedMinor: 0,
  currencies: ['EUR'],
  ...o,
});
/** A confirmed sale order, nothing delivered or invoiced yet. */
export const NOTHING_YET = { postedInvoices: 0, deliveredByLine: {}, invoicedMinor: 0 };

/** One accepted order that went all the way, unless overridden. */
export function given(over: {
  status?: string;
  updatedAt?: number;
  inv?: InventoryOrder | null;
  ful?: FulfillmentOrder | null;
  bill?: InvoicingOrder | null;
  odoo?: Partial<OdooOrder>;
}): PlatformFacts {
  const pick = <T>(v: T | null | undefined, d: T): Record<string, T> =>
    v === null ? {} : { o1: v ?? d };
  return {
    intake: report('order-intake', {
      o1: { status: over.status ?? 'delivered', createdAt: OLD, updatedAt: over.updatedAt ?? OLD },
    }),
    inventory: report('inventory-sync', pick(over.inv, inventory())),
    fulfillment: report('fulfillment', pick(over.ful, fulfillment())),
    invoicing: report('invoicing', pick(over.bill, invoicing())),
    odoo: { o1: inOdoo(over.odoo) },
  };
}

export const checks = (facts: PlatformFacts) =>
  checkInvariants(facts, opts).violations.map((v) => v.check);
