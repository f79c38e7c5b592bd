import type { SimClient } from './sim-client';

export const CHAIR = 1;
export const DESK = 2;
export const WH2_STOCK = 11;
export const USER_ERROR = 'odoo.exceptions.UserError';

export type Row = Record<string, unknown> & { id: number };

export interface PurchaseSetup {
  supplier: number;
  incomingWh2: number;
  outgoingWh2: number;
}

/** The seeded supplier SUP-001 and WH2's operation types, as the adapter would look them up. */
export async function purchaseSetup(client: SimClient): Promise<PurchaseSetup> {
  const [partner] = await client.call<Row[]>(
    'res.partner',
    'search_read',
    [[['ref', '=', 'SUP-001']]],
    { fields: ['supplier_rank', 'is_company'] },
  );
  if (partner?.supplier_rank !== 1 || partner.is_company !== true)
    throw new Error('SUP-001 is not seeded as a supplier company');
  const [wh2] = await client.call<number[]>('stock.warehouse', 'search', [[['code', '=', 'WH2']]]);
  const typeOf = async (code: string) =>
    (
      await client.call<Row[]>(
        'stock.picking.type',
        'search_read',
        [
          [
            ['code', '=', code],
            ['warehouse_id', '=', wh2],
          ],
        ],
        { fields: ['default_location_dest_id'] },
      )
    )[0]!;
  const incoming = await typeOf('incoming');
  const outgoing = await typeOf('outgoing');
  return { supplier: partner.id, incomingWh2: incoming.id, outgoingWh2: outgoing.id };
}

/** A purchase order as the adapter places it: lines as [product, quantity, price]. */
export const createOrder = (
  client: SimClient,
  setup: PurchaseSetup,
  origin: string,
  lines: [number, number, number][],
) =>
  client.call<number>('purchase.order', 'create', [
    {
      partner_id: setup.supplier,
      origin,
      picking_type_id: setup.incomingWh2,
      date_planned: '2026-12-10 08:00:00',
      currency_id: 1,
      order_line: lines.map(([product, qty, price], i) => [
        0,
        0,
        {
          product_id: product,
          product_qty: qty,
          product_uom: 1,
          price_unit: price,
          date_planned: '2026-12-10 08:00:00',
          name: `line ${i + 1}`,
        },
      ]),
    },
  ]);

export const receiptMoves = (client: SimClient, pickingId: number) =>
  client.call<Row[]>('stock.move', 'search_read', [[['picking_id', '=', pickingId]]], {
    fields: [
      'product_id',
      'product_uom_qty',
      'quantity',
      'state',
      'purchase_line_id',
      'date',
      'date_deadline',
    ],
  });

/** A confirmed delivery from WH2 to a customer, waiting for stock. */
export async function waitingDelivery(
  client: SimClient,
  setup: PurchaseSetup,
  product: number,
  qty: number,
): Promise<number> {
  const id = await client.call<number>('stock.picking', 'create', [
    {
      picking_type_id: setup.outgoingWh2,
      partner_id: 5,
      move_ids: [[0, 0, { product_id: product, product_uom_qty: qty, product_uom: 1 }]],
    },
  ]);
  await client.call('stock.picking', 'action_confirm', [[id]]);
  return id;
}
