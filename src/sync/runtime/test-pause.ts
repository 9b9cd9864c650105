// For crash tests only: stops a worker process at one exact step of a push so that an end-to-end
// test can kill it (SIGKILL) right there. Off — a no-op — unless LEDGERBRIDGE_TEST_PAUSE_AT names
// the step and LEDGERBRIDGE_TEST_PAUSE_FILE says where to report it; then every push reaching that
// step adds a line to that file and never goes on. LEDGERBRIDGE_TEST_PAUSE_ENTITY (job entity
// types, comma-separated) narrows it to pushes of those records, so a test can let a document's
// customer through and stop at the document itself.
import { appendFileSync } from 'node:fs';

export type TestPauseStep =
  /** Jobs claimed, no upstream call made yet. */
  | 'claimed'
  /** The target answered; the link is written but its transaction not committed. */
  | 'linking'
  /** The link is committed; the job's settling transaction is not. */
  | 'settling';

const pauseAt = process.env.LEDGERBRIDGE_TEST_PAUSE_AT;
const pauseFile = process.env.LEDGERBRIDGE_TEST_PAUSE_FILE;
const pauseEntities = process.env.LEDGERBRIDGE_TEST_PAUSE_ENTITY?.split(',').filter(Boolean) ?? [];

/** Pauses for good when `step` is the one named and a job at hand is of an entity type named. */
export async function pauseHereForTests(
  step: TestPauseStep,
  jobs: readonly { entityType: string }[],
): Promise<void> {
  if (!pauseAt || !pauseFile || step !== pauseAt) return;
  if (pauseEntities.length && !jobs.some((j) => pauseEntities.includes(j.entityType))) return;
  appendFileSync(pauseFile, `${step}\n`);
  setInterval(() => {}, 60_000); // keeps the process alive while it waits to be killed
  await new Promise<never>(() => {});
}
