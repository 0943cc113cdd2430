// Password hashes for the stand-in. scrypt (memory-hard, in node:crypto, so no native addon) with
// a per-user salt; the cost parameters travel inside the hash, so raising the default later never
// breaks existing users. Format: $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt b64>$<key b64>.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const DEFAULT_SCRYPT_LOG_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses 128*N*r bytes above maxmem (32 MiB by default), which N=2^15, r=8 just reaches.
  const opts: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<string> {
  if (!Number.isInteger(logN) || logN < 10 || logN > 20) throw new Error('scrypt log2(N) must be an integer in [10, 20]');
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, logN, R, P);
  return `$scrypt$ln=${logN},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/**
 * Whether `password` matches `encoded`. Hashes this module did not write (a bcrypt hash copied
 * from a real Supabase project, an empty column) never match rather than throwing.
 */
export async function verifyPassword(password: string, encoded: string | null | undefined): Promise<boolean> {
  const m = encoded ? FORMAT.exec(encoded) : null;
  if (!m) return false;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(m[5], 'base64');
  const actual = await derive(password, Buffer.from(m[4], 'base64'), logN, r, p);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const decoys = new Map<number, Promise<string>>();

/**
 * Spends the same work as a real verification, so "no such user" and "wrong password" take the
 * same time and sign-in cannot be used to probe which emails are registered.
 */
export async function verifyAgainstDecoy(password: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<false> {
  let decoy = decoys.get(logN);
  if (!decoy) decoys.set(logN, (decoy = hashPassword(randomBytes(16).toString('hex'), logN)));
  await verifyPassword(password, await decoy);
  return false;
}
