// Item titles are bounded: the (order_id, line_id) unique index carries them for the orders search
// (migration 20261206002600), and a B-tree entry must fit in about 2.7 kB. The sync cuts a longer
// title instead of failing the page; the table refuses one written any other way. Item upserts
// still find their line through that index.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorCode, rowsOf } from '@/lib/db/connect';
import { runAsService } from '@/lib/db/session';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg } from '@/tests/support/fixtures';
import { TITLE_MAX, upsertOrders } from './upsert-orders';

const at = new Date('2026-05-05T12:00:00Z');
const order = (title: string, updatedAt: Date, quantity = 1): NormalizedOrder => ({
  externalOrderId: 'LONG-1', status: 'unshipped', marketplaceStatus: 'Created', orderedAt: at, updatedAt, shipBy: null, deliverBy: null,
  shippedAt: null, deliveredAt: null, cancelledAt: null, currency: 'USD', subtotal: '10.00', shippingTotal: '0.00', taxTotal: '0.00', total: '10.00',
  items: [{ lineId: '1', sku: 'MUG', title, quantity, quantityShipped: 0, unitPrice: '10.00', marketplaceStatus: null }],
  buyer: null,
});

describe.each(backends)('item titles on $name', (backend) => {
  let t: TestDatabase;
  let orgId: string;
  let accountId: string;
  beforeAll(async () => {
    t = await backend.open();
    orgId = await createOrg(t.database.db, `Titles ${crypto.randomUUID()}`, []);
    const [a] = rowsOf<{ id: string }>(await t.database.db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}::uuid, 'amazon', 'Amazon', ${crypto.randomUUID()}) returning id`));
    accountId = a.id;
  }, 60_000);
  afterAll(() => t?.cleanup());

  const items = async () =>
    rowsOf<{ title: string; quantity: number }>(await t.database.db.execute(sql`select title, quantity from public.order_items where org_id = ${orgId}::uuid`));

  it('a title longer than the bound is cut by the sync, and a later copy updates the same line', async () => {
    // Random text of 4-byte characters does not compress: 3,000 of them would not fit an index entry.
    const long = Array.from({ length: 3_000 }, (_, i) => String.fromCodePoint(0x1f600 + (i % 64))).join('');
    const scope = { orgId, accountId, marketplace: 'amazon' as const };
    await runAsService(t.database.db, 'tests', (tx) => upsertOrders(tx, scope, [order(long, at)]));
    expect(await items()).toEqual([{ title: [...long].slice(0, TITLE_MAX).join(''), quantity: 1 }]);
    await runAsService(t.database.db, 'tests', (tx) => upsertOrders(tx, scope, [order('Mug, blue', new Date(at.getTime() + 1000), 2)]));
    expect(await items()).toEqual([{ title: 'Mug, blue', quantity: 2 }]);
  });

  it('the table refuses a longer title written around the sync', async () => {
    const [o] = rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from public.orders where org_id = ${orgId}::uuid`));
    const write = (title: string) =>
      t.database.db.execute(sql`insert into public.order_items (org_id, order_id, line_id, title, quantity) values (${orgId}::uuid, ${o.id}::uuid, '2', ${title}, 1)`);
    const error = await write('x'.repeat(TITLE_MAX + 1)).then(() => null, (e: unknown) => e);
    expect(pgErrorCode(error)).toBe('23514'); // check_violation
    expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(/order_items_title_length/);
    await write('x'.repeat(TITLE_MAX));
    expect((await items()).map((i) => i.title.length).sort((a, b) => a - b)).toEqual([9, TITLE_MAX]);
  });
});
