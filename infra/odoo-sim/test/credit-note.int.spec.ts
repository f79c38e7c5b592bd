import type { OdooSim } from '../src/create-odoo-sim';
import { readOne } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

const CHAIR = 1;
const DESK = 2;

interface Move {
  name: string;
  state: string;
  move_type: string;
  ref: string | false;
  reversed_entry_id: [number, string] | false;
  invoice_line_ids: number[];
  amount_total: number;
}

const MOVE_FIELDS = [
  'name',
  'state',
  'move_type',
  'ref',
  'reversed_entry_id',
  'invoice_line_ids',
  'amount_total',
];

describe.each([16, 17, 19] as const)('account.move.reversal (Odoo %i)', (version) => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(version)));
  afterAll(() => sim.stop());

  const postedInvoice = async () => {
    const id = await client.call<number>('account.move', 'create', [
      {
        move_type: 'out_invoice',
        partner_id: 5,
        invoice_line_ids: [
          [0, 0, { product_id: CHAIR, quantity: 4, price_unit: 120 }],
          [0, 0, { product_id: DESK, quantity: 1, price_unit: 350 }],
        ],
      },
    ]);
    await client.call('account.move', 'action_post', [[id]]);
    return id;
  };
  // The invoice's journal, as a client must give it to Odoo 17.
  const wizardFor = (moveId: number, vals: Record<string, unknown> = {}) =>
    client.call<number>('account.move.reversal', 'create', [{ journal_id: 1, ...vals }], {
      context: { active_model: 'account.move', active_ids: [moveId], active_id: moveId },
    });
  const refund = (wizard: number) =>
    client.call<{ res_model: string; res_id: number }>(
      'account.move.reversal',
      version === 16 ? 'reverse_moves' : 'refund_moves',
      [[wizard]],
    );

  it('creates a draft credit note with the invoice’s lines, linked and referenced to it', async () => {
    await client.control('POST', 'clock', { freeze: '2025-05-06 10:00:00' });
    const invoiceId = await postedInvoice();
    const invoice = await readOne<Move>(client, 'account.move', invoiceId, MOVE_FIELDS);
    const wizard = await wizardFor(invoiceId, { reason: 'RMA-7' });
    if (version === 16) {
      expect(
        await readOne(client, 'account.move.reversal', wizard, ['refund_method', 'date_mode']),
      ).toEqual({
        id: wizard,
        refund_method: 'refund',
        date_mode: 'custom',
      });
    }
    const action = await refund(wizard);
    expect(action).toMatchObject({ type: 'ir.actions.act_window', res_model: 'account.move' });

    const credit = await readOne<Move>(client, 'account.move', action.res_id, MOVE_FIELDS);
    expect(credit).toMatchObject({
      state: 'draft',
      move_type: 'out_refund',
      ref: `Reversal of: ${invoice.name}, RMA-7`,
      reversed_entry_id: [invoiceId, invoice.name],
      amount_total: 830,
    });
    expect(await readOne(client, 'account.move.reversal', wizard, ['new_move_ids'])).toMatchObject({
      new_move_ids: [action.res_id],
    });

    const [chairLine] = credit.invoice_line_ids;
    await client.call('account.move', 'write', [
      [action.res_id],
      {
        invoice_line_ids: [
          [1, chairLine, { quantity: 1 }],
          [2, credit.invoice_line_ids[1]],
        ],
      },
    ]);
    await client.call('account.move', 'action_post', [[action.res_id]]);
    expect(await readOne<Move>(client, 'account.move', action.res_id, MOVE_FIELDS)).toMatchObject({
      name: 'RINV/2025/00001',
      state: 'posted',
      amount_total: 120,
    });
  });

  it('refuses to reverse a move that is not posted', async () => {
    const draft = await client.call<number>('account.move', 'create', [
      {
        move_type: 'out_invoice',
        partner_id: 5,
        invoice_line_ids: [[0, 0, { product_id: CHAIR, quantity: 1, price_unit: 1 }]],
      },
    ]);
    const failure = await client.failure('account.move.reversal', 'create', [{}], {
      context: { active_model: 'account.move', active_ids: [draft] },
    });
    expect(failure).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: 'You can only reverse posted moves.',
    });
  });

  it('posts the credit note in the invoice journal (RINV/…) with Odoo’s reversal ref', async () => {
    const invoiceId = await postedInvoice();
    const invoice = await readOne<Move & { journal_id: [number, string] }>(
      client,
      'account.move',
      invoiceId,
      ['name', 'journal_id'],
    );
    expect(invoice.journal_id).toEqual([1, 'Customer Invoices']);
    const action = await refund(await wizardFor(invoiceId, { reason: 'damaged' }));
    await client.call('account.move', 'action_post', [[action.res_id]]);
    const credit = await readOne<Move>(client, 'account.move', action.res_id, [
      'name',
      'ref',
      'journal_id',
    ]);
    expect(credit).toMatchObject({
      name: expect.stringMatching(/^RINV\//) as unknown,
      ref: `Reversal of: ${invoice.name}, damaged`,
      journal_id: [1, 'Customer Invoices'],
    });
  });

  if (version === 17)
    it('refuses the wizard without journal_id (ValidationError, as Odoo 17 does)', async () => {
      const invoiceId = await postedInvoice();
      const failure = await client.failure('account.move.reversal', 'create', [{ reason: 'x' }], {
        context: { active_model: 'account.move', active_ids: [invoiceId], active_id: invoiceId },
      });
      expect(failure?.name).toBe('odoo.exceptions.ValidationError');
      expect(failure?.message).toContain('a mandatory field is not set');
      expect(failure?.message).toContain('Field: Journal (journal_id)');
    });

  it(
    version === 16 ? 'has no refund_moves button on 16' : 'has no refund_method field from 17 on',
    async () => {
      const invoiceId = await postedInvoice();
      const failure =
        version === 16
          ? await client.failure('account.move.reversal', 'refund_moves', [
              [await wizardFor(invoiceId)],
            ])
          : await client.failure('account.move.reversal', 'create', [{ refund_method: 'refund' }], {
              context: { active_model: 'account.move', active_ids: [invoiceId] },
            });
      expect(failure).toBeDefined();
    },
  );
});
