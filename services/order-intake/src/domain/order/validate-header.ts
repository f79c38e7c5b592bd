import type { Address } from '@o2c/contracts';
import { reject, type Rejection } from './rejection';
import type { MasterData, SubmitOrder } from './types';

const ADDRESS_PARTS = ['name', 'street', 'city', 'postalCode', 'countryCode'] as const;

export interface ValidHeader {
  customerId: string;
  currency: string;
  warehouseCode: string;
  shipTo: Address;
}

/** Customer, currency, warehouse and address; the customer's defaults fill what is missing. */
export function validateHeader(
  order: SubmitOrder['data'],
  master: MasterData,
): { header?: ValidHeader; reasons: Rejection[] } {
  const reasons: Rejection[] = [];
  if (!order.channelOrderRef.trim()) {
    reasons.push(
      reject(
        'MISSING_CHANNEL_ORDER_REF',
        'channelOrderRef',
        'the channel order reference is blank',
      ),
    );
  }
  const customerId = order.customerRef?.trim();
  const customer = customerId ? master.customers.get(customerId) : undefined;
  if (!customerId) reasons.push(reject('MISSING_CUSTOMER', 'customerRef', 'no customer given'));
  else if (!customer) {
    reasons.push(
      reject('UNKNOWN_CUSTOMER', 'customerRef', `customer '${customerId}' is not known`),
    );
  } else if (!customer.active) {
    reasons.push(
      reject('CUSTOMER_INACTIVE', 'customerRef', `customer '${customerId}' is archived in Odoo`),
    );
  }

  const currency = order.currency?.trim() || customer?.currency;
  if (currency && !/^[A-Z]{3}$/.test(currency)) {
    reasons.push(reject('INVALID_CURRENCY', 'currency', `'${currency}' is not an ISO 4217 code`));
  } else if (customer && currency !== customer.currency) {
    reasons.push(
      reject(
        'CURRENCY_MISMATCH',
        'currency',
        `customer '${customerId}' is invoiced in ${customer.currency}, not ${currency}`,
      ),
    );
  }

  const warehouseCode = order.warehouseCode?.trim() || master.defaultWarehouse;
  const warehouse = master.warehouses.get(warehouseCode);
  if (!warehouse) {
    reasons.push(
      reject('UNKNOWN_WAREHOUSE', 'warehouseCode', `warehouse '${warehouseCode}' is not known`),
    );
  } else if (!warehouse.active) {
    reasons.push(
      reject(
        'WAREHOUSE_INACTIVE',
        'warehouseCode',
        `warehouse '${warehouseCode}' is archived in Odoo`,
      ),
    );
  }

  // Null means "the customer's default address"; a given address must be complete by itself.
  const source = order.shipTo ?? customer?.defaultShipTo;
  const shipTo: Partial<Address> = {};
  if (source) {
    for (const part of ADDRESS_PARTS) {
      const value = source[part]?.trim();
      if (value) shipTo[part] = value;
      else reasons.push(reject('MISSING_ADDRESS', `shipTo.${part}`, `shipTo.${part} is missing`));
    }
  } else if (customer) {
    reasons.push(reject('MISSING_ADDRESS', 'shipTo', 'no delivery address'));
  }

  if (reasons.length || !customerId || !currency) return { reasons };
  return { header: { customerId, currency, warehouseCode, shipTo: shipTo as Address }, reasons };
}
