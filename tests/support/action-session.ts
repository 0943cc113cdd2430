// What server-action tests put in place of the request: the signed-in user (or nobody) and the
// test's database behind withUser. Each test file mocks the two modules with these:
//   vi.mock('@/lib/auth/session', async () => (await import('@/tests/support/action-session')).sessionModule());
//   vi.mock('@/lib/db', async (orig) => (await import('@/tests/support/action-session')).dbModule(await orig()));
import type { Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';

/** Set `db` once the test database is open and `user` to whoever is asking (undefined: signed out). */
export const actionCtx: { db?: Db; user?: Claims } = {};

export function sessionModule() {
  return {
    getSession: async () => {
      const u = actionCtx.user;
      return u ? { userId: u.sub, email: u.email, claims: u } : null;
    },
  };
}

export function dbModule<M extends object>(original: M): M {
  return { ...original, withUser: (claims: Claims, fn: Parameters<typeof runAsUser>[2]) => runAsUser(actionCtx.db!, claims, fn) };
}
