import { schemaOf } from '@o2c/contracts';
import { createDb, databaseUrlFor, runMigrations, type Db } from '@o2c/db';
import { createAvroSerde, createSchemaRegistry, ensureTopics } from '@o2c/kafka';
import { signalMigrations } from '@o2c/platform';
import { createTestDatabase, testInfra, uniqueName, type TestDatabase } from '@o2c/testing';
import { createOutput } from '../src/cli/output';
import { loadConfig } from '../src/config';
import { createContext, type OpsContext } from '../src/context';
import { readSignalReport } from '../src/triage/read-signals';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';

describe('readSignalReport', () => {
  let fx: KafkaFixture;
  let database: TestDatabase;
  let db: Db;
  let ctx: OpsContext;
  const prefix = `${uniqueName('signals')}.`;
  const now = Date.now();
  const window = { fromMs: now - 30 * 60_000, toMs: now + 60_000 };

  beforeAll(async () => {
    fx = await createKafkaFixture();
    database = await createTestDatabase('ops_signals');
    db = createDb(database.url);
    await runMigrations(db, signalMigrations);
    const missing = databaseUrlFor(
      testInfra.postgresAdminUrl,
      uniqueName('absent').replaceAll('-', '_'),
    );
    const config = loadConfig({
      KAFKA_BROKERS: testInfra.brokers.join(','),
      POSTGRES_ADMIN_URL: testInfra.postgresAdminUrl,
      SCHEMA_REGISTRY_URL: testInfra.registryUrl,
      LOG_LEVEL: 'silent',
      ODOO_ADAPTER_DATABASE_URL: database.url,
      ORDER_INTAKE_DATABASE_URL: database.url,
      FULFILLMENT_DATABASE_URL: missing,
      INVENTORY_SYNC_DATABASE_URL: database.url,
      INVOICING_DATABASE_URL: database.url,
      WEBHOOKS_DATABASE_URL: database.url,
    });
    ctx = createContext(config, createOutput(true));
  });
  afterAll(async () => {
    await ctx.close();
    await db.destroy();
    await database.drop();
    await fx.close();
  });

  it('reads recorded signals, derives lag and flow anomalies, and reports a database that does not answer', async () => {
    // Two signals inside the window, one before it; every "service" here shares one database.
    await db('platform_signals').insert([
      {
        at: new Date(now - 60 * 60_000),
        service: 'odoo-adapter',
        kind: 'SERVICE_STARTED',
        subject: '0.1.0',
      },
      {
        at: new Date(now - 5 * 60_000),
        service: 'odoo-adapter',
        kind: 'CIRCUIT_OPENED',
        subject: 'odoo',
      },
      {
        at: new Date(now - 2 * 60_000),
        service: 'odoo-adapter',
        kind: 'CIRCUIT_CLOSED',
        subject: 'odoo',
      },
    ]);
    // A group 3 messages behind, the oldest unconsumed one 4 minutes old.
    const topic = await fx.createTopic(`${prefix}lag`, 1);
    const group = `${prefix}group`;
    await fx.producer.send({
      topic,
      messages: [0, 1, 2, 3].map((i) => buildEvent({ timestamp: now - (5 - i) * 60_000 })),
    });
    await fx.admin.setOffsets({
      groupId: group,
      topic,
      partitions: [{ partition: 0, offset: '1' }],
    });
    // A flow anomaly on the environment's ops.anomalies.
    const anomalies = `${prefix}ops.anomalies`;
    await ensureTopics(fx.kafka, [{ topic: anomalies, numPartitions: 1 }]);
    const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl, 'ops-cli-test'));
    const value = await serde.encode(schemaOf('FlowAnomalyDetected'), {
      anomalyId: 'a1',
      seriesKey: 'orders:shop',
      series: 'orders',
      subject: 'shop',
      direction: 'LOW',
      observed: 0,
      expected: 12,
      lowerBound: 4,
      upperBound: 20,
      baseline: 'seasonal',
      referenceWindows: 4,
      windowStart: now - 10 * 60_000,
      windowEnd: now - 5 * 60_000,
      explanation: 'no order from shop for 5 min',
      detectedAt: now - 5 * 60_000,
    });
    await fx.producer.send({
      topic: anomalies,
      messages: [buildEvent({ type: 'FlowAnomalyDetected', value })],
    });

    try {
      const report = await readSignalReport(ctx, {
        ...window,
        topicPrefix: prefix,
        groupPrefix: prefix,
      });

      const recorded = report.signals.filter((s) => s.origin === 'recorded');
      // Five databases answered with the same two rows in the window.
      expect(recorded).toHaveLength(10);
      expect(new Set(recorded.map((s) => s.kind))).toEqual(
        new Set(['CIRCUIT_OPENED', 'CIRCUIT_CLOSED']),
      );
      const lag = report.signals.find((s) => s.kind === 'LAG_GROWING');
      expect(lag).toMatchObject({ subject: group, service: 'triage' });
      expect(Math.abs(lag!.at - (now - 4 * 60_000))).toBeLessThan(5_000);
      expect(lag!.detail).toMatch(/^3 messages behind/);
      const anomaly = report.signals.find((s) => s.kind === 'FLOW_ANOMALY');
      expect(anomaly).toMatchObject({ subject: 'orders:shop', at: now - 10 * 60_000 });
      expect(report.warnings).toEqual([
        expect.stringMatching(/^fulfillment database: unreachable/),
      ]);
      // Sorted by time.
      const times = report.signals.map((s) => s.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    } finally {
      await fx.admin.deleteGroups([group]).catch(() => undefined);
      await fx.admin.deleteTopics({ topics: [anomalies] }).catch(() => undefined);
    }
  }, 60_000);
});
