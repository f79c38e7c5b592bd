import { createSupplierSim, type SupplierSim } from '../src/create-supplier-sim';
import type { ReceivedOrder } from '../src/supplier-state';
import { hmac, purchaseOrder, SECRET, startReceiver, until } from './helpers';

describe('supplier-sim over HTTP (a real receiver for its webhooks)', () => {
  let sim: SupplierSim;
  let url: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    sim = createSupplierSim({
      port: 0,
      webhookSecret: SECRET,
      answerAfterMs: 20,
      retryBackoffMs: 20,
    });
    url = await sim.start();
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await sim.stop();
    await receiver.stop();
  });

  const post = (body: unknown) =>
    fetch(`${url}/purchase-orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const behave = async (code: string, behaviour: Record<string, unknown>) => {
    const res = await fetch(`${url}/__sim/suppliers/${code}/behaviour`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(behaviour),
    });
    expect(res.status).toBe(200);
  };
  const answerFor = (purchaseId: string) =>
    until(
      () => receiver.received.find((r) => r.body.purchaseId === purchaseId),
      `answer to ${purchaseId}`,
    );

  it('accepts an order with 202 and confirms it by a webhook signed with the secret', async () => {
    const order = purchaseOrder(receiver.url);
    const res = await post(order);
    expect(res.status).toBe(202);
    const answer = await answerFor(order.purchaseId);
    expect(answer.signature).toBe(hmac(answer.timestamp, answer.raw));
    expect(Math.abs(Number(answer.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(answer.body).toMatchObject({
      purchaseId: order.purchaseId,
      status: 'confirmed',
      lines: [
        { lineNo: 1, quantity: 10 },
        { lineNo: 2, quantity: 3 },
      ],
    });
    expect(answer.body.eventId).toMatch(/^[0-9a-f-]{36}$/);
    const listed = (await (await fetch(`${url}/__sim/purchase-orders`)).json()) as ReceivedOrder[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.order).toEqual(order);
    expect(listed[0]?.posts).toBe(1);
    expect(listed[0]?.answer).toMatchObject({ body: answer.body, lastStatus: 202 });
  });

  it('answers partial, delay-date and refuse per supplier', async () => {
    await behave('SUP-P', { mode: 'partial', ratio: 0.5 });
    await behave('SUP-D', { mode: 'delay-date', days: 2 });
    await behave('SUP-R', { mode: 'refuse' });
    const p = purchaseOrder(receiver.url, { supplierCode: 'SUP-P' });
    const d = purchaseOrder(receiver.url, { supplierCode: 'SUP-D' });
    const r = purchaseOrder(receiver.url, { supplierCode: 'SUP-R' });
    for (const o of [p, d, r]) expect((await post(o)).status).toBe(202);
    expect((await answerFor(p.purchaseId)).body).toMatchObject({
      status: 'changed',
      lines: [
        { lineNo: 1, quantity: 5 },
        { lineNo: 2, quantity: 1 },
      ],
    });
    expect((await answerFor(d.purchaseId)).body).toMatchObject({
      status: 'changed',
      datePlanned: '2026-12-22T10:00:00.000Z',
    });
    const refused = (await answerFor(r.purchaseId)).body;
    expect(refused.status).toBe('refused');
    expect(refused.reason).toContain('SUP-R');
  });

  it('a silent supplier never answers; a repeated post is answered once', async () => {
    await behave('SUP-S', { mode: 'silent' });
    const silent = purchaseOrder(receiver.url, { supplierCode: 'SUP-S' });
    const repeated = purchaseOrder(receiver.url);
    expect((await post(silent)).status).toBe(202);
    expect((await post(repeated)).status).toBe(202);
    const again = await post(repeated);
    expect(await again.json()).toEqual({ purchaseId: repeated.purchaseId, repeat: true });
    await answerFor(repeated.purchaseId);
    // the silent order was posted first, answers come after the same delay: none came for it
    const listed = sim.state.list();
    expect(listed.find((o) => o.order.purchaseId === silent.purchaseId)?.answer).toBeNull();
    expect(listed.find((o) => o.order.purchaseId === repeated.purchaseId)?.posts).toBe(2);
    expect(receiver.received.filter((r) => r.body.purchaseId === repeated.purchaseId)).toHaveLength(
      1,
    );
    expect(receiver.received.some((r) => r.body.purchaseId === silent.purchaseId)).toBe(false);
  });

  it('failFirst answers 503 to the first posts, then accepts', async () => {
    await behave('SUP-F', { mode: 'confirm', failFirst: 2 });
    const order = purchaseOrder(receiver.url, { supplierCode: 'SUP-F' });
    expect((await post(order)).status).toBe(503);
    expect((await post(order)).status).toBe(503);
    expect((await post(order)).status).toBe(202);
    await answerFor(order.purchaseId);
  });

  it('retries its webhook until the receiver answers 2xx', async () => {
    await receiver.stop();
    receiver = await startReceiver(3);
    const order = purchaseOrder(receiver.url);
    expect((await post(order)).status).toBe(202);
    await answerFor(order.purchaseId);
    expect(receiver.failures()).toBe(3);
    // The sender records the delivery once the 2xx reaches it, after the receiver saw the post.
    const deliveredAt = await until(
      () => sim.state.list()[0]?.answer?.deliveredAt ?? undefined,
      'delivery recorded',
    );
    expect(deliveredAt).toEqual(expect.any(Number));
    expect(sim.state.list()[0]?.answer?.attempts).toBe(4);
  });

  it('refuses a malformed order and a malformed behaviour with 400', async () => {
    const res = await post({ purchaseId: 'PUR-1' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('BAD_PURCHASE_ORDER');
    const bad = await fetch(`${url}/__sim/suppliers/SUP-X/behaviour`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'partial', ratio: 2 }),
    });
    expect(bad.status).toBe(400);
  });
});
