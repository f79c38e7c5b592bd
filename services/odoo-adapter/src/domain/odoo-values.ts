/** Odoo's false-for-empty char field as a string or null. */
export const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Odoo's "YYYY-MM-DD HH:MM:SS" (UTC) as epoch milliseconds. */
export const odooDateMs = (d: unknown): number => Date.parse(`${String(d).replace(' ', 'T')}Z`);
