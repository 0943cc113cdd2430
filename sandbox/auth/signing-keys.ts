// The stand-in's JWT signing key: one ES256 pair, created on first use and kept in
// auth.sandbox_signing_keys so tokens stay valid across restarts. Supabase's asymmetric keys work
// the same way from the client's side: a `kid` in the header, the public half at
// /auth/v1/.well-known/jwks.json, verified locally by getClaims().
import { errors, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Database } from '@/lib/db/connect';
import { forbidden } from './errors';

export const SIGNING_ALG = 'ES256';
// Serializes key creation between handlers sharing a database (two dev servers, parallel tests).
const KEY_LOCK = 72_620_104;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** As published in the JWKS. */
  publicJwk: JWK;
}

interface KeyRow {
  kid: string;
  private_jwk: JWK | string;
  public_jwk: JWK | string;
}

const asJwk = (v: JWK | string): JWK => (typeof v === 'string' ? (JSON.parse(v) as JWK) : v);

function published(kid: string, jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: SIGNING_ALG, use: 'sig', key_ops: ['verify'], ext: true };
}

async function fromRow(row: KeyRow): Promise<SigningKey> {
  const priv = asJwk(row.private_jwk);
  const pub = asJwk(row.public_jwk);
  return {
    kid: row.kid,
    privateKey: (await importJWK(priv, SIGNING_ALG)) as CryptoKey,
    publicKey: (await importJWK(pub, SIGNING_ALG)) as CryptoKey,
    publicJwk: published(row.kid, pub),
  };
}

/** The stored key, or a new one stored now. Idempotent under concurrency. */
export async function loadOrCreateSigningKey(database: Database): Promise<SigningKey> {
  const row = await database.rawTransaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [KEY_LOCK]);
    const [existing] = await tx.query<KeyRow>(
      'select kid, private_jwk, public_jwk from auth.sandbox_signing_keys order by created_at, kid limit 1',
    );
    if (existing) return existing;
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const created: KeyRow = { kid: randomUUID(), private_jwk: await exportJWK(privateKey), public_jwk: await exportJWK(publicKey) };
    await tx.query('insert into auth.sandbox_signing_keys (kid, private_jwk, public_jwk) values ($1, $2::jsonb, $3::jsonb)', [
      created.kid,
      JSON.stringify(created.private_jwk),
      JSON.stringify(created.public_jwk),
    ]);
    return created;
  });
  return fromRow(row);
}

export function signJwt(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

const BAD_JWT = 'invalid JWT: unable to parse or verify signature, ';

/**
 * The verified claims of an access token, or GoTrue's 403 `bad_jwt` with the reason in its words.
 * Like GoTrue, only the signature and the time claims are checked here; audience and issuer are not.
 */
export async function verifyJwt(key: SigningKey, token: string, nowMs: number): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        if (header.kid !== key.kid) throw new UnknownKid(String(header.kid ?? ''));
        return key.publicKey;
      },
      { algorithms: [SIGNING_ALG], currentDate: new Date(nowMs) },
    );
    return payload;
  } catch (e) {
    throw forbidden('bad_jwt', BAD_JWT + describe(e));
  }
}

class UnknownKid extends Error {
  constructor(readonly kid: string) {
    super(kid ? `invalid kid: ${kid}` : 'missing kid');
  }
}

function describe(e: unknown): string {
  if (e instanceof UnknownKid) return `token is unverifiable: error while executing keyfunc: ${e.message}`;
  if (e instanceof errors.JWTExpired) return 'token has invalid claims: token is expired';
  if (e instanceof errors.JWTClaimValidationFailed) return `token has invalid claims: ${e.message}`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid: crypto/ecdsa: verification error';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'token signature is invalid: signing method is invalid';
  return `token is malformed: ${(e as Error).message}`;
}
