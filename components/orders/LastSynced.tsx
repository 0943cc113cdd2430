// "Last synced N min ago" for the accounts whose orders are shown: the oldest sync is what the
// list may be missing, so it is the one named; each account is in the tooltip.
import { RefreshCw } from 'lucide-react';
import type { AccountOption } from '@/lib/orders/list';

export function ago(at: Date | null, now: Date): string {
  if (!at) return 'never';
  const min = Math.max(0, Math.round((now.getTime() - at.getTime()) / 60_000));
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  if (min < 48 * 60) return `${Math.round(min / 60)} h ago`;
  return `${Math.round(min / 1440)} d ago`;
}

export function LastSynced({ accounts, now }: { accounts: AccountOption[]; now: string }) {
  if (!accounts.length) return null;
  const at = new Date(now);
  const oldest = accounts.reduce<AccountOption | null>((o, a) => (!o || !a.lastSyncedAt || (o.lastSyncedAt && a.lastSyncedAt < o.lastSyncedAt) ? a : o), null)!;
  const label = accounts.length === 1 ? `${oldest.name} synced ${ago(oldest.lastSyncedAt, at)}` : `Last synced ${ago(oldest.lastSyncedAt, at)}`;
  return (
    <p className="flex items-center gap-1.5 text-sm text-ink-muted" title={accounts.map((a) => `${a.name}: ${ago(a.lastSyncedAt, at)}`).join('\n')}>
      <RefreshCw aria-hidden className="size-3.5" />
      {label}
      {accounts.length > 1 ? <span className="text-ink-faint">({accounts.length} accounts; oldest: {oldest.name})</span> : null}
    </p>
  );
}
