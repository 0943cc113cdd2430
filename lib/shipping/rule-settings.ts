import 'server-only';
// Merchant rules and SKU defaults, per organization, in the person's own transaction: RLS lets
// admins manage them and every member read them (they decide what operators can buy).
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgErrorCode, rowsOf, type Tx } from '@/lib/db';
import { shippingRules, skuDefaults } from '@/lib/db/schema';
import { recordAudit } from '@/lib/audit';
import { hasRole } from '@/lib/orgs/roles';
import { roleIn } from '@/lib/orgs/roles';
import { ruleValueProblem } from './rules';
import { ShippingSettingsError } from './settings';
import { RULE_KINDS, type ShippingRule, type SkuDefault } from './types';

export const ruleInput = z
  .object({
    name: z.string().trim().min(1, 'Enter a name').max(100, 'Use at most 100 characters'),
    effect: z.enum(['block', 'warn'], { error: 'Choose block or warn' }),
    kind: z.enum(RULE_KINDS, { error: 'Choose what the rule checks' }),
    value: z.string().trim().max(500, 'Use at most 500 characters').default(''),
    message: z.string().trim().min(1, 'Write the message people will see').max(300, 'Use at most 300 characters'),
  })
  .superRefine((r, ctx) => {
    const problem = ruleValueProblem(r.kind, r.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type RuleInput = z.infer<typeof ruleInput>;

export const skuDefaultInput = z.object({
  sku: z.string().trim().min(1, 'Enter the SKU').max(100, 'Use at most 100 characters'),
  presetId: z.union([z.uuid(), z.literal('')]).optional().transform((v) => v || null),
  weightOz: z.coerce.number({ error: 'Enter the weight in ounces' }).gt(0, 'The weight must be more than 0').max(2400, 'The weight can be at most 2400 oz (150 lb)'),
});
export type SkuDefaultInput = z.infer<typeof skuDefaultInput>;

async function requireAdmin(tx: Tx, orgId: string, userId: string) {
  if (!hasRole(await roleIn(tx, orgId, userId), 'admin')) throw new ShippingSettingsError('Only owners and admins can change shipping settings.');
}

export async function listRules(tx: Tx, orgId: string): Promise<ShippingRule[]> {
  const rows = await tx.select().from(shippingRules).where(eq(shippingRules.orgId, orgId)).orderBy(asc(shippingRules.createdAt), asc(shippingRules.id));
  return rows.map(({ id, name, effect, kind, value, message, enabled }) => ({ id, name, effect, kind, value, message, enabled }));
}

export async function listSkuDefaults(tx: Tx, orgId: string): Promise<SkuDefault[]> {
  const rows = await tx.select().from(skuDefaults).where(eq(skuDefaults.orgId, orgId)).orderBy(asc(skuDefaults.sku));
  return rows.map((r) => ({ id: r.id, sku: r.sku, presetId: r.presetId, weightOz: Number(r.weightOz) }));
}

export async function addRule(tx: Tx, actor: { userId: string }, orgId: string, r: RuleInput): Promise<string> {
  await requireAdmin(tx, orgId, actor.userId);
  // Raw SQL: people may insert the granted columns only.
  const [row] = rowsOf<{ id: string }>(
    await tx.execute(sql`insert into public.shipping_rules (org_id, name, effect, kind, value, message, created_by)
      values (${orgId}::uuid, ${r.name}, ${r.effect}, ${r.kind}, ${r.value}, ${r.message}, ${actor.userId}::uuid) returning id`),
  );
  await recordAudit(tx, {
    orgId, actor: { type: 'user', userId: actor.userId }, action: 'shipping_rule.created', targetType: 'shipping_rule', targetId: row.id,
    details: { kind: r.kind, effect: r.effect },
  });
  return row.id;
}

export async function addSkuDefault(tx: Tx, actor: { userId: string }, orgId: string, d: SkuDefaultInput): Promise<string> {
  await requireAdmin(tx, orgId, actor.userId);
  try {
    const [row] = rowsOf<{ id: string }>(
      await tx.execute(sql`insert into public.sku_defaults (org_id, sku, preset_id, weight_oz)
        values (${orgId}::uuid, ${d.sku}, ${d.presetId}::uuid, ${d.weightOz}) returning id`),
    );
    await recordAudit(tx, { orgId, actor: { type: 'user', userId: actor.userId }, action: 'sku_default.created', targetType: 'sku_default', targetId: row.id });
    return row.id;
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw new ShippingSettingsError('That SKU already has a default. Delete it first to change it.', { sku: 'Already set' });
    if (pgErrorCode(e) === '23503') throw new ShippingSettingsError('That package no longer exists. Reload the page.');
    throw e;
  }
}

export async function deleteRuleOrDefault(tx: Tx, actor: { userId: string }, orgId: string, kind: 'rule' | 'sku_default', id: string): Promise<void> {
  await requireAdmin(tx, orgId, actor.userId);
  const table = kind === 'rule' ? shippingRules : skuDefaults;
  const gone = await tx.delete(table).where(and(eq(table.orgId, orgId), eq(table.id, id))).returning({ id: table.id });
  if (!gone.length) throw new ShippingSettingsError('That no longer exists.');
  await recordAudit(tx, { orgId, actor: { type: 'user', userId: actor.userId }, action: `${kind}.deleted`, targetType: kind, targetId: id });
}
