import type { BadgeTone } from '@/components/ui/Badge';
import type { ShipmentState } from '@/lib/shipping/types';

export const SHIPMENT_TONES: Record<ShipmentState, BadgeTone> = {
  purchasing: 'info',
  purchased: 'success',
  failed: 'danger',
  unknown: 'warning',
  voided: 'neutral',
  refund_pending: 'warning',
  refunded: 'neutral',
};

export const SHIPMENT_LABELS: Record<ShipmentState, string> = {
  purchasing: 'Buying',
  purchased: 'Label bought',
  failed: 'Failed',
  unknown: 'Unconfirmed',
  voided: 'Voided',
  refund_pending: 'Void pending',
  refunded: 'Voided · refunded',
};
