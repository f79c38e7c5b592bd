import { RegistryError } from './registry-error';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export interface RegisteredVersion {
  readonly version: number;
  readonly id: number;
}

/**
 * The few Confluent REST calls the tooling needs, including the ones
 * @kafkajs/confluent-schema-registry does not expose (compatibility tests, config, versions,
 * deletes). `baseUrl` includes the API path, e.g. http://127.0.0.1:8081/apis/ccompat/v7.
 */
export interface CcompatClient {
  readonly baseUrl: string;
  ping(): Promise<boolean>;
  /** Registered versions of a subject, `[]` when the subject does not exist. */
  versions(subject: string): Promise<number[]>;
  /** The version under which this exact schema is registered, or null. */
  lookup(subject: string, schema: string): Promise<RegisteredVersion | null>;
  register(subject: string, schema: string): Promise<number>;
  compatibility(subject: string): Promise<string | null>;
  setCompatibility(subject: string, level: string): Promise<void>;
  isCompatible(subject: string, version: number, schema: string): Promise<boolean>;
  deleteSubject(subject: string): Promise<void>;
}

interface Reply {
  status: number;
  body: Record<string, unknown> & { message?: string; error_code?: number };
}

export function createCcompatClient(baseUrl: string): CcompatClient {
  const base = baseUrl.replace(/\/+$/, '');
  const path = (...parts: (string | number)[]) =>
    parts.map((p) => encodeURIComponent(String(p))).join('/');

  async function call(method: string, url: string, body?: unknown): Promise<Reply> {
    let response: Response;
    try {
      response = await fetch(`${base}/${url}`, {
        method,
        headers: { 'Content-Type': CONTENT_TYPE, Accept: CONTENT_TYPE },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new RegistryError('REGISTRY_UNREACHABLE', `registry ${base} unreachable`, undefined, {
        cause: error,
      });
    }
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    return { status: response.status, body: parsed as Reply['body'] };
  }

  function fail(method: string, url: string, reply: Reply): never {
    const code = reply.status === 409 ? 'REGISTRY_INCOMPATIBLE' : 'REGISTRY_FAILED';
    const detail = reply.body.message ?? JSON.stringify(reply.body);
    throw new RegistryError(
      code,
      `${method} ${url} → HTTP ${reply.status}: ${detail}`,
      reply.status,
    );
  }

  const client: CcompatClient = {
    baseUrl: base,
    async ping() {
      try {
        return (await call('GET', 'subjects')).status === 200;
      } catch {
        return false;
      }
    },
    async versions(subject) {
      const url = `subjects/${path(subject)}/versions`;
      const reply = await call('GET', url);
      if (reply.status === 404) return [];
      if (reply.status !== 200) fail('GET', url, reply);
      return reply.body as unknown as number[];
    },
    async lookup(subject, schema) {
      const url = `subjects/${path(subject)}`;
      const reply = await call('POST', url, { schema });
      if (reply.status === 404) return null;
      if (reply.status !== 200) fail('POST', url, reply);
      return { version: Number(reply.body.version), id: Number(reply.body.id) };
    },
    async register(subject, schema) {
      const url = `subjects/${path(subject)}/versions`;
      const reply = await call('POST', url, { schema });
      if (reply.status !== 200) fail('POST', url, reply);
      return Number(reply.body.id);
    },
    async compatibility(subject) {
      const url = `config/${path(subject)}`;
      const reply = await call('GET', url);
      if (reply.status === 404) return null;
      if (reply.status !== 200) fail('GET', url, reply);
      return String(reply.body.compatibilityLevel);
    },
    async setCompatibility(subject, level) {
      const url = `config/${path(subject)}`;
      // Apicurio creates a rule on the first PUT; a concurrent first PUT gets "A rule named
      // 'COMPATIBILITY' already exists" (409). The rule exists now: re-read it, PUT once more if
      // the other writer chose another level (a second PUT updates the existing rule).
      for (let tries = 1; ; tries++) {
        const reply = await call('PUT', url, { compatibility: level });
        if (reply.status === 200) return;
        const raced = reply.status === 409 && /already exists/i.test(reply.body.message ?? '');
        if (!raced || tries >= 3) fail('PUT', url, reply);
        if ((await client.compatibility(subject)) === level) return;
      }
    },
    async isCompatible(subject, version, schema) {
      const url = `compatibility/subjects/${path(subject)}/versions/${version}`;
      const reply = await call('POST', url, { schema });
      if (reply.status !== 200) fail('POST', url, reply);
      return reply.body.is_compatible === true;
    },
    async deleteSubject(subject) {
      for (const query of ['', '?permanent=true']) {
        const url = `subjects/${path(subject)}${query}`;
        const reply = await call('DELETE', url);
        if (reply.status !== 200 && reply.status !== 404) fail('DELETE', url, reply);
      }
    },
  };
  return client;
}
