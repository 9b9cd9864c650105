// JSON logs with pino (pretty on a terminal). Secrets are redacted wherever they might appear.
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export const redactedPaths = [
  'password',
  '*.password',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'clientSecret',
  '*.clientSecret',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  '*.authorization',
  // graphql-ws connection_init payloads carry the bearer credential.
  'connectionParams.authorization',
  '*.connectionParams.authorization',
  'connectionParams.Authorization',
  '*.connectionParams.Authorization',
];

export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY;
  return pino({
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } } : {}),
  });
}
