import type { Knex } from 'knex';
import { loadInvoices } from '../../adapters/db/invoice-repository';
import { loadOrderRecord } from '../../adapters/db/order-record';
import { DomainError, reconcile, type Invoice, type ReconciliationReport } from '../../domain';

/** One consistent snapshot of everything the report reads. */
const snapshot = <T>(db: Knex, read: (trx: Knex.Transaction) => Promise<T>) =>
  db.transaction(async (trx) => {
    await trx.raw('set transaction isolation level repeatable read, read only');
    return read(trx);
  });

export async function orderReport(
  db: Knex,
  orderId: string,
  now: number,
): Promise<ReconciliationReport> {
  const record = await snapshot(db, (trx) => loadOrderRecord(trx, orderId));
  if (!record) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId} known to invoicing`);
  return reconcile(record, now);
}

export async function orderInvoices(db: Knex, orderId: string): Promise<Invoice[]> {
  const invoices = await snapshot(db, async (trx) => {
    const known = await trx('orders')
      .where({ order_id: orderId })
      .count<[{ n: string }]>({ n: '*' });
    return Number(known[0]?.n) > 0 ? loadInvoices(trx, orderId) : undefined;
  });
  if (!invoices) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId} known to invoicing`);
  return invoices;
}
