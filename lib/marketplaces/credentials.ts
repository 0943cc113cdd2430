// One credentials type per marketplace, tagged by the marketplace they belong to. Stored credentials
// come back from the vault as untyped JSON: `tagCredentials` checks their shape against the account's
// marketplace, so a mix-up (Walmart keys on an eBay account) is a clear error, never a cast.
import { z } from 'zod';
import type { Marketplace } from '@/lib/model';
import { MarketplaceError } from './http';
import type { AmazonCredentials } from './amazon/connector';
import type { EbayCredentials } from './ebay/connector';
import type { WalmartCredentials } from './walmart/client';

export type { AmazonCredentials, EbayCredentials, WalmartCredentials };

export interface CredentialsByMarketplace {
  walmart: WalmartCredentials;
  amazon: AmazonCredentials;
  ebay: EbayCredentials;
}

/** The credentials of some marketplace (what is sealed in the vault, untagged). */
export type AccountCredentials = CredentialsByMarketplace[Marketplace];

/** Credentials with the marketplace they belong to: `switch (c.marketplace)` narrows `c.credentials`. */
export type MarketplaceCredentials = { [M in Marketplace]: { marketplace: M; credentials: CredentialsByMarketplace[M] } }[Marketplace];

const nonEmpty = z.string().min(1);
const walmart = z.object({ clientId: nonEmpty, clientSecret: nonEmpty });
const amazon = z.object({ refreshToken: nonEmpty, sellingPartnerId: nonEmpty });
const ebay = z.object({ refreshToken: nonEmpty });

function checked<T>(schema: z.ZodType<T>, marketplace: Marketplace, raw: unknown): T {
  const r = schema.safeParse(raw);
  // The issues name fields only (never values): credentials must not reach a message.
  if (!r.success) {
    const fields = [...new Set(r.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    throw new MarketplaceError('auth', `The stored credentials are not ${marketplace} credentials (${fields}): reconnect the account`);
  }
  return r.data;
}

/** Checks raw credentials against the account's marketplace and tags them. */
export function tagCredentials(marketplace: Marketplace, raw: unknown): MarketplaceCredentials {
  switch (marketplace) {
    case 'walmart':
      return { marketplace, credentials: checked(walmart, marketplace, raw) };
    case 'amazon':
      return { marketplace, credentials: checked(amazon, marketplace, raw) };
    case 'ebay':
      return { marketplace, credentials: checked(ebay, marketplace, raw) };
  }
}
