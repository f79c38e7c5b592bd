import { OpsError } from '../errors';
import { createRedactor, type KnownValue } from './explain-redact';
import type { TriagedGroup } from './types';

/** An OpenAI-compatible chat endpoint (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS). */
export interface LlmEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  /** Values known to be personal (ship-to names, streets), replaced wherever they appear. */
  known?: readonly KnownValue[];
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface Explanation {
  model: string;
  summary: string;
  /** Exactly what left the process (after redaction). */
  sent: ChatMessage[];
  /** Placeholders used, per kind (how many distinct values were redacted). */
  redacted: Record<string, number>;
}

const SYSTEM =
  'You help site reliability engineers of an order-to-cash integration (Kafka, Odoo, carriers). ' +
  'Summarise the failure group below in plain words for an operator: what fails, since when, ' +
  'the most likely cause given the ranked candidate causes and their evidence, and what the ' +
  'proposed action does. At most 6 sentences. Do not invent facts that are not in the data. ' +
  'Values like <email-1> are redacted placeholders: keep them as they are.';

const iso = (ms: number) => new Date(ms).toISOString();

/** The group as the model sees it: pattern, counts, times, candidates, proposal, one sample. */
export function promptOf(group: TriagedGroup): string {
  const p = group.pattern;
  const s = group.sample;
  const lines = [
    `Signature ${group.signature}: ${group.count} failures of ${p.source} in ${p.service}` +
      `, from ${iso(group.firstSeen)} to ${iso(group.lastSeen)}.`,
    `Pattern: topic ${p.topic ?? '-'}, event ${p.eventType ?? '-'}, error ${p.errorClass ?? '-'}` +
      `, Odoo ${p.odooModel ?? '-'}/${p.odooMethod ?? '-'}, message "${p.message}".`,
    `Orders affected: ${group.orderIds.length}; money: ${money(group.moneyMinor)}; channels: ${pairs(group.channels)}.`,
    `Waiting behind it: ${group.blastRadius.waitingStages.join(', ') || 'nothing known'}` +
      `; orders by status: ${pairs(group.blastRadius.ordersByStatus)}.`,
    `Open dead letters: ${pairs(group.dlqTopics)}.`,
    'Candidate causes (best first, score 0..1):',
    ...(group.changes.length
      ? group.changes
          .slice(0, 3)
          .map(
            (c, i) =>
              `${i + 1}. ${c.signal.kind} ${c.signal.subject} (${c.signal.service}) at ` +
              `${iso(c.signal.at)}, score ${c.score.toFixed(2)}: ${c.evidence.slice(0, 2).join('; ')}`,
          )
      : ['none recorded in the window']),
    `Proposed action: ${group.proposal.kind}: ${group.proposal.why}`,
    `Sample failure at ${iso(s.at)}: ${s.errorClass ?? '-'} on ${s.topic ?? '-'} ` +
      `(${s.eventType ?? '-'}): "${s.message}"`,
  ];
  return lines.join('\n');
}

const pairs = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';
const money = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([currency, minor]) => `${(minor / 100).toFixed(2)} ${currency}`)
    .join(', ') || 'unknown';

/**
 * Asks the endpoint to summarise a group. Everything sent goes through the redactor first; order
 * ids are sent as a count only. Fails with a clear error on a timeout or a non-2xx answer.
 */
export async function explainGroup(group: TriagedGroup, llm: LlmEndpoint): Promise<Explanation> {
  const redactor = createRedactor(llm.known ?? []);
  const sent: ChatMessage[] = [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: redactor.redact(promptOf(group)) },
  ];
  const url = `${llm.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: llm.model, messages: sent, temperature: 0.2 }),
      signal: AbortSignal.timeout(llm.timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new OpsError(
      'FAILED',
      timedOut
        ? `the language model at ${url} did not answer within ${llm.timeoutMs} ms (LLM_TIMEOUT_MS)`
        : `cannot reach the language model at ${url}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const text = await res.text();
  if (!res.ok)
    throw new OpsError(
      'FAILED',
      `the language model at ${url} answered ${res.status}: ${text.slice(0, 300)}`,
    );
  let summary: string | undefined;
  try {
    const body = JSON.parse(text) as { choices?: { message?: { content?: string } }[] };
    summary = body.choices?.[0]?.message?.content?.trim();
  } catch {
    // reported below
  }
  if (!summary)
    throw new OpsError(
      'FAILED',
      `the language model at ${url} sent no summary: ${text.slice(0, 300)}`,
    );
  return { model: llm.model, summary, sent, redacted: redactor.counts() };
}
