import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_API_KEY } from '@o2c/http';
import { DeadLetterHeaders, deadLetterTopic } from '@o2c/inbox';
import { ensureTopics } from '@o2c/kafka';
import { testInfra, uniqueName, waitFor } from '@o2c/testing';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  createConsoleDatabases,
  seedOrder,
  startConsole,
  type ConsoleDatabases,
  type RunningConsole,
  type SeededOrder,
} from './console-fixture';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { readTopic } from './read-topic';

const CHROMIUM = '/usr/bin/chromium';
const artifacts = join(__dirname, '../../../.cache/artifacts/console');

/** Debian's Chromium, headless, with a profile of its own: no browser download, no sandbox. */
async function launchChromium(profile: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (as root)`,
    );
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

describe('o2c-ops console in a browser', () => {
  let fx: KafkaFixture;
  let dbs: ConsoleDatabases;
  let order: SeededOrder;
  let console_: RunningConsole;
  let browser: BrowserContext;
  let profile: string;
  let page: Page;
  let group: string;
  let dlq: string;
  let source: string;
  let lagGroup: string;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'o2c-console-chromium-'));
    await mkdir(artifacts, { recursive: true });
    fx = await createKafkaFixture();
    dbs = await createConsoleDatabases();
    order = await seedOrder(dbs);
    // One dead letter, as libs/inbox writes it, in a dead-letter topic of a group of this test.
    source = await fx.createTopic('console-src', 1);
    group = uniqueName('console-billing');
    dlq = deadLetterTopic(source, group);
    await ensureTopics(fx.kafka, [{ topic: dlq, numPartitions: 1 }]);
    const original = buildEvent({ key: order.orderId, type: 'ShipmentDispatched' });
    await fx.producer.send({
      topic: dlq,
      messages: [
        {
          ...original,
          headers: {
            ...original.headers,
            [DeadLetterHeaders.reason]: 'permanent',
            [DeadLetterHeaders.errorClass]: 'SkuNotFoundError',
            [DeadLetterHeaders.errorMessage]: 'no SKU FURN-404',
            [DeadLetterHeaders.attempts]: '1',
            [DeadLetterHeaders.originTopic]: source,
            [DeadLetterHeaders.originPartition]: '0',
            [DeadLetterHeaders.originOffset]: '0',
            [DeadLetterHeaders.failedAt]: new Date(Date.now() - 120_000).toISOString(),
            [DeadLetterHeaders.consumerGroup]: group,
          },
        },
      ],
    });
    // A consumer group three messages behind.
    const lagTopic = await fx.createTopic('console-lag', 1);
    await fx.producer.send({
      topic: lagTopic,
      messages: [buildEvent(), buildEvent(), buildEvent()],
    });
    lagGroup = uniqueName('console-lagging');
    await fx.admin.setOffsets({
      groupId: lagGroup,
      topic: lagTopic,
      partitions: [{ partition: 0, offset: '0' }],
    });
    console_ = await startConsole(dbs);
    browser = await launchChromium(profile);
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await console_?.stop();
    await fx?.admin.deleteTopics({ topics: [dlq] }).catch(() => undefined);
    await fx?.admin.deleteGroups([lagGroup]).catch(() => undefined);
    await fx?.close();
    await dbs?.drop();
    await rm(profile, { recursive: true, force: true });
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  it('asks for a key, then shows the order flow by stage', async () => {
    await page.goto(`${console_.url}/`);
    await page.locator('#key-status').filter({ hasText: 'no key' }).waitFor();
    await page.fill('#api-key', DEVELOPMENT_API_KEY);
    await page.click('#save-key');
    await page.locator('#flow-result').filter({ hasText: '1 orders received' }).waitFor();
    const accepted = page.locator('#flow-result tr', { hasText: 'accepted' }).last();
    expect(await accepted.locator('td').allInnerTexts()).toEqual(['accepted', '1', '2 s', '2 s']);
    const shipped = page.locator('#flow-result tr', { hasText: 'shipped' }).last();
    expect(await shipped.locator('td').allInnerTexts()).toEqual(['shipped', '1', '2 min', '2 min']);
    // No service runs here: the console says their exceptions are unknown, not zero.
    await page
      .locator('#exceptions-result')
      .filter({ hasText: 'fulfillment: /metrics unreachable' })
      .waitFor();
    expect(await page.locator('#exceptions-result').innerText()).toContain(
      'no open exception among the services that answered',
    );
    await shot('1-flow');
  });

  it('shows the open failures by cause, and says flow-watch did not answer', async () => {
    await page.click('#incidents-refresh');
    await page.locator('#incidents-result table').waitFor({ timeout: 60_000 });
    // The dead letter seeded above is one of the groups (the shared broker may hold others).
    expect(await page.locator('#incidents-result').innerText()).toContain('SkuNotFoundError');
    await page
      .locator('#anomalies-result')
      .filter({ hasText: 'flow-watch did not answer' })
      .waitFor();
    await shot('1b-incidents');
  });

  it('follows one order, found by its channel ref, across services to its trace', async () => {
    await page.fill('#order-query', order.channelOrderRef);
    await page.click('#order-search');
    await page.locator('#order-summary').filter({ hasText: order.orderId }).waitFor();
    const rows = await Promise.all(
      (await page.locator('#order-result tbody tr').all()).map(async (tr) =>
        (await tr.locator('td').allInnerTexts()).slice(1),
      ),
    );
    expect(rows).toEqual([
      ['order-intake', 'OrderAccepted', ''],
      ['odoo', 'sale.order #4711 create', 'after OrderAccepted'],
      ['order-intake', 'StockReserved', ''],
      ['fulfillment', 'shipment BOOKED', `${order.shipmentId}: booked with dhl`],
      ['carrier', 'PICKED_UP', `dhl ${order.trackingNumber}`],
      ['order-intake', 'ShipmentDispatched', ''],
      ['fulfillment', 'shipment DISPATCHED', order.shipmentId],
    ]);
    expect(await page.getAttribute('#trace-link', 'href')).toBe(
      `${testInfra.zipkinUrl}/zipkin/?annotationQuery=o2c.correlation_id%3D${order.orderId}`,
    );
    await shot('2-order-timeline');
  });

  it('shows the lag of a consumer group', async () => {
    await page.fill('#lag-prefix', lagGroup);
    await page.click('#lag form button, #lag-form button');
    const row = page.locator('#lag-result tr', { hasText: lagGroup });
    await row.waitFor();
    expect((await row.locator('td').allInnerTexts()).slice(0, 4)).toEqual([
      lagGroup,
      'Empty',
      '0',
      '3',
    ]);
    await shot('3-lag');
  });

  it('redrives a dead letter only after its dry run and the group typed, and audits it', async () => {
    const row = page.locator('#dead-letters-result tr', { hasText: group });
    await row.waitFor({ timeout: 60_000 });
    expect((await row.locator('td').allInnerTexts()).slice(2, 4)).toEqual([
      'permanent SkuNotFoundError',
      '1',
    ]);
    await row.locator('button.plan-redrive').click();
    const summary = page.locator('#redrive-summary');
    await summary.filter({ hasText: 'DRY RUN' }).waitFor({ timeout: 60_000 });
    expect(await summary.innerText()).toMatch(/1 dead letter\(s\) of .* would go back/);
    expect(await page.locator('#redrive-plan tbody td').nth(2).innerText()).toBe(order.orderId);
    await shot('4-redrive-dry-run');
    expect((await readTopic(fx.kafka, source)).length).toBe(0);

    await page.fill('#redrive-confirm', 'billing');
    await page.click('#redrive-execute');
    await page
      .locator('#redrive-result.error')
      .filter({ hasText: 'is not the consumer group' })
      .waitFor();
    expect((await readTopic(fx.kafka, source)).length).toBe(0);

    await page.fill('#redrive-confirm', group);
    await page.click('#redrive-execute');
    await page
      .locator('#redrive-done')
      .filter({ hasText: '1 published' })
      .waitFor({ timeout: 60_000 });
    await page
      .locator('#dead-letters-result')
      .filter({ hasNotText: group })
      .filter({ hasNotText: 'reading…' })
      .waitFor({ timeout: 60_000 });
    await page
      .locator('#jobs-result tr', { hasText: 'completed' })
      .filter({ hasText: dlq })
      .waitFor();
    await shot('5-redriven');

    const redriven = await readTopic(fx.kafka, source);
    expect(redriven.map((m) => m.key?.toString())).toEqual([order.orderId]);
    const audit = await waitFor(() =>
      dbs.db('ops')('ops_audit').where({ command: 'dlq redrive' }).first<Record<string, unknown>>(),
    );
    expect(audit).toMatchObject({
      result: 'ok',
      actor: expect.stringMatching(/^console:developer via /) as unknown,
      arguments: expect.objectContaining({ dlqTopic: dlq, via: 'console' }) as unknown,
      counts: expect.objectContaining({ published: 1 }) as unknown,
    });
    expect(await page.locator('#audit-table').innerText()).toContain('dlq redrive');
  }, 120_000);
});
