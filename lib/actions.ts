import 'server-only';
// The one way a server action runs (DESIGN §3, transport stays thin): parse with one zod
// schema, read the session, check the role when the action needs one, call one lib function,
// and turn what went wrong into a message. Each action then shapes the outcome into the state
// its form renders. An unknown error's text is never answered nor logged: only its type.
import type { z } from 'zod';
import { fieldErrors } from '@/lib/auth/forms';
import { getSession, type Session } from '@/lib/auth/session';
import { pgErrorCode, withUser, type Tx } from '@/lib/db';
import { log } from '@/lib/log';
import type { Role } from '@/lib/model';
import { requireRole } from '@/lib/orgs/roles';
import { COMMON, UserFacingError } from '@/lib/messages';

type ReasonOf<T> = T extends { ok: false; reason: infer R extends string } ? R : never;
type Success<T> = Exclude<T, { ok: false; reason: string }>;

export interface ActionSpec<S extends z.ZodType, T> {
  /** Names the action in the log; the input never goes there. */
  name: string;
  schema: S;
  /** Fields the page fills in (hidden ids): a bad one means the page is stale, not a typo. */
  pageFields?: readonly string[];
  /** Sign-in and sign-up run without a session. */
  anonymous?: boolean;
  /**
   * The role the action needs in an organization: by default the input's `orgId`, or the one
   * `org` finds (an order's own organization). Not a member answers `notMember`, else `denied`.
   */
  role?: {
    min: Role;
    denied: string;
    notMember?: string;
    org?: (tx: Tx, input: z.output<S>) => Promise<string | null | undefined>;
  };
  /** The one lib call. A `{ ok: false, reason }` answer is refused with `refusals[reason]`. */
  run: (ctx: { input: z.output<S>; session: Session; orgId: string | undefined }) => Promise<T>;
  refusals?: Record<ReasonOf<T>, string>;
  messages?: { session?: string; failed?: string };
}

export type ActionOutcome<I, T> =
  | { ok: true; input: I; value: Success<T> }
  /** `fields`: the first message per field; `stale`: a page field was bad. */
  | { ok: false; kind: 'invalid'; fields: Record<string, string>; stale: boolean; message?: undefined }
  /** `input`: what was parsed, for a form to show again. */
  | { ok: false; kind: 'session' | 'forbidden' | 'refused' | 'failed'; message: string; input: I; fields?: undefined; stale?: undefined };

/** The error's type, for the log: never its message, which may carry input or internals. */
export function errorType(e: unknown): { type: string; code?: string } {
  const type = e instanceof Error ? e.name : typeof e;
  const code = pgErrorCode(e);
  return code ? { type, code } : { type };
}

// Next.js signals redirect()/notFound() by throwing; those must pass through untouched.
const isNextSignal = (e: unknown) => typeof (e as { digest?: unknown })?.digest === 'string';

export async function runAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>, raw: unknown): Promise<ActionOutcome<z.output<S>, T>> {
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return { ok: false, kind: 'invalid', fields, stale: (spec.pageFields ?? []).some((f) => f in fields) };
  }
  const input = parsed.data;
  const session = spec.anonymous ? null : await getSession();
  if (!session && !spec.anonymous) return { ok: false, kind: 'session', message: spec.messages?.session ?? COMMON.session, input };
  try {
    let orgId = (input as { orgId?: unknown })?.orgId as string | undefined;
    if (spec.role && session) {
      const { min, org } = spec.role;
      const check = await withUser(session.claims, async (tx) => {
        if (org) orgId = (await org(tx, input)) ?? undefined;
        return orgId ? requireRole(tx, orgId, session.userId, min) : 'not_member';
      });
      if (check === 'not_member') return { ok: false, kind: 'forbidden', message: spec.role.notMember ?? spec.role.denied, input };
      if (check === 'forbidden') return { ok: false, kind: 'forbidden', message: spec.role.denied, input };
    }
    const value = await spec.run({ input, session: session as Session, orgId });
    const refusal = value as { ok?: unknown; reason?: unknown };
    if (refusal?.ok === false && typeof refusal.reason === 'string') {
      const message = (spec.refusals as Record<string, string> | undefined)?.[refusal.reason];
      if (message) return { ok: false, kind: 'refused', message, input };
      throw new Error('an action got a refusal it has no message for'); // a bug: say nothing specific
    }
    return { ok: true, input, value: value as Success<T> };
  } catch (e) {
    if (isNextSignal(e)) throw e;
    if (e instanceof UserFacingError) return { ok: false, kind: 'refused', message: e.message, input };
    log.error({ action: spec.name, err: errorType(e) }, 'server action failed');
    return { ok: false, kind: 'failed', message: spec.messages?.failed ?? COMMON.nothingChanged, input };
  }
}

/** Form data as the plain object a schema parses: text fields only, missing ones undefined. */
export function formFields(form: unknown, names: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const n of names) {
    const v = form instanceof FormData ? form.get(n) : null;
    out[n] = typeof v === 'string' ? v : undefined;
  }
  return out;
}
