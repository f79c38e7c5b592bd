import type { OrderLine } from '@o2c/contracts';
import { reject, type Rejection } from './rejection';
import type { MasterData, SubmittedLine } from './types';

type LineResult = { line: OrderLine } | { reasons: Rejection[] };

function validateLine(input: SubmittedLine, index: number, master: MasterData): LineResult {
  const at = `lines[${index}]`;
  const reasons: Rejection[] = [];
  const sku = input.sku?.trim();
  const info = sku ? master.skus.get(sku) : undefined;
  if (!sku) reasons.push(reject('MISSING_SKU', `${at}.sku`, 'the line has no SKU'));
  else if (!info) reasons.push(reject('UNKNOWN_SKU', `${at}.sku`, `SKU '${sku}' is not sold`));
  else if (!info.active) {
    reasons.push(reject('SKU_INACTIVE', `${at}.sku`, `SKU '${sku}' is archived in Odoo`));
  }

  // A missing unit means the SKU's own unit; a given one must be known and be the SKU's unit.
  const uom = input.uom?.trim() || info?.uom;
  const unit = uom ? master.uoms.get(uom) : undefined;
  if (input.uom && !unit) {
    reasons.push(reject('UNKNOWN_UOM', `${at}.uom`, `unit '${input.uom}' is unknown`));
  } else if (info && uom !== info.uom) {
    reasons.push(
      reject('UOM_NOT_ALLOWED', `${at}.uom`, `SKU '${sku}' is sold in '${info.uom}', not '${uom}'`),
    );
  }

  const quantity = input.quantity;
  if (quantity == null || !Number.isFinite(quantity) || quantity <= 0) {
    reasons.push(
      reject('INVALID_QUANTITY', `${at}.quantity`, 'quantity must be a positive number'),
    );
  } else if (unit && !unit.fractional && !Number.isInteger(quantity)) {
    reasons.push(
      reject('INVALID_QUANTITY', `${at}.quantity`, `quantity in '${uom}' must be a whole number`),
    );
  }

  const price = input.unitPriceMinor;
  if (price == null || !Number.isSafeInteger(price) || price < 0) {
    reasons.push(
      reject('INVALID_PRICE', `${at}.unitPriceMinor`, 'unit price must be a whole amount ≥ 0'),
    );
  }

  if (reasons.length || !sku || !info?.active || !uom || quantity == null || price == null) {
    return { reasons };
  }
  return {
    line: {
      lineNo: index + 1,
      sku,
      quantity,
      uom,
      unitPriceMinor: price,
      // null is the channel's default policy: substitute when the SKU allows it.
      substitutionAllowed: info.substitutionAllowed && (input.substitutionAllowed ?? true),
    },
  };
}

/** Validates every line (all reasons, not just the first) and flags repeated SKU + unit pairs. */
export function validateLines(
  inputs: readonly SubmittedLine[],
  master: MasterData,
): { lines: OrderLine[]; reasons: Rejection[] } {
  if (inputs.length === 0) {
    return { lines: [], reasons: [reject('EMPTY_ORDER', 'lines', 'the order has no lines')] };
  }
  const lines: OrderLine[] = [];
  const reasons: Rejection[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const result = validateLine(input, index, master);
    if ('reasons' in result) {
      reasons.push(...result.reasons);
      return;
    }
    const key = `${result.line.sku}\u0000${result.line.uom}`;
    const first = seen.get(key);
    if (first !== undefined) {
      reasons.push(
        reject(
          'DUPLICATE_LINE',
          `lines[${index}].sku`,
          `SKU '${result.line.sku}' in '${result.line.uom}' is already ordered on lines[${first}]`,
        ),
      );
      return;
    }
    seen.set(key, index);
    lines.push(result.line);
  });
  return { lines, reasons };
}
