// The embedded default's demo: a seller login, its organization, one sandbox account per
// marketplace and sample orders drawn from the same seeded world the simulators serve.
// Idempotent; runs only when sandbox services are allowed (never with production config).
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/connect';
import { runAsService } from '@/lib/db/session';
import { marketplaceAccounts, memberships, orderBuyers, orderItems, orders, type Marketplace, type OrderStatus } from '@/lib/db/schema';
import { createSandboxUser } from '@/sandbox/auth';
import { simOrder, orderCount, type AccountProfile, type SimOrder } from '@/sandbox/core/catalog';

import { DEMO_EMAIL, DEMO_ORG_NAME, DEMO_PASSWORD } from './constants';

const DAY = 86_400_000;

const DEMO_ACCOUNTS: Array<{ marketplace: Marketplace; name: string; externalId: string; code: string; prefix: string }> = [
  { marketplace: 'walmart', name: 'Walmart (sandbox)', externalId: 'sandbox-walmart-seller', code: 'US', prefix: 'W' },
  { marketplace: 'amazon', name: 'Amazon US (sandbox)', externalId: 'A1SANDBOXSELLER', code: 'ATVPDKIKX0DER', prefix: 'A' },
  { marketplace: 'ebay', name: 'eBay (sandbox)', externalId: 'sandbox_ebay_seller', code: 'EBAY_US', prefix: 'E' },
];

function statusAt(o: SimOrder, now: number): OrderStatus {
  if (o.cancelledAt !== null && o.cancelledAt <= now) return 'cancelled';
  if (o.deliveredAt !== null && o.deliveredAt <= now) return 'delivered';
  if (o.shippedAt !== null && o.shippedAt <= now) return 'shipped';
  if (o.partialShipAt !== null && o.partialShipAt <= now) return 'partially_shipped';
  return 'unshipped';
}

function externalId(prefix: string, i: number): string {
  const n = String(1_000_000 + i).padStart(7, '0');
  if (prefix === 'A') return `113-${n}-${String(4_000_000 + i * 7).slice(-7)}`;
  if (prefix === 'E') return `14-${String(10_000 + (i % 90_000)).padStart(5, '0')}-${String(20_000 + i).slice(-5)}`;
  return `10${String(81_000_000_000 + i)}`;
}

export async function ensureSandboxData(database: Database, now = Date.now()): Promise<void> {
  const userId = await createSandboxUser(database, {
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    data: { organization_name: DEMO_ORG_NAME },
  });
  await runAsService(database.db, 'seed', async (tx) => {
    const [home] = await tx
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')))
      .limit(1);
    if (!home) return;
    const existing = await tx.select({ id: marketplaceAccounts.id }).from(marketplaceAccounts).where(eq(marketplaceAccounts.orgId, home.orgId)).limit(1);
    if (existing.length) return;
    const epochMs = Math.floor((now - 30 * DAY) / DAY) * DAY;
    for (const a of DEMO_ACCOUNTS) {
      const [account] = await tx
        .insert(marketplaceAccounts)
        .values({ orgId: home.orgId, marketplace: a.marketplace, displayName: a.name, externalAccountId: a.externalId, marketplaceCode: a.code, connectedBy: userId })
        .returning();
      const profile: AccountProfile = { seed: `demo-${a.marketplace}`, epochMs, intervalMs: 90 * 60_000 };
      await insertSampleOrders(tx, home.orgId, account.id, a, profile, now);
    }
  });
}

type SeedTx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

async function insertSampleOrders(
  tx: SeedTx,
  orgId: string,
  accountId: string,
  a: (typeof DEMO_ACCOUNTS)[number],
  profile: AccountProfile,
  now: number,
): Promise<void> {
  const count = orderCount(profile, now);
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, k) => simOrder(profile, start + k));
    const rows = batch.map((o) => {
      const subtotal = o.lines.reduce((s, l) => s + l.item.price * l.quantity, 0);
      const shipping = subtotal >= 35 ? 0 : 5.99;
      const tax = Math.round(subtotal * 0.0725 * 100) / 100;
      const status = statusAt(o, now);
      return {
        orgId,
        marketplaceAccountId: accountId,
        marketplace: a.marketplace,
        externalOrderId: externalId(a.prefix, o.index),
        status,
        marketplaceStatus: status,
        orderedAt: new Date(o.createdAt),
        marketplaceUpdatedAt: new Date(o.createdAt),
        shipBy: new Date(o.shipBy),
        deliverBy: new Date(o.deliverBy),
        shippedAt: status === 'shipped' || status === 'delivered' ? new Date(o.shippedAt!) : null,
        deliveredAt: status === 'delivered' ? new Date(o.deliveredAt!) : null,
        cancelledAt: status === 'cancelled' ? new Date(o.cancelledAt!) : null,
        subtotal: subtotal.toFixed(2),
        shippingTotal: shipping.toFixed(2),
        taxTotal: tax.toFixed(2),
        total: (subtotal + shipping + tax).toFixed(2),
        itemCount: o.lines.reduce((s, l) => s + l.quantity, 0),
      };
    });
    const inserted = await tx.insert(orders).values(rows).returning({ id: orders.id });
    await tx.insert(orderItems).values(
      batch.flatMap((o, k) =>
        o.lines.map((l) => ({
          orgId,
          orderId: inserted[k].id,
          lineId: String(l.lineNumber),
          sku: l.item.sku,
          title: l.item.title,
          quantity: l.quantity,
          unitPrice: l.item.price.toFixed(2),
        })),
      ),
    );
    await tx.insert(orderBuyers).values(
      batch.map((o, k) => ({
        orderId: inserted[k].id,
        orgId,
        name: o.buyer.name,
        addressLine1: o.buyer.address1,
        addressLine2: o.buyer.address2,
        city: o.buyer.city,
        region: o.buyer.state,
        postalCode: o.buyer.postalCode,
        country: o.buyer.country,
        phone: o.buyer.phone,
      })),
    );
  }
}
