// The "who" of an audit entry and of a job: the caller of a request, the local admin, or a person
// running the CLI on the database.
import { userInfo } from 'node:os';
import type { Actor } from '../auth/roles.js';

export interface AuditActor {
  kind: 'key' | 'token' | 'local' | 'cli' | 'anonymous';
  /** The key's id, the token's subject, the OS user for the CLI. */
  id: string | null;
  name: string | null;
  role: string | null;
}

export const anonymous: AuditActor = { kind: 'anonymous', id: null, name: null, role: null };

export const auditActorOf = (actor: Actor | null): AuditActor =>
  actor ? { kind: actor.kind, id: actor.id, name: actor.name, role: actor.role } : anonymous;

/** Whoever runs the command, as the operating system knows them. */
export function cliActor(): AuditActor {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return { kind: 'cli', id: user, name: user, role: null };
}

/** One line naming the caller, kept on the jobs and events it caused: "key:<id> <name>", "local". */
export function actorLabel(actor: AuditActor): string {
  if (actor.kind === 'local' || actor.kind === 'anonymous') return actor.kind;
  const name = actor.name && actor.name !== actor.id ? ` ${actor.name}` : '';
  return `${actor.kind}:${actor.id ?? '?'}${name}`;
}
