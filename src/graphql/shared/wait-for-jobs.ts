// The `wait` option of every mutation: poll its jobs until they settle (or the limit passes).
import type { Job } from '../../store/outbox.js';
import type { GraphQLContext } from '../context.js';

const settled = new Set(['SUCCEEDED', 'DEAD', 'CANCELLED']);
const waitLimitMs = 30_000;

/** With `wait`, polls the jobs until they settle (or the limit passes) and returns them fresh. */
export async function maybeWait(ctx: GraphQLContext, jobs: Job[], wait: boolean): Promise<Job[]> {
  if (!wait || jobs.length === 0) return jobs;
  const deadline = Date.now() + waitLimitMs;
  let current = jobs;
  while (Date.now() < deadline) {
    current = (await Promise.all(jobs.map((j) => ctx.sync.outbox.find(j.id)))).filter(
      (j): j is Job => j !== null,
    );
    if (current.every((j) => settled.has(j.status))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return current;
}
