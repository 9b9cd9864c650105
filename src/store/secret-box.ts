// Secrets at rest: AES-256-GCM with a random 96-bit IV per message. A sealed value is
// "v1.<base64(iv | ciphertext | tag)>"; the associated data binds it to its owner (e.g. the
// credential row), so a sealed token copied to another row does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config/load.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'v1.';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new SecretBoxError('the secret key must be exactly 32 bytes');
    this.key = Buffer.from(key);
  }

  static fromBase64(base64: string): SecretBox {
    return new SecretBox(parseSecretKey(base64));
  }

  seal(plaintext: string, associatedData = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  }

  open(sealed: string, associatedData = ''): string {
    if (!sealed.startsWith(PREFIX)) throw new SecretBoxError('unknown sealed-secret format');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('sealed secret is truncated');
    const iv = raw.subarray(0, IV_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // Never echo the input: it is a secret.
      throw new SecretBoxError(
        'sealed secret does not open with this key (wrong SECRET_KEY or tampered data)',
      );
    }
  }
}

export function parseSecretKey(base64: string): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== 32)
    throw new SecretBoxError('SECRET_KEY must be base64 of exactly 32 bytes');
  return key;
}

export const GENERATED_KEY_FILE = 'secret.key';

export interface ResolveSecretKeyOptions {
  /** SECRET_KEY from the configuration. */
  secretKey?: string | undefined;
  /** DATABASE_URL: with a shared PostgreSQL every process must share one explicit key. */
  databaseUrl?: string | undefined;
  /** DATA_DIR: where an embedded-mode key is generated once. */
  dataDir: string;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * The key sealing connector secrets. SECRET_KEY wins; with PostgreSQL it is required (replicas
 * must share it); with embedded PGlite a key is generated once into DATA_DIR/secret.key (mode 0600).
 */
export async function resolveSecretKey(options: ResolveSecretKeyOptions): Promise<Buffer> {
  if (options.secretKey) return parseSecretKey(options.secretKey);
  if (options.databaseUrl)
    throw new ConfigError([
      {
        key: 'SECRET_KEY',
        expected:
          'required with DATABASE_URL, the same in every gateway process (base64 of 32 bytes, e.g. `openssl rand -base64 32`)',
      },
    ]);
  if (options.dataDir.startsWith('memory://')) return randomBytes(32);
  const file = path.resolve(options.dataDir, GENERATED_KEY_FILE);
  try {
    return parseSecretKey(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process wrote a moment ago (that would orphan its tokens).
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return parseSecretKey(await readFile(file, 'utf8'));
    throw error;
  }
  await chmod(file, 0o600);
  options.log?.warn(
    { file },
    'SECRET_KEY is not set: generated one for the embedded database (keep this file; back it up with the data)',
  );
  return key;
}
