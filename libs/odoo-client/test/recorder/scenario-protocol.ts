import { DEMO, kw, MISSING_ID } from './kw';
import type { WireRecorder } from './wire-recorder';

/** Version, login and the error envelope. */
export async function recordProtocol(rec: WireRecorder) {
  const common = (method: string, args: unknown[]) => ({ service: 'common', method, args });
  await rec.rpc('common.version', common('version', []));
  await rec.rpc('authenticate.api-key', common('authenticate', ['$db', '$login', '$key', {}]));
  await rec.rpc('authenticate.wrong-key', common('authenticate', ['$db', '$login', 'wrong', {}]));
  await rec.rpc('authenticate.unknown-login', common('authenticate', ['$db', 'nobody', 'x', {}]));
  await rec.rpc('execute.wrong-key', {
    ...kw('res.partner', 'search', [[]]),
    args: ['$db', 2, 'wrong', 'res.partner', 'search', [[]], {}],
  });
  await rec.rpc('db.list', { service: 'db', method: 'list', args: [] });
  await rec.http(
    'http.version-info',
    '/web/webclient/version_info',
    'application/json',
    '{"jsonrpc":"2.0","method":"call","id":1,"params":{}}',
  );
  await rec.http(
    'http.text-plain',
    '/jsonrpc',
    'text/plain',
    '{"jsonrpc":"2.0","method":"call","id":1,"params":{}}',
    'The adapter never sends this; it shows how Odoo answers a wrong Content-Type.',
  );

  // Errors the client maps to kinds.
  await rec.rpc(
    'error.invalid-field-in-fields',
    kw('res.partner', 'search_read', [[]], { fields: ['no_such_field'], limit: 1 }),
  );
  await rec.rpc(
    'error.invalid-field-in-domain',
    kw('res.partner', 'search_read', [[['no_such_field', '=', 1]]], { fields: ['name'], limit: 1 }),
  );
  await rec.rpc(
    'error.invalid-operator',
    kw('res.partner', 'search_read', [[['name', 'likes', 'x']]], { fields: ['name'], limit: 1 }),
  );
  await rec.rpc(
    'error.invalid-field-in-write',
    kw('res.partner', 'write', [[1], { no_such_field: 1 }]),
  );
  await rec.rpc('read.missing-id', kw('res.partner', 'read', [[MISSING_ID], ['name']]));
  await rec.rpc(
    'error.write-missing-id',
    kw('res.partner', 'write', [[MISSING_ID], { name: 'x' }]),
  );
  await rec.rpc('error.unlink-missing-id', kw('res.partner', 'unlink', [[MISSING_ID]]));
  await rec.rpc('error.missing-model', kw('no.such.model', 'search', [[]]));
  await rec.rpc('error.missing-method', kw('res.partner', 'no_such_method', [[]]));
  await rec.rpc('error.private-method', kw('res.partner', '_compute_display_name', [[1]]));
  await rec.rpc(
    'error.unexpected-kwarg',
    kw('res.partner', 'search_read', [[]], { no_such_kwarg: 1 }),
  );
  await rec.rpc('error.mandatory-field', kw('sale.order', 'create', [{}]));
  await rec.rpc(
    'error.access-create-as-demo',
    kw('res.users', 'create', [{ name: 'Not allowed', login: 'not-allowed' }], {}, DEMO),
    { note: 'demo user of the demo data (simulator: the readonly user)' },
  );
}

/**
 * Change feeds: a keyset window on (write_date, id) built from values read back, over three
 * partners created in one call (one transaction, so one write_date).
 */
export async function recordPolling(rec: WireRecorder) {
  const partner = { name: 'O2C Poll Partner', ref: '$pollRef' };
  await rec.rpc(
    'poll.create-three-in-one-call',
    kw('res.partner', 'create', [[partner, partner, partner]]),
  );
  const fields = ['name', 'ref', 'write_date'];
  const order = 'write_date asc, id asc';
  const ours = ['ref', '=', '$pollRef'];
  await rec.rpc(
    'poll.first-page',
    kw('res.partner', 'search_read', [[ours, ['write_date', '>', '2000-01-01 00:00:00']]], {
      fields,
      order,
      limit: 2,
    }),
    {
      bind: { lastWriteDate: 'result.1.write_date', lastId: 'result.1.id' },
    },
  );
  await rec.rpc(
    'poll.write-date-equals-read-value',
    kw('res.partner', 'search_read', [[ours, ['write_date', '=', '$lastWriteDate']]], {
      fields,
      order,
    }),
    { note: 'write_date is stored with microseconds but read back in whole seconds' },
  );
  await rec.rpc(
    'poll.keyset-next-page',
    kw(
      'res.partner',
      'search_read',
      [
        [
          ours,
          '|',
          ['write_date', '>', '$lastWriteDate'],
          '&',
          ['write_date', '=', '$lastWriteDate'],
          ['id', '>', '$lastId'],
        ],
      ],
      { fields, order, limit: 2 },
    ),
    { note: "the adapter's window after the first page: real Odoo answers the first page again" },
  );
  await rec.rpc(
    'poll.datetime-with-z-in-domain',
    kw('res.partner', 'search_read', [[ours, ['write_date', '>', '2000-01-01T00:00:00Z']]], {
      fields,
      order,
    }),
  );
  await rec.rpc('search-count', kw('res.partner', 'search_count', [[ours]]));
}
