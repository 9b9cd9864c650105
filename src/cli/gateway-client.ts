// Finding a running gateway and asking it over GraphQL. A gateway on an embedded database holds its
// data folder, so the CLI cannot open it beside it; instead it goes through the gateway's API:
// `--gateway <url>` (or LEDGERBRIDGE_URL, with LEDGERBRIDGE_API_KEY) names one, e.g. for PostgreSQL
// deployments; otherwise the lock file in DATA_DIR names the live gateway holding it and its URL,
// and DATA_DIR/local-cli.key holds the admin key it wrote for this (auth/local-credential.ts).
// No gateway found: the command works on the database directly.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { CliError, exitCodes, usageError } from './common.js';

export interface GatewayTarget {
  url: string;
  apiKey: string | null;
  /** How it was found: the option, the environment, or the data folder's lock file. */
  via: 'option' | 'environment' | 'data folder';
}

export interface GatewayOption {
  gateway?: string;
}

/** Adds `--gateway <url>` to a command. */
export const withGatewayOption = (cmd: Command): Command =>
  cmd.option(
    '--gateway <url>',
    'act through the gateway serving this GraphQL URL (default: LEDGERBRIDGE_URL, or the one holding DATA_DIR)',
  );

function checkedUrl(text: string, from: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw usageError(`${from}: "${text}" is not a URL such as http://127.0.0.1:4000/graphql.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(`${from}: "${text}" is not an http(s) URL.`);
  return url.toString();
}

/**
 * The gateway to go through: the option, LEDGERBRIDGE_URL, or (embedded database) the live gateway
 * holding DATA_DIR; null when there is none and the command opens the database itself.
 */
export async function findGateway(config: Config, option?: string): Promise<GatewayTarget | null> {
  const envKey = process.env.LEDGERBRIDGE_API_KEY?.trim() || null;
  if (option) return { url: checkedUrl(option, '--gateway'), apiKey: envKey, via: 'option' };
  const envUrl = process.env.LEDGERBRIDGE_URL?.trim();
  if (envUrl) return { url: checkedUrl(envUrl, 'LEDGERBRIDGE_URL'), apiKey: envKey, via: 'environment' };
  if (config.DATABASE_URL || config.DATA_DIR.startsWith('memory://')) return null;
  const { readLockHolder, processAlive } = await import('../store/data-dir-lock.js');
  const dataDir = path.resolve(config.DATA_DIR);
  const holder = await readLockHolder(dataDir);
  if (!holder?.url || !processAlive(holder.pid)) return null;
  const { localCredentialFile } = await import('../auth/local-credential.js');
  const key = await readFile(path.join(dataDir, localCredentialFile), 'utf8').then(
    (text) => text.trim() || null,
    () => null,
  );
  return { url: holder.url, apiKey: key ?? envKey, via: 'data folder' };
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends one GraphQL document; a refusal or an unreachable gateway is a CliError. */
export async function askGateway<T>(
  target: GatewayTarget,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new CliError(`Cannot reach the gateway at ${target.url}: ${cause}.`, exitCodes.failed);
  }
  let answer: GraphQLAnswer<T>;
  try {
    answer = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    throw new CliError(
      `The gateway at ${target.url} answered HTTP ${response.status} without GraphQL.`,
      exitCodes.failed,
    );
  }
  const errors = answer.errors ?? [];
  if (errors.length || !answer.data) {
    const codes = errors.map((e) => e.extensions?.code);
    const message = errors.map((e) => e.message).join('; ') || `HTTP ${response.status}`;
    if (codes.includes('UNAUTHENTICATED') || codes.includes('FORBIDDEN') || response.status === 401)
      throw new CliError(
        `The gateway at ${target.url} refused the request: ${message} (set LEDGERBRIDGE_API_KEY to a key with the operator role or above).`,
        exitCodes.failed,
      );
    throw new CliError(
      `The gateway at ${target.url} refused the request: ${message}`,
      codes.includes('BAD_USER_INPUT') ? exitCodes.problems : exitCodes.failed,
    );
  }
  return answer.data;
}
