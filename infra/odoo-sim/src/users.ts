export interface SimUser {
  uid: number;
  login: string;
  password: string;
  apiKey: string;
  /** May read; create/write/unlink and actions raise AccessError. */
  readonly: boolean;
}

export const USERS: readonly SimUser[] = [
  { uid: 2, login: 'admin', password: 'admin', apiKey: 'o2c-admin-key', readonly: false },
  { uid: 6, login: 'readonly', password: 'readonly', apiKey: 'o2c-readonly-key', readonly: true },
];

export function userByCredentials(login: unknown, secret: unknown): SimUser | undefined {
  return USERS.find((u) => u.login === login && (u.password === secret || u.apiKey === secret));
}

export function userById(uid: unknown, secret: unknown): SimUser | undefined {
  return USERS.find((u) => u.uid === uid && (u.password === secret || u.apiKey === secret));
}

export function userByApiKey(key: string): SimUser | undefined {
  return USERS.find((u) => u.apiKey === key);
}

/** Whether the user behind a uid may only read (the transaction knows the uid, not the user). */
export function isReadonlyUid(uid: number): boolean {
  return USERS.find((u) => u.uid === uid)?.readonly === true;
}
