// Who caused the work under way: set around each GraphQL mutation (and CLI command), read by the
// outbox and the event log so every job and event names the caller whose request created it.
// Work started by polling, webhooks or the workers runs outside any scope: its cause is null.
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<string | null>();

/** Runs `work` with `actor` (a label such as "key:<id> ci-bot") as the cause of what it writes. */
export function withCause<T>(actor: string | null, work: () => T): T {
  return scope.run(actor, work);
}

/** The cause of the work under way; null outside any request. */
export function currentCause(): string | null {
  return scope.getStore() ?? null;
}
