// Audit events in words: what happened to what, with a link to it ("Order 114-… put on hold").
// Details never hold PII (a rule of recordAudit), so what they say can be shown; a hold's reason
// is free text and is not in the trail (the order page shows it while the order is held).
import { formatMarketplace } from '@/components/ui/format';

/** A piece of the sentence: plain text, or the object it names with a link. */
export type Part = string | { text: string; href?: string };

/** What the page knows about the objects the events name (loaded with the page). */
export interface AuditNames {
  emails: Map<string, string>;
  /** order id → marketplace order number */
  orders: Map<string, string>;
  /** shipment id → its order's id and number */
  shipments: Map<string, { orderId: string; number: string }>;
  /** account id → display name */
  accounts: Map<string, string>;
}

export interface AuditEventLike {
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const role = (v: unknown) => (v ? ` as ${str(v)}` : '');
const plural = (n: unknown, one: string, many: string) => `${Number(n) || 0} ${Number(n) === 1 ? one : many}`;

function target(e: AuditEventLike, n: AuditNames): Part {
  const id = e.targetId ?? '';
  switch (e.targetType) {
    case 'order':
      return { text: `Order ${n.orders.get(id) ?? id.slice(0, 8)}`, href: `/orders/${id}` };
    case 'shipment': {
      const s = n.shipments.get(id);
      return s ? { text: `Label for order ${s.number}`, href: `/orders/${s.orderId}` } : { text: 'A label', href: '/shipments' };
    }
    case 'marketplace_account': {
      const name = n.accounts.get(id);
      const m = e.details.marketplace ? `${formatMarketplace(str(e.details.marketplace))} account` : 'Account';
      return { text: name ? `${m} “${name}”` : m, href: '/accounts' };
    }
    case 'user':
      return n.emails.has(id) ? `Member ${n.emails.get(id)}` : 'A former member';
    case 'invitation':
      return { text: 'Invitation', href: '/settings' };
    case 'ship_from_location':
      return { text: 'A ship-from address', href: '/settings/shipping' };
    case 'package_preset':
      return { text: e.details.name ? `Package “${str(e.details.name)}”` : 'A package', href: '/settings/shipping' };
    case 'shipping_rule':
      return { text: 'A shipping rule', href: '/settings/shipping' };
    case 'sku_default':
      return { text: 'A SKU default', href: '/settings/shipping' };
    case 'ebay_notification':
      return 'eBay';
    case 'organization':
      return { text: 'Organization', href: '/settings' };
    default:
      return e.targetType ? e.targetType.replace(/_/g, ' ') : 'ESM';
  }
}

type Describe = (e: AuditEventLike, d: Record<string, unknown>) => string;

/** The verb phrase after the target, per action. */
const WORDS: Record<string, Describe> = {
  'organization.created': () => ' created',
  'organization.renamed': (_, d) => ` renamed from “${str(d.from)}” to “${str(d.to)}”`,
  'organization.time_zone_changed': (_, d) => `’s time zone changed from ${str(d.from)} to ${str(d.to)}`,
  'member.added': (_, d) => ` added${role(d.role)}`,
  'member.role_changed': (_, d) => `: role changed from ${str(d.from)} to ${str(d.to)}`,
  'member.removed': (_, d) => ` removed (was ${str(d.role)})`,
  'member.left': (_, d) => ` left the organization (was ${str(d.role)})`,
  'invitation.created': (_, d) => ` created${d.role ? ` for the ${str(d.role)} role` : ''}`,
  'invitation.accepted': (_, d) => ` accepted${role(d.role)}${d.already_member ? ' (already a member)' : ''}`,
  'invitation.declined': () => ' declined',
  'invitation.revoked': () => ' revoked',
  'invitation.expired': () => ' expired unanswered',
  'order.held': (_, d) => ` put on hold${d.withReason ? ', with a reason' : ''}`,
  'order.released': () => ' released from hold',
  'order.address_corrected': (_, d) => `: ship-to address corrected${d.fields ? ` (${str(d.fields).replace(/_/g, ' ').replace(/,/g, ', ')})` : ''}`,
  'shipment.purchased': (_, d) => ` bought${d.carrier ? ` (${str(d.carrier).toUpperCase()}${d.service ? ` ${str(d.service)}` : ''})` : ''}`,
  'shipment.purchase_failed': () => ': purchase failed',
  'shipment.void_requested': () => ': void requested',
  'shipment.refunded': () => ' voided and refunded',
  'shipment.refund_rejected': () => ': void refused by the carrier, the label is still active',
  'account.connected': () => ' connected',
  'account.reconnected': () => ' reconnected',
  'account.disconnected': (_, d) => ` disconnected${d.data === 'delete' ? ', its orders deleted' : d.data === 'anonymize' ? ', buyer data anonymized' : ''}`,
  'account.needs_reconnect': (_, d) => ` needs to be reconnected${d.failures ? ` after ${plural(d.failures, 'failed sync', 'failed syncs')}` : ''}`,
  'account.sync_requested': () => ': sync requested',
  'account.seller_shared': (_, d) => (d.connectedHere ? ' is also connected in another organization' : ' was also connected by another organization'),
  'privacy.buyers_anonymized': (_, d) => `: ${plural(d.buyers, 'buyer', 'buyers')} anonymized after ${plural(d.retention_days, 'day', 'days')}`,
  'privacy.retention_changed': (_, d) => `: buyer-data retention set to ${plural(d.to, 'day', 'days')} (was ${str(d.from)})`,
  'privacy.exported': () => ': data exported',
  'privacy.ebay_account_deleted': (_, d) => `: a buyer’s account deletion honoured (${plural(d.buyers_anonymized, 'buyer', 'buyers')} anonymized)`,
  'report.exported': () => ': report exported',
  'ship_from.created': () => ' added',
  'ship_from.deleted': () => ' deleted',
  'package_preset.created': () => ' added',
  'package_preset.deleted': () => ' deleted',
  'shipping_rule.created': (_, d) => ` added${d.effect ? ` (${str(d.effect)}${d.kind ? `, ${str(d.kind).replace(/_/g, ' ')}` : ''})` : ''}`,
  'sku_default.created': () => ' added',
};

/** An action nobody wrote words for yet: its name in words, and its plain details. */
function fallback(e: AuditEventLike): string {
  const words = e.action.replace(/[._]+/g, ' ').trim();
  const facts = Object.entries(e.details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${String(v)}`)
    .join(', ');
  return `: ${words}${facts ? ` (${facts})` : ''}`;
}

/** The event as a sentence: [the object, linked], then what happened to it. */
export function describeAudit(e: AuditEventLike, names: AuditNames): Part[] {
  const words = Object.hasOwn(WORDS, e.action) ? WORDS[e.action](e, e.details ?? {}) : fallback(e);
  return [target(e, names), words];
}

/** The whole sentence as text (tests, titles). */
export function auditSentence(e: AuditEventLike, names: AuditNames): string {
  return describeAudit(e, names)
    .map((p) => (typeof p === 'string' ? p : p.text))
    .join('');
}
