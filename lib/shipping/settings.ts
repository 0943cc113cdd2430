import 'server-only';
// Ship-from locations and package presets, per organization. Written in the person's own
// transaction: RLS and the column grants let admins manage them and every member read them. A
// location is saved only after Shippo accepted the address (validated on create).
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/lib/db';
import { pgErrorCode, rowsOf } from '@/lib/db';
import { packagePresets, shipFromLocations } from '@/lib/db/schema';
import { recordAudit } from '@/lib/audit';
import { hasRole } from '@/lib/orgs/roles';
import { roleIn } from '@/lib/orgs/roles';
import type { Shippo } from 'shippo';
import { validateAddress, type ValidatedAddress } from './addresses';
import type { PackagePreset, ShipFromLocation } from './types';

export class ShippingSettingsError extends Error {
  constructor(readonly userMessage: string, readonly fields: Record<string, string> = {}) {
    super(userMessage);
    this.name = 'ShippingSettingsError';
  }
}

const line = (max: number, what: string) => z.string().trim().min(1, `Enter ${what}`).max(max, `Use at most ${max} characters`);
const optional = (max: number) =>
  z.string().trim().max(max, `Use at most ${max} characters`).optional().transform((v) => (v ? v : null));

export const shipFromInput = z.object({
  name: line(100, 'a name'),
  company: optional(100),
  street1: line(100, 'the street address'),
  street2: optional(100),
  city: line(100, 'the city'),
  state: line(50, 'the state'),
  zip: line(20, 'the ZIP code'),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Use a two-letter country code, e.g. US'),
  phone: optional(30),
  email: optional(254).pipe(z.email({ error: 'Enter a valid email address' }).nullable()),
});
export type ShipFromInput = z.infer<typeof shipFromInput>;

// Carrier limits for a parcel: 108 in on a side, 150 lb. Zero or absurd numbers stop here.
const dim = (what: string) => z.coerce.number({ error: `Enter the ${what} in inches` }).gt(0, `The ${what} must be more than 0`).max(108, `The ${what} can be at most 108 in`);
export const presetInput = z.object({
  name: line(100, 'a name'),
  lengthIn: dim('length'),
  widthIn: dim('width'),
  heightIn: dim('height'),
  weightOz: z.coerce.number({ error: 'Enter the weight in ounces' }).gt(0, 'The weight must be more than 0').max(2400, 'The weight can be at most 2400 oz (150 lb)'),
});
export type PresetInput = z.infer<typeof presetInput>;

async function requireAdmin(tx: Tx, orgId: string, userId: string) {
  if (!hasRole(await roleIn(tx, orgId, userId), 'admin')) {
    throw new ShippingSettingsError('Only owners and admins can change shipping settings.');
  }
}

const duplicate = (e: unknown, what: string): never => {
  if (pgErrorCode(e) === '23505') throw new ShippingSettingsError(`There is already ${what} with that name.`, { name: 'Choose another name' });
  throw e;
};

export async function listShipFrom(tx: Tx, orgId: string): Promise<ShipFromLocation[]> {
  return tx
    .select({
      id: shipFromLocations.id, name: shipFromLocations.name, company: shipFromLocations.company, street1: shipFromLocations.street1,
      street2: shipFromLocations.street2, city: shipFromLocations.city, state: shipFromLocations.state, zip: shipFromLocations.zip,
      country: shipFromLocations.country, phone: shipFromLocations.phone, email: shipFromLocations.email, isDefault: shipFromLocations.isDefault,
    })
    .from(shipFromLocations)
    .where(eq(shipFromLocations.orgId, orgId))
    .orderBy(asc(shipFromLocations.name));
}

export async function listPresets(tx: Tx, orgId: string): Promise<PackagePreset[]> {
  const rows = await tx.select().from(packagePresets).where(eq(packagePresets.orgId, orgId)).orderBy(asc(packagePresets.name));
  return rows.map((r) => ({ id: r.id, name: r.name, lengthIn: Number(r.lengthIn), widthIn: Number(r.widthIn), heightIn: Number(r.heightIn), weightOz: Number(r.weightOz) }));
}

