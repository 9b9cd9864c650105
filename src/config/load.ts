// Loads the configuration from the environment (and an optional .env file) and fails fast with
// ONE message naming every bad key and what it expects.
import { existsSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { configSchema, type Config } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: { key: string; expected: string }[]) {
    const [only] = problems;
    // One problem is one line; several are listed one a line under the heading.
    super(
      problems.length === 1 && only
        ? `Invalid configuration: ${only.key}: ${only.expected} (see .env.example)`
        : `Invalid configuration:\n${problems.map((p) => `  - ${p.key}: ${p.expected}`).join('\n')}\n` +
            'See .env.example for every setting.',
    );
    this.name = 'ConfigError';
  }
}

/** Values from the environment win over the .env file, as everywhere else. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, dotenvPath: string | null = '.env'): Config {
  const fromFile = dotenvPath && existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  const merged: Record<string, string | undefined> = { ...fromFile, ...env };
  // An empty value means "not set", as a blank line in .env.example would suggest.
  for (const key of Object.keys(merged)) if (merged[key] === '') delete merged[key];
  const result = configSchema.safeParse(merged);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    key: issue.path.join('.') || '(root)',
    expected: issue.message,
  }));
  throw new ConfigError(problems);
}
