// Requests that can only be attacks or junk on a page URL are refused before Next.js sees them.
// Next.js itself refuses a cross-site Origin and a body over its 1 MB Server Actions limit, but as
// a 500; and an action posted with arguments but no form data reaches the action and fails inside
// it. Every page POST here is a Server Action, and every action here that reads an argument takes
// form data.
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

interface RequestLike {
  method: string;
  headers: Headers;
}

const refuse = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/** The host the browser addressed, as Next.js's own Server Actions check reads it. */
function requestHost(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || headers.get('host');
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

/**
 * Whether the action reads any argument. Next.js writes this into the action id's first byte
 * (bit 7: "use cache"; bits 6-1: which of the first six arguments are used; bit 0: rest args), and
 * its client then sends an action that reads none, like sign-out, as a plain-text `[]`.
 */
function actionReadsArguments(actionId: string): boolean {
  const info = Number.parseInt(actionId.slice(0, 2), 16);
  return !Number.isInteger(info) || (info & 0x7f) !== 0;
}

/** A 4xx for a page POST that must not run, or null to let it through. */
export function refuseBadActionRequest(req: RequestLike): Response | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const origin = req.headers.get('origin');
  // No Origin: not a browser (browsers send it on every POST), so no cookies were sent for it.
  if (origin !== null) {
    const host = requestHost(req.headers);
    if (!host || originHost(origin) !== host) return refuse(403, 'Cross-site request refused.');
  }
  const length = Number(req.headers.get('content-length') ?? 0);
  if (!Number.isFinite(length) || length > ACTION_BODY_LIMIT_BYTES) return refuse(413, 'Request body too large (1 MB at most).');
  const contentType = req.headers.get('content-type') ?? '';
  const actionId = req.headers.get('next-action');
  if (actionId !== null && actionReadsArguments(actionId) && !/^multipart\/form-data\s*;/i.test(contentType)) {
    return refuse(400, 'This action takes a form.');
  }
  return null;
}
