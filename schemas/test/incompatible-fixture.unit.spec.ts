import { join } from 'node:path';
import { spawnProcess } from '@o2c/testing';
import { checkCatalogue } from '../src/check/check-catalogue';
import { checkBackwardTransitive } from '../src/check/compatibility';
import { incompatibleDir, loadIncompatibleCatalogue } from './fixtures';

describe('checkBackwardTransitive', () => {
  const catalogue = loadIncompatibleCatalogue();
  const subject = (eventType: string) => catalogue.subjects.find((s) => s.eventType === eventType)!;

  describe('when a version adds a required field without default', () => {
    it('reports the subject, both versions and the field', () => {
      expect(checkBackwardTransitive(subject('OrderAccepted'))).toEqual([
        {
          subject: 'o2c.sales.OrderAccepted',
          newer: 2,
          older: 1,
          reason: 'no matching field for default-less o2c.sales.OrderAccepted.priority',
        },
      ]);
    });
  });

  describe('when a version changes a field type', () => {
    it("reports avsc's reason", () => {
      expect(checkBackwardTransitive(subject('OrderCancelled'))).toEqual([
        expect.objectContaining({ newer: 2, older: 1, reason: 'cannot read "long" as "string"' }),
      ]);
    });
  });

  describe('when a version reads the previous one but not an older one', () => {
    it('still rejects it: the check is transitive', () => {
      expect(checkBackwardTransitive(subject('OrderRejected'))).toEqual([
        expect.objectContaining({ newer: 3, older: 1, reason: 'cannot read "int" as "string"' }),
      ]);
    });
  });

  it('turns each incompatibility into a precise message', () => {
    expect(checkCatalogue(catalogue).problems).toContain(
      'o2c.sales.OrderAccepted: v2 is not BACKWARD compatible with v1 (v2 cannot read data ' +
        'written with v1): no matching field for default-less o2c.sales.OrderAccepted.priority',
    );
  });
});

describe('npm run schemas:check', () => {
  it('exits 1 and names subject, versions and reason for the incompatible fixture', async () => {
    const run = spawnProcess(
      join(__dirname, '..', 'src', 'cli', 'check.ts'),
      { SCHEMA_REGISTRY_URL: '' },
      [
        '--avro-dir',
        join(incompatibleDir, 'avro'),
        '--topics',
        join(incompatibleDir, 'topics.json'),
        '--upcasters-dir',
        join(incompatibleDir, 'upcasters'),
      ],
    );
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      '✗ o2c.sales.OrderCancelled: v2 is not BACKWARD compatible with v1 (v2 cannot read data ' +
        'written with v1): cannot read "long" as "string"',
    );
    // The fixture's evolutions also lack their upcasters (only OrderAccepted v2 has one).
    expect(run.output()).toContain(
      '✗ sales/OrderRejected.v3.avsc: no upcaster from v2: expected ' +
        'schemas/test/fixtures/incompatible/upcasters/sales/OrderRejected.v3.ts exporting ' +
        'upcast(previous: OrderRejectedV2): OrderRejectedV3',
    );
    expect(run.output()).toContain('schemas:check failed: 6 problem(s)');
  });
});
