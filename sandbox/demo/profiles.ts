// The embedded demo's seller accounts: the simulators' default sellers with a working shop's
// order flow. A new order every 20 minutes on Walmart and on eBay and every 90 on Amazon (one
// every 9 minutes in all), over 30 days of history (about 4,800 orders: at 9,000 the embedded
// database's first sync held up the app for minutes after a start, and the end-to-end suite timed
// out against it); nearly every past order shipped on time and
// delivered (catalog.ts `shop` lifecycle). Amazon's rate is lower because its searchOrders allows
// a burst of 20 pages of 100 orders and then one page per 3 minutes, per seller and app: its 30
// days (480 orders, 5 pages) fit in the burst twice over with the demo's 2-minute syncs (the demo,
// and the end-to-end test that connects the same sandbox seller to a second organization).
import type { AccountProfile } from '@/sandbox/core/catalog';
import { defaultAmazonAccounts, type AmazonAccount } from '@/sandbox/amazon/accounts';
import { defaultEbayAccounts, type EbaySellerAccount } from '@/sandbox/ebay';
import { defaultWalmartAccounts, type WalmartAccount } from '@/sandbox/walmart/accounts';

const MINUTE = 60_000;
export const DEMO_ORDER_INTERVAL_MS = { walmart: 20 * MINUTE, ebay: 20 * MINUTE, amazon: 90 * MINUTE } as const;

const shop = (p: AccountProfile, intervalMs: number): AccountProfile => ({ ...p, intervalMs, lifecycle: 'shop' });

export function demoWalmartAccounts(now: number): WalmartAccount[] {
  return defaultWalmartAccounts(now).map((a) => ({ ...a, profile: shop(a.profile, DEMO_ORDER_INTERVAL_MS.walmart) }));
}

export function demoAmazonAccounts(now: number): AmazonAccount[] {
  return defaultAmazonAccounts(now).map((a) => ({ ...a, profile: shop(a.profile, DEMO_ORDER_INTERVAL_MS.amazon) }));
}

export function demoEbayAccounts(now: number): EbaySellerAccount[] {
  return defaultEbayAccounts(now).map((a) => ({ ...a, profile: shop(a.profile, DEMO_ORDER_INTERVAL_MS.ebay) }));
}
