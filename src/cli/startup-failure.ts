// What a command that could not start prints, and its exit code: one line naming the cause and
// the fix, never a stack trace unless LOG_LEVEL=debug (or trace) asks for it.
import { ConfigError } from '../config/load.js';
import { CannotStart } from '../ops/startup.js';

/**
 * Exit codes of a start-up: 2 the configuration is wrong (fix the settings); 3 the gateway cannot
 * start for a reason outside it (database unreachable, port in use) or failed unexpectedly.
 */
export const startupExitCodes = { configuration: 2, cannotStart: 3 } as const;

export function startupFailure(
  error: unknown,
  logLevel: string | undefined,
): { message: string; exitCode: number } {
  if (error instanceof ConfigError)
    return { message: error.message, exitCode: startupExitCodes.configuration };
  // The embedded data folder is held by another process: its message names the holder.
  if (error instanceof Error && error.name === 'DataDirLocked')
    return { message: error.message, exitCode: startupExitCodes.cannotStart };
  if (error instanceof CannotStart)
    return { message: `ledgerbridge: ${error.message}`, exitCode: startupExitCodes.cannotStart };
  const debug = /^(debug|trace)$/.test(logLevel ?? '');
  const detail =
    error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  const oneLine = debug
    ? detail
    : (detail
        .split('\n')
        .find((l) => l.trim())
        ?.trim() ?? detail);
  return {
    message: `ledgerbridge: ${oneLine}${debug ? '' : ' (LOG_LEVEL=debug shows where)'}`,
    exitCode: startupExitCodes.cannotStart,
  };
}
