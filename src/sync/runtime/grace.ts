// Waiting for the parts of a shutdown with a bound: a stuck upstream call may delay a stop by the
// grace period, never hold it. What has not finished by then is named, so the log says what was
// left behind (a job left running is taken over, as after a crash, once its lease expires).

/** A stop step; rejections are caught and reported with the step's name. */
export type Step = Promise<unknown> | null | undefined;

export interface Settled {
  /** Steps still running when the grace period ended. */
  unfinished: string[];
  failed: { step: string; error: unknown }[];
}

/** Waits for every step, or until `graceMs` has passed, whichever comes first. */
export async function settleWithin(graceMs: number, steps: Record<string, Step>): Promise<Settled> {
  const unfinished = new Set<string>();
  const failed: Settled['failed'] = [];
  const all = Object.entries(steps).flatMap(([step, promise]) => {
    if (!promise) return [];
    unfinished.add(step);
    return promise.then(
      () => void unfinished.delete(step),
      (error: unknown) => {
        unfinished.delete(step);
        failed.push({ step, error });
      },
    );
  });
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([Promise.all(all), graceOver]);
  clearTimeout(timer);
  return { unfinished: [...unfinished], failed };
}
