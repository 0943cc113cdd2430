// Deleting an organization, by an owner who types its name: the organization row goes and every
// row of it with it (accounts, sealed credentials, jobs, orders, buyers, listings, shipments, runs,
// invitations, the audit trail), through the foreign keys' cascades. None of the three marketplaces
// documents an endpoint for an app to revoke a seller's grant (marketplace-apis.md), so ESM deletes
// its tokens; the seller removes ESM's access in Seller Central, eBay or Walmart's portal.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';

export type DeleteOrgResult = { ok: true; name: string } | { ok: false; reason: 'forbidden' | 'confirmation' };

export async function deleteOrganization(tx: Tx, orgId: string, userId: string, typedName: string): Promise<DeleteOrgResult> {
  const [org] = rowsOf<{ name: string; role: string | null }>(
    await tx.execute(sql`select o.name, m.role from public.organizations o
      left join public.memberships m on m.org_id = o.id and m.user_id = ${userId} where o.id = ${orgId}`),
  );
  if (!org || org.role !== 'owner') return { ok: false, reason: 'forbidden' };
  if (typedName.trim() !== org.name.trim()) return { ok: false, reason: 'confirmation' };
  // Under RLS as the owner: the policy allows it, and the cascades remove the rest.
  const deleted = rowsOf(await tx.execute(sql`delete from public.organizations where id = ${orgId} returning id`));
  if (deleted.length !== 1) return { ok: false, reason: 'forbidden' };
  return { ok: true, name: org.name };
}
