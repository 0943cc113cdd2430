import 'server-only';
// The Shippo client for this deployment: base URL and key from validated configuration (the
// embedded default points it at the Shippo simulator).
import type { Shippo } from 'shippo';
import { serviceDatabase } from '@/lib/db';
import { config } from '@/lib/env';
import type { ShippingDeps } from './purchase';
import { shippoClient } from './shippo';

export function configuredShippo(opts: { timeoutMs?: number } = {}): Shippo {
  const { baseUrl, apiKey } = config().marketplaces.shippo;
  return shippoClient({ baseUrl, apiKey, timeoutMs: opts.timeoutMs });
}

/** The database and Shippo client the shipping service path works with. */
export async function shippingDeps(): Promise<ShippingDeps> {
  return { db: await serviceDatabase('shipping'), shippo: configuredShippo() };
}
