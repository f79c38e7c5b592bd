import { randomUUID } from 'node:crypto';
import { schemaOf, type OdooSyncFailed } from '@o2c/contracts';
import { createDb } from '@o2c/db';
import { deadLetterTopic } from '@o2c/inbox';
import { createAvroSerde, createSchemaRegistry, ensureTopics, toHeaders } from '@o2c/kafka';
import { createTestDatabase, testInfra, uniqueName, type TestDatabase } from '@o2c/testing';
import { runCli } from './cli';
import { deadLetters, type Group } from './triage-fixture';
import type { Message } from 'kafkajs';
import { createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { eventIdOf, readTopic } from './read-topic';

// Each CLI run reads every dead-letter topic and the platform signals (seconds on a busy broker).
describe('o2c-ops triage', () => {
  let fx: KafkaFixture;
  let ops: TestDatabase;
  let intake: TestDatabase;
  let env: Record<string, string>;
  const prefix = `${uniqueName('triage')}.`;
  const source = `${prefix}sales.orders`;
  const dlq = deadLetterTopic(source, `${prefix}odoo-adapter`);
  const sync = `${prefix}odoo.sync`;

  const { odooDown, unknownSku } = deadLetters(prefix, source);

  const triage = async (...args: string[]) => {
    const run = await runCli(['--json', 'triage', ...args, '--since', '1h'], env);
    if (run.code !== 0)
      throw new Error(`triage ${args.join(' ')} exited ${run.code}:\n${run.output}`);
    return run.json<{ groups: Group[]; warnings: string[] }>();
  };
  const byClass = (groups: Group[], errorClass: string) =>
    groups.filter((g) => g.pattern.errorClass === errorClass);

  const orders = Array.from({ length: 5 }, () => randomUUID());
  let down: Message[];
  /** The redrive the executed proposal ran, and its audit row. */
  let redrive: { id: string; auditId: string } | undefined;

  beforeAll(async () => {
    fx = await createKafkaFixture();
    ops = await createTestDatabase('ops_triage');
    intake = await createTestDatabase('intake_triage');
    const db = createDb(intake.url, { poolMax: 1 });
    await db.schema.createTable('orders', (t) => {
      t.text('order_id').primary();
      t.text('channel_code').notNullable();
      t.text('status').notNullable();
      t.text('currency');
      t.bigInteger('total_minor');
    });
    await db('orders').insert(
      orders.map((order_id, i) => ({
        order_id,
        channel_code: i < 3 ? 'web' : 'amazon',
        status: 'ACCEPTED',
        currency: 'EUR',
        total_minor: 1000 * (i + 1),
      })),
    );
    await db.destroy();
    env = {
      OPS_DATABASE_URL: ops.url,
      // Every service database triage may read (signals included) is one that exists here.
      ...Object.fromEntries(
        [
          'ORDER_INTAKE',
          'INVENTORY_SYNC',
          'FULFILLMENT',
          'INVOICING',
          'ODOO_ADAPTER',
          'WEBHOOKS',
        ].map((s) => [`${s}_DATABASE_URL`, intake.url]),
      ),
      SCHEMA_REGISTRY_URL: testInfra.registryUrl,
      TOPIC_PREFIX: prefix,
    };
    await ensureTopics(fx.kafka, [
      { topic: source, numPartitions: 1 },
      { topic: dlq, numPartitions: 1 },
      { topic: sync, numPartitions: 1 },
    ]);
    // Two causes: Odoo down for three orders, an unknown SKU for two others.
    down = [odooDown(orders[0]!), odooDown(orders[1]!), odooDown(orders[2]!)];
    const skus = [unknownSku(orders[3]!, 'FURN-0042'), unknownSku(orders[4]!, 'DESK-7')];
    await fx.producer.send({
      topic: dlq,
      messages: [down[0]!, skus[0]!, down[1]!, skus[1]!, down[2]!],
    });
    // And one failed Odoo call the adapter reported.
    const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
    const failed: OdooSyncFailed = {
      aggregateId: orders[0]!,
      orderId: orders[0]!,
      operation: 'POST_INVOICE',
      odooModel: 'account.move',
      externalRef: null,
      errorCode: 'ACCESS_DENIED',
      message: 'access to account.move denied for user 7',
      attempts: 1,
      retryable: false,
      sourceEventId: null,
      failedAt: Date.now(),
    };
    const eventId = randomUUID();
    await fx.producer.send({
      topic: sync,
      messages: [
        {
          key: orders[0]!,
          value: await serde.encode(schemaOf('OdooSyncFailed'), failed),
          headers: toHeaders({
            eventId,
            eventType: 'OdooSyncFailed',
            schemaVersion: 1,
            occurredAt: Date.now(),
            correlationId: orders[0]!,
            producer: 'odoo-adapter',
          }),
        },
      ],
    });
  });
  afterAll(async () => {
    await fx.admin.deleteTopics({ topics: [source, dlq, sync] }).catch(() => undefined);
    await fx.close();
    await ops.drop();
    await intake.drop();
  });

  it('finds one group per cause with counts, orders, money, blast radius and a proposal', async () => {
    const { groups } = await triage();

    expect(groups).toHaveLength(3);
    const [odoo] = byClass(groups, 'OdooError');
    const [sku] = byClass(groups, 'UNKNOWN_SKU');
    const [denied] = byClass(groups, 'ACCESS_DENIED');
    expect(odoo).toMatchObject({
      count: 3,
      orderIds: orders.slice(0, 3).sort(),
      moneyMinor: { EUR: 6000 },
      dlqTopics: { [dlq]: 3 },
      blastRadius: { ordersByStatus: { ACCEPTED: 3 } },
      proposal: { kind: 'WAIT_AND_REDRIVE', history: [] },
    });
    expect(odoo!.blastRadius.waitingStages).toContain('sale order in Odoo');
    expect(odoo!.proposal.command).toMatch(
      new RegExp(`^o2c-ops dlq redrive ${dlq.replace(/\./g, '\\.')} --reason .* --execute$`),
    );
    expect(sku).toMatchObject({
      count: 2,
      moneyMinor: { EUR: 9000 },
      proposal: { kind: 'REDRIVE_AFTER_FIX' },
    });
    const show = await runCli(['--json', 'triage', 'show', sku!.signature, '--since', '1h'], env);
    expect(show.code).toBe(0);
    const shown = show.json<{ group: { failures: { ref: string; orderId: string }[] } }>().group;
    expect(shown.failures.map((f) => f.orderId)).toEqual([orders[3], orders[4]]);
    expect(shown.failures.every((f) => f.ref.startsWith(`dlq:${dlq}/0/`))).toBe(true);
    expect(denied).toMatchObject({
      count: 1,
      pattern: { source: 'sync-failure' },
      proposal: { kind: 'ESCALATE' },
    });
  }, 120_000);

  it("executes the proposal: exactly that group's letters go back, audited with the signature", async () => {
    const [odoo] = byClass((await triage()).groups, 'OdooError');

    const dry = await runCli(['--json', 'triage', 'act', odoo!.signature, '--since', '1h'], env);
    expect(dry.code).toBe(0);
    expect(
      dry.json<{ plan: { redrives: { dryRun: { selected: number } }[] } }>().plan.redrives[0]!
        .dryRun.selected,
    ).toBe(3);
    expect(await readTopic(fx.kafka, source)).toEqual([]);

    const run = await runCli(
      ['--json', 'triage', 'act', odoo!.signature, '--since', '1h', '--execute'],
      env,
    );
    expect(run.code).toBe(0);
    const { audit } = run.json<{
      audit: { id: string; command: string; arguments: Record<string, unknown> };
    }>();
    expect(audit).toMatchObject({
      command: 'triage act',
      arguments: {
        signature: odoo!.signature,
        action: 'WAIT_AND_REDRIVE',
        proposed: 'WAIT_AND_REDRIVE',
        overridden: false,
      },
    });
    redrive = { id: (audit.arguments.redriveIds as string[])[0]!, auditId: audit.id };
    const redriven = await readTopic(fx.kafka, source);
    expect(redriven.map(eventIdOf).sort()).toEqual(down.map((m) => m.headers!['event-id']).sort());

    const after = await triage();
    expect(byClass(after.groups, 'OdooError')).toEqual([]);
    expect(byClass(after.groups, 'UNKNOWN_SKU')[0]).toMatchObject({ count: 2 });

    // The same failure comes back later (a new order): the earlier redrive resolved it.
    await fx.producer.send({ topic: dlq, messages: [odooDown(randomUUID())] });
    const [back] = byClass((await triage()).groups, 'OdooError');
    expect(back).toMatchObject({ signature: odoo!.signature, count: 1 });
    expect(back!.proposal.history).toEqual([
      expect.objectContaining({ auditId: audit.id, kind: 'WAIT_AND_REDRIVE', resolved: true }),
    ]);
    expect(back!.proposal.why).toContain(
      `WAIT_AND_REDRIVE resolved it once before: audit #${audit.id}`,
    );
  }, 120_000);

  it('judges a redrive whose letters fail again as not having resolved the group', async () => {
    const again = odooDown(orders[0]!);
    again.headers = { ...again.headers, 'redrive-id': redrive!.id };
    await fx.producer.send({ topic: dlq, messages: [again] });

    const [back] = byClass((await triage()).groups, 'OdooError');
    expect(back).toMatchObject({ count: 2 });
    expect(back!.proposal.history).toEqual([
      expect.objectContaining({ auditId: redrive!.auditId, resolved: false }),
    ]);
    expect(back!.proposal.why).toContain(
      `WAIT_AND_REDRIVE did not resolve it once: audit #${redrive!.auditId}`,
    );
  }, 120_000);

  it('records an escalation and an overridden discard, and refuses an unknown signature', async () => {
    const [denied] = byClass((await triage()).groups, 'ACCESS_DENIED');
    const run = await runCli(
      [
        '--json',
        'triage',
        'act',
        denied!.signature,
        '--since',
        '1h',
        '--note',
        'ticket OPS-1',
        '--execute',
      ],
      env,
    );
    expect(run.code).toBe(0);
    expect(
      run.json<{ audit: { arguments: Record<string, unknown> } }>().audit.arguments,
    ).toMatchObject({
      signature: denied!.signature,
      action: 'ESCALATE',
      note: 'ticket OPS-1',
    });

    // The operator overrides the proposal for the SKU group: its letters are given up, not open.
    const [sku] = byClass((await triage()).groups, 'UNKNOWN_SKU');
    const discard = await runCli(
      [
        '--json',
        'triage',
        'act',
        sku!.signature,
        '--since',
        '1h',
        '--action',
        'DISCARD',
        '--execute',
      ],
      env,
    );
    expect(discard.code).toBe(0);
    expect(
      discard.json<{ audit: { arguments: Record<string, unknown> } }>().audit.arguments,
    ).toMatchObject({
      action: 'DISCARD',
      proposed: 'REDRIVE_AFTER_FIX',
      overridden: true,
      discarded: [expect.stringMatching(/^dlq:/), expect.stringMatching(/^dlq:/)],
    });
    expect(byClass((await triage()).groups, 'UNKNOWN_SKU')).toEqual([]);

    const unknown = await runCli(['--json', 'triage', 'act', '000000000000', '--since', '1h'], env);
    expect(unknown.code).toBe(2);
  }, 120_000);
});
