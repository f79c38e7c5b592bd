import { loadCatalogue } from '../src/catalogue/catalogue';
import { groupSubjects } from '../src/catalogue/schema-files';
import { declarationsOf } from '../src/gen/avro-to-ts';
import { renderContracts } from '../src/gen/render-contracts';
import { versionDeclarations } from '../src/gen/render-versions';
import { buildSchemaVersion } from './fixtures';

const line = (fields: { name: string; type: string; doc: string }[]) => ({
  name: 'lines',
  doc: 'Lines.',
  type: {
    type: 'array' as const,
    items: { type: 'record' as const, name: 'Line', doc: 'A line.', fields },
  },
});
const sku = { name: 'sku', type: 'string', doc: 'SKU.' };
const qty = { name: 'qty', type: 'double', doc: 'Quantity.' };
const orderId = { name: 'orderId', type: 'string', doc: 'Order id.' };

describe('versioned types', () => {
  it('suffix an older version and only the nested types that changed since', () => {
    const v1 = buildSchemaVersion({
      schema: { ...buildSchemaVersion().schema, fields: [orderId, line([sku])] },
    });
    const v2 = buildSchemaVersion({
      file: 'sales/OrderAccepted.v2.avsc',
      version: 2,
      schema: {
        ...v1.schema,
        fields: [orderId, line([sku, { ...qty, default: 0 } as typeof qty])],
      },
    });
    const [subject] = groupSubjects([v1, v2]);
    const latest = declarationsOf(v2.schema);
    const texts = versionDeclarations(subject!, latest).map((d) => d.text);
    expect(texts).toEqual([
      expect.stringContaining('export interface LineV1 {\n  /** SKU. */\n  sku: string;\n}'),
      expect.stringContaining('export interface OrderAcceptedV1 {'),
      expect.stringContaining('export type OrderAcceptedV2 = OrderAccepted;'),
    ]);
    expect(texts[1]).toContain('lines: LineV1[];');
  });

  it('share nested types a version did not change (OrderAccepted v1 and v2)', () => {
    const sales = renderContracts(loadCatalogue()).get('sales.ts')!;
    expect(sales).toMatch(/export interface OrderAcceptedV1 \{[^}]*lines: OrderLine\[\];/);
    expect(sales).not.toContain('OrderLineV1');
    expect(sales).toContain('export type OrderAcceptedV2 = OrderAccepted;');
  });

  it('are not generated for a single-version event type', () => {
    expect(renderContracts(loadCatalogue()).get('sales.ts')).not.toContain('OrderCancelledV1');
  });

  it('come with every version schema in the catalogue and an upcaster registry', () => {
    const files = renderContracts(loadCatalogue());
    expect(files.get('catalogue.ts')).toContain(
      'schemas: [orderAcceptedV1Schema, orderAcceptedSchema]',
    );
    expect(files.get('upcasters.ts')).toContain(
      "import { upcast as upcastOrderAcceptedV2 } from '../upcasters/sales/OrderAccepted.v2';",
    );
    expect(files.get('upcasters.ts')).toContain(
      '2: upcastOrderAcceptedV2 satisfies (previous: OrderAcceptedV1) => OrderAcceptedV2',
    );
  });
});
