import { rankChanges, type GroupWithTimes } from './changes';
import type { Failure, FailurePattern, Signal } from './types';

const T0 = Date.parse('2026-12-04T10:02:07Z');
const sec = 1000;
const min = 60 * sec;

const pattern = (overrides: Partial<FailurePattern> = {}): FailurePattern => ({
  source: 'sync-failure',
  service: 'odoo-adapter',
  topic: 'sales.orders',
  eventType: 'OrderAccepted',
  errorClass: 'CIRCUIT_OPEN',
  message: 'circuit to Odoo open: call refused',
  odooModel: 'sale.order',
  odooMethod: 'create',
  ...overrides,
});

const groupOf = (times: number[], p: FailurePattern = pattern()): GroupWithTimes => ({
  signature: 'abcdef012345',
  pattern: p,
  count: times.length,
  firstSeen: Math.min(...times),
  lastSeen: Math.max(...times),
  orderIds: [],
  moneyMinor: {},
  sample: { at: times[0] } as Failure,
  channels: {},
  blastRadius: { waitingStages: [], ordersByStatus: {} },
  dlqTopics: {},
  times,
});

const signal = (kind: string, subject: string, at: number, service = 'odoo-adapter'): Signal => ({
  kind,
  subject,
  at,
  service,
  detail: null,
  origin: kind === 'LAG_GROWING' ? 'derived' : 'recorded',
});

/** 120 failures from T0 over 38 min; the last two after the circuit closed (stragglers). */
const outage = () => {
  const times = Array.from({ length: 118 }, (_, i) => T0 + i * 19 * sec);
  times.push(T0 + 40 * min, T0 + 41 * min);
  return times;
};

