import { buildMasterData, buildState } from './build';
import { given, NOW } from './given';

describe('decide CancelOrder', () => {
  const cancel = {
    type: 'CancelOrder' as const,
    data: { orderId: 'ord-1', reasonCode: 'CUSTOMER_REQUEST', cancelledBy: 'rest' },
  };

  it('cancels an accepted order', () => {
    given(buildState())
      .when(cancel)
      .then([
        {
          type: 'OrderCancelled',
          data: {
            orderId: 'ord-1',
            reasonCode: 'CUSTOMER_REQUEST',
            reasonText: null,
            cancelledBy: 'rest',
            cancelledAt: NOW,
          },
        },
      ]);
  });

  it('decides nothing when the order is already cancelled', () => {
    given(buildState({ status: 'cancelled' }))
      .when(cancel)
      .then([]);
  });

  it('refuses once fulfillment has started, or for a rejected order', () => {
    given(buildState({ status: 'fulfilling' }))
      .when(cancel)
      .thenThrows('ORDER_NOT_CANCELLABLE');
    given(buildState({ status: 'rejected' }))
      .when(cancel)
      .thenThrows('ORDER_NOT_CANCELLABLE');
  });

  it('refuses an order imported from Odoo, saying it is cancelled in Odoo', () => {
    given(buildState({ status: 'imported' }))
      .when(cancel)
      .thenThrows('ORDER_NOT_CANCELLABLE');
    expect(() =>
      given(buildState({ status: 'imported' }))
        .when(cancel)
        .events(),
    ).toThrow(
      'order ord-1 was imported from Odoo: it is cancelled in Odoo, not through the platform',
    );
  });

  it('refuses an unknown order', () => {
    given(undefined, buildMasterData()).when(cancel).thenThrows('ORDER_NOT_FOUND');
  });
});
