import type { Logger } from 'pino';
import { SimClock } from './clock';
import { CallLog } from './control/call-log';
import { Faults, TransportFault } from './control/faults';
import { lockError, serializationFailure } from './errors';
import { buildRegistry } from './models/registry';
import { bindArgs, checkAccess, findMethod, runMethod, toIds } from './orm/call';
import { makeEnv } from './orm/env';
import { forkData, freezeData, mergeData } from './orm/store';
import type { Context, Data, Env, MethodDef, Registry } from './orm/types';
import { seedData } from './seed/seed';
import type { SimUser } from './users';
import { versionProfile, type OdooVersion, type VersionProfile } from './version';
import { collectWebhooks } from './webhooks/collect';
import { sendWebhooks, type SentWebhook } from './webhooks/send';

export interface ObjectCall {
  user: SimUser;
  model: string;
  method: string;
  /** JSON-RPC positional args (ids first for record methods). */
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  /** JSON-2: named params, ids separate. */
  json2?: { ids: unknown; params: Record<string, unknown> };
  context?: Context;
}

const MAX_TRIES = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The simulated database: committed data, the transaction runner and the test controls. */
export class SimCore {
  readonly profile: VersionProfile;
  readonly registry: Registry;
  readonly clock = new SimClock();
  readonly faults = new Faults();
  readonly calls = new CallLog();
  webhooksSent: SentWebhook[] = [];
  rpcEnabled = true;
  /** How a disabled /jsonrpc answers: the 19.x `rpc.use_deprecated_services` gate, or removed. */
  rpcDisabledMode: 'gate' | 'removed' = 'gate';
  private data: Data;

  constructor(
    version: OdooVersion,
    readonly db: string,
    readonly log: Logger,
    modules?: readonly string[],
    saleTaxPercent?: number,
  ) {
    this.profile = versionProfile(version, modules, saleTaxPercent);
    this.registry = buildRegistry(this.profile);
    this.data = freezeData(seedData(this.registry, this.profile, this.clock.now()));
  }

  reset(): void {
    this.clock.reset();
    this.faults.clear();
    this.calls.clear();
    this.webhooksSent = [];
    this.rpcEnabled = true;
    this.data = freezeData(seedData(this.registry, this.profile, this.clock.now()));
  }

  /** A read-only view for lookups that need no transaction. */
  peek(uid = 2): Env {
    return makeEnv(this.data, this.registry, this.profile, uid, {}, this.clock.now());
  }

  resolveMethod(model: string, method: string): MethodDef {
    return findMethod(this.peek(), model, method);
  }

  /** Runs `fn` as one committed transaction (control API helpers use it too). */
  async transaction<T>(
    uid: number,
    context: Context,
    fn: (env: Env) => { result: T; readOnly: boolean },
    failAtCommit = false,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const base = this.data;
      const env = makeEnv(
        forkData(base),
        this.registry,
        this.profile,
        uid,
        context,
        this.clock.transactionStamp(),
      );
      const { result, readOnly } = fn(env);
      if (readOnly) return result;
      const deliveries = collectWebhooks(env);
      if (!this.profile.webhookPostCommit)
        await sendWebhooks(deliveries, this.log, this.webhooksSent);
      if (failAtCommit) throw serializationFailure();
      if (this.data !== base) {
        if (attempt < MAX_TRIES) continue;
        throw serializationFailure();
      }
      this.data = mergeData(env.data);
      if (this.profile.webhookPostCommit)
        await sendWebhooks(deliveries, this.log, this.webhooksSent);
      return result;
    }
  }

  async execute(call: ObjectCall): Promise<unknown> {
    const target = { model: call.model, method: call.method };
    const slow = this.faults.take(['slow'], target);
    if (slow) await sleep(slow.delayMs ?? 1000);
    const fault = this.faults.take(
      ['serialization_failure', 'lock_error', 'http_500', 'timeout_after_commit'],
      target,
    );
    if (fault?.kind === 'serialization_failure' && !fault.atCommit) throw serializationFailure();
    if (fault?.kind === 'lock_error')
      throw lockError(
        `Cannot acquire a lock on ${call.model} records: another transaction holds it.`,
      );
    if (fault?.kind === 'http_500') throw new TransportFault('http_500');
    const result = await this.transaction(
      call.user.uid,
      call.context ?? {},
      (env) => {
        const m = findMethod(env, call.model, call.method);
        checkAccess(env, call.model, call.method, m, call.user.readonly);
        const { ids, args } = this.bind(call, m);
        return {
          result: runMethod(env, call.model, call.method, m, ids, args),
          readOnly: m.read === true,
        };
      },
      fault?.kind === 'serialization_failure',
    );
    if (fault?.kind === 'timeout_after_commit')
      throw new TransportFault('timeout_after_commit', fault.mode === 'hang');
    return result;
  }

  private bind(call: ObjectCall, m: MethodDef): { ids: number[]; args: Record<string, unknown> } {
    if (call.json2)
      return { ids: toIds(call.json2.ids), args: bindArgs(call.method, m, [], call.json2.params) };
    const positional = call.args ?? [];
    if (m.model) return { ids: [], args: bindArgs(call.method, m, positional, call.kwargs ?? {}) };
    const [ids, ...rest] = positional;
    return { ids: toIds(ids), args: bindArgs(call.method, m, rest, call.kwargs ?? {}) };
  }
}
