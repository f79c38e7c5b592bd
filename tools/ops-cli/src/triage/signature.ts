import { createHash } from 'node:crypto';
import type { Failure, FailurePattern } from './types';

/**
 * What a message's variable parts become, in order: each rule runs on what the earlier ones
 * left: UUIDs first, then ids, so `PUR-<uuid>` becomes `<id>`. `regex` is the text a
 * placeholder stands for, so a pattern can be turned back into a matcher (patternRegex).
 */
const rules: readonly { find: RegExp; placeholder: string; regex: string }[] = [
  // ISO timestamps and dates, before the numbers inside them.
  {
    find: /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g,
    placeholder: '<ts>',
    regex: '\\d{4}-\\d{2}-\\d{2}\\S*',
  },
  { find: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, placeholder: '<email>', regex: '\\S+@\\S+' },
  // Quoted values: what a validation error quotes is data ('FURN-0042', "Acme Ltd").
  { find: /'[^'\n]*'/g, placeholder: "'<v>'", regex: "'[^']*'" },
  { find: /"[^"\n]*"/g, placeholder: '"<v>"', regex: '"[^"]*"' },
  {
    find: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    placeholder: '<uuid>',
    regex: '[0-9a-fA-F-]{36}',
  },
  {
    // Business ids: a prefix of letters then digits or a UUID (ORD-123, SO0042, PUR-<uuid>),
    // and Odoo sequences (WH/OUT/00012). UUIDs are replaced first, so `PUR-<uuid>` is one id.
    find: /\b(?:[A-Za-z]{1,10}\/){1,3}\d+\b|\b[A-Za-z]{1,10}[-_]?(?:<uuid>|\d+\b)/g,
    placeholder: '<id>',
    regex: '\\S+',
  },
  // Hex of 8+ characters with at least one digit (hashes, trace ids); plain words stay.
  { find: /\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, placeholder: '<hex>', regex: '[0-9a-fA-F]+' },
  { find: /-?\d+(?:[.,]\d+)*/g, placeholder: '<n>', regex: '-?\\d+(?:[.,]\\d+)*' },
];

/** The message with ids, numbers, quoted values, timestamps, emails and hex replaced. */
export function normaliseMessage(message: string): string {
  let text = message;
  for (const rule of rules) text = text.replace(rule.find, rule.placeholder);
  return text.replace(/\s+/g, ' ').trim();
}

/** The fields a failure's signature is computed from. */
export function patternOf(failure: Failure): FailurePattern {
  return {
    source: failure.source,
    service: failure.service,
    topic: failure.topic,
    eventType: failure.eventType,
    errorClass: failure.errorClass,
    message: normaliseMessage(failure.message),
    odooModel: failure.odooModel,
    odooMethod: failure.odooMethod,
  };
}

/** 12 hex characters of the sha256 of the pattern's fields, in a fixed order. */
export function signatureOf(pattern: FailurePattern): string {
  const fields = [
    pattern.source,
    pattern.service,
    pattern.topic,
    pattern.eventType,
    pattern.errorClass,
    pattern.message,
    pattern.odooModel,
    pattern.odooMethod,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 12);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A regex source matching the messages a normalised message stands for: literal text escaped,
 * each placeholder replaced by what it replaced. What `dlq redrive --reason` selects a group by.
 */
export function patternRegex(normalised: string): string {
  const placeholders = new Map(rules.map((r) => [r.placeholder, r.regex]));
  const split = new RegExp(`(${[...placeholders.keys()].map(escape).join('|')}| )`);
  return normalised
    .split(split)
    .filter((part) => part !== '')
    .map((part) => (part === ' ' ? '\\s+' : (placeholders.get(part) ?? escape(part))))
    .join('');
}
