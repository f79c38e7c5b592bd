export interface CallEntry {
  seq: number;
  at: string;
  transport: 'jsonrpc' | 'json2';
  service: string;
  method: string;
  model?: string;
  modelMethod?: string;
  uid?: number;
  outcome: 'ok' | 'error' | 'fault';
  error?: string;
}

/** Every RPC the simulator answered, so tests can count creates for idempotency assertions. */
export class CallLog {
  private entries: CallEntry[] = [];
  private seq = 0;

  record(entry: Omit<CallEntry, 'seq'>): void {
    this.entries.push({ ...entry, seq: ++this.seq });
  }

  list(filter: { model?: string; method?: string } = {}): CallEntry[] {
    return this.entries.filter(
      (e) =>
        (!filter.model || e.model === filter.model) &&
        (!filter.method || e.modelMethod === filter.method || e.method === filter.method),
    );
  }

  /** Counts per "model.method" (object calls) or "service.method". */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) {
      const key = e.model ? `${e.model}.${e.modelMethod ?? ''}` : `${e.service}.${e.method}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  clear(): void {
    this.entries = [];
  }
}
