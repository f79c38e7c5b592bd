import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OdooSim } from '../src/create-odoo-sim';
import type { OdooVersion } from '../src/version';
import { startSim, type SimClient } from './sim-client';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  stateSeenByReceiver?: string;
}

/** A real HTTP receiver; optionally reads the record back through the API while the POST is open. */
async function startReceiver(readBack?: (id: number) => Promise<string>) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry: Received = { headers: req.headers, body };
      received.push(entry);
      const id = (JSON.parse(body) as { _id: number })._id;
      void (readBack ? readBack(id) : Promise.resolve(undefined)).then((state) => {
        entry.stateSeenByReceiver = state;
        res.end('ok');
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=s3cret`;
  return { received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function soState(client: SimClient, id: number): Promise<string> {
  const [row] = await client.call<{ state: string }[]>('sale.order', 'read', [[id], ['state']]);
  return row?.state ?? 'missing';
}

/** The real Odoo way: ir.actions.server (state webhook) + base.automation, created over RPC. */
async function configureOverRpc(client: SimClient, url: string): Promise<number> {
  const [modelId] = await client.call<number[]>('ir.model', 'search', [
    [['model', '=', 'sale.order']],
  ]);
  const fieldIds = await client.call<number[]>('ir.model.fields', 'search', [
    [
      ['model', '=', 'sale.order'],
      ['name', 'in', ['name', 'state', 'partner_id']],
    ],
  ]);
  const automation = await client.call<number>('base.automation', 'create', [
    { name: 'SO changes', model_id: modelId, trigger: 'on_create_or_write' },
  ]);
  return client.call<number>('ir.actions.server', 'create', [
    {
      name: 'Notify O2C',
      model_id: modelId,
      state: 'webhook',
      webhook_url: url,
      webhook_field_ids: [[6, 0, fieldIds]],
      base_automation_id: automation,
    },
  ]);
}

describe.each<OdooVersion>([17, 18])('webhooks on Odoo %i', (version) => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(version)));
  afterAll(() => sim.stop());
  beforeEach(() => client.control('POST', 'reset'));

  it('posts one sorted-key JSON body per record with load=None values and only requests headers', async () => {
    const receiver = await startReceiver();
    try {
      const actionId = await configureOverRpc(client, receiver.url);
      const so = await client.call<number>('sale.order', 'create', [{ partner_id: 5 }]);
      expect(receiver.received).toHaveLength(1);
      const [hit] = receiver.received as [Received];
      expect(hit.body).toBe(
        `{"_action": "Notify O2C(#${actionId})", "_id": ${so}, "_model": "sale.order", "id": ${so}, "name": "S00001", "partner_id": 5, "state": "draft"}`,
      );
      expect(hit.headers['content-type']).toBe('application/json');
      expect(
        Object.keys(hit.headers).filter((h) => /signature|authorization|x-odoo/i.test(h)),
      ).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it(`sends ${version === 17 ? 'before' : 'after'} commit`, async () => {
    const receiver = await startReceiver((id) => soState(client, id));
    try {
      const so = await client.call<number>('sale.order', 'create', [
        { partner_id: 5, order_line: [[0, 0, { product_id: 2, product_uom_qty: 1 }]] },
      ]);
      await client.control('POST', 'webhooks', {
        model: 'sale.order',
        trigger: 'on_state_set',
        state: 'sale',
        url: receiver.url,
        fields: ['state'],
      });
      await client.call('sale.order', 'action_confirm', [[so]]);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]?.stateSeenByReceiver).toBe(version === 17 ? 'draft' : 'sale');
    } finally {
      await receiver.close();
    }
  });

  it(`${version === 17 ? 'delivers' : 'drops'} the webhook of a transaction that rolls back`, async () => {
    const receiver = await startReceiver();
    try {
      await client.control('POST', 'webhooks', {
        model: 'res.partner',
        trigger: 'on_create',
        url: receiver.url,
        fields: ['name'],
      });
      await client.control('POST', 'faults', {
        kind: 'serialization_failure',
        count: 1,
        atCommit: true,
        model: 'res.partner',
      });
      expect((await client.failure('res.partner', 'create', [{ name: 'Ghost' }]))?.name).toBe(
        'psycopg2.errors.SerializationFailure',
      );
      expect(await client.call('res.partner', 'search_count', [[['name', '=', 'Ghost']]])).toBe(0);
      expect(receiver.received).toHaveLength(version === 17 ? 1 : 0);
    } finally {
      await receiver.close();
    }
  });

  if (version === 17) {
    it('delivers twice when a concurrent commit makes Odoo retry the transaction', async () => {
      let writes = 0;
      const receiver = await startReceiver(async () => {
        if (writes++ === 0)
          await client.call('res.partner', 'write', [[7], { phone: '+32 2 000 00 00' }]);
        return '';
      });
      try {
        await client.control('POST', 'webhooks', {
          model: 'res.partner',
          trigger: 'on_create',
          url: receiver.url,
          fields: ['name'],
        });
        const id = await client.call<number>('res.partner', 'create', [{ name: 'Twice' }]);
        const ids = receiver.received.map((r) => (JSON.parse(r.body) as { _id: number })._id);
        expect(ids).toEqual([id - 1, id]);
        expect(await client.call('res.partner', 'search_count', [[['name', '=', 'Twice']]])).toBe(
          1,
        );
      } finally {
        await receiver.close();
      }
    });
  }

  it('does not retry a failed delivery', async () => {
    await client.control('POST', 'webhooks', {
      model: 'res.partner',
      trigger: 'on_create',
      url: 'http://127.0.0.1:9/unreachable',
      fields: [],
    });
    await client.call('res.partner', 'create', [{ name: 'Nobody listens' }]);
    const { sent } = await client.control<{ sent: { status: unknown }[] }>('GET', 'webhooks');
    expect(sent).toEqual([expect.objectContaining({ status: 'error' })]);
  });
});
