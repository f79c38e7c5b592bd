import type { ChannelAliases, SubmitOrder } from './types';

const through = (aliases: ReadonlyMap<string, string>, code: string | null | undefined) => {
  const trimmed = code?.trim();
  return trimmed ? (aliases.get(trimmed) ?? code) : code;
};

/** The order with the channel's SKU and customer codes replaced by the Odoo codes they alias. */
export function resolveAliases(
  order: SubmitOrder['data'],
  aliases: ChannelAliases,
): SubmitOrder['data'] {
  return {
    ...order,
    customerRef: through(aliases.customers, order.customerRef),
    lines: order.lines.map((line) => ({ ...line, sku: through(aliases.skus, line.sku) })),
  };
}

/** The codes an order refers to, once aliased: what the master data must be read for. */
export function referencedCodes(order: SubmitOrder['data'], aliases: ChannelAliases) {
  const resolved = resolveAliases(order, aliases);
  const skus = resolved.lines.flatMap((l) => (l.sku?.trim() ? [l.sku.trim()] : []));
  const customer = resolved.customerRef?.trim();
  return { skus: [...new Set(skus)], customers: customer ? [customer] : [] };
}
