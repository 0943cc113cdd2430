import 'server-only';
// Connecting, reconnecting and disconnecting a marketplace account. Credentials are checked
// with a real call before anything is saved; the account row, its sealed credentials, its sync
// jobs and the audit event are written in one transaction. Only admins and owners may do it:
// the service path checks the role itself, since credentials are out of the person's reach.
import { and, eq, ne, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db/connect';
import { jobs, marketplaceAccounts } from '@/lib/db/schema';
import { hasRole, roleIn } from '@/lib/orgs/roles';
import { type Marketplace } from '@/lib/model';
import type { EncryptionKey } from '@/lib/env';
import { recordAudit } from '@/lib/audit';
import { anonymizeBuyers } from '@/lib/privacy/anonymize';
import type { AccountIdentity } from '@/lib/marketplaces/types';
import { ensureSyncJobs } from '@/lib/sync/jobs';
import { deleteCredentials, storeCredentials, type AccountCredentials } from './credentials';

export type ConnectResult =
  | {
      ok: true;
      accountId: string;
      reconnected: boolean;
      /** The same seller account is also connected to another organization (never said which). */
      sharedSeller: boolean;
    }
  | { ok: false; reason: 'forbidden' | 'not_found' | 'wrong_account' };

async function isAdmin(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  return hasRole(await roleIn(tx, orgId, userId), 'admin');
}

/**
 * A seller may legitimately run two organizations, so connecting the same seller account (same
 * marketplace, same external id) to a second one is allowed, but never silently: the connecting
 * admin is warned and, on a first connection, both organizations' trails record it. This runs on
 * the service path (saveConnection's transaction), the only place that can see other tenants.
 * Neither side learns the other organization's id or name.
 */
async function noteSharedSeller(tx: Tx, input: ConnectInput, accountId: string, firstConnection: boolean): Promise<boolean> {
  const elsewhere = await tx
    .select({ id: marketplaceAccounts.id, orgId: marketplaceAccounts.orgId })
    .from(marketplaceAccounts)
    .where(
      and(
        eq(marketplaceAccounts.marketplace, input.marketplace),
        eq(marketplaceAccounts.externalAccountId, input.identity.externalAccountId),
        ne(marketplaceAccounts.orgId, input.orgId),
        ne(marketplaceAccounts.status, 'disconnected'),
      ),
    );
  if (elsewhere.length === 0) return false;
  if (firstConnection) {
    const event = { actor: { type: 'system' } as const, action: 'account.seller_shared', targetType: 'marketplace_account' };
    await recordAudit(tx, { ...event, orgId: input.orgId, targetId: accountId, details: { marketplace: input.marketplace, connectedHere: true } });
    for (const other of elsewhere) {
      await recordAudit(tx, { ...event, orgId: other.orgId, targetId: other.id, details: { marketplace: input.marketplace, connectedHere: false } });
    }
  }
  return true;
}

export interface ConnectInput {
  orgId: string;
  userId: string;
  marketplace: Marketplace;
  identity: AccountIdentity;
  credentials: AccountCredentials;
  /** Reconnecting a specific account: the identity must be the same seller. */
  accountId?: string;
}

export async function saveConnection(db: Db, keys: EncryptionKey[], input: ConnectInput, now = Date.now()): Promise<ConnectResult> {
  return db.transaction(async (tx) => {
    if (!(await isAdmin(tx, input.orgId, input.userId))) return { ok: false, reason: 'forbidden' } as const;
    const [existing] = await tx
      .select()
      .from(marketplaceAccounts)
      .where(
        and(
          eq(marketplaceAccounts.orgId, input.orgId),
          input.accountId
            ? eq(marketplaceAccounts.id, input.accountId)
            : and(eq(marketplaceAccounts.marketplace, input.marketplace), eq(marketplaceAccounts.externalAccountId, input.identity.externalAccountId)),
        ),
      );
    if (input.accountId && !existing) return { ok: false, reason: 'not_found' } as const;
    if (existing && existing.externalAccountId !== input.identity.externalAccountId) return { ok: false, reason: 'wrong_account' } as const;

    let accountId: string;
    if (existing) {
      accountId = existing.id;
      await tx
        .update(marketplaceAccounts)
        .set({ status: 'active', statusReason: null, consecutiveAuthFailures: 0, lastSyncError: null, disconnectedAt: null, connectedBy: input.userId, connectedAt: new Date(now) })
        .where(eq(marketplaceAccounts.id, accountId));
    } else {
      const [row] = await tx
        .insert(marketplaceAccounts)
        .values({
          orgId: input.orgId,
          marketplace: input.marketplace,
          displayName: input.identity.displayName.slice(0, 100) || input.identity.externalAccountId,
          externalAccountId: input.identity.externalAccountId,
          marketplaceCode: input.identity.marketplaceCode,
          connectedBy: input.userId,
        })
        .returning({ id: marketplaceAccounts.id });
      accountId = row.id;
    }
    await storeCredentials(tx, keys, { accountId, orgId: input.orgId }, input.credentials);
    await ensureSyncJobs(tx, input.orgId, accountId, now);
    // A reconnect syncs at once rather than waiting for the schedule.
    await tx.update(jobs).set({ runAt: new Date(now) }).where(eq(jobs.marketplaceAccountId, accountId));
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: { type: 'user', userId: input.userId },
      action: existing ? 'account.reconnected' : 'account.connected',
      targetType: 'marketplace_account',
      targetId: accountId,
      details: { marketplace: input.marketplace },
    });
    const sharedSeller = await noteSharedSeller(tx, input, accountId, !existing);
    return { ok: true, accountId, reconnected: !!existing, sharedSeller } as const;
  });
}

