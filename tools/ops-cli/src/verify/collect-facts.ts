import { createOdooClient } from '@o2c/odoo-client';
import type { OdooConnection } from '../config';
import { OpsError } from '../errors';
import type { PlatformFacts, ServiceReport } from './facts';
import { odooFacts } from './odoo-facts';

export interface FactSources {
  orderIntakeUrl: string;
  inventorySyncUrl: string;
  fulfillmentUrl: string;
  invoicingUrl: string;
  /** Odoo as the adapter reaches it; absent with --no-odoo. */
  odoo?: OdooConnection;
}

async function report<O>(name: string, baseUrl: string): Promise<ServiceReport<O>> {
  const url = `${baseUrl.replace(/\/$/, '')}/admin/verify`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new OpsError('FAILED', `${name} is unreachable at ${url}`, { cause: error });
  }
  if (!res.ok) throw new OpsError('FAILED', `${name} answered ${res.status} at ${url}`);
  return (await res.json()) as ServiceReport<O>;
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

/** Every service's report, then Odoo's side of the orders order-intake accepted. */
export async function collectFacts(sources: FactSources): Promise<PlatformFacts> {
  const [intake, inventory, fulfillment, invoicing] = await Promise.all([
    report<PlatformFacts['intake']['orders'][string]>('order-intake', sources.orderIntakeUrl),
    report<PlatformFacts['inventory']['orders'][string]>(
      'inventory-sync',
      sources.inventorySyncUrl,
    ),
    report<PlatformFacts['fulfillment']['orders'][string]>('fulfillment', sources.fulfillmentUrl),
    report<PlatformFacts['invoicing']['orders'][string]>('invoicing', sources.invoicingUrl),
  ]);
  if (!sources.odoo) return { intake, inventory, fulfillment, invoicing };
  const accepted = Object.entries(intake.orders)
    .filter(([, o]) => o.status !== 'rejected')
    .map(([id]) => id);
  try {
    return {
      intake,
      inventory,
      fulfillment,
      invoicing,
      odoo: await odooFacts(odooClient(sources.odoo), accepted),
    };
  } catch (error) {
    throw new OpsError('FAILED', `Odoo could not be read at ${sources.odoo.url}`, { cause: error });
  }
}
