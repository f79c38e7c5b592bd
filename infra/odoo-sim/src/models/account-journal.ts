import { char, m2o, sel } from '../orm/fields';
import type { Env, ModelDef } from '../orm/types';
import { allRecs } from '../orm/records';
import { createRecords } from '../orm/write';

/** account.journal: the journals a chart of accounts installs (the sale journal numbers INV/…). */
export function accountJournalModels(): ModelDef[] {
  return [
    {
      name: 'account.journal',
      description: 'Journal',
      order: 'sequence, type, code',
      fields: {
        name: char('Journal Name', { required: true }),
        code: char('Short Code', { required: true }),
        type: sel(
          [
            ['sale', 'Sales'],
            ['purchase', 'Purchase'],
            ['cash', 'Cash'],
            ['bank', 'Bank'],
            ['general', 'Miscellaneous'],
          ],
          'Type',
          { required: true },
        ),
        sequence: { type: 'integer', string: 'Sequence', default: 10 },
        company_id: m2o('res.company', 'Company', { default: 1 }),
      },
    },
  ];
}

export function seedJournals(env: Env): void {
  createRecords(env, 'account.journal', [
    { name: 'Customer Invoices', code: 'INV', type: 'sale', sequence: 5 },
    { name: 'Vendor Bills', code: 'BILL', type: 'purchase', sequence: 6 },
    { name: 'Miscellaneous Operations', code: 'MISC', type: 'general', sequence: 9 },
    { name: 'Bank', code: 'BNK1', type: 'bank', sequence: 10 },
    { name: 'Cash', code: 'CSH1', type: 'cash', sequence: 10 },
  ]);
}

/** The default journal of a move type: sales for customer documents, purchases for bills. */
export function defaultJournal(env: Env, moveType: unknown): number | false {
  const type = String(moveType).startsWith('out_')
    ? 'sale'
    : String(moveType).startsWith('in_')
      ? 'purchase'
      : 'general';
  return allRecs(env, 'account.journal').find((j) => j.type === type)?.id ?? false;
}
