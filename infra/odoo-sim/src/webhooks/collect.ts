import { read } from '../orm/read';
import { allRecs, getRec, str } from '../orm/records';
import type { Env, Rec } from '../orm/types';

export interface WebhookDelivery {
  url: string;
  payload: Record<string, unknown>;
}

interface Rule {
  automation: Rec;
  action: Rec;
  model: string;
  fields: string[];
  stateValue?: string;
  triggerFields: string[];
}

function activeRules(env: Env): Rule[] {
  const rules: Rule[] = [];
  for (const automation of allRecs(env, 'base.automation')) {
    if (automation.active === false) continue;
    const model = str(getRec(env, 'ir.model', automation.model_id as number)?.model ?? '');
    const selection = getRec(
      env,
      'ir.model.fields.selection',
      automation.trg_selection_field_id as number,
    );
    const fieldName = (id: number) => str(getRec(env, 'ir.model.fields', id)?.name ?? '');
    for (const action of allRecs(env, 'ir.actions.server')) {
      if (
        action.base_automation_id !== automation.id ||
        action.state !== 'webhook' ||
        !action.webhook_url
      )
        continue;
      rules.push({
        automation,
        action,
        model,
        fields: ((action.webhook_field_ids as number[] | undefined) ?? []).map(fieldName),
        stateValue: selection ? String(selection.value) : undefined,
        triggerFields: ((automation.trigger_field_ids as number[] | undefined) ?? []).map(
          fieldName,
        ),
      });
    }
  }
  return rules;
}

function triggered(
  env: Env,
  rule: Rule,
  kind: string,
  fields: string[],
  before: Record<string, unknown>,
  id: number,
): boolean {
  const trigger = String(rule.automation.trigger);
  const fieldsHit =
    rule.triggerFields.length === 0 || fields.some((f) => rule.triggerFields.includes(f));
  switch (trigger) {
    case 'on_create':
      return kind === 'create';
    case 'on_write':
      return kind === 'write' && fieldsHit;
    case 'on_create_or_write':
      return kind === 'create' || (kind === 'write' && fieldsHit);
    case 'on_state_set': {
      const state = getRec(env, rule.model, id)?.state;
      if (state !== rule.stateValue) return false;
      return (
        kind === 'create' ||
        (kind === 'write' && fields.includes('state') && before.state !== state)
      );
    }
    default:
      return false;
  }
}

/** One delivery per (rule, record) per transaction, as base_automation's "already done" guard does. */
export function collectWebhooks(env: Env): WebhookDelivery[] {
  const rules = activeRules(env);
  if (rules.length === 0) return [];
  const seen = new Set<string>();
  const out: WebhookDelivery[] = [];
  for (const event of env.events) {
    for (const rule of rules) {
      if (rule.model !== event.model || event.kind === 'unlink') continue;
      const key = `${rule.action.id}:${event.id}`;
      if (seen.has(key) || !getRec(env, event.model, event.id)) continue;
      if (!triggered(env, rule, event.kind, event.fields, event.before, event.id)) continue;
      seen.add(key);
      const [values] = read(
        env,
        event.model,
        [event.id],
        rule.fields.length ? rule.fields : ['id'],
        null,
      );
      const payload = {
        ...values,
        _action: `${String(rule.action.name)}(#${rule.action.id})`,
        _id: event.id,
        _model: event.model,
      };
      if (rule.fields.length === 0) delete (payload as Record<string, unknown>).id;
      out.push({ url: String(rule.action.webhook_url), payload });
    }
  }
  return out;
}
