import { createRedactor } from './explain-redact';

describe('createRedactor', () => {
  describe('when a text holds contact data, an address and a customer', () => {
    const r = createRedactor();
    const out = r.redact(
      'partner for customer CUST-0042 (Jane Doe, jane.doe@example.com, +49 30 1234 5678) ' +
        'ship to Hauptstraße 12, 10115 Berlin; call 030/1234567 or 0044 20 7946 0958; ' +
        'refund to DE89 3704 0044 0532 0130 00; 221B Baker Street',
    );

    it('replaces each with a placeholder', () => {
      for (const leaked of [
        'CUST-0042',
        'jane.doe@example.com',
        '1234 5678',
        'Hauptstraße 12',
        '1234567',
        '7946 0958',
        'DE89',
        'Baker Street',
        '10115 Berlin',
      ])
        expect(out).not.toContain(leaked);
      expect(out).toContain('customer <customer-1>');
      expect(out).toContain('<email-1>');
      expect(out).toContain('<iban-1>');
      expect(out).toContain('<street-');
      expect(r.counts()).toMatchObject({ customer: 1, email: 1, phone: 3, iban: 1, street: 2 });
    });
  });

  describe('when the same value comes back in another text', () => {
    it('gives it the same placeholder, and another value the next one', () => {
      const r = createRedactor();
      expect(r.redact('from a@x.io')).toBe('from <email-1>');
      expect(r.redact('to b@x.io, cc a@x.io')).toBe('to <email-2>, cc <email-1>');
    });
  });

  describe('when a payload is JSON', () => {
    it('replaces the values of personal and secret keys and keeps the others', () => {
      const r = createRedactor();
      const out = r.redact(
        JSON.stringify({
          shipTo: {
            name: 'Max Mustermann',
            street: 'Am Markt 1',
            city: 'Köln',
            postalCode: '50667',
            countryCode: 'DE',
          },
          customerRef: 'ACME-7',
          sku: 'FURN-002',
          apiKey: 'abc123',
        }),
      );
      expect(out).not.toMatch(/Mustermann|Am Markt|Köln|50667|ACME-7|abc123/);
      expect(out).toContain('"countryCode":"DE"');
      expect(out).toContain('"sku":"FURN-002"');
      expect(out).toContain('"name": "<name-1>"');
    });
  });

  describe('when secrets are in headers or free text', () => {
    it('replaces bearer tokens, key-shaped strings and key=value secrets', () => {
      const r = createRedactor();
      const out = r.redact(
        'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig token=s3cr3t ' +
          'key sk-live_4f9a8b7c6d5e4f3a2b1c and ghp_abcdefghijklmnop1234',
      );
      expect(out).not.toMatch(/eyJhbGci|s3cr3t|sk-live|ghp_/);
    });
  });

  describe('when the caller knows personal values', () => {
    it('replaces them wherever they appear, longest first', () => {
      const r = createRedactor([
        { kind: 'name', value: 'Zoë Quinn' },
        { kind: 'street', value: 'Rosenweg' },
      ]);
      expect(r.redact('partner Zoë Quinn not found; address Rosenweg')).toBe(
        'partner <name-1> not found; address <street-1>',
      );
    });
  });

  describe('when a text holds only operational data', () => {
    it('leaves ids, timestamps, SKUs, topics and event ids alone', () => {
      const text =
        'OdooRpcError on sale.order create at 2026-12-04T10:02:03Z: product FURN-002 ' +
        'unknown (order 8f14e45f-ceea-467a-9af1-2a2b3c4d5e6f, topic odoo.sync, 120 failures, 10:02:03)';
      expect(createRedactor().redact(text)).toBe(text);
    });
  });
});
