// Who may do what: four roles, each including the ones before it, and the caller they belong to.

export const roles = ['viewer', 'accountant', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** What each role adds to the one before it (the README's "Who may do what" says the same). */
export const roleScope: Record<Role, string> = {
  viewer: 'queries and subscriptions on business data',
  accountant: 'document, payment and master-data mutations',
  operator: 'dead letters, conflicts, resync, refresh and sync operations',
  admin: 'API keys and everything else',
};

/** The caller of one request or WebSocket connection; null when it brought no credential. */
export interface Actor {
  kind: 'key' | 'token' | 'local';
  id: string;
  name: string;
  role: Role;
}

/** Without any configured authentication the caller is this, and the server listens on loopback only. */
export const localActor: Actor = { kind: 'local', id: 'local', name: 'local', role: 'admin' };

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (roles as readonly string[]).includes(value);

/** True when `role` includes `needed` (admin includes operator, and so on). */
export const covers = (role: Role, needed: Role): boolean => roles.indexOf(role) >= roles.indexOf(needed);

/** The highest known role among `values`; unknown names are ignored, none known gives null. */
export function highestRole(values: readonly unknown[]): Role | null {
  let best: Role | null = null;
  for (const value of values) if (isRole(value) && (best === null || covers(value, best))) best = value;
  return best;
}
