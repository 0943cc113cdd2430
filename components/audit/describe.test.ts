import { describe, expect, it } from 'vitest';
import { auditSentence, describeAudit, type AuditEventLike, type AuditNames } from './describe';

const ORDER = '11111111-1111-4111-8111-111111111111';
const SHIPMENT = '22222222-2222-4222-8222-222222222222';
const ACCOUNT = '33333333-3333-4333-8333-333333333333';
const USER = '44444444-4444-4444-8444-444444444444';
const names: AuditNames = {
  emails: new Map([[USER, 'ana@shop.test']]),
  orders: new Map([[ORDER, '114-2233445-1']]),
  shipments: new Map([[SHIPMENT, { orderId: ORDER, number: '114-2233445-1' }]]),
  accounts: new Map([[ACCOUNT, 'Main store']]),
};
const ev = (action: string, targetType: string | null, targetId: string | null, details: Record<string, unknown> = {}): AuditEventLike => ({ action, targetType, targetId, details });

describe('audit entries in words', () => {
  it.each([
    [ev('order.held', 'order', ORDER, { marketplace: 'amazon', withReason: true }), 'Order 114-2233445-1 put on hold, with a reason'],
    [ev('order.held', 'order', ORDER, { withReason: false }), 'Order 114-2233445-1 put on hold'],
    [ev('order.released', 'order', ORDER), 'Order 114-2233445-1 released from hold'],
    [ev('order.address_corrected', 'order', ORDER, { fields: 'street1,zip' }), 'Order 114-2233445-1: ship-to address corrected (street1, zip)'],
    [ev('shipment.purchased', 'shipment', SHIPMENT, { carrier: 'usps', service: 'Priority Mail', cost: '7.50' }), 'Label for order 114-2233445-1 bought (USPS Priority Mail)'],
    [ev('shipment.purchase_failed', 'shipment', SHIPMENT), 'Label for order 114-2233445-1: purchase failed'],
    [ev('shipment.void_requested', 'shipment', SHIPMENT), 'Label for order 114-2233445-1: void requested'],
    [ev('shipment.refunded', 'shipment', SHIPMENT), 'Label for order 114-2233445-1 voided and refunded'],
    [ev('shipment.refund_rejected', 'shipment', SHIPMENT), 'Label for order 114-2233445-1: void refused by the carrier, the label is still active'],
    [ev('account.connected', 'marketplace_account', ACCOUNT, { marketplace: 'walmart' }), 'Walmart account “Main store” connected'],
    [ev('account.reconnected', 'marketplace_account', ACCOUNT, { marketplace: 'ebay' }), 'eBay account “Main store” reconnected'],
    [ev('account.disconnected', 'marketplace_account', ACCOUNT, { marketplace: 'ebay', data: 'anonymize' }), 'eBay account “Main store” disconnected, buyer data anonymized'],
    [ev('account.needs_reconnect', 'marketplace_account', ACCOUNT, { marketplace: 'amazon', failures: 3 }), 'Amazon account “Main store” needs to be reconnected after 3 failed syncs'],
    [ev('account.sync_requested', 'marketplace_account', ACCOUNT, { marketplace: 'amazon' }), 'Amazon account “Main store”: sync requested'],
    [ev('account.seller_shared', 'marketplace_account', ACCOUNT, { marketplace: 'amazon', connectedHere: true }), 'Amazon account “Main store” is also connected in another organization'],
    [ev('member.role_changed', 'user', USER, { from: 'viewer', to: 'operator' }), 'Member ana@shop.test: role changed from viewer to operator'],
    [ev('member.removed', 'user', USER, { role: 'viewer' }), 'Member ana@shop.test removed (was viewer)'],
    [ev('member.left', 'user', '55555555-5555-4555-8555-555555555555', { role: 'admin' }), 'A former member left the organization (was admin)'],
    [ev('invitation.created', 'invitation', 'x', { role: 'viewer' }), 'Invitation created for the viewer role'],
    [ev('invitation.accepted', 'invitation', 'x', { role: 'viewer', already_member: true }), 'Invitation accepted as viewer (already a member)'],
    [ev('invitation.expired', 'invitation', 'x', { role: 'viewer' }), 'Invitation expired unanswered'],
    [ev('organization.renamed', 'organization', 'o', { from: 'A', to: 'B' }), 'Organization renamed from “A” to “B”'],
    [ev('organization.time_zone_changed', 'organization', 'o', { from: 'UTC', to: 'America/Chicago' }), 'Organization’s time zone changed from UTC to America/Chicago'],
    [ev('privacy.retention_changed', 'organization', 'o', { from: 30, to: 14 }), 'Organization: buyer-data retention set to 14 days (was 30)'],
    [ev('privacy.buyers_anonymized', 'organization', 'o', { buyers: 1, retention_days: 30 }), 'Organization: 1 buyer anonymized after 30 days'],
    [ev('privacy.ebay_account_deleted', 'ebay_notification', 'n', { buyers_anonymized: 2, accounts_disconnected: 0 }), 'eBay: a buyer’s account deletion honoured (2 buyers anonymized)'],
    [ev('package_preset.created', 'package_preset', 'p', { name: 'Small box' }), 'Package “Small box” added'],
    [ev('shipping_rule.created', 'shipping_rule', 'r', { kind: 'po_box', effect: 'block' }), 'A shipping rule added (block, po box)'],
  ])('%#: %s', (e, text) => {
    expect(auditSentence(e, names)).toBe(text);
  });

  it('links the object it names', () => {
    expect(describeAudit(ev('order.held', 'order', ORDER), names)[0]).toEqual({ text: 'Order 114-2233445-1', href: `/orders/${ORDER}` });
    expect(describeAudit(ev('shipment.refunded', 'shipment', SHIPMENT), names)[0]).toEqual({ text: 'Label for order 114-2233445-1', href: `/orders/${ORDER}` });
    expect(describeAudit(ev('account.connected', 'marketplace_account', ACCOUNT), names)[0]).toMatchObject({ href: '/accounts' });
  });

  it('an action without words still says what it was, with its plain details', () => {
    expect(auditSentence(ev('report.big', 'organization', 'o', { rows: 5, nested: { a: 1 } }), names)).toBe('Organization: report big (rows: 5)');
  });
});
