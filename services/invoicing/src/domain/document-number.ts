export type DocumentSeries = 'INV' | 'RINV';

/** Legal number as Odoo prints it: INV/2026/00001, one counter per series and year. */
export const formatDocumentNumber = (series: DocumentSeries, year: number, n: number): string =>
  `${series}/${year}/${String(n).padStart(5, '0')}`;

/** The year a document is numbered in: its issue date's, in UTC. */
export const numberingYear = (issuedAt: number): number => new Date(issuedAt).getUTCFullYear();
