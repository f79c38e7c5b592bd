/** Formats epoch milliseconds as Odoo's naive-UTC datetime string "YYYY-MM-DD HH:MM:SS". */
export function formatDatetime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function parseDatetime(value: string): number {
  return Date.parse(`${value.replace(' ', 'T')}Z`);
}

/**
 * Test-controllable clock. Every call ("transaction") takes one timestamp at its start, like
 * PostgreSQL's now(); a queued timestamp lets a test make the next transaction start earlier than
 * writes already visible (a late commit), and freezing yields same-second ties.
 */
export class SimClock {
  private frozenAt: number | undefined;
  private offsetMs = 0;
  private queued: string[] = [];

  nowMs(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  now(): string {
    return formatDatetime(this.nowMs());
  }

  freeze(at?: string): void {
    this.frozenAt = at === undefined ? this.nowMs() : parseDatetime(at);
  }

  unfreeze(): void {
    if (this.frozenAt !== undefined) this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }

  set(at: string): void {
    const ms = parseDatetime(at);
    if (this.frozenAt !== undefined) this.frozenAt = ms;
    else this.offsetMs = ms - Date.now();
  }

  advance(seconds: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += seconds * 1000;
    else this.offsetMs += seconds * 1000;
  }

  /** The next transactions start at these timestamps, in order, whatever the clock says. */
  queueTransactionTimes(times: string[]): void {
    this.queued.push(...times);
  }

  private lastStamp = '';

  /**
   * The transaction's timestamp as PostgreSQL's now() stores it in create_date/write_date: with
   * microseconds, strictly increasing between transactions (even on a frozen clock), so records
   * written in one second by different transactions differ below the second, as on a real Odoo.
   */
  transactionStamp(): string {
    const queued = this.queued.shift();
    const second = queued ?? this.now();
    const ms = queued === undefined && this.frozenAt === undefined ? this.nowMs() % 1000 : 0;
    let stamp = `${second}.${String(ms * 1000).padStart(6, '0')}`;
    if (stamp.slice(0, 19) === this.lastStamp.slice(0, 19) && stamp <= this.lastStamp) {
      const micro = Number(this.lastStamp.slice(20)) + 1;
      if (micro < 1_000_000) stamp = `${second}.${String(micro).padStart(6, '0')}`;
    }
    this.lastStamp = stamp;
    return stamp;
  }

  reset(): void {
    this.frozenAt = undefined;
    this.offsetMs = 0;
    this.queued = [];
    this.lastStamp = '';
  }

  state(): { now: string; frozen: boolean; queued: string[] } {
    return { now: this.now(), frozen: this.frozenAt !== undefined, queued: [...this.queued] };
  }
}
