import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PurchaseOrderConfirmed, PurchaseOrderPlaced } from '@o2c/contracts';
import { spawnProcess } from '@o2c/testing';
import type { Harness } from './harness';
import {
  buildApproval,
  createSupplier,
  eventsOf,
  placedFor,
  signedPost,
  startPurchasingHarness,
  SUPPLIER_SECRET,
  until,
} from './purchase-support';

type Seen = Array<{ type: string; value: unknown }>;
const supplierSimMain = join(__dirname, '../../../infra/supplier-sim/src/main.ts');

// The adapter with the supplier simulator as a process, and both through an Odoo outage.
describe('purchasing with supplier-sim, and through an Odoo outage', () => {
  let h: Harness;
  let seen: Seen;
  let sim: ReturnType<typeof spawnProcess>;
  let simUrl: string;
  beforeAll(async () => {
    sim = spawnProcess(supplierSimMain, {
      PORT: '0',
      SUPPLIER_WEBHOOK_SECRET: SUPPLIER_SECRET,
      SUPPLIER_SIM_ANSWER_AFTER_MS: '50',
      LOG_LEVEL: 'info',
    });
    simUrl = await until(
      () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(sim.output())?.[1],
      'supplier-sim listening',
    );
    h = await startPurchasingHarness(simUrl);
    seen = await h.collect('odoo.purchases');
  });
  afterAll(async () => {
    await h?.stop();
    sim?.child.kill('SIGTERM');
    await sim?.exited;
  });

  const behave = (code: string, behaviour: Record<string, unknown>) =>
    fetch(`${simUrl}/__sim/suppliers/${code}/behaviour`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(behaviour),
    });
  const confirmedOf = (purchaseId: string) =>
    until(
      () => eventsOf<PurchaseOrderConfirmed>(seen, 'PurchaseOrderConfirmed', purchaseId)[0],
      'PurchaseOrderConfirmed',
    );
  const qtyInOdoo = async (placed: PurchaseOrderPlaced) =>
    (
      await h.odoo.searchRead(
        'purchase.order.line',
        [['order_id', '=', Number(placed.odooPurchaseId)]],
        { fields: ['product_qty'], order: 'id asc' },
      )
    ).map((l) => l.product_qty);

  it('a supplier confirming part of the order (failing its first post) ends in Odoo and PurchaseOrderConfirmed', async () => {
    const code = await createSupplier(h);
    expect((await behave(code, { mode: 'partial', ratio: 0.5, failFirst: 1 })).status).toBe(200);
    const a = buildApproval({ supplierCode: code, sku: 'FURN-001', quantity: 9 });
    const b = buildApproval({ supplierCode: code, sku: 'FURN-002', quantity: 4 });
    for (const x of [a, b]) await h.publish('ReplenishmentApproved', x, x.proposalId);
    const placed = await placedFor<PurchaseOrderPlaced>(seen, code);
    const confirmed = await confirmedOf(placed.purchaseId);
    expect(confirmed).toMatchObject({
      changed: true,
      lines: [
        { lineNo: 1, sku: 'FURN-001', quantity: 4 },
        { lineNo: 2, sku: 'FURN-002', quantity: 2 },
      ],
    });
    expect(confirmed.supplierReference).toMatch(/^SO-/);
    expect(await qtyInOdoo(placed)).toEqual([4, 2]);
    const row = (await h
      .db('odoo_purchases')
      .where({ purchase_id: placed.purchaseId })
      .first()) as {
      send_attempts: number;
      state: string;
    };
    expect(row.send_attempts).toBe(2);
    expect(row.state).toBe('CONFIRMED');
    const listed = (await (await fetch(`${simUrl}/__sim/purchase-orders`)).json()) as Array<{
      order: { purchaseId: string };
      answer: { lastStatus: number } | null;
    }>;
    expect(listed.find((o) => o.order.purchaseId === placed.purchaseId)?.answer?.lastStatus).toBe(
      202,
    );
  });

  it('Odoo down: the placement and a supplier message wait, retried, and nothing is lost or doubled', async () => {
    const code = await createSupplier(h);
    await behave(code, { mode: 'silent' });
    await h.control('POST', 'faults', { kind: 'down', mode: '503' });
    try {
      const approval = buildApproval({ supplierCode: code, quantity: 8 });
      await h.publish('ReplenishmentApproved', approval, approval.proposalId);
      await until(async () => {
        const row = (await h.db('odoo_purchases').where({ supplier_code: code }).first()) as
          { attempts: number; state: string } | undefined;
        return row && row.attempts >= 2 && row.state === 'PLACING' ? row : undefined;
      }, 'placement retried while Odoo is down');
    } finally {
      await h.control('DELETE', 'faults');
    }
    const placed = await placedFor<PurchaseOrderPlaced>(seen, code);
    expect(await h.odoo.searchCount('purchase.order', [['origin', '=', placed.purchaseId]])).toBe(
      1,
    );

    // the supplier's answer arrives while Odoo is down: stored and acknowledged, applied later
    await h.control('POST', 'faults', { kind: 'down', mode: '503' });
    const eventId = randomUUID();
    try {
      const res = await signedPost(h.url, {
        eventId,
        purchaseId: placed.purchaseId,
        status: 'changed',
        lines: [{ lineNo: 1, quantity: 6 }],
      });
      expect(res.status).toBe(202);
      await until(async () => {
        const m = (await h.db('odoo_supplier_messages').where({ event_id: eventId }).first()) as {
          attempts: number;
          applied_at: Date | null;
        };
        return m.attempts >= 1 && !m.applied_at ? m : undefined;
      }, 'the message retried while Odoo is down');
    } finally {
      await h.control('DELETE', 'faults');
    }
    const confirmed = await confirmedOf(placed.purchaseId);
    expect(confirmed.lines).toEqual([{ lineNo: 1, sku: 'FURN-001', quantity: 6, uom: 'EA' }]);
    expect(await qtyInOdoo(placed)).toEqual([6]);
  });
});
