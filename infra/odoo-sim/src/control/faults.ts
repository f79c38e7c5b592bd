export type FaultKind =
  'serialization_failure' | 'lock_error' | 'http_500' | 'timeout_after_commit' | 'slow' | 'down';

export interface FaultRule {
  id: number;
  kind: FaultKind;
  /** How many matching calls it still applies to; undefined = until cleared. */
  remaining?: number;
  model?: string;
  method?: string;
  delayMs?: number;
  /** For `down`: answer 503 or reset the connection. */
  /** `down`: 503 or connection reset; `timeout_after_commit`: reset (default) or hang (never answer). */
  mode?: '503' | 'reset' | 'hang';
  /** serialization_failure raised at commit time: the call ran (17 already sent its webhooks). */
  atCommit?: boolean;
}

export interface CallTarget {
  model?: string;
  method: string;
}

/** Fault injection rules; the first matching rule of each kind applies and is consumed. */
export class Faults {
  private rules: FaultRule[] = [];
  private seq = 0;

  add(rule: Omit<FaultRule, 'id'>): FaultRule {
    const full = { ...rule, id: ++this.seq };
    this.rules.push(full);
    return full;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  clear(): void {
    this.rules = [];
  }

  /** Finds (and consumes) the first rule of one of `kinds` matching the call. */
  take(kinds: FaultKind[], target: CallTarget): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        kinds.includes(r.kind) &&
        (r.model === undefined || r.model === target.model) &&
        (r.method === undefined || r.method === target.method),
    );
    if (!rule) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule;
  }

  isDown(): FaultRule | undefined {
    return this.rules.find((r) => r.kind === 'down');
  }
}

/** Thrown to the transport when a fault must be expressed at the HTTP level. */
export class TransportFault extends Error {
  constructor(
    readonly kind: 'http_500' | 'timeout_after_commit',
    readonly hang = false,
  ) {
    super(`injected ${kind}`);
    this.name = 'TransportFault';
  }
}
