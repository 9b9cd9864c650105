// The sandbox's NTLM verifier against published test vectors: RFC 1320 (MD4) and MS-NLMP 4.2.4
// (NTLMv2), so the integration tests prove axios-ntlm against an independent implementation.
import { describe, expect, it } from 'vitest';
import { challengeMessage, md4, ntowfv2, ntlmv2Response, verifyNtlmv2 } from '../../../src/nav/ntlm.js';

describe('MD4 (RFC 1320 test suite)', () => {
  it.each([
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      'e33b4ddc9c38f2199c3e7b164fcc0536',
    ],
  ])('md4(%j)', (input, hex) => {
    expect(md4(Buffer.from(input, 'ascii')).toString('hex')).toBe(hex);
  });
});

describe('NTLMv2 (MS-NLMP 4.2.4)', () => {
  const user = 'User';
  const domain = 'Domain';
  const password = 'Password';
  const serverChallenge = Buffer.from('0123456789abcdef', 'hex');

  it('NTOWFv2', () => {
    expect(ntowfv2(password, user, domain).toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
  });

  it('verifies a response computed with the right password and refuses others', () => {
    const blob = Buffer.concat([
      Buffer.from('0101000000000000', 'hex'),
      Buffer.alloc(8), // timestamp
      Buffer.from('aaaaaaaaaaaaaaaa', 'hex'),
      Buffer.alloc(4),
      Buffer.from('02000c0044006f006d00610069006e0000000000', 'hex'),
      Buffer.alloc(4),
    ]);
    const users = [{ domain: 'DOMAIN', name: 'user', password }];
    const ok = ntlmv2Response(password, user, domain, serverChallenge, blob);
    expect(
      verifyNtlmv2(users, serverChallenge, { user, domain, workstation: 'W', ntResponse: ok })?.name,
    ).toBe('user');
    const wrong = ntlmv2Response('password', user, domain, serverChallenge, blob);
    expect(
      verifyNtlmv2(users, serverChallenge, { user, domain, workstation: 'W', ntResponse: wrong }),
    ).toBeNull();
    // Another challenge (a replayed type-3 on a new connection) fails too.
    const other = Buffer.from('fedcba9876543210', 'hex');
    expect(verifyNtlmv2(users, other, { user, domain, workstation: 'W', ntResponse: ok })).toBeNull();
    // An NTLMv1 (24-byte) response is refused outright.
    expect(
      verifyNtlmv2(users, serverChallenge, { user, domain, workstation: 'W', ntResponse: Buffer.alloc(24) }),
    ).toBeNull();
  });

  it('builds a type-2 challenge carrying the challenge, the domain and target info', () => {
    const challenge = Buffer.from('0123456789abcdef', 'hex');
    const msg = challengeMessage(challenge, 'Cronus', 'NavServer', Date.UTC(2026, 0, 1));
    expect(msg.subarray(0, 8).toString('ascii')).toBe('NTLMSSP\0');
    expect(msg.readUInt32LE(8)).toBe(2);
    expect(msg.subarray(24, 32).equals(challenge)).toBe(true);
    const flags = msg.readUInt32LE(20);
    expect(flags & 0x00800000).toBeTruthy(); // target info (NTLMv2 needs it)
    expect(flags & 0x00080000).toBeTruthy(); // extended session security
    const nameLength = msg.readUInt16LE(12);
    expect(msg.subarray(msg.readUInt32LE(16), msg.readUInt32LE(16) + nameLength).toString('utf16le')).toBe(
      'CRONUS',
    );
  });
});
