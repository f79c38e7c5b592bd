import type { Knex } from 'knex';
import type { ChannelAliases, SubmitOrder } from '../../domain/order';

export type AliasKind = 'sku' | 'customer';

export interface AliasRow {
  kind: AliasKind;
  alias: string;
  target: string;
  updatedAt: string;
}

/** The aliases of the order's channel for the codes the order uses. */
export async function loadAliases(db: Knex, order: SubmitOrder['data']): Promise<ChannelAliases> {
  const codes = [
    ...order.lines.flatMap((l) => (l.sku?.trim() ? [l.sku.trim()] : [])),
    ...(order.customerRef?.trim() ? [order.customerRef.trim()] : []),
  ];
  const rows = await db('channel_aliases')
    .where({ channel_code: order.channelCode })
    .whereIn('alias', codes)
    .select<Array<{ kind: AliasKind; alias: string; target: string }>>('kind', 'alias', 'target');
  const of = (kind: AliasKind) =>
    new Map(rows.filter((r) => r.kind === kind).map((r) => [r.alias, r.target]));
  return { skus: of('sku'), customers: of('customer') };
}

export async function listAliases(db: Knex, channelCode: string): Promise<AliasRow[]> {
  const rows = await db('channel_aliases')
    .where({ channel_code: channelCode })
    .orderBy(['kind', 'alias'])
    .select<Array<{ kind: AliasKind; alias: string; target: string; updated_at: Date }>>(
      'kind',
      'alias',
      'target',
      'updated_at',
    );
  return rows.map((r) => ({
    kind: r.kind,
    alias: r.alias,
    target: r.target,
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** Creates or replaces an alias; says whether it was new. */
export async function putAlias(
  db: Knex,
  channelCode: string,
  kind: AliasKind,
  alias: string,
  target: string,
): Promise<{ created: boolean; row: AliasRow }> {
  const [row] = await db('channel_aliases')
    .insert({ channel_code: channelCode, kind, alias, target })
    .onConflict(['channel_code', 'kind', 'alias'])
    .merge({ target, updated_at: db.fn.now() })
    .returning<Array<{ updated_at: Date; created: boolean }>>([
      'updated_at',
      db.raw('(xmax = 0) as created'),
    ]);
  return {
    created: row!.created,
    row: { kind, alias, target, updatedAt: row!.updated_at.toISOString() },
  };
}

/** Deletes an alias; false when there was none. */
export async function deleteAlias(
  db: Knex,
  channelCode: string,
  kind: AliasKind,
  alias: string,
): Promise<boolean> {
  const n = await db('channel_aliases').where({ channel_code: channelCode, kind, alias }).delete();
  return n > 0;
}
