import type { OdooSim } from '../src/create-odoo-sim';
import { startSim, type SimClient } from './sim-client';

// Seeded partners: 1 O2C Distribution (company), 2 OdooBot (archived), 3 Mitchell Admin, 4 Readonly User,
// 5 Deco Addict (CUST-001, BE), 6 Marc Demo (child of 5, BE), 7 Azure Interior (CUST-002, FR),
// 8 Ready Mat (CUST-003, DE), 9 Wood Corner (VEND-001, NL), 10 Gemini Furniture (SUP-001, BE),
// 11 Ready Supplies (SUP-002, FR).
const CASES: [string, unknown[], number[]][] = [
  ['= on char', [['ref', '=', 'CUST-001']], [5]],
  ['like wraps with %', [['ref', 'like', 'CUST']], [5, 7, 8]],
  ['like is case-sensitive', [['ref', 'like', 'cust']], []],
  ['ilike is not', [['ref', 'ilike', 'cust']], [5, 7, 8]],
  ['=like uses the SQL pattern', [['ref', '=like', 'CUST-00_']], [5, 7, 8]],
  ['=ilike uses the SQL pattern', [['name', '=ilike', 'deco%']], [5]],
  ['not like includes NULL', [['ref', 'not like', 'CUST']], [1, 3, 4, 6, 9, 10, 11]],
  ['!= includes NULL', [['ref', '!=', 'CUST-001']], [1, 3, 4, 6, 7, 8, 9, 10, 11]],
  ['<> is an alias', [['ref', '<>', 'CUST-001']], [1, 3, 4, 6, 7, 8, 9, 10, 11]],
  ['= False is IS NULL', [['ref', '=', false]], [1, 3, 4, 6]],
  ['in', [['ref', 'in', ['CUST-002', 'VEND-001']]], [7, 9]],
  ['in with False matches NULL', [['ref', 'in', [false, 'CUST-001']]], [1, 3, 4, 5, 6]],
  ['not in keeps NULL', [['ref', 'not in', ['CUST-002']]], [1, 3, 4, 5, 6, 8, 9, 10, 11]],
  ['> on integers', [['customer_rank', '>', 0]], [5, 7, 8]],
  ['<= on integers', [['supplier_rank', '<=', 0]], [1, 3, 4, 5, 6, 7, 8]],
  ['=? with False matches all', [['ref', '=?', false]], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
  ['=? with a value is =', [['ref', '=?', 'CUST-002']], [7]],
  [
    'implicit AND + dotted path',
    [
      ['customer_rank', '>=', 1],
      ['country_id.code', '=', 'FR'],
    ],
    [7],
  ],
  ['| prefix', ['|', ['ref', '=', 'CUST-001'], ['ref', '=', 'VEND-001']], [5, 9]],
  ['! prefix', ['!', ['is_company', '=', true]], [3, 4, 6]],
  ['nested & !', ['&', ['is_company', '=', true], '!', ['customer_rank', '=', 0]], [5, 7, 8]],
  ['many2one by id', [['parent_id', '=', 5]], [6]],
  ['many2one by name (=)', [['parent_id', '=', 'Deco Addict']], [6]],
  ['many2one by name (ilike)', [['parent_id', 'ilike', 'deco']], [6]],
  ['many2one != False', [['parent_id', '!=', false]], [6]],
  ['dotted in', [['country_id.code', 'in', ['BE', 'DE']]], [1, 5, 6, 8, 10]],
  ['child_of', [['id', 'child_of', 5]], [5, 6]],
  ['parent_of', [['id', 'parent_of', 6]], [5, 6]],
  ['active_test hides archived', [['name', 'ilike', 'bot']], []],
  ['testing active lifts active_test', [['active', '=', false]], [2]],
  ['TRUE_LEAF', [[1, '=', 1]], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
];

describe('domain engine (Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  it.each(CASES)('%s', async (_name, domain, expected) => {
    expect(await client.call('res.partner', 'search', [domain], { order: 'id' })).toEqual(expected);
  });

  it('applies context active_test: false', async () => {
    const ids = await client.call<number[]>('res.partner', 'search', [[['id', '<', 5]]], {
      order: 'id',
      context: { active_test: false },
    });
    expect(ids).toEqual([1, 2, 3, 4]);
  });

  it('supports any / not any on 17+', async () => {
    expect(
      await client.call('res.partner', 'search', [
        [['child_ids', 'any', [['type', '=', 'delivery']]]],
      ]),
    ).toEqual([5]);
    expect(
      await client.call('res.partner', 'search_count', [
        [
          ['child_ids', 'not any', []],
          ['is_company', '=', true],
        ],
      ]),
    ).toBe(6);
  });

  it('finds quants below a warehouse stock location with child_of', async () => {
    const rows = await client.call<{ location_id: [number, string] }[]>(
      'stock.quant',
      'search_read',
      [
        [
          ['location_id', 'child_of', 8],
          ['product_id.default_code', '=', 'FURN-001'],
        ],
      ],
      { fields: ['location_id', 'quantity'] },
    );
    expect(rows.map((r) => r.location_id[1]).sort()).toEqual(['WH/Stock', 'WH/Stock/Shelf 1']);
  });

  it('rejects unknown fields and operators with builtins.ValueError', async () => {
    expect((await client.failure('res.partner', 'search', [[['nope', '=', 1]]]))?.message).toBe(
      "Invalid field res.partner.nope in leaf ('nope', '=', 1)",
    );
    expect(
      (await client.failure('res.partner', 'search', [[['name', 'contains', 'x']]]))?.name,
    ).toBe('builtins.ValueError');
    expect((await client.failure('res.partner', 'search', [['&', ['name', '=', 'x']]]))?.name).toBe(
      'builtins.ValueError',
    );
  });
});

