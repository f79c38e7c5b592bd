import { join } from 'node:path';
import type { Catalogue } from '../src/catalogue/catalogue';
import { loadCatalogue } from '../src/catalogue/catalogue';
import type { RecordSchema, SchemaVersion } from '../src/catalogue/schema-files';

export const incompatibleDir = join(__dirname, 'fixtures', 'incompatible');

/** Three subjects whose evolutions break BACKWARD_TRANSITIVE in three different ways. */
export const loadIncompatibleCatalogue = (): Catalogue =>
  loadCatalogue({
    avroDir: join(incompatibleDir, 'avro'),
    topicMapFile: join(incompatibleDir, 'topics.json'),
  });

export function buildSchemaVersion(overrides: Partial<SchemaVersion> = {}): SchemaVersion {
  const schema: RecordSchema = {
    type: 'record',
    name: 'OrderAccepted',
    namespace: 'o2c.sales',
    doc: 'An order was accepted.',
    fields: [{ name: 'orderId', type: 'string', doc: 'Order id.' }],
  };
  return {
    file: 'sales/OrderAccepted.v1.avsc',
    domain: 'sales',
    eventType: 'OrderAccepted',
    version: 1,
    schema,
    ...overrides,
  };
}
