import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialDecryptError, needsRotation, open, seal } from './credentials';

const k = (id: string) => ({ id, key: crypto.randomBytes(32) });
const secret = { clientId: 'wm-client', clientSecret: 'canary-secret-5f2c' };

describe('credential sealing', () => {
  const k1 = k('k1');
  const k2 = k('k2');

  it('round-trips and does not contain the plaintext', () => {
    const s = seal([k1], 'acct-1', secret);
    expect(s.keyId).toBe('k1');
    expect(s.ciphertext.toString('utf8')).not.toContain('canary-secret-5f2c');
    expect(open([k1], 'acct-1', s)).toEqual(secret);
  });

  it('uses a fresh IV every time', () => {
    expect(seal([k1], 'a', secret).iv.equals(seal([k1], 'a', secret).iv)).toBe(false);
  });

  it('still opens rows sealed under an old key after rotation, and flags them', () => {
    const old = seal([k1], 'acct-1', secret);
    const rotated = [k2, k1];
    expect(open(rotated, 'acct-1', old)).toEqual(secret);
    expect(needsRotation(rotated, old)).toBe(true);
    expect(needsRotation(rotated, seal(rotated, 'acct-1', secret))).toBe(false);
  });

  it('refuses another account, a tampered ciphertext, a missing key, without leaking', () => {
    const s = seal([k1], 'acct-1', secret);
    expect(() => open([k1], 'acct-2', s)).toThrow(CredentialDecryptError);
    const tampered = { ...s, ciphertext: Buffer.from(s.ciphertext) };
    tampered.ciphertext[0] ^= 1;
    expect(() => open([k1], 'acct-1', tampered)).toThrow(CredentialDecryptError);
    try {
      open([k2], 'acct-1', s);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/key "k1" is not configured/);
      expect((e as Error).message).not.toContain('canary');
    }
  });
});
