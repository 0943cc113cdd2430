// The order page's "Packages & tracking" card with its data, read under the person's RLS (the
// component itself never touches the database). One line in the order page places it.
import { currentOrgContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { loadOrderTracking } from '@/lib/tracking/view';
import { TrackingPanel } from '@/components/tracking/TrackingPanel';

export async function TrackingSection({ orderId, canEdit, timeZone }: { orderId: string; canEdit: boolean; timeZone: string }) {
  const { session } = await currentOrgContext();
  const tracking = await withUser(session.claims, (tx) => loadOrderTracking(tx, orderId));
  return tracking ? <TrackingPanel orderId={orderId} tracking={tracking} canEdit={canEdit} timeZone={timeZone} /> : null;
}
