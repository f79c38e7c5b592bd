import type { SimClient } from './sim-client';

export interface ActionDict {
  type: string;
  res_model: string;
  context: Record<string, unknown>;
}

/** What an integration does with a wizard action: create the wizard with the action's context and run it. */
export async function runWizard(
  client: SimClient,
  action: ActionDict,
  method: string,
): Promise<unknown> {
  const wizard = await client.call<number>(action.res_model, 'create', [{}], {
    context: action.context,
  });
  return client.call(action.res_model, method, [[wizard]], { context: action.context });
}

export async function quantity(
  client: SimClient,
  productId: number,
  locationId: number,
): Promise<number> {
  const rows = await client.call<{ quantity: number }[]>(
    'stock.quant',
    'search_read',
    [
      [
        ['product_id', '=', productId],
        ['location_id', '=', locationId],
      ],
    ],
    { fields: ['quantity'] },
  );
  return rows.reduce((s, r) => s + r.quantity, 0);
}

export async function readOne<T = Record<string, unknown>>(
  client: SimClient,
  model: string,
  id: number,
  fields: string[],
): Promise<T> {
  const [row] = await client.call<T[]>(model, 'read', [[id], fields]);
  return row as T;
}

export async function invoiceOrder(client: SimClient, orderId: number): Promise<number[]> {
  const context = { active_model: 'sale.order', active_ids: [orderId], active_id: orderId };
  const wizard = await client.call<number>(
    'sale.advance.payment.inv',
    'create',
    [{ advance_payment_method: 'delivered' }],
    { context },
  );
  await client.call('sale.advance.payment.inv', 'create_invoices', [[wizard]], { context });
  return (await readOne<{ invoice_ids: number[] }>(client, 'sale.order', orderId, ['invoice_ids']))
    .invoice_ids;
}
