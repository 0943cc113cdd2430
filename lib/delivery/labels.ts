// How a package's delivery status reads on the page (order detail, Shipments).
import type { DeliveryStatus } from '@/lib/db/schema';

export const DELIVERY_LABELS: Record<DeliveryStatus, string> = {
  unknown: 'No tracking yet',
  pre_transit: 'Label created',
  in_transit: 'In transit',
  delivered: 'Delivered',
  returned: 'Returned to sender',
  exception: 'Delivery problem',
};

export const DELIVERY_TONES: Record<DeliveryStatus, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  unknown: 'neutral',
  pre_transit: 'neutral',
  in_transit: 'info',
  delivered: 'success',
  returned: 'warning',
  exception: 'danger',
};

export const deliveryLabel = (s: string | null | undefined) => (s && s in DELIVERY_LABELS ? DELIVERY_LABELS[s as DeliveryStatus] : DELIVERY_LABELS.unknown);
