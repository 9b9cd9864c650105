// Windows (NTLM) authentication as a NAV server instance with ClientServicesCredentialType=Windows
// does it over HTTP: the handshake authenticates the CONNECTION. A request without credentials is
// answered 401 `WWW-Authenticate: Negotiate` + `WWW-Authenticate: NTLM`; the client sends a type-1
// (negotiate) message, gets a type-2 (challenge) in the 401, and answers with a type-3
// (authenticate) message on the same keep-alive connection. The type-3's NTLMv2 response is
// verified against the configured password; from then on the connection is authenticated.
// NTLMv1/LM responses are refused, as Windows does with LmCompatibilityLevel 5.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Request } from 'express';
import { NavError } from './errors.js';

export interface WindowsUser {
  domain: string;
  name: string;
  password: string;
}

const SIGNATURE = Buffer.from('NTLMSSP\0', 'ascii');

// Negotiate flags of the challenge (MS-NLMP 2.2.2.5).
const NEGOTIATE_UNICODE = 0x00000001;
const REQUEST_TARGET = 0x00000004;
const NEGOTIATE_NTLM = 0x00000200;
const NEGOTIATE_ALWAYS_SIGN = 0x00008000;
const TARGET_TYPE_DOMAIN = 0x00010000;
const NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
const NEGOTIATE_TARGET_INFO = 0x00800000;

/** MD4 (RFC 1320): the NT hash is MD4 of the UTF-16LE password, and OpenSSL 3 no longer offers it. */
export function md4(input: Buffer): Buffer {
  const bitLength = input.length * 8;
  const padded = Buffer.alloc((((input.length + 8) >> 6) + 1) * 64);
  input.copy(padded);
  padded[input.length] = 0x80;
  padded.writeUInt32LE(bitLength % 0x1_0000_0000, padded.length - 8);
  padded.writeUInt32LE(Math.floor(bitLength / 0x1_0000_0000), padded.length - 4);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  const f = (x: number, y: number, z: number) => (x & y) | (~x & z);
  const g = (x: number, y: number, z: number) => (x & y) | (x & z) | (y & z);
  const h = (x: number, y: number, z: number) => x ^ y ^ z;
  let a = 0x67452301;
  let b = 0xefcdab89 | 0;
  let c = 0x98badcfe | 0;
  let d = 0x10325476;
  for (let offset = 0; offset < padded.length; offset += 64) {
    const x = Array.from({ length: 16 }, (_, i) => padded.readInt32LE(offset + 4 * i));
    const [aa, bb, cc, dd] = [a, b, c, d];
    const k = (i: number) => x[i] as number;
    for (const i of [0, 4, 8, 12]) {
      a = rotl((a + f(b, c, d) + k(i)) | 0, 3);
      d = rotl((d + f(a, b, c) + k(i + 1)) | 0, 7);
      c = rotl((c + f(d, a, b) + k(i + 2)) | 0, 11);
      b = rotl((b + f(c, d, a) + k(i + 3)) | 0, 19);
    }
    for (const i of [0, 1, 2, 3]) {
      a = rotl((a + g(b, c, d) + k(i) + 0x5a827999) | 0, 3);
      d = rotl((d + g(a, b, c) + k(i + 4) + 0x5a827999) | 0, 5);
      c = rotl((c + g(d, a, b) + k(i + 8) + 0x5a827999) | 0, 9);
      b = rotl((b + g(c, d, a) + k(i + 12) + 0x5a827999) | 0, 13);
    }
    for (const i of [0, 2, 1, 3]) {
      a = rotl((a + h(b, c, d) + k(i) + 0x6ed9eba1) | 0, 3);
      d = rotl((d + h(a, b, c) + k(i + 8) + 0x6ed9eba1) | 0, 9);
      c = rotl((c + h(d, a, b) + k(i + 4) + 0x6ed9eba1) | 0, 11);
      b = rotl((b + h(c, d, a) + k(i + 12) + 0x6ed9eba1) | 0, 15);
    }
    a = (a + aa) | 0;
    b = (b + bb) | 0;
    c = (c + cc) | 0;
    d = (d + dd) | 0;
  }
  const out = Buffer.alloc(16);
  [a, b, c, d].forEach((v, i) => out.writeInt32LE(v, 4 * i));
  return out;
}

const hmacMd5 = (key: Buffer, data: Buffer) => createHmac('md5', key).update(data).digest();

