import { createOdooClient, type OdooRecord } from '@o2c/odoo-client';
import { OpsError } from '../errors';
import type { OdooOrder, PlatformFacts, ServiceReport } from './facts';

export interface FactSources {
  orderIntakeUrl: string;
  inventorySyncUrl: string;
  fulfillmentUrl: string;
  invoicingUrl: string;
  odoo?: { url: string; db: string; login: string; apiKey: string };
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

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );

/** Sale orders (by client_order_ref, our order id) and posted customer invoices per order. */
async function odooFacts(
  source: NonNullable<FactSources['odoo']>,
  orderIds: string[],
): Promise<Record<string, OdooOrder>> {
  const odoo = createOdooClient({ ...source, transport: 'auto', timeoutMs: 60_000 });
  const facts: Record<string, OdooOrder> = Object.fromEntries(
    orderIds.map((id) => [id, { saleOrders: 0, postedInvoices: 0 }]),
  );
  for (const ids of chunks(orderIds, 200)) {
    const sos = await odoo.searchRead<OdooRecord & { client_order_ref: string; name: string }>(
      'sale.order',
      [['client_order_ref', 'in', ids]],
      { fields: ['client_order_ref', 'name'] },
    );
    const orderOf = new Map<string, string>();
    for (const so of sos) {
      facts[so.client_order_ref]!.saleOrders++;
      orderOf.set(so.name, so.client_order_ref);
    }
    if (!orderOf.size) continue;
    const moves = await odoo.searchRead<OdooRecord & { invoice_origin: string }>(
      'account.move',
      [
        ['move_type', '=', 'out_invoice'],
        ['state', '=', 'posted'],
        ['invoice_origin', 'in', [...orderOf.keys()]],
      ],
      { fields: ['invoice_origin'] },
    );
    for (const m of moves) {
      const orderId = orderOf.get(m.invoice_origin);
      if (orderId) facts[orderId]!.postedInvoices++;
    }
  }
  return facts;
}

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
      odoo: await odooFacts(sources.odoo, accepted),
    };
  } catch (error) {
    throw new OpsError('FAILED', `Odoo could not be read at ${sources.odoo.url}`, { cause: error });
  }
}
