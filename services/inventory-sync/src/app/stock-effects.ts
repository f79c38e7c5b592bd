import type { EventPayloads, EventType } from '@o2c/contracts';
import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import { loadCatalogue } from '../adapters/db/catalogue-repository';
import { applyMoves, lockPositions, type PositionRow } from '../adapters/db/position-repository';
import { familyOf, type Catalogue } from '../domain/catalogue';
import { atpOf, positionKey, type StockMove } from '../domain/stock';
import type { Cause, InventoryDeps } from './inventory-deps';

/** Appends one event to the outbox with the cause's correlation and causation. */
export async function emit<T extends EventType>(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  type: T,
  data: EventPayloads[T],
): Promise<void> {
  await deps.outbox.append(
    trx,
    eventFor(type, data, {
      correlationId: cause.correlationId,
      topicPrefix: deps.topicPrefix,
      ...(cause.eventId ? { causationId: cause.eventId } : {}),
    }),
  );
}

/** Positions are created in the SKU's base unit (an unknown SKU: the unit it was first seen in). */
export const positionsOf = (
  cat: Catalogue,
  items: ReadonlyArray<{ sku: string; warehouseCode: string }>,
  fallbackUom = 'EA',
) =>
  items.map((m) => ({
    sku: m.sku,
    warehouseCode: m.warehouseCode,
    uom: cat.skus.get(m.sku)?.baseUom ?? fallbackUom,
  }));

/**
 * Locks the moves' positions, records and applies the moves (each at most once), and emits a
 * StockLevelChanged per position that changed. Returns the moves applied. `loaded`: the
 * catalogue the caller loaded for the moves' SKUs (or more), so it is not read twice; a catalogue
 * loaded for other SKUs may miss part of a move's family.
 */
export async function applyStock(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  moves: readonly StockMove[],
  loaded?: Catalogue,
): Promise<StockMove[]> {
  if (moves.length === 0) return [];
  const cat =
    loaded ??
    (await loadCatalogue(
      trx,
      moves.map((m) => m.sku),
    ));
  const family = moves.flatMap((m) =>
    familyOf(cat, m.sku).map((sku) => ({ sku, warehouseCode: m.warehouseCode })),
  );
  await lockPositions(trx, positionsOf(cat, family));
  const applied = await applyMoves(trx, moves, cause.eventId);
  // Per position that changed: its figures after its last move, and that move's cause.
  const changed = new Map(
    applied
      .filter(({ move: m }) => m.onHandDelta !== 0 || m.reservedDelta !== 0)
      .map((a) => [positionKey(a.move.sku, a.move.warehouseCode), a]),
  );
  for (const { move, position } of changed.values())
    await emitLevel(trx, deps, cause, position, move.cause);
  return applied.map((a) => a.move);
}

export const emitLevel = (
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  p: PositionRow,
  why: string,
) =>
  emit(trx, deps, cause, 'StockLevelChanged', {
    sku: p.sku,
    warehouseCode: p.warehouseCode,
    onHand: p.onHand,
    reserved: p.reserved,
    availableToPromise: atpOf(p),
    uom: p.uom,
    cause: why,
    changedAt: deps.now(),
  });
