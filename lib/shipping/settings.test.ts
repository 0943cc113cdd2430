// Settings → Shipping against the Shippo simulator, on every backend: admins manage, operators
// read, Shippo's verdict on an address decides whether it is saved, bad numbers never get in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import { auditEvents, shipFromLocations } from '@/lib/db/schema';
import { FROM, KEY, startShippo, type Sim } from '@/sandbox/shippo/testkit';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { shippoClient, ShippoCallError } from './shippo';
import {
  addPreset, addShipFrom, checkShipFrom, listPresets, listShipFrom, presetInput, shipFromInput, ShippingSettingsError,
} from './settings';

const location = shipFromInput.parse({ ...FROM, name: 'Portland warehouse', street2: '' });

describe.each(backends)('shipping settings on $name', (backend) => {
  let t: TestDatabase;
  let sim: Sim;
  let admin: Claims, operator: Claims, other: Claims;
  let orgId: string, otherOrg: string;
  beforeAll(async () => {
    t = await backend.open();
    sim = await startShippo();
    [admin, operator, other] = await Promise.all([createUser(t.database.db), createUser(t.database.db), createUser(t.database.db)]);
    orgId = await createOrg(t.database.db, 'Ship A', [[admin, 'admin'], [operator, 'operator']]);
    otherOrg = await createOrg(t.database.db, 'Ship B', [[other, 'owner']]);
  });
  afterAll(async () => {
    await sim?.close();
    await t?.cleanup();
  });
  const as = <T>(c: Claims, fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(t.database.db, c, fn);
  const shippo = () => shippoClient({ baseUrl: sim.url, apiKey: KEY });

  it('saves a location Shippo validated, normalized, as the default; operators read it, cannot add one', async () => {
    const checked = await checkShipFrom(shippo(), location);
    const id = await as(admin, (tx) => addShipFrom(tx, { userId: admin.sub }, orgId, location, checked));
    const listed = await as(operator, (tx) => listShipFrom(tx, orgId));
    expect(listed).toEqual([expect.objectContaining({ id, name: 'Portland warehouse', city: 'Portland', zip: '97209-0189', street2: null, isDefault: true })]);
    await expect(as(operator, (tx) => addShipFrom(tx, { userId: operator.sub }, orgId, { ...location, name: 'X' }, checked))).rejects.toThrow(ShippingSettingsError);
    await expect(as(admin, (tx) => addShipFrom(tx, { userId: admin.sub }, orgId, location, checked))).rejects.toThrow(/already a location with that name/);
    expect(await as(other, (tx) => listShipFrom(tx, orgId))).toEqual([]);
    const trail = await runAsService(t.database.db, 'tests', (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'ship_from.created'))));
    expect(trail).toHaveLength(1);
  });

  it('refuses an address Shippo rejects, with its reason, and stores nothing', async () => {
    const before = await runAsService(t.database.db, 'tests', (tx) => tx.select().from(shipFromLocations));
    const bad = { ...location, name: 'Wrong ZIP', zip: '10001' }; // a New York ZIP with Oregon
    const err = await checkShipFrom(shippo(), bad).catch((e) => e);
    expect(err).toBeInstanceOf(ShippingSettingsError);
    expect(err.userMessage).toMatch(/Shippo could not validate this address: .+/);
    expect(await runAsService(t.database.db, 'tests', (tx) => tx.select().from(shipFromLocations))).toEqual(before);
  });

  it('an unknown API key is a clear message, not a crash', async () => {
    const err = await checkShipFrom(shippoClient({ baseUrl: sim.url, apiKey: 'shippo_test_nosuchkey000000000000000000000000' }), location).catch((e) => e);
    expect(err).toBeInstanceOf(ShippoCallError);
    expect(err.kind).toBe('auth');
    expect(err.userMessage).toMatch(/did not accept the API key/);
    expect(err.userMessage).not.toContain('nosuchkey');
    const missing = (() => {
      try {
        shippoClient({ baseUrl: sim.url, apiKey: null });
      } catch (e) {
        return e as ShippoCallError;
      }
    })();
    expect(missing?.userMessage).toMatch(/SHIPPO_API_KEY is missing/);
  });

  it('package presets: bad numbers are refused with a reason per field; admins save, operators read', async () => {
    const bad = presetInput.safeParse({ name: ' ', lengthIn: '0', widthIn: '109', heightIn: 'abc', weightOz: '-1' });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(fields).toEqual({
      name: 'Enter a name', lengthIn: 'The length must be more than 0', widthIn: 'The width can be at most 108 in',
      heightIn: expect.stringMatching(/height/), weightOz: 'The weight must be more than 0',
    });
    const ok = presetInput.parse({ name: 'Small box', lengthIn: '10', widthIn: '8', heightIn: '4', weightOz: '12.5' });
    await as(admin, (tx) => addPreset(tx, { userId: admin.sub }, orgId, ok));
    expect(await as(operator, (tx) => listPresets(tx, orgId))).toEqual([expect.objectContaining({ name: 'Small box', lengthIn: 10, weightOz: 12.5 })]);
    await expect(as(operator, (tx) => addPreset(tx, { userId: operator.sub }, orgId, { ...ok, name: 'Op box' }))).rejects.toThrow(/Only owners and admins/);
    await expect(as(other, (tx) => addPreset(tx, { userId: other.sub }, orgId, { ...ok, name: 'Cross' }))).rejects.toThrow(/Only owners and admins/);
    expect(await as(other, (tx) => listPresets(tx, otherOrg))).toEqual([]);
  });
});