/** NTOWFv2: HMAC-MD5 of UPPER(user) + domain under the NT hash of the password (MS-NLMP 3.3.2). */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  return hmacMd5(md4(Buffer.from(password, 'utf16le')), Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

/** The NTLMv2 response a client computes: NTProofStr (16 bytes) followed by its blob. */
export function ntlmv2Response(
  password: string,
  user: string,
  domain: string,
  serverChallenge: Buffer,
  blob: Buffer,
): Buffer {
  const proof = hmacMd5(ntowfv2(password, user, domain), Buffer.concat([serverChallenge, blob]));
  return Buffer.concat([proof, blob]);
}

function messageType(msg: Buffer): number | null {
  if (msg.length < 12 || !msg.subarray(0, 8).equals(SIGNATURE)) return null;
  return msg.readUInt32LE(8);
}

/** A security buffer (length, allocated, offset) at `at`. */
function field(msg: Buffer, at: number): Buffer {
  if (msg.length < at + 8) return Buffer.alloc(0);
  const length = msg.readUInt16LE(at);
  const offset = msg.readUInt32LE(at + 4);
  if (length === 0) return Buffer.alloc(0);
  if (offset + length > msg.length) throw new RangeError('security buffer outside the message');
  return msg.subarray(offset, offset + length);
}

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

/** The type-2 (CHALLENGE) message: target name, flags, the 8-byte server challenge and target info. */
export function challengeMessage(challenge: Buffer, domain: string, server: string, now: number): Buffer {
  const target = Buffer.from(domain.toUpperCase(), 'utf16le');
  const filetime = Buffer.alloc(8);
  filetime.writeBigUInt64LE((BigInt(now) + 11_644_473_600_000n) * 10_000n);
  const info = Buffer.concat([
    avPair(2, target),
    avPair(1, Buffer.from(server.toUpperCase(), 'utf16le')),
    avPair(4, Buffer.from(`${domain.toLowerCase()}.local`, 'utf16le')),
    avPair(3, Buffer.from(`${server.toLowerCase()}.${domain.toLowerCase()}.local`, 'utf16le')),
    avPair(7, filetime),
    avPair(0, Buffer.alloc(0)),
  ]);
  const head = Buffer.alloc(48);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(target.length, 12);
  head.writeUInt16LE(target.length, 14);
  head.writeUInt32LE(48, 16);
  head.writeUInt32LE(
    NEGOTIATE_UNICODE |
      REQUEST_TARGET |
      NEGOTIATE_NTLM |
      NEGOTIATE_ALWAYS_SIGN |
      TARGET_TYPE_DOMAIN |
      NEGOTIATE_EXTENDED_SESSIONSECURITY |
      NEGOTIATE_TARGET_INFO,
    20,
  );
  challenge.copy(head, 24);
  head.writeUInt16LE(info.length, 40);
  head.writeUInt16LE(info.length, 42);
  head.writeUInt32LE(48 + target.length, 44);
  return Buffer.concat([head, target, info]);
}

export interface Type3 {
  domain: string;
  user: string;
  workstation: string;
  ntResponse: Buffer;
}

export function parseAuthenticateMessage(msg: Buffer): Type3 {
  if (messageType(msg) !== 3 || msg.length < 52) throw new RangeError('not an NTLM type-3 message');
  const text = (b: Buffer) => b.toString('utf16le');
  return {
    ntResponse: Buffer.from(field(msg, 20)),
    domain: text(field(msg, 28)),
    user: text(field(msg, 36)),
    workstation: text(field(msg, 44)),
  };
}

/** Verifies an NTLMv2 response for `user`; returns the account or null. */
export function verifyNtlmv2(
  users: readonly WindowsUser[],
  serverChallenge: Buffer,
  m: Type3,
): WindowsUser | null {
  // NTProofStr (16) + blob (signature 0x0101, reserved, timestamp, client challenge, ..., target info).
  if (m.ntResponse.length < 16 + 28) return null; // NTLMv1 (24 bytes) or LM only: refused
  const blob = m.ntResponse.subarray(16);
  if (blob.readUInt16LE(0) !== 0x0101) return null;
  const account = users.find(
    (u) => u.name.toUpperCase() === m.user.toUpperCase() && u.domain.toUpperCase() === m.domain.toUpperCase(),
  );
  if (!account) return null;
  // The client hashes the user and domain as it typed them; the domain's case matters to the HMAC.
  const expected = ntlmv2Response(account.password, m.user, m.domain, serverChallenge, blob).subarray(0, 16);
  return timingSafeEqual(expected, m.ntResponse.subarray(0, 16)) ? account : null;
}

type ConnectionState = { step: 'challenged'; challenge: Buffer } | { step: 'authenticated'; user: string };

function ntlmError(description: string, challenge?: string): NavError {
  return new NavError(401, 'Authentication_InvalidCredentials', description, {
    'WWW-Authenticate': challenge ? [`NTLM ${challenge}`] : ['Negotiate', 'NTLM'],
  });
}

/** Connection-oriented NTLM authentication for one sandbox (state per TCP connection). */
export class NtlmAcceptor {
  private readonly connections = new WeakMap<Socket, ConnectionState>();

  constructor(
    private readonly users: () => readonly WindowsUser[],
    private readonly domain: string,
    private readonly now: () => number,
    private readonly server = 'NAVSERVER',
  ) {}

  /** The authenticated user of the request's connection, or a 401 that advances the handshake. */
  authenticate(req: Request): string {
    const socket = req.socket;
    const header = req.header('authorization') ?? '';
    const [scheme = '', token = ''] = header.split(/\s+/, 2);
    const state = this.connections.get(socket);
    const isNtlm = scheme.toUpperCase() === 'NTLM' || scheme.toUpperCase() === 'NEGOTIATE';
    if (!isNtlm || !token) {
      if (state?.step === 'authenticated' && !header) return state.user;
      this.connections.delete(socket);
      throw ntlmError('The server requires Windows authentication.');
    }
    let msg: Buffer;
    try {
      msg = Buffer.from(token, 'base64');
    } catch {
      throw ntlmError('Malformed NTLM message.');
    }
    const type = messageType(msg);
    if (type === 1) {
      const challenge = randomBytes(8);
      this.connections.set(socket, { step: 'challenged', challenge });
      const type2 = challengeMessage(challenge, this.domain, this.server, this.now());
      throw ntlmError('NTLM challenge.', type2.toString('base64'));
    }
    if (type === 3 && state?.step === 'challenged') {
      this.connections.delete(socket);
      let account: WindowsUser | null;
      try {
        account = verifyNtlmv2(this.users(), state.challenge, parseAuthenticateMessage(msg));
      } catch {
        account = null;
      }
      if (!account) throw ntlmError('The server has rejected the client credentials.');
      const user = `${account.domain}\\${account.name}`;
      this.connections.set(socket, { step: 'authenticated', user });
      return user;
    }
    // A type-3 on a connection that was never challenged (or anything else) starts over.
    this.connections.delete(socket);
    throw ntlmError('The server has rejected the client credentials.');
  }
}
