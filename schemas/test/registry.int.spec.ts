import { COMPATIBILITY, SchemaType } from '@kafkajs/confluent-schema-registry';
import { createSchemaRegistry } from '@o2c/kafka';
import { testInfra, uniqueName } from '@o2c/testing';
import { loadCatalogue } from '../src/catalogue/catalogue';
import { createCcompatClient } from '../src/registry/ccompat-client';
import { checkAgainstRegistry } from '../src/registry/check-registry';
import { registerCatalogue, schemaText } from '../src/registry/register-catalogue';
import { loadIncompatibleCatalogue } from './fixtures';

const client = createCcompatClient(testInfra.registryUrl);
const created: string[] = [];
const prefix = () => {
  const value = `${uniqueName('schemas-test')}.`;
  created.push(value);
  return value;
};

afterAll(async () => {
  const subjects = (await (await fetch(`${testInfra.registryUrl}/subjects`)).json()) as string[];
  for (const subject of subjects.filter((s) => created.some((p) => s.startsWith(p)))) {
    await client.deleteSubject(subject);
  }
});

describe('registerCatalogue (real registry)', () => {
  const orderAccepted = loadCatalogue().subjects.find((s) => s.eventType === 'OrderAccepted')!;

  it('registers every version in order, sets BACKWARD_TRANSITIVE, and is idempotent', async () => {
    const subjectPrefix = prefix();
    const subject = `${subjectPrefix}o2c.sales.OrderAccepted`;

    const first = await registerCatalogue(client, [orderAccepted], { subjectPrefix });
    expect(first.map((r) => [r.localVersion, r.status, r.registryVersion])).toEqual([
      [1, 'registered', 1],
      [2, 'registered', 2],
    ]);
    expect(await client.compatibility(subject)).toBe('BACKWARD_TRANSITIVE');

    const again = await registerCatalogue(client, [orderAccepted], { subjectPrefix });
    expect(again.map((r) => [r.status, r.id])).toEqual(first.map((r) => ['unchanged', r.id]));
    expect(await client.versions(subject)).toEqual([1, 2]);
  });

  it('lets several registrants of one new subject run at once: all succeed, one version chain', async () => {
    const subjectPrefix = prefix();
    const subject = `${subjectPrefix}o2c.sales.OrderAccepted`;

    const runs = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        registerCatalogue(createCcompatClient(testInfra.registryUrl), [orderAccepted], {
          subjectPrefix,
        }),
      ),
    );

    expect(runs.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []))).toEqual([]);
    expect(await client.versions(subject)).toEqual([1, 2]);
    expect(await client.compatibility(subject)).toBe('BACKWARD_TRANSITIVE');
  });

  it('refuses an incompatible version with HTTP 409, visible through @kafkajs/confluent-schema-registry', async () => {
    const subjectPrefix = prefix();
    const subject = `${subjectPrefix}o2c.sales.OrderAccepted`;
    await registerCatalogue(client, [orderAccepted], { subjectPrefix });
    const latest = orderAccepted.versions.at(-1)!.schema;
    const breaking = {
      ...latest,
      fields: [
        ...latest.fields,
        { name: 'priority', type: 'string', doc: 'Required, no default.' },
      ],
    };

    const registry = createSchemaRegistry(testInfra.registryUrl, 'schemas-test');
    const attempt = registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(breaking) },
      { subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE },
    );
    const error = (await attempt.catch((e: unknown) => e)) as { status?: number; message?: string };
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/^schemas-test - .*Incompatible artifact.*priority/);
    expect(await client.versions(subject)).toEqual([1, 2]);
  });
});

describe('checkAgainstRegistry (real registry)', () => {
  it('agrees with the offline check on the incompatible fixture, transitive case included', async () => {
    const problems = await checkAgainstRegistry(client, loadIncompatibleCatalogue().subjects, {
      scratchPrefix: prefix(),
      livePrefix: prefix(),
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^o2c\.sales\.OrderAccepted: the registry refuses the version chain: .* v2: .*HTTP 409/,
    );
    expect(problems[2]).toMatch(
      /^o2c\.sales\.OrderRejected: the registry refuses the version chain: .* v3: .*HTTP 409/,
    );
  });

  it('tests unregistered local versions against every version registered in the live subject', async () => {
    const livePrefix = prefix();
    const fixture = loadIncompatibleCatalogue().subjects.find(
      (s) => s.eventType === 'OrderCancelled',
    )!;
    await client.register(
      `${livePrefix}${fixture.subject}`,
      schemaText(fixture.versions[0]!.schema),
    );

    const problems = await checkAgainstRegistry(client, [fixture], {
      scratchPrefix: prefix(),
      livePrefix,
    });
    expect(problems).toContain(
      `${livePrefix}o2c.sales.OrderCancelled: local v2 (sales/OrderCancelled.v2.avsc) is not compatible ` +
        `with registered version 1 according to ${client.baseUrl}`,
    );
  });

  it('finds nothing wrong with the real catalogue', async () => {
    const { subjects } = loadCatalogue();
    expect(
      await checkAgainstRegistry(client, subjects, {
        scratchPrefix: prefix(),
        livePrefix: prefix(),
      }),
    ).toEqual([]);
  });
});
