import { bool, char, int, m2o, o2m, sel } from '../orm/fields';
import { getRec } from '../orm/records';
import type { Env, ModelDef, Rec } from '../orm/types';
import type { VersionProfile } from '../version';

function partnerName(env: Env, rec: Rec): string {
  const name = typeof rec.name === 'string' ? rec.name : '';
  const parent =
    typeof rec.parent_id === 'number' ? getRec(env, 'res.partner', rec.parent_id) : undefined;
  return parent && typeof parent.name === 'string' ? `${parent.name}, ${name}` : name;
}

function commercialPartner(env: Env, rec: Rec): number {
  let current = rec;
  while (!current.is_company && typeof current.parent_id === 'number') {
    const parent = getRec(env, 'res.partner', current.parent_id);
    if (!parent) break;
    current = parent;
  }
  return current.id;
}

export function resModels(p: VersionProfile): ModelDef[] {
  return [
    {
      name: 'res.currency',
      description: 'Currency',
      order: 'active desc, name',
      fields: {
        name: char('Currency', { required: true }),
        symbol: char('Symbol'),
        rounding: { type: 'float', string: 'Rounding Factor', default: 0.01 },
        active: bool('Active', { default: true }),
      },
    },
    {
      name: 'res.country',
      description: 'Country',
      order: 'name',
      fields: { name: char('Country Name', { required: true }), code: char('Country Code') },
    },
    {
      name: 'res.company',
      description: 'Companies',
      order: 'sequence, name',
      fields: {
        name: char('Company Name', { required: true }),
        sequence: int('Sequence', { default: 10 }),
        currency_id: m2o('res.currency', 'Currency', { required: true }),
        partner_id: m2o('res.partner', 'Partner'),
        account_sale_tax_id: m2o('account.tax', 'Default Sale Tax'),
        account_purchase_tax_id: m2o('account.tax', 'Default Purchase Tax'),
        ...(p.modules.has('stock_sms')
          ? {
              // "SMS Confirmation" in the Inventory settings: on by default.
              stock_move_sms_validation: bool('SMS Confirmation', { default: true }),
              has_received_warning_stock_sms: bool('Has received warning stock sms', {
                default: false,
              }),
            }
          : {}),
      },
    },
    {
      name: 'res.partner',
      description: 'Contact',
      order: 'complete_name ASC, id DESC',
      displayName: (env, rec) => partnerName(env, rec),
      fields: {
        name: char('Name'),
        complete_name: char('Complete Name', { compute: (env, rec) => partnerName(env, rec) }),
        ref: char('Reference'),
        email: char('Email'),
        phone: char('Phone'),
        mobile: char('Mobile'),
        vat: char('Tax ID'),
        is_company: bool('Is a Company', { default: false }),
        parent_id: m2o('res.partner', 'Related Company'),
        child_ids: o2m('res.partner', 'parent_id', 'Contact'),
        type: sel(
          [
            ['contact', 'Contact'],
            ['invoice', 'Invoice Address'],
            ['delivery', 'Delivery Address'],
            ['other', 'Other Address'],
          ],
          'Address Type',
          { default: 'contact' },
        ),
        street: char('Street'),
        city: char('City'),
        zip: char('Zip'),
        country_id: m2o('res.country', 'Country'),
        // Company-dependent in Odoo: the partner's pricelist (its orders' currency).
        property_product_pricelist: m2o('product.pricelist', 'Pricelist'),
        customer_rank: int('Customer Rank'),
        supplier_rank: int('Supplier Rank'),
        commercial_partner_id: m2o('res.partner', 'Commercial Entity', {
          compute: (env, rec) => commercialPartner(env, rec),
        }),
        company_id: m2o('res.company', 'Company'),
        active: bool('Active', { default: true }),
      },
    },
    {
      name: 'res.users',
      description: 'User',
      order: 'name, login',
      fields: {
        login: char('Login', { required: true }),
        partner_id: m2o('res.partner', 'Related Partner', { required: true }),
        name: char('Name', { related: 'partner_id.name' }),
        company_id: m2o('res.company', 'Company'),
        active: bool('Active', { default: true }),
      },
      methods: {
        context_get: {
          params: [],
          model: true,
          read: true,
          run: (env) => ({ lang: 'en_US', tz: 'UTC', uid: env.uid }),
        },
      },
    },
  ];
}
