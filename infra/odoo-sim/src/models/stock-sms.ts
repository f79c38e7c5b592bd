import { m2m } from '../orm/fields';
import { getRec } from '../orm/records';
import type { Env, ModelDef } from '../orm/types';
import { writeRecords } from '../orm/write';
import { validateFromWizard } from '../flows/validate';

/** The companies of the wizard's pickings stop asking; `dontSend` also turns the SMS off. */
function answer(env: Env, wizardIds: number[], dontSend: boolean): unknown {
  const picks = wizardIds.flatMap(
    (id) => (getRec(env, 'confirm.stock.sms', id)?.pick_ids as number[] | undefined) ?? [],
  );
  const companies = new Set(picks.map((id) => getRec(env, 'stock.picking', id)?.company_id));
  for (const company of companies) {
    if (typeof company !== 'number') continue;
    if (getRec(env, 'res.company', company)?.has_received_warning_stock_sms === true) continue;
    writeRecords(env, 'res.company', [company], {
      has_received_warning_stock_sms: true,
      ...(dontSend ? { stock_move_sms_validation: false } : {}),
    });
  }
  return validateFromWizard(env, {});
}

/** stock_sms's confirm.stock.sms: "send SMS on delivery validation?", asked once per company. */
export function confirmStockSmsModel(): ModelDef {
  return {
    name: 'confirm.stock.sms',
    description: 'Confirm Stock SMS',
    order: 'id',
    transient: true,
    fields: { pick_ids: m2m('stock.picking', 'Pick') },
    methods: {
      send_sms: { params: [], run: (env, ids) => answer(env, ids, false) },
      dont_send_sms: { params: [], run: (env, ids) => answer(env, ids, true) },
    },
  };
}
