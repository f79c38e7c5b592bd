import type { RecordSchema } from '../src/catalogue/schema-files';
import { lintSchemaVersion } from '../src/check/lint-schema';
import { buildSchemaVersion } from './fixtures';

describe('lintSchemaVersion', () => {
  it('accepts a documented record named after its file', () => {
    expect(lintSchemaVersion(buildSchemaVersion())).toEqual([]);
  });

  describe('when the record does not match its file', () => {
    it('reports the name and the namespace', () => {
      const version = buildSchemaVersion({ eventType: 'OrderTaken', domain: 'billing' });
      expect(lintSchemaVersion(version)).toEqual([
        "sales/OrderAccepted.v1.avsc: record name 'OrderAccepted' must equal the file name 'OrderTaken'",
        "sales/OrderAccepted.v1.avsc: namespace 'o2c.sales' must be 'o2c.billing' (its directory)",
      ]);
    });
  });

  describe('when docs are missing, also in nested records', () => {
    it('reports every undocumented record and field', () => {
      const base = buildSchemaVersion();
      const schema: RecordSchema = {
        ...base.schema,
        fields: [
          { name: 'orderId', type: 'string' },
          {
            name: 'lines',
            doc: 'Lines.',
            type: {
              type: 'array',
              items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }] },
            },
          },
        ],
      };
      expect(lintSchemaVersion({ ...base, schema })).toEqual([
        'sales/OrderAccepted.v1.avsc: field OrderAccepted.orderId has no doc',
        'sales/OrderAccepted.v1.avsc: record OrderAccepted.lines[] has no doc',
        'sales/OrderAccepted.v1.avsc: field OrderAccepted.lines[].sku has no doc',
      ]);
    });
  });

  describe('when an optional field is not ["null", T] with default null', () => {
    it('reports the field', () => {
      const base = buildSchemaVersion();
      const schema = {
        ...base.schema,
        fields: [{ name: 'note', type: ['string', 'null'], default: 'none', doc: 'A note.' }],
      };
      expect(lintSchemaVersion({ ...base, schema })).toEqual([
        'sales/OrderAccepted.v1.avsc: optional field OrderAccepted.note must be ["null", T] with "default": null',
      ]);
    });
  });

  it('reports a schema avsc cannot parse', () => {
    const base = buildSchemaVersion();
    const schema = { ...base.schema, fields: [{ name: 'x', type: 'strnig', doc: 'Typo.' }] };
    expect(lintSchemaVersion({ ...base, schema })).toEqual([
      expect.stringMatching(/^sales\/OrderAccepted\.v1\.avsc: avsc rejects the schema: .*strnig/),
    ]);
  });
});
