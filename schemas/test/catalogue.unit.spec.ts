import avro from 'avsc';
import { loadCatalogue } from '../src/catalogue/catalogue';
import { checkCatalogue } from '../src/check/check-catalogue';
import { checkBackwardTransitive } from '../src/check/compatibility';

describe('the schemas/ catalogue', () => {
  const catalogue = loadCatalogue();

  it('passes every offline check: conventions, BACKWARD_TRANSITIVE compatibility, topic map', () => {
    const report = checkCatalogue(catalogue);
    expect(report.problems).toEqual([]);
    expect(report.subjects).toBeGreaterThanOrEqual(20);
  });

  it('has at least one real evolution for the checks to check', () => {
    const evolved = catalogue.subjects.filter((s) => s.versions.length > 1);
    expect(evolved.map((s) => s.subject)).toContain('o2c.sales.OrderAccepted');
    for (const subject of evolved) expect(checkBackwardTransitive(subject)).toEqual([]);
  });

  it('reads OrderAccepted v1 data with v2, filling the added optional fields with null', () => {
    const [v1, v2] = catalogue.subjects.find((s) => s.eventType === 'OrderAccepted')!.versions;
    const writer = avro.Type.forSchema(v1!.schema);
    const reader = avro.Type.forSchema(v2!.schema);
    const v1Order = {
      orderId: 'o-1',
      channelCode: 'webshop',
      channelOrderRef: 'W-1',
      customerId: 'C-1',
      warehouseCode: 'WH1',
      currency: 'EUR',
      lines: [
        {
          lineNo: 1,
          sku: 'SKU-1',
          quantity: 2,
          uom: 'EA',
          unitPriceMinor: 1250,
          substitutionAllowed: false,
        },
      ],
      totalMinor: 2500,
      shipTo: { name: 'A', street: 'B 1', city: 'C', postalCode: '1', countryCode: 'DE' },
      acceptedAt: Date.UTC(2026, 0, 1),
    };
    const decoded = reader.fromBuffer(
      writer.toBuffer(v1Order),
      reader.createResolver(writer),
    ) as Record<string, unknown>;
    expect(decoded).toMatchObject({
      ...v1Order,
      requestedDeliveryAt: null,
      customerPurchaseOrderRef: null,
    });
  });
});
