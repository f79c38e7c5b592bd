import { normaliseMessage, patternOf, patternRegex, signatureOf } from './signature';
import { failure } from '../../test/triage-failures';
import type { Failure } from './types';

const sig = (f: Failure) => signatureOf(patternOf(f));

describe('normaliseMessage', () => {
  it.each([
    ['order 7f9c2b1e-4f7a-4c1d-9e2b-0a1b2c3d4e5f failed', 'order <uuid> failed'],
    ['order ORD-123 and SO0042 and WH/OUT/00012 failed', 'order <id> and <id> and <id> failed'],
    ['PUR-7f9c2b1e-4f7a-4c1d-9e2b-0a1b2c3d4e5f refused', '<id> refused'],
    ['for 7f9c2b1e-4f7a-4c1d-9e2b-0a1b2c3d4e5f, SO12', 'for <uuid>, <id>'],
    ["sku 'FURN-0042' unknown", "sku '<v>' unknown"],
    ['amount 1,234.50 exceeds 1000', 'amount <n> exceeds <n>'],
    ['at 2026-12-04T10:02:03.123Z timed out', 'at <ts> timed out'],
    ['customer jane.doe+shop@example.com missing', 'customer <email> missing'],
    ['trace 4bf92f3577b34da6a3ce929d0e0e4736 lost', 'trace <hex> lost'],
    ['  Odoo   unavailable  ', 'Odoo unavailable'],
  ])('%s', (message, expected) => {
    expect(normaliseMessage(message)).toBe(expected);
  });
});

describe('signatureOf', () => {
  it('is 12 hex characters', () => {
    expect(sig(failure())).toMatch(/^[0-9a-f]{12}$/);
  });

  it('is the same for failures of one cause with different orders, amounts and ids', () => {
    const a = failure();
    const b = failure({
      message: "product 'FURN-0042' of order ORD-98765 is not in Odoo",
      orderId: 'ORD-98765',
      at: 9_999,
      ref: 'dlq:sales.orders.dlq.odoo-adapter/2/77',
    });
    const c = failure({ message: "product 'DESK-7' of order ORD-5 is not in Odoo" });
    expect(sig(b)).toBe(sig(a));
    expect(sig(c)).toBe(sig(a));
  });

  it.each<[string, Partial<Failure>]>([
    ['error class', { errorClass: 'UNKNOWN_UOM' }],
    ['topic', { topic: 'fulfillment.shipments' }],
    ['event type', { eventType: 'OrderCancelled' }],
    ['service', { service: 'invoicing' }],
    ['Odoo model', { odooModel: 'sale.order' }],
    ['Odoo method', { odooMethod: 'action_confirm' }],
    ['source', { source: 'sync-failure' }],
    ['message shape', { message: 'Odoo answered 503' }],
  ])('differs with the %s', (_, change) => {
    expect(sig(failure(change))).not.toBe(sig(failure()));
  });
});

describe('patternRegex', () => {
  it('matches the messages a pattern stands for, and not others', () => {
    const re = new RegExp(`^${patternRegex(normaliseMessage(failure().message))}$`);
    expect(re.test("product 'DESK-7' of order ORD-5 is not in Odoo")).toBe(true);
    expect(re.test("product 'DESK-7' of order ORD-5 is  not in Odoo")).toBe(true);
    expect(re.test("product 'DESK-7' of order ORD-5 is archived in Odoo")).toBe(false);
  });
});
