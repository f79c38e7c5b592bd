import { assessSetup, type Expectations } from './assess-setup';
import type { SetupFacts } from './setup-facts';

const facts = (over: Partial<SetupFacts> = {}): SetupFacts => ({
  server: { version: '17.0', major: 17, protocol: 'jsonrpc', uid: 2 },
  modules: {
    sale_management: 'installed',
    stock: 'installed',
    account: 'installed',
    stock_delivery: 'installed',
    sms: 'uninstalled',
    stock_sms: 'uninstalled',
  },
  companies: [{ id: 1, name: 'ACME', currency: 'EUR' }],
  warehouses: [{ code: 'WH', name: 'Main', deliverySteps: 'ship_only' }],
  goods: 2,
  goodsWithoutCode: { count: 0, sample: [] },
  goodsInvoicedOnOrder: { count: 0, sample: [] },
  productUoms: { Units: 2 },
  uoms: ['Units', 'Dozens', 'kg'],
  customers: 3,
  customersWithoutKey: { count: 0, sample: [] },
  access: [{ model: 'sale.order', operation: 'create', allowed: true }],
  currencies: ['EUR'],
  pricelists: [{ name: 'Public', currency: 'EUR' }],
  ...over,
});

const expect_: Expectations = {
  odoo: { url: 'http://odoo', db: 'o2c', login: 'api' },
  uomMap: new Map([
    ['EA', 'Units'],
    ['DZ', 'Dozens'],
    ['KG', 'kg'],
  ]),
  skipSms: true,
  companyId: 1,
  customerKey: 'ref',
};

const status = (f: SetupFacts, id: string, e = expect_) =>
  assessSetup(f, e).checks.find((c) => c.id === id)?.status;

describe('assessSetup', () => {
  it('finds nothing to fix on a database set up for the platform', () => {
    const report = assessSetup(facts(), expect_);
    expect(report.summary).toEqual({ ok: report.checks.length, warning: 0, blocker: 0 });
    expect(report.ok).toBe(true);
  });

  it('blocks on a multi-step warehouse, naming it', () => {
    const f = facts({
      warehouses: [
        { code: 'WH', name: 'Main', deliverySteps: 'ship_only' },
        { code: 'WH2', name: 'Two', deliverySteps: 'pick_ship' },
      ],
    });
    const check = assessSetup(f, expect_).checks.find((c) => c.id === 'delivery-steps');
    expect(check).toMatchObject({ status: 'blocker', found: 'WH2: pick_ship' });
  });

  describe('SMS confirmation on', () => {
    const f = facts({
      modules: { ...facts().modules, sms: 'installed', stock_sms: 'installed' },
      companies: [
        { id: 1, name: 'ACME', currency: 'EUR', smsConfirmation: true, smsQuestionAnswered: false },
      ],
    });
    it('warns while the adapter skips the SMS question', () =>
      expect(status(f, 'sms-confirmation')).toBe('warning'));
    it('blocks when the adapter does not skip it', () =>
      expect(status(f, 'sms-confirmation', { ...expect_, skipSms: false })).toBe('blocker'));
  });

  it('warns on goods invoiced on ordered quantities, and names them', () => {
    const f = facts({ goodsInvoicedOnOrder: { count: 7, sample: ['Chair', 'Desk'] } });
    const check = assessSetup(f, expect_).checks.find((c) => c.id === 'invoice-policy');
    expect(check).toMatchObject({
      status: 'warning',
      found: '7 (Chair, Desk, …) invoiced on ordered quantities',
    });
  });

  it('blocks when no customer has a ref and warns when some lack one', () => {
    expect(
      status(facts({ customersWithoutKey: { count: 3, sample: ['A'] } }), 'partner-refs'),
    ).toBe('blocker');
    expect(
      status(facts({ customersWithoutKey: { count: 1, sample: ['A'] } }), 'partner-refs'),
    ).toBe('warning');
  });

  it('blocks on a mapped unit Odoo lacks; units outside the map keep their Odoo name', () => {
    expect(status(facts({ uoms: ['Units', 'kg'] }), 'units')).toBe('blocker');
    const litres = assessSetup(facts({ productUoms: { Units: 1, Litres: 4 } }), expect_);
    expect(litres.checks.find((c) => c.id === 'units')).toMatchObject({
      status: 'ok',
      found: 'products use Units 1, Litres 4 (not mapped: code = Odoo name)',
    });
  });

  it('names the configured customer key', () => {
    const f = facts({ customersWithoutKey: { count: 1, sample: ['A'] } });
    const check = assessSetup(f, { ...expect_, customerKey: 'vat' }).checks.find(
      (c) => c.id === 'partner-refs',
    );
    expect(check?.title).toContain('Tax ID (vat)');
  });

  it('blocks on an inactive order currency, and on one without a pricelist', () => {
    expect(status(facts({ currencies: ['USD'] }), 'currencies')).toBe('blocker');
    // --currency names currencies beyond the company's
    const gbp = { ...expect_, currencies: ['EUR', 'GBP'] };
    expect(status(facts({ currencies: ['EUR', 'GBP'] }), 'currencies', gbp)).toBe('blocker');
    const usd = facts({ currencies: ['EUR', 'USD'], pricelists: [{ name: 'P', currency: 'USD' }] });
    expect(status(usd, 'currencies')).toBe('blocker');
    const both = facts({
      currencies: ['EUR', 'USD'],
      pricelists: [
        { name: 'P', currency: 'USD' },
        { name: 'E', currency: 'EUR' },
      ],
    });
    expect(status(both, 'currencies')).toBe('ok');
  });

  it('blocks on a denied right and on a missing required module', () => {
    const f = facts({
      access: [{ model: 'account.move', operation: 'create', allowed: false }],
      modules: { ...facts().modules, account: 'uninstalled' },
    });
    const report = assessSetup(f, expect_);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.status === 'blocker').map((c) => c.id)).toEqual([
      'module:account',
      'access-rights',
    ]);
  });

  it('warns on JSON-RPC against Odoo 19', () =>
    expect(
      status(
        facts({ server: { version: '19.0', major: 19, protocol: 'jsonrpc', uid: 2 } }),
        'transport',
      ),
    ).toBe('warning'));
});
