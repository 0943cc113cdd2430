// Marketplace credentials at rest: AES-256-GCM under the first configured key, with the key id
// stored beside the ciphertext so old rows still decrypt after a rotation. The account id is
// authenticated data: a ciphertext copied onto another account's row does not decrypt.
import crypto from 'node:crypto';
import type { EncryptionKey } from '@/lib/env';

export interface Sealed {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

export class CredentialDecryptError extends Error {
  constructor(reason: string) {
    // Never include the ciphertext, the key or the plaintext.
    super(`Stored credentials cannot be decrypted: ${reason}`);
    this.name = 'CredentialDecryptError';
  }
}

export function seal(keys: EncryptionKey[], accountId: string, secret: Record<string, unknown>): Sealed {
  const current = keys[0];
  if (!current) throw new Error('No encryption key configured');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', current.key, iv);
  cipher.setAAD(Buffer.from(accountId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()]);
  return { keyId: current.id, iv, ciphertext, authTag: cipher.getAuthTag() };
}

export function open<T = Record<string, unknown>>(keys: EncryptionKey[], accountId: string, sealed: Sealed): T {
  const key = keys.find((k) => k.id === sealed.keyId);
  if (!key) throw new CredentialDecryptError(`key "${sealed.keyId}" is not configured (was it removed from ENCRYPTION_KEY?)`);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, sealed.iv);
    decipher.setAAD(Buffer.from(accountId, 'utf8'));
    decipher.setAuthTag(sealed.authTag);
    const plain = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  } catch {
    throw new CredentialDecryptError('authentication failed (wrong key, tampered data or another account\'s row)');
  }
}

/** True when the row is sealed under an older key and should be re-sealed under the current one. */
export function needsRotation(keys: EncryptionKey[], sealed: Pick<Sealed, 'keyId'>): boolean {
  return keys[0]?.id !== sealed.keyId;
}
