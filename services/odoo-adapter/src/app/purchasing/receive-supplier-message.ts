import type { Db } from '@o2c/db';
import { findPurchase } from '../../adapters/db/purchase-ledger';
import { storeMessage, type SupplierMessage } from '../../adapters/db/purchase-messages';

/**
 * A supplier's webhook: stored before it is acknowledged (applied afterwards by the purchasing
 * loop, so an Odoo outage loses nothing); a repeated eventId is a duplicate.
 */
export async function receiveSupplierMessage(
  db: Db,
  message: SupplierMessage,
): Promise<'stored' | 'duplicate' | 'unknown-purchase'> {
  if (!(await findPurchase(db, message.purchaseId))) return 'unknown-purchase';
  return (await storeMessage(db, message)) ? 'stored' : 'duplicate';
}
