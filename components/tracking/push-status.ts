import type { BadgeTone } from '@/components/ui/Badge';
import { formatMarketplace } from '@/components/ui/format';

/** How a tracking upload reads to a seller, per status (the marketplace named where it helps). */
export function pushLabel(status: string, marketplace?: string): string {
  const m = marketplace ? formatMarketplace(marketplace) : 'the marketplace';
  if (status === 'pushed') return `Sent to ${m}`;
  if (status === 'failed') return `Not sent to ${m}`;
  if (status === 'not_required') return 'Not needed';
  return `Sending to ${m}…`;
}

export const PUSH_TONES: Record<string, BadgeTone> = { pushed: 'success', failed: 'danger', pending: 'info', not_required: 'neutral' };
