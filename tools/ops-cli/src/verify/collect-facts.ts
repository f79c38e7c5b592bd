import { createOdooClient } from '@o2c/odoo-client';
import type { OdooConnection } from '../config';
import { OpsError } from '../errors';
import type { InventoryReport, InvoicingReport, PlatformFacts, ServiceReport } from './facts';
import { odooFacts } from './odoo-facts';
import { odooPurchaseFacts } from './odoo-purchase-facts';

export interface FactSources {
  orderIntakeUrl: string;
  inventorySyncUrl: string;
  fulfillmentUrl: string;
  invoicingUrl: string;
  /** Sent as a bearer token; the services' /admin/verify needs the scope admin:verify. */
  apiKey: string;
  /** Odoo as the adapter reaches it; absent with --no-odoo. */
  odoo?: OdooConnection;
}

async function report<R extends ServiceReport<unknown>>(
  name: string,
  baseUrl: string,
  apiKey: string,
): Promise<R> {
  const url = `${baseUrl.replace(/\/$/, '')}/admin/verify`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new OpsError('FAILED', `${name} is unreachable at ${url}`, { cause: error });
  }
  if (res.status === 401 || res.status === 403)
    throw new OpsError(
      'USAGE',
      `${name} refused O2C_API_KEY (${res.status}) at ${url}: it needs a key with the scope admin:verify`,
    );
  if (!res.ok) throw new OpsError('FAILED', `${name} answered ${res.status} at ${url}`);
  return (await res.json()) as R;
}

const odooClient = (o: OdooConnection) =>
  createOdooClient({
    url: o.url,
    db: o.db,
    login: o.login,
    apiKey: o.apiKey,
    transport: o.transport,
    // Reads of 200 orders at a time: a busy Odoo may take longer than the adapter's budget.
    timeoutMs: Math.max(o.timeoutMs, 60_000),
  });

/**
 * Every service's report, then Odoo's side of the orders order-intake accepted and, once the
 * platform purchases, Odoo's purchase orders of our purchases and our mismatched bills' states.
 */
export async function collectFacts(sources: FactSources): Promise<PlatformFacts> {
  const key = sources.apiKey;
  const [intake, inventory, fulfillment, invoicing] = await Promise.all([
    report<PlatformFacts['intake']>('order-intake', sources.orderIntakeUrl, key),
    report<InventoryReport>('inventory-sync', sources.inventorySyncUrl, key),
    report<PlatformFacts['fulfillment']>('fulfillment', sources.fulfillmentUrl, key),
    report<InvoicingReport>('invoicing', sources.invoicingUrl, key),
  ]);
  if (!sources.odoo) return { intake, inventory, fulfillment, invoicing };
  const accepted = Object.entries(intake.orders)
    .filter(([, o]) => o.status !== 'rejected')
    .map(([id]) => id);
  const purchases = Object.values(invoicing.purchases ?? {});
  // Odoo's purchase orders are read only once the platform purchases (Odoo may lack `purchase`).
  const purchasing = purchases.length > 0 || Object.keys(inventory.proposals ?? {}).length > 0;
  const mismatchedBills = purchases.flatMap((p) =>
    p.bills.filter((b) => b.decision === 'MISMATCHED').map((b) => b.odooBillId),
  );
  try {
    const odoo = odooClient(sources.odoo);
    return {
      intake,
      inventory,
      fulfillment,
      invoicing,
      odoo: await odooFacts(odoo, accepted),
      ...(purchasing ? { odooPurchases: await odooPurchaseFacts(odoo, mismatchedBills) } : {}),
    };
  } catch (error) {
    throw new OpsError('FAILED', `Odoo could not be read at ${sources.odoo.url}`, { cause: error });
  }
}
