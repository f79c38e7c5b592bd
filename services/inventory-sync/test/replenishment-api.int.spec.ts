import { buildLine, buildOrder } from './build';
import { startHarness, until, type Harness, type Seen } from './harness';
import { minMaxRule, replenishmentHelpers } from './replenishment-helpers';
import { reservationHelpers } from './reservation-helpers';

describe('replenishment over HTTP and Kafka: rules, proposals, approvals', () => {
  let h: Harness;
  let events: Seen[];
  let t: ReturnType<typeof reservationHelpers>;
  let r: ReturnType<typeof replenishmentHelpers>;
  beforeAll(async () => {
    // Auto-approval up to 100.00 EUR: the default rule's 15–20 units at 10.00 EUR are above it.
    h = await startHarness({ REPLENISHMENT_AUTO_APPROVE_MAX_MINOR: '20000' });
    events = await h.collect('inventory.replenishment');
    t = reservationHelpers(h, []);
    r = replenishmentHelpers(h, events);
  });
  afterAll(() => h?.stop());

  describe('PUT /replenishment/rules/{warehouseCode}/{sku}', () => {
    it('refuses an invalid body with 422 problem+json and an error per field', async () => {
      const { res, body } = await r.putRule('WH', 'FURN-001', {
        ...minMaxRule({ min: 30, currency: 'euro', leadTimeDays: -1 }),
        colour: 'red',
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const paths = (body.errors as Array<{ path: string }>).map((e) => e.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['currency', 'leadTimeDays']));
      const messages = (body.errors as Array<{ message: string }>).map((e) => e.message);
      expect(messages.some((m) => m.includes('colour'))).toBe(true);
      const noPolicy = await r.putRule('WH', 'FURN-001', { ...minMaxRule(), policy: 'JIT' });
      expect(noPolicy.res.status).toBe(422);
    });

    it('refuses an unknown SKU or warehouse with 422', async () => {
      const sku = await r.putRule('WH', 'NOPE-404', minMaxRule());
      expect([sku.res.status, sku.body.type]).toEqual([422, 'urn:o2c:problem:unknown-sku']);
      expect(sku.body.errors).toEqual([expect.objectContaining({ path: 'sku' })]);
      const wh = await r.putRule(t.warehouse(), 'FURN-001', minMaxRule());
      expect([wh.res.status, wh.body.type]).toEqual([422, 'urn:o2c:problem:unknown-warehouse']);
    });

    it('stores, lists, replaces and deletes a rule in the base unit', async () => {
      // WH comes from odoo.master-data; SCRW-12 is sold in dozens and kept in EA.
      const put = await r.putRule('WH', 'SCRW-12', {
        ...minMaxRule(),
        policy: 'REORDER_POINT',
        reorderPoint: 24,
        reorderQuantity: 120,
        min: undefined,
        max: undefined,
        packSize: 12,
      });
      expect(put.res.status).toBe(200);
      expect(put.body).toMatchObject({ policy: 'REORDER_POINT', reorderPoint: 24, uom: 'EA' });
      await r.putRule('WH', 'SCRW-12', { ...minMaxRule(), packSize: 12 });
      const list = (await h.call('GET', '/replenishment/rules')).body.rules as unknown[];
      expect(list).toContainEqual(
        expect.objectContaining({
          sku: 'SCRW-12',
          warehouseCode: 'WH',
          policy: 'MIN_MAX',
          min: 5,
          max: 20,
          packSize: 12,
        }),
      );
      expect((await h.call('DELETE', '/replenishment/rules/WH/SCRW-12')).res.status).toBe(204);
      const again = await h.call('DELETE', '/replenishment/rules/WH/SCRW-12');
      expect([again.res.status, again.body.type]).toEqual([404, 'urn:o2c:problem:rule-not-found']);
    });
  });

  it('auto-approves a proposal under the threshold: Proposed then Approved, one open per position', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 4);
    await r.putRule(wh, 'FURN-001', minMaxRule({ unitCostMinor: 1_000, packSize: 4 }));
    const [proposed, ...more] = await r.run(wh);
    expect(more).toEqual([]);
    // 20 − 4 = 16, 4 packs of 4, 16 000 ≤ 20 000
    expect(proposed).toMatchObject({
      sku: 'FURN-001',
      quantity: 16,
      valueMinor: 16_000,
      approval: 'AUTO',
      onHand: 4,
    });
    const [p, a] = await r.untilEvents(proposed!.proposalId, 2);
    expect([p!.type, a!.type]).toEqual(['ReplenishmentProposed', 'ReplenishmentApproved']);
    expect(p!.value).toMatchObject({ reason: 'REORDER_POINT', supplierCode: 'SUP-001', uom: 'EA' });
    expect(a!.value).toMatchObject({ approvedBy: 'auto', quantity: 16 });
    const approved = a!.value as { approvedAt: number; neededBy: number };
    expect(approved.neededBy - approved.approvedAt).toBe(3 * 86_400_000);
    expect(await r.proposal(proposed!.proposalId)).toMatchObject({
      status: 'APPROVED',
      decidedBy: 'auto',
    });
    expect(await r.run(wh)).toEqual([]);
    // Both events were appended with the proposal row: in the outbox, keyed by the proposal.
    const rows = await h
      .db('outbox')
      .where({ key: proposed!.proposalId })
      .orderBy('id')
      .select<Array<{ event_type: string; topic: string }>>('event_type', 'topic');
    expect(rows).toEqual([
      { event_type: 'ReplenishmentProposed', topic: `${h.prefix}inventory.replenishment` },
      { event_type: 'ReplenishmentApproved', topic: `${h.prefix}inventory.replenishment` },
    ]);
  });

  it('waits above the threshold for an operator, who approves once (409 after) or rejects with a reason', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 0);
    await t.stocked('FURN-002', wh, 0);
    await r.putRule(wh, 'FURN-001', minMaxRule({ unitCostMinor: 5_000 }));
    await r.putRule(wh, 'FURN-002', minMaxRule({ unitCostMinor: 5_000 }));
    const proposals = await r.run(wh);
    expect(proposals.map((p) => [p.sku, p.approval, p.valueMinor])).toEqual([
      ['FURN-001', 'REQUIRED', 100_000],
      ['FURN-002', 'REQUIRED', 100_000],
    ]);
    const [one, two] = [proposals[0]!, proposals[1]!];
    const pending = (await h.call('GET', '/replenishment/proposals?status=PENDING_APPROVAL')).body
      .proposals as Array<{ proposalId: string }>;
    expect(pending.map((p) => p.proposalId)).toEqual(
      expect.arrayContaining([one.proposalId, two.proposalId]),
    );
    expect(r.eventsOf(one.proposalId)).not.toContain('ReplenishmentApproved');

    const approved = await h.call('POST', `/replenishment/proposals/${one.proposalId}/approve`);
    expect(approved.body).toMatchObject({ status: 'APPROVED', decidedBy: 'developer' });
    const twice = await h.call('POST', `/replenishment/proposals/${one.proposalId}/approve`);
    expect([twice.res.status, twice.body.type]).toEqual([
      409,
      'urn:o2c:problem:proposal-not-pending',
    ]);

    expect(
      (await h.call('POST', `/replenishment/proposals/${two.proposalId}/reject`, {})).res.status,
    ).toBe(422);
    const rejected = await h.call('POST', `/replenishment/proposals/${two.proposalId}/reject`, {
      reason: 'discontinued next season',
    });
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      statusReason: 'discontinued next season',
    });

    const [, a] = await r.untilEvents(one.proposalId, 2);
    expect(a).toMatchObject({ type: 'ReplenishmentApproved', value: { approvedBy: 'developer' } });
    const [, rej] = await r.untilEvents(two.proposalId, 2);
    expect(rej).toMatchObject({
      type: 'ReplenishmentRejected',
      value: { rejectedBy: 'developer', reason: 'discontinued next season' },
    });
    const missing = await h.call(
      'GET',
      '/replenishment/proposals/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.res.status).toBe(404);
    expect((await h.call('GET', '/replenishment/proposals?status=LOST')).res.status).toBe(422);

    // A rejected proposal is terminal: the next run may propose again.
    expect((await r.run(wh)).map((p) => p.sku)).toEqual(['FURN-002']);
    const verify = (await h.call('GET', '/admin/verify')).body.proposals as Record<string, unknown>;
    expect(verify[two.proposalId]).toEqual({
      status: 'REJECTED',
      sku: 'FURN-002',
      warehouseCode: wh,
      purchaseId: null,
      reason: 'discontinued next season',
    });
    expect(verify[one.proposalId]).toMatchObject({ status: 'APPROVED' });
    expect((verify[one.proposalId] as { reason: string }).reason).toMatch(/purchase order/);
  });

  it('counts open backorders in the base unit and buys at least what they lack (BACKORDERS)', async () => {
    const wh = t.warehouse();
    await t.stocked('SCRW-12', wh, 0);
    const order = buildOrder([buildLine({ sku: 'SCRW-12', quantity: 2, uom: 'DZ' })], {
      warehouseCode: wh,
    });
    await h.send('OrderAccepted', order);
    await until(
      async () =>
        (await h.verify()).orders[order.orderId]?.backorderedByLine?.['1'] === 2 || undefined,
      '2 DZ backordered',
    );
    const rule = {
      ...minMaxRule({ unitCostMinor: 10 }),
      policy: 'REORDER_POINT',
      reorderPoint: 0,
      reorderQuantity: 12,
      packSize: 12,
      min: undefined,
      max: undefined,
    };
    expect((await r.putRule(wh, 'SCRW-12', rule)).res.status).toBe(200);
    const [proposal] = await r.run(wh);
    // 2 DZ = 24 EA waiting, nothing on hand or coming: 24 EA (two packs) rather than 12.
    expect(proposal).toMatchObject({
      reason: 'BACKORDERS',
      backordered: 24,
      quantity: 24,
      uom: 'EA',
      valueMinor: 240,
    });
  });
});
