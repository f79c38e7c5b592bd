import { answerTo, BehaviourBody } from '../src/behaviour';
import { purchaseOrder } from './helpers';

const ids = { eventId: 'evt-1', supplierReference: 'SO-00001' };
const order = purchaseOrder('http://127.0.0.1:1/webhooks/suppliers', { purchaseId: 'PUR-1' });

describe('a supplier answers per its behaviour', () => {
  it('confirm: every line as ordered, the date asked', () => {
    expect(answerTo(order, { mode: 'confirm' }, ids)).toEqual({
      eventId: 'evt-1',
      purchaseId: 'PUR-1',
      status: 'confirmed',
      supplierReference: 'SO-00001',
      datePlanned: order.datePlanned,
      lines: [
        { lineNo: 1, quantity: 10 },
        { lineNo: 2, quantity: 3 },
      ],
    });
  });

  it('partial: the ratio of each quantity, rounded down and never negative', () => {
    expect(answerTo(order, { mode: 'partial', ratio: 0.6 }, ids)?.lines).toEqual([
      { lineNo: 1, quantity: 6 },
      { lineNo: 2, quantity: 1 },
    ]);
    expect(answerTo(order, { mode: 'partial', ratio: 0 }, ids)?.lines).toEqual([
      { lineNo: 1, quantity: 0 },
      { lineNo: 2, quantity: 0 },
    ]);
    expect(answerTo(order, { mode: 'partial' }, ids)).toMatchObject({
      status: 'changed',
      lines: [
        { lineNo: 1, quantity: 5 },
        { lineNo: 2, quantity: 1 },
      ],
    });
  });

  it('delay-date: the arrival the given days later, quantities as ordered', () => {
    expect(answerTo(order, { mode: 'delay-date', days: 3 }, ids)).toMatchObject({
      status: 'changed',
      datePlanned: '2026-12-23T10:00:00.000Z',
      lines: [
        { lineNo: 1, quantity: 10 },
        { lineNo: 2, quantity: 3 },
      ],
    });
  });

  it('refuse: a refusal with a reason; silent: no answer', () => {
    expect(answerTo(order, { mode: 'refuse' }, ids)).toEqual({
      eventId: 'evt-1',
      purchaseId: 'PUR-1',
      status: 'refused',
      reason: 'supplier SUP-001 cannot deliver',
    });
    expect(answerTo(order, { mode: 'silent' }, ids)).toBeUndefined();
  });

  it('refuses a ratio above 1 and an unknown mode', () => {
    expect(BehaviourBody.safeParse({ mode: 'partial', ratio: 1.5 }).success).toBe(false);
    expect(BehaviourBody.safeParse({ mode: 'ghost' }).success).toBe(false);
    expect(BehaviourBody.safeParse({ mode: 'confirm', failFirst: 2 }).success).toBe(true);
  });
});
