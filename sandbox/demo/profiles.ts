// The embedded demo's seller accounts: the simulators' default sellers with a working shop's
// order flow (catalog.ts `shop` lifecycle: orders ship within hours and are delivered days later).
// Today (UTC) the shop is busy: a new order every 4 minutes on Walmart, every 12 on eBay and
// every 15 on Amazon (one every 2.5 minutes in all, and on as the app runs). Before today it is
// steadier: about 160 orders yesterday, each day back 1% quieter, over the 30 days a first sync
// brings in (lib/sync/run.ts INITIAL_LOOKBACK_MS), so a week compares with the week before as a
// real shop's would, not as growth from nothing.
// Walmart carries most of it because eBay's orders never report a delivery (they stay Shipped
// in ESM), and a shop whose orders mostly read Shipped does not look like one that delivers.
// That keeps the history at 4,100-4,700 orders, depending on the hour of the start: at 9,000 the
// embedded database's first sync held up the app for minutes after a start.
// Amazon's rate is lower because its searchOrders allows a burst of 20 pages of 100 orders and then
// one page per 3 minutes, per seller and app: its history (at most ~800 orders, 8 pages) fits in the
// burst twice over (the demo, and the end-to-end test that connects the same sandbox seller to a
// second organization).
import type { ArrivalStep } from '@/sandbox/core/arrivals';
import type { AccountProfile } from '@/sandbox/core/catalog';
import { defaultAmazonAccounts, type AmazonAccount } from '@/sandbox/amazon/accounts';
import { defaultEbayAccounts, type EbaySellerAccount } from '@/sandbox/ebay';
import { defaultWalmartAccounts, type WalmartAccount } from '@/sandbox/walmart/accounts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The live rate: from the start of today (UTC) on, and going forward. */
export const DEMO_ORDER_INTERVAL_MS = { walmart: 4 * MINUTE, ebay: 12 * MINUTE, amazon: 15 * MINUTE } as const;
/** How much quieter yesterday was than today (576 orders a day at the live rate, 160 yesterday). */
export const DEMO_YESTERDAY_QUIETER = 3.6;
/** Each day before yesterday is this many times quieter than the day after it. */
export const DEMO_DAILY_GROWTH = 1.01;
const LIVE_DAYS = 0;

/**
 * The profile's arrivals, rewritten: day by day from its epoch (the start of a UTC day, 30 days
 * back), a little slower the further back, at the live rate from today on. Day-aligned, so a restart the same day rebuilds the same history.
 */
export function growingShop(p: AccountProfile, now: number, liveMs: number): AccountProfile {
  const liveFrom = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) - LIVE_DAYS * DAY;
  const days = Math.max(0, Math.round((liveFrom - p.epochMs) / DAY));
  const interval = (daysBeforeLive: number) =>
    daysBeforeLive === 0 ? liveMs : Math.round((liveMs * DEMO_YESTERDAY_QUIETER * DEMO_DAILY_GROWTH ** (daysBeforeLive - 1)) / 1000) * 1000;
  const steps: ArrivalStep[] = [];
  for (let d = 1; d <= days; d++) steps.push({ fromMs: p.epochMs + d * DAY, intervalMs: interval(days - d) });
  return { ...p, intervalMs: interval(days), steps, lifecycle: 'shop' };
}

export function demoWalmartAccounts(now: number): WalmartAccount[] {
  return defaultWalmartAccounts(now).map((a) => ({ ...a, profile: growingShop(a.profile, now, DEMO_ORDER_INTERVAL_MS.walmart) }));
}

export function demoAmazonAccounts(now: number): AmazonAccount[] {
  return defaultAmazonAccounts(now).map((a) => ({ ...a, profile: growingShop(a.profile, now, DEMO_ORDER_INTERVAL_MS.amazon) }));
}

export function demoEbayAccounts(now: number): EbaySellerAccount[] {
  return defaultEbayAccounts(now).map((a) => ({ ...a, profile: growingShop(a.profile, now, DEMO_ORDER_INTERVAL_MS.ebay) }));
}
