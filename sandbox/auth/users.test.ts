// createSandboxUser (the demo seed's entry point) and the password hashes it stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/connect';
import { GoTrueError } from './errors';
import { hashPassword, verifyPassword } from './passwords';
import { createSandboxUser } from './sign-up';
import { openMigratedDatabase, startAuthServer, supabaseFor, TEST_HASH_LOG_N, uniqueEmail } from './test-harness';

let database: Database;

beforeAll(async () => {
  database = await openMigratedDatabase();
});
afterAll(() => database?.close());

const sql = <T>(text: string, params: unknown[] = []) => database.rawTransaction((tx) => tx.query<T>(text, params));

describe('createSandboxUser', () => {
  it('creates a confirmed user with its organization, is idempotent on email, and the user can sign in', async () => {
    const email = uniqueEmail('Seed');
    const input = { email, password: 'demo password 1', data: { organization_name: 'Demo Store' } };
    const id = await createSandboxUser(database, input, { passwordHashLogN: TEST_HASH_LOG_N });
    expect(await createSandboxUser(database, { ...input, email: email.toUpperCase() }, { passwordHashLogN: TEST_HASH_LOG_N })).toBe(id);

    const users = await sql<{ id: string; email_confirmed_at: Date | null }>('select id::text, email_confirmed_at from auth.users where lower(email) = lower($1)', [email]);
    expect(users).toHaveLength(1);
    expect(users[0].email_confirmed_at).not.toBeNull();
    const orgs = await sql<{ name: string; role: string }>(
      `select o.name, m.role from public.organizations o join public.memberships m on m.org_id = o.id where m.user_id = $1`,
      [id],
    );
    expect(orgs).toEqual([{ name: 'Demo Store', role: 'owner' }]);

    const server = await startAuthServer(database);
    try {
      const { data, error } = await supabaseFor(server).auth.signInWithPassword({ email, password: 'demo password 1' });
      expect(error).toBeNull();
      expect(data.user?.id).toBe(id);
    } finally {
      await server.close();
    }
  });

  it('applies sign-up\'s checks', async () => {
    await expect(createSandboxUser(database, { email: 'nope', password: 'long enough pw' })).rejects.toMatchObject({
      code: 'validation_failed',
      status: 400,
    });
    await expect(createSandboxUser(database, { email: uniqueEmail(), password: 'short' })).rejects.toBeInstanceOf(GoTrueError);
  });
});

describe('password hashes', () => {
  it('are salted scrypt with their parameters inside, and verify in both directions', async () => {
    const a = await hashPassword('s3cret passphrase', TEST_HASH_LOG_N);
    const b = await hashPassword('s3cret passphrase', TEST_HASH_LOG_N);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('s3cret passphrase', a)).toBe(true);
    expect(await verifyPassword('s3cret passphrasE', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('never match hashes they did not write, or tampered ones', async () => {
    const good = await hashPassword('x'.repeat(12), TEST_HASH_LOG_N);
    const tampered = good.slice(0, -4) + (good.endsWith('AAA=') ? 'BBB=' : 'AAA=');
    expect(await verifyPassword('x'.repeat(12), tampered)).toBe(false);
    expect(await verifyPassword('x'.repeat(12), '$2a$10$abcdefghijklmnopqrstuv')).toBe(false);
    expect(await verifyPassword('x'.repeat(12), null)).toBe(false);
    expect(await verifyPassword('x'.repeat(12), good.replace('ln=10', 'ln=40'))).toBe(false);
  });

  it('default to N = 2^15', async () => {
    expect(await hashPassword('default cost')).toMatch(/^\$scrypt\$ln=15,/);
  });
});
