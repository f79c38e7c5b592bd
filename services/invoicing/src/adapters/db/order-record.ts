import type { Knex } from 'knex';
import type { OrderRecord } from '../../domain';
import { loadCreditNotes, loadRejectedReturns } from './credit-note-repository';
import { loadImportedRecord } from './imported-order-repository';
import { loadInvoices } from './invoice-repository';
import { loadOrder } from './order-repository';
import { loadPayments } from './payment-repository';
import { loadShipments } from './shipment-repository';
import { loadStockFacts } from './stock-repository';

/** Everything invoicing knows about one order, for the report; undefined for an unknown order. */
export async function loadOrderRecord(db: Knex, orderId: string): Promise<OrderRecord | undefined> {
  const order = await loadOrder(db, orderId);
  if (!order) return undefined;
  const imported = await loadImportedRecord(db, orderId);
  return {
    order,
    stock: await loadStockFacts(db, orderId),
    shipments: await loadShipments(db, orderId),
    invoices: await loadInvoices(db, orderId),
    creditNotes: await loadCreditNotes(db, orderId),
    payments: await loadPayments(db, orderId),
    rejectedReturns: await loadRejectedReturns(db, orderId),
    ...(imported && { imported }),
  };
}
