/**
 * Redaction of personal data and secrets before anything leaves the process (`triage explain`).
 * Each distinct value becomes a stable placeholder (`<email-1>`: the same address, the same
 * placeholder, in every text a redactor sees), so the model still sees that two failures share a
 * customer without seeing who it is. Pure: no IO.
 *
 * What it replaces, in this order (secrets first, so a token is never half-read as a phone):
 * - values of personal or secret keys in JSON or `key=value` text (name, street, city, postalCode,
 *   email, phone, customerId/customerRef, address…, apiKey, token, secret, password, authorization);
 * - bearer tokens and key-shaped strings (sk-…, ghp_…, 32+ characters of letters and digits);
 * - values the caller knows are personal (`known`: the affected orders' ship-to names, streets);
 * - emails, IBANs, customer ids (CUST-…), phone numbers (+ or 00 prefix, or 8+ digits in groups);
 * - street addresses (a word ending in straße/street/road/weg/… and a house number, or a number
 *   and a capitalised street word), a postal code followed by a town, and person names after a label (customer, contact, recipient,
 *   attn, name, buyer).
 * A value found once is then replaced wherever else it appears, in this text and later ones.
 * Free text may still hold a name no rule sees: the prompt sends only fields triage needs, and
 * `--show-prompt` shows exactly what was sent.
 */
export interface Redactor {
  redact(text: string): string;
  /** Placeholder → how many distinct values of that kind were replaced. */
  counts(): Record<string, number>;
}

export interface KnownValue {
  kind: 'name' | 'street' | 'city' | 'postal-code' | 'customer' | 'email' | 'phone';
  value: string;
}

const PERSONAL_KEYS: Record<string, string> = {
  name: 'name',
  firstname: 'name',
  lastname: 'name',
  fullname: 'name',
  contactname: 'name',
  customername: 'name',
  recipient: 'name',
  street: 'street',
  street2: 'street',
  address: 'address',
  addressline1: 'address',
  addressline2: 'address',
  city: 'city',
  zip: 'postal-code',
  postalcode: 'postal-code',
  email: 'email',
  phone: 'phone',
  mobile: 'phone',
  customerid: 'customer',
  customerref: 'customer',
  vat: 'customer',
  iban: 'iban',
  apikey: 'secret',
  api_key: 'secret',
  token: 'secret',
  accesstoken: 'secret',
  secret: 'secret',
  password: 'secret',
  authorization: 'secret',
};

const KEYED_JSON = /"([A-Za-z_][\w-]*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const KEYED_TEXT = /\b([A-Za-z_][\w-]*)(=|:(?=[^\s/]))(?!["<])([^\s,;&)}\]]+)/g;
const SECRET_TEXT =
  /\b(api[_-]?key|access[_-]?token|token|secret|password|authorization)(\s*[:=]\s*)(?![<"]|Bearer\b|Basic\b)([^\s,;&)}\]"]+)/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const KEY_SHAPED = /\b(?:sk|pk|rk|ghp|gho|xox[abp])[-_][A-Za-z0-9_-]{10,}\b/g;
const LONG_TOKEN =
  /\b(?![0-9a-f]{8}-[0-9a-f]{4}-)(?=[A-Za-z0-9_-]{32,}\b)(?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])[A-Za-z0-9_-]+\b/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
const CUSTOMER = /\bCUST-[A-Za-z0-9-]+\b/g;
const PHONE =
  /(?<![\w-])(?:(?:\+|00)\d{1,3}[\s./-]?(?:\(\d+\)[\s./-]?)?\d[\d\s./-]{5,}\d|\(?0\d{2,4}\)?[\s/-]\d{3,}(?:[\s-]\d{2,})*)(?![\w-])/g;
const STREET =
  /\b[\p{L}.-]*(?:straße|strasse|str\.|gasse|weg|platz|allee|street|road|avenue|lane|drive|rue|via|calle)\s+\d+\s?[a-z]?\b|\b\d+[A-Za-z]?\s+(?:\p{Lu}\p{Ll}+\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Drive|Boulevard)\b/giu;
const POSTAL_CITY = /\b\d{4,5}\s+\p{Lu}\p{Ll}+(?:[\s-]\p{Lu}\p{Ll}+)?\b/gu;
const LABELLED_NAME =
  /\b([Cc]ustomer|[Cc]ontact|[Rr]ecipient|[Aa]ttn|[Nn]ame|[Bb]uyer|[Ss]hip to)(:?\s+)((?:\p{Lu}[\p{Ll}'-]+)(?:\s+\p{Lu}[\p{Ll}'-]+){0,3})/gu;

export function createRedactor(known: readonly KnownValue[] = []): Redactor {
  const seen = new Map<string, Map<string, string>>();
  const placeholder = (kind: string, value: string) => {
    const ofKind = seen.get(kind) ?? new Map<string, string>();
    seen.set(kind, ofKind);
    let p = ofKind.get(value);
    if (!p) ofKind.set(value, (p = `<${kind}-${ofKind.size + 1}>`));
    return p;
  };
  const keyKind = (key: string) =>
    PERSONAL_KEYS[key.toLowerCase().replace(/[-_]/g, '')] ?? PERSONAL_KEYS[key.toLowerCase()];
  const knownSorted = [...known]
    .filter((k) => k.value.trim().length >= 3)
    .sort((a, b) => b.value.length - a.value.length);

  return {
    redact(text) {
      let out = text
        .replace(KEYED_JSON, (all, key: string, value: string) => {
          const kind = keyKind(key);
          return kind && value ? `"${key}": "${placeholder(kind, value)}"` : all;
        })
        .replace(BEARER, (all, scheme: string) => `${scheme} ${placeholder('secret', all)}`)
        .replace(KEYED_TEXT, (all, key: string, sep: string, value: string) => {
          const kind = keyKind(key);
          return kind ? `${key}${sep}${placeholder(kind, value)}` : all;
        })
        .replace(
          SECRET_TEXT,
          (_all, key: string, sep: string, value: string) =>
            `${key}${sep}${placeholder('secret', value)}`,
        )
        .replace(KEY_SHAPED, (v) => placeholder('secret', v))
        .replace(LONG_TOKEN, (v) => placeholder('secret', v));
      for (const k of knownSorted) out = out.split(k.value).join(placeholder(k.kind, k.value));
      out = out
        .replace(EMAIL, (v) => placeholder('email', v))
        .replace(IBAN, (v) => placeholder('iban', v))
        .replace(CUSTOMER, (v) => placeholder('customer', v))
        .replace(PHONE, (v) => (digits(v) >= 7 ? placeholder('phone', v) : v))
        .replace(STREET, (v) => placeholder('street', v))
        .replace(POSTAL_CITY, (v) => placeholder('postal-code', v))
        .replace(
          LABELLED_NAME,
          (_all, label: string, gap: string, name: string) =>
            `${label}${gap}${placeholder('name', name)}`,
        );
      // A value found once (a labelled name) is replaced wherever else it appears unlabelled.
      for (const [value, p] of [...seen.values()]
        .flatMap((m) => [...m])
        .sort((a, b) => b[0].length - a[0].length))
        if (value.length >= 3) out = out.split(value).join(p);
      return out;
    },
    counts() {
      return Object.fromEntries([...seen].map(([kind, values]) => [kind, values.size]));
    },
  };
}

const digits = (s: string) => s.replace(/\D/g, '').length;