describe('rankChanges', () => {
  describe('when Odoo calls fail after the circuit opened, among decoys', () => {
    const signals = [
      signal('VERSION_CHANGED', '0.2.0', T0 - 60 * min, 'invoicing'),
      signal('VERSION_CHANGED', '0.2.0', T0 - 20 * min, 'inventory-sync'),
      signal('CIRCUIT_OPENED', 'odoo', T0 - 4 * sec),
      signal('LAG_GROWING', 'odoo-adapter', T0 + 30 * sec, 'triage'),
      signal('SCHEMA_REGISTERED', 'o2c.sales.OrderAccepted', T0 + 12 * min, 'order-intake'),
      signal('CIRCUIT_CLOSED', 'odoo', T0 + 38 * min),
    ];
    const ranked = rankChanges(groupOf(outage()), signals);

    it('ranks the circuit opening first, with its figures as evidence', () => {
      expect(ranked[0]?.signal.kind).toBe('CIRCUIT_OPENED');
      expect(ranked[0]?.score).toBeGreaterThan(0.9);
      expect(ranked[0]?.evidence[0]).toBe(
        'CIRCUIT_OPENED odoo (odoo-adapter) at 10:02:03, 4 s before the first failure',
      );
      expect(ranked[0]?.evidence[1]).toBe(
        '118 of 120 failures fell while it was open (until 10:40:07)',
      );
    });

    it('keeps every decoy well below it, scores within 0..1, and leaves the recovery and signals outside the window out', () => {
      const kinds = ranked.map((c) => `${c.signal.kind}:${c.signal.service}`);
      expect(kinds).not.toContain('VERSION_CHANGED:invoicing'); // an hour before: outside the lookback
      expect(kinds).not.toContain('CIRCUIT_CLOSED:odoo-adapter');
      expect(ranked).toHaveLength(4);
      for (const decoy of ranked.slice(1)) {
        expect(decoy.score).toBeLessThan(ranked[0]!.score - 0.4);
        expect(decoy.score).toBeGreaterThanOrEqual(0);
      }
    });

    it('says a consequence came after the onset', () => {
      const lag = ranked.find((c) => c.signal.kind === 'LAG_GROWING');
      expect(lag?.evidence[0]).toMatch(/30 s after the first failure/);
    });
  });

  describe('when an Avro decoding error follows a schema registered by the producer', () => {
    it('ranks the schema registration above the circuit and an unrelated deploy', () => {
      const times = Array.from({ length: 10 }, (_, i) => T0 + i * min);
      const decode = pattern({
        source: 'dead-letter',
        service: 'invoicing',
        errorClass: 'DecodeError',
        message: 'Avro decode failed: unknown schema id <n>',
        odooModel: null,
        odooMethod: null,
      });
      const ranked = rankChanges(groupOf(times, decode), [
        signal('CIRCUIT_OPENED', 'odoo', T0 - 2 * min),
        signal('SCHEMA_REGISTERED', 'o2c.sales.OrderAccepted', T0 - 90 * sec, 'order-intake'),
        signal('VERSION_CHANGED', '0.3.0', T0 - 25 * min, 'webhooks'),
      ]);
      expect(ranked[0]?.signal.kind).toBe('SCHEMA_REGISTERED');
      for (const decoy of ranked.slice(1)) expect(decoy.score).toBeLessThan(ranked[0]!.score - 0.2);
    });
  });

  describe('when odoo-adapter holds a head on a bare HTTP 503', () => {
    it('ranks the circuit to Odoo first though the message does not name Odoo', () => {
      const held = pattern({
        source: 'held',
        errorClass: 'http.503',
        message: 'Service Unavailable',
        odooModel: null,
        odooMethod: null,
      });
      const ranked = rankChanges(groupOf([T0, T0 + 5 * sec], held), [
        signal('CIRCUIT_OPENED', 'odoo', T0 + 2 * sec),
      ]);
      expect(ranked[0]?.score).toBeGreaterThan(0.9);
    });
  });

  describe('when held work first fails minutes into an outage', () => {
    const held = pattern({ source: 'held', topic: 'billing.invoices', eventType: 'InvoiceIssued' });
    const times = [T0 + 12 * min, T0 + 12 * min + 5 * sec, T0 + 13 * min];
    const spike = signal('ERROR_SPIKE', 'ODOO_UNAVAILABLE', T0 + 11 * min);

    it('ranks the circuit that is still open first, with full proximity', () => {
      const ranked = rankChanges(groupOf(times, held), [
        signal('CIRCUIT_OPENED', 'odoo', T0),
        spike,
      ]);
      expect(ranked[0]?.signal.kind).toBe('CIRCUIT_OPENED');
      expect(ranked[0]?.score).toBe(1);
    });

    it('lets proximity decay again once the circuit had closed before the onset', () => {
      const ranked = rankChanges(groupOf(times, held), [
        signal('CIRCUIT_OPENED', 'odoo', T0),
        signal('CIRCUIT_CLOSED', 'odoo', T0 + 2 * min),
        spike,
      ]);
      expect(ranked[0]?.signal.kind).toBe('ERROR_SPIKE');
      expect(ranked.find((c) => c.signal.kind === 'CIRCUIT_OPENED')?.score).toBeLessThan(0.1);
    });
  });

  describe('when the first failures are what tripped the circuit', () => {
    it('ranks the opening, recorded just after them, above restarts just before', () => {
      const times = Array.from({ length: 6 }, (_, i) => T0 + i * 200);
      const ranked = rankChanges(groupOf(times), [
        signal('SERVICE_STARTED', '0.1.0', T0 - 5 * sec),
        signal('SERVICE_STARTED', '0.1.0', T0 - 9 * sec, 'fulfillment'),
        signal('CIRCUIT_OPENED', 'odoo', T0 + 1 * sec),
        signal('LAG_GROWING', 'e2e.odoo-adapter', T0, 'triage'),
      ]);
      expect(ranked[0]?.signal.kind).toBe('CIRCUIT_OPENED');
      expect(ranked[0]?.evidence[1]).toBe(
        '6 of 6 failures fell while it was open (no recovery recorded)',
      );
      expect(ranked[0]?.score).toBeGreaterThan(0.9);
      for (const decoy of ranked.slice(1)) expect(decoy.score).toBeLessThan(0.5);
    });

    it('still sees the opening when every failure of the group came before it (one held head)', () => {
      const head = pattern({ source: 'held', errorClass: 'http.503', message: 'HTTP 503' });
      const ranked = rankChanges(groupOf([T0], head), [
        signal('SERVICE_STARTED', '0.1.0', T0 - 6 * sec),
        signal('CIRCUIT_OPENED', 'odoo', T0 + 2 * sec),
      ]);
      expect(ranked.map((c) => c.signal.kind)).toEqual(['CIRCUIT_OPENED', 'SERVICE_STARTED']);
    });
  });

  describe('when the group carries no failure times', () => {
    it('estimates coverage from first and last seen', () => {
      const group = groupOf([T0, T0 + 10 * min]);
      delete group.times;
      const ranked = rankChanges({ ...group, count: 50 }, [
        signal('KAFKA_UNREACHABLE', 'kafka', T0 - 10 * sec),
        signal('KAFKA_REACHABLE', 'kafka', T0 + 5 * min),
      ]);
      expect(ranked[0]?.evidence[1]).toBe(
        '25 of 50 failures fell while it was unreachable (until 10:07:07)',
      );
    });
  });

  describe('when the failing service was deployed just before', () => {
    it('ranks its version change above another service restarting', () => {
      const times = [T0, T0 + min, T0 + 2 * min];
      const p = pattern({
        source: 'order-rejection',
        service: 'order-intake',
        errorClass: 'VALIDATION',
        message: 'unknown field <s>',
        odooModel: null,
        odooMethod: null,
        topic: 'channels.orders',
      });
      const ranked = rankChanges(groupOf(times, p), [
        signal('SERVICE_STARTED', '0.1.0', T0 - 30 * sec, 'fulfillment'),
        signal('VERSION_CHANGED', '0.2.0', T0 - 3 * min, 'order-intake'),
      ]);
      expect(ranked[0]?.signal.service).toBe('order-intake');
      expect(ranked[0]?.evidence[2]).toMatch(/new version of the failing service/);
    });
  });

  describe('when bookings fail after a carrier stopped answering', () => {
    it('ranks the carrier above an Odoo circuit opening closer to the onset', () => {
      const times = Array.from({ length: 8 }, (_, i) => T0 + i * 30 * sec);
      const carrier = pattern({
        source: 'fulfillment-failure',
        service: 'fulfillment',
        topic: 'fulfillment.shipments',
        eventType: 'FulfillmentFailed',
        errorClass: 'CARRIER_UNAVAILABLE',
        message: 'dhl unavailable after <n> attempts: <s>',
        odooModel: null,
        odooMethod: null,
      });
      const ranked = rankChanges(groupOf(times, carrier), [
        signal('CARRIER_UNREACHABLE', 'carrier:dhl', T0 - 2 * min, 'fulfillment'),
        signal('CIRCUIT_OPENED', 'odoo', T0 - 20 * sec),
        signal('CARRIER_REACHABLE', 'carrier:dhl', T0 + 10 * min, 'fulfillment'),
      ]);
      expect(ranked.map((c) => c.signal.kind)).toEqual(['CARRIER_UNREACHABLE', 'CIRCUIT_OPENED']);
      expect(ranked[0]?.evidence[1]).toBe(
        '8 of 8 failures fell while it was unreachable (until 10:12:07)',
      );
    });

    it('does not blame a 503 blip for bookings the carrier refused', () => {
      const refused = pattern({
        source: 'fulfillment-failure',
        service: 'fulfillment',
        topic: 'fulfillment.shipments',
        eventType: 'FulfillmentFailed',
        errorClass: 'ADDRESS_UNDELIVERABLE',
        message: 'BOOKING: dhl rejected the booking: dhl does not deliver to <n>',
        odooModel: null,
        odooMethod: null,
      });
      const ranked = rankChanges(groupOf([T0, T0 + sec, T0 + 2 * sec], refused), [
        signal('CARRIER_UNREACHABLE', 'carrier:dhl', T0, 'fulfillment'),
        signal('CARRIER_REACHABLE', 'carrier:dhl', T0 + 500, 'fulfillment'),
      ]);
      expect(ranked[0]?.score).toBeLessThan(0.5);
    });
  });
});