describe('any on Odoo 16', () => {
  it('is an invalid operator', async () => {
    const { sim, client } = await startSim(16);
    try {
      expect(
        (await client.failure('res.partner', 'search', [[['child_ids', 'any', []]]]))?.name,
      ).toBe('builtins.ValueError');
    } finally {
      await sim.stop();
    }
  });
});

describe('ordering and paging', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  it("uses the model's _order by default (product: default_code, name, id)", async () => {
    const rows = await client.call<{ default_code: string }[]>(
      'product.product',
      'search_read',
      [[['type', '!=', 'service']]],
      { fields: ['default_code'] },
    );
    expect(rows.map((r) => r.default_code)).toEqual([
      'COFF-1KG',
      'FURN-001',
      'FURN-001-B',
      'FURN-002',
      'SCRW-12',
    ]);
  });

  it('sorts by multi-key order strings and pages with offset/limit', async () => {
    const all = await client.call<number[]>('product.product', 'search', [[]], {
      order: 'list_price desc, id asc',
    });
    const page = await client.call<number[]>('product.product', 'search', [[]], {
      order: 'list_price desc, id asc',
      offset: 1,
      limit: 2,
    });
    expect(page).toEqual(all.slice(1, 3));
    expect(all[0]).toBe(2);
  });

  it('orders NULLs last ascending and first descending, like PostgreSQL', async () => {
    const asc = await client.call<number[]>('res.partner', 'search', [[['id', 'in', [3, 5, 7]]]], {
      order: 'ref asc',
    });
    const desc = await client.call<number[]>('res.partner', 'search', [[['id', 'in', [3, 5, 7]]]], {
      order: 'ref desc',
    });
    expect(asc).toEqual([5, 7, 3]);
    expect(desc).toEqual([3, 7, 5]);
  });

  it('rejects an invalid order with ValueError', async () => {
    expect(
      (await client.failure('res.partner', 'search', [[]], { order: 'nope desc' }))?.name,
    ).toBe('builtins.ValueError');
  });

  it('search_read always includes id; read drops missing ids silently', async () => {
    const rows = await client.call<Record<string, unknown>[]>('res.partner', 'read', [
      [5, 9999, 7],
      ['name'],
    ]);
    expect(rows).toEqual([
      { id: 5, name: 'Deco Addict' },
      { id: 7, name: 'Azure Interior' },
    ]);
  });
});
