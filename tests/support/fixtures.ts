// Rows that integration tests need, written as the system would write them.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/connect';
import { memberships, organizations } from '@/lib/db/schema';
import { type Role } from '@/lib/model';
import type { Claims } from '@/lib/db/session';

export async function createUser(db: Db, email = `user-${crypto.randomUUID()}@example.test`): Promise<Claims> {
  const id = crypto.randomUUID();
  // No home organization: tests build exactly the memberships they need.
  await db.execute(sql`insert into auth.users (id, aud, role, email, raw_app_meta_data, created_at, updated_at)
    values (${id}, 'authenticated', 'authenticated', ${email}, '{"skip_home_organization":"true"}'::jsonb, now(), now())`);
  return { sub: id, email, role: 'authenticated' };
}

export async function createOrg(db: Db, name: string, members: Array<[Claims, Role]>): Promise<string> {
  const [org] = await db.insert(organizations).values({ name, createdBy: members[0]?.[0].sub }).returning();
  for (const [user, role] of members) await db.insert(memberships).values({ orgId: org.id, userId: user.sub, role });
  return org.id;
}
