// A write that lost a race on a unique key (an idempotency key, a number): PostgreSQL raises it
// only once the winner committed, so trying the change again finds the winner's row.
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Prisma's P2002, or PostgreSQL's 23505 anywhere in the error's causes. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = codeOf(e);
    if (code === 'P2002' || code === '23505') return true;
    const meta = (e as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } }).meta;
    if (meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs `attempt` again (at most `times` more) when it lost a race on a unique key. */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>, times = 2): Promise<T> {
  for (let left = times; ; left--) {
    try {
      return await attempt();
    } catch (error) {
      if (left <= 0 || !isUniqueViolation(error)) throw error;
    }
  }
}
