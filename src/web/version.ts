// The gateway's version, as package.json says it (read once; the file sits beside src/ and dist/).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function gatewayVersion(): string {
  cached ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;
  return cached;
}
