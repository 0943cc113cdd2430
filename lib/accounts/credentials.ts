import 'server-only';
// Reading and writing an account's marketplace credentials: sealed with the configured keys,
// stored where no `authenticated` role can read them, and only ever opened on the service path.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { marketplaceCredentials } from '@/lib/db/schema';
import { open, seal } from '@/lib/crypto/credentials';
import type { EncryptionKey } from '@/lib/env';

import type { AccountCredentials } from '@/lib/marketplaces/credentials';

// One declaration per marketplace, in lib/marketplaces (tagged there by marketplace).
export type { AccountCredentials, AmazonCredentials, EbayCredentials, WalmartCredentials } from '@/lib/marketplaces/credentials';

export async function storeCredentials(
  tx: Tx,
  keys: EncryptionKey[],
  a: { accountId: string; orgId: string },
  secret: AccountCredentials,
): Promise<void> {
  const s = seal(keys, a.accountId, secret as unknown as Record<string, unknown>);
  await tx
    .insert(marketplaceCredentials)
    .values({ accountId: a.accountId, orgId: a.orgId, keyId: s.keyId, iv: s.iv, ciphertext: s.ciphertext, authTag: s.authTag })
    .onConflictDoUpdate({
      target: marketplaceCredentials.accountId,
      set: { keyId: s.keyId, iv: s.iv, ciphertext: s.ciphertext, authTag: s.authTag, updatedAt: sql`now()` },
    });
}

export async function loadCredentials<T extends AccountCredentials>(tx: Tx, keys: EncryptionKey[], accountId: string): Promise<T | null> {
  const [row] = await tx.select().from(marketplaceCredentials).where(eq(marketplaceCredentials.accountId, accountId));
  if (!row) return null;
  return open<T>(keys, accountId, row);
}

export async function deleteCredentials(tx: Tx, accountId: string): Promise<void> {
  await tx.delete(marketplaceCredentials).where(eq(marketplaceCredentials.accountId, accountId));
}
