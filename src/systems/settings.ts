// A system's settings: the environment keys its module reads (a zod shape) and the checks across
// them, composed by the registry into the one configuration schema (src/config/schema.ts).
import type { z } from 'zod';

/** Reports a missing key (`need`) or a wrong combination (`issue`) on the configuration. */
export type SettingsCheck<S extends z.ZodRawShape> = (
  config: z.output<z.ZodObject<S>>,
  need: (key: keyof S & string, why: string) => void,
  issue: (key: keyof S & string, message: string) => void,
) => void;

export interface SystemSettings<S extends z.ZodRawShape = z.ZodRawShape> {
  shape: S;
  check: SettingsCheck<S>;
}

export function defineSettings<S extends z.ZodRawShape>(
  shape: S,
  check: SettingsCheck<S>,
): SystemSettings<S> {
  return { shape, check };
}

/** Any system's settings, as the registry lists them (each checks its own keys). */
export interface AnySystemSettings {
  shape: z.ZodRawShape;
  check: (config: never, need: never, issue: never) => void;
}
