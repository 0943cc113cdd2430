// Vercel Cron (and the embedded default's scheduler), hourly: eBay deletions still pending,
// scheduled anonymization of buyer PII, and expiry of old operational rows.
import { serviceDatabase } from '@/lib/db';
import { config } from '@/lib/env';
import { cronRoute } from '@/lib/jobs/cron-route';
import { runPrivacyTick } from '@/lib/privacy/tick';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

export const GET = cronRoute('privacy', async () => {
  const r = await runPrivacyTick(await serviceDatabase('anonymize'), { budgetMs: 50_000, operationalDays: config().operationalRetentionDays });
  return {
    ebayDeletionsHonoured: r.ebay.honoured,
    ebayDeletionsFailed: r.ebay.failed,
    buyersAnonymized: r.retention.buyersAnonymized,
    organizations: r.retention.organizations,
    complete: r.retention.complete,
    expired: r.expired,
  };
});
