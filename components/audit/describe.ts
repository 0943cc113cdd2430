// Audit events in words. Details never hold PII (a rule of recordAudit), so they can be shown.
const ACTIONS: Record<string, string> = {
  'organization.created': 'Organization created',
  'organization.renamed': 'Organization renamed',
  'member.added': 'Member added',
  'member.role_changed': 'Role changed',
  'member.removed': 'Member removed',
  'account.seller_shared': 'Seller account also in another organization',
};

export function actionLabel(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  const words = action.replace(/[._]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : action;
}

export function detailsSummary(action: string, details: Record<string, unknown>): string {
  if (action === 'member.role_changed' && details.from && details.to) return `${details.from} → ${details.to}`;
  if (action === 'organization.renamed' && details.to) return `to “${details.to}”`;
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${String(v)}`)
    .join(', ');
}
