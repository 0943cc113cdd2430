// The server-action helper: what each kind of failure answers, that nothing runs before the
// input, the session and the role pass, and that an unknown error's text never leaves it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg } from '@/tests/support/fixtures';
import type { Claims } from '@/lib/db/session';
import { confirmedUser } from '@/tests/support/users';

import { actionCtx as ctx } from '@/tests/support/action-session';

vi.mock('@/lib/auth/session', async () => (await import('@/tests/support/action-session')).sessionModule());
vi.mock('@/lib/db', async (orig) => (await import('@/tests/support/action-session')).dbModule(await orig<object>()));

const { runAction } = await import('./actions');
const { COMMON, UserFacingError } = await import('./messages');
const { log } = await import('./log');

const CANARY = 'canary-7f3a secret row text buyer@example.test';
const schema = z.object({
  orgId: z.uuid({ error: COMMON.stale }),
  name: z.string().trim().min(1, 'Enter a name').max(5, 'Use at most 5 characters'),
});

describe.each(backends)('runAction on $name', (backend) => {
  let t: TestDatabase;
  let owner: Claims, viewer: Claims, outsider: Claims;
  let orgId: string;
  const run = vi.fn();
  const spec = (extra: object = {}) => ({ name: 'test.action', schema, pageFields: ['orgId'], run, ...extra });
  const input = () => ({ orgId, name: 'Ann' });

  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    [owner, viewer, outsider] = [await confirmedUser(ctx.db), await confirmedUser(ctx.db), await confirmedUser(ctx.db)];
    orgId = await createOrg(ctx.db, 'Acme', [[owner, 'owner'], [viewer, 'viewer']]);
  });
  afterAll(() => t?.cleanup());
  beforeEach(() => {
    ctx.user = owner;
    run.mockReset();
    run.mockResolvedValue({ ok: true, id: 7 });
  });

  it('bad input answers the first message per field, marks a bad page field stale, and runs nothing', async () => {
    ctx.user = undefined; // the input is checked before the session
    expect(await runAction(spec(), { orgId, name: '  ' })).toEqual({ ok: false, kind: 'invalid', fields: { name: 'Enter a name' }, stale: false });
    expect(await runAction(spec(), { orgId: 'nope', name: 'far too long' })).toEqual({
      ok: false, kind: 'invalid', stale: true, fields: { orgId: COMMON.stale, name: 'Use at most 5 characters' },
    });
    expect(await runAction(spec(), 'not an object')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(run).not.toHaveBeenCalled();
  });

  it('no session answers the session message (or the action\'s own) and runs nothing', async () => {
    ctx.user = undefined;
    expect(await runAction(spec(), input())).toMatchObject({ ok: false, kind: 'session', message: COMMON.session });
    expect(await runAction(spec({ messages: { session: 'Signed out.' } }), input())).toMatchObject({ kind: 'session', message: 'Signed out.' });
    expect(await runAction(spec({ anonymous: true }), input())).toMatchObject({ ok: true });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('checks the role in the organization: too low → denied, not a member → notMember; only then runs', async () => {
    const role = { min: 'operator', denied: 'Viewers cannot.', notMember: 'Not yours.' } as const;
    ctx.user = viewer;
    expect(await runAction(spec({ role }), input())).toMatchObject({ ok: false, kind: 'forbidden', message: 'Viewers cannot.' });
    ctx.user = outsider;
    expect(await runAction(spec({ role }), input())).toMatchObject({ ok: false, kind: 'forbidden', message: 'Not yours.' });
    expect(await runAction(spec({ role: { ...role, notMember: undefined } }), input())).toMatchObject({ message: 'Viewers cannot.' });
    expect(run).not.toHaveBeenCalled();
    ctx.user = owner;
    expect(await runAction(spec({ role }), input())).toEqual({ ok: true, input: { orgId, name: 'Ann' }, value: { ok: true, id: 7 } });
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ input: { orgId, name: 'Ann' }, orgId }));
  });

  it('a role checked in an organization the action finds (an order\'s own)', async () => {
    const role = { min: 'admin', denied: 'Admins only.', org: async () => orgId } as const;
    expect(await runAction(spec({ role }), { orgId: crypto.randomUUID(), name: 'x' })).toMatchObject({ ok: true });
    expect(run.mock.calls[0][0].orgId).toBe(orgId);
    const nowhere = { ...role, org: async () => null, notMember: 'Gone.' };
    expect(await runAction(spec({ role: nowhere }), input())).toMatchObject({ kind: 'forbidden', message: 'Gone.' });
  });

  it('maps a lib refusal and a UserFacingError to their messages', async () => {
    run.mockResolvedValueOnce({ ok: false, reason: 'taken' });
    expect(await runAction(spec({ refusals: { taken: 'That name is taken.' } }), input())).toMatchObject({ ok: false, kind: 'refused', message: 'That name is taken.' });
    run.mockRejectedValueOnce(new UserFacingError('Only an owner can rename the organization.'));
    expect(await runAction(spec(), input())).toMatchObject({ kind: 'refused', message: 'Only an owner can rename the organization.' });
  });

  it('an unknown error answers the generic message; neither the answer nor the log has its text', async () => {
    const lines: string[] = [];
    const spies = (['error', 'warn', 'info'] as const).map((level) =>
      vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => void lines.push(JSON.stringify(args))) as never),
    );
    try {
      const boom = Object.assign(new TypeError(CANARY), { code: '23505', detail: CANARY, cause: new Error(CANARY) });
      run.mockRejectedValueOnce(boom);
      const r = await runAction(spec(), input());
      expect(r).toMatchObject({ ok: false, kind: 'failed', message: COMMON.nothingChanged });
      run.mockRejectedValueOnce('a thrown string ' + CANARY);
      expect(await runAction(spec({ messages: { failed: 'Could not save.' } }), input())).toMatchObject({ kind: 'failed', message: 'Could not save.' });
      // A refusal the action has no words for is a bug, answered like any unknown error.
      run.mockResolvedValueOnce({ ok: false, reason: CANARY });
      expect(await runAction(spec({ refusals: {} }), input())).toMatchObject({ kind: 'failed', message: COMMON.nothingChanged });
      expect(JSON.stringify(r)).not.toContain('canary');
      expect(lines).toHaveLength(3);
      expect(lines.join('\n')).not.toContain('canary');
      expect(JSON.parse(lines[0])[0]).toEqual({ action: 'test.action', err: { type: 'TypeError', code: '23505' } });
      expect(JSON.parse(lines[1])[0]).toEqual({ action: 'test.action', err: { type: 'string' } });
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  it('lets Next.js redirect and notFound signals through', async () => {
    const signal = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/sign-in;307;' });
    run.mockRejectedValueOnce(signal);
    await expect(runAction(spec(), input())).rejects.toBe(signal);
  });
});
