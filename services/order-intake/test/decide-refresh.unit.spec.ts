import type { OrderImported } from '@o2c/contracts';
import { decideRefresh, type ImportCandidate } from '../src/domain/order';
import { buildImportCandidate } from './build';
import { NOW } from './given';

const first = buildImportCandidate();
const last: OrderImported = { ...first, orderId: 'ord-1', importedAt: NOW - 60_000 };
const [line1, line2] = [first.lines[0]!, first.lines[1]!];
const refresh = (overrides: Partial<ImportCandidate>, now = NOW) =>
  decideRefresh({ ...first, ...overrides }, last, now);

describe('decideRefresh', () => {
  it('is unchanged when progress, deliveries and invoices are those last published', () => {
    expect(refresh({})).toEqual({ outcome: 'unchanged' });
    // Not compared: what does not travel to the consumers as state.
    expect(refresh({ odooClientOrderRef: 'EDITED', orderedAt: 1 })).toEqual({
      outcome: 'unchanged',
    });
  });

  it('publishes the same order with the progress that moved on and a later importedAt', () => {
    const invoices = [
      ...first.invoices,
      { odooInvoiceId: 902, name: 'INV/2026/00013', totalMinor: 14_520 },
    ];
    const lines = [
      { ...line1, deliveredQuantity: 4, invoicedQuantity: 3 },
      { ...line2, deliveredQuantity: 1.5 },
    ];
    expect(refresh({ lines, invoices, deliveries: 2, odooClientOrderRef: 'EDITED' })).toEqual({
      outcome: 'refreshed',
      data: { ...last, lines, invoices, deliveries: 2, importedAt: NOW },
    });
  });

  it.each([
    ['a line delivered more', { lines: [{ ...line1, deliveredQuantity: 3 }, line2] }],
    ['a line invoiced more', { lines: [line1, { ...line2, invoicedQuantity: 1 }] }],
    ['one more delivery', { deliveries: 2 }],
    [
      'a new invoice',
      { invoices: [...first.invoices, { odooInvoiceId: 7, name: 'I', totalMinor: 1 }] },
    ],
  ])('moves on with %s', (_, overrides: Partial<ImportCandidate>) => {
    expect(refresh(overrides).outcome).toBe('refreshed');
  });

  it('keeps importedAt strictly after the last one when the clock did not move', () => {
    const moved = refresh({ deliveries: 2 }, last.importedAt - 5);
    expect(moved).toMatchObject({ data: { importedAt: last.importedAt + 1 } });
  });

  it('is a conflict, naming each contradiction, when quantities go down or the lines differ', () => {
    const lines = [
      { ...line1, deliveredQuantity: 1, invoicedQuantity: 1, unitPriceMinor: 1 },
      { ...line2, lineNo: 5 },
    ];
    expect(refresh({ lines, deliveries: 0, invoices: [] })).toEqual({
      outcome: 'conflict',
      reasons: [
        {
          code: 'IMPORT_CONFLICT',
          message: 'line 1: unitPriceMinor changed from 12000 to 1',
          lineNo: 1,
        },
        {
          code: 'IMPORT_CONFLICT',
          message: 'line 1: deliveredQuantity went down from 2 to 1',
          lineNo: 1,
        },
        {
          code: 'IMPORT_CONFLICT',
          message: 'line 1: invoicedQuantity went down from 2 to 1',
          lineNo: 1,
        },
        { code: 'IMPORT_CONFLICT', message: 'line 2 was imported and is gone', lineNo: 2 },
        { code: 'IMPORT_CONFLICT', message: 'line 5 was not imported', lineNo: 5 },
        {
          code: 'IMPORT_CONFLICT',
          message: 'invoice 901 (INV/2026/00012) was imported and is gone',
        },
        { code: 'IMPORT_CONFLICT', message: 'deliveries went down from 1 to 0' },
      ],
    });
  });

  it('is a conflict for another sale order, header, a changed invoice or a repeated line', () => {
    expect(refresh({ odooSaleOrderId: 1, currency: 'USD' })).toEqual({
      outcome: 'conflict',
      reasons: [
        { code: 'IMPORT_CONFLICT', message: 'odooSaleOrderId is 1, it was imported as 4242' },
        { code: 'IMPORT_CONFLICT', message: 'currency is "USD", it was imported as "EUR"' },
      ],
    });
    const invoices = [{ ...first.invoices[0]!, totalMinor: 1 }];
    expect(refresh({ invoices })).toMatchObject({
      outcome: 'conflict',
      reasons: [
        {
          message: 'invoice 901 was imported as INV/2026/00012 of 29040, it is INV/2026/00012 of 1',
        },
      ],
    });
    const repeated = refresh({ lines: [line1, line2, { ...line2, deliveredQuantity: 2 }] });
    expect(repeated).toMatchObject({
      outcome: 'conflict',
      reasons: [{ message: 'a line number repeats' }],
    });
  });
});
