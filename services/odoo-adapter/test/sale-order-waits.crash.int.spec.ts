import { join } from 'node:path';
import { createDb, type Db } from '@o2c/db';
import { freePort, processReady, spawnProcess, type SpawnedProcess } from '@o2c/testing';
import { buildInvoice, buildOrderAccepted, buildShipment } from './events';
import { postedMove, startHarness, type Harness } from './harness';
import { until } from './sim-probes';

const adapterMain = join(__dirname, '../src/main.ts');
const lines = [
  { lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA' },
  { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
];

/**
 * The resume of parked events runs in their OrderAccepted's transaction. Killed with SIGKILL after
 * Odoo committed every effect (the invoice's action_post never answers), nothing of it is
 * committed here: the restarted adapter resumes them again and finds each effect done, once.
 */
describe('odoo-adapter killed while resuming parked events', () => {
  let h: Harness;
  let db: Db;
  let proc: SpawnedProcess | undefined;
  const spawnAdapter = async () => {
    const port = await freePort();
    const p = spawnProcess(adapterMain, {
      ...h.serviceEnv,
      PORT: String(port),
      LOG_LEVEL: 'info',
      // Longer than the test: the hung action_post is still awaited when the process is killed.
      ODOO_TIMEOUT_MS: '600000',
      ODOO_WAITING_RETRY_MS: '300',
    });
    await processReady(p, `http://127.0.0.1:${port}`, { what: 'odoo-adapter' });
    return p;
  };
  const count = async (table: string, where: Record<string, string>) =>
    Number((await db(table).where(where).count({ n: '*' }).first())?.n);

  beforeAll(async () => {
    h = await startHarness('17');
    // The same database, topics and group, in a process that can be killed.
    await h.app.stop();
    db = createDb(h.serviceEnv.DATABASE_URL, { poolMax: 2 });
  });
  afterAll(async () => {
    proc?.child.kill('SIGKILL');
    await proc?.exited;
    await db?.destroy();
    await h?.stop();
  });

  it('lands the shipment and the invoice once after a SIGKILL mid-resume', async () => {
    proc = await spawnAdapter();
    const order = buildOrderAccepted();
    const shipment = buildShipment(order.orderId, lines, true);
    const invoice = buildInvoice(order.orderId, [shipment.shipmentId], lines);
    const parked = () => count('odoo_waiting_for_sale_order', { order_id: order.orderId });
    await h.publish('ShipmentDispatched', shipment, order.orderId);
    await until(async () => ((await parked()) === 1 ? true : undefined), 'the shipment parked');
    await h.publish('InvoiceIssued', invoice, order.orderId);
    await until(async () => ((await parked()) === 2 ? true : undefined), 'both parked');
    await h.control('POST', 'faults', {
      kind: 'timeout_after_commit',
      mode: 'hang',
      model: 'account.move',
      method: 'action_post',
      count: 1,
    });
    await h.publish('OrderAccepted', order, order.orderId);
    await postedMove(h, invoice.invoiceId, ['state']);
    proc.child.kill('SIGKILL');
    await proc.exited;
    const validated = { event_type: 'OdooDeliveryValidated', key: order.orderId };
    expect(await parked()).toBe(2);
    expect(await count('outbox', validated)).toBe(0);

    proc = await spawnAdapter();
    await until(async () => ((await parked()) === 0 ? true : undefined), 'both resumed again');
    const actions = (await db('odoo_sync_log')
      .where({ order_id: order.orderId })
      .pluck('action')) as string[];
    expect(actions.sort()).toEqual(['already-posted', 'already-synced', 'already-validated']);
    expect(await count('outbox', validated)).toBe(1);
    const pickings = await h.odoo.searchRead(
      'stock.picking',
      [['sale_id.client_order_ref', '=', order.orderId]],
      { fields: ['state'] },
    );
    expect(pickings.map((p) => p.state)).toEqual(['done']);
    const invoices = await h.odoo.searchRead(
      'account.move',
      [
        ['move_type', '=', 'out_invoice'],
        ['invoice_origin', '=', await soName(h, order.orderId)],
      ],
      { fields: ['state', 'ref'] },
    );
    expect(invoices).toEqual([
      expect.objectContaining({ state: 'posted', ref: invoice.invoiceId }),
    ]);
  });
});

async function soName(h: Harness, orderId: string) {
  const [so] = await h.odoo.searchRead('sale.order', [['client_order_ref', '=', orderId]], {
    fields: ['name'],
  });
  return so?.name as string;
}
