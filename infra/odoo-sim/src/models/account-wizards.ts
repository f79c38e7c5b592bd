import { char, date, m2m, m2o, sel } from '../orm/fields';
import type { MethodDef, ModelDef } from '../orm/types';
import type { VersionProfile } from '../version';
import { refundMoves, reversalDefaults } from '../flows/refund';
import { userError } from '../errors';

/**
 * account.move.reversal, the credit note wizard. 16 chooses the method in `refund_method` and
 * runs `reverse_moves()`; 17+ dropped that field (and `date_mode`) for the `refund_moves()` and
 * `modify_moves()` buttons, `reverse_moves(is_modify=False)` being what both call.
 */
export function accountWizardModels(p: VersionProfile): ModelDef[] {
  const v16 = p.version === 16;
  const methods: Record<string, MethodDef> = v16
    ? { reverse_moves: { params: [], run: (env, ids) => refundMoves(env, ids) } }
    : {
        reverse_moves: {
          params: ['is_modify'],
          run: (env, ids, args) => refundMoves(env, ids, args.is_modify === true),
        },
        refund_moves: { params: [], run: (env, ids) => refundMoves(env, ids) },
        modify_moves: {
          params: [],
          run: () => {
            throw userError('odoo-sim does not simulate modify_moves.');
          },
        },
      };
  return [
    {
      name: 'account.move.reversal',
      description: 'Account Move Reversal',
      order: 'id',
      transient: true,
      fields: {
        move_ids: m2m('account.move', 'Move'),
        new_move_ids: m2m('account.move', 'New Move'),
        date: date('Reversal date'),
        reason: char(v16 ? 'Reason' : 'Reason displayed on Credit Note'),
        company_id: m2o('res.company', 'Company', { default: 1 }),
        // Odoo 17 refuses the wizard without it (ValidationError, observed over RPC); elsewhere
        // an empty one means the reversed move's journal.
        journal_id: m2o('account.journal', 'Journal', {
          required: p.version === 17,
        }),
        ...(v16
          ? {
              date_mode: sel(
                [
                  ['custom', 'Specific'],
                  ['entry', 'Journal Entry Date'],
                ],
                'Date Mode',
                { default: 'custom', required: true },
              ),
              refund_method: sel(
                [
                  ['refund', 'Partial Refund'],
                  ['cancel', 'Full Refund'],
                  ['modify', 'Full refund and new draft invoice'],
                ],
                'Credit Method',
                { required: true },
              ),
            }
          : {}),
      },
      prepare: (env, vals) => ({ ...reversalDefaults(env), ...vals }),
      methods,
    },
  ];
}
