// auth.sessions and auth.refresh_tokens, the way GoTrue's legacy (non-encoded) refresh tokens use
// them: one session per sign-in, a chain of refresh tokens per session where each new token names
// its parent and the parent is revoked. Deleting a session cascades to its tokens.
import type { RawTx } from '@/lib/db/connect';

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  updated_at: Date | null;
  not_after: Date | null;
}

export interface RefreshTokenRow {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  updated_at: Date;
  parent: string | null;
  session_id: string | null;
}

const SESSION = 'id::text as id, user_id::text as user_id, created_at, updated_at, not_after';
const TOKEN = 'id::text as id, token, user_id, revoked, updated_at, parent, session_id::text as session_id';

export async function insertSession(tx: RawTx, id: string, userId: string, at: Date): Promise<SessionRow> {
  const [row] = await tx.query<SessionRow>(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal)
     values ($1::uuid, $2::uuid, $3::timestamptz, $3::timestamptz, 'aal1') returning ${SESSION}`,
    [id, userId, at.toISOString()],
  );
  return row;
}

export async function findSession(tx: RawTx, id: string, forUpdate = false): Promise<SessionRow | null> {
  const [row] = await tx.query<SessionRow>(
    `select ${SESSION} from auth.sessions where id = $1::uuid${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return row ?? null;
}

/** GoTrue's refreshed_at: when the session last traded a refresh token. */
export async function markSessionRefreshed(tx: RawTx, id: string, at: Date): Promise<void> {
  await tx.query('update auth.sessions set updated_at = $2::timestamptz where id = $1::uuid', [id, at.toISOString()]);
}

export async function deleteSession(tx: RawTx, id: string): Promise<void> {
  await tx.query('delete from auth.sessions where id = $1::uuid', [id]);
}

export async function deleteUserSessions(tx: RawTx, userId: string, exceptSessionId?: string): Promise<void> {
  if (exceptSessionId) {
    await tx.query('delete from auth.sessions where user_id = $1::uuid and id <> $2::uuid', [userId, exceptSessionId]);
  } else {
    await tx.query('delete from auth.sessions where user_id = $1::uuid', [userId]);
  }
  // Tokens from before sessions existed carry no session; GoTrue removes those by user too.
  await tx.query('delete from auth.refresh_tokens where user_id = $1 and session_id is null', [userId]);
}

export async function insertRefreshToken(
  tx: RawTx,
  t: { token: string; userId: string; sessionId: string; parent: string | null; at: Date },
): Promise<RefreshTokenRow> {
  const [row] = await tx.query<RefreshTokenRow>(
    `insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, false, $3::timestamptz, $3::timestamptz, $4, $5::uuid) returning ${TOKEN}`,
    [t.token, t.userId, t.at.toISOString(), t.parent, t.sessionId],
  );
  return row;
}

/** The token row, locked so two refreshes of one token cannot both rotate it. */
export async function findRefreshTokenForUpdate(tx: RawTx, token: string): Promise<RefreshTokenRow | null> {
  const [row] = await tx.query<RefreshTokenRow>(`select ${TOKEN} from auth.refresh_tokens where token = $1 for update`, [token]);
  return row ?? null;
}

/** The newest unrevoked token of a session: the one the client is supposed to hold. */
export async function activeRefreshToken(tx: RawTx, sessionId: string): Promise<RefreshTokenRow | null> {
  const [row] = await tx.query<RefreshTokenRow>(
    `select ${TOKEN} from auth.refresh_tokens where session_id = $1::uuid and revoked = false order by id desc limit 1`,
    [sessionId],
  );
  return row ?? null;
}

export async function revokeRefreshToken(tx: RawTx, id: string, at: Date): Promise<void> {
  await tx.query('update auth.refresh_tokens set revoked = true, updated_at = $2::timestamptz where id = $1::bigint', [
    id,
    at.toISOString(),
  ]);
}

/** Reuse detected: every token of the session goes, so whoever holds a stolen one is locked out. */
export async function revokeSessionTokens(tx: RawTx, sessionId: string, at: Date): Promise<void> {
  await tx.query(
    'update auth.refresh_tokens set revoked = true, updated_at = $2::timestamptz where session_id = $1::uuid and revoked = false',
    [sessionId, at.toISOString()],
  );
}
