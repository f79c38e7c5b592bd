import { bool, char, m2m, m2o, o2m, sel, text, when } from '../orm/fields';
import type { ModelDef } from '../orm/types';
import { str } from '../orm/records';
import type { VersionProfile } from '../version';

const TRIGGERS: [string, string][] = [
  ['on_create', 'On Creation'],
  ['on_write', 'On Update'],
  ['on_create_or_write', 'On Creation & Update'],
  ['on_unlink', 'On Deletion'],
  ['on_state_set', 'State is set to'],
  ['on_archive', 'On archived'],
  ['on_unarchive', 'On unarchived'],
  ['on_time', 'Based on Timed Condition'],
  ['on_webhook', 'On webhook'],
];

/** ir.model/ir.model.fields reflect the registry; automation rules can be created over RPC. */
export function automationModels(p: VersionProfile): ModelDef[] {
  const actionStates: [string, string][] = [
    ['code', 'Execute Code'],
    ['object_create', 'Create Record'],
    ['object_write', 'Update Record'],
    ['multi', 'Execute Existing Actions'],
  ];
  if (p.hasWebhookAction) actionStates.push(['webhook', 'Send Webhook Notification']);
  return [
    {
      name: 'ir.model.data',
      description: 'Model Data',
      order: 'module, model, name',
      displayName: (_env, rec) => `${str(rec.module)}.${str(rec.name)}`,
      fields: {
        name: char('External Identifier', { required: true }),
        module: char('Module', { required: true }),
        model: char('Model Name', { required: true }),
        res_id: { type: 'integer', string: 'Record ID' },
        complete_name: char('Complete ID', {
          compute: (_env, rec) => `${str(rec.module)}.${str(rec.name)}`,
        }),
        noupdate: bool('Non Updatable', { default: false }),
      },
    },
    {
      name: 'ir.model',
      description: 'Models',
      order: 'model',
      fields: {
        name: char('Model Description', { required: true }),
        model: char('Model', { required: true }),
        transient: bool('Transient Model'),
      },
    },
    {
      name: 'ir.model.fields',
      description: 'Fields',
      order: 'name',
      fields: {
        name: char('Field Name', { required: true }),
        model: char('Model Name', { required: true }),
        model_id: m2o('ir.model', 'Model', { required: true, ondelete: 'cascade' }),
        field_description: char('Field Label'),
        ttype: char('Field Type'),
        relation: char('Related Model'),
        selection_ids: o2m('ir.model.fields.selection', 'field_id', 'Selection Options'),
      },
    },
    {
      name: 'ir.model.fields.selection',
      description: 'Fields Selection',
      order: 'sequence, id',
      fields: {
        field_id: m2o('ir.model.fields', 'Field', { required: true, ondelete: 'cascade' }),
        value: char('Value', { required: true }),
        name: char('Name', { required: true }),
        sequence: { type: 'integer', string: 'Sequence', default: 1000 },
      },
    },
    {
      name: 'ir.actions.server',
      description: 'Server Actions',
      order: 'sequence,name',
      fields: {
        name: char('Action Name', { required: true }),
        sequence: { type: 'integer', string: 'Sequence', default: 5 },
        model_id: m2o('ir.model', 'Model', { required: true }),
        model_name: char('Model Name', { related: 'model_id.model' }),
        state: sel(actionStates, 'Type', { default: 'object_write', required: true }),
        usage: sel(
          [
            ['ir_actions_server', 'Server Action'],
            ['ir_cron', 'Scheduled Action'],
            ['base_automation', 'Automation Rule'],
          ],
          'Usage',
          { default: 'ir_actions_server' },
        ),
        code: text('Python Code'),
        base_automation_id: m2o('base.automation', 'Automation Rule', { ondelete: 'cascade' }),
        ...when(p.hasWebhookAction, {
          webhook_url: char('Webhook URL'),
          webhook_field_ids: m2m('ir.model.fields', 'Webhook Fields'),
        }),
      },
    },
    {
      name: 'base.automation',
      description: 'Automation Rule',
      order: 'id',
      fields: {
        name: char('Automation Rule Name', { required: true }),
        model_id: m2o('ir.model', 'Model', { required: true }),
        model_name: char('Model Name', { related: 'model_id.model' }),
        active: bool('Active', { default: true }),
        trigger: sel(TRIGGERS, 'Trigger', { required: true }),
        trg_selection_field_id: m2o('ir.model.fields.selection', 'Trigger Field'),
        trigger_field_ids: m2m('ir.model.fields', 'Trigger Fields'),
        action_server_ids: o2m('ir.actions.server', 'base_automation_id', 'Actions'),
        filter_domain: char('Apply on'),
        filter_pre_domain: char('Before Update Domain'),
      },
    },
  ];
}
