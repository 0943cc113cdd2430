import 'server-only';
// Vercel Cron sends `Authorization: Bearer $CRON_SECRET`. Compared in constant time.
import crypto from 'node:crypto';
import { config } from '@/lib/env';

export function isCronAuthorized(req: Request): boolean {
  const header = req.headers.get('authorization') ?? '';
  const expected = `Bearer ${config().cronSecret}`;
  const a = crypto.createHash('sha256').update(header).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}
