import { applyPayment, invoiceBalance } from '../src/domain';

const invoice = { totalMinor: 10_000, creditedMinor: 0, paidMinor: 0 };

describe('applyPayment', () => {
  describe('given an unpaid invoice', () => {
    it('is UNPAID before any payment', () => {
      expect(invoiceBalance(invoice)).toEqual({
        status: 'UNPAID',
        dueMinor: 10_000,
        outstandingMinor: 10_000,
        overpaidMinor: 0,
      });
    });

    it('is PAID by a payment of the whole total', () => {
      expect(applyPayment(invoice, 10_000)).toMatchObject({ status: 'PAID', outstandingMinor: 0 });
    });

    it('is PARTIALLY_PAID by less, with the rest outstanding', () => {
      expect(applyPayment(invoice, 4_000)).toMatchObject({
        status: 'PARTIALLY_PAID',
        outstandingMinor: 6_000,
      });
    });

    it('is OVERPAID by more, with the excess stated', () => {
      expect(applyPayment(invoice, 12_500)).toMatchObject({
        status: 'OVERPAID',
        outstandingMinor: 0,
        overpaidMinor: 2_500,
      });
    });
  });

  describe('given a partly paid invoice', () => {
    it('adds the new payment to the earlier ones', () => {
      expect(applyPayment({ ...invoice, paidMinor: 4_000 }, 6_000).status).toBe('PAID');
    });
  });

  describe('given a partly credited invoice', () => {
    it('owes the total net of credit notes: paying that is PAID, paying the total is OVERPAID', () => {
      const credited = { ...invoice, creditedMinor: 3_000 };
      expect(applyPayment(credited, 7_000).status).toBe('PAID');
      expect(applyPayment(credited, 10_000)).toMatchObject({
        status: 'OVERPAID',
        overpaidMinor: 3_000,
      });
    });

    it('is CREDITED when credit notes cover it all and nothing was paid', () => {
      expect(invoiceBalance({ ...invoice, creditedMinor: 10_000 }).status).toBe('CREDITED');
    });
  });
});
