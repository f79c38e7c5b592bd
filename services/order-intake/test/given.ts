import { DomainError } from '../src/domain/errors';
import { decide, type OrderCommand, type OrderEvent, type OrderState } from '../src/domain/order';
import { buildMasterData } from './build';

export const NOW = Date.UTC(2026, 10, 26, 12);

/** Given (state) / When (command) / Then (events or error): the decider's specification style. */
export const given = (state?: OrderState, master = buildMasterData()) => ({
  when: (command: OrderCommand) => {
    const run = () => decide(command, state, master, { now: NOW, newOrderId: () => 'ord-new' });
    return {
      then: (expected: OrderEvent[]) => expect(run()).toEqual(expected),
      events: run,
      thenThrows: (code: DomainError['code']) => {
        let error: unknown;
        try {
          run();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe(code);
      },
    };
  },
});
