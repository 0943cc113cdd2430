// buildConnector: the right connector per marketplace, and credentials checked against it.
import { describe, expect, it } from 'vitest';
import { MarketplaceError, RateLimits } from './http';
import { tagCredentials } from './credentials';
import { buildConnector } from './registry';
import type { MarketplaceConfig } from '@/lib/env';

const marketplaces: MarketplaceConfig = {
  walmart: { baseUrl: 'http://127.0.0.1:9' },
  amazon: {
    region: 'na',
    marketplaceIds: ['ATVPDKIKX0DER'],
    sellerCentralUrl: 'http://127.0.0.1:9',
    endpointOverride: 'http://127.0.0.1:9',
    app: { clientId: 'c', clientSecret: 's', applicationId: 'a', draft: true },
  },
  ebay: { apiBaseUrl: 'http://127.0.0.1:9', authBaseUrl: 'http://127.0.0.1:9', marketplaceId: 'EBAY_US', app: { clientId: 'c', clientSecret: 's', ruName: 'r' } },
  shippo: { baseUrl: 'http://127.0.0.1:9', apiKey: null },
};
const deps = { marketplaces, limits: new RateLimits() };

describe('buildConnector', () => {
  it('serves each marketplace with its own connector', () => {
    expect(buildConnector('walmart', { clientId: 'id', clientSecret: 'secret' }, deps).marketplace).toBe('walmart');
    expect(buildConnector('amazon', { refreshToken: 'Atzr|x', sellingPartnerId: 'A1' }, deps).marketplace).toBe('amazon');
    expect(buildConnector('ebay', { refreshToken: 'v^1.1#x' }, deps).marketplace).toBe('ebay');
  });

  it('refuses credentials of another marketplace with a message naming fields, not values', () => {
    const stored: unknown = { refreshToken: 'SECRET-REFRESH', sellingPartnerId: 'A1' };
    let error: unknown;
    try {
      tagCredentials('walmart', stored);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MarketplaceError);
    expect((error as MarketplaceError).kind).toBe('auth');
    expect((error as MarketplaceError).message).toMatch(/not walmart credentials \(clientId, clientSecret\)/);
    expect((error as MarketplaceError).message).not.toContain('SECRET-REFRESH');
  });

  it('tags what it checked, so the marketplace narrows the credentials', () => {
    const c = tagCredentials('ebay', { refreshToken: 'r' });
    expect(c).toEqual({ marketplace: 'ebay', credentials: { refreshToken: 'r' } });
  });
});
