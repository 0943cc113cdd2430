// The Shipments page's "Tracking upload" cell: where the tracking stands at the marketplace, the
// marketplace's message when it failed, and Retry for operators.
import { Badge } from '@/components/ui/Badge';
import { PUSH_TONES, pushLabel } from './push-status';
import { RetryPushButton } from './RetryPushButton';

export function PushStatusCell({ s, canEdit }: { s: { id: string; orderId: string; push: string; pushError?: string | null; marketplace: string }; canEdit: boolean }) {
  return (
    <div className="space-y-1" data-testid="push-status">
      <Badge tone={PUSH_TONES[s.push] ?? 'neutral'}>{pushLabel(s.push, s.marketplace)}</Badge>
      {s.pushError && s.push !== 'pushed' ? <p className="max-w-56 text-xs break-words text-ink-muted">{s.pushError}</p> : null}
      {s.push === 'failed' && canEdit ? <RetryPushButton shipmentId={s.id} orderId={s.orderId} /> : null}
    </div>
  );
}
