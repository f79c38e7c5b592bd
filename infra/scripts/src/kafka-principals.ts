import { listServices } from './services';

/**
 * The SCRAM principals of the local broker's SASL listener: the admin `kafka:provision` acts as,
 * and one per service. Their passwords are public development values, like the simulators'
 * secrets: the listener is on loopback, and a real cluster's operator sets its own.
 */
export const localPrincipals = (): string[] => ['o2c-admin', ...listServices().map((s) => s.name)];

export const localPassword = (principal: string): string => `${principal}-local-secret`;

/** The `SCRAM-SHA-512=[…]` credential of a principal, as StorageTool and ConfigCommand take it. */
export const scramCredential = (principal: string, withName: boolean): string =>
  `SCRAM-SHA-512=[${withName ? `name=${principal},` : ''}password=${localPassword(principal)}]`;
