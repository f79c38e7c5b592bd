import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Command } from 'commander';
import { registerTriageExplain } from '../src/commands/triage-explain-command';
import { OpsError } from '../src/errors';
import { explainGroup } from '../src/triage/explain';
import type { Failure, TriagedGroup } from '../src/triage/types';

interface Received {
  url: string;
  authorization: string | undefined;
  body: string;
}

const T0 = Date.parse('2026-12-04T10:02:07Z');
const PERSONAL = [
  'CUST-0042',
  'Jane Doe',
  'jane.doe@example.com',
  '+49 30 1234 5678',
  'Hauptstraße 12',
  '10115 Berlin',
  'DE89 3704 0044 0532 0130 00',
];

const group = (): TriagedGroup => {
  const sample = {
    source: 'sync-failure',
    service: 'odoo-adapter',
    topic: 'sales.orders',
    eventType: 'OrderAccepted',
    errorClass: 'UNKNOWN_PARTNER',
    message:
      'no res.partner for customer CUST-0042: contact Jane Doe, jane.doe@example.com, ' +
      '+49 30 1234 5678, Hauptstraße 12, 10115 Berlin, IBAN DE89 3704 0044 0532 0130 00',
    odooModel: 'res.partner',
    odooMethod: 'search_read',
    channel: 'webshop',
    orderId: 'ord-1',
    eventId: null,
    at: T0,
    ref: 'odoo.sync/0/12',
    dlqTopic: null,
    group: null,
    retryable: false,
  } satisfies Failure;
  return {
    signature: 'abcdef012345',
    pattern: { ...sample, message: 'no res.partner for customer <id>: contact <s>' },
    count: 3,
    firstSeen: T0,
    lastSeen: T0 + 60_000,
    orderIds: ['ord-1', 'ord-2', 'ord-3'],
    moneyMinor: { EUR: 105_000 },
    sample,
    channels: { webshop: 3 },
    blastRadius: { waitingStages: ['Odoo sale order'], ordersByStatus: { ACCEPTED: 3 } },
    dlqTopics: {},
    changes: [
      {
        signal: {
          at: T0 - 120_000,
          kind: 'VERSION_CHANGED',
          service: 'order-intake',
          subject: '0.2.0',
          detail: 'from 0.1.0',
          origin: 'recorded',
        },
        score: 0.71,
        evidence: [
          'VERSION_CHANGED 0.2.0 (order-intake) at 10:00:07, 2 min before the first failure',
        ],
      },
    ],
    proposal: {
      kind: 'REDRIVE_AFTER_FIX',
      why: 'master data missing: create the partner for Jane Doe first',
      before: [],
      command: 'o2c-ops dlq redrive …',
      dryRun: 'o2c-ops dlq redrive … --dry-run',
      history: [],
      act: 'o2c-ops triage act abcdef012345',
    },
  };
};

describe('triage explain', () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
        answer(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => (received.length = 0));

  describe('when the endpoint answers', () => {
    it('sends a redacted prompt with the model and key, and returns the summary', async () => {
      answer = (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ choices: [{ message: { content: ' A partner is missing. ' } }] }));

      const e = await explainGroup(group(), {
        baseUrl,
        model: 'local-model',
        apiKey: 'k-123',
        timeoutMs: 5000,
      });

      expect(e.summary).toBe('A partner is missing.');
      expect(received).toHaveLength(1);
      const [req] = received;
      expect(req?.url).toBe('/v1/chat/completions');
      expect(req?.authorization).toBe('Bearer k-123');
      const body = JSON.parse(req!.body) as {
        model: string;
        messages: { role: string; content: string }[];
      };
      expect(body.model).toBe('local-model');
      for (const value of PERSONAL) expect(req!.body).not.toContain(value);
      expect(req!.body).not.toMatch(/ord-\d/); // order ids go as a count
      const user = body.messages.find((m) => m.role === 'user')!.content;
      expect(user).toContain('3 failures of sync-failure in odoo-adapter');
      expect(user).toContain('VERSION_CHANGED 0.2.0 (order-intake)');
      expect(user).toContain('<customer-1>');
      expect(e.sent).toEqual(body.messages);
      expect(e.redacted).toMatchObject({
        customer: 1,
        email: 1,
        phone: 1,
        iban: 1,
        street: 1,
        name: 1,
      });
    });
  });

  describe('when the endpoint fails', () => {
    it('says what it answered on a non-2xx', async () => {
      answer = (_req, res) => res.writeHead(503).end('model loading');
      const failing = explainGroup(group(), { baseUrl, model: 'm', timeoutMs: 5000 });
      await expect(failing).rejects.toThrow(OpsError);
      await expect(failing).rejects.toThrow(/answered 503: model loading/);
      expect(received[0]?.authorization).toBeUndefined();
    });

    it('gives up after the timeout', async () => {
      answer = () => undefined; // never answers
      await expect(explainGroup(group(), { baseUrl, model: 'm', timeoutMs: 300 })).rejects.toThrow(
        /did not answer within 300 ms/,
      );
    });
  });

  describe('when LLM_BASE_URL is not set', () => {
    it('exits 2 saying how to enable it, without looking for the group', async () => {
      const program = new Command().exitOverride();
      let looked = false;
      registerTriageExplain(program.command('triage'), {
        env: { LOG_LEVEL: 'silent' },
        windowOptions: (c) => c,
        findGroup: () => {
          looked = true;
          return Promise.resolve(undefined);
        },
      });
      const stderr: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = (s: string) => (stderr.push(s), true);
      try {
        await program.parseAsync(['node', 'o2c-ops', 'triage', 'explain', 'abcdef012345']);
      } finally {
        process.stderr.write = write;
      }
      expect(process.exitCode).toBe(2);
      process.exitCode = 0;
      expect(looked).toBe(false);
      expect(stderr.join('')).toMatch(/triage explain is off: .*LLM_BASE_URL/);
    });
  });
});
