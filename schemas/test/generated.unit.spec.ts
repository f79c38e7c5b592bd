import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnProcess } from '@o2c/testing';
import { asyncApiFile } from '../src/catalogue/paths';
import { validateAsyncApi } from '../src/asyncapi/validate-asyncapi';

const cli = (name: string) => join(__dirname, '..', 'src', 'cli', `${name}.ts`);

describe('the committed generated files', () => {
  it('are what schemas:gen would generate (schemas:gen --check passes)', async () => {
    const run = spawnProcess(cli('gen'), {}, ['--check']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('libs/contracts/src/generated is up to date');
  });

  it('include an AsyncAPI document schemas:asyncapi --check accepts', async () => {
    const run = spawnProcess(cli('asyncapi'), {}, ['--check']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('schemas/asyncapi.json is up to date');
  });
});

describe('schemas/asyncapi.json', () => {
  const text = readFileSync(asyncApiFile, 'utf8');
  const document = JSON.parse(text) as {
    asyncapi: string;
    channels: Record<string, { address: string; bindings: { kafka: { partitions: number } } }>;
    components: {
      messages: Record<
        string,
        { payload: { schemaFormat: string }; bindings: { kafka: { key: unknown } } }
      >;
    };
  };

  it('is a valid AsyncAPI 3.0 document according to @asyncapi/parser', async () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(await validateAsyncApi(text)).toEqual([]);
  });

  it('describes every topic as a Kafka channel and every event type as an Avro message with a key', () => {
    expect(document.channels.salesOrders).toMatchObject({
      address: 'sales.orders',
      bindings: { kafka: { partitions: 3 } },
    });
    expect(document.components.messages.OrderAccepted).toMatchObject({
      payload: { schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0' },
      bindings: { kafka: { key: { type: 'string' } } },
    });
  });

  it('lets the parser reject a broken document (the validation is real)', async () => {
    const broken = JSON.parse(text) as typeof document;
    broken.channels.salesOrders!.bindings.kafka.partitions = 'three' as unknown as number;
    expect(await validateAsyncApi(JSON.stringify(broken))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"partitions" property type must be integer'),
      ]),
    );
  });
});
