import { blocker, ok, warning } from './check';
import type { Check, SetupFacts } from './setup-facts';

/** The modules the platform needs (blocker when missing) or uses when present (warning). */
const MODULES: ReadonlyArray<{ name: string; need: 'blocker' | 'warning' | 'info'; why: string }> =
  [
    { name: 'sale_management', need: 'blocker', why: 'sale orders (Sales app)' },
    { name: 'stock', need: 'blocker', why: 'deliveries and stock (Inventory app)' },
    { name: 'account', need: 'blocker', why: 'invoices and credit notes (Invoicing app)' },
    {
      name: 'stock_delivery',
      need: 'warning',
      why: 'tracking numbers on deliveries (carrier_tracking_ref)',
    },
    { name: 'sms', need: 'info', why: 'SMS sending' },
    { name: 'stock_sms', need: 'info', why: 'SMS confirmation of deliveries' },
  ];

export const PLATFORM_MODULES = MODULES.map((m) => m.name);

export function assessServer(f: SetupFacts): Check[] {
  const { version, major, protocol, uid } = f.server;
  const transport = protocol === 'json2' ? 'JSON-2' : 'JSON-RPC';
  return [
    major >= 16 && major <= 19
      ? ok('server-version', 'Odoo 16 to 19', `Odoo ${version}, API user uid ${uid}`)
      : warning(
          'server-version',
          'Odoo 16 to 19',
          `Odoo ${version}`,
          'untested version: run the sync on a copy of the database first',
        ),
    major >= 19 && protocol === 'jsonrpc'
      ? warning(
          'transport',
          'JSON-2 on Odoo 19+',
          `${transport} (deprecated from 19, removed in 22)`,
          'set ODOO_PROTOCOL=auto (or json2) with an API key in ODOO_API_KEY',
        )
      : ok('transport', 'a transport the server serves', transport),
  ];
}

export function assessModules(f: SetupFacts): Check[] {
  return MODULES.map(({ name, need, why }) => {
    const state = f.modules[name] ?? 'unknown';
    const title = why;
    if (state === 'installed' || need === 'info')
      return ok(`module:${name}`, title, state === 'installed' ? 'installed' : 'not installed');
    const remedy =
      name === 'stock_delivery'
        ? "install 'Delivery - Stock' (stock_delivery) in Apps; without it the adapter keeps tracking numbers in its own ledger only"
        : `install ${name} in Apps (Odoo › Apps, remove the 'Apps' filter, search '${name}')`;
    return (need === 'blocker' ? blocker : warning)(`module:${name}`, title, state, remedy);
  });
}

export function assessSettings(f: SetupFacts, skipSms: boolean): Check[] {
  const asking = f.companies.filter((c) => c.smsConfirmation === true && !c.smsQuestionAnswered);
  const smsTitle = 'deliveries validate without the SMS question (stock_sms)';
  const names = asking.map((c) => c.name).join(', ');
  const sms =
    asking.length === 0
      ? ok(
          'sms-confirmation',
          smsTitle,
          f.modules.stock_sms === 'installed'
            ? 'SMS Confirmation off or already answered'
            : 'stock_sms not installed',
        )
      : skipSms
        ? warning(
            'sms-confirmation',
            smsTitle,
            `SMS Confirmation on for ${names}; the adapter validates with skip_sms (ODOO_SKIP_SMS=true), so Odoo texts no customer`,
            'to send Odoo SMS, answer the question once in Odoo and set ODOO_SKIP_SMS=false; otherwise nothing to do',
          )
        : blocker(
            'sms-confirmation',
            smsTitle,
            `SMS Confirmation on for ${names} and ODOO_SKIP_SMS=false: every validation answers Odoo's SMS question instead of validating`,
            'turn off Inventory › Settings › SMS Confirmation, answer the question once in Odoo, or set ODOO_SKIP_SMS=true',
          );
  const multiStep = f.warehouses.filter((w) => w.deliverySteps !== 'ship_only');
  const steps =
    multiStep.length === 0
      ? ok(
          'delivery-steps',
          'one-step deliveries (ship_only)',
          `${f.warehouses.length} warehouses, all one step`,
        )
      : blocker(
          'delivery-steps',
          'one-step deliveries (ship_only)',
          multiStep.map((w) => `${w.code}: ${w.deliverySteps}`).join(', '),
          "Inventory › Configuration › Warehouses: set Outgoing Shipments to 'Deliver goods directly (1 step)'; the adapter validates one delivery per shipment",
        );
  return [sms, steps];
}

/** What the adapter does: sale orders, deliveries, invoices, credit notes; master data read. */
export const NEEDED_ACCESS: ReadonlyArray<[string, ReadonlyArray<'read' | 'write' | 'create'>]> = [
  ['sale.order', ['read', 'create', 'write']],
  ['sale.order.line', ['read', 'create', 'write']],
  ['stock.picking', ['read', 'write']],
  ['stock.move', ['read', 'write']],
  ['stock.quant', ['read']],
  ['account.move', ['read', 'create', 'write']],
  ['sale.advance.payment.inv', ['create']],
  ['account.move.reversal', ['create']],
  ['res.partner', ['read']],
  ['product.product', ['read']],
  ['uom.uom', ['read']],
  ['stock.warehouse', ['read']],
];

export function assessAccess(f: SetupFacts, login: string): Check {
  const denied = f.access.filter((a) => !a.allowed).map((a) => `${a.model} ${a.operation}`);
  const title = 'API user may read, create and write what the platform syncs';
  return denied.length === 0
    ? ok('access-rights', title, `${f.access.length} rights checked, all granted to ${login}`)
    : blocker(
        'access-rights',
        title,
        `${login} lacks ${denied.join(', ')}`,
        `give ${login} Sales: User (All Documents), Inventory: User and Invoicing: Billing (Settings › Users)`,
      );
}