/** What happens to an account's synced data when it is disconnected. */
export type DisconnectData = 'anonymize' | 'delete';

/**
 * Credentials are deleted and syncing stops, either way. Then the seller chooses: keep the
 * orders as history with their buyers anonymized now ('anonymize'), or delete the account's
 * orders (items, buyers, shipments with them) and listings ('delete').
 */
export async function disconnectAccount(
  db: Db,
  input: { orgId: string; userId: string; accountId: string; data: DisconnectData },
  now = Date.now(),
): Promise<'ok' | 'forbidden' | 'not_found'> {
  return db.transaction(async (tx) => {
    if (!(await isAdmin(tx, input.orgId, input.userId))) return 'forbidden';
    const [acct] = await tx
      .update(marketplaceAccounts)
      .set({ status: 'disconnected', statusReason: 'Disconnected by a member; credentials deleted.', disconnectedAt: new Date(now) })
      .where(and(eq(marketplaceAccounts.id, input.accountId), eq(marketplaceAccounts.orgId, input.orgId)))
      .returning({ marketplace: marketplaceAccounts.marketplace });
    if (!acct) return 'not_found';
    await deleteCredentials(tx, input.accountId);
    await tx.delete(jobs).where(eq(jobs.marketplaceAccountId, input.accountId));
    const ofAccount = sql`select id from public.orders where org_id = ${input.orgId} and marketplace_account_id = ${input.accountId}`;
    let details: Record<string, string | number | boolean>;
    if (input.data === 'anonymize') {
      const [done] = await anonymizeBuyers(tx, ofAccount, new Date(now));
      details = { buyers_anonymized: done?.buyers ?? 0 };
    } else {
      const orders = rowsOf(await tx.execute(sql`delete from public.orders where id in (${ofAccount}) returning id`)).length;
      const listings = rowsOf(await tx.execute(sql`delete from public.listings where org_id = ${input.orgId}
        and marketplace_account_id = ${input.accountId} returning id`)).length;
      details = { orders_deleted: orders, listings_deleted: listings };
    }
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: { type: 'user', userId: input.userId },
      action: 'account.disconnected',
      targetType: 'marketplace_account',
      targetId: input.accountId,
      details: { marketplace: acct.marketplace, credentials_deleted: true, data: input.data, ...details },
    });
    return 'ok';
  });
}