// A location is Shippo's normalized form of the address, validated before the transaction (no
// HTTP call holds a database transaction open). The first location becomes the default.
export async function checkShipFrom(shippo: Shippo, input: ShipFromInput): Promise<ValidatedAddress> {
  const checked = await validateAddress(shippo, input);
  if (!checked.valid) {
    throw new ShippingSettingsError(`Shippo could not validate this address: ${checked.messages.join(' ') || 'check the street, city, state and ZIP.'}`);
  }
  return checked;
}

export async function canManageShipping(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  return hasRole(await roleIn(tx, orgId, userId), 'admin');
}

/** Saves a location whose address checkShipFrom accepted (called outside any transaction). */
export async function addShipFrom(tx: Tx, actor: { userId: string }, orgId: string, input: ShipFromInput, checked: ValidatedAddress): Promise<string> {
  await requireAdmin(tx, orgId, actor.userId);
  const a = checked.address;
  const existing = await tx.select({ id: shipFromLocations.id }).from(shipFromLocations).where(eq(shipFromLocations.orgId, orgId)).limit(1);
  // Raw SQL: people may insert the granted columns only (ids and timestamps are the database's).
  const [row] = rowsOf<{ id: string }>(
    await tx
      .execute(sql`insert into public.ship_from_locations (org_id, name, company, street1, street2, city, state, zip, country, phone, email, shippo_address_id, is_default, created_by)
        values (${orgId}::uuid, ${input.name}, ${input.company}, ${a.street1}, ${a.street2 ?? null}, ${a.city}, ${a.state}, ${a.zip}, ${a.country}, ${input.phone},
          ${input.email}, ${checked.shippoId}, ${existing.length === 0}, ${actor.userId}::uuid) returning id`)
      .catch((e) => duplicate(e, 'a location')),
  );
  await recordAudit(tx, { orgId, actor: { type: 'user', userId: actor.userId }, action: 'ship_from.created', targetType: 'ship_from_location', targetId: row.id });
  return row.id;
}

export async function deleteShipFrom(tx: Tx, actor: { userId: string }, orgId: string, id: string): Promise<void> {
  await requireAdmin(tx, orgId, actor.userId);
  const gone = await tx.delete(shipFromLocations).where(and(eq(shipFromLocations.orgId, orgId), eq(shipFromLocations.id, id))).returning({ id: shipFromLocations.id });
  if (!gone.length) throw new ShippingSettingsError('That location no longer exists.');
  await recordAudit(tx, { orgId, actor: { type: 'user', userId: actor.userId }, action: 'ship_from.deleted', targetType: 'ship_from_location', targetId: id });
}

export async function addPreset(tx: Tx, actor: { userId: string }, orgId: string, input: PresetInput): Promise<string> {
  await requireAdmin(tx, orgId, actor.userId);
  const [row] = rowsOf<{ id: string }>(
    await tx
      .execute(sql`insert into public.package_presets (org_id, name, length_in, width_in, height_in, weight_oz, created_by)
        values (${orgId}::uuid, ${input.name}, ${input.lengthIn}, ${input.widthIn}, ${input.heightIn}, ${input.weightOz}, ${actor.userId}::uuid) returning id`)
      .catch((e) => duplicate(e, 'a package')),
  );
  await recordAudit(tx, {
    orgId, actor: { type: 'user', userId: actor.userId }, action: 'package_preset.created', targetType: 'package_preset', targetId: row.id,
    details: { name: input.name.slice(0, 100) },
  });
  return row.id;
}

export async function deletePreset(tx: Tx, actor: { userId: string }, orgId: string, id: string): Promise<void> {
  await requireAdmin(tx, orgId, actor.userId);
  const gone = await tx.delete(packagePresets).where(and(eq(packagePresets.orgId, orgId), eq(packagePresets.id, id))).returning({ id: packagePresets.id });
  if (!gone.length) throw new ShippingSettingsError('That package no longer exists.');
  await recordAudit(tx, { orgId, actor: { type: 'user', userId: actor.userId }, action: 'package_preset.deleted', targetType: 'package_preset', targetId: id });
}
