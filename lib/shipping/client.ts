import 'server-only';
// The Shippo client for this deployment: base URL and key from validated configuration (the
// embedded default points it at the Shippo simulator).
import type { Shippo } from 'shippo';
import { config } from '@/lib/env';
import { shippoClient } from './shippo';

export function configuredShippo(opts: { timeoutMs?: number } = {}): Shippo {
  const { baseUrl, apiKey } = config().marketplaces.shippo;
  return shippoClient({ baseUrl, apiKey, timeoutMs: opts.timeoutMs });
}
