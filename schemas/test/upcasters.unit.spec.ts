import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Upcasters } from '../src/catalogue/catalogue';
import { loadCatalogue } from '../src/catalogue/catalogue';
import { groupSubjects } from '../src/catalogue/schema-files';
import { checkUpcasters } from '../src/check/check-upcasters';
import { spawnProcess } from '@o2c/testing';
import { buildSchemaVersion, incompatibleDir } from './fixtures';

const v1 = buildSchemaVersion();
const v2 = buildSchemaVersion({
  file: 'sales/OrderAccepted.v2.avsc',
  version: 2,
  schema: {
    ...v1.schema,
    fields: [
      ...v1.schema.fields,
      { name: 'note', type: ['null', 'string'], default: null, doc: 'A note.' },
    ],
  },
});
const subjects = groupSubjects([v1, v2]);
const upcasters = (files: Record<string, string>, dir = '/elsewhere'): Upcasters => ({
  dir,
  files: new Map(Object.entries(files)),
});
const UPCAST =
  'export const upcast = (v1: OrderAcceptedV1): OrderAcceptedV2 => ({ ...v1, note: null });';

describe('checkUpcasters', () => {
  it('accepts a version 2 whose upcaster exists and exports upcast', () => {
    expect(checkUpcasters(subjects, upcasters({ 'sales/OrderAccepted.v2.ts': UPCAST }))).toEqual(
      [],
    );
  });

  it('names the file a version without upcaster needs, and the signature', () => {
    expect(checkUpcasters(subjects, upcasters({}))).toEqual([
      'sales/OrderAccepted.v2.avsc: no upcaster from v1: expected /elsewhere/sales/OrderAccepted.v2.ts ' +
        'exporting upcast(previous: OrderAcceptedV1): OrderAcceptedV2',
    ]);
  });

  it('rejects an upcaster file that does not export upcast', () => {
    const files = { 'sales/OrderAccepted.v2.ts': 'export const toV2 = () => null;' };
    expect(checkUpcasters(subjects, upcasters(files))).toEqual([
      '/elsewhere/sales/OrderAccepted.v2.ts: must export upcast(previous: OrderAcceptedV1): ' +
        'OrderAcceptedV2 (export const upcast = …)',
    ]);
  });

  it('rejects an upcaster of a version that does not exist', () => {
    const files = { 'sales/OrderAccepted.v2.ts': UPCAST, 'sales/OrderAccepted.v3.ts': UPCAST };
    expect(checkUpcasters(subjects, upcasters(files))).toEqual([
      expect.stringContaining(
        '/elsewhere/sales/OrderAccepted.v3.ts: upcaster of no schema version',
      ),
    ]);
  });

  it('needs nothing for a single-version event type', () => {
    expect(checkUpcasters(groupSubjects([v1]), upcasters({}))).toEqual([]);
  });

  it('finds the real OrderAccepted v2 upcaster in libs/contracts/src/upcasters', () => {
    const { subjects: real, upcasters: found } = loadCatalogue();
    expect([...found.files.keys()]).toContain('sales/OrderAccepted.v2.ts');
    expect(checkUpcasters(real, found)).toEqual([]);
  });
});

describe('npm run schemas:check', () => {
  it('exits 1 when a new version lacks its upcaster, naming the file expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'upcasters-'));
    mkdirSync(join(dir, 'sales'));
    writeFileSync(join(dir, 'sales', 'OrderAccepted.v2.ts'), `${UPCAST}\n`);
    const run = spawnProcess(
      join(__dirname, '..', 'src', 'cli', 'check.ts'),
      { SCHEMA_REGISTRY_URL: '' },
      [
        '--avro-dir',
        join(incompatibleDir, 'avro'),
        '--topics',
        join(incompatibleDir, 'topics.json'),
        '--upcasters-dir',
        dir,
      ],
    );
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      `✗ sales/OrderCancelled.v2.avsc: no upcaster from v1: expected ${dir}/sales/OrderCancelled.v2.ts`,
    );
    expect(run.output()).not.toContain('OrderAccepted.v2.ts');
  });
});
