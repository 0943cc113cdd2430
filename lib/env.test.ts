import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@/tests/support/temp-dir';
import { ConfigError, loadConfig } from './env';

const key = (id: string) => `${id}:${Buffer.alloc(32, 7).toString('base64')}`;
const production = {
  SUPABASE_URL: 'https://abcd.supabase.co',
  SUPABASE_ANON_KEY: 'sb_publishable_0123456789abcdef',
  DATABASE_URL: 'postgresql://postgres.abcd:pw@aws-0-us-east-1.pooler.supabase.com:6543/postgres',
  ENCRYPTION_KEY: key('k1'),
  CRON_SECRET: 'x'.repeat(40),
};

describe('loadConfig', () => {
  it('runs on the embedded default with no variables, generating local secrets once', () => {
    const dir = tempDir('env');
    const a = loadConfig({ ESM_DATA_DIR: dir });
    expect(a).toMatchObject({ production: false, sandbox: true, databaseUrl: undefined, port: 3000 });
    expect(a.supabaseUrl).toBe('http://127.0.0.1:3000');
    expect(a.encryptionKeys[0].key).toHaveLength(32);
    const b = loadConfig({ ESM_DATA_DIR: dir, PORT: '4123' });
    expect(b.cronSecret).toBe(a.cronSecret);
    expect(b.supabaseUrl).toBe('http://127.0.0.1:4123');
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('accepts complete production configuration and never enables the sandbox', () => {
    const c = loadConfig({ ...production, ENCRYPTION_KEY: `${key('k2')},${key('k1')}` });
    expect(c).toMatchObject({ production: true, sandbox: false, supabaseUrl: 'https://abcd.supabase.co' });
    expect(c.encryptionKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it.each(Object.keys(production))('names %s when it is missing from production configuration', (name) => {
    const env: Record<string, string> = { ...production };
    delete env[name];
    if (name === 'SUPABASE_URL') env.VERCEL = '1'; // still production without the URL
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name} is required`));
  });

  it.each([
    ['SUPABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['ENCRYPTION_KEY', 'k1:tooshort'],
    ['CRON_SECRET', 'short'],
  ])('names %s when it is malformed', (name, value) => {
    expect(() => loadConfig({ ...production, [name]: value })).toThrow(new RegExp(`${name} `));
  });

  it('refuses a bad PORT and a malformed DATABASE_URL on the embedded default', () => {
    expect(() => loadConfig({ PORT: 'abc', ESM_DATA_DIR: tempDir('env') })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'nope', ESM_DATA_DIR: tempDir('env') })).toThrow(/DATABASE_URL/);
  });
});

describe('marketplace configuration', () => {
  it('uses the real hosts by default and never the sandbox URLs in production', () => {
    const c = loadConfig({ ...production, ESM_SANDBOX_WALMART_URL: 'http://127.0.0.1:4101', ESM_SANDBOX_AMAZON_URL: 'http://127.0.0.1:4102' });
    expect(c.marketplaces.walmart.baseUrl).toBe('https://marketplace.walmartapis.com');
    expect(c.marketplaces.amazon.endpointOverride).toBeNull();
    expect(c.marketplaces.ebay.apiBaseUrl).toBe('https://api.ebay.com');
    expect(c.marketplaces.amazon.app).toBeNull();
  });

  it('points at the sandbox simulators on the embedded default', () => {
    const c = loadConfig({ ESM_DATA_DIR: tempDir('env'), ESM_SANDBOX_WALMART_URL: 'http://127.0.0.1:4101', ESM_SANDBOX_AMAZON_URL: 'http://127.0.0.1:4102' });
    expect(c.marketplaces.walmart.baseUrl).toBe('http://127.0.0.1:4101');
    expect(c.marketplaces.amazon.endpointOverride).toBe('http://127.0.0.1:4102');
  });

  it('names the missing variable of a partly configured marketplace app', () => {
    expect(() => loadConfig({ ...production, EBAY_CLIENT_ID: 'id', EBAY_CLIENT_SECRET: 'secret' })).toThrow(/EBAY_RUNAME is required/);
    expect(() => loadConfig({ ...production, AMAZON_REGION: 'mars' })).toThrow(/AMAZON_REGION/);
  });

  describe('eBay account deletion', () => {
    const ebay = { EBAY_CLIENT_ID: 'id', EBAY_CLIENT_SECRET: 'secret', EBAY_RUNAME: 'Seller-App-runame' };
    const token = 'tok_' + 'a'.repeat(40);

    it('is required in production once eBay is configured, and absent without eBay', () => {
      expect(loadConfig(production).ebayDeletion).toBeNull();
      expect(() => loadConfig({ ...production, ...ebay })).toThrow(/EBAY_DELETION_VERIFICATION_TOKEN and EBAY_DELETION_ENDPOINT/);
      expect(() => loadConfig({ ...production, ...ebay, EBAY_DELETION_VERIFICATION_TOKEN: token })).toThrow(/needs EBAY_DELETION_ENDPOINT/);
      const c = loadConfig({ ...production, ...ebay, EBAY_DELETION_VERIFICATION_TOKEN: token, EBAY_DELETION_ENDPOINT: 'https://esm.example.com/api/ebay/account-deletion' });
      expect(c.ebayDeletion).toEqual({ verificationToken: token, endpoint: 'https://esm.example.com/api/ebay/account-deletion' });
    });

    it.each(['short', 'a'.repeat(81), 'has space in it and is long enough to pass.', 'ünïcode-'.repeat(5)])('refuses the token %j', (bad) => {
      expect(() => loadConfig({ ...production, ...ebay, EBAY_DELETION_VERIFICATION_TOKEN: bad, EBAY_DELETION_ENDPOINT: 'https://x.example/e' })).toThrow(/32-80 characters/);
    });

    it('wants an https endpoint in production', () => {
      expect(() => loadConfig({ ...production, ...ebay, EBAY_DELETION_VERIFICATION_TOKEN: token, EBAY_DELETION_ENDPOINT: 'http://x.example/e' })).toThrow(/EBAY_DELETION_ENDPOINT/);
    });

    it('uses the app URL and a stable generated token on the embedded default', () => {
      const dir = tempDir('env');
      const a = loadConfig({ ESM_DATA_DIR: dir, PORT: '4321' });
      expect(a.ebayDeletion!.endpoint).toBe('http://localhost:4321/api/ebay/account-deletion');
      expect(a.ebayDeletion!.verificationToken).toMatch(/^[A-Za-z0-9_-]{32,80}$/);
      expect(loadConfig({ ESM_DATA_DIR: dir }).ebayDeletion!.verificationToken).toBe(a.ebayDeletion!.verificationToken);
      expect(loadConfig({ ESM_DATA_DIR: tempDir('env') }).ebayDeletion!.verificationToken).not.toBe(a.ebayDeletion!.verificationToken);
      expect(loadConfig({ ESM_DATA_DIR: dir, EBAY_DELETION_VERIFICATION_TOKEN: token }).ebayDeletion!.verificationToken).toBe(token);
    });
  });

  it('keeps operational rows 90 days unless OPERATIONAL_RETENTION_DAYS says otherwise (7-3650)', () => {
    const dir = tempDir('env');
    expect(loadConfig({ ESM_DATA_DIR: dir }).operationalRetentionDays).toBe(90);
    expect(loadConfig({ ESM_DATA_DIR: dir, OPERATIONAL_RETENTION_DAYS: '30' }).operationalRetentionDays).toBe(30);
    for (const bad of ['6', '3651', '12.5', 'forever']) {
      expect(() => loadConfig({ ESM_DATA_DIR: dir, OPERATIONAL_RETENTION_DAYS: bad }), bad).toThrow(/OPERATIONAL_RETENTION_DAYS/);
    }
  });
});
